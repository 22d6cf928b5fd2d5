// Offsets of a text as editors count lines and columns (LSP): a line ends at LF, CRLF or a lone CR, never at
// U+2028 (which TypeScript's own positions count). Used for mt-pii.json problems and the CLI's 1-based output.

/**
 * Offsets of a text → 0-based line and character as editors count them (LSP): a line ends at LF, CRLF or a lone
 * CR, never at U+2028 (which TypeScript's own positions count).
 */
export function positionsOf(text: string): (offset: number) => { line: number; character: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: at - starts[lo] };
  };
}
