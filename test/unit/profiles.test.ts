/**
 * Organisation profiles (mt-pii.json profile.entity + profile.also): which rules apply, the exact
 * citations, message and severity of a finding for a business (the default), a state agency, a health care
 * provider, a mental health app, a K-12 school service, a service for minors, a motor-vehicle-record
 * recipient and a genetic-data company, alone and combined. The fixture runner does not compare citations,
 * so they are pinned here.
 */
import * as assert from 'assert';
import { AnalyzeOptions, Finding, analyzeFile } from '../../server/src/analysis';
import { activeProfiles, viewOf } from '../../server/src/analysis/ruleSelect';
import { loadCatalog } from '../../server/src/catalog/load';
import { mergeConfigs, parseConfig } from '../../server/src/config/config';
import * as fs from 'fs';
import * as path from 'path';

type Profile = NonNullable<AnalyzeOptions['profile']>;

const { catalog, problems } = loadCatalog();

function findingsOf(code: string, profile?: Profile): Finding[] {
  return analyzeFile('/app/profile.ts', code, catalog, profile ? { profile } : {}).findings;
}

/** The one finding of `ruleId` in a snippet analysed under the given profile. */
function finding(code: string, ruleId: string, profile?: Profile): Finding {
  const all = findingsOf(code, profile);
  const mine = all.filter((f) => f.ruleId === ruleId);
  assert.strictEqual(mine.length, 1, `expected one ${ruleId} finding, got: ${all.map((f) => `${f.ruleId} ${f.categories}`).join('; ') || 'none'}`);
  return mine[0];
}

/** Rule ids and categories of every finding of a snippet, sorted. */
function summary(code: string, profile?: Profile): string[] {
  return findingsOf(code, profile).map((f) => `${f.ruleId} ${f.categories.join(',')}`).sort();
}

const cites = (code: string, ruleId: string, profile?: Profile) => finding(code, ruleId, profile).citations;

// Snippets: one sink call each.
const EMAIL_TO_GA = "declare const gtag: (...a: unknown[]) => void;\nexport function f(applicant: { email: string }) {\n  gtag('set', 'user_data', { email: applicant.email });\n}\n";
const SSN_TO_SENTRY = "import * as Sentry from '@sentry/browser';\nexport function f(applicant: { ssn: string }) {\n  Sentry.setContext('applicant', { ssn: applicant.ssn });\n}\n";
const DIAGNOSIS_TO_MIXPANEL = "import mixpanel from 'mixpanel-browser';\nexport function f(visit: { diagnosis: string }) {\n  mixpanel.track('Visit', { diagnosis: visit.diagnosis });\n}\n";
const EMAIL_AND_DIAGNOSIS = "import mixpanel from 'mixpanel-browser';\nexport function f(visit: { email: string; diagnosis: string }) {\n  mixpanel.track('Visit', { email: visit.email, diagnosis: visit.diagnosis });\n}\n";
const LOCATION_TO_MIXPANEL = "import mixpanel from 'mixpanel-browser';\nexport function f(pos: { latitude: number; longitude: number }) {\n  mixpanel.track('Search', { latitude: pos.latitude, longitude: pos.longitude });\n}\n";
const LOCATION_AND_RELIGION = "import mixpanel from 'mixpanel-browser';\nexport function f(p: { latitude: number; religion: string }) {\n  mixpanel.track('Search', { latitude: p.latitude, religion: p.religion });\n}\n";
const LOCATION_TO_STORAGE = "export function f(pos: { latitude: number; longitude: number }) {\n  localStorage.setItem('lastFix', JSON.stringify({ latitude: pos.latitude, longitude: pos.longitude }));\n}\n";
const GENOME_TO_MIXPANEL = "import mixpanel from 'mixpanel-browser';\nexport function f(r: { genome: string }) {\n  mixpanel.track('Result', { dna: r.genome });\n}\n";
const SSN_TO_STORAGE = "export function f(applicant: { ssn: string }) {\n  localStorage.setItem('draft.ssn', applicant.ssn);\n}\n";
const PASSWORD_AND_SSN_TO_STORAGE = "export function f(a: { ssn: string; password: string }) {\n  localStorage.setItem('draft', JSON.stringify({ ssn: a.ssn, password: a.password }));\n}\n";
const EMAIL_TO_STORAGE = "export function f(u: { email: string }) {\n  localStorage.setItem('email', u.email);\n}\n";
const EMAIL_TO_AD_PIXEL = "import ReactPixel from 'react-facebook-pixel';\nexport function f(user: { email: string }) {\n  ReactPixel.init('123456789', { em: user.email });\n}\n";
const LICENSE_AND_EMAIL_TO_SEGMENT = "import { AnalyticsBrowser } from '@segment/analytics-next';\nconst analytics = AnalyticsBrowser.load({ writeKey: 'k' });\nexport function f(driver: { email: string; driversLicenseNumber: string }) {\n  analytics.identify('d1', { email: driver.email, license: driver.driversLicenseNumber });\n}\n";

