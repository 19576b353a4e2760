/**
 * bench:typed — what type information costs. Lints TypeScript projects with typescript-eslint's
 * project service, each run in a fresh process (a cold program and checker, as on the command
 * line), each figure the median of several runs:
 *
 *   typed, no rules          — the price of type information itself (program creation is parse time);
 *   typed, ours              — our rules (configs.all) asking the checker;
 *   untyped, ours            — the same rules without a program;
 *   typed, peers             — typescript-eslint's typed promise rules (no-floating-promises,
 *                              no-misused-promises, await-thenable, prefer-promise-reject-errors);
 *   typed, peers + ours      — both: the checker's work is shared.
 *
 * Times are ESLint's own (stats: parse, per rule) and the wall time of `lintFiles`. The ratios:
 * our rules typed ÷ untyped; our typed rule time ÷ typed parse time; our typed rule time ÷ the
 * peers'; what adding ours to the peers costs; the wall time of a typed lint with ÷ without ours.
 *
 * Projects: the integration fixture (tests/integration/fixtures/project, typed with its
 * tsconfig.json) and this repository's own TypeScript (src/, examples/, bench/, scripts/).
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { intOption, parseBenchArgs } from './lib/env.js';
import { fixed, formatTable, median, pct, seconds } from './lib/tally.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

const PEER_RULES: Linter.RulesRecord = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/await-thenable': 'error',
  '@typescript-eslint/prefer-promise-reject-errors': 'error',
};

interface Project {
  readonly name: string;
  readonly cwd: string;
  readonly patterns: string[];
}

const PROJECTS: Project[] = [
  { name: 'integration fixture (.ts/.tsx)', cwd: path.join(ROOT, 'tests/integration/fixtures/project'), patterns: ['src/**/*.ts', 'src/**/*.tsx'] },
  { name: 'this repository (src, examples, bench, scripts)', cwd: ROOT, patterns: ['src/**/*.ts', 'examples/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'] },
];

const MODES = ['typed, no rules', 'typed, ours', 'untyped, ours', 'typed, peers', 'typed, peers + ours'] as const;
type Mode = (typeof MODES)[number];

interface Measure {
  wall: number;
  parse: number;
  ours: number;
  peers: number;
  queries: number;
  files: number;
  lines: number;
}

/** One lint, in this process: the child's job. */
async function lintOnce(project: Project, mode: Mode): Promise<Measure> {
  const plugin = (await import(path.join(ROOT, 'dist/index.js'))).default as ESLint.Plugin & { configs: Record<string, Linter.Config> };
  const { typeCounters } = (await import(path.join(ROOT, 'dist/analysis/types.js'))) as { typeCounters: { queries: number } };
  const typed = mode !== 'untyped, ours';
  const rules: Linter.RulesRecord = {
    ...(mode.includes('peers') ? PEER_RULES : {}),
    ...(mode.includes('ours') ? (plugin.configs.all!.rules as Linter.RulesRecord) : {}),
  };
  const eslint = new ESLint({
    cwd: project.cwd,
    overrideConfigFile: true,
    stats: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: {
          parser: tsParser as Linter.Parser,
          ...(typed ? { parserOptions: { projectService: true, tsconfigRootDir: project.cwd } } : {}),
        },
        plugins: { 'callback-discipline': plugin, '@typescript-eslint': tseslint.plugin as ESLint.Plugin },
        rules,
        linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
      },
    ],
  });
  const t0 = performance.now();
  const results = await eslint.lintFiles(project.patterns);
  const wall = performance.now() - t0;
  const measure: Measure = { wall, parse: 0, ours: 0, peers: 0, queries: typeCounters.queries, files: results.length, lines: 0 };
  for (const result of results) {
    const fatal = result.messages.find((m) => m.fatal);
    if (fatal) throw new Error(`${result.filePath}: ${fatal.message}`);
    measure.lines += readFileSync(result.filePath, 'utf8').split('\n').filter((l) => l.trim()).length;
    for (const pass of result.stats?.times.passes ?? []) {
      measure.parse += pass.parse?.total ?? 0;
      for (const [id, t] of Object.entries(pass.rules ?? {})) {
        if (id.startsWith('callback-discipline/')) measure.ours += t.total;
        else measure.peers += t.total;
      }
    }
  }
  return measure;
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const [projectIndex, mode] = [Number(process.argv[childAt + 1]), process.argv[childAt + 2] as Mode];
  console.log(JSON.stringify(await lintOnce(PROJECTS[projectIndex]!, mode)));
  process.exit(0);
}

