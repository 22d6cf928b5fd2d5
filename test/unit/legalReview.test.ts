/**
 * The outside legal review of 2026-12 (montana-law.md §16, issue 13): one test per point that would have
 * caught what it found wrong — whom each law binds, the wording and severities it called overstated, and
 * `mt-pii explain` for the seed's citations. The entity × flow table is test/unit/profileMatrix.test.ts.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AnalyzeOptions, Finding, analyzeFile } from '../../server/src/analysis';
import { PROFILES, activeProfiles, mcdpaStanding, ruleApplies, viewOf } from '../../server/src/analysis/ruleSelect';
import { loadCatalog } from '../../server/src/catalog/load';
import type { ProfileId, SinkRole } from '../../server/src/catalog/types';
import { mergeConfigs, parseConfig } from '../../server/src/config/config';
import { explain } from '../../server/src/cli/main';
import { fsHost } from '../../server/src/project/fsHost';
import { ModuleIndex, newJob } from '../../server/src/project/moduleIndex';

type Profile = NonNullable<AnalyzeOptions['profile']>;
const ROOT = path.resolve(__dirname, '..', '..', '..');
const { catalog } = loadCatalog();
const findingsOf = (code: string, profile?: Profile): Finding[] => analyzeFile('/review/a.ts', code, catalog, profile ? { profile } : {}).findings;
const only = (code: string, ruleId: string, profile?: Profile): Finding => {
  const all = findingsOf(code, profile).filter((f) => f.ruleId === ruleId);
  assert.strictEqual(all.length, 1, `one ${ruleId} finding expected, got ${all.length}`);
  return all[0];
};

const EMAIL_TO_MIXPANEL = "import mixpanel from 'mixpanel-browser';\nexport function f(u: { email: string }) {\n  mixpanel.track('a', { email: u.email });\n}\n";
const SSN_TO_SENTRY = "import * as Sentry from '@sentry/browser';\nexport function f(a: { ssn: string }) {\n  Sentry.setContext('a', { ssn: a.ssn });\n}\n";
const EMAIL_TO_PIXEL = "import ReactPixel from 'react-facebook-pixel';\nexport function f(u: { email: string }) {\n  ReactPixel.init('1', { em: u.email });\n}\n";
const DIAGNOSIS_TO_MIXPANEL = "import mixpanel from 'mixpanel-browser';\nexport function f(v: { email: string; diagnosis: string }) {\n  mixpanel.track('Visit', { email: v.email, diagnosis: v.diagnosis });\n}\n";
const LOCATION_TO_MIXPANEL = "import mixpanel from 'mixpanel-browser';\nexport function f(p: { latitude: number; longitude: number }) {\n  mixpanel.track('Search', { latitude: p.latitude, longitude: p.longitude });\n}\n";
const SSN_TO_STORAGE = "export function f(a: { ssn: string }) {\n  localStorage.setItem('ssn', a.ssn);\n}\n";
const CARD_TO_STORAGE = "export function f(p: { cardNumber: string }) {\n  localStorage.setItem('card', p.cardNumber);\n}\n";
const CARD_AND_PIN_TO_STORAGE = "export function f(p: { accountNumber: string; pinCode: string }) {\n  localStorage.setItem('acct', JSON.stringify({ a: p.accountNumber, p: p.pinCode }));\n}\n";
const CARD_TO_LOG = "export function f(p: { cardNumber: string }) {\n  console.log('card', p.cardNumber);\n}\n";
const PIXEL = "declare const fbq: (...a: unknown[]) => void;\nexport function boot() {\n  fbq('init', '123');\n}\n";
const SNIPPETS = [EMAIL_TO_MIXPANEL, SSN_TO_SENTRY, EMAIL_TO_PIXEL, DIAGNOSIS_TO_MIXPANEL, LOCATION_TO_MIXPANEL, SSN_TO_STORAGE, CARD_TO_STORAGE, CARD_TO_LOG, PIXEL];
const PROFILE_SETS: Profile[] = [
  { entity: 'business' }, { entity: 'business', subjectToMcdpa: 'no' }, { entity: 'state-agency' }, { entity: 'local-government' },
  { entity: 'insurer' }, { entity: 'insurer', also: ['motor-vehicle-records'] }, { entity: 'health-care-provider' },
  { entity: 'health-care-provider', hipaaCovered: 'yes' }, { entity: 'mental-health-app' }, { entity: 'school-service', also: ['minors'] },
  { entity: 'business', also: ['minors'] }, { entity: 'business', also: ['minors'], subjectToMcdpa: 'no' }, { entity: 'local-government', also: ['school-service'] },
];
const ROLES: (SinkRole | undefined)[] = [undefined, 'processor', 'own-purposes'];

describe('legal review 1: local governments are not state agencies', () => {
  it('local-government is an entity: no business (MCDPA) or minors profile, and it is a government standing', () => {
    assert.deepStrictEqual(activeProfiles({ entity: 'local-government' }), ['local-government']);
    assert.deepStrictEqual(activeProfiles({ entity: 'local-government', also: ['minors', 'school-service'] }), ['local-government', 'school-service']);
    assert.strictEqual(mcdpaStanding(activeProfiles({ entity: 'local-government' })), 'government');
  });
  it('no finding and no rule view for a local government cites MCA 2-6-1501..1503 (they bind state agencies only)', () => {
    for (const also of [[], ['school-service'], ['health-care-provider'], ['minors']] as ProfileId[][]) {
      const profiles = activeProfiles({ entity: 'local-government', also });
      for (const code of SNIPPETS) for (const f of findingsOf(code, { entity: 'local-government', also })) assert.ok(!f.citations.some((c) => /^MCA 2-6-15/.test(c)), `${f.ruleId}: ${f.citations}`);
      for (const rule of catalog.rules.filter((r) => ruleApplies(r, profiles))) {
        for (const role of ROLES) {
          const v = viewOf(rule, profiles, role);
          const all = [...v.citations, ...v.categoryCitations.flatMap((c) => c.citations)];
          assert.ok(!all.some((c) => /^MCA 2-6-15|^MCA 30-14-28/.test(c)), `${rule.id} (${also}, ${role}): ${all}`);
        }
      }
    }
    assert.ok(!ruleApplies(catalog.ruleById.get('mt/agency-data-on-portable-device')!, activeProfiles({ entity: 'local-government' })));
  });
  it('a county or city site gets the government-website law (pixels, personal data) as a state agency does', () => {
    const f = only(PIXEL, 'mt/government-site-tracking', { entity: 'local-government' });
    assert.deepStrictEqual(f.citations, ['MCA 2-17-552', 'MCA 2-17-551']);
    assert.deepStrictEqual(only(EMAIL_TO_MIXPANEL, 'mt/personal-data-to-third-party', { entity: 'local-government' }).citations, ['MCA 2-17-552', 'MCA 2-17-551']);
  });
  it('rule pages send a public school district and a county to local-government, not state-agency', () => {
    const pupil = fs.readFileSync(path.join(ROOT, 'rules/montana/pupil-data-to-third-party.md'), 'utf8');
    assert.doesNotMatch(pupil, /public school's own site \(`state-agency`\)/);
    assert.match(pupil, /school district's own site \(`local-government`/);
    const gov = fs.readFileSync(path.join(ROOT, 'rules/montana/government-site-tracking.md'), 'utf8');
    assert.doesNotMatch(gov, /state or local government body \(`"entity": "state-agency"`/);
    assert.match(gov, /"entity": "local-government"/);
    assert.deepStrictEqual(catalog.ruleById.get('mt/pupil-data-to-third-party')!.profiles!['local-government']!.citations, ['MCA 2-17-552', 'MCA 2-17-551']);
  });
});

describe('legal review 2: for known minors an opt-out check is not consent; an ad network is not a processor', () => {
  it('the minors rule is quiet only behind a consent check (a GPC or opt-out check alone is not one)', () => {
    const rule = catalog.ruleById.get('mt/minors-targeted-advertising')!;
    assert.deepStrictEqual(rule.unlessGuard, ['consent']);
    const M: Profile = { entity: 'business', also: ['minors'] };
    const gated = (cond: string) => `declare const fbq: (...a: unknown[]) => void;\nexport function boot(u: { adsOptOut: boolean; parentalConsent: boolean }) {\n  if (${cond}) {\n    fbq('init', '123');\n  }\n}\n`;
    for (const cond of ['!navigator.globalPrivacyControl', '!u.adsOptOut']) {
      const f = only(gated(cond), 'mt/minors-targeted-advertising', M);
      assert.strictEqual(f.severity, 'error', cond);
      assert.match(f.message, /opt-out or Global Privacy Control check is not consent/);
    }
    assert.deepStrictEqual(findingsOf(gated('u.parentalConsent && !navigator.globalPrivacyControl'), M), []);
  });
  it('a government site needs affirmative permission too: a GPC check alone leaves the pixel flagged, a consent check does not', () => {
    const gated = (cond: string) => `declare const fbq: (...a: unknown[]) => void;\nexport function boot(v: { hasConsented: boolean }) {\n  if (${cond}) return;\n  fbq('init', '123');\n}\n`;
    for (const entity of ['state-agency', 'local-government'] as const) {
      assert.strictEqual(only(gated('navigator.globalPrivacyControl'), 'mt/government-site-tracking', { entity }).severity, 'warning');
      assert.deepStrictEqual(findingsOf(gated('!v.hasConsented'), { entity }), []);
    }
  });
  it('no message or citation of any rule calls a vendor that uses data for its own purposes a processor, under any profile', () => {
    for (const spec of PROFILE_SETS) {
      const profiles = activeProfiles(spec);
      for (const rule of catalog.rules.filter((r) => ruleApplies(r, profiles))) {
        const v = viewOf(rule, profiles, 'own-purposes');
        for (const t of [v.message, v.firesMessage]) assert.doesNotMatch(t, /processor contract|the processor|your processor|(?<!not )a processor/i, `${rule.id} (${JSON.stringify(spec)}): "${t}"`);
        assert.ok(!v.citations.includes('MCA 30-14-2818') && !v.citations.includes('MCA 30-14-2813(2)'), `${rule.id} (${JSON.stringify(spec)}): ${v.citations}`);
      }
    }
  });
  it('the minors processor duties (MCA 30-14-2818) are cited for a processor, and its message says minors', () => {
    const f = only(EMAIL_TO_MIXPANEL, 'mt/personal-data-to-third-party', { entity: 'business', also: ['minors'] });
    assert.ok(f.citations.includes('MCA 30-14-2818'));
    assert.match(f.message, /known minor/);
  });
});

describe('legal review 3: an app\'s own consent flag is not proof that the opt-out signal is honoured', () => {
  const FLAG_GATED = "import ReactPixel from 'react-facebook-pixel';\nexport function buy(o: { total: number }, prefs: { adsOptOut: boolean }) {\n  if (prefs.adsOptOut) return;\n  ReactPixel.track('Purchase', { value: o.total });\n  ReactPixel.track('AddToCart', { value: o.total });\n}\n";
  const GPC = 'mt/ad-tracking-without-opt-out-check';
  it('a pixel behind only the app\'s own flag, where no code reads the signal: one finding per pixel file saying so', () => {
    const all = findingsOf(FLAG_GATED).filter((f) => f.ruleId === GPC);
    assert.strictEqual(all.length, 1);
    assert.strictEqual(all[0].severity, 'warning');
    assert.match(all[0].message, /fires behind the app's own consent or opt-out setting, but no code of the project that was analysed reads the Global Privacy Control signal/);
    assert.ok(all[0].flow.some((s) => s.note.startsWith('also fires')), 'the second call is in the flow, not a second finding');
  });
  it('quiet where the project reads the signal: the CLI\'s project-wide fact, or the file itself', () => {
    assert.deepStrictEqual(analyzeFile('/review/a.ts', FLAG_GATED, catalog, { optOutSignalRead: true }).findings.filter((f) => f.ruleId === GPC), []);
    const withSignal = FLAG_GATED.replace('if (prefs.adsOptOut) return;', 'if (prefs.adsOptOut || navigator.globalPrivacyControl) return;');
    assert.deepStrictEqual(findingsOf(withSignal).filter((f) => f.ruleId === GPC), []);
  });
  it('a file with an ungated call too keeps the plain message (the signal is not checked at all there)', () => {
    const mixed = FLAG_GATED + "export function boot() {\n  ReactPixel.init('1');\n}\n";
    const f = only(mixed, GPC);
    assert.match(f.message, /fires without a check of the Global Privacy Control signal/);
  });
  it('the CLI reads the whole project: a consent banner that reads the signal, imported or not, quiets the flag-gated pixel', () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'mt-pii-gpc-'));
    fs.writeFileSync(path.join(dir, 'pixel.ts'), FLAG_GATED);
    const scanJson = () => {
      const r = require('child_process').spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mt-pii.js'), 'scan', '.', '--format', 'json', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8' });
      return (JSON.parse(r.stdout).findings as { ruleId: string }[]).filter((f) => f.ruleId === GPC).length;
    };
    assert.strictEqual(scanJson(), 1);
    fs.writeFileSync(path.join(dir, 'consent-banner.ts'), 'export function syncPrefs(prefs: { adsOptOut: boolean }) {\n  if (navigator.globalPrivacyControl) prefs.adsOptOut = true;\n}\n');
    assert.strictEqual(scanJson(), 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('the editor (the project index) counts a consent manager the pixel file imports', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'projects', 'consent-manager');
    const index = new ModuleIndex(fsHost(), 1 << 30);
    const space = index.space('default', () => ({ catalog, options: {} }));
    const r = index.analyze(path.join(dir, 'ok_pixel.ts'), space, newJob());
    assert.deepStrictEqual(r?.findings.map((f) => f.ruleId), []);
    assert.strictEqual(r?.readsOptOutSignal, true, 'it imports consent.ts, which reads the signal');
    const alone = analyzeFile(path.join(dir, 'ok_pixel.ts'), fs.readFileSync(path.join(dir, 'ok_pixel.ts'), 'utf8'), catalog);
    assert.deepStrictEqual(alone.findings.map((f) => f.ruleId), [GPC], 'without its imports the file shows no read of the signal');
  });
  it('the README and the rule page say why once per pixel file, and what the editor sees', () => {
    const page = fs.readFileSync(path.join(ROOT, 'rules/montana/ad-tracking-without-opt-out-check.md'), 'utf8');
    assert.match(page, /once per pixel file/);
    assert.match(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'), /once per pixel file/);
  });
});

describe('legal review 4: insurers', () => {
  it('insurer is an entity the MCDPA exempts, outside the business breach part, with its own breach section', () => {
    assert.deepStrictEqual(activeProfiles({ entity: 'insurer', also: ['minors', 'motor-vehicle-records'] }), ['insurer', 'motor-vehicle-records']);
    assert.strictEqual(mcdpaStanding(activeProfiles({ entity: 'insurer' })), 'exempt');
    const stored = only(SSN_TO_STORAGE, 'mt/breach-data-on-device', { entity: 'insurer' });
    assert.deepStrictEqual(stored.citations, ['MCA 33-19-321']);
    assert.strictEqual(stored.severity, 'error');
    for (const code of SNIPPETS) {
      for (const f of findingsOf(code, { entity: 'insurer' })) {
        assert.ok(!f.citations.includes('MCA 30-14-1704') && !f.citations.includes('MCA 30-14-1703'), `${f.ruleId}: ${f.citations}`);
        assert.ok(!f.citations.some((c) => /^MCA 30-14-28/.test(c) && c !== 'MCA 30-14-2804'), `${f.ruleId}: ${f.citations}`);
        if (f.citations.includes('MCA 30-14-2804')) assert.strictEqual(f.severity, 'info', f.ruleId);
      }
    }
  });
  it('the README no longer gives "business + motor-vehicle-records" as an insurer, and says which insurance laws are not covered', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.doesNotMatch(readme, /"also": \["motor-vehicle-records"\] \}` for an insurer/);
    assert.match(readme, /`insurer`/);
    assert.match(readme, /insurance-information laws \(Title 33, ch\. 19\) are not covered yet/);
  });
  it('33-19-321 records what was read to verify it', () => {
    assert.match(catalog.citations['MCA 33-19-321'].verificationNote ?? '', /lawserver/);
  });
});

describe('legal review 5: the breach law is about notice after a breach', () => {
  it('MCA 30-14-1704 is never cited for sending data to a vendor, under any profile', () => {
    for (const spec of PROFILE_SETS) {
      for (const code of [EMAIL_TO_MIXPANEL, SSN_TO_SENTRY, EMAIL_TO_PIXEL, DIAGNOSIS_TO_MIXPANEL]) {
        for (const f of findingsOf(code, spec)) assert.ok(!f.citations.includes('MCA 30-14-1704'), `${f.ruleId} (${JSON.stringify(spec)})`);
      }
    }
    assert.match(catalog.citations['MCA 30-14-1704'].summary, /after a breach/);
  });
  it('a card or account number is listed only with its code: the message says so and the severity is lower when no code is seen', () => {
    const alone = only(CARD_TO_STORAGE, 'mt/breach-data-on-device');
    assert.strictEqual(alone.severity, 'warning');
    assert.match(alone.message, /only together with the code or password that opens the account, which is not seen here/);
    const withPin = only(CARD_AND_PIN_TO_STORAGE, 'mt/breach-data-on-device');
    assert.strictEqual(withPin.severity, 'error');
    assert.match(only(CARD_TO_LOG, 'mt/personal-data-in-logs').message, /only together with the code or password/);
  });
  it('below the thresholds no finding resting only on the MCDPA keeps warning or error, and none uses processor-contract wording', () => {
    for (const spec of [{ entity: 'business', subjectToMcdpa: 'no' }, { entity: 'health-care-provider', subjectToMcdpa: 'no' }] as Profile[]) {
      for (const code of SNIPPETS) {
        for (const f of findingsOf(code, spec)) {
          const mcdpaOnly = f.citations.every((c) => catalog.citations[c].needsMcdpaThresholds);
          if (!mcdpaOnly) continue;
          assert.strictEqual(f.severity, 'info', `${f.ruleId}: ${f.message}`);
          assert.doesNotMatch(f.message, /processor contract|opt out|honouring that signal/, f.ruleId);
          assert.match(f.message, /thresholds are not met/);
        }
      }
    }
  });
});

describe('legal review 6: HIPAA-covered health care providers', () => {
  it('mt-pii.json asks hipaaCovered; "yes" adds the hipaa-covered profile and takes the entity out of the MCDPA', () => {
    const schemas = (name: string) => JSON.parse(fs.readFileSync(path.join(catalog.rulesDir, 'schema', name), 'utf8'));
    const cfg = parseConfig('/r/mt-pii.json', '{ "profile": { "entity": "health-care-provider", "hipaaCovered": "yes" } }', schemas);
    assert.deepStrictEqual(cfg.problems, []);
    const merged = mergeConfigs([{ file: '/r/mt-pii.json', data: cfg.data! }]);
    assert.strictEqual(merged.hipaaCovered, 'yes');
    assert.deepStrictEqual(merged.profiles, ['hipaa-covered', 'health-care-provider']);
    assert.strictEqual(parseConfig('/r/mt-pii.json', '{ "profile": { "hipaaCovered": "maybe" } }', schemas).problems.length, 1);
  });
  it('"yes": the health finding cites no part 5 section and no MCDPA section, names HIPAA and part 8, and carries no processor or opt-out wording', () => {
    const f = only(DIAGNOSIS_TO_MIXPANEL, 'mt/health-data-to-third-party', { entity: 'health-care-provider', hipaaCovered: 'yes' });
    assert.deepStrictEqual(f.citations, []);
    assert.match(f.message, /HIPAA/);
    assert.match(f.message, /Title 50, ch\. 16, part 8/);
    assert.doesNotMatch(f.message, /processor contract|opt out|Consumer Data Privacy Act/);
    for (const code of SNIPPETS) for (const x of findingsOf(code, { entity: 'health-care-provider', hipaaCovered: 'yes' })) {
      assert.ok(!x.citations.some((c) => /^MCA 30-14-28/.test(c) && c !== 'MCA 30-14-2804'), `${x.ruleId}: ${x.citations}`);
    }
  });
  it('"no" or unset: part 5 (MCA 50-16-525), as before', () => {
    for (const hipaaCovered of ['no', 'unknown', undefined] as const) {
      const f = only(DIAGNOSIS_TO_MIXPANEL, 'mt/health-data-to-third-party', { entity: 'health-care-provider', ...(hipaaCovered ? { hipaaCovered } : {}) });
      assert.deepStrictEqual(f.citations, ['MCA 50-16-525', 'MCA 50-16-504']);
      assert.strictEqual(f.severity, 'error');
    }
  });
});

describe('legal review 7: severity where the law is unsettled', () => {
  it('agency data on a portable device is a warning, with the caveat in the message', () => {
    const rule = catalog.ruleById.get('mt/agency-data-on-portable-device')!;
    assert.strictEqual(rule.severity, 'warning');
    assert.match(rule.message, /if this browser or phone storage counts as a portable device/);
  });
  it('for a state agency, precise geolocation alone is not personally identifiable information (MCA 2-17-551): information', () => {
    const alone = only(LOCATION_TO_MIXPANEL, 'mt/sensitive-data-to-third-party', { entity: 'state-agency' });
    assert.strictEqual(alone.severity, 'info');
    assert.match(alone.message, /without a name, address, email, phone number or SSN beside it/);
    const withEmail = findingsOf("import mixpanel from 'mixpanel-browser';\nexport function f(p: { email: string; latitude: number }) {\n  mixpanel.track('S', { email: p.email, latitude: p.latitude });\n}\n", { entity: 'state-agency' })
      .find((f) => f.ruleId === 'mt/sensitive-data-to-third-party')!;
    assert.strictEqual(withEmail.severity, 'error');
  });
});

describe('legal review 8: wording', () => {
  it('carrier-billing advice lists only the forms ARM 38.5.3901 allows and puts the customer\'s own providers outside it', () => {
    const r = catalog.ruleById.get('mt/carrier-billing-authorization')!;
    assert.match(r.advice, /letter of agency meeting ARM 38\.5\.3904/);
    assert.match(r.advice, /toll-free number whose voice response records the calling number/);
    assert.match(r.advice, /independent third-party verification/);
    assert.match(r.advice, /own selected local and long-distance providers are outside the rule/);
    assert.doesNotMatch(r.advice, /PIN or SMS/);
  });
  it('conversion tags act for the ad platform, not as a processor; opt-out advice adds the method outside the privacy notice', () => {
    const personal = catalog.ruleById.get('mt/personal-data-to-third-party')!;
    assert.match(personal.roleVariants!['own-purposes']!.message!, /conversion tag/);
    assert.match(personal.roleVariants!['own-purposes']!.advice!, /outside the privacy notice \(required since 1 October 2025\)/);
    assert.match(catalog.ruleById.get('mt/ad-tracking-without-opt-out-check')!.advice, /clear and conspicuous opt-out method outside the privacy notice/);
  });
  it('30-14-2809 has its official catchline; the threshold notes name the minors sections and 2813(2) through 2818; the cure period note', () => {
    const c = catalog.citations['MCA 30-14-2809(3)(b)'];
    assert.strictEqual(c.title, 'Authorized agent');
    assert.ok(!c.titleIsGloss);
    assert.match(catalog.citations['MCA 30-14-2803'].summary, /no volume threshold; through MCA 30-14-2818 the processor-contract terms of MCA 30-14-2813\(2\)/);
    assert.match(catalog.citations['MCA 30-14-2820'].summary, /every secondary source seen reads the 2025 amendments as removing the cure period/);
    assert.match(catalog.citations['MCA 30-14-2817'].summary, /every secondary source seen reads the 2025 amendments as removing it/);
  });
});

describe('legal review 9: mt-pii explain answers for the seed\'s citations and every rule the README lists', () => {
  it('2-6-1502, 61-11-515 and ARM 38.5.3901: what it says, whom it binds, when the product cites it', () => {
    for (const [q, rule] of [['2-6-1502', 'mt/agency-data-on-portable-device'], ['61-11-515', 'mt/motor-vehicle-record-redisclosure'], ['38.5.3901', 'mt/carrier-billing-authorization']]) {
      const out = explain(q);
      assert.match(out, /\*\*Binds:\*\* /, q);
      assert.match(out, /\*\*Cited by:\*\*/, q);
      assert.ok(out.includes(`\`${rule}\``), `${q}: cited by ${rule}`);
      assert.match(out, /Not legal advice/, q);
    }
  });
  it('61-11-506: explained, and why it is never cited (it binds the department itself)', () => {
    const out = explain('61-11-506');
    assert.match(out, /Department of Justice/);
    assert.match(out, /\*\*Cited by:\*\* no rule, by design\. It binds the department that keeps the records/);
    assert.match(out, /two independent secondary sources agree; the text itself was not read/);
  });
  it('every rule id in the README table, including the two suppression rules', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Rules'), readme.indexOf('## Team configuration'));
    const ids = [...table.matchAll(/`(mt\/[a-z-]+)`/g)].map((m) => m[1]);
    assert.ok(ids.includes('mt/unused-suppression') && ids.includes('mt/invalid-suppression'));
    assert.strictEqual(new Set(ids).size, catalog.rules.length + 2);
    for (const id of ids) {
      const out = explain(id);
      assert.ok(out.startsWith(`# ${id} — `), `${id}: ${out.slice(0, 80)}`);
      assert.match(out, /Not legal advice/, id);
    }
    assert.ok(explain(undefined).includes('mt/unused-suppression'));
  });
});

