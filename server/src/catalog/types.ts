/** Shapes of the data files in rules/ (kept equal to rules/schema/*.json; test/meta checks every file validates). */

export type SinkKind = 'third-party' | 'storage' | 'logging';
export type Severity = 'error' | 'warning' | 'info';

export interface EntryData {
  module?: string;
  global?: string;
  path: string;
  /** The creating call or construction sends its arguments to the vendor. */
  carriesData?: boolean;
  profile?: boolean;
}

export interface CallData {
  method: string;
  args?: number[];
  keyArg?: number;
  command?: number;
  profile?: boolean | string[];
  returnsInstance?: boolean;
  keyFromMethod?: boolean;
}

export interface WriteData {
  property: string;
  keyFromProperty?: boolean;
  cookieString?: boolean;
  profile?: boolean;
}

export interface InstanceData {
  label: string;
  from: EntryData[];
  calls?: CallData[];
  writes?: WriteData[];
  jsx?: { props: string[]; profile?: boolean };
}

export interface SinkData {
  id: string;
  vendor: string;
  kind: SinkKind;
  service: string;
  docs?: string;
  instances: InstanceData[];
}

export interface CategoryData {
  id: string;
  label: string;
  patterns: string[][];
  personContextPatterns?: string[][];
  exclude?: string[];
  excludeSequences?: string[][];
  derived?: { whenNameHasWord: string[]; withCategory: string[] };
}

export interface ApiSourceData extends EntryData {
  category: string;
  note: string;
}

export interface CategoriesData {
  categories: CategoryData[];
  guards: { words: string[]; prefixes: string[]; flagPrefixes: string[]; receiverWords: string[]; uiWords: string[]; valueAccessors: string[] };
  personObjects: { words: string[]; genericHeads?: string[] };
  getterVerbs: { verbs: string[]; nouns: string[] };
  stringKeyReaders: { methods: string[] };
  propagators: { receiverMethods: string[]; functions: string[]; calleeWords: string[]; maskChars: string };
  sanitizers: { words: string[] };
  apiSources: ApiSourceData[];
  /** Words and strings that show a check of an opt-out preference signal or a consent choice. */
  optOutChecks?: { words: string[][]; strings: string[] };
}

export interface CitationData {
  section: string;
  subsection?: string;
  title: string;
  titleIsGloss?: boolean;
  act?: string;
  summary: string;
  binds: string;
  verification: 'official' | 'copy';
  url: string;
}

export interface CitationsData {
  host: string;
  citations: Record<string, CitationData>;
}

export interface RuleData {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  sinkKinds: SinkKind[];
  categories: string[];
  citations: string[];
  categoryCitations?: { categories: string[]; citations: string[] }[];
  message: string;
  advice: string;
  applicability?: string;
  dependsOnMcdpa?: boolean;
  nonMcdpaCitations?: string[];
  profiles?: Partial<Record<'state-agency' | 'health-care-provider' | 'school-service-operator', RuleProfile>>;
}

export interface RuleProfile {
  citations: string[];
  categoryCitations?: { categories: string[]; citations: string[] }[];
  replace?: boolean;
  applicability?: string;
  message?: string;
}
