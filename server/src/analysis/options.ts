// What a caller may tell the engine about one analysis (from mt-pii.json, the editor or the CLI).
// Types only: how each option is used lives with the stage that reads it.
import type { ProfileId, Severity } from '../catalog/types';
import type { ModuleExports, TypeShape } from './values';

export interface AnalyzeOptions {
  /** Checked between steps; when it returns true the analysis stops with `Cancelled`. */
  isCancelled?: () => boolean;
  /** Severity per rule id, or 'off' to disable the rule. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Extra sanitizer function names (the team's own encrypt/redact helpers). */
  sanitizers?: readonly string[];
  /** Path used in fingerprints (relative to the project), defaults to the file name. */
  fingerprintPath?: string;
  /** Report directives that suppress nothing (default true). */
  reportUnusedSuppressions?: boolean;
  /** Today's date (YYYY-MM-DD) for suppression expiry; default: the machine's local date. */
  today?: string;
  /**
   * Compute `exports` when first read, not at once (an edited document that nothing imports needs none).
   * The evaluator and syntax tree stay alive until then; the tree must not be re-used for parsing meanwhile.
   */
  lazyExports?: boolean;
  /** Exports of a project module imported from this file with `spec` (see Project). */
  importer?: (spec: string) => ModuleExports | undefined;
  /** The ORM models (schema.prisma, read as data) an import of `spec` stands for, when it is an ORM client module (see Project). */
  dataModels?: (spec: string) => ReadonlyMap<string, TypeShape> | undefined;
  /**
   * Some code of the project reads the opt-out preference signal (navigator.globalPrivacyControl, Sec-GPC):
   * the CLI scans every file for it. A function when the answer may come later (a scan worker waits for it only
   * where a verdict needs it). Undefined: the file itself and the modules it imports tell (Project).
   */
  optOutSignalRead?: boolean | (() => boolean);
  /** Whether the module imported with `spec` reads the signal, itself or through its imports (set by Project). */
  importReadsSignal?: (spec: string) => boolean;
  /** Team names per category from mt-pii.json: extra names that carry it, names that never do. */
  names?: { add: Record<string, string[]>; ignore: Record<string, string[]> };
  /** Vendors under a processor contract: their findings become information naming the contract. */
  approvedVendors?: readonly { vendor: string; contract: string; categories?: string[] }[];
  /**
   * Who the organisation is (mt-pii.json profile): `entity` and the profiles it adds (`also`, e.g. a school
   * service for minors) decide which rules apply and which citations they show; see ruleSelect.ts.
   */
  profile?: {
    entity?: ProfileId | 'school-service-operator'; also?: readonly (ProfileId | 'school-service-operator')[];
    subjectToMcdpa?: 'yes' | 'no' | 'unknown'; hipaaCovered?: 'yes' | 'no' | 'unknown';
  };
  /** What the team's privacy notice discloses (mt-pii.json "disclosed"); a list left out is not checked. */
  disclosed?: { vendors?: readonly string[]; categories?: readonly string[] };
}
