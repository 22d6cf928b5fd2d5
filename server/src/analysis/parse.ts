// Parsing: a source file (and the script blocks of .vue and .svelte files) into a TypeScript tree.
// It never throws on bad syntax and knows nothing of what the tree means.
import ts = require('typescript');

/** File extensions the engine reads. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte'];

export function isSourceFile(file: string): boolean {
  const lower = file.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !lower.endsWith('.d.ts') && !lower.endsWith('.d.mts') && !lower.endsWith('.d.cts');
}

function scriptKind(file: string, lang?: string): ts.ScriptKind {
  const lower = (lang ? '.' + lang : file).toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/**
 * The script blocks of a .vue or .svelte file, with everything else blanked out so offsets, lines and
 * columns stay those of the original file.
 *
 * @example
 * extractScripts('<template/>\n<script lang="ts">let a = 1</script>') // → { text: '           \n                 let a = 1         ', lang: 'ts' }
 */
export function extractScripts(text: string): { text: string; lang?: string } {
  const out = text.replace(/[^\n]/g, ' ').split('');
  let lang: string | undefined;
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const attrs = m[1];
    const l = /\blang\s*=\s*["']?(ts|tsx|typescript|jsx)["']?/i.exec(attrs);
    if (l) lang = l[1].toLowerCase() === 'typescript' ? 'ts' : l[1].toLowerCase();
    const start = m.index + m[0].indexOf('>') + 1;
    for (let i = 0; i < m[2].length; i++) out[start + i] = m[2][i];
  }
  return { text: out.join(''), lang };
}

/**
 * Parses any supported file; never throws on bad syntax (the tree covers what could be read).
 *
 * @example
 * const sf = parseFile('a.ts', 'const x = ;');
 * parseDiagnostics(sf).length // → 1
 */
export function parseFile(file: string, text: string): ts.SourceFile {
  const lower = file.toLowerCase();
  // No parent pointers and no JSDoc trees: the engine needs neither, and both cost time and memory.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  if (lower.endsWith('.vue') || lower.endsWith('.svelte')) {
    const { text: script, lang } = extractScripts(text);
    return ts.createSourceFile(file, script, options, false, scriptKind(file, lang ?? 'ts'));
  }
  return ts.createSourceFile(file, text, options, false, scriptKind(file));
}

/** Syntax errors the parser recorded. */
export function parseDiagnostics(sf: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}
