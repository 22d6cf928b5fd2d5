// Parsing: a source file (and the script blocks of .vue and .svelte files) into a TypeScript tree.
// It never throws on bad syntax and knows nothing of what the tree means.
import ts = require('typescript');

export { SOURCE_EXTENSIONS, isSourceFile } from './sourceFiles';

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
  // One pass, no backtracking: each opening tag is matched with the next closing tag, and when no closing tag
  // follows one, none follows any later opening tag either (repeated `<script>` tags must stay linear).
  const open = /<script\b/gi;
  const close = /<\/script\s*>/gi;
  let m: RegExpExecArray | null;
  while ((m = open.exec(text))) {
    const gt = text.indexOf('>', m.index);
    if (gt < 0) break;
    close.lastIndex = gt + 1;
    const c = close.exec(text);
    if (!c) break;
    const l = /\blang\s*=\s*["']?(ts|tsx|typescript|jsx)["']?/i.exec(text.slice(m.index + 7, gt));
    if (l) lang = l[1].toLowerCase() === 'typescript' ? 'ts' : l[1].toLowerCase();
    for (let i = gt + 1; i < c.index; i++) out[i] = text[i];
    open.lastIndex = c.index + c[0].length;
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
