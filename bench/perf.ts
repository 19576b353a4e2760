/**
 * bench:perf — rule time as a share of parse time (ESLint's stats, ratios within one run), for
 * our rules and the peer rules doing comparable work, on the tuning corpus; cost per KLOC from
 * the smallest to the largest package, by file size, the costliest files for our rules and on
 * synthetic stress files; and all our rules together
 * against each one alone, which shows whether the per-file analysis is shared; and the split of
 * our time by shared analysis. Each figure is the median of several runs after a warm-up run.
 * Exits 1 when our rules exceed the budget.
 */
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareCorpus, type PreparedPackage } from './lib/corpus.js';
import { REPO_ROOT, intOption, parseBenchArgs } from './lib/env.js';
import { BenchLinter, type LintTimes } from './lib/lint.js';
import {
  OWN_NAMESPACE,
  PEER_RULES,
  mergeSelections,
  resolveRuleList,
  ruleIds,
  selectRules,
  versionLine,
  type RuleSelection,
} from './lib/plugins.js';
import { writeSyntheticFiles } from './lib/synthetic.js';
import { FastestTimes, Tally, describeCrashes, fixed, formatTable, median, pct, seconds } from './lib/tally.js';

/** Issue 7: all our rules together at most 6% of parse time, no single rule above 2%. */
const BUDGET_TOTAL = 0.06;
const BUDGET_SINGLE = 0.02;

const HELP = `Usage: npm run bench:perf -- [options]

Times our rules (configs.all, or --rules) and the peer rules on the tuning corpus as a share of
parse time, scaling per KLOC, and all-vs-one sharing.

  --repeat <n>        measured runs per figure, after one warm-up run (default 3)
  --skip-alone        skip the runs of each of our rules alone
  --skip-synthetic    skip the synthetic stress files
  --skip-split        skip the split of our rules' time into shared analyses and own work`;

const { common, values } = parseBenchArgs(
  {
    repeat: { type: 'string' },
    'skip-alone': { type: 'boolean' },
    'skip-synthetic': { type: 'boolean' },
    'skip-split': { type: 'boolean' },
  },
  HELP,
);
const repeat = Math.max(1, intOption(values.repeat, 'repeat', 3));
const start = performance.now();

const ours = await selectRules(common.rules, 'all');
const peers = await resolveRuleList(PEER_RULES.join(','), undefined);
const ourIds = ruleIds(ours);
const peerIds = ruleIds(peers);
const both = mergeSelections(peers, ours);
console.log(`bench:perf — ${versionLine(both)}`);
console.log(`ours: ${ours.label} (${ourIds.length} rules); peers: ${peerIds.join(', ')}`);

const { packages, failures, warnings } = await prepareCorpus(common.corpusPath, common.cacheDir);
for (const f of failures) console.log(`FETCH FAILED ${f.spec}: ${f.error}`);
for (const w of warnings) console.log(`warning: ${w}`);
console.log(`corpus: ${packages.length} packages, ${packages.reduce((n, p) => n + p.files.length, 0)} files; ` +
  `${repeat} measured runs after a warm-up, medians shown\n`);

interface Run {
  total: Tally;
  byPackage: Map<string, Tally>;
  /** Each file's times in this run (files that parsed). */
  times: Map<string, LintTimes>;
}

async function lintCorpus(linter: BenchLinter, ids: readonly string[]): Promise<Run> {
  const total = new Tally(ids);
  const byPackage = new Map<string, Tally>();
  const times = new Map<string, LintTimes>();
  for (const { pkg, files } of packages as PreparedPackage[]) {
    const tally = new Tally(ids);
    for (const file of files) {
      const result = await linter.lintFile(file);
      tally.add(result);
      total.add(result);
      if (result.times) times.set(file, result.times);
    }
    byPackage.set(pkg.spec, tally);
  }
  return { total, byPackage, times };
}

