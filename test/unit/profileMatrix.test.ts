/**
 * The profile matrix: every organisation profile of mt-pii.json (and each combination the README shows) ×
 * every kind of flow the rules know → the findings, their severity and the Montana sections they cite, pinned
 * in a table a reviewer can read line by line. A change to a rule's data that changes whom a law is cited
 * against fails here with the row that moved.
 *
 * Cells: `<rule> <severity> <categories>: <sections cited>`, several findings joined by ` | `, `—` for none.
 * Sections drop the "MCA " prefix. Why each row is right is in README "Profiles: whom each law binds" and the
 * rule pages; the notable ones: a local government never gets MCA 2-6-150x (state agencies only); an insurer
 * and a HIPAA covered entity are outside the MCDPA (information citing 30-14-2804); the breach-notice law
 * (30-14-1704) is cited only where its elements are stored or logged; below the thresholds only laws without
 * them keep a finding's severity.
 */
import * as assert from 'assert';
import { AnalyzeOptions, analyzeFile } from '../../server/src/analysis';
import { loadCatalog } from '../../server/src/catalog/load';

type Profile = NonNullable<AnalyzeOptions['profile']>;

/** One call each: the kinds of flow the rules tell apart. */
const KINDS: [string, string][] = [
  ["contact data → processor", "import mixpanel from 'mixpanel-browser';\nexport function f(u: { email: string }) {\n  mixpanel.track('Signed up', { email: u.email });\n}\n"],
  ["contact data → ad network", "import ReactPixel from 'react-facebook-pixel';\nexport function f(u: { email: string }) {\n  ReactPixel.init('123456789', { em: u.email });\n}\n"],
  ["SSN → processor", "import * as Sentry from '@sentry/browser';\nexport function f(a: { ssn: string }) {\n  Sentry.setContext('applicant', { ssn: a.ssn });\n}\n"],
  ["health → processor", "import mixpanel from 'mixpanel-browser';\nexport function f(v: { diagnosis: string }) {\n  mixpanel.track('Visit', { diagnosis: v.diagnosis });\n}\n"],
  ["location alone → processor", "import mixpanel from 'mixpanel-browser';\nexport function f(p: { latitude: number; longitude: number }) {\n  mixpanel.track('Search', { latitude: p.latitude, longitude: p.longitude });\n}\n"],
  ["location + email → processor", "import mixpanel from 'mixpanel-browser';\nexport function f(p: { email: string; latitude: number }) {\n  mixpanel.track('Search', { email: p.email, latitude: p.latitude });\n}\n"],
  ["biometric → processor", "import mixpanel from 'mixpanel-browser';\nexport function f(u: { email: string; faceTemplate: string }) {\n  mixpanel.track('Enrolled', { email: u.email, faceTemplate: u.faceTemplate });\n}\n"],
  ["genetic → processor", "import mixpanel from 'mixpanel-browser';\nexport function f(r: { genome: string }) {\n  mixpanel.track('Result', { dna: r.genome });\n}\n"],
  ["license + DOB → processor", "import mixpanel from 'mixpanel-browser';\nexport function f(d: { driversLicenseNumber: string; dateOfBirth: string }) {\n  mixpanel.track('Quote', { license: d.driversLicenseNumber, dob: d.dateOfBirth });\n}\n"],
  ["SSN → device", "export function f(a: { ssn: string }) {\n  localStorage.setItem('draft.ssn', a.ssn);\n}\n"],
  ["card number alone → device", "export function f(p: { cardNumber: string }) {\n  localStorage.setItem('card', p.cardNumber);\n}\n"],
  ["card + CVV → device", "export function f(p: { cardNumber: string; cvv: string }) {\n  localStorage.setItem('card', JSON.stringify({ n: p.cardNumber, c: p.cvv }));\n}\n"],
  ["location → device", "export function f(p: { latitude: number; longitude: number }) {\n  localStorage.setItem('fix', JSON.stringify({ latitude: p.latitude, longitude: p.longitude }));\n}\n"],
  ["SSN → log", "export function f(a: { ssn: string }) {\n  console.log('applicant', a.ssn);\n}\n"],
  ["pixel fires, no check", "declare const fbq: (...a: unknown[]) => void;\nexport function boot() {\n  fbq('init', '123');\n}\n"],
  ["carrier-billing charge", "import HdcbLightbox from '@fortumo/hdcb-lightbox';\nexport function f(o: { merchantId: string }) {\n  HdcbLightbox.addPaymentButton('pay', { merchant_id: o.merchantId });\n}\n"],
];