const PERSONAL = 'mt/personal-data-to-third-party';
const SENSITIVE = 'mt/sensitive-data-to-third-party';
const BREACH = 'mt/breach-data-on-device';
const ON_DEVICE = 'mt/personal-data-on-device';
const HEALTH = 'mt/health-data-to-third-party';
const PUPIL = 'mt/pupil-data-to-third-party';
const MINORS_ADS = 'mt/minors-targeted-advertising';
const MINORS_GEO = 'mt/minors-precise-geolocation';
const MVR = 'mt/motor-vehicle-record-redisclosure';
const GENETIC = 'mt/genetic-data-to-third-party';
const AGENCY_DEVICE = 'mt/agency-data-on-portable-device';
const GPC = 'mt/ad-tracking-without-opt-out-check';
const GOV_TRACKING = 'mt/government-site-tracking';
const PIXEL_ONLY = "declare const fbq: (...a: unknown[]) => void;\nexport function boot() {\n  fbq('init', '123');\n  fbq('track', 'PageView');\n}\n";
const PIXEL_GATED = "declare const fbq: (...a: unknown[]) => void;\nexport function boot() {\n  if (navigator.globalPrivacyControl) return;\n  fbq('init', '123');\n}\n";

const MCDPA_PERSONAL = ['MCA 30-14-2813(2)', 'MCA 30-14-2812(1)(a)', 'MCA 30-14-2802'];
const MCDPA_SALE = ['MCA 30-14-2802', 'MCA 30-14-2808', 'MCA 30-14-2814(1)', 'MCA 30-14-2812(1)(a)'];
const MCDPA_SENSITIVE = ['MCA 30-14-2812(2)(b)', 'MCA 30-14-2802(28)', 'MCA 30-14-2814(1)'];
const STATE_AGENCY_PI = ['MCA 2-6-1502', 'MCA 2-6-1503', 'MCA 2-6-1501'];
const BREACH_CITES = ['MCA 30-14-1704', 'MCA 30-14-1703', 'MCA 30-14-2812(1)(b)'];
const ALL_SNIPPETS = [EMAIL_TO_GA, SSN_TO_SENTRY, DIAGNOSIS_TO_MIXPANEL, EMAIL_AND_DIAGNOSIS, LOCATION_TO_MIXPANEL, LOCATION_AND_RELIGION,
  LOCATION_TO_STORAGE, GENOME_TO_MIXPANEL, SSN_TO_STORAGE, PASSWORD_AND_SSN_TO_STORAGE, EMAIL_TO_STORAGE, EMAIL_TO_AD_PIXEL, LICENSE_AND_EMAIL_TO_SEGMENT];

