/**
 * The oracle scenario language: a small program over named Deferreds that
 * scripts/oracle/twisted_runner.py (real Twisted) and scripts/oracle/runner.ts
 * (our Deferred) interpret the same way. README.md next to this file is the
 * specification; these types are its machine-checked half.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Error classes a scenario can raise: mapped to an Exception subclass in Python and an Error subclass in JS. */
export const SCENARIO_ERRORS = ['E1', 'E2', 'E3', 'E1Sub', 'Runaway'] as const;
/** Library error classes a scenario can raise or trap (`Exception` is Python's base / JS `Error`). */
export const LIBRARY_ERRORS = ['CancelledError', 'TimeoutError', 'AlreadyCalledError', 'FirstError', 'Exception'] as const;

export type ScenarioErrorName = (typeof SCENARIO_ERRORS)[number];
export type LibraryErrorName = (typeof LIBRARY_ERRORS)[number];
export type ErrorName = ScenarioErrorName | LibraryErrorName;

/** A deferred reference: a scenario name, or `$arg` inside a handler (the handler's first argument). */
export type Ref = string;

/** What a handler returns once its `run` steps are done. */
export type Ret =
  | 'arg'
  | 'none'
  | { value: Json }
  | { wrap: string }
  | { add: number }
  | { raise: ErrorName; msg?: string }
  | { failure: ErrorName; msg?: string }
  | { deferred: Ref };

export interface Handler {
  /** Steps run when the handler is called, before it returns (reentrancy: fire, add, cancel …). */
  run?: Step[];
  /** Defaults to `"arg"`: the handler passes its first argument through. */
  ret?: Ret;
}

export interface DeferredSpec {
  name: string;
  /** Name of a handler called with the Deferred when it is cancelled. */
  canceller?: string;
}

export type Step =
  | { op: 'addCallback' | 'addErrback' | 'addBoth'; d: Ref; h: string; args?: Json[] }
  | { op: 'addCallbacks'; d: Ref; cb: string; eb?: string | null; cbArgs?: Json[]; ebArgs?: Json[] }
  | { op: 'callback'; d: Ref; value?: Json; failure?: ErrorName; msg?: string; deferred?: Ref }
  | { op: 'errback'; d: Ref; error: ErrorName; msg?: string; wrap?: boolean }
  | { op: 'pause' | 'unpause' | 'cancel'; d: Ref }
  | { op: 'chainDeferred'; d: Ref; to: Ref }
  | { op: 'addTimeout'; d: Ref; timeout: number; onTimeoutCancel?: string }
  | { op: 'advance'; by: number }
  | { op: 'new'; as: string; canceller?: string }
  | { op: 'succeed'; as: string; value?: Json }
  | { op: 'fail'; as: string; error: ErrorName; msg?: string; wrap?: boolean }
  | { op: 'maybeDeferred'; as: string; h: string; args?: Json[] }
  | {
      op: 'DeferredList';
      as: string;
      of: Ref[];
      fireOnOneCallback?: boolean;
      fireOnOneErrback?: boolean;
      consumeErrors?: boolean;
    }
  | { op: 'gatherResults'; as: string; of: Ref[]; consumeErrors?: boolean }
  | { op: 'setDebugging'; on: boolean }
  | { op: 'trap' | 'check'; types: ErrorName[] };

export type Op = Step['op'];

export interface Scenario {
  /** `group/name`, unique across all scenarios. */
  id: string;
  /** What the scenario checks, and the Twisted test it mirrors if any. */
  doc?: string;
  /** Created before the first step, in order. A bare string is a Deferred without canceller. */
  deferreds?: (string | DeferredSpec)[];
  handlers?: Record<string, Handler>;
  steps: Step[];
  /** Run with `setDebugging(true)` from the start. */
  debug?: boolean;
}

/** One recorded scenario: the program and Twisted's trace of it. */
export interface RecordedScenario {
  scenario: Scenario;
  trace: string[];
}

export interface FixtureFile {
  group: string;
  /** Twisted version the traces were recorded from. */
  twisted: string;
  scenarios: RecordedScenario[];
}

/** Steps whose return value Twisted defines (the Deferred itself); the trace records it. */
export const RETURNING_OPS: ReadonlySet<Op> = new Set<Op>([
  'addCallback',
  'addErrback',
  'addBoth',
  'addCallbacks',
  'addTimeout',
  'chainDeferred',
]);

/** Limits that stop runaway random programs at the same point in both interpreters. */
export const MAX_DEPTH = 8;
export const MAX_CALLS = 200;

/** The `#i …` line that opens a step's trace. */
export function stepHead(index: number, step: Step): string {
  let head = `#${index} ${step.op}`;
  if ('d' in step) head += ` ${step.d}`;
  if ('as' in step) head += ` ${step.as}`;
  return head;
}
