// Writing a file so that a crash or a full disk never leaves it half written: a temporary file beside it,
// then a rename over it (atomic on one file system).
import * as fs from 'fs';
import * as path from 'path';

/**
 * @example
 * writeFileAtomic('/app/src/a.ts', fixedText) // readers see the old text or the new one, never a mix
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.mt-pii-${process.pid}-${Date.now()}.tmp`);
  try {
    let mode: number | undefined;
    try {
      mode = fs.statSync(file).mode;
    } catch {
      mode = undefined;
    }
    fs.writeFileSync(tmp, text, mode !== undefined ? { mode } : undefined);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
