// Renders a finished scan in the chosen --format (stylish, json, sarif, datamap, github, junit).
import * as fs from 'fs';
import type { Catalog } from '../../catalog/load';
import type { ProjectRoot } from '../../project/root';
import { readGitInfo } from '../../project/git';
import { ruleDocFile } from '../ruleDocs';
import type { DataMap } from '../../report/model';
import { renderMarkdown } from '../../report/markdown';
import { formatGithub } from '../formats/github';
import { formatJson } from '../formats/json';
import { formatJunit } from '../formats/junit';
import type { Report, SkippedFile } from '../formats/report';
import { formatSarif } from '../formats/sarif';
import { formatStylish } from '../formats/stylish';
import * as path from 'path';

export const FORMATS = ['stylish', 'json', 'sarif', 'datamap', 'github', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

/** The project root below the repository root, as a forward-slash prefix ('' or 'packages/app/'). */
function repoPrefix(where: ProjectRoot): string | undefined {
  if (!where.gitRoot) return undefined;
  const rel = path.relative(where.gitRoot, where.root).split(path.sep).join('/');
  return rel ? rel + '/' : '';
}

export function render(format: Format, report: Report, ctx: { catalog: Catalog; where: ProjectRoot; skipped: SkippedFile[]; dataMap: () => DataMap; color?: boolean }): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, ctx.catalog.rules, {
        ruleMarkdown: (id) => {
          try {
            return fs.readFileSync(ruleDocFile(ctx.catalog.rulesDir, id), 'utf8');
          } catch {
            return undefined;
          }
        },
        repoPrefix: repoPrefix(ctx.where),
        git: ctx.where.gitRoot ? readGitInfo(ctx.where.gitRoot) : undefined,
        skipped: ctx.skipped,
      });
    case 'datamap':
      return renderMarkdown(ctx.dataMap());
    case 'github':
      return formatGithub(report, repoPrefix(ctx.where) ?? '');
    case 'junit':
      return formatJunit(report, ctx.skipped);
    default:
      return formatStylish(report, ctx.color);
  }
}
