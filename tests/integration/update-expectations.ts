/**
 * Regenerates tests/integration/expected-reports.json from the built plugin (ESLint 10, the
 * fixture's own eslint.config.mjs), then prints, for the human who reviews the diff, how the
 * reports compare with the fixture's `// ❌ rule` intent annotations.
 *
 *   npm run test:update-expectations
 */
import { ESLint } from 'eslint';
import {
  CLEAN_FILES,
  FIXTURE_DIR,
  assertFreshBuild,
  builtRuleNames,
  normalizeResults,
  readIntents,
  writeExpectations,
} from './helpers.js';

assertFreshBuild();
const rules = await builtRuleNames();
const eslint = new ESLint({ cwd: FIXTURE_DIR });
const files = normalizeResults(await eslint.lintFiles(['src']), FIXTURE_DIR);
writeExpectations(rules, files);

const total = Object.values(files).reduce((n, list) => n + list.length, 0);
console.log(`Wrote tests/integration/expected-reports.json: ${total} report(s), rules: ${rules.join(', ') || '(none)'}.`);

const fatal = Object.entries(files).flatMap(([file, list]) =>
  list.filter((r) => r.ruleId === null).map((r) => `${file}:${r.line}: ${r.message}`),
);
for (const line of fatal) console.log(`  ✖ not a rule report (parse error or crash): ${line}`);
for (const file of CLEAN_FILES) {
  for (const r of files[file] ?? []) console.log(`  ✖ report in a clean file: ${file}:${r.line} ${r.ruleId}: ${r.message}`);
}

// Intents of rules that exist, compared with what was reported on the same line.
const present = new Set(rules);
const intents = readIntents().filter((i) => present.has(i.rule));
const missed = intents.filter(
  (i) => !(files[i.file] ?? []).some((r) => r.line === i.line && r.ruleId === `callback-discipline/${i.rule}`),
);
const unannotated = Object.entries(files).flatMap(([file, list]) =>
  list
    .filter(
      (r) =>
        r.ruleId?.startsWith('callback-discipline/') &&
        !intents.some((i) => i.file === file && i.line === r.line && `callback-discipline/${i.rule}` === r.ruleId),
    )
    .map((r) => `${file}:${r.line}:${r.column} ${r.ruleId}: ${r.message}`),
);
console.log(`Intent annotations for present rules: ${intents.length}, reported: ${intents.length - missed.length}.`);
for (const i of missed) console.log(`  · annotated but not reported: ${i.file}:${i.line} ${i.rule}`);
for (const line of unannotated) console.log(`  · reported but not annotated: ${line}`);
