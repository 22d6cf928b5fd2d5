// Mocha inside VS Code's extension host: the `run()` contract of @vscode/test-electron, used here through
// code-server's payload route (.ci/e2e/run-in-code-server.js). Each test prints `CHECK PASS <title>` or
// `CHECK FAIL <title>: <error>`, which .ci/e2e/run-all.sh counts; run() rejects when any test failed.
import * as path from 'path';
import Mocha = require('mocha');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run((failures) => {
      console.log(`extension-host suite: ${passed} passing, ${failed} failing`);
      // Let the extension host forward the last log lines before the workbench shuts it down.
      setTimeout(() => (failures || failed ? reject(new Error(`${Math.max(failures, failed)} end-to-end test(s) failed.`)) : resolve()), 300);
    });
    runner.on('pass', (t) => {
      passed++;
      console.log(`CHECK PASS e2e: ${t.fullTitle()}`);
    });
    runner.on('fail', (t, err: unknown) => {
      failed++;
      const why = err instanceof Error ? err.message : String(err);
      console.log(`CHECK FAIL e2e: ${t.fullTitle()}: ${why.replace(/\s+/g, ' ').slice(0, 500)}`);
    });
    runner.on('pending', (t) => {
      // No test may be skipped silently: a pending test counts as a failure.
      failed++;
      console.log(`CHECK FAIL e2e: ${t.fullTitle()}: pending (skipped) tests are not allowed`);
    });
  });
}
