/**
 * The inventory tier end to end in the CLI: one summary line in stylish output unless --inventory, a `tier`
 * in JSON and SARIF (level note), exit 0 by default, raised by mt-pii.json "rules", and in the data map.
 */
import * as assert from 'assert';
import { parseScanArgs } from '../../server/src/cli/commands/scan';
import { scan } from '../../server/src/cli/scan/run';
import { tmpProject } from './tmpProject';

const APP = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'src/billing.ts': [
    "import Stripe from 'stripe';",
    "const stripe = new Stripe('sk_test');",
    'export async function signUp(user: { email: string; fullName: string }) {',
    '  await stripe.customers.create({ email: user.email, name: user.fullName });',
    "  console.log('signed up', user.email);",
    "  localStorage.setItem('lastEmail', user.email);",
    '}',
    '',
  ].join('\n'),
  'src/track.ts': [
    "import * as Sentry from '@sentry/node';",
    'export const f = (u: { email: string }) => Sentry.setUser({ email: u.email });',
    '',
  ].join('\n'),
};

async function run(args: string[], files: Record<string, string> = APP) {
  const dir = tmpProject(files, 'mt-pii-inventory-');
  const opts = { ...parseScanArgs(['.', '--jobs', '1', ...args]), progress: false };
  return scan(opts, dir);
}

describe('inventory tier in the CLI', () => {
  it('stylish: findings listed, the inventory in one line naming its destinations; exit by the findings only', async () => {
    const out = await run([]);
    const text = out.text.replace(/\x1b\[[0-9;]*m/g, '');
    assert.match(text, /mt\/personal-data-to-third-party/);
    assert.doesNotMatch(text, /mt\/personal-data-to-service|mt\/personal-data-in-logs|mt\/personal-data-on-device/);
    const line = text.split('\n').filter((l) => l.includes('Inventory:'));
    assert.strictEqual(line.length, 1, text);
    assert.match(line[0], /3 flows of personal data to 3 destinations \(.*Stripe 1.*\).*--inventory/);
    assert.match(text, /✖ 1 finding \(0 errors, 1 warning, 0 info\)/);
    assert.strictEqual(out.exitCode, 1, 'the Sentry warning fails the scan');
    const onlyInventory = await run([], { '.git/HEAD': APP['.git/HEAD'], 'src/billing.ts': APP['src/billing.ts'] });
    assert.strictEqual(onlyInventory.exitCode, 0, 'inventory alone never fails CI by default');
    assert.match(onlyInventory.text, /No findings/);
  });

  it('--inventory lists every entry', async () => {
    const text = (await run(['--inventory'])).text;
    for (const id of ['mt/personal-data-to-service', 'mt/personal-data-in-logs', 'mt/personal-data-on-device']) assert.ok(text.includes(id), id);
    assert.doesNotMatch(text, /Inventory:/);
  });

  it('JSON carries each finding\'s tier; SARIF gives inventory results level note and the inventory tag', async () => {
    const json = JSON.parse((await run(['--format', 'json'])).text);
    const tiers = Object.fromEntries(json.findings.map((f: { ruleId: string; tier: string }) => [f.ruleId, f.tier]));
    assert.deepStrictEqual(tiers, {
      'mt/personal-data-to-third-party': 'finding', 'mt/personal-data-to-service': 'inventory',
      'mt/personal-data-in-logs': 'inventory', 'mt/personal-data-on-device': 'inventory',
    });
    const sarif = JSON.parse((await run(['--format', 'sarif'])).text);
    const results = sarif.runs[0].results as { ruleId: string; level: string; properties: { tier: string; tags: string[] } }[];
    const service = results.find((r) => r.ruleId === 'mt/personal-data-to-service')!;
    assert.strictEqual(service.level, 'note');
    assert.strictEqual(service.properties.tier, 'inventory');
    assert.ok(service.properties.tags.includes('inventory'));
    assert.strictEqual(results.find((r) => r.ruleId === 'mt/personal-data-to-third-party')!.level, 'warning');
  });

  it('mt-pii.json "rules" raises an inventory rule: listed at warning, and it fails the scan', async () => {
    const files = {
      '.git/HEAD': APP['.git/HEAD'], 'src/billing.ts': APP['src/billing.ts'],
      'mt-pii.json': JSON.stringify({ root: true, rules: { 'mt/personal-data-in-logs': 'warning' } }),
    };
    const out = await run([], files);
    const text = out.text.replace(/\x1b\[[0-9;]*m/g, '');
    assert.match(text, /warning\s+.*mt\/personal-data-in-logs/);
    assert.match(text, /Inventory: 2 flows/, 'the others stay summarised');
    assert.strictEqual(out.exitCode, 1);
    const json = JSON.parse((await run(['--format', 'json'], files)).text);
    const logs = json.findings.find((f: { ruleId: string }) => f.ruleId === 'mt/personal-data-in-logs');
    assert.deepStrictEqual([logs.severity, logs.tier], ['warning', 'inventory']);
  });

  it('the data map lists the inventory vendors and stores', async () => {
    const text = (await run(['--format', 'datamap'])).text;
    for (const d of ['Stripe', 'JavaScript console', 'Web Storage', 'Sentry']) assert.match(text, new RegExp(`\\| ${d}`), d);
  });
});
