/**
 * Linting one file at a time through ESLint's Node API, the way the benches need it:
 * - the parser setup is chosen per file (script/CommonJS or module for JS, typescript-eslint for
 *   TS), with a fallback when the first guess does not parse;
 * - a rule that throws is recorded as a crash and the file is linted again without it, so one
 *   crash neither stops the run nor hides the other rules' reports;
 * - with `stats: true`, parse time and each rule's time come from ESLint's own measurements.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import { countNonBlankLines } from './files.js';
import type { RuleSelection } from './plugins.js';

/** How a file is parsed. */
export type ParseMode = 'commonjs' | 'module' | 'typescript';

/** Every file name the benches lint; the config applies to all of them, the mode decides parsing. */
const FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

/** `import x from`, `import {`, `import * as`, `import 'x'`, `export …` at the start of a line. */
const MODULE_SYNTAX =
  /^[ \t]*(?:import[ \t]*(?:[\w$]+[ \t]*(?:,|from\b)|\{|\*|['"])|export[ \t]+(?:default\b|const\b|let\b|var\b|function\b|async\b|class\b|\{|\*))/m;

/** The parse modes to try for a file, best guess first. */
export function parseModes(file: string, text: string): ParseMode[] {
  if (/\.(?:ts|mts|cts|tsx)$/.test(file)) return ['typescript'];
  if (file.endsWith('.mjs')) return ['module'];
  if (file.endsWith('.cjs')) return ['commonjs'];
  return MODULE_SYNTAX.test(text) ? ['module', 'commonjs'] : ['commonjs', 'module'];
}

function languageOptions(mode: ParseMode): Linter.LanguageOptions {
  if (mode === 'typescript') {
    return { parser: tsParser as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' };
  }
  return {
    ecmaVersion: 'latest',
    sourceType: mode,
    // JSX in .js files is common in node_modules; accepting it changes nothing for plain JS.
    parserOptions: { ecmaFeatures: { jsx: true } },
  };
}

export interface RuleCrash {
  ruleId: string;
  file: string;
  /** Line of the node being visited, when ESLint knows it. */
  line: number | undefined;
  /** The rule's own error message (ESLint's additions removed). */
  message: string;
  /** The first frames of the stack, to find the throwing line. */
  stack: string;
}

export interface ParseFailure {
  file: string;
  mode: ParseMode;
  message: string;
  line: number;
  column: number;
}

/** Time spent in one lint of one file, from ESLint's stats, in milliseconds. */
export interface LintTimes {
  parse: number;
  rules: Record<string, number>;
}

export interface FileLint {
  file: string;
  text: string;
  /** Non-blank lines. */
  lines: number;
  /** The mode that parsed (the first one tried when none did). */
  mode: ParseMode;
  /** Reports of the selected rules only. */
  messages: Linter.LintMessage[];
  parseFailure: ParseFailure | undefined;
  crashes: RuleCrash[];
  /** Set when stats are on and the file parsed. */
  times: LintTimes | undefined;
}

export type LintOutcome =
  | { kind: 'ok'; messages: Linter.LintMessage[]; fatal: Linter.LintMessage | undefined; times: LintTimes | undefined }
  | { kind: 'crash'; crash: RuleCrash };

export interface BenchLinterOptions {
  stats?: boolean;
  settings?: Record<string, unknown>;
}

/** Lints files with one rule selection; see the module comment. */
export class BenchLinter {
  readonly ruleIds: ReadonlySet<string>;
  readonly #selection: RuleSelection;
  readonly #options: BenchLinterOptions;
  readonly #instances = new Map<string, ESLint>();

  constructor(selection: RuleSelection, options: BenchLinterOptions = {}) {
    this.#selection = selection;
    this.#options = options;
    this.ruleIds = new Set(Object.keys(selection.rules));
  }

  #eslint(mode: ParseMode, excluded: ReadonlySet<string>): ESLint {
    const key = `${mode}|${[...excluded].sort().join(',')}`;
    let eslint = this.#instances.get(key);
    if (!eslint) {
      const rules = Object.fromEntries(Object.entries(this.#selection.rules).filter(([id]) => !excluded.has(id)));
      eslint = new ESLint({
        // The root as base path: files in node_modules and outside the repo are linted alike.
        cwd: '/',
        overrideConfigFile: true,
        overrideConfig: [
          { ignores: ['!**/node_modules/'] },
          {
            files: FILES,
            plugins: this.#selection.plugins,
            rules,
            settings: this.#options.settings ?? {},
            // Corpus code carries directives for other tools' rules; the benches ignore them all.
            linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
            languageOptions: languageOptions(mode),
          },
        ],
        stats: this.#options.stats ?? false,
        fix: false,
        cache: false,
      });
      this.#instances.set(key, eslint);
    }
    return eslint;
  }

  /** One lint of `text` as `file` in one mode; a rule's exception comes back as a crash. */
  async lintAs(text: string, file: string, mode: ParseMode, excluded: ReadonlySet<string> = new Set()): Promise<LintOutcome> {
    let results: ESLint.LintResult[];
    try {
      results = await this.#eslint(mode, excluded).lintText(text, { filePath: file, warnIgnored: true });
    } catch (error) {
      const crash = toCrash(error, file);
      if (!crash || !this.ruleIds.has(crash.ruleId) || excluded.has(crash.ruleId)) throw error;
      return { kind: 'crash', crash };
    }
    const result = results[0]!;
    const fatal = result.messages.find((m) => m.fatal);
    const ignored = result.messages.find((m) => m.ruleId === null && /^File ignored/.test(m.message));
    if (ignored) throw new Error(`ESLint ignored ${file}: ${ignored.message}`);
    return {
      kind: 'ok',
      messages: result.messages.filter((m) => m.ruleId !== null && this.ruleIds.has(m.ruleId)),
      fatal,
      times: result.stats ? sumTimes(result.stats) : undefined,
    };
  }

  /**
   * Lints one file: tries its parse modes in turn, and after a rule crash lints again without
   * that rule. `text` defaults to the file's contents.
   */
  async lintFile(file: string, text = readFileSync(file, 'utf8')): Promise<FileLint> {
    const modes = parseModes(file, text);
    const crashes: RuleCrash[] = [];
    const excluded = new Set<string>();
    const base = { file, text, lines: countNonBlankLines(text), crashes };
    let firstFailure: ParseFailure | undefined;
    for (let i = 0; i < modes.length; ) {
      const mode = modes[i]!;
      const outcome = await this.lintAs(text, file, mode, excluded);
      if (outcome.kind === 'crash') {
        crashes.push(outcome.crash);
        excluded.add(outcome.crash.ruleId);
        continue;
      }
      if (outcome.fatal) {
        firstFailure ??= {
          file,
          mode,
          message: outcome.fatal.message,
          line: outcome.fatal.line,
          column: outcome.fatal.column,
        };
        i++;
        continue;
      }
      return { ...base, mode, messages: outcome.messages, parseFailure: undefined, times: outcome.times };
    }
    return { ...base, mode: modes[0]!, messages: [], parseFailure: firstFailure, times: undefined };
  }
}

function sumTimes(stats: NonNullable<ESLint.LintResult['stats']>): LintTimes {
  const times: LintTimes = { parse: 0, rules: {} };
  for (const pass of stats.times.passes) {
    times.parse += pass.parse?.total ?? 0;
    for (const [id, t] of Object.entries(pass.rules ?? {})) times.rules[id] = (times.rules[id] ?? 0) + t.total;
  }
  return times;
}

/**
 * ESLint tags a listener's exception with `ruleId` and appends where it happened; an exception in
 * `create` only names the rule in the message. Anything else is not a rule crash (undefined).
 */
export function toCrash(error: unknown, file: string): RuleCrash | undefined {
  if (!(error instanceof Error)) return undefined;
  const tagged = (error as Error & { ruleId?: unknown }).ruleId;
  const fromCreate = /^Error while loading rule '([^']+)': /.exec(error.message);
  const ruleId = typeof tagged === 'string' ? tagged : fromCreate?.[1];
  if (!ruleId) return undefined;
  const where = /\nOccurred while linting [^\n]*?:(\d+)(?:\n|$)/.exec(error.message);
  const message = error.message
    .replace(/^Error while loading rule '[^']+': /, '')
    .replace(/\nOccurred while linting [\s\S]*$/, '');
  const stack = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 6)
    .join('\n');
  return {
    ruleId,
    file,
    line: where ? Number(where[1]) : undefined,
    message: `${error.name}: ${message}`,
    stack,
  };
}