describe('profiles: rule data', () => {
  it('loads without problems', () => assert.deepStrictEqual(problems, []));

  it('every profile citation is in citations.json; a replacing profile is one the MCDPA exempts; profile wording says "may"', () => {
    for (const rule of catalog.rules) {
      for (const [entity, p] of Object.entries(rule.profiles ?? {})) {
        const all = [...p!.citations, ...(p!.categoryCitations ?? []).flatMap((c) => c.citations)];
        for (const c of all) assert.ok(c in catalog.citations, `${rule.id} ${entity}: ${c}`);
        if (p!.replace) assert.ok(['state-agency', 'local-government', 'insurer', 'hipaa-covered'].includes(entity), `${rule.id}: only a profile the MCDPA exempts replaces citations (${entity})`);
        if (entity === 'state-agency') assert.ok(!all.some((c) => c.startsWith('MCA 30-14-28')), `${rule.id}: state-agency profile cites the MCDPA`);
        if (p!.applicability) assert.match(p!.applicability, /\bmay\b/, `${rule.id} ${entity}: applicability is worded as "may"`);
        if (p!.message) assert.ok(p!.message.includes('{vendor}') || p!.message.includes('{api}'), `${rule.id} ${entity}: message names no destination`);
      }
    }
  });

  it('the minors sections and the laws outside the MCDPA do not depend on its thresholds', () => {
    for (const id of ['MCA 30-14-2811', 'MCA 30-14-2818', 'MCA 30-14-2819', 'MCA 30-14-1704', 'MCA 20-7-1325', 'MCA 50-16-525', 'MCA 30-23-104', 'MCA 61-11-515']) {
      assert.ok(!catalog.citations[id].needsMcdpaThresholds, id);
    }
    for (const id of ['MCA 30-14-2812(2)(b)', 'MCA 30-14-2813(2)', 'MCA 30-14-2809(3)(b)', 'MCA 30-14-2808']) assert.ok(catalog.citations[id].needsMcdpaThresholds, id);
  });
});

describe('profiles: selection and combination', () => {
  it('business is the default; state agency replaces it; others combine; the old school name is an alias', () => {
    assert.deepStrictEqual(activeProfiles(undefined), ['business']);
    assert.deepStrictEqual(activeProfiles({ entity: 'state-agency' }), ['state-agency']);
    assert.deepStrictEqual(activeProfiles({ entity: 'school-service-operator', also: ['minors'] }), ['school-service', 'minors', 'business']);
    assert.deepStrictEqual(activeProfiles({ entity: 'business', also: ['genetic-data', 'minors', 'minors'] }), ['minors', 'genetic-data', 'business']);
    assert.deepStrictEqual(activeProfiles({ entity: 'state-agency', also: ['school-service'] }), ['state-agency', 'school-service']);
    // The minors profile stands for the MCDPA's minors sections, which do not bind government bodies.
    assert.deepStrictEqual(activeProfiles({ entity: 'state-agency', also: ['minors'] }), ['state-agency']);
  });

  it('mt-pii.json: entity and also parse, validate and cascade (a nearer file replaces them)', () => {
    const schemas = (name: string) => JSON.parse(fs.readFileSync(path.join(catalog.rulesDir, 'schema', name), 'utf8'));
    const root = parseConfig('/r/mt-pii.json', '{ "profile": { "entity": "business", "also": ["minors"] } }', schemas);
    assert.deepStrictEqual(root.problems, []);
    const pkg = parseConfig('/r/app/mt-pii.json', '{ "profile": { "entity": "school-service-operator" } }', schemas);
    const merged = mergeConfigs([{ file: '/r/mt-pii.json', data: root.data! }, { file: '/r/app/mt-pii.json', data: pkg.data! }]);
    assert.strictEqual(merged.entity, 'school-service');
    assert.deepStrictEqual(merged.profiles, ['school-service', 'minors', 'business']);
    const dropped = mergeConfigs([{ file: '/r/mt-pii.json', data: root.data! }, { file: '/r/a/mt-pii.json', data: parseConfig('/r/a/mt-pii.json', '{ "profile": { "also": [] } }', schemas).data! }]);
    assert.deepStrictEqual(dropped.profiles, ['business']);
    const bad = parseConfig('/r/mt-pii.json', '{ "profile": { "entity": "school", "also": ["kids"] } }', schemas);
    assert.strictEqual(bad.problems.length, 2, bad.problems.map((p) => p.message).join('; '));
  });
});

