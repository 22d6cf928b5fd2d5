/**
 * Organisation profiles (mt-pii.json profile.entity): the exact citations, message and severity of a
 * finding for a business (the default), a state agency, a health care provider and a school service
 * operator. The fixture runner does not compare citations, so they are pinned here.
 */
import * as assert from 'assert';
import { AnalyzeOptions, Finding, analyzeFile } from '../../server/src/analysis';
import { loadCatalog } from '../../server/src/catalog/load';

type Entity = NonNullable<NonNullable<AnalyzeOptions['profile']>['entity']>;

const { catalog, problems } = loadCatalog();

/** The one finding of `ruleId` in a snippet analysed under the given profile. */
function finding(code: string, ruleId: string, profile?: AnalyzeOptions['profile']): Finding {
  const { findings } = analyzeFile('/app/profile.ts', code, catalog, profile ? { profile } : {});
  const mine = findings.filter((f) => f.ruleId === ruleId);
  assert.strictEqual(mine.length, 1, `expected one ${ruleId} finding, got: ${findings.map((f) => `${f.ruleId} ${f.categories}`).join('; ') || 'none'}`);
  return mine[0];
}

const cites = (code: string, ruleId: string, entity?: Entity) => finding(code, ruleId, entity ? { entity } : undefined).citations;

// Snippets: one sink call each.
const EMAIL_TO_GA = "declare const gtag: (...a: unknown[]) => void;\nexport function f(applicant: { email: string }) {\n  gtag('set', 'user_data', { email: applicant.email });\n}\n";
const SSN_TO_SENTRY = "import * as Sentry from '@sentry/browser';\nexport function f(applicant: { ssn: string }) {\n  Sentry.setContext('applicant', { ssn: applicant.ssn });\n}\n";
const DIAGNOSIS_TO_MIXPANEL = "import mixpanel from 'mixpanel-browser';\nexport function f(visit: { diagnosis: string }) {\n  mixpanel.track('Visit', { diagnosis: visit.diagnosis });\n}\n";
const LOCATION_TO_MIXPANEL = "import mixpanel from 'mixpanel-browser';\nexport function f(pos: { latitude: number; longitude: number }) {\n  mixpanel.track('Search', { latitude: pos.latitude, longitude: pos.longitude });\n}\n";
const GENOME_TO_MIXPANEL = "import mixpanel from 'mixpanel-browser';\nexport function f(r: { genome: string }) {\n  mixpanel.track('Result', { dna: r.genome });\n}\n";
const SSN_TO_STORAGE = "export function f(applicant: { ssn: string }) {\n  localStorage.setItem('draft.ssn', applicant.ssn);\n}\n";

const PERSONAL = 'mt/personal-data-to-third-party';
const SENSITIVE = 'mt/sensitive-data-to-third-party';
const BREACH = 'mt/breach-data-on-device';

const MCDPA_PERSONAL = ['MCA 30-14-2813(2)', 'MCA 30-14-2812(1)(a)', 'MCA 30-14-2802'];
const MCDPA_SENSITIVE = ['MCA 30-14-2812(2)(b)', 'MCA 30-14-2802(28)', 'MCA 30-14-2814(1)'];
const STATE_AGENCY_PI = ['MCA 2-6-1502', 'MCA 2-6-1503', 'MCA 2-6-1501'];

describe('profiles: rule data', () => {
  it('loads without problems', () => assert.deepStrictEqual(problems, []));

  it('every profile citation is in citations.json, and state-agency profiles cite no Consumer Data Privacy Act section', () => {
    for (const rule of catalog.rules) {
      for (const [entity, p] of Object.entries(rule.profiles ?? {})) {
        const all = [...p!.citations, ...(p!.categoryCitations ?? []).flatMap((c) => c.citations)];
        for (const c of all) assert.ok(c in catalog.citations, `${rule.id} ${entity}: ${c}`);
        if (entity === 'state-agency') {
          assert.strictEqual(p!.replace, true, `${rule.id}: the MCDPA does not bind state agencies, so their citations replace it`);
          assert.ok(!all.some((c) => c.startsWith('MCA 30-14-28')), `${rule.id}: state-agency profile cites the MCDPA`);
        } else {
          assert.ok(!p!.replace, `${rule.id} ${entity}: adds to the default citations`);
        }
        assert.match(p!.applicability ?? '', /\bmay\b/, `${rule.id} ${entity}: applicability is worded as "may"`);
        if (p!.message) assert.ok(p!.message.includes('{vendor}') || p!.message.includes('{api}'), `${rule.id} ${entity}: message names no destination`);
      }
    }
  });

  it('the laws that do not depend on the MCDPA thresholds are listed as such', () => {
    const rule = (id: string) => catalog.ruleById.get(id)!;
    assert.ok(rule(PERSONAL).nonMcdpaCitations!.includes('MCA 20-7-1325'));
    assert.ok(rule(SENSITIVE).nonMcdpaCitations!.includes('MCA 20-7-1325'));
    assert.ok(rule(SENSITIVE).nonMcdpaCitations!.includes('MCA 50-16-525'));
  });
});

