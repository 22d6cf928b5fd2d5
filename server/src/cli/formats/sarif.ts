// SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps): URIs relative to %SRCROOT% (the project
// root), rule help in Markdown with https citation links, tags and security-severity, git provenance.
import type { RuleData, ToolRuleData } from '../../catalog/types';
import type { GitInfo } from '../../project/git';
import type { Report, SkippedFile } from './report';

export interface SarifContext {
  /** The rule's documentation page (rules/montana/<rule>.md), Markdown with https links. */
  ruleMarkdown: (ruleId: string) => string | undefined;
  /** The project root below the repository root ('' when they are the same folder); undefined outside git. */
  repoPrefix?: string;
  git?: GitInfo;
  skipped?: readonly SkippedFile[];
  /** Rules about the scan itself (mt/analysis-incomplete), described when a result uses them. */
  toolRules?: ReadonlyMap<string, ToolRuleData>;
}

const SRCROOT = '%SRCROOT%';
const REPOROOT = 'REPOROOT';

/** GitHub's scale: 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<string, string> = { error: '8.0', warning: '5.0', info: '2.0' };
const level = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');

/** A relative path as a URI reference: each segment percent-encoded, forward slashes. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(report: Report, rules: readonly RuleData[], ctx: SarifContext): string {
  const used = new Set(report.findings.map((f) => f.ruleId));
  const known = new Set(rules.map((r) => r.id));
  const extra = [...used].filter((id) => !known.has(id)).sort();
  const ruleIndex = new Map<string, number>();
  const driverRules = [
    ...rules.map((r) => {
      const markdown = ctx.ruleMarkdown(r.id);
      return {
        id: r.id,
        name: r.id.replace(/^mt\//, ''),
        shortDescription: { text: r.title },
        fullDescription: { text: r.description },
        // Law is read here too: the help ends with the not-legal-advice notice (the markdown page already does).
        help: { text: report.notice ? `${r.advice} ${r.applicability ?? ''} ${report.notice}`.replace(/\s+/g, ' ').trim() : r.advice, ...(markdown ? { markdown } : {}) },
        defaultConfiguration: { level: level(r.severity) },
        properties: {
          tags: ['privacy', 'security', 'montana', ...(r.tier === 'inventory' ? ['inventory'] : []), ...(r.sinkKinds ?? []).map((k) => `sink:${k}`)],
          'security-severity': SECURITY_SEVERITY[r.severity] ?? '5.0',
          precision: 'medium',
          'problem.severity': r.severity === 'info' ? 'recommendation' : r.severity,
        },
      };
    }),
    ...extra.map((id) => {
      const tool = ctx.toolRules?.get(id);
      if (!tool) return { id, name: id.replace(/^mt\//, ''), shortDescription: { text: id }, properties: { tags: ['privacy', 'security'] } };
      const markdown = ctx.ruleMarkdown(id);
      return {
        id, name: id.replace(/^mt\//, ''), shortDescription: { text: tool.title }, fullDescription: { text: tool.description },
        help: { text: tool.advice, ...(markdown ? { markdown } : {}) }, defaultConfiguration: { level: level(tool.severity) },
        properties: { tags: ['privacy', 'scan'], precision: 'high', 'problem.severity': tool.severity === 'info' ? 'recommendation' : tool.severity },
      };
    }),
  ];
  driverRules.forEach((r, i) => ruleIndex.set(r.id, i));
  const location = (file: string) => ({ uri: relativeUri(file), uriBaseId: SRCROOT });
  // %SRCROOT% is the project root; below the repository root it is described relative to it.
  const originalUriBaseIds: Record<string, unknown> = ctx.repoPrefix
    ? { [SRCROOT]: { uri: relativeUri(ctx.repoPrefix.replace(/\/?$/, '/')), uriBaseId: REPOROOT }, [REPOROOT]: { description: { text: 'The root of the repository.' } } }
    : { [SRCROOT]: { description: { text: 'The project root: the folder of the mt-pii.json marked "root": true, else the repository root, else the scanned folder.' } } };
  const provenance = ctx.git?.repositoryUri ? [{
    repositoryUri: ctx.git.repositoryUri,
    ...(ctx.git.revisionId ? { revisionId: ctx.git.revisionId } : {}),
    ...(ctx.git.branch ? { branch: ctx.git.branch } : {}),
    mappedTo: { uriBaseId: ctx.repoPrefix ? REPOROOT : SRCROOT },
  }] : undefined;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: report.tool.name, fullName: 'Montana PII Guard', version: report.tool.version, semanticVersion: report.tool.version, rules: driverRules } },
      originalUriBaseIds,
      ...(provenance ? { versionControlProvenance: provenance } : {}),
      columnKind: 'utf16CodeUnits',
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: (ctx.skipped ?? []).map((s) => ({
          level: 'warning',
          message: { text: `${s.file}: not analysed (${s.reason})` },
          locations: [{ physicalLocation: { artifactLocation: location(s.file) } }],
        })),
      }],
      results: report.findings.map((f) => ({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: level(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location(f.file), region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
        partialFingerprints: { 'mtPii/v1': f.fingerprint },
        properties: { categories: f.categories, citations: f.citations, sink: f.sink, tier: f.tier, ...(f.inferred ? { inferred: true } : {}), tags: ['privacy', ...(f.tier === 'inventory' ? ['inventory'] : []), ...f.categories] },
        ...(f.flow.length ? {
          codeFlows: [{ threadFlows: [{ locations: f.flow.map((s) => ({ location: { physicalLocation: { artifactLocation: location(s.file), region: { startLine: s.line, startColumn: s.column } }, message: { text: s.note } } })) }] }],
        } : {}),
      })),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
