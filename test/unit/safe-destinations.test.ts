/**
 * Encrypted stores (`"safe": true` in rules/sinks): personal data reaching them is the recommended
 * destination, so it produces no finding, but the engine records it and `--format datamap` lists it.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeFile } from '../../server/src/analysis';
import { loadCatalog } from '../../server/src/catalog/load';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'mt-pii.js');

const APP = [
  "import * as SecureStore from 'expo-secure-store';",
  "import * as Keychain from 'react-native-keychain';",
  "import AsyncStorage from '@react-native-async-storage/async-storage';",
  'export async function save(applicant: { id: string; email: string; ssn: string; password: string }) {',
  "  await SecureStore.setItemAsync('ssn', applicant.ssn);",
  '  await Keychain.setGenericPassword(applicant.email, applicant.password);',
  "  await SecureStore.setItemAsync('id', applicant.id);",
  "  await AsyncStorage.setItem('ssn', applicant.ssn);",
  '}',
  '',
].join('\n');

describe('safe destinations (encrypted stores)', () => {
  const { catalog } = loadCatalog();

  it('the encrypted stores are marked safe in the catalog, and only storage sinks are', () => {
    const safe = catalog.sinks.filter((s) => s.safe).map((s) => s.id).sort();
    for (const id of ['expo-secure-store', 'keytar', 'react-native-keychain']) assert.ok(safe.includes(id), id);
    for (const s of catalog.sinks.filter((x) => x.safe)) assert.strictEqual(s.kind, 'storage', s.id);
  });

  it('data reaching them produces no finding but is recorded with its categories', () => {
    const r = analyzeFile('/app/save.ts', APP, catalog);
    assert.deepStrictEqual(r.findings.map((f) => `${f.ruleId} ${r.sourceFile.getLineAndCharacterOfPosition(f.start).line + 1}`).filter((x) => x.startsWith('mt/breach')), ['mt/breach-data-on-device 8']);
    assert.ok(r.findings.every((f) => f.sink?.id !== 'expo-secure-store' && f.sink?.id !== 'react-native-keychain'));
    const safe = r.safe.map((d) => `${d.sink.vendor}|${d.sink.api}|${d.categories.join(',')}|${r.sourceFile.getLineAndCharacterOfPosition(d.start).line + 1}`);
    assert.deepStrictEqual(safe, [
      'Expo SecureStore|SecureStore.setItemAsync|ssn|5',
      'React Native Keychain|Keychain.setGenericPassword|credentials,email|6',
    ]);
  });

  it('mt-pii scan --format datamap lists them as safe destinations', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mt-pii-safe-'));
    fs.writeFileSync(path.join(dir, 'save.ts'), APP);
    const r = spawnSync(process.execPath, [BIN, 'scan', '.', '--format', 'datamap'], { cwd: dir, encoding: 'utf8' });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /## Safe destinations \(encrypted storage\)/);
    assert.match(r.stdout, /\| Expo SecureStore \| Social Security number \| `SecureStore\.setItemAsync` \| save\.ts:5 \|/);
    assert.match(r.stdout, /\| React Native Keychain \| [^|]*email address[^|]* \| `Keychain\.setGenericPassword` \| save\.ts:6 \|/);
    // The safe stores are not destinations with findings.
    assert.doesNotMatch(r.stdout, /## Expo SecureStore —/);
    assert.match(r.stdout, /## React Native AsyncStorage — stored on the device/);
  });
});
