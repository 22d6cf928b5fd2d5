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
  /** The call reaches the vendor tied to the browser or device even with no personal data (pixel init, PageView). */
  fires?: boolean;
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
  /** Third parties: acts for the app ('processor') or also uses the data for its own purposes (ad networks). */
  role?: SinkRole;
  /** Overrides the service's label of rules/services.json ('advertising pixel'). */
  serviceLabel?: string;
  /** Hostnames of the vendor's HTTP endpoints; subdomains match too. */
  hosts?: string[];
  docs?: string;
  instances: InstanceData[];
}

export type SinkRole = 'processor' | 'own-purposes';

/** rules/services.json: words for each service id. */
export interface ServicesData {
  services: Record<string, string>;
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
