// The TypeScript compiler, which reads mt-pii.json (JSON with comments) here, loaded on first use: a scan's main
// thread reads configuration but analyses no code, and loading the compiler takes about a third of a second.
import type * as TS from 'typescript';

let compiler: typeof TS | undefined;

export function typescript(): typeof TS {
  return (compiler ??= require('typescript') as typeof TS);
}
