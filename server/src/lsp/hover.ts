import type { Catalog } from '../catalog/load';
import type { Finding } from '../analysis/finding';
import type { Classifier } from '../analysis/classify';
import { UNUSED_SUPPRESSION, INVALID_SUPPRESSION } from '../analysis';
import type { ResolvedConfig } from '../config/config';

const SERVICE_LABEL: Record<string, string> = {
  'analytics': 'product analytics', 'customer-data-platform': 'customer data platform', 'customer-service': 'customer-service widget',
  'advertising': 'advertising pixel', 'error-tracking': 'error tracker', 'session-replay': 'session replay', 'crm': 'CRM',
  'marketing': 'marketing automation', 'tag-manager': 'tag manager', 'feature-flags': 'feature flags', 'device-storage': 'storage on the device',
  'logging': 'logging', 'llm': 'AI model API',
};

/**
 * Markdown for the findings under the cursor: what data, which vendor, the flow, each Montana citation
 * with a link, a plain-language line and whom it binds, what to do, and a not-legal-advice note.
 */
export function hoverMarkdown(findings: readonly Finding[], catalog: Catalog, classifier: Classifier, lineOf: (offset: number) => number, config?: ResolvedConfig): string {
  return findings.map((f) => one(f, catalog, classifier, lineOf, config)).join('\n\n---\n\n');
}

function one(f: Finding, catalog: Catalog, classifier: Classifier, lineOf: (offset: number) => number, config?: ResolvedConfig): string {
  const rule = catalog.ruleById.get(f.ruleId);
  const profile = config && config.entity !== 'business' ? rule?.profiles?.[config.entity] : undefined;
  const out: string[] = [];
  out.push(`**Montana PII Guard** · \`${f.ruleId}\` · ${f.severity}`);
  out.push('');
  out.push(f.message);
  if (f.ruleId === UNUSED_SUPPRESSION || f.ruleId === INVALID_SUPPRESSION) {
    out.push('', 'Write directives as `// mt-pii-ignore-next-line <ruleId> -- <reason>` or `/* mt-pii-ignore-file <ruleId> -- <reason> */`; a reason is required.');
    return out.join('\n');
  }
  out.push('');
  if (f.categories.length) out.push(`**Data:** ${f.categories.map((c) => classifier.labels.get(c) ?? c).join(', ')}  `);
  if (f.sink) {
    const svc = SERVICE_LABEL[f.sink.service] ?? f.sink.service;
    const where = f.sink.kind === 'storage' ? 'stored on the user\'s device' : f.sink.kind === 'logging' ? 'written to logs' : 'sent to a third party';
    out.push(`**Destination:** ${f.sink.vendor} — ${svc}, \`${f.sink.api}\` (${where})  `);
  }
  if (f.flow.length) {
    const chains = f.flowChains.length ? f.flowChains : [f.flow];
    const where = (s: Finding['flow'][number]) => (s.file === f.file ? `line ${s.line + 1}` : `${basename(s.file)}:${s.line + 1}`);
    const text = chains.map((c) => c.map((s) => `\`${escapeTicks(s.note)}\` (${where(s)})`).join(' → ')).join('; ');
    const last = f.flow[f.flow.length - 1];
    const endsAtSink = last && last.note === f.sink?.api;
    out.push(`**Flow:** ${text}${endsAtSink ? ` (reported at line ${lineOf(f.start)})` : ` → \`${escapeTicks(f.sink?.api ?? '')}\` (line ${lineOf(f.start)})`}`);
  }
  if (f.citations.length) {
    out.push('', '**Montana law that may apply:**', '');
    for (const id of f.citations) {
      const c = catalog.citations[id];
      if (!c) continue;
      out.push(`- [${id}](${c.url}) — *${c.title}*${c.titleIsGloss ? ' (descriptive title)' : ''}: ${c.summary} *Binds:* ${c.binds}`);
    }
  }
  if (f.approval) out.push('', `**Approved processor:** ${f.approval} (from mt-pii.json; check the contract covers the terms of the processor rules cited above).`);
  const applicability = profile?.applicability ?? rule?.applicability;
  if (applicability) out.push('', `**When it applies:** ${applicability}`);
  if (config?.files.length) out.push('', `_Configuration: ${config.files.map((x) => x.split(/[\\/]/).slice(-2).join('/')).join(' → ')}; profile: ${config.entity}${config.subjectToMcdpa !== 'unknown' ? `, MCDPA thresholds met: ${config.subjectToMcdpa}` : ''}._`);
  if (rule?.advice) out.push('', `**What to do:** ${rule.advice}`);
  out.push('', `To accept this flow, add \`// mt-pii-ignore-next-line ${f.ruleId} -- <reason>\` above the line, or approve the vendor in mt-pii.json.`);
  out.push('', '_Not legal advice: Montana PII Guard points out code that may implicate these laws; whether they apply depends on facts it cannot see (thresholds, exemptions, consent, contracts)._');
  return out.join('\n');
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function escapeTicks(s: string): string {
  return s.replace(/`/g, "'");
}
