// Whether a project's code reads the opt-out preference signal (Global Privacy Control: navigator.globalPrivacyControl,
// the Sec-GPC header): a cheap text scan of the files to be analysed, once per CLI scan, stopping at the first.
import * as fs from 'fs';

/**
 * Whether any of these files reads the signal, as `reads` judges a file's text; stops at the first that does.
 * Files over `maxSize` bytes or that cannot be read are passed over (they are not analysed either).
 *
 * @example
 * projectReadsOptOutSignal(['/app/src/consent.ts', '/app/src/pixel.ts'], (t) => t.includes('globalPrivacyControl'), 2 << 20) // → true
 */
export function projectReadsOptOutSignal(files: readonly string[], reads: (text: string) => boolean, maxSize: number): boolean {
  for (const file of files) {
    try {
      if (fs.statSync(file).size > maxSize) continue;
      if (reads(fs.readFileSync(file, 'utf8'))) return true;
    } catch {
      // Unreadable: the scan reports it; it reads nothing here.
    }
  }
  return false;
}
