// What a quick fix is (edits, a title, whether it is the preferred one or safe for fix-all) and what a
// fix builder may know about the file, the team's configuration and the project; no LSP or vscode types.
import type ts = require('typescript');
import type { Catalog } from '../catalog/load';
import type { Classifier } from '../analysis/classify';
import type { Finding } from '../analysis/finding';
import type { ResolvedConfig } from '../config/config';

/**
 * One text edit, 0-based offsets into `file` as it is now (or into the empty text of a file the fix creates).
 * `role` says what kind of place it touches, which the tests hold each fix to: `code` stays inside the
 * finding's statements, `import` only adds an import, `directive` only touches a suppression comment,
 * `config` edits an mt-pii.json.
 */
export interface FileEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
  /** The same text as an LSP snippet (`${1:placeholder}`), for editors that place the cursor there. */
  snippet?: string;
  role: 'code' | 'import' | 'directive' | 'config';
}

export type FixId =
  | 'remove-field' | 'narrow-spread' | 'opaque-id' | 'sanitize' | 'approve-vendor' | 'guard-opt-out' | 'secure-store'
  | 'ignore-line' | 'ignore-file' | 'add-reason' | 'remove-directive' | 'fix-rule-id' | 'add-disclosure';

export interface Fix {
  id: FixId;
  title: string;
  edits: FileEdit[];
  /** Files the fix creates (a new mt-pii.json); their edits start from an empty text. */
  creates?: string[];
  /** The best fix for its finding (at most one per finding). */
  preferred?: boolean;
  /** Changes no behaviour of the program, so fix-all (`source.fixAll.mt-pii`, `mt-pii scan --fix`) applies it. */
  safe?: boolean;
  /** Takes away only some of the categories the finding reports; the finding stays with the others. */
  partial?: boolean;
}

/** Everything a fix builder may look at. Built once per request by the LSP adapter or the CLI. */
export interface FixContext {
  /** Absolute path and current text of the file with the finding. */
  file: string;
  text: string;
  catalog: Catalog;
  classifier: Classifier;
  /** The configuration in force for the file (sanitizers, approved vendors, the mt-pii.json chain). */
  config: ResolvedConfig;
  /** Rule ids a suppression directive may name. */
  knownRules: ReadonlySet<string>;
  /** Reads another file (mt-pii.json, package.json); undefined when it does not exist. */
  readFile(file: string): string | undefined;
  /** Where a new mt-pii.json goes when none applies to the file (the workspace folder). */
  workspaceRoot?: string;
  /** Every finding reported in the file (a mended directive must have something to suppress). */
  findings?: readonly Finding[];
}

/** A fix builder: the fixes of one kind for one finding (none where the kind does not apply). */
export type FixBuilder = (finding: Finding, ctx: FixContext, sf: ts.SourceFile) => Fix[];
