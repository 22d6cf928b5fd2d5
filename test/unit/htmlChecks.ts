/**
 * Structural checks of a data map page without a browser: one self-contained file that can load nothing
 * (its CSP allows only its own style block, by hash), no script, links only to anchors and https pages.
 * Returns the problems found (none: the page passes).
 */
import { createHash } from 'crypto';

export function selfContainedProblems(html: string): string[] {
  const problems: string[] = [];
  if (!html.startsWith('<!DOCTYPE html>')) problems.push('no doctype');
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
  if (styles.length !== 1) problems.push(`${styles.length} style blocks (want 1)`);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  if (!csp) problems.push('no Content-Security-Policy meta');
  else {
    if (!/^default-src 'none';/.test(csp)) problems.push(`CSP does not start with default-src 'none': ${csp}`);
    const hash = styles[0] ? createHash('sha256').update(styles[0][1]).digest('base64') : '';
    if (!csp.includes(`style-src 'sha256-${hash}'`)) problems.push('the CSP style hash does not match the style block');
    if (/unsafe-inline|unsafe-eval|https?:|\*/.test(csp)) problems.push(`CSP allows too much: ${csp}`);
  }
  if (/<script|<iframe|<object|<embed|<img|<video|<audio|<form/i.test(html)) problems.push('an element that runs or loads something');
  // Attributes are read inside tags only: escaped text (&lt;img onerror=…) is no tag.
  const tags = [...html.replace(/<style>[\s\S]*?<\/style>/, '').matchAll(/<[a-zA-Z][^>]*>/g)]
    .map((m) => m[0].replace(/"[^"]*"/g, '""')); // attribute values are escaped text
  if (tags.some((t) => /\son[a-z]+\s*=/i.test(t))) problems.push('an inline event handler');
  if (tags.some((t) => /\sstyle\s*=/i.test(t))) problems.push('an inline style attribute (the CSP blocks it)');
  if (tags.some((t) => /\ssrc\s*=/i.test(t))) problems.push('a src attribute');
  for (const m of html.matchAll(/<link\b[^>]*>/g)) if (m[0] !== '<link rel="icon" href="data:,">') problems.push(`a link element: ${m[0]}`);
  const css = styles.map((s) => s[1]).join('\n');
  if (/url\(|@import|@font-face/i.test(css)) problems.push('the stylesheet loads something');
  for (const m of html.matchAll(/\shref="([^"]*)"/g)) {
    if (!/^(#[\w-]+|https:\/\/[^\s"'<>]+|data:,)$/.test(m[1])) problems.push(`a link to ${m[1]}`);
  }
  return problems;
}
