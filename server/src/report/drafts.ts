/**
 * Drafts for the privacy lead, filled from the data map: the privacy-notice sections and the data
 * protection assessment checklist that rules/privacy-documents.json describes. Marked as drafts; no law
 * is named here (the data names it).
 */
import type { CitationData, PrivacyDocumentsData } from '../catalog/types';
import { capitalize } from '../analysis/wording';
import type { CitationRef, DataMap, DataMapDestination } from './model';

/** One line of a draft section: what to say, and where the code shows it. */
export interface DraftLine {
  text: string;
  detail?: string;
  /** Lines of a section may come in groups (third parties, processors). */
  group?: 'third-party' | 'processor';
}

export interface NoticeDraft {
  title: string;
  citation: CitationRef;
  intro: string;
  sections: { clause: string; heading: string; lines: DraftLine[]; placeholder?: string }[];
  processorNote: string;
}

export interface AssessmentDraft {
  id: string;
  clause: string;
  title: string;
  why: string;
  /** false: the scan cannot detect this activity (fill it in by hand). */
  detectable: boolean;
  sites: { destination: string; file: string; line: number; api: string; categories: string[] }[];
}

export interface DraftDocuments {
  notice: NoticeDraft;
  assessments: { title: string; citation: CitationRef; intro: string; activities: AssessmentDraft[]; checklist: string[] };
}

export const DRAFT_LABEL = 'DRAFT — for the privacy lead to review and complete; not legal advice.';

export function draftDocuments(map: DataMap, docs: PrivacyDocumentsData, citations: Readonly<Record<string, CitationData>>): DraftDocuments {
  const ref = (id: string): CitationRef => ({ id, title: citations[id]?.title ?? '', url: citations[id]?.url ?? '', binds: citations[id]?.binds ?? '' });
  const thirdParties = map.destinations.filter((d) => d.kind === 'third-party');
  const notice: NoticeDraft = {
    title: docs.notice.title,
    citation: ref(docs.notice.citation),
    intro: docs.notice.intro,
    processorNote: docs.notice.processorNote,
    sections: docs.notice.sections.map((s) => {
      const lines = s.fill === 'categories-processed' ? categoriesProcessed(map)
        : s.fill === 'purposes' ? map.destinations.map((d) => ({ text: `${d.vendor}${d.serviceLabel ? ` (${d.serviceLabel})` : ''}`, detail: s.placeholder }))
          : s.fill === 'categories-shared' ? categoriesShared(thirdParties)
            : s.fill === 'third-party-categories' ? thirdPartyKinds(thirdParties)
              : [];
      return { clause: s.clause, heading: s.heading, lines, ...(s.placeholder ? { placeholder: s.placeholder } : {}) };
    }),
  };
  const activities = docs.assessments.activities.map((a): AssessmentDraft => {
    const m = a.match;
    const sites: AssessmentDraft['sites'] = [];
    for (const d of m ? map.destinations : []) {
      const byDestination = (m!.services && d.service && m!.services.includes(d.service)) || (m!.roles && d.role && (m!.roles as string[]).includes(d.role));
      for (const s of d.sites) {
        const cats = m!.categories ? s.categories.filter((c) => m!.categories!.includes(c)) : s.categories;
        if (byDestination || (m!.categories && cats.length)) {
          const label = (id: string) => d.categories.find((c) => c.id === id)?.label ?? id;
          sites.push({ destination: d.vendor, file: s.file, line: s.line, api: s.api, categories: (byDestination ? s.categories : cats).map(label) });
        }
      }
    }
    return { id: a.id, clause: a.clause, title: a.title, why: a.why, detectable: !!m, sites };
  });
  return {
    notice,
    assessments: { title: docs.assessments.title, citation: ref(docs.assessments.citation), intro: docs.assessments.intro, activities, checklist: docs.assessments.checklist },
  };
}

function categoriesProcessed(map: DataMap): DraftLine[] {
  return map.categories.map((c) => {
    const where = [
      ...map.destinations.filter((d) => d.categories.some((x) => x.id === c.id)).map((d) => d.vendor),
      ...map.safe.filter((s) => s.categories.some((x) => x.id === c.id)).map((s) => s.vendor),
    ];
    return { text: capitalize(c.label), detail: `seen reaching ${where.join(', ')}` };
  });
}

function categoriesShared(thirdParties: readonly DataMapDestination[]): DraftLine[] {
  const out: DraftLine[] = [];
  for (const group of ['third-party', 'processor'] as const) {
    const dests = thirdParties.filter((d) => (group === 'processor') === (d.role === 'processor'));
    const byCat = new Map<string, { label: string; vendors: string[] }>();
    for (const d of dests) {
      for (const c of d.categories) {
        const e = byCat.get(c.id) ?? { label: c.label, vendors: [] };
        e.vendors.push(d.vendor);
        byCat.set(c.id, e);
      }
    }
    for (const e of [...byCat.values()].sort((a, b) => a.label.localeCompare(b.label))) {
      out.push({ text: capitalize(e.label), detail: `to ${e.vendors.join(', ')}`, group });
    }
  }
  return out;
}

function thirdPartyKinds(thirdParties: readonly DataMapDestination[]): DraftLine[] {
  const byService = new Map<string, { vendors: string[]; processor: boolean }>();
  for (const d of thirdParties) {
    const key = d.serviceLabel ?? d.service ?? 'other services';
    const e = byService.get(key) ?? { vendors: [], processor: true };
    e.vendors.push(d.vendor);
    e.processor &&= d.role === 'processor';
    byService.set(key, e);
  }
  return [...byService].sort((a, b) => a[0].localeCompare(b[0])).map(([service, e]) => ({
    text: capitalize(service), detail: `e.g. ${e.vendors.join(', ')}`, group: e.processor ? 'processor' : 'third-party',
  }));
}
