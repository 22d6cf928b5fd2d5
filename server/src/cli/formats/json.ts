// The JSON contract of DESIGN.md (`--format json`): the report object as it is, keys in a stable order;
// later additions only add keys.
import type { Report } from './report';

/** The JSON contract of DESIGN.md: one object, stable key order. */
export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