describe('profiles: business (default)', () => {
  for (const entity of [undefined, 'business'] as const) {
    const label = entity ?? 'no profile';
    const p = entity ? { entity } : undefined;
    it(`${label}: personal data to a processor: processor contract, minimisation, definitions`, () => {
      assert.deepStrictEqual(cites(EMAIL_TO_GA, PERSONAL, p), MCDPA_PERSONAL);
      // The breach-notice law lists what a breach exposes; it is not cited for sending data to a vendor.
      assert.deepStrictEqual(cites(SSN_TO_SENTRY, PERSONAL, p), MCDPA_PERSONAL);
    });
    it(`${label}: personal data to a vendor using it for its own purposes: possible sale, opt-out, assessment`, () => {
      const f = finding(EMAIL_TO_AD_PIXEL, PERSONAL, p);
      assert.deepStrictEqual(f.citations, MCDPA_SALE);
      assert.match(f.message, /own purposes.*may be a sale or targeted advertising/);
      assert.strictEqual(f.sink?.role, 'own-purposes');
    });
    it(`${label}: sensitive data`, () => {
      assert.deepStrictEqual(cites(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, p), MCDPA_SENSITIVE);
      assert.deepStrictEqual(cites(LOCATION_TO_MIXPANEL, SENSITIVE, p), [...MCDPA_SENSITIVE, 'MCA 30-14-2802(20)']);
      assert.deepStrictEqual(cites(GENOME_TO_MIXPANEL, SENSITIVE, p), [...MCDPA_SENSITIVE, 'MCA 30-23-104']);
    });
    it(`${label}: device storage: breach elements; sensitive data and passwords as information; plain contact details not at all`, () => {
      assert.deepStrictEqual(cites(SSN_TO_STORAGE, BREACH, p), BREACH_CITES);
      const loc = finding(LOCATION_TO_STORAGE, ON_DEVICE, p);
      assert.deepStrictEqual(loc.citations, ['MCA 30-14-2812(1)(b)', 'MCA 30-14-2802(28)']);
      assert.strictEqual(loc.severity, 'info');
      assert.deepStrictEqual(summary(EMAIL_TO_STORAGE, p), []);
      // One finding per write: the breach finding stands for the whole write.
      assert.deepStrictEqual(summary(PASSWORD_AND_SSN_TO_STORAGE, p), [`${BREACH} ssn`]);
    });
  }
  it('no state-agency, school, health, minors, vehicle-record or genetic-act rule applies to a business', () => {
    for (const code of ALL_SNIPPETS) {
      for (const f of findingsOf(code)) {
        assert.ok([PERSONAL, SENSITIVE, BREACH, ON_DEVICE, GPC].includes(f.ruleId), `${f.ruleId} on a business project`);
        assert.ok(!f.citations.some((c) => /^MCA (2-6-15|2-17-55|20-7-|50-16-|61-11-)/.test(c)), `${f.ruleId}: ${f.citations.join(', ')}`);
      }
    }
  });
  it('business below the thresholds: MCDPA-only findings become information, breach-listed ones stored on the device do not', () => {
    assert.strictEqual(finding(EMAIL_TO_GA, PERSONAL, { entity: 'business', subjectToMcdpa: 'no' }).severity, 'info');
    assert.strictEqual(finding(SSN_TO_SENTRY, PERSONAL, { entity: 'business', subjectToMcdpa: 'no' }).severity, 'info');
    const stored = finding(SSN_TO_STORAGE, BREACH, { entity: 'business', subjectToMcdpa: 'no' });
    assert.strictEqual(stored.severity, 'error');
    assert.deepStrictEqual(stored.citations, ['MCA 30-14-1704', 'MCA 30-14-1703']);
    assert.strictEqual(finding(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, { entity: 'business', subjectToMcdpa: 'no' }).severity, 'info');
    assert.strictEqual(finding(GENOME_TO_MIXPANEL, SENSITIVE, { entity: 'business', subjectToMcdpa: 'no' }).severity, 'error');
  });
});

