/**
 * The behaviour-equivalence harness: lint a program with `no-duplicate-cleanup`, apply one of its
 * suggestions the way ESLint applies fixes, and run the original and the rewritten program on a
 * real runtime (native promises, or the reference Deferred) with injected recorders, so that two
 * event traces can be compared.
 */
import { Linter, type Rule } from 'eslint';
import rule from '../../src/rules/no-duplicate-cleanup.js';

// ---------------------------------------------------------------------------------------------
// Linting and applying a suggestion.

const RULE_ID = 'cd/no-duplicate-cleanup';

function config(ruleModule: Rule.RuleModule, options: object): Linter.Config[] {
  return [
    {
      plugins: { cd: { rules: { 'no-duplicate-cleanup': ruleModule } } },
      rules: { [RULE_ID]: ['error', options] },
      languageOptions: { ecmaVersion: 'latest', sourceType: 'script' },
    },
  ];
}

/** The rule's reports on `code`. Throws if the code does not parse. */
export function lint(code: string, options: object = {}): Linter.LintMessage[] {
  const messages = new Linter({ configType: 'flat' }).verify(code, config(rule as unknown as Rule.RuleModule, options));
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`does not parse: ${fatal.message} at ${fatal.line}:${fatal.column}\n${code}`);
  return messages;
}

/**
 * A variant of the rule whose `n`-th report carries its first suggestion as a fix, so that
 * `Linter.verifyAndFix` — ESLint's own fix application, public API — rewrites the code exactly as
 * an editor applying that suggestion would. Later passes fix nothing, so one suggestion is applied.
 */
function suggestionAsFix(reportIndex: number): Rule.RuleModule {
  const base = rule as unknown as Rule.RuleModule;
  let pass = 0;
  return {
    meta: { ...base.meta, fixable: 'code' },
    create(context) {
      const thisPass = pass++;
      let index = 0;
      const wrapped = Object.create(context, {
        report: {
          value(descriptor: Rule.ReportDescriptor) {
            const mine = thisPass === 0 && index++ === reportIndex;
            const { suggest, ...rest } = descriptor as Rule.ReportDescriptor & { suggest?: Rule.SuggestionReportDescriptor[] | null };
            const fix = mine ? suggest?.[0]?.fix : undefined;
            context.report({ ...rest, ...(fix ? { fix } : {}) } as Rule.ReportDescriptor);
          },
        },
      }) as Rule.RuleContext;
      return base.create(wrapped);
    },
  };
}

/** `code` with the first suggestion of the rule's `reportIndex`-th report applied by ESLint. */
export function applySuggestion(code: string, options: object = {}, reportIndex = 0): string {
  const result = new Linter({ configType: 'flat' }).verifyAndFix(code, config(suggestionAsFix(reportIndex), options));
  if (!result.fixed) throw new Error(`report ${reportIndex} has no suggestion to apply`);
  return result.output;
}

// ---------------------------------------------------------------------------------------------
// Running a program.

export type Outcome = 'value' | 'error';

export interface Scenario {
  /** How the chain's source fires. */
  readonly outcome: Outcome;
  /** Recorder names (`stop`, `reactor.stop`, `show`, …) that throw after recording their call. */
  readonly throwing?: readonly string[];
}

/** A runtime for one style: how the program's source is made and fired, and how results read. */
export interface Runtime {
  readonly name: string;
  /** Globals the runtime adds (`Deferred`, `Failure`, …). */
  readonly globals: Readonly<Record<string, unknown>>;
  /** The injected `source`, not fired yet. */
  makeSource(): { value: unknown; fire(outcome: Outcome): void };
  /** Fire a completion the program handed to `fire(x)`. */
  fire(target: unknown, outcome: Outcome): void;
  /** Record the final result of a chain the program handed to `settle(x)`. */
  settle(chain: unknown, record: (line: string) => void): void;
  /** Called once the run is over, to record results that are read at the end. */
  finish(record: (line: string) => void): void;
  /** Let asynchronous handlers run. */
  flush(): Promise<void>;
  /** Formats runtime-specific values (a Failure), or undefined for plain values. */
  format(value: unknown): string | undefined;
}

export const VALUE = 'Another short poem.';
export const ERROR_MESSAGE = 'poem download failed';