/** Every entity, alone and in the combinations the README shows. */
const PROFILES: [string, Profile][] = [
  ['business', { entity: 'business' }],
  ['business, below thresholds', { entity: 'business', subjectToMcdpa: 'no' }],
  ['state-agency', { entity: 'state-agency' }],
  ['local-government', { entity: 'local-government' }],
  ['insurer', { entity: 'insurer' }],
  ['health-care-provider', { entity: 'health-care-provider' }],
  ['health-care-provider, hipaaCovered', { entity: 'health-care-provider', hipaaCovered: 'yes' }],
  ['mental-health-app', { entity: 'mental-health-app' }],
  ['school-service', { entity: 'school-service' }],
  ['business + minors', { entity: 'business', also: ['minors'] }],
  ['business + minors, below thresholds', { entity: 'business', also: ['minors'], subjectToMcdpa: 'no' }],
  ['school-service + minors', { entity: 'school-service', also: ['minors'] }],
  ['business + motor-vehicle-records', { entity: 'business', also: ['motor-vehicle-records'] }],
  ['insurer + motor-vehicle-records', { entity: 'insurer', also: ['motor-vehicle-records'] }],
  ['business + genetic-data', { entity: 'business', also: ['genetic-data'] }],
  ['state-agency + school-service', { entity: 'state-agency', also: ['school-service'] }],
  ['local-government + school-service', { entity: 'local-government', also: ['school-service'] }],
];

