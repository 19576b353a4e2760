import { afterAll, beforeAll, expect } from 'vitest';
import {
  Deferred,
  Failure,
  setUnhandledErrorReporter,
  type ErrorMatcher,
  type ErrorReportDetails,
} from '../../src/deferred/index.js';

/**
 * Twisted trial's `successResultOf`: the result a fired Deferred has now. Like trial, it takes
 * the result (the Deferred is left with `undefined`).
 */
export function successResultOf<T>(deferred: Deferred<T>): T {
  const results: unknown[] = [];
  deferred.addBoth((result) => {
    results.push(result);
  });
  expect(results, 'the Deferred has no result yet').toHaveLength(1);
  if (results[0] instanceof Failure) throw new Error(`expected a result, got ${String(results[0])}`);
  return results[0] as T;
}

/** Twisted trial's `failureResultOf`: the Failure a fired Deferred has now (handling it). */
export function failureResultOf(deferred: Deferred<unknown>, ...types: ErrorMatcher[]): Failure {
  const results: unknown[] = [];
  deferred.addBoth((result) => {
    results.push(result);
  });
  expect(results, 'the Deferred has no result yet').toHaveLength(1);
  const failure = results[0];
  if (!(failure instanceof Failure)) throw new Error(`expected a Failure, got ${String(failure)}`);
  if (types.length > 0 && failure.check(...types) === null) throw new Error(`unexpected failure ${String(failure)}`);
  return failure;
}

/** Twisted trial's `assertNoResult`. */
export function expectNoResult(deferred: Deferred<unknown>): void {
  const seen: unknown[] = [];
  deferred.addBoth((result) => {
    seen.push(result);
    return result;
  });
  expect(seen, 'the Deferred has a result').toEqual([]);
}

/**
 * Route unhandled-error reports of this test file into an array instead of stderr: tests fail
 * deferreds on purpose, and garbage collection may report them at any time.
 */
export function collectUnhandledErrors(): { failure: Failure; details: ErrorReportDetails }[] {
  const reports: { failure: Failure; details: ErrorReportDetails }[] = [];
  let previous: ReturnType<typeof setUnhandledErrorReporter> | undefined;
  beforeAll(() => {
    previous = setUnhandledErrorReporter((failure, details) => reports.push({ failure, details }));
  });
  afterAll(() => {
    if (previous !== undefined) setUnhandledErrorReporter(previous);
  });
  return reports;
}

export class GenericError extends Error {
  static {
    this.prototype.name = 'GenericError';
  }
}
