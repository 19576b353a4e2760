/**
 * bench:compare — the cost of this checkout's build against another build of the plugin, rule by
 * rule, on the tuning corpus. Both builds are loaded in one process and every file is linted by
 * one and then the other (the order alternating from file to file and run to run), so that the
 * state of the machine and of the process is the same for both; each file's fastest time over the
 * runs is kept, per rule and for parsing, and summed. This is how to tell whether a change made
 * the rules cheaper: two separate `bench:perf` runs differ by more than most changes do.
 *
 * Build the other checkout first (`npm run build` there, or `git worktree add` + build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareCorpus } from './lib/corpus.js';
import { intOption, parseBenchArgs } from './lib/env.js';
import { BenchLinter } from './lib/lint.js';
import { OWN_NAMESPACE, loadOwnPlugin, type OwnPlugin, type RuleSelection } from './lib/plugins.js';
import { FastestTimes, fixed, formatTable, pct, seconds } from './lib/tally.js';

const HELP = `Usage: npm run bench:compare -- --base <checkout> [options]

Lints the tuning corpus with configs.all of this checkout's build and of the build in <checkout>
(its dist/), file by file in alternation, and prints each rule's time (sum of per-file minima) for
both, as milliseconds and as a share of parse time.

  --base <dir>      the other checkout (a directory with dist/index.js), required
  --repeat <n>      measured runs after a warm-up run (default 5)`;

const { common, values } = parseBenchArgs({ base: { type: 'string' }, repeat: { type: 'string' } }, HELP);
if (!values.base) {
  console.error('bench:compare: --base <checkout> is required (see --help).');
  process.exit(2);
}
const baseEntry = join(resolve(values.base), 'dist', 'index.js');
if (!existsSync(baseEntry)) {
  console.error(`bench:compare: ${baseEntry} is missing: build that checkout first.`);
  process.exit(2);
}
const repeat = Math.max(1, intOption(values.repeat, 'repeat', 5));
const start = performance.now();

function selection(plugin: OwnPlugin, label: string): RuleSelection {
  const rules = Object.fromEntries(Object.entries(plugin.configs.all.rules ?? {}).filter(([, entry]) => entry !== undefined));
  return { rules: rules as RuleSelection['rules'], plugins: { [OWN_NAMESPACE]: plugin }, label };
}
const basePlugin = ((await import(pathToFileURL(baseEntry).href)) as { default: OwnPlugin }).default;
const builds = [
  { name: 'base', linter: new BenchLinter(selection(basePlugin, 'base'), { stats: true }) },
  { name: 'this', linter: new BenchLinter(selection(await loadOwnPlugin(), 'this'), { stats: true }) },
];

const { packages, failures } = await prepareCorpus(common.corpusPath, common.cacheDir);
for (const f of failures) console.log(`FETCH FAILED ${f.spec}: ${f.error}`);
const files = packages.flatMap((p) => p.files);
const texts = files.map((file) => readFileSync(file, 'utf8'));
console.log(`bench:compare — base ${values.base}; ${files.length} files; a warm-up run, then ${repeat} measured runs`);

const fastest = builds.map(() => new FastestTimes());
// The same estimate from the odd and from the even runs apart: a change that flips between them
// is noise (one that both show is not necessarily real: see the note printed below the table).
const halves = [builds.map(() => new FastestTimes()), builds.map(() => new FastestTimes())];
for (let run = 0; run <= repeat; run++) {
  for (let i = 0; i < files.length; i++) {
    const order = (run + i) % 2 === 0 ? [0, 1] : [1, 0];
    for (const b of order) {
      const result = await builds[b]!.linter.lintFile(files[i]!, texts[i]!);
      if (run > 0 && result.times) {
        fastest[b]!.add(files[i]!, result.times);
        halves[run % 2]![b]!.add(files[i]!, result.times);
      }
    }
  }
}

const [base, current] = fastest.map((f) => f.totals()) as [ReturnType<FastestTimes['totals']>, ReturnType<FastestTimes['totals']>];
// One parse time for both shares: parsing is the same work in both builds.
const parse = Math.min(base.parse, current.parse);
const ids = [...new Set([...base.rules.keys(), ...current.rules.keys()])].sort();
const change = (a: number, b: number): string => `${b >= a ? '+' : ''}${pct((b - a) / a, 1)}`;
const total = (s: typeof base): number => [...s.rules.values()].reduce((n, ms) => n + ms, 0);
const halfTotals = repeat >= 2 ? halves.map((pair) => pair.map((f) => f.totals())) : [];
/** The change in each half of the runs, for one rule (`id`) or all rules. */
const byHalves = (id: string | undefined): string =>
  halfTotals
    .map(([a, b]) => (id === undefined ? change(total(a!), total(b!)) : change(a!.rules.get(id) ?? 0, b!.rules.get(id) ?? 0)))
    .join(' / ');
const row = (label: string, a: number, b: number, id: string | undefined): string[] => [
  label,
  fixed(a, 1),
  pct(a / parse),
  fixed(b, 1),
  pct(b / parse),
  change(a, b),
  byHalves(id),
];
console.log(
  `\n${formatTable(
    [
      { header: 'rule' },
      { header: 'base ms', align: 'right' },
      { header: 'base / parse', align: 'right' },
      { header: 'this ms', align: 'right' },
      { header: 'this / parse', align: 'right' },
      { header: 'change', align: 'right' },
      { header: 'odd / even runs', align: 'right' },
    ],
    [
      ...ids.map((id) => row(id, base.rules.get(id) ?? 0, current.rules.get(id) ?? 0, id)),
      row('all rules', total(base), total(current), undefined),
    ],
  )}`,
);
if (halfTotals.length > 0) {
  console.log(
    '\n"odd / even runs": the same change from the odd and from the even runs alone. A change that flips sign between ' +
      'them is noise; one that both show may still be noise: a build compared with a copy of itself has read up to ' +
      '±3% for all rules, in both halves alike.',
  );
}
console.log(`\nparse (sum of per-file minima): base ${fixed(base.parse, 0)} ms, this ${fixed(current.parse, 0)} ms; wall clock ${seconds(start)}`);
