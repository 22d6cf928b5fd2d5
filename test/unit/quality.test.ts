/**
 * Measured quality (issue: "Follow personal data the way it really moves", part 6): the labelled corpus
 * in test/quality/corpus/ is scanned as `mt-pii scan` would scan it, and precision and recall must stay
 * at or above the targets. `npm run bench:quality` prints the same computation with every false
 * positive and false negative.
 */
import * as assert from 'assert';
import { QualityReport, TARGETS, formatReport, precision, recall, scoreCorpus } from '../quality/score';

describe('quality corpus (npm run bench:quality)', function () {
  this.timeout(60000);
  let report: QualityReport;
  before(async () => {
    report = await scoreCorpus();
  });

  it('has readable labels on sinks of the catalog and rules that exist', () => {
    assert.deepStrictEqual(report.problems, []);
  });

  it('has at least 150 labelled call sites, at least 60 of them look-alikes', () => {
    assert.ok(report.sites >= 150, `only ${report.sites} labelled sites`);
    assert.ok(report.lookalikes >= 60, `only ${report.lookalikes} look-alikes`);
  });

  it(`keeps precision >= ${TARGETS.precision} and recall >= ${TARGETS.recall}`, () => {
    const p = precision(report.overall);
    const r = recall(report.overall);
    assert.ok(p >= TARGETS.precision && r >= TARGETS.recall, `precision ${p.toFixed(3)}, recall ${r.toFixed(3)}\n\n${formatReport(report)}`);
  });
});