/** A warm-up run (unless the process is warm already), then `repeat` measured runs. */
async function measure(selection: RuleSelection, warmUp = true): Promise<Run[]> {
  const linter = new BenchLinter(selection, { stats: true });
  const ids = ruleIds(selection);
  if (warmUp) await lintCorpus(linter, ids);
  const runs: Run[] = [];
  for (let i = 0; i < repeat; i++) runs.push(await lintCorpus(linter, ids));
  return runs;
}

/** Each file's fastest times over the measured runs (the steady estimate, see {@link FastestTimes}). */
function fastestTimes(runs: readonly Run[]): FastestTimes {
  const fastest = new FastestTimes();
  for (const run of runs) for (const [file, times] of run.times) fastest.add(file, times);
  return fastest;
}

/** Median over runs of a run's `ms(tally) / tally.parseMs`. */
const shareOf = (tallies: readonly Tally[], ids: readonly string[]): number =>
  median(tallies.map((t) => t.msOf(ids) / t.parseMs));

// 1. Everything in one run: ours and the peers side by side.
const runs = await measure(both);
const totals = runs.map((r) => r.total);
const last = totals[totals.length - 1]!;
const fastest = fastestTimes(runs);
const steady = fastest.totals();
/** Milliseconds of the rules `ids` in a map of rule times. */
const sumOf = (rules: ReadonlyMap<string, number>, ids: readonly string[]): number => ids.reduce((n, id) => n + (rules.get(id) ?? 0), 0);
const steadyShareOf = (t: { parse: number; rules: ReadonlyMap<string, number> }, ids: readonly string[]): number => sumOf(t.rules, ids) / t.parse;
const steadyShare = (ids: readonly string[]): number => sumOf(steady.rules, ids) / steady.parse;
const ruleRow = (id: string, group: string): string[] => {
  const t = last.rule(id);
  const shares = totals.map((x) => x.rule(id).ms / x.parseMs);
  return [
    id,
    group,
    String(t.reports),
    fixed(t.reports / last.kloc),
    pct(steadyShare([id])),
    pct(median(shares)),
    `${pct(Math.min(...shares))}–${pct(Math.max(...shares))}`,
    fixed(median(totals.map((x) => x.rule(id).ms)), 1),
  ];
};
const groupRow = (label: string, ids: readonly string[]): string[] => {
  const reports = ids.reduce((n, id) => n + last.rule(id).reports, 0);
  const shares = totals.map((x) => x.msOf(ids) / x.parseMs);
  return [
    label,
    '',
    String(reports),
    fixed(reports / last.kloc),
    pct(steadyShare(ids)),
    pct(median(shares)),
    `${pct(Math.min(...shares))}–${pct(Math.max(...shares))}`,
    fixed(median(totals.map((x) => x.msOf(ids))), 1),
  ];
};
const parseMs = median(totals.map((t) => t.parseMs));
console.log(
  `Tuning corpus: ${last.files} files, ${fixed(last.kloc, 1)} KLOC, parse ${fixed(parseMs, 0)} ms ` +
    `(${fixed(parseMs / last.kloc, 2)} ms/KLOC), ${last.parseFailures.length} parse failures\n`,
);
console.log(
  formatTable(
    [
      { header: 'rule' },
      { header: 'group' },
      { header: 'reports', align: 'right' },
      { header: 'per KLOC', align: 'right' },
      { header: 'time / parse', align: 'right' },
      { header: 'median of runs', align: 'right' },
      { header: 'range of runs', align: 'right' },
      { header: 'rule ms', align: 'right' },
    ],
    [
      ...ourIds.map((id) => ruleRow(id, 'ours')),
      groupRow('ours, total', ourIds),
      ...peerIds.filter((id) => !ourIds.includes(id)).map((id) => ruleRow(id, 'peer')),
      groupRow('peers, total', peerIds),
    ],
  ),
);

// The budget is judged on the steady estimate (see steadyTimes); the medians of whole runs are
// printed beside it, with their range, to show how much a busy machine moves them.
const ourShare = steadyShare(ourIds);
const worst = ourIds
  .map((id) => ({ id, share: steadyShare([id]) }))
  .sort((a, b) => b.share - a.share)[0];