const HELP = `Usage: npm run bench:typed -- [options]

Lints TypeScript projects, each run in a fresh process: typed without rules, typed with our
rules, untyped with our rules, typed with typescript-eslint's typed promise rules, and both.

  --repeat <n>   runs per figure (default 5)`;
const { values } = parseBenchArgs({ repeat: { type: 'string' } }, HELP);
const repeat = Math.max(1, intOption(values.repeat, 'repeat', 5));
const start = performance.now();

function child(projectIndex: number, mode: Mode): Measure {
  const run = spawnSync(process.execPath, [...process.execArgv, SELF, '--child', String(projectIndex), mode], { encoding: 'utf8', cwd: ROOT });
  if (run.status !== 0) throw new Error(`child failed (${mode}):\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Measure;
}

console.log(`bench:typed — ESLint ${ESLint.version}, each run in a fresh process, medians of ${repeat}\n`);
for (const [index, project] of PROJECTS.entries()) {
  const runs = new Map<Mode, Measure[]>(MODES.map((m) => [m, []]));
  // Interleaved, so that a slow spell of the machine touches every mode alike.
  for (let i = 0; i < repeat; i++) for (const mode of MODES) runs.get(mode)!.push(child(index, mode));
  const med = (mode: Mode, key: keyof Measure) => median(runs.get(mode)!.map((m) => m[key]));
  const { files, lines } = runs.get('typed, ours')![0]!;
  console.log(`${project.name}: ${files} files, ${fixed(lines / 1000)} KLOC`);
  console.log(
    formatTable(
      [
        { header: 'run' },
        { header: 'wall ms', align: 'right' },
        { header: 'parse ms', align: 'right' },
        { header: 'ours ms', align: 'right' },
        { header: 'peers ms', align: 'right' },
        { header: 'checker queries', align: 'right' },
      ],
      MODES.map((mode) => [
        mode,
        fixed(med(mode, 'wall'), 0),
        fixed(med(mode, 'parse'), 0),
        fixed(med(mode, 'ours'), 0),
        fixed(med(mode, 'peers'), 0),
        String(med(mode, 'queries')),
      ]),
    ),
  );
  const ours = med('typed, ours', 'ours');
  const rulesOf = (mode: Mode) => median(runs.get(mode)!.map((m) => m.ours + m.peers));
  console.log(`  our rules, typed ÷ untyped:               ${fixed(ours / med('untyped, ours', 'ours'))}×`);
  console.log(`  our rules typed ÷ typed parse:             ${pct(ours / med('typed, ours', 'parse'))}`);
  console.log(`  our rules untyped ÷ untyped parse:         ${pct(med('untyped, ours', 'ours') / med('untyped, ours', 'parse'))}`);
  console.log(`  our rules typed ÷ the four peer rules:     ${fixed(ours / med('typed, peers', 'peers'))}×`);
  console.log(`  rule time, peers + ours ÷ peers alone:     ${fixed(rulesOf('typed, peers + ours') / rulesOf('typed, peers'))}×`);
  console.log(`  typed lint wall, with ÷ without ours:      ${fixed(med('typed, ours', 'wall') / med('typed, no rules', 'wall'))}×`);
  console.log(`  checker queries per KLOC:                  ${fixed(med('typed, ours', 'queries') / (lines / 1000), 1)}\n`);
}
console.log(`done in ${seconds(start)}`);
