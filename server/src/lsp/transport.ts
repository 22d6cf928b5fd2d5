// How the server talks to its client: over standard input and output with a reader whose framing errors end
// the process (non-zero, so the editor restarts it), else the library's own transports (VS Code's node IPC).
import { format } from 'util';
import { Connection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';

/**
 * The server's connection. With `--stdio`, a message whose header cannot be read (no Content-Length, not a
 * number) leaves the stream impossible to resynchronise: the server says so on standard error and exits with
 * status 1 instead of living on without answering.
 */
export function createServerConnection(onFramingError: (message: string) => void = (m) => process.stderr.write(m + '\n')): Connection {
  if (!process.argv.slice(2).includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  let shutdown = false;
  let stopping = false;
  reader.onError((e) => {
    if (stopping) return;
    stopping = true;
    onFramingError(`Montana PII Guard: the client sent a message that cannot be read (${String(e?.message ?? e).split('\n')[0]}); the server stops so that the editor can restart it.`);
    process.exit(1);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // As the library does for its own --stdio: nothing else may write to standard output, which carries the protocol.
  const toLog = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = console.info = console.debug = toLog;
  console.warn = console.error = (...args: unknown[]) => connection.console.error(format(...args));
  // The client closed our input: exit 0 after a shutdown request, 1 otherwise (the library's rule).
  reader.onClose(() => process.exit(shutdown ? 0 : 1));
  return new Proxy(connection, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== 'onShutdown' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (handler: (...a: unknown[]) => unknown) => value.call(target, (...a: unknown[]) => {
        shutdown = true;
        return handler(...a);
      });
    },
  });
}
