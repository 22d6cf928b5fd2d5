// The TypeScript compiler loaded on first use, for code that may run where no source file is parsed: a scan's
// main thread reads tsconfig.json, build configs and mt-pii.json, and loading the compiler takes a third of a second.
import type * as TS from 'typescript';

let compiler: typeof TS | undefined;

export function typescript(): typeof TS {
  return (compiler ??= require('typescript') as typeof TS);
}
