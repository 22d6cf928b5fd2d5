// Quick fix "wrap in the team's sanitizer": one fix per `sanitizers` entry of mt-pii.json, wrapping each
// personal value sent (user.email → sealField(user.email)) and importing the sanitizer when its module is named.
import ts = require('typescript');
import type { Finding } from '../analysis/finding';
import { dataLeaves, sinkNamesData } from './dataLeaves';
import { hasIdentifier, importEdit, sinkSite } from './syntax';
import type { Fix, FileEdit, FixContext } from './types';

/**
 * @example
 * // mt-pii.json: "sanitizers": [{ "name": "sealField", "module": "@acme/privacy" }]
 * sanitizeFixes(finding, ctx, sf)[0].title // → 'Wrap user.email in sealField() (from @acme/privacy)'
 */
export function sanitizeFixes(finding: Finding, ctx: FixContext, sf: ts.SourceFile): Fix[] {
  if (!finding.categories.length || !ctx.config.sanitizers.length) return [];
  const site = sinkSite(sf, finding);
  if (!site || sinkNamesData(site, finding, ctx.classifier)) return [];
  const all = dataLeaves(site, finding, ctx.classifier, sf);
  const leaves = all.filter((l) => l.kind !== 'spread');
  if (!leaves.length) return [];
  const fixes: Fix[] = [];
  for (const name of ctx.config.sanitizers) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) continue;
    const module = ctx.config.sanitizerModules[name];
    // Without its module the sanitizer must already be in the file (imported or declared).
    if (!module && !hasIdentifier(sf, name)) continue;
    const edits: FileEdit[] = leaves.map((l) => l.kind === 'shorthand'
      ? { file: sf.fileName, start: l.node.getStart(sf), end: l.node.end, newText: `${l.key}: ${name}(${l.key})`, role: 'code' as const }
      : { file: sf.fileName, start: l.value.getStart(sf), end: l.value.end, newText: `${name}(${l.value.getText(sf)})`, role: 'code' as const });
    if (module && !hasIdentifier(sf, name)) {
      const imp = importEdit(sf, module, name, `import { ${name} } from ${JSON.stringify(module)};`, `const { ${name} } = require(${JSON.stringify(module)});`);
      if (imp) edits.push(imp);
    }
    const what = leaves.length === 1 ? leaves[0].value.getText(sf) : `the personal values (${leaves.map((l) => l.key ?? l.value.getText(sf)).join(', ')})`;
    fixes.push({
      id: 'sanitize',
      title: `Wrap ${what} in ${name}()${module ? ` (from ${module})` : ''}`,
      edits,
      ...(leaves.length < all.length || !finding.categories.every((c) => leaves.some((l) => l.cats.includes(c))) ? { partial: true } : {}),
    });
  }
  return fixes;
}