const overTotal = ourShare > BUDGET_TOTAL;
const overSingle = worst !== undefined && worst.share > BUDGET_SINGLE;
console.log(
  `\n"time / parse" sums each file's fastest of the ${repeat} runs (parse and each rule apart): the estimate least ` +
    'disturbed by the rest of the machine; "median of runs" is the median of whole-run totals.',
);
console.log(
  `\nBudget: ours together ${pct(ourShare)} of parse (at most ${pct(BUDGET_TOTAL, 0)}; median of runs ${pct(shareOf(totals, ourIds))}): ${overTotal ? 'OVER' : 'ok'}; ` +
    (worst
      ? `costliest rule ${worst.id} ${pct(worst.share)} (at most ${pct(BUDGET_SINGLE, 0)}; median of runs ${pct(shareOf(totals, [worst.id]))}): ${overSingle ? 'OVER' : 'ok'}`
      : 'no rules of ours'),
);
console.log(
  `Ours ÷ peers in this run: ${fixed(ourShare / steadyShare(peerIds), 2)} (median of runs ${fixed(shareOf(totals, ourIds) / shareOf(totals, peerIds), 2)}).`,
);
console.log(
  'A rule that first asks for a per-file analysis shared with other rules is billed for it in this run; ' +
    'see "alone" below for each rule on its own.',
);
if (last.crashes.length > 0) console.log(`\nRULE CRASHES: ${last.crashes.length}\n${describeCrashes(last.crashes)}`);

// 2. Cost against size: every package, smallest first, then the synthetic stress files.
const packageRows = [...runs[0]!.byPackage.keys()]
  .map((spec) => {
    const tallies = runs.map((r) => r.byPackage.get(spec)!);
    const t = tallies[0]!;
    return {
      spec,
      kloc: t.kloc,
      row: [
        spec,
        fixed(t.kloc, 1),
        fixed(median(tallies.map((x) => x.parseMs)) / t.kloc, 2),
        fixed(median(tallies.map((x) => x.msOf(ourIds))) / t.kloc, 3),
        pct(shareOf(tallies, ourIds)),
        fixed(median(tallies.map((x) => x.msOf(peerIds))) / t.kloc, 3),
        pct(shareOf(tallies, peerIds)),
      ],
    };
  })
  .sort((a, b) => a.kloc - b.kloc);
const sizeColumns = [
  { header: 'input' },
  { header: 'KLOC', align: 'right' },
  { header: 'parse ms/KLOC', align: 'right' },
  { header: 'ours ms/KLOC', align: 'right' },
  { header: 'ours / parse', align: 'right' },
  { header: 'peers ms/KLOC', align: 'right' },
  { header: 'peers / parse', align: 'right' },
] as const;
console.log('\nCost against size (packages, smallest first):\n');
console.log(formatTable(sizeColumns, packageRows.map((p) => p.row)));

// The same corpus by file size (each file's fastest parse): what a file costs whatever its size
// (set-up, cold code) shows in small files; what grows with the code, in large ones.
const SIZE_GROUPS = ['parse < 0.5 ms', '0.5–2 ms', '2–8 ms', '≥ 8 ms'] as const;
const bySize = fastest.totalsBy((_file, t) => SIZE_GROUPS[t.parse < 0.5 ? 0 : t.parse < 2 ? 1 : t.parse < 8 ? 2 : 3]!);
const sizeGroupRows = SIZE_GROUPS.filter((g) => bySize.has(g)).map((g) => {
  const t = bySize.get(g)!;
  const ours = sumOf(t.rules, ourIds);
  const peers = sumOf(t.rules, peerIds);
  return [g, String(t.files), pct(t.parse / steady.parse), fixed((ours / t.files) * 1000, 0), pct(ours / t.parse), pct(peers / t.parse), pct(ours / steady.parse)];
});
console.log('\nCost by file size (steady estimate; files grouped by their parse time):\n');
console.log(
  formatTable(
    [
      { header: 'files by parse time' },
      { header: 'files', align: 'right' },
      { header: 'share of parse', align: 'right' },
      { header: 'ours µs per file', align: 'right' },
      { header: 'ours / their parse', align: 'right' },
      { header: 'peers / their parse', align: 'right' },
      { header: 'ours / all parse', align: 'right' },
    ] as const,
    sizeGroupRows,
  ),
);

