/**
 * The GitHub Actions workflow the README gives (examples/github-workflow.yml): it parses as YAML, uploads
 * the SARIF the scan writes to code scanning, compares the pull request's data map with its base's and
 * posts that comparison on the pull request; the README shows the same file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FILE = path.join(ROOT, 'examples', 'github-workflow.yml');

interface Step { name?: string; uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string>; 'working-directory'?: string }

describe('the GitHub Actions workflow (examples/github-workflow.yml)', () => {
  const text = fs.readFileSync(FILE, 'utf8');
  const wf = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(wf.jobs)[0].steps;
  const index = (pred: (s: Step) => boolean, what: string) => {
    const i = steps.findIndex(pred);
    assert.ok(i >= 0, `no step ${what}`);
    return i;
  };
  const flag = (run: string, name: string) => new RegExp(`${name} ("[^"]+"|\\S+)`).exec(run)?.[1];

  it('parses as YAML and runs on pull requests with the permissions it needs', () => {
    assert.ok('pull_request' in wf.on);
    assert.strictEqual(wf.permissions['security-events'], 'write');
    assert.strictEqual(wf.permissions['pull-requests'], 'write');
    assert.strictEqual(wf.permissions.contents, 'read');
  });

  it('uploads the SARIF file the scan writes to code scanning', () => {
    const scan = index((s) => /mt-pii scan .*--format sarif/.test(s.run ?? ''), 'writing SARIF');
    const upload = index((s) => /^github\/codeql-action\/upload-sarif@v\d+$/.test(s.uses ?? ''), 'uploading SARIF');
    assert.ok(scan < upload);
    assert.strictEqual(steps[upload].with?.sarif_file, flag(steps[scan].run!, '--output'));
  });

  it('builds the base branch\'s data map, compares the pull request\'s with it and posts the comparison', () => {
    const base = index((s) => /mt-pii report .*--format json/.test(s.run ?? ''), 'writing the base data map');
    const compare = index((s) => /mt-pii report .*--compare/.test(s.run ?? ''), 'comparing data maps');
    const post = index((s) => /gh pr comment/.test(s.run ?? ''), 'posting the comparison');
    assert.ok(base < compare && compare < post);
    assert.strictEqual(flag(steps[compare].run!, '--compare'), flag(steps[base].run!, '--output'), 'compares with the map the base step wrote');
    assert.strictEqual(flag(steps[post].run!, '--body-file'), flag(steps[compare].run!, '--output'), 'posts the comparison it wrote');
    assert.match(steps[post].env?.GH_TOKEN ?? '', /github\.token/);
    // The base checkout is gone before the pull request is scanned, so its files are not scanned twice.
    const scan = index((s) => /mt-pii scan/.test(s.run ?? ''), 'scanning');
    assert.match(steps[base].run!, /rm -rf \.mt-pii-base/);
    assert.ok(base < scan);
  });

  it('fails the check on findings at the end, and the README shows this very workflow', () => {
    assert.match(steps[steps.length - 1].run ?? '', /mt-pii scan .*--fail-on warning/);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Data map and reports')));
    assert.ok(block, 'a yaml block in the README section "Data map and reports"');
    assert.strictEqual(block![1], text);
  });
});
