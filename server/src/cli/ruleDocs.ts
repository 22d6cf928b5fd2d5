/**
 * Rule documentation: the Citations section of each rules/montana/<rule>.md is rendered from the rule
 * and citations.json (a meta test keeps the files equal to it), and `mt-pii explain` prints the same
 * Markdown for a rule, or every entry of a citation with the rules that cite it.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Catalog } from '../catalog/load';
import type { CitationData, ProfileId, RuleData, ToolRuleData } from '../catalog/types';
import { INVALID_SUPPRESSION, UNUSED_SUPPRESSION } from '../analysis/suppressionIds';

/** Rules the engine reports about suppression directives: documented in rules/montana/<name>.md, no rule data. */
export const META_RULES: readonly string[] = [UNUSED_SUPPRESSION, INVALID_SUPPRESSION];

/** How a profile overlay is named on a rule page (hipaa-covered is set by profile.hipaaCovered, not as an entity). */
function profileWords(profile: ProfileId): string {
  return profile === 'hipaa-covered' ? '`hipaa-covered` (profile.hipaaCovered "yes")' : `\`${profile}\``;
}

/** Where a citation of a rule is shown. */
export interface CitationUse {
  id: string;
  /** '' (always), or the condition in words. */
  when: string;
}

const VERIFIED_WORDS: Record<CitationData['verification'], string> = {
  official: 'read on an official Montana host',
  copy: 'read in verbatim copies of the official text',
  secondary: 'two independent secondary sources agree; the text itself was not read',
};

const ROLE_WORDS: Record<string, string> = {
  'processor': 'a vendor that acts as your processor',
  'own-purposes': 'a vendor that also uses data for its own purposes',
};

/** Every citation a rule can show, grouped by when it is shown, in display order. */
export function citationUses(rule: RuleData): { when: string; ids: string[] }[] {
  const groups: { when: string; ids: string[] }[] = [];
  const add = (when: string, ids: readonly string[]) => {
    if (ids.length) groups.push({ when, ids: [...new Set(ids)] });
  };
  add(rule.onlyFor ? `With profile ${rule.onlyFor.map((p) => '`' + p + '`').join(' or ')}` : 'Always', rule.citations);
  // A replacing overlay that cites nothing still says so (a HIPAA covered provider: part 8 is not cited).
  for (const cc of rule.categoryCitations ?? []) add(`When ${cc.categories.join(', ')} reach${cc.categories.length === 1 ? 'es' : ''} the destination`, cc.citations);
  for (const [role, v] of Object.entries(rule.roleVariants ?? {})) {
    if (v?.citations) add(`For ${ROLE_WORDS[role] ?? role}, instead of the first list`, v.citations);
  }
  for (const [profile, p] of Object.entries(rule.profiles ?? {}) as [ProfileId, NonNullable<RuleData['profiles']>[ProfileId]][]) {
    if (!p) continue;
    const roles = p.roles ? ` (for ${p.roles.map((r) => ROLE_WORDS[r] ?? r).join(' or ')})` : '';
    const when = `With profile ${profileWords(profile)}${roles}${p.replace ? ', instead of all the above' : ', added'}`;
    if (p.replace && !p.citations.length) groups.push({ when, ids: [] });
    else add(when, p.citations);
    for (const cc of p.categoryCitations ?? []) add(`With profile ${profileWords(profile)}, when ${cc.categories.join(', ')} reach${cc.categories.length === 1 ? 'es' : ''} the destination`, cc.citations);
  }
  return groups;
}

/** A citation as a Markdown list item: link, title and act, paraphrase, whom it binds. */
export function citationItem(id: string, c: CitationData): string {
  const title = `*${c.title}*${c.titleIsGloss ? ' (descriptive title; the official catchline was not seen)' : ''}`;
  const act = c.act ? ` (${c.act})` : '';
  const note = c.urlNote ? ` Link: ${c.urlNote}.` : '';
  return `- [${id}](${c.url}) — ${title}${act}. ${c.summary} **Binds:** ${c.binds}${note}`;
}

/**
 * The "## Citations" section of a rule's documentation, from the rule data and citations.json: whom each act
 * binds, in one line each, then every citation grouped by when it is shown.
 */
export function citationsSection(rule: RuleData, citations: Readonly<Record<string, CitationData>>, acts: Readonly<Record<string, { binds: string }>> = {}): string {
  const out = ['## Citations', ''];
  const uses = citationUses(rule);
  const named = [...new Set(uses.flatMap((g) => g.ids).map((id) => citations[id]?.act).filter((a): a is string => !!a))];
  if (named.some((a) => acts[a])) {
    out.push('Whom these laws bind:', '');
    for (const a of named) if (acts[a]) out.push(`- ${a}: ${acts[a].binds}`);
    out.push('');
  }
  for (const g of uses) {
    if (!g.ids.length) {
      out.push(`${g.when}: no Montana section is cited (the text above says why).`, '');
      continue;
    }
    out.push(`${g.when}:`, '');
    for (const id of g.ids) out.push(citations[id] ? citationItem(id, citations[id]) : `- ${id} (missing from citations.json)`);
    out.push('');
  }
  out.push('_Not legal advice._', '');
  return out.join('\n');
}

