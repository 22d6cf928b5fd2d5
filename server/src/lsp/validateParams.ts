// The shape of what a client sends: every notification and request the server handles is checked before its
// handler sees it; a malformed one is dropped with a log line (a didOpen without text must not break later work).
import type { Connection } from 'vscode-languageserver/node';

type Check = (params: unknown) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUint = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
/** A URI as the server uses them: a scheme, then anything (file:, untitled:, vscode-notebook-cell:). */
const isUri = (v: unknown): boolean => typeof v === 'string' && v.length < 8192 && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(v);

function position(v: unknown, what: string): string | undefined {
  if (!isObject(v) || !isUint(v.line) || !isUint(v.character)) return `${what} is not a position ({ line, character } whole numbers)`;
  return undefined;
}

function range(v: unknown, what: string): string | undefined {
  if (!isObject(v)) return `${what} is not a range`;
  return position(v.start, `${what}.start`) ?? position(v.end, `${what}.end`);
}

function document(params: unknown, more?: (doc: Record<string, unknown>) => string | undefined): string | undefined {
  if (!isObject(params) || !isObject(params.textDocument)) return 'textDocument is missing';
  if (!isUri(params.textDocument.uri)) return 'textDocument.uri is not a URI';
  return more?.(params.textDocument);
}

const didOpen: Check = (p) => document(p, (d) => {
  if (typeof d.text !== 'string') return 'textDocument.text is not a string';
  if (typeof d.languageId !== 'string') return 'textDocument.languageId is not a string';
  if (typeof d.version !== 'number' || !Number.isInteger(d.version)) return 'textDocument.version is not a whole number';
  return undefined;
});

const didChange: Check = (p) => document(p, (d) => {
  if (typeof d.version !== 'number' || !Number.isInteger(d.version)) return 'textDocument.version is not a whole number';
  const changes = (p as Record<string, unknown>).contentChanges;
  if (!Array.isArray(changes)) return 'contentChanges is not a list';
  for (let i = 0; i < changes.length; i++) {
    const c: unknown = changes[i];
    if (!isObject(c) || typeof c.text !== 'string') return `contentChanges[${i}].text is not a string`;
    if (c.range !== undefined) {
      const bad = range(c.range, `contentChanges[${i}].range`);
      if (bad) return bad;
    }
  }
  return undefined;
});

const didSave: Check = (p) => document(p, () => ((p as Record<string, unknown>).text !== undefined && typeof (p as Record<string, unknown>).text !== 'string' ? 'text is not a string' : undefined));

const atPosition: Check = (p) => document(p, () => position((p as Record<string, unknown>).position, 'position'));

const codeAction: Check = (p) => document(p, () => {
  const params = p as Record<string, unknown>;
  const bad = range(params.range, 'range');
  if (bad) return bad;
  if (!isObject(params.context) || !Array.isArray(params.context.diagnostics)) return 'context.diagnostics is not a list';
  for (const [i, d] of (params.context.diagnostics as unknown[]).entries()) {
    if (!isObject(d) || typeof d.message !== 'string') return `context.diagnostics[${i}] is not a diagnostic`;
    const r = range(d.range, `context.diagnostics[${i}].range`);
    if (r) return r;
  }
  if (params.context.only !== undefined && !(Array.isArray(params.context.only) && params.context.only.every((k) => typeof k === 'string'))) return 'context.only is not a list of kinds';
  return undefined;
});

const watchedFiles: Check = (p) => {
  if (!isObject(p) || !Array.isArray(p.changes)) return 'changes is not a list';
  for (const [i, c] of (p.changes as unknown[]).entries()) {
    if (!isObject(c) || !isUri(c.uri) || ![1, 2, 3].includes(c.type as number)) return `changes[${i}] is not a file event ({ uri, type 1-3 })`;
  }
  return undefined;
};

const executeCommand: Check = (p) => {
  if (!isObject(p) || typeof p.command !== 'string') return 'command is not a string';
  if (p.arguments !== undefined && !Array.isArray(p.arguments)) return 'arguments is not a list';
  return undefined;
};

const anyObject: Check = (p) => (p === undefined || p === null || isObject(p) ? undefined : 'the parameters are not an object');

/** Registration method of the connection → the LSP method it serves and the check of its params. */
const CHECKS: Record<string, [method: string, check: Check]> = {
  onDidOpenTextDocument: ['textDocument/didOpen', didOpen],
  onDidChangeTextDocument: ['textDocument/didChange', didChange],
  onDidCloseTextDocument: ['textDocument/didClose', (p) => document(p)],
  onDidSaveTextDocument: ['textDocument/didSave', didSave],
  onWillSaveTextDocument: ['textDocument/willSave', (p) => document(p)],
  onDidChangeWatchedFiles: ['workspace/didChangeWatchedFiles', watchedFiles],
  onDidChangeConfiguration: ['workspace/didChangeConfiguration', anyObject],
  onHover: ['textDocument/hover', atPosition],
  onCodeAction: ['textDocument/codeAction', codeAction],
  onExecuteCommand: ['workspace/executeCommand', executeCommand],
};

/**
 * The connection, with every handler registered through it guarded: params that do not have the shape the
 * protocol gives them are dropped (a request is answered with null) and `log` says which and why.
 *
 * @example
 * const connection = validatingConnection(createConnection(ProposedFeatures.all), (m) => process.stderr.write(m + '\n'));
 */
export function validatingConnection(connection: Connection, log: (message: string) => void): Connection {
  return new Proxy(connection, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      const entry = typeof prop === 'string' ? CHECKS[prop] : undefined;
      if (!entry || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      const [method, check] = entry;
      return (handler: (params: unknown, ...rest: unknown[]) => unknown) => value.call(target, (params: unknown, ...rest: unknown[]) => {
        const why = check(params);
        if (why) {
          log(`Montana PII Guard: dropped a malformed ${method} from the client: ${why}`);
          return null;
        }
        return handler(params, ...rest);
      });
    },
  });
}
