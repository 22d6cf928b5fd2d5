/**
 * From a scan's results to the data map: the package.json files above the scanned code, the catalogued
 * SDKs they declare, the disclosure in force at the scan root, then buildDataMap. Used by `mt-pii report`,
 * `scan --format datamap` and the editor's data map view alike.
 */
import * as path from 'path';
import { classifierFor } from '../analysis/classify';
import type { Catalog } from '../catalog/load';
import type { ConfigLoader } from '../config/discover';
import { Report, ReportFinding, displayPath } from '../cli/formats/report';
import { DataMap, SafeInput, buildDataMap } from './model';
import { declaredSdks, packageJsonsOf } from './sdks';

export interface ScanParts {
  report: Report;
  /** Findings hidden by suppression directives (flows all the same). */
  suppressed: readonly ReportFinding[];
  safe: readonly SafeInput[];
  /** The files analysed, each with the folder it was scanned from. */
  scanned: readonly { file: string; root: string }[];
  catalog: Catalog;
  configs: ConfigLoader;
  /** The project root: paths in the report are relative to it. */
  root: string;
}

export function dataMapOf(parts: ScanParts): DataMap {
  const { catalog, root } = parts;
  const first = parts.scanned[0]?.root ?? root;
  const from = path.extname(first) ? path.dirname(first) : first;
  // The disclosure and the team's sinks in force where the scan starts.
  const { config } = parts.configs.forFile(path.join(from, 'index.ts'));
  // The team's own sinks (mt-pii.json) name packages too.
  const declared = declaredSdks(packageJsonsOf(parts.scanned), { sinks: [...catalog.sinks, ...config.sinks] });
  const d = config.disclosure;
  return buildDataMap({
    tool: parts.report.tool,
    files: parts.report.summary.files,
    findings: parts.report.findings,
    suppressed: parts.suppressed,
    safe: parts.safe,
    declared,
    display: (f) => displayPath(f, root),
    catalog,
    labels: classifierFor(catalog).labels,
    ...(d ? { disclosure: { file: displayPath(d.file, root), ...(d.vendors ? { vendors: d.vendors } : {}), ...(d.categories ? { categories: d.categories } : {}) } } : {}),
  });
}
