// Quick fix "approve the vendor": add (or extend) an approvedVendors entry in the nearest mt-pii.json, or
// create one at the workspace root, with Microsoft's jsonc-parser so the file keeps its comments and layout.
import * as path from 'path';
import { FormattingOptions, modify, parseTree, findNodeAtLocation, getNodeValue, ParseError } from 'jsonc-parser';
import type { Finding } from '../analysis/finding';
import { CONFIG_FILE } from '../config/config';
import type { Fix, FileEdit, FixContext } from './types';

/** What the new entry says until the team names the contract (shown in hovers as the approval). */
export const CONTRACT_PLACEHOLDER = 'TODO: name the processor contract (DPA, date, what it covers)';

interface VendorEntry {
  vendor?: unknown;
  contract?: unknown;
  categories?: unknown;
}

/**
 * @example
 * // a finding for Segment; mt-pii.json: { "root": true }
 * approveVendorFixes(finding, ctx)[0].edits[0].newText
 * // → ',\n  "approvedVendors": [\n    {\n      "vendor": "segment",\n      "contract": "TODO: …",\n      "categories": ["email"] } ] …'
 */
export function approveVendorFixes(finding: Finding, ctx: FixContext): Fix[] {
  const sink = finding.sink;
  // Only processors can be approved under a contract; an ad network using the data for its own purposes cannot.
  if (!sink || sink.kind !== 'third-party' || sink.role === 'own-purposes' || finding.approval || !finding.categories.length) return [];
  const target = ctx.config.files.length ? ctx.config.files[ctx.config.files.length - 1] : path.join(ctx.workspaceRoot ?? path.dirname(ctx.file), CONFIG_FILE);
  const existing = ctx.readFile(target);
  const where = path.relative(ctx.workspaceRoot ?? path.dirname(target), target).split(path.sep).join('/') || CONFIG_FILE;
  const title = `Approve ${sink.vendor} as a processor in ${where} (name its contract)`;
  if (existing === undefined) {
    const text = JSON.stringify({ approvedVendors: [{ vendor: sink.id, contract: CONTRACT_PLACEHOLDER, categories: finding.categories }] }, null, 2) + '\n';
    return [{ id: 'approve-vendor', title, creates: [target], edits: [configEdit(target, 0, 0, text)] }];
  }
  const errors: ParseError[] = [];
  const tree = parseTree(existing, errors, { allowTrailingComma: true, disallowComments: false });
  if (!tree || errors.length || tree.type !== 'object') return [];
  const options = { formattingOptions: formattingOf(existing) };
  const listNode = findNodeAtLocation(tree, ['approvedVendors']);
  const list = listNode ? (getNodeValue(listNode) as unknown) : undefined;
  if (listNode && !Array.isArray(list)) return [];
  const entries = (list ?? []) as VendorEntry[];
  const index = entries.findIndex((e) => typeof e?.vendor === 'string' && (e.vendor.toLowerCase() === sink.id || e.vendor.toLowerCase() === sink.vendor.toLowerCase()));
  let edits;
  let fixTitle = title;
  if (index >= 0) {
    // The vendor is approved for other categories: the contract must cover these too.
    const cats = entries[index].categories;
    if (!Array.isArray(cats)) return [];
    const merged = [...new Set([...cats.filter((c): c is string => typeof c === 'string'), ...finding.categories])];
    edits = modify(existing, ['approvedVendors', index, 'categories'], merged, options);
    fixTitle = `Extend ${sink.vendor}'s approval in ${where} to ${finding.categories.join(', ')} (check its contract covers them)`;
  } else {
    const entry = { vendor: sink.id, contract: CONTRACT_PLACEHOLDER, categories: finding.categories };
    edits = listNode ? modify(existing, ['approvedVendors', entries.length], entry, { ...options, isArrayInsertion: true }) : modify(existing, ['approvedVendors'], [entry], options);
  }
  if (!edits.length) return [];
  return [{ id: 'approve-vendor', title: fixTitle, edits: edits.map((e) => configEdit(target, e.offset, e.offset + e.length, e.content)) }];
}

function configEdit(file: string, start: number, end: number, newText: string): FileEdit {
  return { file, start, end, newText, role: 'config' };
}

/** Indentation and line ends as the file already writes them. */
function formattingOf(text: string): FormattingOptions {
  const indented = /\n([ \t]+)\S/.exec(text);
  const ind = indented?.[1] ?? '  ';
  return { insertSpaces: !ind.startsWith('\t'), tabSize: ind.startsWith('\t') ? 4 : ind.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
