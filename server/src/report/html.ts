/**
 * The data map as one self-contained HTML page (`mt-pii report --format html`, the editor's data map
 * view): inline CSS allowed by its hash, inline SVG, no script, nothing loaded from anywhere.
 */
import { createHash } from 'crypto';
import type { DataMap, DataMapDestination } from './model';
import { DRAFT_LABEL, DraftDocuments, DraftLine } from './drafts';
import { esc, flowChart, matrixMark } from './charts';
import { kindName, roleName } from './markdown';

const LIGHT = `--fg:#1f2328; --bg:#ffffff; --muted:#59636e; --line:#d1d9e0; --card:#f6f8fa; --finding:#c2410c; --inventory:#6b7280;
  --safe:#15803d; --third:#2563eb; --storage:#b45309; --logging:#6b7280; --link:#0969da; --draft:#fff8c5; --draft-line:#d4a72c;`;
const DARK = `--fg:#e6edf3; --bg:#0d1117; --muted:#9198a1; --line:#3d444d; --card:#151b23; --finding:#fb8c3c; --inventory:#9ca3af;
  --safe:#4ade80; --third:#60a5fa; --storage:#fbbf24; --logging:#9ca3af; --link:#4493f8; --draft:#272115; --draft-line:#9e6a03;`;

// The browser's colour scheme for the file; in VS Code's webview, the body's theme class.
const CSS = `
:root { ${LIGHT} }
@media (prefers-color-scheme: dark) { :root { ${DARK} } }
body.vscode-light { ${LIGHT} } body.vscode-dark, body.vscode-high-contrast { ${DARK} }
body { margin:0; color:var(--vscode-editor-foreground, var(--fg)); background:var(--vscode-editor-background, var(--bg));
  font:15px/1.5 var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif); }
main { max-width:1120px; margin:0 auto; padding:24px 28px 48px; }
h1 { font-size:28px; margin:0 0 4px; } h2 { font-size:21px; margin:36px 0 8px; border-bottom:1px solid var(--line); padding-bottom:4px; }
h3 { font-size:17px; margin:20px 0 6px; } p.lede, .muted { color:var(--muted); }
a { color:var(--vscode-textLink-foreground, var(--link)); }
nav { margin:12px 0 4px; font-size:14px; } nav a { margin-right:14px; }
.notice { border-left:4px solid var(--draft-line); background:var(--draft); padding:8px 12px; margin:12px 0; }
.cards { display:flex; flex-wrap:wrap; gap:8px; margin:14px 0; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:6px 12px; }
.card b { font-size:20px; margin-right:6px; } .card span { color:var(--muted); font-size:13px; }
.chart { overflow-x:auto; border:1px solid var(--line); border-radius:8px; padding:8px; background:var(--card); }
.flow-chart { display:block; max-width:100%; height:auto; font-size:13px; }
.flow-chart text { fill:var(--vscode-editor-foreground, var(--fg)); } .flow-chart .col-head { font-weight:600; fill:var(--muted); }
.flow-chart .sub { fill:var(--muted); } .flow-chart .vendor { font-weight:600; }
.link { fill:none; stroke-opacity:.75; } .link.finding { stroke:var(--finding); } .link.inventory { stroke:var(--inventory); stroke-dasharray:6 4; }
.link.safe { stroke:var(--safe); stroke-dasharray:2 3; } .link:hover { stroke-opacity:1; }
.node rect { fill:var(--muted); } .node.third-party rect { fill:var(--third); } .node.storage rect { fill:var(--storage); }
.node.logging rect { fill:var(--logging); } .node.safe rect { fill:var(--safe); }
.legend { font-size:13px; color:var(--muted); margin:6px 0 0; } .legend span { margin-right:16px; white-space:nowrap; }
.swatch { display:inline-block; width:22px; height:0; border-top:3px solid; vertical-align:middle; margin-right:4px; }
.swatch.finding { border-color:var(--finding); } .swatch.inventory { border-top-style:dashed; border-color:var(--inventory); }
.swatch.safe { border-top-style:dotted; border-color:var(--safe); }
.dot { display:inline-block; width:8px; height:14px; border-radius:2px; vertical-align:middle; margin-right:4px; background:var(--muted); }
.dot.third-party { background:var(--third); } .dot.storage { background:var(--storage); } .dot.logging { background:var(--logging); }
table { border-collapse:collapse; margin:8px 0; font-size:14px; } th, td { border:1px solid var(--line); padding:4px 8px; text-align:left; vertical-align:top; }
th { background:var(--card); }
.matrix-wrap { overflow-x:auto; } table.matrix td.cell { text-align:center; vertical-align:middle; min-width:28px; }
table.matrix th.cat { writing-mode:vertical-rl; transform:rotate(180deg); white-space:nowrap; font-weight:500; padding:8px 4px; }
.mark { vertical-align:middle; } .mark.finding circle { fill:var(--finding); } .mark.inventory circle { fill:none; stroke:var(--inventory); stroke-width:2; }
.mark.safe rect { fill:var(--safe); }
.sr { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
article.dest { border:1px solid var(--line); border-radius:8px; padding:4px 16px 12px; margin:14px 0; }
article.dest h3 small { font-weight:400; color:var(--muted); }
.badge { display:inline-block; border-radius:10px; padding:0 8px; font-size:12px; border:1px solid var(--line); margin:2px 4px 2px 0; }
.badge.finding { border-color:var(--finding); color:var(--finding); } .badge.inventory { color:var(--muted); }
.badge.warn { border-color:var(--draft-line); background:var(--draft); } .badge.ok { border-color:var(--safe); color:var(--safe); }
dl { display:grid; grid-template-columns:max-content 1fr; gap:2px 14px; margin:6px 0; } dt { color:var(--muted); }
code { font-family:var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace); font-size:13px; }
ul.sites { margin:2px 0; padding-left:20px; } .draft { border:2px dashed var(--draft-line); border-radius:8px; padding:4px 18px 12px; margin:16px 0; }
.draft h2 { border:none; } .stamp { font-weight:700; color:var(--draft-line); letter-spacing:.04em; }
footer { margin-top:40px; font-size:13px; color:var(--muted); }
@media print { .chart { overflow:visible; } nav { display:none; } }
`;