describe('profiles: an ad pixel firing without an opt-out check, by profile', () => {
  it('business: the opt-out-signal rule, one finding per vendor per file; quiet behind a GPC check', () => {
    const f = finding(PIXEL_ONLY, GPC);
    assert.deepStrictEqual(f.citations, ['MCA 30-14-2809(3)(b)', 'MCA 30-14-2808']);
    assert.deepStrictEqual(f.categories, []);
    assert.match(f.message, /^Meta Pixel \(fbq\('init'\)\) fires without a check of the Global Privacy Control signal/);
    assert.deepStrictEqual(summary(PIXEL_GATED), []);
    assert.strictEqual(finding(PIXEL_ONLY, GPC, { entity: 'business', subjectToMcdpa: 'no' }).severity, 'info');
  });
  it('with personal data: the processor/sale finding and the opt-out-signal finding are two concerns at one call', () => {
    assert.deepStrictEqual(summary(EMAIL_TO_AD_PIXEL), [`${GPC} `, `${PERSONAL} email`]);
  });
  it('state agency: government-site tracking instead (no MCDPA section)', () => {
    assert.deepStrictEqual(summary(PIXEL_ONLY, { entity: 'state-agency' }), [`${GOV_TRACKING} `]);
    assert.deepStrictEqual(cites(PIXEL_ONLY, GOV_TRACKING, { entity: 'state-agency' }), ['MCA 2-17-552', 'MCA 2-17-551']);
  });
  it('minors and school services: the minors or pupil rule stands for the call', () => {
    assert.deepStrictEqual(summary(PIXEL_ONLY, { entity: 'business', also: ['minors'] }), [`${MINORS_ADS} `]);
    assert.deepStrictEqual(summary(PIXEL_ONLY, { entity: 'school-service' }), [`${PUPIL} `]);
    // For known minors a Global Privacy Control check is an opt-out, not the consent the law asks for.
    assert.deepStrictEqual(summary(PIXEL_GATED, { entity: 'business', also: ['minors'] }), [`${MINORS_ADS} `]);
  });
});

