// Whether a project's code reads the opt-out preference signal (Global Privacy Control: navigator.globalPrivacyControl,
// the Sec-GPC header): a cheap text scan for the signal's strings (categories.json optOutChecks), once per CLI scan.
import * as fs from 'fs';

/** Whether a file's text reads the signal: it contains one of the signal strings (compared in lower case). */
export function readsOptOutSignal(text: string, strings: readonly string[]): boolean {
  if (!strings.length) return false;
  const lower = text.toLowerCase();
  return strings.some((s) => lower.includes(s));
}

/**
 * Whether any of these files reads the signal; stops at the first that does. Files over `maxSize` bytes or
 * that cannot be read are passed over (they are not analysed either).
 *
 * @example
 * projectReadsOptOutSignal(['/app/src/consent.ts', '/app/src/pixel.ts'], ['sec-gpc', 'globalprivacycontrol'], 2 << 20) // → true
 */
export function projectReadsOptOutSignal(files: readonly string[], strings: readonly string[], maxSize: number): boolean {
  if (!strings.length) return false;
  for (const file of files) {
    try {
      if (fs.statSync(file).size > maxSize) continue;
      if (readsOptOutSignal(fs.readFileSync(file, 'utf8'), strings)) return true;
    } catch {
      // Unreadable: the scan reports it; it reads nothing here.
    }
  }
  return false;
}
