const hits = new Map<string, number>();

export async function limited(key: string) {
  const n = (hits.get(key) ?? 0) + 1;
  hits.set(key, n);
  return n > 30;
}
