/** One instance per server process, surviving hot reloads in development. */
export function singleton<T>(name: string, init: () => T): T {
  const store = globalThis as unknown as { __singletons?: Record<string, unknown> };
  store.__singletons ??= {};
  return (store.__singletons[name] ??= init()) as T;
}
