/** Typed wrappers around localStorage used across the app. */
export function save<T>(key: string, value: T) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* quota exceeded: ignore */
  }
}

export function load<T>(key: string, fallback: T): T {
  const raw = localStorage.getItem(key);
  return raw ? (JSON.parse(raw) as T) : fallback;
}

export function remove(key: string) {
  localStorage.removeItem(key);
}