// The files our rules cost most on, where work on the analyses pays first.
const TOP_FILES = 12;
/** A file as `spec/path in the package`. */
const fileNames = new Map<string, string>();
for (const { pkg, files } of packages as PreparedPackage[]) for (const file of files) fileNames.set(file, `${pkg.spec}/${relative(pkg.root, file)}`);
/** Milliseconds of the rules `ids` in one file's times. */
const msIn = (t: Readonly<LintTimes>, ids: readonly string[]): number => ids.reduce((n, id) => n + (t.rules[id] ?? 0), 0);
const ourMs = (t: Readonly<LintTimes>): number => msIn(t, ourIds);
const costliest = [...fastest.byFile()].sort((a, b) => ourMs(b[1]) - ourMs(a[1])).slice(0, TOP_FILES);
let costliestMs = 0;
const fileRows = costliest.map(([file, t]) => {
  const ours = ourMs(t);
  costliestMs += ours;
  const peers = msIn(t, peerIds);
  const [topId, topMs] = ourIds.map((id) => [id, t.rules[id] ?? 0] as const).sort((a, b) => b[1] - a[1])[0]!;
  return [fileNames.get(file) ?? file, fixed(t.parse, 2), fixed(ours, 2), pct(ours / t.parse), pct(peers / t.parse), `${topId.replace(`${OWN_NAMESPACE}/`, '')} ${fixed(topMs, 2)}`];
});
console.log(`\nCostliest files for our rules (steady estimate; these ${costliest.length} files carry ${pct(costliestMs / sumOf(steady.rules, ourIds))} of our time):\n`);
console.log(
  formatTable(
    [
      { header: 'file' },
      { header: 'parse ms', align: 'right' },
      { header: 'ours ms', align: 'right' },
      { header: 'ours / parse', align: 'right' },
      { header: 'peers / parse', align: 'right' },
      { header: 'our costliest rule, ms' },
    ] as const,
    fileRows,
  ),
);

