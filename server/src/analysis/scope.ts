// Scopes of one walk: the names a block declares (values and declared types) and the function they run in.
// Data only: binding.ts fills scopes, the other stages read them; nothing here evaluates or classifies.
import type * as ts from 'typescript';
import type { Edge, FnInfo, Value } from './values';

export interface Binding {
  value: Value;
  kind: 'const' | 'let' | 'var' | 'param' | 'function' | 'class' | 'import' | 'other';
}

/** The function whose body is being walked (or the module): what it returns, and where its parameters go. */
export interface FnCtx {
  info?: FnInfo;
  returns: Value[];
  edges: Edge[];
  /** Functions defined here, analysed when the body is done (see summaries.ts drain). */
  deferred: FnInfo[];
  thisValue?: Value;
}

export class Scope {
  readonly vars = new Map<string, Binding>();
  /** Interfaces and type aliases declared here (types live apart from values). */
  types?: Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>;
  constructor(readonly parent: Scope | undefined, readonly ctx: FnCtx) {}
  lookupType(name: string): ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const t = s.types?.get(name);
      if (t) return t;
    }
    return undefined;
  }
  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }
}
