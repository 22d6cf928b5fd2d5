// Writing a file so that a crash, a kill or a full disk never leaves it half written: a new temporary file beside
// it, flushed to disk, then renamed over it. A symbolic link at the path is replaced, never written through.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** The file system calls a write uses (tests pass one that fails, as a full disk would). */
export type WriteIo = Pick<typeof fs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync' | 'lstatSync'>;

/** A write that failed; the message is one line and says the previous file is unchanged. */
export class WriteError extends Error {
  constructor(readonly file: string, readonly code: string | undefined, message: string) {
    super(message);
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder',
  EIO: 'an input/output error',
};

/**
 * Writes `text` to `file` atomically: readers see the old content or the new one, never a mix, and a
 * failure leaves the old file as it was (and no temporary file behind). The temporary file is created
 * exclusively (a planted file or link of that name is never followed); the rename replaces a symbolic link
 * at `file` instead of writing to wherever it points.
 *
 * @example
 * writeFileAtomic('/app/src/a.ts', fixedText) // readers see the old text or the new one, never a mix
 */
export function writeFileAtomic(file: string, text: string | Buffer, io: WriteIo = fs): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  let mode = 0o666;
  try {
    const st = io.lstatSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (st.isFile()) mode = st.mode & 0o777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw failure(file, e);
    // no file yet (or a link): a new file with the default mode
  }
  let fd: number | undefined;
  try {
    fd = io.openSync(tmp, 'wx', mode);
    const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    for (let off = 0; off < data.length;) off += io.writeSync(fd, data, off, data.length - off);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        // already failing: the first error is the one to report
      }
    }
    try {
      io.rmSync(tmp, { force: true });
    } catch {
      // nothing more can be done about a temporary file that cannot be removed
    }
    throw failure(file, e);
  }
}

function failure(file: string, e: unknown): WriteError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = (code && REASONS[code]) ?? (e as Error).message?.split('\n')[0] ?? String(e);
  return new WriteError(file, code, `cannot write ${file}: ${why}${code ? ` (${code})` : ''}; the previous file, if any, is unchanged`);
}