if (!values['skip-synthetic']) {
  const synthetic = writeSyntheticFiles(join(common.cacheDir, 'synthetic'), [
    [500, 20],
    [1000, 40],
    [2000, 80],
    [5000, 200],
  ]);
  const linter = new BenchLinter(both, { stats: true });
  // One file is a short measurement, easily disturbed: many more runs than for the corpus, in
  // rounds over all sizes so that every size sees the same conditions.
  const runsPerFile = Math.max(9, 3 * repeat);
  const talliesOf = synthetic.map(() => [] as Tally[]);
  for (let round = 0; round <= runsPerFile; round++) {
    for (const [i, file] of synthetic.entries()) {
      const tally = new Tally(ruleIds(both));
      tally.add(await linter.lintFile(file.path));
      if (round > 0) talliesOf[i]!.push(tally);
    }
  }
  const rows: string[][] = [];
  const ourShares: number[] = [];
  const peerShares: number[] = [];
  for (const [i, file] of synthetic.entries()) {
    const tallies = talliesOf[i]!;
    const t = tallies[0]!;
    if (t.parseFailures.length > 0 || t.crashes.length > 0) {
      console.log(`synthetic ${file.path}: ${t.parseFailures.length} parse failures, ${t.crashes.length} crashes`);
      if (t.crashes.length > 0) console.log(describeCrashes(t.crashes));
    }
    // The fastest run is the one least disturbed by the rest of the machine (a single file is
    // too short a measurement for medians to settle on a busy machine).
    const fastest = (f: (x: Tally) => number): number => Math.min(...tallies.map(f)) / t.kloc;
    const parse = fastest((x) => x.parseMs);
    const oursMs = fastest((x) => x.msOf(ourIds));
    const peersMs = fastest((x) => x.msOf(peerIds));
    ourShares.push(oursMs / parse);
    peerShares.push(peersMs / parse);
    rows.push([
      `${file.statements} statements, depth ${file.depth}`,
      fixed(t.kloc, 1),
      fixed(parse, 2),
      fixed(oursMs, 3),
      pct(oursMs / parse),
      fixed(peersMs, 3),
      pct(peersMs / parse),
    ]);
  }
  console.log(
    `\nSynthetic stress files (one function; nested error-first callbacks at the end; ` +
      `fastest of ${runsPerFile} runs each):\n`,
  );
  console.log(formatTable(sizeColumns, rows));
  // Parse time is linear in the input, so a share of parse time that stays flat as the file grows
  // 10-fold means linear work; quadratic work would multiply it by about 10.
  const growthOf = (shares: readonly number[]): number => shares[shares.length - 1]! / shares[0]!;
  const growth = growthOf(ourShares);
  const ratio = fixed(synthetic.at(-1)!.statements / synthetic[0]!.statements, 0);
  console.log(
    `\nshare of parse time, largest ÷ smallest synthetic file (${ratio}× the statements): ` +
      `${ourIds.length === 0 ? '' : `ours ×${fixed(growth, 2)}, `}peers ×${fixed(growthOf(peerShares), 2)}` +
      (ourIds.length === 0
        ? ''
        : growth > 3
          ? ' — OURS GROW FASTER THAN THE INPUT: look for super-linear work'
          : ' — ours: no super-linear growth'),
  );
}

// 3. All our rules together against each alone: shared analysis is paid once per file. Steady
// estimates (each file's fastest run, summed), as for the budget.
if (!values['skip-alone'] && ourIds.length > 1) {
  const only = (ids: readonly string[], label: string): RuleSelection => ({
    ...ours,
    rules: Object.fromEntries(ids.map((id) => [id, ours.rules[id]!])),
    label,
  });
  // All the configurations file by file in turn (the first one rotating from file to file), not
  // one after the other: the difference of two configurations measured minutes apart on a busy
  // machine is mostly the machine.
  const selections = [ours, ...ourIds.map((id) => only([id], id))];
  const linters = selections.map((selection) => new BenchLinter(selection, { stats: true }));
  const fastestOf = selections.map(() => new FastestTimes());
  let turn = 0;
  for (let run = 0; run < repeat; run++) {
    for (const { files } of packages as PreparedPackage[]) {
      for (const file of files) {
        turn++;
        for (let k = 0; k < linters.length; k++) {
          const i = (k + turn) % linters.length;
          const result = await linters[i]!.lintFile(file);
          if (result.times) fastestOf[i]!.add(file, result.times);
        }
      }
    }
  }
  const shareIn = (i: number, ids: readonly string[]): number => {
    const t = fastestOf[i]!.totals();
    return sumOf(t.rules, ids) / t.parse;
  };
  const allShare = shareIn(0, ourIds);
  const rows: string[][] = [];
  let sumAlone = 0;
  ourIds.forEach((id, k) => {
    const alone = shareIn(1 + k, [id]);
    sumAlone += alone;
    rows.push([id, pct(alone), pct(shareIn(0, [id]))]);
  });
  rows.push(['all together', '', pct(allShare)], ['sum of each alone', pct(sumAlone), '']);
  console.log(`\nAll our rules in one run against each rule alone (no peers; each file linted with every configuration in turn, ${repeat} runs; steady estimates):\n`);
  console.log(
    formatTable(
      [
        { header: 'rule' },
        { header: 'alone / parse', align: 'right' },
        { header: 'in the all-rules run', align: 'right' },
      ],
      rows,
    ),
  );
  // Rules that each pay for their own analysis cost, together, the sum of their costs alone; rules
  // sharing one per-file analysis pay for it once, so together they cost little more than one.
  console.log(
    `\nall together ÷ sum of each alone: ${fixed(allShare / sumAlone, 2)} ` +
      `(1: nothing shared; 1/${ourIds.length} = ${fixed(1 / ourIds.length, 2)}: everything shared, the analysis is computed once per file)`,
  );
} else if (!values['skip-alone']) {
  console.log('\nAll-vs-one comparison skipped: it needs at least two rules of ours.');
}

