// Shared by the CLI suites: run bin/mt-pii.js as a user would, and make throw-away project folders.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'mt-pii.js');
/** An email to Sentry (a warning) and an SSN to localStorage (an error). */
export const LEAK = "import * as Sentry from '@sentry/node';\nexport const f = (u: { email: string }) => Sentry.setUser({ email: u.email });\n";
export const STORE = "export const g = (u: { ssn: string }) => localStorage.setItem('ssn', u.ssn);\n";

/** Runs `mt-pii <args>` in `cwd` (a budget against hangs, not a speed limit). */
export function run(args: string[], cwd: string, input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600000, input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project folder with these files; `.git` marks a repository root (nothing of git runs). */
export function repo(files: Record<string, string>, git = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-repo-'));
  if (git) fs.mkdirSync(path.join(dir, '.git'));
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}
