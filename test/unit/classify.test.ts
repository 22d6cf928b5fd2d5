/**
 * The name classifier (server/src/analysis/classify.ts driven by rules/categories.json): names are split
 * into words and matched as whole words into category ids; receivers, guard words and role words keep
 * look-alikes out. Each table row is one name and the categories it must carry (empty: none).
 */
import * as assert from 'assert';
import { loadCatalog } from '../../server/src/catalog/load';
import { Classifier, splitWords } from '../../server/src/analysis/classify';

const { catalog } = loadCatalog();
const cls = new Classifier(catalog.categories);

function check(rows: [string, string[]][], fn: (name: string) => readonly string[]) {
  const wrong = rows.filter(([n, want]) => fn(n).join(',') !== [...want].sort().join(',')).map(([n, want]) => `${n}: got [${fn(n).join(',')}], want [${want.join(',')}]`);
  assert.deepStrictEqual(wrong, []);
}

describe('classifier: splitting names into words', () => {
  it('splits camelCase, PascalCase, acronyms, snake_case, kebab-case, digits and $ prefixes', () => {
    assert.deepStrictEqual(splitWords('userSSNNumber'), ['user', 'ssn', 'number']);
    assert.deepStrictEqual(splitWords('date_of-birth2'), ['date', 'of', 'birth', '2']);
    assert.deepStrictEqual(splitWords('$email'), ['email']);
    assert.deepStrictEqual(splitWords('strEmail'), ['str', 'email']);
    assert.deepStrictEqual(splitWords('USER_PHONE'), ['user', 'phone']);
  });
});