describe('profiles: business (default) stays as before', () => {
  for (const entity of [undefined, 'business'] as const) {
    const label = entity ?? 'no profile';
    it(`${label}: personal data`, () => {
      assert.deepStrictEqual(cites(EMAIL_TO_GA, PERSONAL, entity), MCDPA_PERSONAL);
      assert.deepStrictEqual(cites(SSN_TO_SENTRY, PERSONAL, entity), [...MCDPA_PERSONAL, 'MCA 30-14-1704']);
    });
    it(`${label}: sensitive data`, () => {
      assert.deepStrictEqual(cites(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, entity), MCDPA_SENSITIVE);
      assert.deepStrictEqual(cites(LOCATION_TO_MIXPANEL, SENSITIVE, entity), [...MCDPA_SENSITIVE, 'MCA 30-14-2802(20)']);
      assert.deepStrictEqual(cites(GENOME_TO_MIXPANEL, SENSITIVE, entity), [...MCDPA_SENSITIVE, 'MCA 30-23-104']);
    });
    it(`${label}: device storage`, () => {
      assert.deepStrictEqual(cites(SSN_TO_STORAGE, BREACH, entity), ['MCA 30-14-1704', 'MCA 30-14-2812(1)(b)']);
    });
  }
  it('business below the thresholds: MCDPA-only findings become information, breach-listed ones do not', () => {
    assert.strictEqual(finding(EMAIL_TO_GA, PERSONAL, { entity: 'business', subjectToMcdpa: 'no' }).severity, 'info');
    assert.strictEqual(finding(SSN_TO_SENTRY, PERSONAL, { entity: 'business', subjectToMcdpa: 'no' }).severity, 'warning');
    assert.strictEqual(finding(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, { entity: 'business', subjectToMcdpa: 'no' }).severity, 'info');
  });
});

describe('profiles: state agency (replaces the MCDPA)', () => {
  it('personal data to a third party: Governmental Internet Information Privacy Act', () => {
    const f = finding(EMAIL_TO_GA, PERSONAL, { entity: 'state-agency' });
    assert.deepStrictEqual(f.citations, ['MCA 2-17-552', 'MCA 2-17-551']);
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.message, /^Personal data \(email address\) reaches Google Analytics \/ Tag Manager \(gtag\('set'\)\); for a Montana government website/);
    assert.match(f.message, /affirmative permission/);
    assert.doesNotMatch(f.message, /processor contract/);
  });
  it('breach-listed elements to a third party add the state-agency protection and breach sections, not MCA 30-14-1704', () => {
    assert.deepStrictEqual(cites(SSN_TO_SENTRY, PERSONAL, 'state-agency'), ['MCA 2-17-552', 'MCA 2-17-551', ...STATE_AGENCY_PI]);
  });
  it('sensitive data: health adds the state-agency sections; other categories lose the MCDPA definitions', () => {
    assert.deepStrictEqual(cites(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, 'state-agency'), ['MCA 2-17-552', 'MCA 2-17-551', ...STATE_AGENCY_PI]);
    assert.deepStrictEqual(cites(LOCATION_TO_MIXPANEL, SENSITIVE, 'state-agency'), ['MCA 2-17-552', 'MCA 2-17-551']);
    assert.deepStrictEqual(cites(GENOME_TO_MIXPANEL, SENSITIVE, 'state-agency'), ['MCA 2-17-552', 'MCA 2-17-551']);
  });
  it('device storage: portable-device protection, definitions, agency breach notice', () => {
    const f = finding(SSN_TO_STORAGE, BREACH, { entity: 'state-agency' });
    assert.deepStrictEqual(f.citations, ['MCA 2-6-1502', 'MCA 2-6-1501', 'MCA 2-6-1503']);
    assert.strictEqual(f.severity, 'error');
    assert.match(f.message, /portable device/);
  });
  it('the MCDPA thresholds setting does not lower state-agency findings', () => {
    assert.strictEqual(finding(EMAIL_TO_GA, PERSONAL, { entity: 'state-agency', subjectToMcdpa: 'no' }).severity, 'warning');
    assert.strictEqual(finding(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, { entity: 'state-agency', subjectToMcdpa: 'no' }).severity, 'error');
  });
});

