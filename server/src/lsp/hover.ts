import type { Catalog } from '../catalog/load';
import type { CitationData, ProfileId, SinkRole } from '../catalog/types';
import type { Finding } from '../analysis/finding';
import type { Classifier } from '../analysis/classify';
import { UNUSED_SUPPRESSION, INVALID_SUPPRESSION } from '../analysis';
import { activeProfiles, mcdpaStanding, viewOf } from '../analysis/ruleSelect';
import type { ResolvedConfig } from '../config/config';

const ROLE: Record<SinkRole, string> = {
  'processor': 'acts as your processor (it handles the data on your behalf, under your contract)',
  'own-purposes': 'also uses data for its own purposes (a third party: passing data to it may be a sale or targeted advertising)',
};

const PROFILE_LABEL: Record<ProfileId, string> = {
  'business': 'business', 'state-agency': 'state agency', 'local-government': 'local government', 'insurer': 'insurer',
  'hipaa-covered': 'HIPAA covered entity', 'health-care-provider': 'health care provider',
  'mental-health-app': 'mental health app', 'school-service': 'K-12 school service', 'minors': 'used by known minors',
  'motor-vehicle-records': 'handles motor vehicle records', 'genetic-data': 'genetic data',
};

/**
 * Markdown for the findings under the cursor: what data, which vendor (what it does and its role), the
 * flow, each Montana citation with a link, a plain-language line and whom it binds, when it applies (the
 * thresholds and the organisation's profiles), what to do, and a not-legal-advice note.
 */
export function hoverMarkdown(findings: readonly Finding[], catalog: Catalog, classifier: Classifier, lineOf: (offset: number) => number, config?: ResolvedConfig): string {
  return findings.map((f) => one(f, catalog, classifier, lineOf, config)).join('\n\n---\n\n');
}

function one(f: Finding, catalog: Catalog, classifier: Classifier, lineOf: (offset: number) => number, config?: ResolvedConfig): string {
  const rule = catalog.ruleById.get(f.ruleId);
  const profiles = config?.profiles?.length ? config.profiles : activeProfiles(config ? { entity: config.entity, also: config.also, hipaaCovered: config.hipaaCovered } : undefined);
  const view = rule ? viewOf(rule, profiles, f.sink?.role) : undefined;
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
  else if (f.sink) out.push('**Data:** no personal data is passed in this call; the call itself reaches the vendor from the user\'s browser or device  ');
  if (f.sink) {
    const svc = f.sink.serviceLabel || catalog.serviceLabels?.get(f.sink.service) || f.sink.service;
    const role = f.sink.role ? `, ${ROLE[f.sink.role]}` : f.sink.kind === 'storage' ? ' (kept on the user\'s device)' : f.sink.kind === 'logging' ? ' (written to logs)' : '';
    out.push(`**Vendor:** ${f.sink.vendor} — ${svc}${role}; call \`${escapeTicks(f.sink.api)}\`  `);
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
      if (c) out.push(citationLine(id, c));
    }
  }
  if (f.approval) out.push('', `**Approved processor:** ${f.approval} (from mt-pii.json; check the contract covers the terms of the processor rules cited above).`);
  const when = view?.applicability ?? [];
  if (when.length) out.push('', `**When it applies:** ${when.join(' ')}`);
  const profileText = profiles.map((p) => PROFILE_LABEL[p] ?? p).join(' + ');
  const cfg = config?.files.length ? `mt-pii.json: ${config.files.map((x) => x.split(/[\\/]/).slice(-2).join('/')).join(' → ')}` : 'no mt-pii.json, so the default';
  // Government bodies and exempt entities are outside the Consumer Data Privacy Act: its thresholds say nothing to them.
  const standing = mcdpaStanding(profiles, config?.subjectToMcdpa);
  const thresholds = standing === 'government' || standing === 'exempt' ? ''
    : config && config.subjectToMcdpa !== 'unknown' ? `; Consumer Data Privacy Act thresholds met: ${config.subjectToMcdpa}`
      : '; Consumer Data Privacy Act thresholds: not stated (set profile.subjectToMcdpa)';
  out.push('', `_Profile: ${profileText} (${cfg})${thresholds}._`);
  if (view?.advice) out.push('', `**What to do:** ${view.advice}`);
  if (f.sink?.kind === 'third-party' && f.sink.role === 'processor' && !f.approval && f.categories.length) {
    out.push('', 'If a written processor contract covers this vendor, record it under `approvedVendors` in mt-pii.json; the finding then becomes information naming the contract.');
  }
  out.push('', `To accept this flow, add \`// mt-pii-ignore-next-line ${f.ruleId} -- <reason>\` above the line. More: \`mt-pii explain ${f.ruleId}\`.`);
  out.push('', '_Not legal advice: Montana PII Guard points out code that may implicate these laws; whether they apply depends on facts it cannot see (thresholds, exemptions, consent, contracts)._');
  return out.join('\n');
}

/** One citation as a Markdown list item: link, title, paraphrase, whom it binds, and how the link was made. */
export function citationLine(id: string, c: CitationData): string {
  const note = c.urlNote ? ` (${c.urlNote})` : '';
  return `- [${id}](${c.url})${note} — *${c.title}*${c.titleIsGloss ? ' (descriptive title)' : ''}: ${c.summary} *Binds:* ${c.binds}`;
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function escapeTicks(s: string): string {
  return s.replace(/`/g, "'");
}
