import type { RuleData } from '../../catalog/types';
import type { Report } from './report';

/** SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps). */
export function formatSarif(report: Report, rules: readonly RuleData[], ruleDocUri: (id: string) => string): string {
  const used = new Set(report.findings.map((f) => f.ruleId));
  const ruleList = rules.filter((r) => used.has(r.id));
  const extra = [...used].filter((id) => !ruleList.some((r) => r.id === id));
  const level = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: report.tool.name,
          version: report.tool.version,
          informationUri: ruleDocUri(''),
          rules: [
            ...ruleList.map((r) => ({
              id: r.id, name: r.id.replace(/^mt\//, ''), shortDescription: { text: r.title }, fullDescription: { text: r.description },
              help: { text: report.notice ? `${r.advice} ${r.applicability ?? ''} ${report.notice}`.replace(/\s+/g, ' ').trim() : r.advice },
              helpUri: ruleDocUri(r.id), defaultConfiguration: { level: level(r.severity) },
            })),
            ...extra.map((id) => ({ id, name: id.replace(/^mt\//, ''), shortDescription: { text: id } })),
          ],
        },
      },
      results: report.findings.map((f) => ({
        ruleId: f.ruleId,
        level: level(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
        partialFingerprints: { 'mtPii/v1': f.fingerprint },
        properties: { categories: f.categories, citations: f.citations, sink: f.sink },
        ...(f.flow.length ? {
          codeFlows: [{ threadFlows: [{ locations: f.flow.map((s) => ({ location: { physicalLocation: { artifactLocation: { uri: s.file }, region: { startLine: s.line, startColumn: s.column } }, message: { text: s.note } } })) }] }],
        } : {}),
      })),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