const TABLE = `
business                            | contact data → processor     | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business                            | contact data → ad network    | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808 | personal-data-to-third-party warning email: 30-14-2802 30-14-2808 30-14-2814(1) 30-14-2812(1)(a)
business                            | SSN → processor              | personal-data-to-third-party warning ssn: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business                            | health → processor           | sensitive-data-to-third-party error health: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1)
business                            | location alone → processor   | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
business                            | location + email → processor | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
business                            | biometric → processor        | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error biometric: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1)
business                            | genetic → processor          | sensitive-data-to-third-party error genetic: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-23-104
business                            | license + DOB → processor    | personal-data-to-third-party warning date-of-birth,drivers-license: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business                            | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business                            | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business                            | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business                            | location → device            | personal-data-on-device info precise-geolocation: 30-14-2812(1)(b) 30-14-2802(28)
business                            | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704 30-14-2812(1)(b)
business                            | pixel fires, no check        | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808
business                            | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

business, below thresholds          | contact data → processor     | personal-data-to-third-party info email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business, below thresholds          | contact data → ad network    | ad-tracking-without-opt-out-check info: 30-14-2809(3)(b) 30-14-2808 | personal-data-to-third-party info email: 30-14-2802 30-14-2808 30-14-2814(1) 30-14-2812(1)(a)
business, below thresholds          | SSN → processor              | personal-data-to-third-party info ssn: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business, below thresholds          | health → processor           | sensitive-data-to-third-party info health: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1)
business, below thresholds          | location alone → processor   | sensitive-data-to-third-party info precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
business, below thresholds          | location + email → processor | personal-data-to-third-party info email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party info precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
business, below thresholds          | biometric → processor        | personal-data-to-third-party info email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party info biometric: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1)
business, below thresholds          | genetic → processor          | sensitive-data-to-third-party error genetic: 30-23-104
business, below thresholds          | license + DOB → processor    | personal-data-to-third-party info date-of-birth,drivers-license: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business, below thresholds          | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703
business, below thresholds          | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703
business, below thresholds          | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703
business, below thresholds          | location → device            | personal-data-on-device info precise-geolocation: 30-14-2812(1)(b) 30-14-2802(28)
business, below thresholds          | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704
business, below thresholds          | pixel fires, no check        | ad-tracking-without-opt-out-check info: 30-14-2809(3)(b) 30-14-2808
business, below thresholds          | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

state-agency                        | contact data → processor     | personal-data-to-third-party warning email: 2-17-552 2-17-551
state-agency                        | contact data → ad network    | personal-data-to-third-party warning email: 2-17-552 2-17-551
state-agency                        | SSN → processor              | personal-data-to-third-party warning ssn: 2-17-552 2-17-551 2-6-1502 2-6-1503 2-6-1501
state-agency                        | health → processor           | sensitive-data-to-third-party info health: 2-17-552 2-17-551 2-6-1502 2-6-1503 2-6-1501
state-agency                        | location alone → processor   | sensitive-data-to-third-party info precise-geolocation: 2-17-552 2-17-551
state-agency                        | location + email → processor | personal-data-to-third-party warning email: 2-17-552 2-17-551 | sensitive-data-to-third-party error precise-geolocation: 2-17-552 2-17-551
state-agency                        | biometric → processor        | personal-data-to-third-party warning email: 2-17-552 2-17-551 | sensitive-data-to-third-party error biometric: 2-17-552 2-17-551 44-15-109
state-agency                        | genetic → processor          | sensitive-data-to-third-party info genetic: 2-17-552 2-17-551
state-agency                        | license + DOB → processor    | personal-data-to-third-party info date-of-birth,drivers-license: 2-17-552 2-17-551 2-6-1502 2-6-1503 2-6-1501
state-agency                        | SSN → device                 | agency-data-on-portable-device warning ssn: 2-6-1502 2-6-1501 2-6-1503
state-agency                        | card number alone → device   | agency-data-on-portable-device warning payment-card: 2-6-1502 2-6-1501 2-6-1503
state-agency                        | card + CVV → device          | agency-data-on-portable-device warning payment-card: 2-6-1502 2-6-1501 2-6-1503
state-agency                        | location → device            | —
state-agency                        | SSN → log                    | personal-data-in-logs info ssn: 2-6-1502 2-6-1501
state-agency                        | pixel fires, no check        | government-site-tracking warning: 2-17-552 2-17-551
state-agency                        | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

local-government                    | contact data → processor     | personal-data-to-third-party warning email: 2-17-552 2-17-551
local-government                    | contact data → ad network    | personal-data-to-third-party warning email: 2-17-552 2-17-551
local-government                    | SSN → processor              | personal-data-to-third-party warning ssn: 2-17-552 2-17-551
local-government                    | health → processor           | sensitive-data-to-third-party info health: 2-17-552 2-17-551
local-government                    | location alone → processor   | sensitive-data-to-third-party info precise-geolocation: 2-17-552 2-17-551
local-government                    | location + email → processor | personal-data-to-third-party warning email: 2-17-552 2-17-551 | sensitive-data-to-third-party error precise-geolocation: 2-17-552 2-17-551
local-government                    | biometric → processor        | personal-data-to-third-party warning email: 2-17-552 2-17-551 | sensitive-data-to-third-party error biometric: 2-17-552 2-17-551 44-15-109
local-government                    | genetic → processor          | sensitive-data-to-third-party info genetic: 2-17-552 2-17-551
local-government                    | license + DOB → processor    | personal-data-to-third-party info date-of-birth,drivers-license: 2-17-552 2-17-551
local-government                    | SSN → device                 | —
local-government                    | card number alone → device   | —
local-government                    | card + CVV → device          | —
local-government                    | location → device            | —
local-government                    | SSN → log                    | —
local-government                    | pixel fires, no check        | government-site-tracking warning: 2-17-552 2-17-551
local-government                    | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

insurer                             | contact data → processor     | personal-data-to-third-party info email: 30-14-2804
insurer                             | contact data → ad network    | ad-tracking-without-opt-out-check info: 30-14-2804 | personal-data-to-third-party info email: 30-14-2804
insurer                             | SSN → processor              | personal-data-to-third-party info ssn: 30-14-2804
insurer                             | health → processor           | sensitive-data-to-third-party info health: 30-14-2804
insurer                             | location alone → processor   | sensitive-data-to-third-party info precise-geolocation: 30-14-2804
insurer                             | location + email → processor | personal-data-to-third-party info email: 30-14-2804 | sensitive-data-to-third-party info precise-geolocation: 30-14-2804
insurer                             | biometric → processor        | personal-data-to-third-party info email: 30-14-2804 | sensitive-data-to-third-party info biometric: 30-14-2804
insurer                             | genetic → processor          | sensitive-data-to-third-party error genetic: 30-23-104
insurer                             | license + DOB → processor    | personal-data-to-third-party info date-of-birth,drivers-license: 30-14-2804
insurer                             | SSN → device                 | breach-data-on-device error ssn: 33-19-321
insurer                             | card number alone → device   | breach-data-on-device warning payment-card: 33-19-321
insurer                             | card + CVV → device          | breach-data-on-device error payment-card: 33-19-321
insurer                             | location → device            | personal-data-on-device info precise-geolocation: 30-14-2804
insurer                             | SSN → log                    | personal-data-in-logs info ssn: 33-19-321
insurer                             | pixel fires, no check        | ad-tracking-without-opt-out-check info: 30-14-2804
insurer                             | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

health-care-provider                | contact data → processor     | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
health-care-provider                | contact data → ad network    | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808 | personal-data-to-third-party warning email: 30-14-2802 30-14-2808 30-14-2814(1) 30-14-2812(1)(a)
health-care-provider                | SSN → processor              | personal-data-to-third-party warning ssn: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
health-care-provider                | health → processor           | health-data-to-third-party error health: 50-16-525 50-16-504
health-care-provider                | location alone → processor   | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
health-care-provider                | location + email → processor | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
health-care-provider                | biometric → processor        | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error biometric: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1)
health-care-provider                | genetic → processor          | sensitive-data-to-third-party error genetic: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-23-104
health-care-provider                | license + DOB → processor    | personal-data-to-third-party warning date-of-birth,drivers-license: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
health-care-provider                | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703 30-14-2812(1)(b)
health-care-provider                | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
health-care-provider                | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
health-care-provider                | location → device            | personal-data-on-device info precise-geolocation: 30-14-2812(1)(b) 30-14-2802(28)
health-care-provider                | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704 30-14-2812(1)(b)
health-care-provider                | pixel fires, no check        | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808
health-care-provider                | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

health-care-provider, hipaaCovered  | contact data → processor     | personal-data-to-third-party info email: 30-14-2804
health-care-provider, hipaaCovered  | contact data → ad network    | ad-tracking-without-opt-out-check info: 30-14-2804 | personal-data-to-third-party info email: 30-14-2804
health-care-provider, hipaaCovered  | SSN → processor              | personal-data-to-third-party info ssn: 30-14-2804
health-care-provider, hipaaCovered  | health → processor           | health-data-to-third-party warning health: (none)
health-care-provider, hipaaCovered  | location alone → processor   | sensitive-data-to-third-party info precise-geolocation: 30-14-2804
health-care-provider, hipaaCovered  | location + email → processor | personal-data-to-third-party info email: 30-14-2804 | sensitive-data-to-third-party info precise-geolocation: 30-14-2804
health-care-provider, hipaaCovered  | biometric → processor        | personal-data-to-third-party info email: 30-14-2804 | sensitive-data-to-third-party info biometric: 30-14-2804
health-care-provider, hipaaCovered  | genetic → processor          | sensitive-data-to-third-party error genetic: 30-23-104
health-care-provider, hipaaCovered  | license + DOB → processor    | personal-data-to-third-party info date-of-birth,drivers-license: 30-14-2804
health-care-provider, hipaaCovered  | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703
health-care-provider, hipaaCovered  | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703
health-care-provider, hipaaCovered  | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703
health-care-provider, hipaaCovered  | location → device            | personal-data-on-device info precise-geolocation: 30-14-2804
health-care-provider, hipaaCovered  | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704
health-care-provider, hipaaCovered  | pixel fires, no check        | ad-tracking-without-opt-out-check info: 30-14-2804
health-care-provider, hipaaCovered  | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

mental-health-app                   | contact data → processor     | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
mental-health-app                   | contact data → ad network    | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808 | personal-data-to-third-party warning email: 30-14-2802 30-14-2808 30-14-2814(1) 30-14-2812(1)(a)
mental-health-app                   | SSN → processor              | personal-data-to-third-party warning ssn: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
mental-health-app                   | health → processor           | health-data-to-third-party error health: 50-16-525 50-16-504 50-16-546 50-16-553
mental-health-app                   | location alone → processor   | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
mental-health-app                   | location + email → processor | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
mental-health-app                   | biometric → processor        | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error biometric: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1)
mental-health-app                   | genetic → processor          | sensitive-data-to-third-party error genetic: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-23-104
mental-health-app                   | license + DOB → processor    | personal-data-to-third-party warning date-of-birth,drivers-license: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
mental-health-app                   | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703 30-14-2812(1)(b)
mental-health-app                   | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
mental-health-app                   | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
mental-health-app                   | location → device            | personal-data-on-device info precise-geolocation: 30-14-2812(1)(b) 30-14-2802(28)
mental-health-app                   | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704 30-14-2812(1)(b)
mental-health-app                   | pixel fires, no check        | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808
mental-health-app                   | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

school-service                      | contact data → processor     | pupil-data-to-third-party warning email: 20-7-1325
school-service                      | contact data → ad network    | pupil-data-to-third-party error email: 20-7-1325
school-service                      | SSN → processor              | pupil-data-to-third-party warning ssn: 20-7-1325
school-service                      | health → processor           | pupil-data-to-third-party warning health: 20-7-1325
school-service                      | location alone → processor   | pupil-data-to-third-party warning precise-geolocation: 20-7-1325
school-service                      | location + email → processor | pupil-data-to-third-party warning email,precise-geolocation: 20-7-1325
school-service                      | biometric → processor        | pupil-data-to-third-party warning biometric,email: 20-7-1325
school-service                      | genetic → processor          | pupil-data-to-third-party warning genetic: 20-7-1325
school-service                      | license + DOB → processor    | pupil-data-to-third-party warning date-of-birth,drivers-license: 20-7-1325
school-service                      | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703 30-14-2812(1)(b)
school-service                      | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
school-service                      | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
school-service                      | location → device            | personal-data-on-device info precise-geolocation: 30-14-2812(1)(b) 30-14-2802(28)
school-service                      | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704 30-14-2812(1)(b)
school-service                      | pixel fires, no check        | pupil-data-to-third-party error: 20-7-1325
school-service                      | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

business + minors                   | contact data → processor     | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 30-14-2818 30-14-2811
business + minors                   | contact data → ad network    | minors-targeted-advertising error email: 30-14-2811 30-14-2819 30-14-2812(2)(d)
business + minors                   | SSN → processor              | personal-data-to-third-party warning ssn: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 30-14-2818 30-14-2811
business + minors                   | health → processor           | sensitive-data-to-third-party error health: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2811
business + minors                   | location alone → processor   | minors-precise-geolocation warning precise-geolocation: 30-14-2811 30-14-2802(20)
business + minors                   | location + email → processor | minors-precise-geolocation warning precise-geolocation: 30-14-2811 30-14-2802(20) | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 30-14-2818 30-14-2811
business + minors                   | biometric → processor        | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 30-14-2818 30-14-2811 | sensitive-data-to-third-party error biometric: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2811
business + minors                   | genetic → processor          | sensitive-data-to-third-party error genetic: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2811 30-23-104
business + minors                   | license + DOB → processor    | personal-data-to-third-party warning date-of-birth,drivers-license: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 30-14-2818 30-14-2811
business + minors                   | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business + minors                   | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business + minors                   | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business + minors                   | location → device            | minors-precise-geolocation warning precise-geolocation: 30-14-2811 30-14-2802(20)
business + minors                   | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704 30-14-2812(1)(b)
business + minors                   | pixel fires, no check        | minors-targeted-advertising error: 30-14-2811 30-14-2819 30-14-2812(2)(d)
business + minors                   | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

business + minors, below thresholds | contact data → processor     | personal-data-to-third-party warning email: 30-14-2818 30-14-2811
business + minors, below thresholds | contact data → ad network    | minors-targeted-advertising error email: 30-14-2811 30-14-2819
business + minors, below thresholds | SSN → processor              | personal-data-to-third-party warning ssn: 30-14-2818 30-14-2811
business + minors, below thresholds | health → processor           | sensitive-data-to-third-party error health: 30-14-2811
business + minors, below thresholds | location alone → processor   | minors-precise-geolocation warning precise-geolocation: 30-14-2811
business + minors, below thresholds | location + email → processor | minors-precise-geolocation warning precise-geolocation: 30-14-2811 | personal-data-to-third-party warning email: 30-14-2818 30-14-2811
business + minors, below thresholds | biometric → processor        | personal-data-to-third-party warning email: 30-14-2818 30-14-2811 | sensitive-data-to-third-party error biometric: 30-14-2811
business + minors, below thresholds | genetic → processor          | sensitive-data-to-third-party error genetic: 30-14-2811 30-23-104
business + minors, below thresholds | license + DOB → processor    | personal-data-to-third-party warning date-of-birth,drivers-license: 30-14-2818 30-14-2811
business + minors, below thresholds | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703
business + minors, below thresholds | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703
business + minors, below thresholds | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703
business + minors, below thresholds | location → device            | minors-precise-geolocation warning precise-geolocation: 30-14-2811
business + minors, below thresholds | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704
business + minors, below thresholds | pixel fires, no check        | minors-targeted-advertising error: 30-14-2811 30-14-2819
business + minors, below thresholds | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

school-service + minors             | contact data → processor     | pupil-data-to-third-party warning email: 20-7-1325 30-14-2811
school-service + minors             | contact data → ad network    | pupil-data-to-third-party error email: 20-7-1325 30-14-2811
school-service + minors             | SSN → processor              | pupil-data-to-third-party warning ssn: 20-7-1325 30-14-2811
school-service + minors             | health → processor           | pupil-data-to-third-party warning health: 20-7-1325 30-14-2811
school-service + minors             | location alone → processor   | pupil-data-to-third-party warning precise-geolocation: 20-7-1325 30-14-2811
school-service + minors             | location + email → processor | pupil-data-to-third-party warning email,precise-geolocation: 20-7-1325 30-14-2811
school-service + minors             | biometric → processor        | pupil-data-to-third-party warning biometric,email: 20-7-1325 30-14-2811
school-service + minors             | genetic → processor          | pupil-data-to-third-party warning genetic: 20-7-1325 30-14-2811
school-service + minors             | license + DOB → processor    | pupil-data-to-third-party warning date-of-birth,drivers-license: 20-7-1325 30-14-2811
school-service + minors             | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703 30-14-2812(1)(b)
school-service + minors             | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
school-service + minors             | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
school-service + minors             | location → device            | minors-precise-geolocation warning precise-geolocation: 30-14-2811 30-14-2802(20)
school-service + minors             | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704 30-14-2812(1)(b)
school-service + minors             | pixel fires, no check        | pupil-data-to-third-party error: 20-7-1325 30-14-2811
school-service + minors             | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

business + motor-vehicle-records    | contact data → processor     | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business + motor-vehicle-records    | contact data → ad network    | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808 | personal-data-to-third-party warning email: 30-14-2802 30-14-2808 30-14-2814(1) 30-14-2812(1)(a)
business + motor-vehicle-records    | SSN → processor              | personal-data-to-third-party warning ssn: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business + motor-vehicle-records    | health → processor           | sensitive-data-to-third-party error health: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1)
business + motor-vehicle-records    | location alone → processor   | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
business + motor-vehicle-records    | location + email → processor | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
business + motor-vehicle-records    | biometric → processor        | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error biometric: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1)
business + motor-vehicle-records    | genetic → processor          | sensitive-data-to-third-party error genetic: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-23-104
business + motor-vehicle-records    | license + DOB → processor    | motor-vehicle-record-redisclosure warning date-of-birth,drivers-license: 61-11-515 61-11-503
business + motor-vehicle-records    | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business + motor-vehicle-records    | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business + motor-vehicle-records    | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business + motor-vehicle-records    | location → device            | personal-data-on-device info precise-geolocation: 30-14-2812(1)(b) 30-14-2802(28)
business + motor-vehicle-records    | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704 30-14-2812(1)(b)
business + motor-vehicle-records    | pixel fires, no check        | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808
business + motor-vehicle-records    | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

insurer + motor-vehicle-records     | contact data → processor     | personal-data-to-third-party info email: 30-14-2804
insurer + motor-vehicle-records     | contact data → ad network    | ad-tracking-without-opt-out-check info: 30-14-2804 | personal-data-to-third-party info email: 30-14-2804
insurer + motor-vehicle-records     | SSN → processor              | personal-data-to-third-party info ssn: 30-14-2804
insurer + motor-vehicle-records     | health → processor           | sensitive-data-to-third-party info health: 30-14-2804
insurer + motor-vehicle-records     | location alone → processor   | sensitive-data-to-third-party info precise-geolocation: 30-14-2804
insurer + motor-vehicle-records     | location + email → processor | personal-data-to-third-party info email: 30-14-2804 | sensitive-data-to-third-party info precise-geolocation: 30-14-2804
insurer + motor-vehicle-records     | biometric → processor        | personal-data-to-third-party info email: 30-14-2804 | sensitive-data-to-third-party info biometric: 30-14-2804
insurer + motor-vehicle-records     | genetic → processor          | sensitive-data-to-third-party error genetic: 30-23-104
insurer + motor-vehicle-records     | license + DOB → processor    | motor-vehicle-record-redisclosure warning date-of-birth,drivers-license: 61-11-515 61-11-503
insurer + motor-vehicle-records     | SSN → device                 | breach-data-on-device error ssn: 33-19-321
insurer + motor-vehicle-records     | card number alone → device   | breach-data-on-device warning payment-card: 33-19-321
insurer + motor-vehicle-records     | card + CVV → device          | breach-data-on-device error payment-card: 33-19-321
insurer + motor-vehicle-records     | location → device            | personal-data-on-device info precise-geolocation: 30-14-2804
insurer + motor-vehicle-records     | SSN → log                    | personal-data-in-logs info ssn: 33-19-321
insurer + motor-vehicle-records     | pixel fires, no check        | ad-tracking-without-opt-out-check info: 30-14-2804
insurer + motor-vehicle-records     | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

business + genetic-data             | contact data → processor     | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business + genetic-data             | contact data → ad network    | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808 | personal-data-to-third-party warning email: 30-14-2802 30-14-2808 30-14-2814(1) 30-14-2812(1)(a)
business + genetic-data             | SSN → processor              | personal-data-to-third-party warning ssn: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business + genetic-data             | health → processor           | genetic-data-to-third-party error health: 30-23-104 30-23-102
business + genetic-data             | location alone → processor   | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
business + genetic-data             | location + email → processor | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error precise-geolocation: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1) 30-14-2802(20)
business + genetic-data             | biometric → processor        | personal-data-to-third-party warning email: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802 | sensitive-data-to-third-party error biometric: 30-14-2812(2)(b) 30-14-2802(28) 30-14-2814(1)
business + genetic-data             | genetic → processor          | genetic-data-to-third-party error genetic: 30-23-104 30-23-102
business + genetic-data             | license + DOB → processor    | personal-data-to-third-party warning date-of-birth,drivers-license: 30-14-2813(2) 30-14-2812(1)(a) 30-14-2802
business + genetic-data             | SSN → device                 | breach-data-on-device error ssn: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business + genetic-data             | card number alone → device   | breach-data-on-device warning payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business + genetic-data             | card + CVV → device          | breach-data-on-device error payment-card: 30-14-1704 30-14-1703 30-14-2812(1)(b)
business + genetic-data             | location → device            | personal-data-on-device info precise-geolocation: 30-14-2812(1)(b) 30-14-2802(28)
business + genetic-data             | SSN → log                    | personal-data-in-logs info ssn: 30-14-1704 30-14-2812(1)(b)
business + genetic-data             | pixel fires, no check        | ad-tracking-without-opt-out-check warning: 30-14-2809(3)(b) 30-14-2808
business + genetic-data             | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

state-agency + school-service       | contact data → processor     | pupil-data-to-third-party warning email: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | contact data → ad network    | pupil-data-to-third-party error email: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | SSN → processor              | pupil-data-to-third-party warning ssn: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | health → processor           | pupil-data-to-third-party warning health: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | location alone → processor   | pupil-data-to-third-party warning precise-geolocation: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | location + email → processor | pupil-data-to-third-party warning email,precise-geolocation: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | biometric → processor        | pupil-data-to-third-party warning biometric,email: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | genetic → processor          | pupil-data-to-third-party warning genetic: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | license + DOB → processor    | pupil-data-to-third-party warning date-of-birth,drivers-license: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | SSN → device                 | agency-data-on-portable-device warning ssn: 2-6-1502 2-6-1501 2-6-1503
state-agency + school-service       | card number alone → device   | agency-data-on-portable-device warning payment-card: 2-6-1502 2-6-1501 2-6-1503
state-agency + school-service       | card + CVV → device          | agency-data-on-portable-device warning payment-card: 2-6-1502 2-6-1501 2-6-1503
state-agency + school-service       | location → device            | —
state-agency + school-service       | SSN → log                    | personal-data-in-logs info ssn: 2-6-1502 2-6-1501
state-agency + school-service       | pixel fires, no check        | pupil-data-to-third-party error: 20-7-1325 2-17-552 2-17-551
state-agency + school-service       | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901

local-government + school-service   | contact data → processor     | pupil-data-to-third-party warning email: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | contact data → ad network    | pupil-data-to-third-party error email: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | SSN → processor              | pupil-data-to-third-party warning ssn: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | health → processor           | pupil-data-to-third-party warning health: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | location alone → processor   | pupil-data-to-third-party warning precise-geolocation: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | location + email → processor | pupil-data-to-third-party warning email,precise-geolocation: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | biometric → processor        | pupil-data-to-third-party warning biometric,email: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | genetic → processor          | pupil-data-to-third-party warning genetic: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | license + DOB → processor    | pupil-data-to-third-party warning date-of-birth,drivers-license: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | SSN → device                 | —
local-government + school-service   | card number alone → device   | —
local-government + school-service   | card + CVV → device          | —
local-government + school-service   | location → device            | —
local-government + school-service   | SSN → log                    | —
local-government + school-service   | pixel fires, no check        | pupil-data-to-third-party error: 20-7-1325 2-17-552 2-17-551
local-government + school-service   | carrier-billing charge       | carrier-billing-authorization info: ARM 38.5.3901
`;

