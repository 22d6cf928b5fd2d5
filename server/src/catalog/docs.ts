import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

/**
 * The documentation of a rule as the language server links it: rules/montana/<name>.md of the rules folder
 * the running server loaded (the one shipped in the installed extension or package, found from the
 * server's own location at run time, never a path of the machine that built it), as a file URI; the README
 * for ''. The editor opens it where the server runs (VS Code maps the URI of a remote server's files).
 */
export function ruleDocUri(rulesDir: string, ruleId: string): string {
  // vsce ships the README as readme.md; a checkout has README.md.
  const readme = ['README.md', 'readme.md'].map((n) => path.join(rulesDir, '..', n)).find((f) => fs.existsSync(f)) ?? path.join(rulesDir, '..', 'README.md');
  const file = ruleId ? path.join(rulesDir, 'montana', ruleId.replace(/^mt\//, '') + '.md') : readme;
  return pathToFileURL(file).href;
}

/** The product version, from package.json beside the compiled code. */
export function productVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}
