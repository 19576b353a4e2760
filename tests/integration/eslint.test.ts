/**
 * The plugin through the real `ESLint` class of ESLint 10 and ESLint 9, loaded the way users load
 * it: the fixture project's own config files import `eslint-plugin-callback-discipline` by name,
 * which resolves (package self-reference through `exports`) to the built `dist/`.
 *
 * Every run must produce exactly the reviewed reports in expected-reports.json, whatever the
 * ESLint major, the parser of the JavaScript files (espree or typescript-eslint's) or the number
 * of worker threads. Typed linting (eslint.config.typed.mjs: typescript-eslint's project service
 * for the .ts/.tsx files) must produce exactly expected-reports.typed.json: the same but for what
 * type information adds. When the rule set changes, run `npm run test:update-expectations` and
 * review the diff.
 */
import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CLEAN_FILES,
  FIXTURE_DIR,
  FIXTURE_FILES,
  TYPED_CONFIG,
  TYPED_EXPECTATIONS_FILE,
  assertFreshBuild,
  builtRuleNames,
  normalizeResults,
  readExpectations,
  readIntents,
  type Expectations,
  type LintResultLike,
  type ReportsByFile,
} from './helpers.js';

const TSESLINT_CONFIG = path.join(FIXTURE_DIR, 'eslint.config.tseslint.mjs');

let expectations: Expectations;
let typedExpectations: Expectations;
let rules: string[];

beforeAll(async () => {
  assertFreshBuild();
  expectations = readExpectations();
  typedExpectations = readExpectations(TYPED_EXPECTATIONS_FILE);
  rules = await builtRuleNames();
});

describe('expected-reports.json', () => {
  it('was generated for the rules the plugin has now', () => {
    expect(
      expectations.rules,
      'The plugin’s rules changed since expected-reports.json was generated: run `npm run test:update-expectations` and review the diff.',
    ).toEqual(rules);
  });

  it('covers every fixture file and lists no rule-less problems (parse errors, crashes)', () => {
    expect(Object.keys(expectations.files)).toEqual(FIXTURE_FILES);
    for (const list of Object.values(expectations.files)) {
      expect(list.filter((r) => r.ruleId === null)).toEqual([]);
    }
  });

  it('lists only this plugin’s rules, each one that exists', () => {
    const ruleIds = new Set(rules.map((name) => `callback-discipline/${name}`));
    for (const list of Object.values(expectations.files)) {
      for (const report of list) expect(ruleIds).toContain(report.ruleId);
    }
  });

  it('has no report in the clean idiom files', () => {
    for (const file of CLEAN_FILES) expect(expectations.files[file], file).toEqual([]);
  });
});

describe('expected-reports.typed.json', () => {
  it('was generated with the same rules and covers the same files', () => {
    expect(typedExpectations.rules).toEqual(rules);
    expect(Object.keys(typedExpectations.files)).toEqual(FIXTURE_FILES);
  });

  it('has no report in the clean idiom files, and no rule-less problem', () => {
    for (const file of CLEAN_FILES) expect(typedExpectations.files[file], file).toEqual([]);
    for (const list of Object.values(typedExpectations.files)) expect(list.filter((r) => r.ruleId === null)).toEqual([]);
  });

  it('differs from the untyped reports only in TypeScript files (JavaScript is linted without types)', () => {
    for (const file of FIXTURE_FILES) {
      if (/\.tsx?$/u.test(file)) continue;
      expect(typedExpectations.files[file], file).toEqual(expectations.files[file]);
    }
  });

  it('holds the reports that only types give (lines annotated `// ❌ rule (typed)`)', () => {
    const typedOnly = readIntents().filter((i) => i.typed);
    expect(typedOnly.length).toBeGreaterThan(0);
    for (const intent of typedOnly) {
      const at = (reports: typeof expectations.files) =>
        (reports[intent.file] ?? []).some((r) => r.line === intent.line && r.ruleId === `callback-discipline/${intent.rule}`);
      expect(at(typedExpectations.files), `${intent.file}:${intent.line} typed`).toBe(true);
      expect(at(expectations.files), `${intent.file}:${intent.line} untyped`).toBe(false);
    }
  });
});

type Run = () => Promise<ReportsByFile>;

/** One ESLint instance per (major, options): created once, used by one test. */
const runs: [string, Run][] = [
  ['ESLint 10, espree for JS', async () => lint(new ESLint({ cwd: FIXTURE_DIR }))],
  [
    'ESLint 10, typescript-eslint parser for every file',
    async () => lint(new ESLint({ cwd: FIXTURE_DIR, overrideConfigFile: TSESLINT_CONFIG })),
  ],
  ['ESLint 9, espree for JS', async () => lint(new ESLint9({ cwd: FIXTURE_DIR }))],
  [
    'ESLint 9, typescript-eslint parser for every file',
    async () => lint(new ESLint9({ cwd: FIXTURE_DIR, overrideConfigFile: TSESLINT_CONFIG })),
  ],
  // Two worker threads, each importing the config file and through it the plugin.
  ['ESLint 10, concurrency 2', async () => lint(new ESLint({ cwd: FIXTURE_DIR, concurrency: 2 }))],
  ['ESLint 9, concurrency 2', async () => lint(new ESLint9({ cwd: FIXTURE_DIR, concurrency: 2 }))],
  [
    'ESLint 10, concurrency 2, config built in an options module',
    async () => lint(await ESLint.fromOptionsModule(pathToFileURL(path.join(FIXTURE_DIR, 'eslint.options.mjs')))),
  ],
];

async function lint(eslint: { lintFiles(patterns: string[]): Promise<readonly LintResultLike[]> }): Promise<ReportsByFile> {
  return normalizeResults(await eslint.lintFiles(['src']), FIXTURE_DIR);
}

describe.each(runs)('%s', (_name, run) => {
  it('reports exactly the expected problems', async () => {
    expect(await run()).toEqual(expectations.files);
  });
});

/** Typed linting: the project service gives the TypeScript files a program. */
const typedRuns: [string, Run][] = [
  ['ESLint 10, typed (projectService)', async () => lint(new ESLint({ cwd: FIXTURE_DIR, overrideConfigFile: TYPED_CONFIG }))],
  ['ESLint 9, typed (projectService)', async () => lint(new ESLint9({ cwd: FIXTURE_DIR, overrideConfigFile: TYPED_CONFIG }))],
];

describe.each(typedRuns)('%s', (_name, run) => {
  it('reports exactly the expected problems', async () => {
    expect(await run()).toEqual(typedExpectations.files);
  });
});