export function formatValue(value: unknown, formatSpecial?: (value: unknown) => string | undefined): string {
  const special = formatSpecial?.(value);
  if (special !== undefined) return special;
  if (value instanceof Error) return `${value.name}(${value.message})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return '<function>';
  if (value instanceof Promise) return '<Promise>';
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return '<object>';
    }
  }
  return String(value);
}

/** Names of injected functions that record their calls. */
const FUNCTIONS = [
  'show',
  'render',
  'report',
  'log',
  'cleanup',
  'stop',
  'done',
  'finish',
  'alert',
  'use',
  'parse',
  'notify',
  'work',
];
/** Names of injected objects whose every method records its calls (`spinner.hide()`). */
const OBJECTS = ['spinner', 'lock', 'conn', 'ui', 'socket', 'emitter', 'stream', 'state', 'db'];

/**
 * Runs `code` (a script) with recorders injected and returns the event trace: every recorder
 * call with its arguments, what was thrown, and each chain's final result.
 */
export async function run(code: string, makeRuntime: () => Runtime, scenario: Scenario): Promise<string[]> {
  const runtime = makeRuntime();
  const trace: string[] = [];
  const record = (line: string) => trace.push(line);
  const fmt = (v: unknown) => formatValue(v, runtime.format);
  const throwing = new Set(scenario.throwing ?? []);
  const recorder =
    (name: string) =>
    (...args: unknown[]): unknown => {
      record(`${name}(${args.map(fmt).join(', ')})`);
      if (throwing.has(name)) throw new Error(`${name} failed`);
      return undefined;
    };
  const object = (name: string) =>
    new Proxy(
      {},
      {
        get: (_target, prop) => (typeof prop === 'string' ? recorder(`${name}.${prop}`) : undefined),
        set: (_target, prop, value) => {
          record(`${name}.${String(prop)} = ${fmt(value)}`);
          return true;
        },
      },
    );

  const whenRunning: (() => void)[] = [];
  const reactor = {
    stop: recorder('reactor.stop'),
    callWhenRunning: (fn: (...a: unknown[]) => unknown, ...args: unknown[]) => whenRunning.push(() => fn(...args)),
    run: () => {
      record('reactor.run()');
      for (const job of whenRunning.splice(0)) job();
    },
  };
  const consoleRecorder = { log: recorder('console.log'), error: recorder('console.error') };
  let timers = 0;
  const source = runtime.makeSource();
  const injected: Record<string, unknown> = {
    ...runtime.globals,
    source: source.value,
    reactor,
    console: consoleRecorder,
    trace: (...args: unknown[]) => record(`trace(${args.map(fmt).join(', ')})`),
    fire: (target: unknown) => runtime.fire(target, scenario.outcome),
    settle: (chain: unknown) => runtime.settle(chain, record),
    setTimeout: () => ++timers,
    clearTimeout: recorder('clearTimeout'),
    clearInterval: recorder('clearInterval'),
    // A Node-style API: calls back once, with the scenario's outcome.
    readFile: (path: unknown, callback: (error: unknown, value?: unknown) => void) => {
      record(`readFile(${fmt(path)})`);
      if (scenario.outcome === 'value') callback(null, VALUE);
      else callback(new Error(ERROR_MESSAGE));
    },
  };
  for (const name of FUNCTIONS) injected[name] = recorder(name);
  for (const name of OBJECTS) injected[name] = object(name);

  const names = Object.keys(injected);
  try {
    // The programs are this repository's own test cases, run to compare two versions of them.
    new Function(...names, `'use strict';\n${code}`)(...names.map((n) => injected[n]));
  } catch (error) {
    record(`program threw ${fmt(error)}`);
  }
  // Programs that make their own completion (the lesson's `new Deferred()`) leave `source` alone.
  if (/\bsource\b/u.test(code)) {
    try {
      source.fire(scenario.outcome);
    } catch (error) {
      record(`firing threw ${fmt(error)}`);
    }
  }
  await runtime.flush();
  runtime.finish(record);
  return trace;
}

// ---------------------------------------------------------------------------------------------
// Native promises.

/** Native promises: `source` is a pending promise; `settle(p)` records how `p` settles. */
export function promiseRuntime(): Runtime {
  return {
    name: 'promise',
    globals: {},
    makeSource() {
      let resolve!: (v: unknown) => void;
      let reject!: (e: unknown) => void;
      const value = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return {
        value,
        fire: (outcome) => (outcome === 'value' ? resolve(VALUE) : reject(new Error(ERROR_MESSAGE))),
      };
    },
    fire() {
      throw new Error('promise programs are fired through `source`');
    },
    settle(chain, record) {
      (chain as Promise<unknown>).then(
        (v) => record(`settled: fulfilled ${formatValue(v)}`),
        (e) => record(`settled: rejected ${formatValue(e)}`),
      );
    },
    finish() {},
    async flush() {
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    },
    format: () => undefined,
  };
}

/** No asynchronous source: for `try`/`catch` and Node-style callbacks (`readFile`). */
export function plainRuntime(): Runtime {
  return {
    name: 'plain',
    globals: {},
    makeSource: () => ({ value: undefined, fire() {} }),
    fire() {
      throw new Error('plain programs fire nothing');
    },
    settle() {
      throw new Error('plain programs settle nothing');
    },
    finish() {},
    async flush() {},
    format: () => undefined,
  };
}