describe('profiles: state agency (replaces the MCDPA)', () => {
  const SA: Profile = { entity: 'state-agency' };
  it('personal data to a third party: Governmental Internet Information Privacy Act, whatever the vendor role', () => {
    const f = finding(EMAIL_TO_GA, PERSONAL, SA);
    assert.deepStrictEqual(f.citations, ['MCA 2-17-552', 'MCA 2-17-551']);
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.message, /^Personal data \(email address\) reaches Google Analytics \/ Tag Manager \(gtag\('set'\)\); for a Montana government website/);
    assert.match(f.message, /affirmative permission/);
    assert.doesNotMatch(f.message, /processor contract|consent|sale/);
    assert.deepStrictEqual(cites(EMAIL_TO_AD_PIXEL, PERSONAL, SA), ['MCA 2-17-552', 'MCA 2-17-551']);
  });
  it('breach-listed elements to a third party add the state-agency protection and breach sections, not MCA 30-14-1704', () => {
    assert.deepStrictEqual(cites(SSN_TO_SENTRY, PERSONAL, SA), ['MCA 2-17-552', 'MCA 2-17-551', ...STATE_AGENCY_PI]);
  });
  it('sensitive data: health adds the state-agency sections; other categories lose the MCDPA definitions', () => {
    assert.deepStrictEqual(cites(DIAGNOSIS_TO_MIXPANEL, SENSITIVE, SA), ['MCA 2-17-552', 'MCA 2-17-551', ...STATE_AGENCY_PI]);
    assert.deepStrictEqual(cites(LOCATION_TO_MIXPANEL, SENSITIVE, SA), ['MCA 2-17-552', 'MCA 2-17-551']);
    assert.deepStrictEqual(cites(GENOME_TO_MIXPANEL, SENSITIVE, SA), ['MCA 2-17-552', 'MCA 2-17-551']);
  });
  it('device storage: its own rule (portable devices, definitions, agency breach notice); no business breach or MCDPA storage rule', () => {
    const f = finding(SSN_TO_STORAGE, AGENCY_DEVICE, SA);
    assert.deepStrictEqual(f.citations, ['MCA 2-6-1502', 'MCA 2-6-1501', 'MCA 2-6-1503']);
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.message, /portable device/);
    assert.deepStrictEqual(summary(SSN_TO_STORAGE, SA), [`${AGENCY_DEVICE} ssn`]);
    assert.deepStrictEqual(summary(LOCATION_TO_STORAGE, SA), []);
  });
  it('no MCDPA section appears anywhere for a state agency, even combined with other profiles', () => {
    for (const also of [[], ['minors'], ['school-service', 'minors'], ['health-care-provider']] as const) {
      for (const code of ALL_SNIPPETS) {
        for (const f of findingsOf(code, { entity: 'state-agency', also: [...also] })) {
          assert.ok(!f.citations.some((c) => c.startsWith('MCA 30-14-28')), `${f.ruleId} (${also.join('+')}): ${f.citations.join(', ')}`);
          assert.doesNotMatch(f.message, /Consumer Data Privacy Act|processor contract|consumer's (prior )?consent/);
        }
      }
    }
  });
  it('the MCDPA thresholds setting does not lower state-agency findings', () => {
    assert.strictEqual(finding(EMAIL_TO_GA, PERSONAL, { entity: 'state-agency', subjectToMcdpa: 'no' }).severity, 'warning');
    assert.strictEqual(finding(EMAIL_AND_DIAGNOSIS, SENSITIVE, { entity: 'state-agency', subjectToMcdpa: 'no' }).severity, 'error');
  });
});

describe('profiles: health care provider and mental health app', () => {
  it('health data is the health rule (written authorization), with no MCDPA sensitive-data finding beside it', () => {
    const f = finding(DIAGNOSIS_TO_MIXPANEL, HEALTH, { entity: 'health-care-provider' });
    assert.deepStrictEqual(f.citations, ['MCA 50-16-525', 'MCA 50-16-504']);
    assert.strictEqual(f.severity, 'error');
    assert.match(f.message, /written authorization/);
    assert.deepStrictEqual(summary(DIAGNOSIS_TO_MIXPANEL, { entity: 'health-care-provider' }), [`${HEALTH} health`]);
  });
  it('the email sent beside the diagnosis is part of the one health finding', () => {
    assert.deepStrictEqual(summary(EMAIL_AND_DIAGNOSIS, { entity: 'health-care-provider' }), [`${HEALTH} email,health`]);
  });
  it('contact data alone and other sensitive data keep the business rules', () => {
    assert.deepStrictEqual(cites(EMAIL_TO_GA, PERSONAL, { entity: 'health-care-provider' }), MCDPA_PERSONAL);
    assert.deepStrictEqual(cites(LOCATION_TO_MIXPANEL, SENSITIVE, { entity: 'health-care-provider' }), [...MCDPA_SENSITIVE, 'MCA 30-14-2802(20)']);
    assert.deepStrictEqual(cites(SSN_TO_STORAGE, BREACH, { entity: 'health-care-provider' }), BREACH_CITES);
  });
  it('mental health app: adds the digital-service section and the private remedy', () => {
    const f = finding(DIAGNOSIS_TO_MIXPANEL, HEALTH, { entity: 'mental-health-app' });
    assert.deepStrictEqual(f.citations, ['MCA 50-16-525', 'MCA 50-16-504', 'MCA 50-16-546', 'MCA 50-16-553']);
    assert.match(f.message, /^Mental health information \(health condition or medical information\) reaches Mixpanel/);
    assert.match(f.message, /can sue/);
  });
  it('below the MCDPA thresholds, health data keeps its severity (MCA 50-16-525 has no threshold)', () => {
    assert.strictEqual(finding(DIAGNOSIS_TO_MIXPANEL, HEALTH, { entity: 'health-care-provider', subjectToMcdpa: 'no' }).severity, 'error');
    assert.strictEqual(finding(EMAIL_TO_GA, PERSONAL, { entity: 'health-care-provider', subjectToMcdpa: 'no' }).severity, 'info');
  });
});

