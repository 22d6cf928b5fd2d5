// Scan workers load TypeScript from the V8 code cache `npm run compile` writes (cli/scan/compilerCache.ts): the
// cache is there and accepted for this Node.js, and a cache V8 refuses still leaves a working compiler.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compilerCacheFile } from '../../server/src/cli/scan/compilerCache';

const MODULE = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'scan', 'compilerCache.js');

/** Runs preloadCompiler in a fresh process, V8's verdict on each cache given recorded; `garble` corrupts the cache read. */
function preload(garble: boolean): { rejected: boolean[]; parsed: number; cachedModule: boolean } {
  const script = `
    const vm = require('vm'), fs = require('fs');
    const Script = vm.Script, rejected = [];
    vm.Script = function (src, opts) { const s = new Script(src, opts); if (opts && opts.cachedData) rejected.push(s.cachedDataRejected); return s; };
    if (${garble}) { const read = fs.readFileSync; fs.readFileSync = (f, ...a) => String(f).endsWith('.bin') ? Buffer.alloc(4096, 7) : read(f, ...a); }
    require(${JSON.stringify(MODULE)}).preloadCompiler();
    const file = require.resolve('typescript');
    const cachedModule = !!require.cache[file];
    const ts = require('typescript');
    const sf = ts.createSourceFile('a.ts', 'const a: number = 1; console.log(a);', ts.ScriptTarget.Latest);
    process.stdout.write(JSON.stringify({ rejected, parsed: sf.statements.length, cachedModule }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120000 });
  assert.strictEqual(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('the compiler code cache of scan workers', function () {
  this.timeout(180000);
  it('npm run compile wrote it for this Node.js, and V8 accepts it', () => {
    assert.ok(fs.existsSync(compilerCacheFile()), `${compilerCacheFile()} is missing: npm run compile writes it`);
    const r = preload(false);
    assert.deepStrictEqual(r.rejected, [false], 'V8 refused the cache: TypeScript was compiled from its source');
    assert.ok(r.cachedModule, 'TypeScript was not registered for later require() calls');
    assert.strictEqual(r.parsed, 2);
  });
  it('a cache V8 refuses still leaves a working compiler', () => {
    const r = preload(true);
    assert.deepStrictEqual(r.rejected, [true]);
    assert.strictEqual(r.parsed, 2);
  });
});
