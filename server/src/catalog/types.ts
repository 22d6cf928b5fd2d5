/** Shapes of the data files in rules/ (kept equal to rules/schema/*.json; test/meta checks every file validates). */

export type SinkKind = 'third-party' | 'storage' | 'logging';
export type Severity = 'error' | 'warning' | 'info';
/**
 * 'finding': a flow Montana law makes matter (warning or error); 'inventory': any other flow of personal data
 * out of the code's hands, listed for the data map at info (rule.schema.json `tier`).
 */
export type Tier = 'finding' | 'inventory';

export interface EntryData {
  module?: string;
  global?: string;
  /** A distinctive method name called on a value the engine does not know (IndexedDB's objectStore). */
  method?: string;
  path: string;
  /** The creating call or construction sends its arguments to the vendor. */
  carriesData?: boolean;
  profile?: boolean;
  /** With carriesData: a function argument creates the stored state (zustand persist); its keys name the data. */
  state?: boolean;
  /** The module has no CommonJS build (fixtures need no require() shape). */
  esmOnly?: boolean;
  /** The path names a type exported by the module; values declared with it are the instance. */
  type?: boolean;
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
  fires?: boolean | readonly string[];
  /** The key of the options argument (the first) naming the model: a model a provider instance made names the vendor. */
  modelKey?: string;
  /** Keys of the options argument (the first) whose value, read as is from what the function receives, is text a person wrote. */
  contentKeys?: string[];
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
  /** Keys of an object argument that are the app's own settings, not a person's data (an email's sender `from`). */
  ignoreKeys?: string[];
  /** An option of the call making the client that points it at another host (new OpenAI({ baseURL })). */
  baseUrl?: BaseUrlData;
}

/** Where a re-targetable client sends: the option keys holding its base URL, and the sink for a host no sink lists. */
export interface BaseUrlData {
  options: number;
  keys: string[];
  unknown: string;
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
  /** Storage only: an encrypted store; data reaching it is listed as a safe destination, never a finding. */
  safe?: boolean;
  /** Safe stores only: the plain stores it can replace, and how a quick fix writes to it instead. */
  replaces?: ReplacesData;
  docs?: string;
  instances: InstanceData[];
}

/** sink.schema.json `replaces`: an encrypted store that can take a plain store's place (see fixes/secureStore.ts). */
export interface ReplacesData {
  sinks: string[];
  module: string;
  binding?: string;
  import: string;
  require?: string;
  /** The write, with {key} and {value}. */
  call: string;
  readBack?: string;
}

export type SinkRole = 'processor' | 'own-purposes';

/**
 * Kinds of check that guard a call (categories.json optOutChecks): an opt-out preference signal
 * (Global Privacy Control), the app's record of consent or opt-in, or the app's own opt-out / tracking flag.
 */
export type GuardKind = 'signal' | 'consent' | 'flag';

/** rules/services.json: words for each service id. */
export interface ServicesData {
  services: Record<string, string>;
  /** Services whose vendors process personal data for a routine function (payments, email delivery…): inventory level. */
  inventoryServices?: string[];
}

export interface CategoryData {
  id: string;
  label: string;
  patterns: string[][];
  personContextPatterns?: string[][];
  /** Text a person wrote: a template the code composes is not it. */
  writtenByPerson?: boolean;
  exclude?: string[];
  excludeSequences?: string[][];
  /** Property names that carry the category only on these receivers (req.ip, socket.handshake.address). */
  receiverPatterns?: { receivers: string[]; patterns: string[][] }[];
  /** Whole names that carry the category as a variable, parameter or property, not as an object-literal key. */
  notAsKey?: string[][];
  derived?: { whenNameHasWord: string[]; withCategory: string[] };
}

export interface ApiSourceData extends EntryData {
  category: string;
  note: string;
}