/** The page's Content Security Policy: nothing may load; only this page's own style block (by hash) applies. */
export function contentSecurityPolicy(): string {
  const hash = createHash('sha256').update(CSS).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

export function renderHtml(map: DataMap): string {
  const s = map.summary;
  const body: string[] = [];
  body.push('<h1>Personal data map</h1>');
  body.push(`<p class="lede">Where this code sends or stores personal data, generated by mt-pii ${esc(map.tool.version)} from ${s.files} files.</p>`);
  body.push(`<p class="notice">${esc(map.notice)}</p>`);
  body.push('<nav><a href="#flow">Flow</a><a href="#matrix">Matrix</a><a href="#destinations">Destinations</a>'
    + (map.safe.length ? '<a href="#safe">Encrypted stores</a>' : '') + (map.presentSdks.length ? '<a href="#present">SDKs present</a>' : '')
    + (map.disclosure ? '<a href="#disclosure">Disclosure</a>' : '') + (map.drafts ? '<a href="#notice">Notice draft</a><a href="#assessments">Assessments</a>' : '') + '</nav>');
  body.push('<div class="cards">'
    + card(s.destinations, 'destinations receive personal data') + card(s.categories, 'kinds of personal data')
    + card(s.sites, 'places in the code') + card(map.safe.length, 'encrypted stores')
    + card(s.presentSdks, 'SDKs present, no personal data seen')
    + (map.disclosure ? card(s.undisclosed, 'destinations beyond the disclosure') : '') + '</div>');
  body.push('<section id="flow"><h2>Where personal data goes</h2>');
  if (!map.destinations.length && !map.safe.length) body.push('<p>No personal data flows were found.</p>');
  else {
    body.push('<p class="muted">Each line is a kind of personal data (left) reaching a destination (right). Hover a line for details.</p>');
    body.push(`<div class="chart">${flowChart(map)}</div>`);
    body.push('<p class="legend"><span><i class="swatch finding"></i>finding: Montana law may make it matter</span>'
      + '<span><i class="swatch inventory"></i>inventory: recorded so the map is complete</span><span><i class="swatch safe"></i>encrypted store</span>'
      + '<span><i class="dot third-party"></i>third party</span><span><i class="dot storage"></i>device storage</span><span><i class="dot logging"></i>logs</span></p>');
  }
  body.push('</section>');
  body.push(...matrix(map));
  body.push('<section id="destinations"><h2>Destinations</h2>');
  if (!map.destinations.length) body.push('<p>None found.</p>');
  for (const d of map.destinations) body.push(destination(d));
  body.push('</section>');
  body.push(...safeStores(map), ...presentSdks(map), ...disclosure(map));
  if (map.drafts) body.push(...drafts(map.drafts));
  body.push('<footer>Generated offline by Montana PII Guard (mt-pii), which runs no code from the project and sends nothing anywhere. Not legal advice.</footer>');
  return ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">', '<meta name="referrer" content="no-referrer">',
    '<link rel="icon" href="data:,">', '<title>Personal data map</title>', `<style>${CSS}</style>`, '</head>',
    '<body>', '<main>', ...body, '</main>', '</body>', '</html>', ''].join('\n');
}

