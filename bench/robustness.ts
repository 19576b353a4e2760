/**
 * bench:robustness — lints, with every rule on (configs.all, strict options), every JS/TS file
 * under the project's node_modules and the tuning corpus, in worker threads. Reports files,
 * KLOC, rule crashes (must be 0) and ESLint's parse failures, then applies every fix and
 * suggestion alone and checks the result parses and the report is gone. Exits 1 on a crash, an
 * unstable edit or a harness error, so it can gate a release.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { prepareCorpus } from './lib/corpus.js';
import { REPO_ROOT, intOption, parseBenchArgs } from './lib/env.js';
import { isDeclarationFile, walkFiles } from './lib/files.js';
import { ruleIds, selectRules, versionLine } from './lib/plugins.js';
import type { FileSummary, FromWorker, ToWorker, WorkerInit } from './lib/robustness-worker.js';
import type { EditFailure } from './lib/stability.js';
import { describeCrashes, describeParseFailures, fixed, formatTable, seconds } from './lib/tally.js';

const HELP = `Usage: npm run bench:robustness -- [options]

Lints node_modules and the whole corpus packages with configs.all (or --rules), checks every fix
and suggestion, and exits 1 on any rule crash or unstable edit.

  --workers <n>         worker threads (default: available cores, at most 4)
  --max-bytes <n>       skip larger files (default 1000000); minified bundles are skipped too
  --skip-dts            leave out .d.ts files
  --skip-node-modules   only the corpus
  --skip-corpus         only node_modules
  --skip-fixes          do not check fixes and suggestions
  --sample <n>          lint every n-th file only (quick runs)
  --snapshot <file>     write every report (place, rule, message, fix and suggestion edits) to
                        <file>, sorted: diff two builds' snapshots to check a refactor changes
                        no report`;

const { common, values } = parseBenchArgs(
  {
    workers: { type: 'string' },
    'max-bytes': { type: 'string' },
    'skip-dts': { type: 'boolean' },
    'skip-node-modules': { type: 'boolean' },
    'skip-corpus': { type: 'boolean' },
    'skip-fixes': { type: 'boolean' },
    sample: { type: 'string' },
    snapshot: { type: 'string' },
  },
  HELP,
);

const start = performance.now();
const selection = await selectRules(common.rules, 'all');
const ids = ruleIds(selection);
console.log(`bench:robustness — ${versionLine(selection)}`);
console.log(`rules: ${selection.label} (${ids.length})`);

// The file list: node_modules (nested ones included), then every file of every corpus package.
const sources: { name: string; files: string[] }[] = [];
if (!values['skip-node-modules']) sources.push({ name: 'node_modules', files: walkFiles(join(REPO_ROOT, 'node_modules'), false) });
if (!values['skip-corpus']) {
  const { packages, failures } = await prepareCorpus(common.corpusPath, common.cacheDir);
  for (const f of failures) console.log(`FETCH FAILED ${f.spec}: ${f.error}`);
  sources.push({ name: 'corpus', files: packages.flatMap(({ pkg }) => walkFiles(pkg.root)) });
}
const seen = new Set<string>();
let files: string[] = [];
let declarations = 0;
for (const source of sources) {
  for (const file of source.files) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (isDeclarationFile(file)) {
      declarations++;
      if (values['skip-dts']) continue;
    }
    files.push(file);
  }
}
const sample = intOption(values.sample, 'sample', 1);
if (sample > 1) files = files.filter((_, i) => i % sample === 0);
console.log(
  `files: ${files.length} to lint (${sources.map((s) => `${s.name} ${s.files.length}`).join(', ')}; ` +
    `.d.ts ${declarations}${values['skip-dts'] ? ' left out' : ' included'}${sample > 1 ? `; every ${sample}th file` : ''})`,
);

const workerCount = Math.max(1, intOption(values.workers, 'workers', Math.min(4, availableParallelism())));
const init: WorkerInit = {
  rules: common.rules,
  maxBytes: intOption(values['max-bytes'], 'max-bytes', 1_000_000),
  checkFixes: !values['skip-fixes'],
  snapshot: values.snapshot !== undefined,
};

/**
 * Workers are TypeScript run by tsx: a worker thread does not inherit tsx's loader in Node 20, so
 * the worker registers it before importing its module.
 */
function startWorker(): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./lib/robustness-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}

const results: FileSummary[] = [];
const BATCH = 16;
let nextIndex = 0;
let nextProgress = 0.1;
let lastPrint = performance.now();
const progress = (): void => {
  const done = results.length / files.length;
  if (done >= nextProgress || performance.now() - lastPrint > 30_000) {
    console.log(`  … ${results.length}/${files.length} files (${Math.floor(done * 100)}%), ${seconds(start)}`);
    while (nextProgress <= done) nextProgress += 0.1;
    lastPrint = performance.now();
  }
};

await Promise.all(
  Array.from({ length: Math.min(workerCount, files.length) }, () => {
    const worker = startWorker();
    return new Promise<void>((resolve, reject) => {
      const feed = (): void => {
        const batch = files.slice(nextIndex, nextIndex + BATCH);
        nextIndex += batch.length;
        worker.postMessage((batch.length > 0 ? { type: 'files', files: batch } : { type: 'done' }) satisfies ToWorker);
      };
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'fatal') {
          reject(new Error(`worker failed to start:\n${message.error}`));
          void worker.terminate();
          return;
        }
        if (message.type === 'results') {
          results.push(...message.results);
          progress();
        }
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve());
    });
  }),
);