/** The documentation file of a rule. */
export function ruleDocFile(rulesDir: string, ruleId: string): string {
  return path.join(rulesDir, 'montana', ruleId.replace(/^mt\//, '') + '.md');
}

/** A doc with its Citations section (to the end of the file) replaced by the rendered one. */
export function withCitationsSection(
  doc: string, rule: RuleData, citations: Readonly<Record<string, CitationData>>, acts?: Readonly<Record<string, { binds: string }>>,
): string {
  const at = doc.search(/^## Citations\s*$/m);
  const head = at < 0 ? doc.replace(/\s*$/, '\n\n') : doc.slice(0, at);
  return head + citationsSection(rule, citations, acts);
}

/** `mt-pii explain <rule>`: the rule's documentation page, as shipped. */
export function explainRule(catalog: Catalog, rule: RuleData): string {
  const file = ruleDocFile(catalog.rulesDir, rule.id);
  let doc: string;
  try {
    doc = fs.readFileSync(file, 'utf8');
  } catch {
    doc = `# ${rule.id} — ${rule.title}\n\n${rule.description}\n\n${rule.applicability ?? ''}\n\n${rule.advice}\n\n`;
  }
  return withCitationsSection(doc, rule, catalog.citations, catalog.acts);
}

/** `mt-pii explain mt/unused-suppression` (or invalid-suppression): its page, as shipped; undefined for other ids. */
export function explainMetaRule(catalog: Catalog, query: string): string | undefined {
  const id = query.startsWith('mt/') ? query : 'mt/' + query;
  if (!META_RULES.includes(id)) return undefined;
  try {
    return fs.readFileSync(ruleDocFile(catalog.rulesDir, id), 'utf8');
  } catch {
    return undefined;
  }
}

/** `mt-pii explain mt/analysis-incomplete`: the page of a rule about the scan itself (it cites no law). */
export function explainToolRule(catalog: Catalog, rule: ToolRuleData): string {
  try {
    return fs.readFileSync(ruleDocFile(catalog.rulesDir, rule.id), 'utf8');
  } catch {
    return `# ${rule.id} — ${rule.title}\n\n${rule.description}\n\n${rule.advice}\n`;
  }
}

/** Citation ids matching what the user typed: 'MCA 30-14-2812', '30-14-2812(1)(a)', 'ARM 38.5.3901', '2809(3)(b)'. */
export function findCitations(catalog: Catalog, query: string): string[] {
  const q = query.trim().replace(/^(mca|arm)\s*/i, '').replace(/\s+/g, '');
  if (!q) return [];
  const ids = Object.keys(catalog.citations);
  const bare = (id: string) => id.replace(/^(MCA|ARM) /, '');
  const exact = ids.filter((id) => bare(id) === q);
  if (exact.length) {
    // A section also shows its subsection entries.
    return ids.filter((id) => bare(id) === q || (!q.includes('(') && bare(id).startsWith(q + '(')));
  }
  const section = ids.filter((id) => bare(id).replace(/\(.*$/, '') === q || bare(id).startsWith(q + '('));
  if (section.length) return section;
  // A subsection typed without its title-chapter prefix ('2809(3)(b)').
  return ids.filter((id) => bare(id).endsWith('-' + q) || bare(id).replace(/\(.*$/, '').endsWith('-' + q));
}

/** `mt-pii explain <citation>`: each matching entry, and the rules that show it and when. */
export function explainCitations(catalog: Catalog, ids: readonly string[]): string {
  const out: string[] = [];
  for (const id of ids) {
    const c = catalog.citations[id];
    out.push(`# ${id} — ${c.title}${c.titleIsGloss ? ' (descriptive title; the official catchline was not seen)' : ''}`, '');
    if (c.act) out.push(`${c.act}.`, '');
    out.push(c.summary, '', `**Binds:** ${c.binds}`, '');
    out.push(`**Source:** ${c.url}${c.urlNote ? ` (${c.urlNote})` : ''}`);
    out.push(`**Verified:** ${VERIFIED_WORDS[c.verification]}${c.subsection ? `; subsection ${c.subsection} verified` : '; cited at section level'}.${c.verificationNote ? ` ${c.verificationNote}` : ''}`);
    if (c.needsMcdpaThresholds) out.push('**Thresholds:** binds only controllers over the Consumer Data Privacy Act thresholds and not exempt.');
    else if (c.mcdpa) out.push('**Thresholds:** none (a minors section of the Consumer Data Privacy Act); entities the Act exempts are still outside it.');
    const users: string[] = [];
    for (const rule of catalog.rules) {
      const whens = citationUses(rule).filter((g) => g.ids.includes(id)).map((g) => g.when.toLowerCase());
      if (whens.length) users.push(`- \`${rule.id}\` (${rule.title}): ${whens.join('; ')}`);
    }
    if (c.notCitedBecause) out.push('', `**Cited by:** no rule, by design. ${c.notCitedBecause}`, '');
    else out.push('', users.length ? '**Cited by:**' : '**Cited by:** no rule.', ...users, '');
  }
  out.push(catalog.notices ? `_${catalog.notices.notLegalAdvice}_` : '_Not legal advice._', '');
  return out.join('\n');
}

/** `mt-pii explain` with no argument: the rules, their severity, title and profiles. */
export function listRules(catalog: Catalog): string {
  const rows = catalog.rules.map((r) => {
    const scope = r.onlyFor ? ` [${r.onlyFor.join(' | ')}]` : '';
    return `  ${r.id.padEnd(40)} ${r.severity.padEnd(8)} ${r.title}${scope}`;
  });
  for (const id of META_RULES) rows.push(`  ${id.padEnd(40)} ${'warning'.padEnd(8)} Suppression directives: ${id === UNUSED_SUPPRESSION ? 'one that suppresses nothing' : 'one with no reason or an unknown rule'}`);
  for (const r of catalog.toolRules.values()) rows.push(`  ${r.id.padEnd(40)} ${r.severity.padEnd(8)} ${r.title} (about the scan itself; cites no law)`);
  return ['Rules ([profiles] = only with that mt-pii.json profile):', ...rows, '',
    'mt-pii explain <ruleId> for a rule\'s documentation; mt-pii explain <citation> (e.g. 30-14-2812 or 38.5.3901) for a section and the rules that cite it.', ''].join('\n');
}
