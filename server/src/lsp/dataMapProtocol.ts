/**
 * The custom request behind "Montana PII Guard: Show Data Map": the client asks, the server builds the
 * data map of the workspace folders with the same engine as `mt-pii report` and answers with its HTML.
 */

export const DATA_MAP_METHOD = 'mt-pii/dataMap';
export type DataMapMethod = typeof DATA_MAP_METHOD;

export type DataMapParams = Record<string, never>;

export interface DataMapResult {
  /** The self-contained page (`mt-pii report --format html`); absent on error. */
  html?: string;
  /** Destinations shown, in order ('Segment', 'Web Storage'). */
  destinations?: string[];
  /** Files scanned. */
  files?: number;
  /** What the scan said on the way (skipped files, syntax errors). */
  notes?: string[];
  /** Why there is no map (no folder open, an invalid mt-pii.json, cancelled). */
  error?: string;
}