export interface CategoriesData {
  categories: CategoryData[];
  guards: { words: string[]; prefixes: string[]; flagPrefixes: string[]; scalarHeads?: string[]; receiverWords: string[]; uiWords: string[]; valueAccessors: string[] };
  personObjects: { words: string[]; genericHeads?: string[]; inferred?: { words: string[]; categories: string[] } };
  /** ORM models declared outside code (schema.prisma), read as data when the generated client is absent. */
  dataModels?: {
    modules: string[]; clients: string[]; packageKey: string[]; schemaFiles: string[]; schemaFolders: string[]; schemaFileName: string;
    one: string[]; many: string[]; nonDataTypes: string[];
  };
  /** Validation-schema builders read as declared types (z.object({ email: z.string() })). */
  schemas?: {
    makers: string[]; nonDataFields: string[]; keepShape: string[]; addFields: string[]; pickFields: string[]; omitFields: string[];
    parseMethods: string[]; safeParseMethods: string[]; resultKey: string;
  };
  getterVerbs: { verbs: string[]; nouns: string[] };
  stringKeyReaders: { methods: string[] };
  /** Form controls whose value is personal data, judged by their attributes (<input type="email" value={v}>). */
  formFields?: {
    elements: string[];
    nameAttributes: string[];
    attributes: Record<string, Record<string, string>>;
    valueAttributes: string[];
    eventHandlers: string[];
    valueHandlers: string[];
  };
  propagators: { receiverMethods: string[]; functions: string[]; calleeWords: string[]; maskChars: string };
  sanitizers: { words: string[] };
  apiSources: ApiSourceData[];
  /** UI-framework state functions the engine sees through (useState, useMemo, reactive, ref). */
  stateHooks?: { identity: string[]; factory: string[]; state: string[]; box: Record<string, string> };
  /**
   * Words and strings that show a check of an opt-out preference signal, a consent choice or the app's own
   * opt-out flag; signalWords and strings are kind 'signal', consentWords 'consent', every other run 'flag'.
   */
  optOutChecks?: { words: string[][]; strings: string[]; signalWords?: string[][]; consentWords?: string[][] };
  /** How frameworks hand out shared instances: contexts and injection tokens, their readers and providers. */
  containers?: { makers: string[]; factoryKeys: string[]; readers: string[]; providerTags: string[]; providerProps: string[] };
  /** Error constructors (by name suffix) whose message and options are data of the error. */
  errors?: { suffixes: string[]; props: string[] };
}

export interface CitationData {
  /** 'MCA' (default): a section of the Montana Code Annotated; 'ARM': a rule of the Administrative Rules of Montana. */
  code?: 'MCA' | 'ARM';
  /** MCA section (30-14-2812) or ARM rule number (38.5.3901). */
  section: string;
  subsection?: string;
  title: string;
  titleIsGloss?: boolean;
  act?: string;
  summary: string;
  binds: string;
  verification: 'official' | 'copy' | 'secondary';
  url: string;
  /** Said next to the link when the page was not seen (an ARM link built from the host's pattern). */
  urlNote?: string;
  /** The duty binds only controllers over the Consumer Data Privacy Act thresholds (MCA 30-14-2803(1)). */
  needsMcdpaThresholds?: boolean;
  /** A provision of the Consumer Data Privacy Act: it binds none of the bodies and entities that Act exempts. */
  mcdpa?: boolean;
  /** What was read to verify it, when the check went beyond the shared reference (sources, what they showed). */
  verificationNote?: string;
  /** Explained by `mt-pii explain` but never cited by a rule, and why (it binds someone the tool does not check). */
  notCitedBecause?: string;
}

/** Sentences shown wherever law is read, and the notes a finding carries when the organisation is outside a law. */
export interface NoticesData {
  /** "Not legal advice" sentence: JSON output, SARIF rule help, explain. */
  notLegalAdvice: string;
  /** Appended to a finding that rests only on duties over the Consumer Data Privacy Act thresholds, below them. */
  belowThresholds: string;
  /** Appended to a finding that rests only on the Consumer Data Privacy Act, for an entity that Act exempts. */
  exemptEntity: string;
  /** What such a finding cites instead (the exemptions section). */
  exemptionCitations: string[];
}

export interface CitationsData {
  host: string;
  /** Base of ARM rule links; the rule number follows with its dots written %2E. */
  armHost?: string;
  /** Whom each act binds, in one line (rule pages and the README's profile table). */
  acts?: Record<string, { binds: string }>;
  notices?: NoticesData;
  citations: Record<string, CitationData>;
}

/** Organisation profiles of mt-pii.json: they decide which rules apply and which law a finding cites. */
export type ProfileId =
  | 'business' | 'state-agency' | 'local-government' | 'insurer' | 'health-care-provider' | 'hipaa-covered' | 'mental-health-app'
  | 'school-service' | 'minors' | 'motor-vehicle-records' | 'genetic-data';

/**
 * A sentence and severity for data that is a listed element only together with another (a card number with
 * the code that opens the account; a location with a name): used when every category of the finding is in
 * `categories` and nothing in `with` (a category, or a run of words in the name the data came from) reaches
 * the same call.
 */
export interface CompanionData {
  categories: string[];
  with: string[];
  withWords?: string[][];
  severity: Severity;
  message: string;
}

/** A rule about the scan itself (rules/schema/tool-rule.schema.json): no sink, no law; `{reason}` in its message. */
export interface ToolRuleData {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  message: string;
  advice: string;
}