function card(n: number, what: string): string {
  return `<div class="card"><b>${n}</b><span>${esc(what)}</span></div>`;
}

function matrix(map: DataMap): string[] {
  if (!map.destinations.length && !map.safe.length) return [];
  const out = ['<section id="matrix"><h2>Destinations × personal data</h2>',
    '<p class="muted">● a finding (Montana law may make it matter) · ○ inventory (recorded so the map is complete) · ■ an encrypted store.</p>',
    '<div class="matrix-wrap"><table class="matrix"><thead><tr><th>Destination</th><th>Kind</th>'];
  out.push(...map.categories.map((c) => `<th class="cat" scope="col">${esc(c.label)}</th>`), '</tr></thead><tbody>');
  const rows = [
    ...map.destinations.map((d) => ({ name: d.vendor, kind: kindName(d.kind), tiers: new Map(d.categories.map((c) => [c.id, c.tier as string])) })),
    ...map.safe.map((x) => ({ name: x.vendor, kind: 'encrypted storage', tiers: new Map(x.categories.map((c) => [c.id, 'safe'])) })),
  ];
  for (const r of rows) {
    out.push(`<tr><th scope="row">${esc(r.name)}</th><td>${esc(r.kind)}</td>`
      + map.categories.map((c) => {
        const t = r.tiers.get(c.id) as 'finding' | 'inventory' | 'safe' | undefined;
        return t ? `<td class="cell" title="${esc(`${r.name}: ${c.label} (${t === 'safe' ? 'encrypted store' : t})`)}">${matrixMark(t)}</td>` : '<td class="cell"></td>';
      }).join('') + '</tr>');
  }
  out.push('</tbody></table></div></section>');
  return out;
}