describe('profiles: K-12 school service', () => {
  for (const entity of ['school-service', 'school-service-operator'] as const) {
    it(`${entity}: pupil data to any third party is the pupil rule (MCA 20-7-1325), one finding per call`, () => {
      const f = finding(EMAIL_TO_GA, PUPIL, { entity });
      assert.deepStrictEqual(f.citations, ['MCA 20-7-1325']);
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /pupil/);
      assert.deepStrictEqual(summary(EMAIL_AND_DIAGNOSIS, { entity }), [`${PUPIL} email,health`]);
    });
  }
  it('to an advertising vendor it is an error (targeted advertising on pupil data is barred)', () => {
    const f = finding(EMAIL_TO_AD_PIXEL, PUPIL, { entity: 'school-service' });
    assert.strictEqual(f.severity, 'error');
    assert.match(f.message, /targeted advertising/);
  });
  it('below the MCDPA thresholds, pupil findings keep their severity (MCA 20-7-1325 has no threshold)', () => {
    assert.strictEqual(finding(EMAIL_TO_GA, PUPIL, { entity: 'school-service', subjectToMcdpa: 'no' }).severity, 'warning');
  });
  it('device storage keeps the business rules', () => {
    assert.deepStrictEqual(cites(SSN_TO_STORAGE, BREACH, { entity: 'school-service' }), BREACH_CITES);
  });
});

describe('profiles: minors (no volume threshold)', () => {
  const M: Profile = { entity: 'business', also: ['minors'] };
  it('personal data to a processor adds the minors processor and duty sections, and keeps its severity below the thresholds', () => {
    assert.deepStrictEqual(cites(EMAIL_TO_GA, PERSONAL, M), [...MCDPA_PERSONAL, 'MCA 30-14-2818', 'MCA 30-14-2811']);
    assert.strictEqual(finding(EMAIL_TO_GA, PERSONAL, { ...M, subjectToMcdpa: 'no' }).severity, 'warning');
  });
  it('personal data to an advertising vendor is the minors targeted-advertising rule alone', () => {
    const f = finding(EMAIL_TO_AD_PIXEL, MINORS_ADS, M);
    assert.deepStrictEqual(f.citations, ['MCA 30-14-2811', 'MCA 30-14-2819', 'MCA 30-14-2812(2)(d)']);
    assert.strictEqual(f.severity, 'error');
    assert.deepStrictEqual(summary(EMAIL_TO_AD_PIXEL, M), [`${MINORS_ADS} email`]);
  });
  it('precise geolocation of a minor: its own rule, to a vendor or on the device; other sensitive data stays with the sensitive-data rule', () => {
    assert.deepStrictEqual(cites(LOCATION_TO_MIXPANEL, MINORS_GEO, M), ['MCA 30-14-2811', 'MCA 30-14-2802(20)']);
    assert.deepStrictEqual(summary(LOCATION_TO_MIXPANEL, M), [`${MINORS_GEO} precise-geolocation`]);
    assert.deepStrictEqual(summary(LOCATION_TO_STORAGE, M), [`${MINORS_GEO} precise-geolocation`]);
    assert.deepStrictEqual(summary(LOCATION_AND_RELIGION, M), [`${MINORS_GEO} precise-geolocation`, `${SENSITIVE} religious-belief`]);
    assert.deepStrictEqual(cites(LOCATION_AND_RELIGION, SENSITIVE, M), [...MCDPA_SENSITIVE, 'MCA 30-14-2811']);
  });
});

