// Quick fix "use the encrypted store the project already has": a key/value write of breach-listed data to a
// plain device store becomes a write to a safe store from rules/sinks (its `replaces` data) that package.json depends on.
import * as path from 'path';
import ts = require('typescript');
import type { Finding } from '../analysis/finding';
import { hasIdentifier, importEdit, sinkSite, skipOuter } from './syntax';
import type { Fix, FileEdit, FixContext } from './types';

/**
 * @example
 * // AsyncStorage.setItem('ssn', applicant.ssn)  in an app whose package.json depends on expo-secure-store
 * secureStoreFixes(finding, ctx, sf)[0].edits[0].newText // → "SecureStore.setItemAsync('ssn', applicant.ssn)"
 */
export function secureStoreFixes(finding: Finding, ctx: FixContext, sf: ts.SourceFile): Fix[] {
  if (!finding.sink || finding.sink.kind !== 'storage' || !finding.categories.length) return [];
  const site = sinkSite(sf, finding);
  const call = site?.call;
  if (!call || call.arguments.length !== 2 || !ts.isPropertyAccessExpression(skipOuter(call.expression))) return [];
  const deps = dependencies(ctx);
  const fixes: Fix[] = [];
  for (const sink of ctx.catalog.sinks) {
    const r = sink.replaces;
    if (!sink.safe || !r || !r.sinks.includes(finding.sink.id) || !deps.has(r.module)) continue;
    const [key, value] = call.arguments.map((a) => a.getText(sf));
    const newText = r.call.replace(/\{key\}/g, key).replace(/\{value\}/g, value);
    const edits: FileEdit[] = [{ file: sf.fileName, start: call.getStart(sf), end: call.end, newText, role: 'code' }];
    if (!r.binding || !hasIdentifier(sf, r.binding)) {
      const imp = importEdit(sf, r.module, undefined, r.import, r.require);
      if (imp) edits.push(imp);
    }
    fixes.push({
      id: 'secure-store',
      title: `Store it in ${sink.vendor} (encrypted) instead of ${finding.sink.vendor}${r.readBack ? `; read it back with ${r.readBack}` : ''}`,
      edits,
    });
  }
  return fixes;
}

/** Packages the nearest package.json above the file depends on (dependencies of any kind). */
function dependencies(ctx: FixContext): Set<string> {
  const stop = ctx.workspaceRoot ? path.resolve(ctx.workspaceRoot) : undefined;
  for (let dir = path.dirname(ctx.file); ; dir = path.dirname(dir)) {
    const text = ctx.readFile(path.join(dir, 'package.json'));
    if (text !== undefined) {
      try {
        const pkg = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
        return new Set(['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((k) => Object.keys(pkg[k] ?? {})));
      } catch {
        return new Set();
      }
    }
    if (dir === stop || path.dirname(dir) === dir) return new Set();
  }
}
