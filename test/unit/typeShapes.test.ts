// Object shapes read as data: Prisma models from schema.prisma (parseModels), and the JSON contract's added
// `inferred` key on a finding whose categories come from a person object's name.
import * as assert from 'assert';
import * as path from 'path';
import { parseModels } from '../../server/src/analysis/dataModels';
import { ROOT, run } from './cliHarness';

describe('schema.prisma read as data', () => {
  const rules = { nonDataTypes: ['Boolean', 'Int'] };

  it('gives each model its scalar fields, leaving out relations, block attributes and non-data types', () => {
    const models = parseModels([
      'model User {', '  id String @id // the key', '  email String @unique', '  active Boolean', '  posts Post[]',
      '  address Address', '  @@index([email])', '}', 'type Address {', '  street String', '}',
      'model Post {', '  id String', '  author User @relation(fields: [authorId], references: [id])', '  authorId String', '}',
      'enum Role {', '  ADMIN', '}',
    ].join('\n'), rules);
    assert.deepStrictEqual([...models.keys()].sort(), ['Address', 'Post', 'User']);
    assert.deepStrictEqual([...models.get('User')!.keys()], ['id', 'email', 'address']);
    assert.deepStrictEqual([...(models.get('User')!.get('address') ?? new Map()).keys()], ['street']);
    assert.deepStrictEqual([...models.get('Post')!.keys()], ['id', 'authorId']);
  });

  it('reads a large schema in one pass', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `model M${i} {\n  id String\n  email${i} String\n}`).join('\n');
    const models = parseModels(text, rules);
    assert.strictEqual(models.size, 2000); // bounded
    assert.deepStrictEqual([...models.get('M5')!.keys()], ['id', 'email5']);
  });
});

describe('inferred categories in the JSON output', () => {
  const out = run(['scan', 'test/fixtures/projects/type-shapes', '--format', 'json'], ROOT);
  const report = JSON.parse(out.stdout);

  it('marks a finding whose categories come from the name `user` with an added `inferred` key, and says so', () => {
    const f = report.findings.find((x: { file: string; line: number }) => x.file.endsWith('src/routes.ts') && x.line === 57);
    assert.ok(f, out.stdout);
    assert.deepStrictEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity', 'message', 'sink', 'categories', 'citations', 'flow', 'fingerprint', 'tier', 'inferred']);
    assert.strictEqual(f.inferred, true);
    assert.deepStrictEqual(f.categories, ['email', 'name']);
    assert.match(f.message, /inferred from the name `user`; its fields are not known/);
  });

  it('leaves the key out where the fields are known', () => {
    const f = report.findings.find((x: { file: string; line: number }) => x.file.endsWith('src/routes.ts') && x.line === 45);
    assert.ok(f);
    assert.ok(!('inferred' in f));
    assert.ok(!path.isAbsolute(f.file));
  });
});