describe('profiles: a school service for minors (combined)', () => {
  const SM: Profile = { entity: 'school-service', also: ['minors'] };
  it('pupil data cites the pupil law and the minors section in one finding', () => {
    assert.deepStrictEqual(cites(EMAIL_TO_GA, PUPIL, SM), ['MCA 20-7-1325', 'MCA 30-14-2811']);
    assert.deepStrictEqual(summary(EMAIL_TO_GA, SM), [`${PUPIL} email`]);
  });
  it('an advertising vendor: one pupil finding (error) standing for the minors rule too', () => {
    const f = finding(EMAIL_TO_AD_PIXEL, PUPIL, SM);
    assert.strictEqual(f.severity, 'error');
    assert.deepStrictEqual(f.citations, ['MCA 20-7-1325', 'MCA 30-14-2811']);
    assert.deepStrictEqual(summary(EMAIL_TO_AD_PIXEL, SM), [`${PUPIL} email`]);
  });
  it('a minor\'s location to a vendor is pupil data; on the device it is the minors geolocation rule', () => {
    assert.deepStrictEqual(summary(LOCATION_TO_MIXPANEL, SM), [`${PUPIL} precise-geolocation`]);
    assert.deepStrictEqual(summary(LOCATION_TO_STORAGE, SM), [`${MINORS_GEO} precise-geolocation`]);
  });
  it('the hover view lists both profiles\' conditions', () => {
    const v = viewOf(catalog.ruleById.get(PUPIL)!, activeProfiles(SM), 'processor');
    assert.strictEqual(v.applicability.length, 2);
    assert.match(v.applicability[1], /known minors/);
  });
});

describe('profiles: motor vehicle records and genetic data', () => {
  it('vehicle-record identity data to a vendor: redisclosure rule with the 5-year record duty; the email stays a business finding', () => {
    const P: Profile = { entity: 'business', also: ['motor-vehicle-records'] };
    const f = finding(LICENSE_AND_EMAIL_TO_SEGMENT, MVR, P);
    assert.deepStrictEqual(f.citations, ['MCA 61-11-515', 'MCA 61-11-503']);
    assert.deepStrictEqual(f.categories, ['drivers-license']);
    assert.match(f.message, /five years/);
    assert.deepStrictEqual(summary(LICENSE_AND_EMAIL_TO_SEGMENT, P), [`${MVR} drivers-license`, `${PERSONAL} email`]);
    assert.deepStrictEqual(summary(LICENSE_AND_EMAIL_TO_SEGMENT), [`${PERSONAL} drivers-license,email`]);
  });
  it('genetic data: the Genetic Information Privacy Act rule; without the profile the sensitive-data rule still cites MCA 30-23-104', () => {
    const P: Profile = { entity: 'business', also: ['genetic-data'] };
    const f = finding(GENOME_TO_MIXPANEL, GENETIC, P);
    assert.deepStrictEqual(f.citations, ['MCA 30-23-104', 'MCA 30-23-102']);
    assert.strictEqual(f.severity, 'error');
    assert.deepStrictEqual(summary(GENOME_TO_MIXPANEL, P), [`${GENETIC} genetic`]);
    assert.strictEqual(finding(GENOME_TO_MIXPANEL, GENETIC, { ...P, subjectToMcdpa: 'no' }).severity, 'error');
  });
});
