/**
 * `npm run demo`: the lesson's poetry client (examples/poetry-client), linted.
 *
 * 1. Lint the buggy client with `configs.recommended` and print the findings (stylish).
 * 2. Apply `no-duplicate-cleanup`'s suggestion — the lesson's `reactor.stop()` moved into one
 *    `addBoth` link — and print the affected lines before and after.
 * 3. Lint the fixed client and show that it is clean.
 * 4. Run both clients against a local server to show what the bugs do at run time.
 *
 * A build without rules yet has nothing to lint with; the demo then runs the lesson's Deferred
 * examples (scripts/run-lesson-examples.ts) instead, when they exist. The steps are exported for
 * tests/integration/demo.test.ts.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter, type Rule } from 'eslint';
import plugin from 'eslint-plugin-callback-discipline';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { styleText } from 'node:util';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLE_DIR = path.join(ROOT, 'examples/poetry-client');
export const CLEANUP_RULE = 'callback-discipline/no-duplicate-cleanup';
const LESSON_RUNNER = path.join(ROOT, 'scripts/run-lesson-examples.ts');

export type Version = 'buggy' | 'fixed';

/** 'lint' when the built plugin has rules in its recommended config, else 'lesson'. */
export function demoMode(p: { configs: { recommended: { rules?: object } } } = plugin): 'lint' | 'lesson' {
  return Object.keys(p.configs.recommended.rules ?? {}).length > 0 ? 'lint' : 'lesson';
}

/** ESLint with the plugin's recommended config and typescript-eslint's parser, no config file. */
export function createLinter(): ESLint {
  return new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.recommended],
  });
}

export function versionFiles(version: Version): string[] {
  const dir = path.join(EXAMPLE_DIR, version);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function lintVersion(eslint: ESLint, version: Version): Promise<ESLint.LintResult[]> {
  return eslint.lintFiles(versionFiles(version));
}

/** The bugs the buggy client is meant to show: `// Bug (rule-name): …` comments, by file. */
export function annotatedBugs(): { file: string; rule: string }[] {
  return versionFiles('buggy').flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\/\/ Bug \(([a-z-]+)\)/gu)].map((m) => ({ file, rule: m[1]! })),
  );
}

export interface CleanupSuggestion {
  filePath: string;
  message: string;
  line: number;
  suggestion: NonNullable<Linter.LintMessage['suggestions']>[number];
}

/** The first `no-duplicate-cleanup` report that comes with a suggestion. */
export function findCleanupSuggestion(results: readonly ESLint.LintResult[]): CleanupSuggestion | undefined {
  for (const result of results) {
    for (const m of result.messages) {
      const suggestion = m.ruleId === CLEANUP_RULE ? m.suggestions?.[0] : undefined;
      if (suggestion) return { filePath: result.filePath, message: m.message, line: m.line, suggestion };
    }
  }
  return undefined;
}

export function applyFix(source: string, fix: Rule.Fix): string {
  return source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
}

/** The text between `// #region name` and its `// #endregion`. */
export function region(source: string, name: string): string {
  const start = source.indexOf(`// #region ${name}\n`);
  const end = source.indexOf('// #endregion', start);
  if (start === -1 || end === -1) throw new Error(`no "// #region ${name}" … "// #endregion" in the file`);
  return source.slice(start, end);
}

/**
 * A unified-diff-like view of the lines that differ between `before` and `after`, with `context`
 * unchanged lines around them. Each line shows its number before and after the change:
 * `-  35     │ text` (removed), `+     41 │ text` (added), `   34  34 │ text` (unchanged).
 */
export function lineDiff(before: string, after: string, context = 1): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  // Longest common subsequence of the changed window, so that kept lines show as kept.
  const lcs = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const width = String(Math.max(a.length, b.length)).length;
  const num = (n: number | undefined) => (n === undefined ? ' '.repeat(width) : String(n).padStart(width));
  const row = (sign: string, old: number | undefined, now: number | undefined, text: string) =>
    `${sign} ${num(old)} ${num(now)} │ ${text}`;
  const out: string[] = [];
  for (let k = Math.max(0, head - context); k < head; k++) out.push(row(' ', k + 1, k + 1, a[k]!));
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      out.push(row(' ', head + i + 1, head + j + 1, x[i]!));
      i++;
      j++;
    } else if (i < x.length && (j === y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(row('-', head + i + 1, undefined, x[i]!));
      i++;
    } else {
      out.push(row('+', undefined, head + j + 1, y[j]!));
      j++;
    }
  }
  const shift = b.length - a.length;
  for (let k = a.length - tail; k < Math.min(a.length, a.length - tail + context); k++) {
    out.push(row(' ', k + 1, k + 1 + shift, a[k]!));
  }
  return out;
}

const useColor = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const paint = (format: Parameters<typeof styleText>[0], text: string) => (useColor ? styleText(format, text) : text);
const relative = (file: string) => path.relative(ROOT, file);

function heading(print: (s: string) => void, text: string): void {
  print('');
  print(paint('bold', `━━ ${text}`));
  print('');
}

export type Api = 'callbacks' | 'deferred';
export type Answer = 'poem' | 'empty' | 'refused';

