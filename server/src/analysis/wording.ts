/**
 * Wording of finding messages: a rule's message template filled with the data, the vendor and the API
 * ("Email address and name reach Segment (analytics.identify) …"). Shared by every rule, derived or not.
 * Text only: it decides no severity or citation (ruleSelect.ts does).
 */

/** What a message template may name: {categories}, {vendor}, {service}, {api}, {sinkKind}. */
export interface MessageParts {
  /** Labels of the categories ('email address'), joined as a list. */
  categories: readonly string[];
  vendor: string;
  service: string;
  api: string;
  sinkKind: string;
}

/**
 * Fills a rule's message template; a template that starts with {categories} starts with a capital.
 *
 * @example
 * fillMessage('{categories} reach {vendor}', { categories: ['email address', 'name'], vendor: 'Acme', service: '', api: '', sinkKind: '' })
 * // → 'Email address and name reach Acme'
 */
export function fillMessage(template: string, parts: MessageParts): string {
  return template
    .replace(/^\{categories\}/, capitalize(joinList(parts.categories)))
    .replace(/\{categories\}/g, joinList(parts.categories))
    .replace(/\{vendor\}/g, parts.vendor)
    .replace(/\{service\}/g, parts.service)
    .replace(/\{api\}/g, parts.api)
    .replace(/\{sinkKind\}/g, parts.sinkKind);
}

/** 'a', 'a and b', 'a, b and c'. */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
}

export function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