// Totals.
const linted = results.filter((r) => !r.skipped && !r.harnessError);
const skippedLarge = results.filter((r) => r.skipped === 'large').length;
const skippedMinified = results.filter((r) => r.skipped === 'minified').length;
const lines = linted.reduce((n, r) => n + r.lines, 0);
const parseFailures = linted.flatMap((r) => (r.parseFailure ? [r.parseFailure] : []));
const crashes = results.flatMap((r) => r.crashes);
const editFailures = results.flatMap((r) => r.editFailures);
const harnessErrors = results.filter((r) => r.harnessError);
const fixes = results.reduce((n, r) => n + r.fixes, 0);
const suggestions = results.reduce((n, r) => n + r.suggestions, 0);
const reports = new Map(ids.map((id) => [id, 0]));
for (const r of results) for (const [id, n] of Object.entries(r.reports)) reports.set(id, (reports.get(id) ?? 0) + n);

console.log(`\nfiles linted: ${linted.length}; skipped: ${skippedLarge} over ${init.maxBytes} bytes, ${skippedMinified} minified`);
console.log(`KLOC: ${fixed(lines / 1000, 1)} (non-blank lines / 1000)`);
const byMode = new Map<string, number>();
for (const f of parseFailures) byMode.set(f.mode, (byMode.get(f.mode) ?? 0) + 1);
console.log(
  `parse failures (ESLint's parser, not ours): ${parseFailures.length}` +
    (parseFailures.length > 0 ? ` (${[...byMode].map(([m, n]) => `first tried as ${m}: ${n}`).join(', ')})` : ''),
);
if (parseFailures.length > 0) console.log(describeParseFailures(parseFailures, 10));
console.log(`rule crashes: ${crashes.length}`);
if (crashes.length > 0) console.log(describeCrashes(crashes));

if (ids.length > 0) {
  console.log(
    `\n${formatTable(
      [{ header: 'rule' }, { header: 'reports', align: 'right' }, { header: 'per KLOC', align: 'right' }],
      ids.map((id) => [id, String(reports.get(id) ?? 0), fixed((reports.get(id) ?? 0) / (lines / 1000), 3)]),
    )}`,
  );
}

const countFailures = (kind: EditFailure['kind']): number => editFailures.filter((f) => f.kind === kind).length;
if (init.checkFixes) {
  console.log(
    `\nfixes applied one at a time: ${fixes}, unstable ${countFailures('fix')}; ` +
      `suggestions: ${suggestions}, unstable ${countFailures('suggestion')}`,
  );
  for (const f of editFailures.slice(0, 30)) {
    console.log(`  ${f.ruleId} ${f.kind} "${f.description}" at ${f.file}:${f.line}:${f.column}: ${f.problem} (${f.detail})`);
  }
  if (editFailures.length > 30) console.log(`  … and ${editFailures.length - 30} more (see the JSON report)`);
}
if (harnessErrors.length > 0) {
  console.log(`\nHARNESS ERRORS (not a rule's exception): ${harnessErrors.length}`);
  for (const r of harnessErrors.slice(0, 5)) console.log(`  ${r.file}\n${r.harnessError!.split('\n').slice(0, 4).join('\n')}`);
}

// Everything in JSON, and a copy of each crashing file so a regression test is one step away.
mkdirSync(common.cacheDir, { recursive: true });
const crashDir = join(common.cacheDir, 'robustness-crashes');
rmSync(crashDir, { recursive: true, force: true });
crashes.forEach((c, i) => {
  mkdirSync(crashDir, { recursive: true });
  copyFileSync(c.file, join(crashDir, `${i + 1}-${basename(c.file)}`));
});
const jsonPath = join(common.cacheDir, 'robustness-report.json');
writeFileSync(
  jsonPath,
  `${JSON.stringify(
    {
      versions: versionLine(selection),
      rules: ids,
      files: linted.length,
      skipped: { large: skippedLarge, minified: skippedMinified },
      kloc: lines / 1000,
      reports: Object.fromEntries(reports),
      parseFailures,
      crashes,
      fixes,
      suggestions,
      editFailures,
      harnessErrors: harnessErrors.map((r) => ({ file: r.file, error: r.harnessError })),
    },
    null,
    1,
  )}\n`,
);
console.log(`\nreport: ${relative(process.cwd(), jsonPath)}${crashes.length > 0 ? `; crashing files copied to ${relative(process.cwd(), crashDir)}` : ''}`);
console.log(`wall clock: ${seconds(start)} (${workerCount} workers)`);

if (values.snapshot !== undefined) {
  const entries = results
    .filter((r) => r.snapshotLines && r.snapshotLines.length > 0)
    .map((r) => ({ name: relative(REPO_ROOT, r.file), lines: r.snapshotLines! }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  writeFileSync(values.snapshot, entries.map((e) => `${e.name}\n${e.lines.map((l) => `  ${l}`).join('\n')}\n`).join(''));
  console.log(`snapshot: ${values.snapshot} (${entries.reduce((n, e) => n + e.lines.length, 0)} reports in ${entries.length} files)`);
}

const ok = crashes.length === 0 && editFailures.length === 0 && harnessErrors.length === 0;
console.log(ok ? 'OK: no rule crashes, every fix and suggestion stable' : 'FAILED: see above');
process.exitCode = ok ? 0 : 1;