function destination(d: DataMapDestination): string {
  const role = roleName(d.role);
  const rows: string[] = [];
  rows.push(`<dt>What it is</dt><dd>${esc([d.serviceLabel ?? kindName(d.kind), role].filter(Boolean).join('; '))}</dd>`);
  rows.push(`<dt>Personal data</dt><dd>${d.categories.map((c) => `<span class="badge ${c.tier}">${esc(c.label)} · ${c.tier}</span>`).join('')}</dd>`);
  for (const a of d.approvals) rows.push(`<dt>Approved</dt><dd><span class="badge ok">processor contract</span> ${esc(a)}</dd>`);
  if (d.undisclosed && (d.undisclosed.vendor || d.undisclosed.categories.length)) {
    const what = [...(d.undisclosed.vendor ? ['this vendor'] : []), ...d.undisclosed.categories.map((id) => d.categories.find((c) => c.id === id)?.label ?? id)];
    rows.push(`<dt>Disclosure</dt><dd><span class="badge warn">not in the recorded disclosure</span> ${esc(what.join(', '))}</dd>`);
  }
  const label = (id: string) => d.categories.find((c) => c.id === id)?.label ?? id;
  const sites = d.sites.map((s) => `<li><code>${esc(`${s.file}:${s.line}`)}</code> — <code>${esc(s.api)}</code>: ${esc(s.categories.map(label).join(', '))}`
    + ` <span class="badge ${s.tier}">${s.tier}</span>${s.suppressed ? ' <span class="badge">suppressed in the code</span>' : ''}</li>`);
  rows.push(`<dt>In the code</dt><dd><ul class="sites">${sites.join('')}</ul></dd>`);
  if (d.citations.length) {
    rows.push(`<dt>Montana law</dt><dd><ul class="sites">${d.citations.map((c) => `<li>${link(c.url, c.id)} — ${esc(c.title)}<br><span class="muted">Binds: ${esc(c.binds)}</span></li>`).join('')}</ul></dd>`);
  }
  return `<article class="dest" id="dest-${esc(slug(d.key))}"><h3>${esc(d.vendor)} <small>${esc(kindName(d.kind))}</small></h3><dl>${rows.join('')}</dl></article>`;
}

function safeStores(map: DataMap): string[] {
  if (!map.safe.length) return [];
  const out = ['<section id="safe"><h2>Encrypted stores</h2>',
    '<p class="muted">Personal data written to an encrypted store (iOS Keychain, Android Keystore, the OS credential vault): where it belongs. Not findings; listed so the map shows every place the data is kept.</p>',
    '<table><thead><tr><th>Store</th><th>Personal data</th><th>In the code</th></tr></thead><tbody>'];
  for (const s of map.safe) {
    out.push(`<tr><td>${esc(s.vendor)}</td><td>${esc(s.categories.map((c) => c.label).join(', '))}</td><td>${s.sites.map((x) => `<code>${esc(`${x.file}:${x.line}`)}</code> <code>${esc(x.api)}</code>`).join('<br>')}</td></tr>`);
  }
  return out.concat('</tbody></table></section>');
}

function presentSdks(map: DataMap): string[] {
  if (!map.presentSdks.length) return [];
  const out = ['<section id="present"><h2>SDKs present, no personal data seen</h2>',
    '<p class="muted">Declared in package.json; the scan saw no personal data reach them. An SDK can still collect data on its own (page views, device data) once loaded.</p>',
    '<table><thead><tr><th>Package</th><th>Vendor</th><th>Service</th><th>Declared in</th></tr></thead><tbody>'];
  for (const p of map.presentSdks) {
    out.push(`<tr><td><code>${esc(p.package)}</code>${p.dev ? ' <span class="badge">devDependency</span>' : ''}</td><td>${esc(p.vendors.join(', '))}</td>`
      + `<td>${esc(p.services.join(', '))}</td><td>${p.declaredIn.map((f) => `<code>${esc(f)}</code>`).join('<br>')}</td></tr>`);
  }
  return out.concat('</tbody></table></section>');
}

