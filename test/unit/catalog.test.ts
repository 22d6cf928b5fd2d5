/**
 * The catalog's description of a vendor reaches the engine's output: role (processor or own purposes),
 * the service's words, and the vendor's HTTP hosts; the CLI JSON contract stays as it was.
 */
import * as assert from 'assert';
import { analyzeFile } from '../../server/src/analysis';
import { loadCatalog, serviceLabelOf } from '../../server/src/catalog/load';
import { toReportFinding, LineMap } from '../../server/src/cli/formats/report';

describe('catalog: role, service label, hosts', () => {
  const { catalog } = loadCatalog();
  const sinkOf = (text: string) => {
    const found = analyzeFile('/t/a.ts', text, catalog).findings.filter((f) => f.sink);
    assert.ok(found.length, `no finding for ${text}`);
    return found[0];
  };

  it('a support chat is a processor, named with its service', () => {
    const f = sinkOf("export function f(u: { email: string }) { window.Intercom('update', { email: u.email }); }");
    assert.strictEqual(f.sink!.vendor, 'Intercom');
    assert.strictEqual(f.sink!.role, 'processor');
    assert.strictEqual(f.sink!.serviceLabel, 'customer-support chat');
  });

  it("an ad pixel uses the data for its own purposes and says what it is in the sink's own words", () => {
    const f = sinkOf("export function f(u: { email: string }) { fbq('init', '123', { em: u.email }); }");
    assert.strictEqual(f.sink!.role, 'own-purposes');
    assert.strictEqual(f.sink!.serviceLabel, 'advertising pixel');
  });

  it('device storage has no role', () => {
    const f = sinkOf("export function f(u: { ssn: string }) { localStorage.setItem('ssn', u.ssn); }");
    assert.strictEqual(f.sink!.role, undefined);
    assert.strictEqual(f.sink!.serviceLabel, serviceLabelOf(catalog, catalog.sinks.find((s) => s.id === f.sink!.id)!));
  });

  it('every service has words, and hosts map to their vendor', () => {
    for (const s of catalog.sinks) assert.ok(s.serviceLabel || catalog.serviceLabels.has(s.service), `${s.id}: service ${s.service} has no label`);
    assert.strictEqual(catalog.hosts.get('api.segment.io')?.id, 'segment');
    assert.strictEqual(catalog.hosts.get('a.klaviyo.com')?.id, 'klaviyo');
  });

  it('the CLI JSON finding keeps its contract keys (no role or label)', () => {
    const f = sinkOf("export function f(u: { email: string }) { window.Intercom('update', { email: u.email }); }");
    const out = JSON.parse(JSON.stringify(toReportFinding(f, () => new LineMap('x'), '/t')));
    assert.deepStrictEqual(Object.keys(out.sink).sort(), ['api', 'kind', 'vendor']);
  });
});
