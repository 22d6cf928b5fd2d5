// Bytes of a source file → its text: UTF-8 (a byte-order mark dropped), or UTF-16 when a byte-order mark says
// which order; anything else with a NUL byte near the start is binary (not text the engine can read).
import * as fs from 'fs';
import { looksBinary } from './files';

export type Decoded = { text: string; encoding: 'utf8' | 'utf16le' | 'utf16be' } | { binary: true };

/**
 * @example
 * decodeSource(Buffer.from('\ufeffconst a = 1', 'utf16le')) // → { text: 'const a = 1', encoding: 'utf16le' }
 */
export function decodeSource(buf: Buffer): Decoded {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: buf.subarray(2, 2 + ((buf.length - 2) & ~1)).toString('utf16le'), encoding: 'utf16le' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const le = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    le.swap16();
    return { text: le.toString('utf16le'), encoding: 'utf16be' };
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf8' };
  if (looksBinary(buf)) return { binary: true };
  return { text: buf.toString('utf8'), encoding: 'utf8' };
}

/** A source file's text, or undefined when it cannot be read or is binary (whoever analyses it says why). */
export function readSource(file: string): string | undefined {
  try {
    const decoded = decodeSource(fs.readFileSync(file));
    return 'text' in decoded ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}