function disclosure(map: DataMap): string[] {
  if (!map.disclosure) return [];
  const d = map.disclosure;
  const list = (xs: string[] | undefined) => (xs ? (xs.length ? xs.map(esc).join(', ') : '(none)') : '(not checked)');
  const gaps = map.destinations.filter((x) => x.undisclosed && (x.undisclosed.vendor || x.undisclosed.categories.length));
  const out = ['<section id="disclosure"><h2>Disclosure</h2>',
    `<p>Recorded in <code>${esc(d.file)}</code>. Vendors: ${list(d.vendors)}. Categories: ${list(d.categories)}.</p>`];
  if (!gaps.length) return out.concat('<p>Every flow found is covered by the recorded disclosure.</p></section>');
  out.push('<table><thead><tr><th>Destination</th><th>Not in the disclosure</th></tr></thead><tbody>');
  for (const g of gaps) {
    const what = [...(g.undisclosed!.vendor ? ['the vendor'] : []), ...g.undisclosed!.categories.map((id) => g.categories.find((c) => c.id === id)?.label ?? id)];
    out.push(`<tr><td><a href="#dest-${esc(slug(g.key))}">${esc(g.vendor)}</a></td><td>${esc(what.join(', '))}</td></tr>`);
  }
  return out.concat('</tbody></table></section>');
}

function drafts(docs: DraftDocuments): string[] {
  const n = docs.notice;
  const out = ['<section id="notice" class="draft">', `<p class="stamp">${esc(DRAFT_LABEL)}</p>`, `<h2>${esc(n.title)}</h2>`,
    `<p>${esc(n.intro)} (${link(n.citation.url, n.citation.id)})</p>`];
  for (const s of n.sections) {
    out.push(`<h3>${esc(s.clause)} ${esc(s.heading)}</h3>`);
    if (!s.lines.length) out.push(`<p class="muted">${esc(s.placeholder ?? 'Nothing found in the code.')}</p>`);
    else if (s.lines.every((l) => !l.group)) out.push(lines(s.lines));
    else {
      for (const group of ['third-party', 'processor'] as const) {
        const ls = s.lines.filter((l) => l.group === group);
        if (ls.length) out.push(`<p>${group === 'third-party' ? 'Third parties that may use the data for their own purposes:' : 'Processors acting for you (see the note below):'}</p>`, lines(ls));
      }
    }
  }
  out.push(`<p class="muted">${esc(n.processorNote)}</p></section>`);
  const a = docs.assessments;
  out.push('<section id="assessments" class="draft">', `<p class="stamp">${esc(DRAFT_LABEL)}</p>`, `<h2>${esc(a.title)}</h2>`,
    `<p>${esc(a.intro)} (${link(a.citation.url, a.citation.id)})</p>`);
  for (const act of a.activities) {
    const status = !act.detectable ? 'not detectable from code: decide by hand' : act.sites.length ? `${act.sites.length} code site(s)` : 'none found in the code';
    out.push(`<h3>${esc(act.clause)} ${esc(act.title)} <small class="muted">— ${esc(status)}</small></h3>`, `<p>${esc(act.why)}</p>`);
    if (act.sites.length) {
      out.push(`<ul class="sites">${act.sites.map((x) => `<li>☐ <code>${esc(`${x.file}:${x.line}`)}</code> — ${esc(x.destination)} (<code>${esc(x.api)}</code>): ${esc(x.categories.join(', ') || 'no personal data named')}</li>`).join('')}</ul>`);
    }
  }
  out.push('<p>For each activity that applies:</p>', `<ul>${a.checklist.map((c) => `<li>☐ ${esc(c)}</li>`).join('')}</ul>`, '</section>');
  return out;
}

function lines(ls: readonly DraftLine[]): string {
  return `<ul>${ls.map((l) => `<li>${esc(l.text)}${l.detail ? ` <span class="muted">— ${esc(l.detail)}</span>` : ''}</li>`).join('')}</ul>`;
}

/** A link to an official page; anything but an https URL stays plain text. */
function link(url: string, text: string): string {
  return /^https:\/\/[^\s"'<>]+$/.test(url) ? `<a href="${esc(url)}" target="_blank" rel="noopener noreferrer">${esc(text)}</a>` : esc(text);
}

function slug(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
