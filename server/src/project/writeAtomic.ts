/**
 * Writing a file so a reader never sees half of it: the text goes to a temporary file beside the target,
 * which then replaces it in one rename. Used for reports the CLI writes.
 */
import * as fs from 'fs';
import * as path from 'path';

export function writeFileAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing more to clean up
    }
    throw e;
  }
}