describe('profile matrix: entity × kind of flow → findings and sections cited', () => {
  const { catalog, problems } = loadCatalog();
  it('loads', () => assert.deepStrictEqual(problems, []));
  const expected = new Map<string, string>();
  for (const line of TABLE.split('\n').filter((l) => l.trim())) {
    const [entity, kind, cell] = line.split(' | ').map((x) => x.trim());
    expected.set(`${entity} / ${kind}`, line.split(' | ').slice(2).join(' | ').trim());
    assert.ok(cell !== undefined, line);
  }
  it('the table has a row for every profile and every kind, and nothing else', () => {
    assert.strictEqual(expected.size, PROFILES.length * KINDS.length);
    for (const [entity] of PROFILES) for (const [kind] of KINDS) assert.ok(expected.has(`${entity} / ${kind}`), `${entity} / ${kind}`);
  });
  for (const [entity, profile] of PROFILES) {
    it(entity, () => {
      const wrong: string[] = [];
      for (const [kind, code] of KINDS) {
        const findings = analyzeFile('/matrix/a.ts', code, catalog, { profile }).findings;
        const cell = findings.map((f) => `${f.ruleId.slice(3)} ${f.severity}${f.categories.length ? ' ' + f.categories.join(',') : ''}: ${f.citations.map((c) => c.replace(/^MCA /, '')).join(' ') || '(none)'}`)
          .sort().join(' | ') || '—';
        const want = expected.get(`${entity} / ${kind}`);
        if (cell !== want) wrong.push(`${kind}\n    want: ${want}\n    got:  ${cell}`);
      }
      assert.deepStrictEqual(wrong, [], `${entity}:\n  ${wrong.join('\n  ')}`);
    });
  }
});
