/**
 * The data map's pictures as inline SVG (no script, no external resource): the flow from kinds of
 * personal data to destinations, and the marks of the destinations × categories matrix.
 */
import type { DataMap } from './model';
import type { Tier } from './tier';
import { kindName } from './markdown';

/** Escapes text for HTML and SVG text and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const ROW = 30;
const TOP = 44;
const GAP = 240;
const CHAR = 7.2;
const MAX_LABEL = 300;

function fit(text: string, width: number): string {
  const max = Math.floor(width / CHAR);
  return text.length <= max ? text : text.slice(0, Math.max(1, max - 1)) + '…';
}

/**
 * Categories on the left, destinations on the right (third parties, device storage, logs, then
 * encrypted stores), one curve per category reaching a destination: solid for findings, dashed for the
 * inventory, green for encrypted stores; thicker when more places in the code send it.
 */
export function flowChart(map: DataMap): string {
  const left = map.categories;
  const right = [
    ...map.destinations.map((d) => ({
      name: d.vendor, sub: d.serviceLabel ?? kindName(d.kind), cls: d.kind,
      links: d.categories.map((c) => ({ id: c.id, tier: c.tier as Tier | 'safe', count: d.sites.filter((s) => s.categories.includes(c.id)).length })),
    })),
    ...map.safe.map((s) => ({
      name: s.vendor, sub: 'encrypted storage', cls: 'safe',
      links: s.categories.map((c) => ({ id: c.id, tier: 'safe' as const, count: s.sites.filter((x) => x.categories.includes(c.id)).length })),
    })),
  ];
  const leftW = Math.min(MAX_LABEL, Math.max(...left.map((c) => c.label.length), 12) * CHAR + 12);
  const nameW = Math.min(MAX_LABEL * 0.7, Math.max(...right.map((r) => r.name.length), 6) * CHAR + 8);
  const subW = Math.min(MAX_LABEL, Math.max(...right.map((r) => r.sub.length), 6) * CHAR * 0.9 + 24);
  const rightW = nameW + subW;
  const x1 = leftW + 8;
  const x2 = x1 + GAP;
  const rows = Math.max(left.length, right.length, 1);
  const height = TOP + rows * ROW + 12;
  const width = x2 + 14 + rightW;
  const yOf = (i: number, n: number) => TOP + (rows - n) * ROW / 2 + i * ROW + ROW / 2;
  const leftY = new Map(left.map((c, i) => [c.id, yOf(i, left.length)]));
  const parts: string[] = [];
  parts.push(`<svg class="flow-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.ceil(width)} ${height}" width="${Math.ceil(width)}" height="${height}" role="img" aria-labelledby="flow-title flow-desc">`);
  parts.push('<title id="flow-title">Where personal data goes</title>');
  const total = right.reduce((n, r) => n + r.links.length, 0);
  parts.push(`<desc id="flow-desc">${left.length} kinds of personal data reach ${right.length} destinations in ${total} flows. The table below lists the same flows.</desc>`);
  parts.push(`<text class="col-head" x="${x1 - 8}" y="20" text-anchor="end">Personal data</text>`);
  parts.push(`<text class="col-head" x="${x2 + 14}" y="20">Where it goes</text>`);
  right.forEach((r, i) => {
    const y2 = yOf(i, right.length);
    for (const l of r.links) {
      const y1 = leftY.get(l.id);
      if (y1 === undefined) continue;
      const w = (1.5 + Math.min(4, l.count)).toFixed(1);
      const label = `${labelOf(map, l.id)} → ${r.name} (${l.tier === 'safe' ? 'encrypted store' : l.tier}, ${l.count} place${l.count === 1 ? '' : 's'} in the code)`;
      parts.push(`<path class="link ${l.tier}" stroke-width="${w}" d="M${x1 + 6} ${y1.toFixed(1)} C${(x1 + GAP / 2).toFixed(1)} ${y1.toFixed(1)} ${(x2 - GAP / 2).toFixed(1)} ${y2.toFixed(1)} ${x2 - 2} ${y2.toFixed(1)}"><title>${esc(label)}</title></path>`);
    }
  });
  left.forEach((c) => {
    const y = leftY.get(c.id)!;
    parts.push(`<g class="node category"><rect x="${x1}" y="${(y - 9).toFixed(1)}" width="6" height="18" rx="2"/><text x="${x1 - 8}" y="${(y + 4.5).toFixed(1)}" text-anchor="end">${esc(fit(c.label, leftW - 12))}<title>${esc(c.label)}</title></text></g>`);
  });
  right.forEach((r, i) => {
    const y = yOf(i, right.length);
    parts.push(`<g class="node destination ${r.cls}"><rect x="${x2 - 2}" y="${(y - 10).toFixed(1)}" width="8" height="20" rx="2"/>`
      + `<text x="${x2 + 14}" y="${(y + 4.5).toFixed(1)}"><tspan class="vendor">${esc(fit(r.name, nameW))}</tspan><tspan class="sub"> — ${esc(fit(r.sub, subW))}</tspan><title>${esc(`${r.name} — ${r.sub}`)}</title></text></g>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** The mark of one matrix cell: filled for a finding, hollow for the inventory, a square for an encrypted store. */
export function matrixMark(tier: Tier | 'safe'): string {
  const shape = tier === 'safe' ? '<rect x="1.5" y="1.5" width="11" height="11" rx="2"/>' : '<circle cx="7" cy="7" r="5.5"/>';
  const words = tier === 'safe' ? 'encrypted store' : tier;
  return `<svg class="mark ${tier}" viewBox="0 0 14 14" width="14" height="14" aria-hidden="true">${shape}</svg><span class="sr">${words}</span>`;
}

function labelOf(map: DataMap, id: string): string {
  return map.categories.find((c) => c.id === id)?.label ?? id;
}
