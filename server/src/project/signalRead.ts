// Whether a project's code reads the opt-out preference signal (Global Privacy Control: navigator.globalPrivacyControl,
// the Sec-GPC header): a text scan of the files to be analysed, stopping at the first (with --cache, or no prefilter).
import { readSource } from './decode';

/**
 * Whether any of these files reads the signal, as `reads` judges a file's decoded text (a UTF-16 file as
 * text, not as bytes); stops at the first that does. Files that cannot be read or are binary are passed over
 * (the scan reports them; they are not analysed either).
 *
 * @example
 * projectReadsOptOutSignal(['/app/src/consent.ts', '/app/src/pixel.ts'], (t) => t.includes('globalPrivacyControl')) // → true
 */
export function projectReadsOptOutSignal(files: readonly string[], reads: (text: string) => boolean): boolean {
  for (const file of files) {
    const text = readSource(file);
    if (text !== undefined && reads(text)) return true;
  }
  return false;
}
