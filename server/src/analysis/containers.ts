// Containers: what a framework's shared-instance containers hold (a React context, an injection token, a
// class handed out by an injector) and what an error object carries; rules/categories.json names them.
import ts = require('typescript');
import type { Catalog } from '../catalog/load';
import { instanceOf, typeInstance } from './declaredTypes';
import type { Scope } from './scope';
import type { FunctionStage } from './stages';
import { EMPTY, Value, absorb, dataOf, extend, union, unionAll } from './values';

type Containers = NonNullable<Catalog['categories']['containers']>;

export class ContainerRules {
  private readonly makers: ReadonlySet<string>;
  private readonly readers: ReadonlySet<string>;
  private readonly factoryKeys: readonly string[];
  private readonly providerTags: ReadonlySet<string>;
  private readonly providerProps: ReadonlySet<string>;
  private readonly errorSuffixes: readonly string[];
  private readonly errorProps: readonly string[];
  /** Containers made in this file: only they take providers here (an imported one is another file's, and cached). */
  private readonly own = new WeakSet<Value>();

  constructor(private readonly catalog: Catalog) {
    const c: Partial<Containers> = catalog.categories.containers ?? {};
    this.makers = new Set(c.makers ?? []);
    this.readers = new Set(c.readers ?? []);
    this.factoryKeys = c.factoryKeys ?? [];
    this.providerTags = new Set(c.providerTags ?? []);
    this.providerProps = new Set(c.providerProps ?? []);
    this.errorSuffixes = catalog.categories.errors?.suffixes ?? [];
    this.errorProps = catalog.categories.errors?.props ?? [];
  }

  /**
   * `createContext<PostHog | null>(null)`, `new InjectionToken<T>('x', { factory: () => client })`: a
   * container holding what its type argument, default value and factory say (providers add to it later).
   */
  made(name: string, node: ts.CallExpression | ts.NewExpression, values: Value[], scope: Scope, functions: FunctionStage): Value | undefined {
    if (!this.makers.has(name)) return undefined;
    const holder: Value = {};
    const typed = typeInstance(node.typeArguments?.[0], scope, this.catalog);
    if (typed) absorb(holder, typed);
    values.forEach((v, i) => {
      const arg = node.arguments?.[i];
      if (!arg || v.literal || v.clean) return;
      const factory = this.factoryKeys.map((k) => v.props?.get(k)).find((f) => f !== undefined);
      if (factory) absorb(holder, factory.fn ? functions.applySummary(factory.fn, [], arg) : factory);
      else if (!ts.isObjectLiteralExpression(arg) || !this.factoryKeys.length || v.ref || v.props?.size) absorb(holder, v);
    });
    this.own.add(holder);
    return { provides: holder };
  }

  /** `useContext(Ctx)`, `inject(TOKEN)`, `inject(TelemetryService)`: what the container or class gives. */
  read(name: string, values: Value[]): Value | undefined {
    if (!this.readers.has(name) || !values.length) return undefined;
    const target = values[0];
    if (target.provides) return target.provides;
    return instanceOf(target, this.catalog);
  }

  /** `<Ctx.Provider value={client}>` (or `<Ctx value={client}>`): the container now holds the value too. */
  provider(tag: Value, tagName: ts.JsxTagNameExpression, read: (e: ts.Expression) => Value): Value | undefined {
    let holder = tag.provides;
    if (!holder && ts.isPropertyAccessExpression(tagName) && this.providerTags.has(tagName.name.text)) holder = read(tagName.expression).provides;
    return holder && this.own.has(holder) ? holder : undefined;
  }

  isProviderProp(name: string): boolean {
    return this.providerProps.has(name);
  }

  /**
   * `new Error(\`reset for ${email}\`, { cause })`, `new NotFoundException(...)`: an error built with data
   * carries it, readable back through `message` and `cause`.
   */
  error(name: string | undefined, values: Value[], node: ts.Node): Value | undefined {
    if (!name || !this.errorSuffixes.some((s) => name.endsWith(s))) return undefined;
    const data = extend(unionAll(values.map(dataOf)), node, 'new ' + name);
    if (data === EMPTY || !(data.taints?.length || data.deps?.length)) return undefined;
    const props = new Map<string, Value>();
    const [message, cause] = this.errorProps;
    if (message && values[0]) props.set(message, extend(dataOf(values[0]), node));
    const opts = values[1];
    if (cause && opts) props.set(cause, extend(dataOf(opts.props?.get(cause) ?? opts), node));
    return union(data, { props, open: true });
  }
}
