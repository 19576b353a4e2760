/**
 * bench:corpus — lints the tuning corpus with our recommended config and prints, per rule,
 * reports, reports per KLOC, crashes and rule time as a share of parse time. Writes every report
 * to `<cache>/corpus-reports.json` and refreshes the triage pages in `bench/triage/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRelative, prepareCorpus } from './lib/corpus.js';
import { REPO_ROOT, parseBenchArgs } from './lib/env.js';
import { BenchLinter } from './lib/lint.js';
import { ruleIds, selectRules, versionLine } from './lib/plugins.js';
import {
  Tally,
  describeCrashes,
  describeParseFailures,
  fixed,
  formatTable,
  ruleTable,
  seconds,
} from './lib/tally.js';
import { writeTriage, type CorpusReport } from './lib/triage.js';

const HELP = `Usage: npm run bench:corpus -- [options]

Lints the tuning corpus with configs.recommended (or --rules) and prints per-rule reports,
reports/KLOC, crashes and rule time / parse time. Writes <cache>/corpus-reports.json and the
triage pages.

  --triage-dir <dir>  where the triage pages go (default bench/triage)
  --skip-triage       do not write triage pages
  --cold              skip the warm-up pass (times then include JIT warm-up)`;

const { common, values } = parseBenchArgs(
  { 'triage-dir': { type: 'string' }, 'skip-triage': { type: 'boolean' }, cold: { type: 'boolean' } },
  HELP,
);

const start = performance.now();
const selection = await selectRules(common.rules, 'recommended');
const ids = ruleIds(selection);
console.log(`bench:corpus — ${versionLine(selection)}`);
console.log(`rules: ${selection.label} (${ids.length})`);
console.log(`corpus: ${common.corpusPath}\ncache: ${common.cacheDir}\n`);

const { packages, failures, warnings } = await prepareCorpus(common.corpusPath, common.cacheDir);
for (const f of failures) console.log(`FETCH FAILED ${f.spec}: ${f.error}`);
for (const w of warnings) console.log(`warning: ${w}`);

const linter = new BenchLinter(selection, { stats: true });
// A first pass compiles ESLint's and the rules' hot code: cold, a rule's time share can be
// several times its steady-state share.
if (!values.cold) for (const { files } of packages) for (const file of files) await linter.lintFile(file);
const total = new Tally(ids);
const reports: CorpusReport[] = [];
const packageRows: string[][] = [];
for (const { pkg, files } of packages) {
  const tally = new Tally(ids);
  for (const file of files) {
    const result = await linter.lintFile(file);
    tally.add(result);
    total.add(result);
    const rel = packageRelative(pkg, file);
    for (const m of result.messages) {
      reports.push({
        rule: m.ruleId!,
        package: pkg.spec,
        file: rel,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        messageId: m.messageId,
        message: m.message,
      });
    }
  }
  const packageReports = [...tally.rules.values()].reduce((n, t) => n + t.reports, 0);
  packageRows.push([
    pkg.spec,
    String(tally.files),
    fixed(tally.kloc, 1),
    fixed(tally.parseMs, 0),
    String(packageReports),
    fixed(packageReports / tally.kloc),
    String(tally.parseFailures.length),
    String(tally.crashes.length),
  ]);
}
packageRows.push([
  'total',
  String(total.files),
  fixed(total.kloc, 1),
  fixed(total.parseMs, 0),
  String(reports.length),
  fixed(reports.length / total.kloc),
  String(total.parseFailures.length),
  String(total.crashes.length),
]);

console.log(
  formatTable(
    [
      { header: 'package' },
      { header: 'files', align: 'right' },
      { header: 'KLOC', align: 'right' },
      { header: 'parse ms', align: 'right' },
      { header: 'reports', align: 'right' },
      { header: 'per KLOC', align: 'right' },
      { header: 'parse failures', align: 'right' },
      { header: 'crashes', align: 'right' },
    ],
    packageRows,
  ),
);
console.log(`\n${ruleTable(total, ids)}`);
console.log(
  `\nKLOC = non-blank lines / 1000; time / parse = rule time ÷ parse time (ESLint stats, same run, ` +
    `${values.cold ? 'cold' : 'after a warm-up pass'}; bench:perf gives medians of several runs).`,
);

if (total.parseFailures.length > 0) {
  console.log(`\nParse failures (ESLint's parser, not a rule): ${total.parseFailures.length}`);
  console.log(describeParseFailures(total.parseFailures));
}
if (total.crashes.length > 0) {
  console.log(`\nRULE CRASHES: ${total.crashes.length}`);
  console.log(describeCrashes(total.crashes));
}

mkdirSync(common.cacheDir, { recursive: true });
const jsonPath = join(common.cacheDir, 'corpus-reports.json');
writeFileSync(
  jsonPath,
  `${JSON.stringify(
    {
      versions: versionLine(selection),
      rules: ids,
      corpus: common.corpusPath,
      packages: packages.map((p) => p.pkg.spec),
      failedPackages: failures,
      files: total.files,
      kloc: total.kloc,
      parseFailures: total.parseFailures.map((f) => ({ ...f, file: relative(common.cacheDir, f.file) })),
      crashes: total.crashes,
      reports,
    },
    null,
    1,
  )}\n`,
);
console.log(`\nreports: ${relative(process.cwd(), jsonPath)}`);

if (!values['skip-triage']) {
  const dir = values['triage-dir'] ?? join(REPO_ROOT, 'bench', 'triage');
  const written = writeTriage(dir, ids, reports);
  console.log(`triage pages: ${written.length === 0 ? 'none (no reports)' : written.map((p) => relative(process.cwd(), p)).join(', ')}`);
}
console.log(`\nwall clock: ${seconds(start)}`);
process.exitCode = total.crashes.length > 0 || failures.length > 0 ? 1 : 0;
