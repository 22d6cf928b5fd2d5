// TypeScript loaded in a scan worker from V8's code cache, made at build time (scripts/build.js) for the Node.js
// that built it; any other Node.js, or no cache file, loads it as usual. Saves most of the compiler's load time.
import { isAscii } from 'buffer';
import * as fs from 'fs';
import Module = require('module');
import * as path from 'path';
import * as vm from 'vm';
import { writeFileAtomic } from '../../project/atomicWrite';

/** out/server/compiler-cache, packed with the command-line tool. */
const CACHE_DIR = path.join(__dirname, '..', '..', '..', 'compiler-cache');

/** The cache file for this Node.js (V8 also refuses a cache made under other flags). */
export function compilerCacheFile(): string {
  return path.join(CACHE_DIR, `typescript-${process.version}-${process.arch}.bin`);
}

/**
 * TypeScript's source as text. It is all ASCII (checked, so a release that is not still reads right), which
 * decodes as Latin-1 in a fraction of the time UTF-8 takes: about 40 ms less on each worker's start.
 */
function readSourceText(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** Compiles TypeScript's module source, with the cache when given. */
function compile(cachedData?: Buffer): { script: vm.Script; file: string } {
  const file = require.resolve('typescript');
  const script = new vm.Script(Module.wrap(readSourceText(file)), { filename: file, cachedData });
  return { script, file };
}

/** Runs the compiled module and registers it, so that every later `require('typescript')` gets it. */
function register(script: vm.Script, file: string): unknown {
  const m = new Module(file, module);
  m.filename = file;
  const fn = script.runInThisContext() as (exports: unknown, req: NodeRequire, mod: Module, f: string, d: string) => void;
  fn.call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
  m.loaded = true;
  require.cache[file] = m;
  return m.exports;
}

/**
 * Loads TypeScript from the code cache, when there is one for this Node.js; otherwise does nothing (the first
 * `require('typescript')` loads it as usual). Call before anything requires it.
 */
export function preloadCompiler(): void {
  let cachedData: Buffer;
  try {
    cachedData = fs.readFileSync(compilerCacheFile());
  } catch {
    return;
  }
  try {
    const { script, file } = compile(cachedData);
    if (!require.cache[file]) register(script, file); // a refused cache only means it was compiled as usual
  } catch {
    // Whatever went wrong, a plain require follows.
  }
}

/**
 * Writes the cache for this Node.js (scripts/build.js): TypeScript compiled, run and warmed on `samples` so the
 * parser's functions are compiled too, then serialised. Returns the file written.
 */
export function writeCompilerCache(samples: readonly string[]): string {
  const { script, file } = compile();
  const ts = register(script, file) as typeof import('typescript');
  for (const s of samples) ts.createSourceFile(s, fs.readFileSync(s, 'utf8'), ts.ScriptTarget.Latest, false);
  const out = compilerCacheFile();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  writeFileAtomic(out, script.createCachedData());
  return out;
}