// 4. Where our rules' time goes: the shared analyses against each rule's own work. ESLint bills a
// shared analysis to whichever rule asks for it first; the phase clock of the build
// (`dist/analysis/phase-clock.js`) times each analysis inside each rule's `Program:exit`.
if (!values['skip-split'] && ourIds.length > 0) {
  const clockModule = join(REPO_ROOT, 'dist', 'analysis', 'phase-clock.js');
  const { phaseClock, resetPhaseClock, PHASES } = (await import(pathToFileURL(clockModule).href)) as typeof import('../src/analysis/phase-clock.js');
  const linter = new BenchLinter(ours, { stats: true });
  const fastest = new FastestTimes();
  const key = (rule: string, part: string): string => `${rule}\u0000${part}`;
  phaseClock.on = true;
  try {
    for (let run = 0; run <= repeat; run++) {
      for (const { files } of packages as PreparedPackage[]) {
        for (const file of files) {
          resetPhaseClock();
          const result = await linter.lintFile(file);
          if (!result.times || run === 0) continue;
          const rules = { ...result.times.rules };
          for (const [rule, byPhase] of phaseClock.ms) {
            for (const [phase, ms] of byPhase) rules[key(`${OWN_NAMESPACE}/${rule}`, phase)] = ms;
          }
          fastest.add(file, { parse: result.times.parse, rules });
        }
      }
    }
  } finally {
    phaseClock.on = false;
    resetPhaseClock();
  }
  const t = fastest.totals();
  const share = (id: string): number => (t.rules.get(id) ?? 0) / t.parse;
  const phaseSums = new Map<string, number>(PHASES.map((p) => [p, 0]));
  let ownSum = 0;
  let outsideSum = 0;
  const rows = ourIds.map((id) => {
    const total = share(id);
    const exit = share(key(id, 'exit'));
    const phases = PHASES.map((p) => share(key(id, p)));
    phases.forEach((v, i) => phaseSums.set(PHASES[i]!, phaseSums.get(PHASES[i]!)! + v));
    // Each figure is a sum of per-file minima, so `own` is an estimate: clamp rounding below 0.
    const own = Math.max(0, exit - phases.reduce((a, b) => a + b, 0));
    ownSum += own;
    outsideSum += Math.max(0, total - exit);
    return [id.replace(`${OWN_NAMESPACE}/`, ''), pct(total), pct(Math.max(0, total - exit)), ...phases.map((v) => (v > 0 ? pct(v) : '')), pct(own)];
  });
  rows.push(['all', pct(steadyShareOf(t, ourIds)), pct(outsideSum), ...PHASES.map((p) => pct(phaseSums.get(p)!)), pct(ownSum)]);
  console.log(
    `\nWhere our rules' time goes (configs.all without the peers, phase clock on, ${repeat} runs; steady estimates, % of parse):\n` +
      'outside = rule creation, plus the recording for the rule that installs it (listener calls during the traversal);\n' +
      'a shared analysis is billed to the rule that asks for it first, every later rule reuses it; own = the rest of the rule\'s Program:exit.\n',
  );
  console.log(
    formatTable(
      [
        { header: 'rule' },
        { header: 'total', align: 'right' },
        { header: 'outside', align: 'right' },
        ...PHASES.map((p) => ({ header: p, align: 'right' as const })),
        { header: 'own', align: 'right' },
      ],
      rows,
    ),
  );
}

console.log(`\nwall clock: ${seconds(start)}`);
process.exitCode = overTotal || overSingle || last.crashes.length > 0 ? 1 : 0;
