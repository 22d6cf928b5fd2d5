// Which files the engine reads, by name: TypeScript, JavaScript and the script blocks of Vue and Svelte files.
// Kept apart from parse.ts so that a scan's main thread can ask without loading the compiler.

/** File extensions the engine reads. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte'];

export function isSourceFile(file: string): boolean {
  const lower = file.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !lower.endsWith('.d.ts') && !lower.endsWith('.d.mts') && !lower.endsWith('.d.cts');
}
