// Shared by the hostile-repository suite: run mt-pii with a hard time limit (an attack that hangs fails the
// test instead of the suite), optionally with file system faults injected into the process (a full disk, a
// kill in the middle of a write, a folder that cannot be listed).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BIN, ROOT } from '../unit/cliHarness';

export { BIN, ROOT, repo } from '../unit/cliHarness';

/** Far above what a fixed attack takes (seconds); only a regression that hangs reaches it. */
export const HANG_LIMIT_MS = 90000;

export interface Faults {
  /** Writes to temporary files fail with ENOSPC, as on a full disk. */
  enospc?: boolean;
  /** The process kills itself (SIGKILL) after writing half of a temporary file. */
  killMidWrite?: boolean;
  /** Listing this folder fails with EACCES (the suite may run as root, which no permission stops). */
  unreadableDir?: string;
  /** Reading this file fails with EACCES. */
  unreadableFile?: string;
}

/**
 * A module preloaded with `--require` that injects the faults into `fs`, the way a full disk or missing
 * permissions would show: the code under test is unchanged.
 */
function preload(): string {
  const file = path.join(os.tmpdir(), `mt-pii-faults-${process.pid}.js`);
  if (fs.existsSync(file)) return file;
  fs.writeFileSync(file, `'use strict';
const fs = require('fs');
const f = JSON.parse(process.env.MT_PII_FAULTS || '{}');
const err = (code, p) => Object.assign(new Error(code + ': injected fault, ' + p), { code });
const tmpFds = new Set();
const open = fs.openSync;
fs.openSync = function (p, flags, mode) {
  const fd = open.apply(this, arguments);
  if (typeof p === 'string' && /\\.tmp$/.test(p)) tmpFds.add(fd);
  return fd;
};
const write = fs.writeSync;
fs.writeSync = function (fd, data, off, len) {
  if (tmpFds.has(fd)) {
    if (f.enospc) throw err('ENOSPC', 'no space left on device');
    if (f.killMidWrite) {
      const buf = Buffer.isBuffer(data) ? data : Buffer.from(String(data));
      write.call(this, fd, buf, 0, Math.floor(buf.length / 2));
      fs.fsyncSync(fd);
      process.kill(process.pid, 'SIGKILL');
    }
  }
  return write.apply(this, arguments);
};
const readdir = fs.readdirSync;
fs.readdirSync = function (p) {
  if (f.unreadableDir && String(p) === f.unreadableDir) throw err('EACCES', 'permission denied');
  return readdir.apply(this, arguments);
};
const readFile = fs.readFileSync;
fs.readFileSync = function (p) {
  if (f.unreadableFile && String(p) === f.unreadableFile) throw err('EACCES', 'permission denied');
  return readFile.apply(this, arguments);
};
`);
  return file;
}

/** Runs `mt-pii <args>` in `cwd`, stopped after HANG_LIMIT_MS (then `code` is null and `timedOut` true). */
export function run(args: string[], cwd: string, options: { faults?: Faults; input?: string | Buffer } = {}): { code: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const pre = options.faults ? ['--require', preload()] : [];
  const env = { ...process.env, ...(options.faults ? { MT_PII_FAULTS: JSON.stringify(options.faults) } : {}) };
  const r = spawnSync(process.execPath, [...pre, BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 27, timeout: HANG_LIMIT_MS, input: options.input });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut: !!r.error || r.signal === 'SIGTERM' };
}

/** Asserts an error output is a user-facing message: no stack trace, no internal error. */
export function noStack(stderr: string): boolean {
  return !/internal error|\n\s+at .+:\d+:\d+\)?\n|Unhandled|node:internal/.test(stderr);
}

/** A folder outside any repository, for files an attack must not reach. */
export function outside(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-outside-'));
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

/** Compiled server entry, for the language-server attacks. */
export const SERVER = path.join(ROOT, 'out', 'server', 'src', 'lsp', 'server.js');
