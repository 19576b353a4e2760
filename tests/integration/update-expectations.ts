/**
 * Regenerates tests/integration/expected-reports.json from the built plugin (ESLint 10, the
 * fixture's own eslint.config.mjs) and expected-reports.typed.json (eslint.config.typed.mjs: the
 * same with type information for the TypeScript files), then prints, for the human who reviews the
 * diff, how the reports compare with the fixture's `// ❌ rule` intent annotations and what the
 * typed run reports differently.
 *
 *   npm run test:update-expectations
 */
import { ESLint } from 'eslint';
import {
  CLEAN_FILES,
  FIXTURE_DIR,
  TYPED_CONFIG,
  TYPED_EXPECTATIONS_FILE,
  assertFreshBuild,
  builtRuleNames,
  normalizeResults,
  readIntents,
  writeExpectations,
  type Report,
  type ReportsByFile,
} from './helpers.js';

assertFreshBuild();
const rules = await builtRuleNames();
const files = normalizeResults(await new ESLint({ cwd: FIXTURE_DIR }).lintFiles(['src']), FIXTURE_DIR);
writeExpectations(rules, files);
const typedFiles = normalizeResults(
  await new ESLint({ cwd: FIXTURE_DIR, overrideConfigFile: TYPED_CONFIG }).lintFiles(['src']),
  FIXTURE_DIR,
);
writeExpectations(rules, typedFiles, { file: TYPED_EXPECTATIONS_FILE, config: 'eslint.config.typed.mjs' });

const count = (reports: ReportsByFile) => Object.values(reports).reduce((n, list) => n + list.length, 0);
console.log(`Wrote tests/integration/expected-reports.json: ${count(files)} report(s), rules: ${rules.join(', ') || '(none)'}.`);
console.log(`Wrote tests/integration/expected-reports.typed.json: ${count(typedFiles)} report(s).`);

const present = new Set(rules);
const allIntents = readIntents().filter((i) => present.has(i.rule));

function review(label: string, reports: ReportsByFile, typed: boolean): void {
  console.log(`\n${label}:`);
  const fatal = Object.entries(reports).flatMap(([file, list]) =>
    list.filter((r) => r.ruleId === null).map((r) => `${file}:${r.line}: ${r.message}`),
  );
  for (const line of fatal) console.log(`  ✖ not a rule report (parse error or crash): ${line}`);
  for (const file of CLEAN_FILES) {
    for (const r of reports[file] ?? []) console.log(`  ✖ report in a clean file: ${file}:${r.line} ${r.ruleId}: ${r.message}`);
  }
  // Intents of rules that exist, compared with what was reported on the same line.
  const intents = allIntents.filter((i) => typed || !i.typed);
  const missed = intents.filter(
    (i) => !(reports[i.file] ?? []).some((r) => r.line === i.line && r.ruleId === `callback-discipline/${i.rule}`),
  );
  const unannotated = Object.entries(reports).flatMap(([file, list]) =>
    list
      .filter(
        (r) =>
          r.ruleId?.startsWith('callback-discipline/') &&
          !intents.some((i) => i.file === file && i.line === r.line && `callback-discipline/${i.rule}` === r.ruleId),
      )
      .map((r) => `${file}:${r.line}:${r.column} ${r.ruleId}: ${r.message}`),
  );
  console.log(`  Intent annotations for present rules: ${intents.length}, reported: ${intents.length - missed.length}.`);
  for (const i of missed) console.log(`  · annotated but not reported: ${i.file}:${i.line} ${i.rule}${i.typed ? ' (typed)' : ''}`);
  for (const line of unannotated) console.log(`  · reported but not annotated: ${line}`);
}

review('Without type information (eslint.config.mjs)', files, false);
review('With type information (eslint.config.typed.mjs)', typedFiles, true);

// What types change, report by report.
const key = (file: string, r: Report) => `${file}:${r.line}:${r.column} ${r.ruleId}: ${r.message}`;
const keys = (reports: ReportsByFile) => new Set(Object.entries(reports).flatMap(([file, list]) => list.map((r) => key(file, r))));
const untypedKeys = keys(files);
const typedKeys = keys(typedFiles);
console.log('\nWhat type information changes:');
for (const k of typedKeys) if (!untypedKeys.has(k)) console.log(`  + ${k}`);
for (const k of untypedKeys) if (!typedKeys.has(k)) console.log(`  − ${k}`);