/** The runs of step 4: what each bug does, then the fixed client on the same answers. */
export const RUNS: readonly { version: Version; api: Api; answer: Answer; what: string }[] = [
  { version: 'buggy', api: 'callbacks', answer: 'empty', what: 'the server closes without a poem' },
  { version: 'buggy', api: 'callbacks', answer: 'refused', what: 'nobody listens on the port' },
  { version: 'buggy', api: 'deferred', answer: 'empty', what: 'the server closes without a poem' },
  { version: 'fixed', api: 'callbacks', answer: 'empty', what: 'the server closes without a poem' },
  { version: 'fixed', api: 'callbacks', answer: 'refused', what: 'nobody listens on the port' },
];

/**
 * Runs examples/poetry-client/run.ts in a child process (a client that crashes or hangs must not
 * take the demo with it) and collects its output; a client still waiting after `hangMs` is
 * stopped by the runner (exit status 3).
 */
export function runClient(version: Version, api: Api, answer: Answer, hangMs = 1000): Promise<{ status: number | null; output: string }> {
  const runner = path.join(EXAMPLE_DIR, 'run.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', runner, version, api, answer], {
      cwd: ROOT,
      env: { ...process.env, POETRY_HANG_MS: String(hangMs) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, output: output.trimEnd() }));
  });
}

export interface DemoSummary {
  mode: 'lint' | 'lesson';
  /** Problems reported in the buggy and the fixed client (lint mode). */
  buggyProblems: number;
  fixedProblems: number;
}

/** Runs the demo, writing to `print`. */
export async function runDemo(
  print: (line: string) => void = console.log,
  { runClients = true }: { runClients?: boolean } = {},
): Promise<DemoSummary> {
  if (demoMode() === 'lesson') {
    print(
      'This build of eslint-plugin-callback-discipline has no rules in configs.recommended yet, so there is\n' +
        'nothing to lint the poetry client with.',
    );
    if (!existsSync(LESSON_RUNNER)) {
      print('The lesson examples (scripts/run-lesson-examples.ts) are not there either; nothing to show.');
      return { mode: 'lesson', buggyProblems: 0, fixedProblems: 0 };
    }
    heading(print, "The lesson's Deferred examples, run on the reference Deferred");
    const run = spawnSync(process.execPath, ['--import', 'tsx', LESSON_RUNNER], { cwd: ROOT, encoding: 'utf8' });
    print(run.stdout.trimEnd());
    if (run.status !== 0) throw new Error(`scripts/run-lesson-examples.ts failed:\n${run.stderr}`);
    return { mode: 'lesson', buggyProblems: 0, fixedProblems: 0 };
  }

  const eslint = createLinter();
  const stylish = await eslint.loadFormatter('stylish');
  const show = async (results: ESLint.LintResult[]) =>
    (await stylish.format(results.map((r) => ({ ...r, filePath: relative(r.filePath) })))).trim();

  heading(print, 'examples/poetry-client/buggy, linted with callbackDiscipline.configs.recommended');
  const buggy = await lintVersion(eslint, 'buggy');
  print((await show(buggy)) || 'No problems found — the rules do not see the lesson’s bugs.');

  heading(print, 'The addBoth refactor, from the no-duplicate-cleanup suggestion');
  const found = findCleanupSuggestion(buggy);
  if (found) {
    const before = readFileSync(found.filePath, 'utf8');
    const after = applyFix(before, found.suggestion.fix);
    print(`${relative(found.filePath)}:${found.line}  ${found.suggestion.desc}`);
    print('');
    for (const line of lineDiff(before, after)) {
      print(line.startsWith('-') ? paint('red', line) : line.startsWith('+') ? paint('green', line) : paint('dim', line));
    }
  } else {
    print(`No ${CLEANUP_RULE} suggestion in this build; see examples/poetry-client/fixed for the refactor.`);
  }

  heading(print, 'examples/poetry-client/fixed, linted the same way');
  const fixed = await lintVersion(eslint, 'fixed');
  const count = (results: ESLint.LintResult[]) => results.reduce((n, r) => n + r.messages.length, 0);
  const fixedProblems = count(fixed);
  if (fixedProblems > 0) print(await show(fixed));
  else print(paint('green', `✔ No problems in ${fixed.length} files.`));

  if (runClients) {
    heading(print, 'At run time: the clients against a local poetry server (examples/poetry-client/run.ts)');
    const runs = RUNS.filter((r) => existsSync(path.join(EXAMPLE_DIR, r.version, r.api === 'callbacks' ? 'get-poetry.ts' : 'get-poetry-deferred.ts')));
    const outcomes = await Promise.all(runs.map((r) => runClient(r.version, r.api, r.answer)));
    runs.forEach((r, i) => {
      const { status, output } = outcomes[i]!;
      print(paint('bold', `$ run.ts ${r.version} ${r.api} ${r.answer}`) + paint('dim', `   # ${r.what}; exit status ${status}`));
      for (const line of output.split('\n').filter((l) => l.trim() !== '')) print(`  ${line}`);
      print('');
    });
  }
  return { mode: 'lint', buggyProblems: count(buggy), fixedProblems };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const summary = await runDemo();
  // The fixed client must be clean; if it is not, the demo has found a bug worth a failing exit.
  if (summary.fixedProblems > 0) process.exitCode = 1;
}
