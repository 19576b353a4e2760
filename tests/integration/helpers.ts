/**
 * Shared pieces of the integration suite: where things are, what a lint result looks like once
 * normalised for comparison, the committed expectations, and throw-away consumer projects.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURE_DIR = path.join(REPO_ROOT, 'tests/integration/fixtures/project');
export const EXPECTATIONS_FILE = path.join(REPO_ROOT, 'tests/integration/expected-reports.json');
/** The reports of the typed run (eslint.config.typed.mjs: type information for the .ts/.tsx files). */
export const TYPED_EXPECTATIONS_FILE = path.join(REPO_ROOT, 'tests/integration/expected-reports.typed.json');
/** The fixture's typed-linting config. */
export const TYPED_CONFIG = path.join(FIXTURE_DIR, 'eslint.config.typed.mjs');
export const PACKAGE_NAME = 'eslint-plugin-callback-discipline';
/** The ESLint 9 and 10 command-line entry points, run with `node`. */
export const ESLINT_BIN = {
  10: path.join(REPO_ROOT, 'node_modules/eslint/bin/eslint.js'),
  9: path.join(REPO_ROOT, 'node_modules/eslint-v9/bin/eslint.js'),
} as const;

/** The fixture's source files, relative to the fixture project, sorted. */
export const FIXTURE_FILES = readdirSync(path.join(FIXTURE_DIR, 'src'))
  .sort()
  .map((f) => `src/${f}`);

/** Files that every rule must leave alone (real idioms that fire once by construction). */
export const CLEAN_FILES = FIXTURE_FILES.filter((f) => path.basename(f).startsWith('clean-'));

/**
 * The integration tests exercise what users install: `dist/`, resolved through the package's own
 * name. A missing or stale build would test yesterday's code, so say so instead.
 */
export function assertFreshBuild(): void {
  const entry = path.join(REPO_ROOT, 'dist/index.js');
  if (!existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` (npm test does) first.');
  const built = statSync(entry).mtimeMs;
  const stale = walk(path.join(REPO_ROOT, 'src')).filter((f) => statSync(f).mtimeMs > built + 1000);
  if (stale.length > 0) {
    throw new Error(
      `dist/ is older than ${path.relative(REPO_ROOT, stale[0]!)}: run \`npm run build\` (npm test does) first.`,
    );
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

/** One reported problem, as a user sees it. */
export interface Report {
  ruleId: string | null;
  messageId?: string;
  severity: number;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  fixable?: true;
  suggestions?: { messageId?: string; desc: string }[];
}

export type ReportsByFile = Record<string, Report[]>;

interface LintMessageLike {
  ruleId: string | null;
  messageId?: string | undefined;
  severity: number;
  line: number;
  column: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  message: string;
  fix?: unknown;
  suggestions?: { messageId?: string | undefined; desc: string }[] | undefined;
}

export interface LintResultLike {
  filePath: string;
  messages: LintMessageLike[];
}

/** Results keyed by path relative to `cwd` (POSIX separators), messages in ESLint's order. */
export function normalizeResults(results: readonly LintResultLike[], cwd: string): ReportsByFile {
  const out: ReportsByFile = {};
  for (const result of [...results].sort((a, b) => a.filePath.localeCompare(b.filePath))) {
    const file = path.relative(cwd, result.filePath).split(path.sep).join('/');
    out[file] = result.messages.map((m) => {
      const report: Report = {
        ruleId: m.ruleId,
        ...(m.messageId === undefined ? {} : { messageId: m.messageId }),
        severity: m.severity,
        line: m.line,
        column: m.column,
        ...(m.endLine === undefined ? {} : { endLine: m.endLine }),
        ...(m.endColumn === undefined ? {} : { endColumn: m.endColumn }),
        message: m.message,
      };
      if (m.fix) report.fixable = true;
      if (m.suggestions?.length) {
        report.suggestions = m.suggestions.map((s) => ({
          ...(s.messageId === undefined ? {} : { messageId: s.messageId }),
          desc: s.desc,
        }));
      }
      return report;
    });
  }
  return out;
}

/** The committed expectations: which rules existed when they were generated, and the reports. */
export interface Expectations {
  note: string;
  rules: string[];
  files: ReportsByFile;
}

export function readExpectations(file: string = EXPECTATIONS_FILE): Expectations {
  return JSON.parse(readFileSync(file, 'utf8')) as Expectations;
}

export function writeExpectations(
  rules: readonly string[],
  files: ReportsByFile,
  { file = EXPECTATIONS_FILE, config = 'eslint.config.mjs' }: { file?: string; config?: string } = {},
): void {
  const expectations: Expectations = {
    note: `Generated by \`npm run test:update-expectations\` (ESLint 10, ${config}). Review the diff before committing.`,
    rules: [...rules].sort(),
    files,
  };
  writeFileSync(file, `${JSON.stringify(expectations, null, 2)}\n`);
}

/**
 * Intent annotations in the fixture: a line ending in `// ❌ rule-name` is meant to be reported by
 * that rule; `// ❌ rule-name (typed)`, only with type information. They document the fixture and
 * are compared with the reports by the update script for the human reviewer; the tests assert the
 * reviewed expectations, not these.
 */
export function readIntents(): { file: string; line: number; rule: string; typed: boolean }[] {
  const intents: { file: string; line: number; rule: string; typed: boolean }[] = [];
  for (const file of FIXTURE_FILES) {
    readFileSync(path.join(FIXTURE_DIR, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const match = /\/\/ ❌ ([a-z-]+)( \(typed\))?\s*$/u.exec(text);
        if (match) intents.push({ file, line: i + 1, rule: match[1]!, typed: match[2] !== undefined });
      });
  }
  return intents;
}

/**
 * A throw-away project outside the repository, laid out as after `npm install`: every package of
 * the repository's node_modules is a symlink, and `node_modules/eslint-plugin-callback-discipline`
 * is either a symlink to this repository (its `dist/`) or, with `copyPlugin`, a real copy of
 * package.json + dist (so that its version can be changed). `files` are written into it.
 */
export function makeTempProject(
  files: Record<string, string>,
  { copyPlugin = false }: { copyPlugin?: boolean } = {},
): { dir: string; pluginDir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cd-project-'));
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(REPO_ROOT, 'node_modules'))) {
    if (entry.startsWith('.') || entry === PACKAGE_NAME) continue;
    symlinkSync(path.join(REPO_ROOT, 'node_modules', entry), path.join(modules, entry), 'dir');
  }
  const pluginDir = path.join(modules, PACKAGE_NAME);
  if (copyPlugin) {
    mkdirSync(pluginDir);
    cpSync(path.join(REPO_ROOT, 'package.json'), path.join(pluginDir, 'package.json'));
    cpSync(path.join(REPO_ROOT, 'dist'), path.join(pluginDir, 'dist'), { recursive: true });
  } else {
    symlinkSync(REPO_ROOT, pluginDir, 'dir');
  }
  return { dir, pluginDir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temp copy of the fixture project (see makeTempProject), with a real copy of the plugin. */
export function makeConsumerProject(): { dir: string; pluginDir: string; dispose(): void } {
  const project = makeTempProject({}, { copyPlugin: true });
  cpSync(FIXTURE_DIR, project.dir, { recursive: true });
  return project;
}

/** Rule names of the built plugin, as users load it. */
export async function builtRuleNames(): Promise<string[]> {
  const plugin = (await import(PACKAGE_NAME)).default as { rules: Record<string, unknown> };
  return Object.keys(plugin.rules).sort();
}
