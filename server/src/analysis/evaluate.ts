// The evaluator of one file: builds the stages, wires them together through the interfaces of stages.ts,
// walks the module once in source order, and hands back the hits and what the module exports.
// It holds no analysis of its own: every question about the code is answered by one of the stages.
import type * as ts from 'typescript';
import type { Catalog } from '../catalog/load';
import { Binder } from './binding';
import { Branches } from './branches';
import { Budget } from './budget';
import { Calls } from './calls';
import type { Classifier } from './classify';
import { ContainerRules } from './containers';
import { Expressions } from './expressions';
import { Guards } from './guards';
import { Jsx } from './jsx';
import type { FnCtx } from './scope';
import { Sinks } from './sinks';
import type { FileContext, Hit, Stages } from './stages';
import { Statements } from './statements';
import { Summaries } from './summaries';
import type { ModuleExports, TypeShape, Value } from './values';
import { Writes } from './writes';

export { Cancelled } from './budget';
export type { Hit } from './stages';

/**
 * Walks one file once, in source order, tracking values through scopes, and records every place where
 * a value carrying personal data reaches a sink of the catalog.
 */
export class Evaluator {
  readonly hits: Hit[] = [];
  private readonly budget: Budget;
  private readonly binder: Binder;
  private readonly statements: Statements;
  private readonly summaries: Summaries;

  constructor(
    private readonly sf: ts.SourceFile,
    catalog: Catalog,
    classifier: Classifier,
    isCancelled: () => boolean = () => false,
    extraSanitizers: ReadonlySet<string> = new Set(),
    /** Exports of a project module imported with `spec`, if the project can resolve it. */
    importer?: (spec: string) => ModuleExports | undefined,
    /** ORM models an import stands for (schema.prisma read as data). */
    dataModels?: (spec: string) => ReadonlyMap<string, TypeShape> | undefined,
  ) {
    const fc: FileContext = { sf, catalog, cls: classifier, sanitizers: extraSanitizers };
    this.budget = new Budget(isCancelled);
    const guards = new Guards(sf, catalog.categories.optOutChecks);
    const branches = new Branches();
    this.summaries = new Summaries(fc, this.hits, guards, branches);
    const sinks = new Sinks(fc, this.summaries, this.summaries);
    this.binder = new Binder(fc, importer, dataModels);
    this.statements = new Statements(fc, this.budget, guards, branches);
    const expressions = new Expressions(fc, this.budget, guards, branches);
    const writes = new Writes(fc, sinks, branches);
    const containers = new ContainerRules(catalog);
    const calls = new Calls(fc, sinks, containers);
    const jsx = new Jsx(fc, sinks, containers);
    const stages: Stages = { expressions, statements: this.statements, binding: this.binder, writes, calls, functions: this.summaries, jsx };
    for (const stage of [expressions, this.statements, this.binder, writes, calls, this.summaries, jsx]) stage.wire(stages);
  }

  /** True when an expression nested deeper than the engine follows was skipped. */
  get truncated(): boolean {
    return this.budget.truncated;
  }

  run(): void {
    const ctx: FnCtx = { returns: [], edges: [], deferred: [] };
    const scope = this.binder.enterModule(ctx);
    this.statements.execBlock(this.sf.statements, scope);
    this.summaries.drain(ctx);
    this.summaries.settle(this.binder.exportedFns());
  }

  /** What this module exports, after run(): functions with their summaries, SDK instances, objects. */
  exports(): Map<string, Value> {
    return this.binder.exports();
  }
}