describe('profiles: health care provider (adds the health care information law)', () => {
  it('sensitive data: MCA 50-16-525 and its definitions are added to the default citations', () => {
    const f = finding(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, { entity: 'health-care-provider' });
    assert.deepStrictEqual(f.citations, [...MCDPA_SENSITIVE, 'MCA 50-16-525', 'MCA 50-16-504']);
    assert.match(f.message, /written authorization/);
    assert.deepStrictEqual(cites(GENOME_TO_MIXPANEL, SENSITIVE, 'health-care-provider'), [...MCDPA_SENSITIVE, 'MCA 50-16-525', 'MCA 50-16-504', 'MCA 30-23-104']);
  });
  it('personal data and device storage keep the default citations', () => {
    assert.deepStrictEqual(cites(EMAIL_TO_GA, PERSONAL, 'health-care-provider'), MCDPA_PERSONAL);
    assert.deepStrictEqual(cites(SSN_TO_STORAGE, BREACH, 'health-care-provider'), ['MCA 30-14-1704', 'MCA 30-14-2812(1)(b)']);
  });
  it('below the MCDPA thresholds, health data keeps its severity (MCA 50-16-525 has no threshold)', () => {
    assert.strictEqual(finding(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, { entity: 'health-care-provider', subjectToMcdpa: 'no' }).severity, 'error');
    assert.strictEqual(finding(EMAIL_TO_GA, PERSONAL, { entity: 'health-care-provider', subjectToMcdpa: 'no' }).severity, 'info');
  });
});

describe('profiles: school service operator (adds the pupil online privacy law)', () => {
  it('personal data: MCA 20-7-1325 added, section level', () => {
    const f = finding(EMAIL_TO_GA, PERSONAL, { entity: 'school-service-operator' });
    assert.deepStrictEqual(f.citations, [...MCDPA_PERSONAL, 'MCA 20-7-1325']);
    assert.match(f.message, /pupil/);
    assert.deepStrictEqual(cites(SSN_TO_SENTRY, PERSONAL, 'school-service-operator'), [...MCDPA_PERSONAL, 'MCA 20-7-1325', 'MCA 30-14-1704']);
  });
  it('sensitive data: MCA 20-7-1325 added', () => {
    assert.deepStrictEqual(cites(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, 'school-service-operator'), [...MCDPA_SENSITIVE, 'MCA 20-7-1325']);
    assert.deepStrictEqual(cites(LOCATION_TO_MIXPANEL, SENSITIVE, 'school-service-operator'), [...MCDPA_SENSITIVE, 'MCA 20-7-1325', 'MCA 30-14-2802(20)']);
  });
  it('device storage keeps the default citations', () => {
    assert.deepStrictEqual(cites(SSN_TO_STORAGE, BREACH, 'school-service-operator'), ['MCA 30-14-1704', 'MCA 30-14-2812(1)(b)']);
  });
  it('below the MCDPA thresholds, findings keep their severity (MCA 20-7-1325 has no threshold)', () => {
    assert.strictEqual(finding(EMAIL_TO_GA, PERSONAL, { entity: 'school-service-operator', subjectToMcdpa: 'no' }).severity, 'warning');
    assert.strictEqual(finding(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, { entity: 'school-service-operator', subjectToMcdpa: 'no' }).severity, 'error');
  });
});
