// Seed scripts (seed/, seeds/, *.seed.ts, prisma/seed.ts) write fake people into a development database:
// skipped like test code unless "checkTests", while look-alike names in app code are still scanned.
import * as assert from 'assert';
import * as path from 'path';
import { isTestPath } from '../../server/src/project/files';
import { LEAK, repo, run } from './cliHarness';

describe('seed scripts are skipped like tests', () => {
  it('isTestPath: seed folders, *.seed.ts and prisma/seed.ts', () => {
    for (const p of ['packages/prisma/seed/large-team-seed.ts', 'db/seeds/users.js', 'database/seeders/20240101-users.cjs',
      'src/users.seed.ts', 'prisma/seed.ts', 'packages/db/prisma/seed.mts']) {
      assert.strictEqual(isTestPath(p), true, p);
    }
  });
  it('isTestPath: app code whose names only look like seeds', () => {
    for (const p of ['src/lib/seedRandom.ts', 'src/seedling/profile.ts', 'src/seed.ts', 'src/seeds.ts', 'app/prisma/client.ts',
      'src/seed-funding/apply.ts']) {
      assert.strictEqual(isTestPath(p), false, p);
    }
  });
  it('a scan skips a seed script and says so; "checkTests" checks it', () => {
    const dir = repo({ 'src/app.ts': 'export const ok = 1;\n', 'prisma/seed.ts': LEAK, 'seed/users.ts': LEAK });
    const r = run(['scan', '.', '-f', 'json'], dir);
    assert.strictEqual(JSON.parse(r.stdout).findings.length, 0, r.stdout);
    assert.match(r.stderr, /2 test, mock, story or seed file\(s\) skipped/);
    const all = repo({ 'mt-pii.json': '{ "checkTests": true }\n', 'prisma/seed.ts': LEAK });
    const files = (JSON.parse(run(['scan', '.', '-f', 'json'], all).stdout).findings as { file: string }[]).map((f) => f.file);
    assert.deepStrictEqual([...new Set(files.map((f) => f.split(path.sep).join('/')))], ['prisma/seed.ts']);
  });
});