export interface RuleData {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** Default 'finding'. */
  tier?: Tier;
  sinkKinds: SinkKind[];
  categories: string[];
  citations: string[];
  categoryCitations?: { categories: string[]; citations: string[] }[];
  message: string;
  /** Derived disclosure rules: the message when the vendor itself is not disclosed. */
  vendorMessage?: string;
  advice: string;
  applicability?: string;
  /** Not matched at sinks: computed from the other rules' findings and the team's data ('disclosure'). */
  derived?: 'disclosure';
  dependsOnMcdpa?: boolean;
  nonMcdpaCitations?: string[];
  /** Message when the hit carries no personal data (a `fires` call: pixel init or event). */
  firesMessage?: string;
  /** Only sinks of these services ('advertising', 'carrier-billing'). */
  services?: string[];
  /** Only sinks whose service is of this tier (services.json inventoryServices are 'inventory'). */
  serviceTier?: Tier;
  /** At sinks of a service of this tier, only these of the rule's categories match. */
  byServiceTier?: Partial<Record<Tier, { categories: string[] }>>;
  /** Only vendors of these roles. */
  roles?: SinkRole[];
  /** Also matches calls marked `fires` in the catalog, with or without personal data. */
  fires?: boolean;
  /** A `fires` call matches only for vendors of these roles (ad pixels are 'own-purposes'; a carrier-billing charge is not). */
  firesRoles?: SinkRole[];
  /** Data-free `fires` calls of one vendor in a file make one finding (at the first call; the others in its flow). */
  firesOncePerFile?: boolean;
  /** Quiet when the call sits behind a check of one of these kinds (see GuardKind). */
  unlessGuard?: GuardKind[];
  /** A call behind only the app's own consent or opt-out flag is quiet only where the project reads the signal. */
  appGuardNeedsSignalRead?: boolean;
  /** Message for such a call where no code reads the signal. */
  unreadSignalMessage?: string;
  /** At least one of these categories must reach the sink; the finding then lists every category of the rule. */
  requireAny?: string[];
  /** The rule applies only when one of these profiles is active. */
  onlyFor?: ProfileId[];
  /** The rule does not apply when one of these profiles is active. */
  notFor?: ProfileId[];
  /** Categories that one of these rules reports at the same call are left to it (a finding left with none is dropped). */
  yieldsTo?: string[];
  /** No finding at a call where one of these rules reports. */
  yieldsSiteTo?: string[];
  /** Wording and citations by the vendor's role (rules/sinks `role`). */
  roleVariants?: Partial<Record<SinkRole, RuleVariant>>;
  profiles?: Partial<Record<ProfileId, RuleProfile>>;
  /** Lower severity and other words when a listed element is seen without its companion. */
  companions?: CompanionData[];
  /** Wording for a finding that rests only on Consumer Data Privacy Act duties that do not bind this organisation. */
  outsideMcdpa?: { message: string; firesMessage?: string };
}

export interface RuleVariant {
  /** Replace the rule's citations. */
  citations?: string[];
  message?: string;
  firesMessage?: string;
  advice?: string;
  severity?: Severity;
}

export interface RuleProfile {
  citations: string[];
  categoryCitations?: { categories: string[]; citations: string[] }[];
  replace?: boolean;
  /** The overlay applies only to vendors of these roles (a processor's duties are not an ad network's). */
  roles?: SinkRole[];
  companions?: CompanionData[];
  severity?: Severity;
  applicability?: string;
  message?: string;
  firesMessage?: string;
  advice?: string;
}

/** rules/http-clients.json */
export interface HttpClientsData {
  clients: { label: string; from: EntryData[]; url: number; urlKey?: string; data: number[] }[];
  /** Calls that make a client instance with a base URL (axios.create({ baseURL })); its relative paths go there. */
  instances?: { label: string; from: EntryData[]; options: number; baseKeys: string[] }[];
}

/** rules/privacy-documents.json: the privacy-notice sections and assessment activities the report drafts. */
export interface PrivacyDocumentsData {
  notice: {
    citation: string;
    title: string;
    intro: string;
    sections: { clause: string; heading: string; fill: 'categories-processed' | 'purposes' | 'categories-shared' | 'third-party-categories' | 'placeholder'; placeholder?: string }[];
    processorNote: string;
  };
  assessments: {
    citation: string;
    title: string;
    intro: string;
    activities: { id: string; clause: string; title: string; why: string; match?: { services?: string[]; roles?: SinkRole[]; categories?: string[] } }[];
    checklist: string[];
  };
}
