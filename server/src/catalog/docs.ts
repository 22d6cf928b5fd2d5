import * as fs from 'fs';
import * as path from 'path';

/** The documentation of a rule shipped in rules/montana/<name>.md, as a file URI (the README for ''). */
export function ruleDocUri(rulesDir: string, ruleId: string): string {
  const file = ruleId ? path.join(rulesDir, 'montana', ruleId.replace(/^mt\//, '') + '.md') : path.join(rulesDir, '..', 'README.md');
  return 'file://' + file.split(path.sep).join('/');
}

/** The product version, from package.json beside the compiled code. */
export function productVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}
