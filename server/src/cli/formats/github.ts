// `--format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), one annotation per
// finding, paths relative to the repository root so the annotations land on the pull request's lines.
import type { Report } from './report';

/** Escapes data for a workflow command: %, CR and LF always; also : and , in properties. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * @param repoPrefix the project root's path below the repository root ('' or 'packages/app/'), so file
 *   paths are relative to the repository as GitHub expects.
 */
export function formatGithub(report: Report, repoPrefix = ''): string {
  const lines = report.findings.map((f) => {
    const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const props = [`file=${escapeProperty(repoPrefix + f.file)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(f.ruleId)}`];
    const law = f.citations.length ? ` (${f.citations.join(', ')}; not legal advice)` : '';
    return `::${level} ${props.join(',')}::${escapeData(f.message + law)}`;
  });
  const s = report.summary;
  lines.push(`mt-pii: ${s.findings} finding(s): ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info; ${s.files} file(s) scanned${s.skipped ? `, ${s.skipped} skipped` : ''}`);
  return lines.join('\n') + '\n';
}