describe('legal review 10 and gaps: not legal advice wherever law is read; newly verified sections', () => {
  it('every rule and profile applicability says it is not legal advice', () => {
    for (const r of catalog.rules) {
      for (const a of [r.applicability, ...Object.values(r.profiles ?? {}).map((p) => p!.applicability)]) if (a) assert.match(a, /not legal advice/i, r.id);
    }
    assert.match(catalog.notices!.notLegalAdvice, /^Not legal advice/);
  });
  it('30-14-1703 for stored breach-listed elements; 30-14-2812(2)(d) for teenagers and ads; 44-15-109 for a government\'s biometric data', () => {
    assert.ok(only(SSN_TO_STORAGE, 'mt/breach-data-on-device').citations.includes('MCA 30-14-1703'));
    assert.ok(only(PIXEL, 'mt/minors-targeted-advertising', { entity: 'business', also: ['minors'] }).citations.includes('MCA 30-14-2812(2)(d)'));
    const bio = "import mixpanel from 'mixpanel-browser';\nexport function f(u: { email: string; faceTemplate: string }) {\n  mixpanel.track('E', { email: u.email, faceTemplate: u.faceTemplate });\n}\n";
    for (const entity of ['state-agency', 'local-government'] as const) {
      assert.ok(only(bio, 'mt/sensitive-data-to-third-party', { entity }).citations.includes('MCA 44-15-109'), entity);
    }
    assert.ok(!only(bio, 'mt/sensitive-data-to-third-party').citations.includes('MCA 44-15-109'));
  });
  it('every profile the rules know is in the overlay order', () => {
    for (const r of catalog.rules) for (const p of Object.keys(r.profiles ?? {})) assert.ok((PROFILES as readonly string[]).includes(p), `${r.id}: ${p}`);
  });
});
