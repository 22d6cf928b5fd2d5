#!/usr/bin/env node
'use strict';
// Rewrites the "## Citations" section of every rules/montana/<rule>.md from the rule data and
// rules/montana/citations.json (run after `tsc -b`). test/meta/data.test.ts fails when a doc is out of date.
const fs = require('fs');
const path = require('path');
const { loadCatalog } = require('../out/server/src/catalog/load');
const { ruleDocFile, withCitationsSection } = require('../out/server/src/cli/ruleDocs');

const { catalog, problems } = loadCatalog(path.join(__dirname, '..', 'rules'));
if (problems.length) {
  for (const p of problems) console.error(`${p.file}: ${p.path}: ${p.message}`);
  process.exit(1);
}
let changed = 0;
for (const rule of catalog.rules) {
  const file = ruleDocFile(catalog.rulesDir, rule.id);
  if (!fs.existsSync(file)) {
    console.error(`missing ${path.relative(process.cwd(), file)}`);
    continue;
  }
  const text = fs.readFileSync(file, 'utf8');
  const next = withCitationsSection(text, rule, catalog.citations, catalog.acts);
  if (next !== text) {
    fs.writeFileSync(file, next);
    changed++;
    console.log(`updated ${path.relative(process.cwd(), file)}`);
  }
}
console.log(`${changed} doc(s) updated`);