describe('classifier: variable and key names', () => {
  it('normalises naming styles and prefixes', () => {
    check([
      ['email', ['email']], ['userEmail', ['email']], ['user_email', ['email']], ['customer-email', ['email']],
      ['customerEmail', ['email']], ['$email', ['email']], ['strEmail', ['email']], ['sEmail', ['email']],
      ['emailAddress', ['email']], ['e_mail', ['email']], ['firstName', ['name']], ['first_name', ['name']],
      ['last-name', ['name']], ['fullName', ['name']], ['phoneNumber', ['phone']], ['mobile_phone', ['phone']],
      ['dateOfBirth', ['date-of-birth']], ['dob', ['date-of-birth']], ['billingAddress', ['postal-address']],
    ], (n) => cls.key(n));
  });

  it('covers every MCDPA sensitive-data kind (MCA 30-14-2802)', () => {
    check([
      ['ethnicity', ['racial-ethnic-origin']], ['religion', ['religious-belief']], ['diagnosis', ['health']],
      ['mentalHealth', ['health']], ['medications', ['health']], ['healthConditions', ['health']],
      ['sexualOrientation', ['sex-life-orientation']], ['citizenshipStatus', ['citizenship-immigration']],
      ['immigrationStatus', ['citizenship-immigration']], ['visaNumber', ['citizenship-immigration']],
      ['genome', ['genetic']], ['dnaResults', ['genetic']], ['faceEmbedding', ['biometric']], ['voiceprint', ['biometric']],
      ['latitude', ['precise-geolocation']], ['gpsCoordinates', ['precise-geolocation']],
      ['kidName', ['child-data', 'name']], ['childName', []], ['parentName', []], ['kidDob', ['child-data', 'date-of-birth']],
    ], (n) => cls.key(n));
  });

  it('covers every breach-law element (MCA 30-14-1704) and the 30-14-1702 identifiers', () => {
    check([
      ['ssn', ['ssn']], ['socialSecurityNumber', ['ssn']], ['driversLicenseNumber', ['drivers-license']],
      ['stateIdNumber', ['state-id']], ['tribalIdNumber', ['state-id']], ['tribal_identification', ['state-id']],
      ['accountNumber', ['financial-account']], ['routingNumber', ['financial-account']], ['bankPin', ['financial-account']],
      ['cardNumber', ['payment-card']], ['cvv', ['payment-card']], ['cardSecurityCode', ['payment-card']], ['atmPin', ['payment-card']],
      ['medicalRecordNumber', ['health']], ['mrn', ['health']], ['healthInsuranceId', ['health']],
      ['healthInsuranceMemberNumber', ['health']], ['medicalClaims', ['health']],
      ['taxpayerId', ['taxpayer-id']], ['itin', ['taxpayer-id']], ['ipPin', ['taxpayer-id']],
      ['identityProtectionPin', ['taxpayer-id']], ['passportNumber', ['passport']], ['password', ['credentials']],
    ], (n) => cls.key(n));
  });

  it('keeps hashed identifiers personal (pseudonymous data), but not a password hash', () => {
    check([
      ['emailHash', ['email']], ['hashedEmail', ['email']], ['email_sha256', ['email']], ['hashedPhone', ['phone']],
      ['ipHash', ['ip-address']], ['hashedIp', ['ip-address']], ['hashedIdfa', ['device-id']], ['ssnHash', ['ssn']],
      ['passwordHash', []], ['hashedPassword', []], ['password_salt', []],
    ], (n) => cls.key(n));
  });

  it('names a person under a role word', () => {
    check([
      ['accountHolder', ['name']], ['cardholderName', ['name']], ['ownerName', ['name']], ['authorName', ['name']],
      ['studentName', ['name']], ['guardianName', ['name']], ['patientName', ['name']],
    ], (n) => cls.key(n));
  });

  it('keeps the not-sensitive vocabulary out', () => {
    check([
      ['emailVerified', []], ['email_verified', []], ['isEmailVerified', []], ['emailCount', []], ['emailTemplate', []],
      ['emailTemplateId', []], ['emailUrl', []], ['emailType', []], ['emailFormat', []], ['emailLabel', []],
      ['emailPlaceholder', []], ['emailToken', []], ['emailEnabled', []], ['phoneLength', []], ['emailId', []],
      ['namePath', []], ['addressType', []], ['nEmails', []], ['numEmails', []], ['cntPhones', []],
      ['emailDomain', []], ['maskedPhone', []], ['encryptedSsn', []], ['ssnLast4', []], ['cardLast4', []],
      ['cardBrand', []], ['raceCondition', []], ['addressBarVisible', []], ['nameServer', []], ['fileName', []],
      ['companyName', []], ['productName', []], ['userName', []], ['serverIp', []], ['healthCheck', []],
      ['healthInsuranceProvider', []], ['passportStrategy', []], ['licenseKey', []], ['profileName', []],
      ['resetToken', []], ['pushToken', []], ['ipAllowlist', []], ['mapCenterLat', []],
    ], (n) => cls.key(n));
  });

  it('treats constants, components and getters as not data', () => {
    check([['EMAIL_REGEX', []], ['EMAIL', []], ['PhoneInput', []], ['CreditCard', []], ['getEmail', []]], (n) => cls.name(n));
  });
});

describe('classifier: receivers', () => {
  const prop = (s: string) => {
    const [recv, p] = s.split('.');
    return cls.property(p, recv, () => cls.isPerson(recv));
  };

  it('reads bare fields as personal on a person', () => {
    check([
      ['user.name', ['name']], ['customer.phone', ['phone']], ['patient.diagnosis', ['health']], ['member.address', ['postal-address']],
      ['currentUser.name', ['name']], ['userData.zip', ['postal-address']], ['profile.mobile', ['phone']], ['user.ip', ['ip-address']],
    ], prop);
  });

  it('reads the same fields as not personal on things that are not people', () => {
    check([
      ['file.name', []], ['company.name', []], ['config.email', []], ['theme.color', []], ['env.SUPPORT_EMAIL', []],
      ['errors.email', []], ['labels.phone', []], ['product.name', []], ['store.address', []], ['server.ip', []],
      ['FIELDS.EMAIL', []], ['Component.displayName', []], ['process.env', []], ['organization.phone', []],
    ], prop);
  });

  it("knows the client's IP on request objects", () => {
    check([['req.ip', ['ip-address']], ['request.ip', ['ip-address']], ['ctx.ip', ['ip-address']], ['req.ips', ['ip-address']],
      ['handshake.address', ['ip-address']], ['req.path', []], ['config.ip', []]], prop);
  });
});
