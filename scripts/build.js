#!/usr/bin/env node
'use strict';
// Bundles the compiled client and server (out/, from `tsc -b`) with esbuild into dist/, so the packaged
// extension needs no node_modules at run time: typescript, vscode-languageclient, vscode-languageserver,
// minimatch and jsonc-parser are inlined; only `vscode` (provided by the editor) stays external.
//
//   dist/client/src/extension.js        the extension's main (package.json "main")
//   dist/server/src/lsp/server.js        the language server the client forks over IPC
//   dist/server/src/lsp/indexWorker.js   the worker thread holding the project index, spawned by the server
//
// The layout mirrors out/ on purpose: the server finds rules/ and package.json four folders above its own
// file (server/src/catalog/load.ts, docs.ts) and its worker beside itself (server/src/worker/indexClient.ts), and
// the client finds the server at ../../server/src/lsp/server.js from its own file. Both trees (out/ for
// development and the CLI, dist/ for the .vsix) therefore resolve the same relative paths.
//
// Usage: node scripts/build.js [--dev] [--watch]
//   --dev: no minification, with source maps; --watch: rebuild whenever `tsc -b -w` rewrites out/ (implies --dev)
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const out = (p) => path.join(root, 'out', p);
const dist = (p) => path.join(root, 'dist', p);

for (const f of ['client/src/extension.js', 'server/src/lsp/server.js', 'server/src/worker/indexWorker.js']) {
  if (!fs.existsSync(out(f))) {
    console.error(`build: out/${f} is missing; run \`tsc -b\` first`);
    process.exit(1);
  }
}

// jsonc-parser's `main` is a UMD wrapper whose inner require() calls esbuild cannot follow (the bundle would
// fail at run time with "Cannot find module './impl/format'"), so the bundle takes its ES module build.
const jsoncParserEsm = {
  name: 'jsonc-parser-esm',
  setup(build) {
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: require.resolve('jsonc-parser/lib/esm/main.js', { paths: [root] }) }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'warning',
  external: ['vscode'],
  plugins: [jsoncParserEsm],
};

(async () => {
  const t0 = Date.now();
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const builds = [
    { ...common, entryPoints: [out('client/src/extension.js')], outfile: dist('client/src/extension.js') },
    // The server module starts itself only when it is the process's main module (`require.main === module`),
    // which a bundled module never is, so the bundle's entry is a one-line stub that starts it.
    {
      ...common,
      stdin: { contents: "require('./server.js').startServer();", resolveDir: out('server/src/lsp'), sourcefile: 'server-main.js', loader: 'js' },
      outfile: dist('server/src/lsp/server.js'),
    },
    { ...common, entryPoints: [out('server/src/worker/indexWorker.js')], outfile: dist('server/src/lsp/indexWorker.js') },
  ];
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
    console.log('build: watching out/ (run `tsc -b -w` beside it); Ctrl+C stops');
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const sizes = ['client/src/extension.js', 'server/src/lsp/server.js', 'server/src/lsp/indexWorker.js']
    .map((f) => `dist/${f} ${(fs.statSync(dist(f)).size / 1024).toFixed(0)} KB`);
  // V8's code cache of TypeScript for this Node.js, which scan workers load instead of compiling the compiler.
  const { writeCompilerCache } = require(out('server/src/cli/scan/compilerCache.js'));
  const cache = writeCompilerCache(['server/src/analysis/expressions.ts', 'server/src/analysis/jsx.ts', 'out/server/src/analysis/calls.js', 'test/fixtures/flow/form_fields.tsx']
    .map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)));
  sizes.push(`${path.relative(root, cache)} ${(fs.statSync(cache).size / 1024).toFixed(0)} KB`);
  console.log(`build: ${sizes.join(', ')} (${dev ? 'dev' : 'minified'}, ${Date.now() - t0} ms)`);
})().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
