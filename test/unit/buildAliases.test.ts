/**
 * Build-only import aliases read from SvelteKit, Nuxt, Vite and webpack configs as data (never run),
 * and the module resolver following them.
 */
import * as assert from 'assert';
import * as path from 'path';
import { buildAliases } from '../../server/src/analysis/buildAliases';
import { ModuleResolver } from '../../server/src/analysis/resolve';

/** An in-memory project: file path → text. */
function host(files: Record<string, string>) {
  return {
    readFile: (f: string) => files[f],
    fileExists: (f: string) => f in files,
  };
}

describe('build aliases', () => {
  it('reads SvelteKit $lib, kit.alias and kit.files.lib', () => {
    const h = host({ '/app/svelte.config.js': "export default { kit: { alias: { $components: 'src/components' }, files: { lib: 'src/shared' } } };" });
    const a = buildAliases(h, '/app');
    assert.deepStrictEqual(a.map((x) => [x.key, x.target]), [['$components', '/app/src/components'], ['$lib', '/app/src/shared']]);
  });

  it('reads Nuxt alias and the ~, @, ~~, @@ roots (srcDir when set)', () => {
    const h = host({ '/n/nuxt.config.ts': "export default defineNuxtConfig({ srcDir: 'app/', alias: { '#telemetry': './utils' } });" });
    const a = new Map(buildAliases(h, '/n').map((x) => [x.key, x.target]));
    assert.strictEqual(a.get('#telemetry'), '/n/utils');
    assert.strictEqual(a.get('~'), '/n/app');
    assert.strictEqual(a.get('@'), '/n/app');
    assert.strictEqual(a.get('~~'), '/n');
    assert.strictEqual(a.get('@@'), '/n');
  });

  it('reads Vite resolve.alias in object and array form, through a config function and a const', () => {
    const objectForm = host({
      '/v/vite.config.ts': "import path from 'path';\nconst config = { resolve: { alias: { '@': path.resolve(__dirname, './src'), '~lib': '/src/lib' } } };\nexport default defineConfig(config);",
    });
    assert.deepStrictEqual(buildAliases(objectForm, '/v').map((x) => [x.key, x.target]), [['~lib', '/v/src/lib'], ['@', '/v/src']]);
    const arrayForm = host({
      '/v/vite.config.mts': "export default defineConfig(({ mode }) => { return { resolve: { alias: [{ find: '#h', replacement: fileURLToPath(new URL('./src/hooks', import.meta.url)) }, { find: /^x/, replacement: 'y' }] } }; });",
    });
    assert.deepStrictEqual(buildAliases(arrayForm, '/v').map((x) => [x.key, x.target]), [['#h', '/v/src/hooks']]);
  });

  it('reads webpack resolve.alias, with $ for an exact match, from module.exports', () => {
    const h = host({ '/w/webpack.config.js': "const path = require('path');\nmodule.exports = { resolve: { alias: { 'tele$': path.join(__dirname, 'src', 'tele.js'), Shared: `${__dirname}/src/shared` } } };" });
    assert.deepStrictEqual(buildAliases(h, '/w'), [{ key: 'Shared', target: '/w/src/shared' }, { key: 'tele', target: '/w/src/tele.js', exact: true }]);
  });

  it('leaves out what it cannot read, and never runs the config', () => {
    const h = host({ '/w/webpack.config.js': "module.exports = { resolve: { alias: { a: computeAlias(), b: process.env.B } } }; throw new Error('never run');" });
    assert.deepStrictEqual(buildAliases(h, '/w'), []);
    assert.deepStrictEqual(buildAliases(host({ '/w/vite.config.ts': 'export default {' }), '/w'), []);
  });

  it('resolves imports through them, from files in sub-folders, stopping at the package boundary', () => {
    const files = {
      '/app/package.json': '{}',
      '/app/svelte.config.js': 'export default { kit: {} };',
      '/app/src/lib/analytics.ts': '',
      '/app/src/routes/signup/+page.ts': '',
      '/other/package.json': '{}',
      '/other/src/x.ts': '',
    };
    const r = new ModuleResolver(host(files));
    assert.strictEqual(r.resolve('/app/src/routes/signup/+page.ts', '$lib/analytics'), path.resolve('/app/src/lib/analytics.ts'));
    assert.strictEqual(r.resolve('/other/src/x.ts', '$lib/analytics'), undefined);
  });

  it('takes an exact-match alias only for the bare name', () => {
    const files = { '/w/webpack.config.js': "module.exports = { resolve: { alias: { 'tele$': './src/tele.js' } } };", '/w/src/tele.js': '', '/w/src/a.js': '' };
    const r = new ModuleResolver(host(files));
    assert.strictEqual(r.resolve('/w/src/a.js', 'tele'), '/w/src/tele.js');
    assert.strictEqual(r.resolve('/w/src/a.js', 'tele/x'), undefined);
  });
});
