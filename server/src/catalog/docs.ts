import * as fs from 'fs';
import * as path from 'path';

/** The documentation of a rule shipped in rules/montana/<name>.md, as a file URI (the README for ''). */
export function ruleDocUri(rulesDir: string, ruleId: string): string {
  // vsce ships the README as readme.md; a checkout has README.md.
  const readme = ['README.md', 'readme.md'].map((n) => path.join(rulesDir, '..', n)).find((f) => fs.existsSync(f)) ?? path.join(rulesDir, '..', 'README.md');
  const file = ruleId ? path.join(rulesDir, 'montana', ruleId.replace(/^mt\//, '') + '.md') : readme;
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
