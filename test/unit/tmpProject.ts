/** A scratch project for tests: the files given, under a fresh temporary folder (its real path). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export function tmpProject(files: Record<string, string>, prefix = 'mt-pii-project-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
