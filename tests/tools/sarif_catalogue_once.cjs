// Keeps the validators from reading the same rule catalogue hundreds of times: every SARIF file
// miglint writes carries every rule's descriptor (tool.driver.rules, with its page), the same in
// each. For each file given, this checks in the file as written that every result's ruleIndex
// points at its ruleId, then rewrites it in place keeping only the rules its results name
// (ruleIndex renumbered) when its tool.driver equals the first file's. The first file keeps the
// whole catalogue, so the validators still judge every descriptor once.
// Usage: node sarif_catalogue_once.cjs FILE... ; prints one problem per line, exit 0.
'use strict';
const fs = require('fs');

let reference = null;
for (const file of process.argv.slice(2)) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    continue; // the caller reports what does not parse
  }
  if (!Array.isArray(doc.runs)) continue;
  let changed = false;
  doc.runs.forEach((run, r) => {
    const driver = run && run.tool && run.tool.driver;
    if (!driver || !Array.isArray(driver.rules) || !Array.isArray(run.results)) return;
    run.results.forEach((result, i) => {
      const rule = driver.rules[result.ruleIndex];
      if (!rule || rule.id !== result.ruleId) {
        console.log(`${file}: runs[${r}].results[${i}]: ruleIndex ${result.ruleIndex} does not point at rule ${JSON.stringify(result.ruleId)} (full catalogue)`);
      }
    });
    const shape = JSON.stringify(driver);
    if (reference === null) {
      reference = shape;
      return;
    }
    if (shape !== reference) return;
    const kept = [...new Set(run.results.map((result) => result.ruleIndex))]
      .filter((index) => driver.rules[index] !== undefined)
      .sort((a, b) => a - b);
    const renumbered = new Map(kept.map((index, position) => [index, position]));
    driver.rules = kept.map((index) => driver.rules[index]);
    for (const result of run.results) {
      if (renumbered.has(result.ruleIndex)) result.ruleIndex = renumbered.get(result.ruleIndex);
    }
    changed = true;
  });
  if (changed) fs.writeFileSync(file, JSON.stringify(doc, null, 2));
}
