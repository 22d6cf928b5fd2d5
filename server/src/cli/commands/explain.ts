// `mt-pii explain [ruleId | citation]`: a rule's documentation page (the Markdown the editor links), a
// citation with the rules that cite it, or the list of rules.
import { defaultRulesDir, loadCatalog } from '../../catalog/load';
import { didYouMean } from '../../config/didYouMean';
import { UsageError } from '../errors';
import { CommandSpec, helpText, parseCommand } from '../options';
import { explainCitations, explainMetaRule, explainRule, findCitations, listRules } from '../ruleDocs';

export const EXPLAIN: CommandSpec = {
  name: 'explain',
  synopsis: '[ruleId | citation]',
  summary: "Shows a rule's documentation (the Montana law behind it, whom it binds, examples, what to do), or a citation (30-14-2812, 38.5.3901) and the rules citing it; without an argument, lists the rules.",
  options: {},
};

export function explain(query: string | undefined, rulesDir = defaultRulesDir()): string {
  const { catalog } = loadCatalog(rulesDir);
  if (!query) return listRules(catalog);
  const rule = catalog.ruleById.get(query.startsWith('mt/') ? query : 'mt/' + query);
  if (rule) return explainRule(catalog, rule);
  const meta = explainMetaRule(catalog, query);
  if (meta) return meta;
  const ids = findCitations(catalog, query);
  if (ids.length) return explainCitations(catalog, ids);
  const id = query.startsWith('mt/') ? query : 'mt/' + query;
  throw new UsageError(`unknown rule or citation ${query}${didYouMean(id, [...catalog.ruleById.keys()], (s) => s)}; \`mt-pii explain\` lists the rules; citations: ${Object.keys(catalog.citations).join(', ')}`);
}

export function runExplainCommand(argv: string[]): number {
  const { positionals, help } = parseCommand(EXPLAIN, argv);
  if (help) {
    process.stdout.write(helpText(EXPLAIN) + '\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('explain takes one rule id or citation', '`mt-pii explain --help` lists the options.');
  process.stdout.write(explain(positionals[0]));
  return 0;
}
