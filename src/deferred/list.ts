import { reportError } from './debug.js';
import { Deferred, type DeferredResult } from './deferred.js';
import { FirstError } from './errors.js';
import { Failure } from './failure.js';

export interface DeferredListOptions {
  /** Fire with `[result, index]` as soon as one Deferred succeeds. */
  fireOnOneCallback?: boolean;
  /** Fail with a `FirstError` as soon as one Deferred fails. */
  fireOnOneErrback?: boolean;
  /**
   * Turn each failure into an `undefined` result on its Deferred once the list has seen it, so it
   * is neither passed to errbacks added later nor reported as unhandled.
   */
  consumeErrors?: boolean;
}

/** One entry of a `DeferredList` result: `[true, result]` or `[false, failure]`. */
export type DeferredListEntry<T> = [success: true, result: T] | [success: false, failure: Failure];

type FireOnOneCallback<O> = 'fireOnOneCallback' extends keyof O ? O['fireOnOneCallback' & keyof O] : false;

/**
 * What a `DeferredList` fires with: `[result, index]` with `fireOnOneCallback: true`, else the list
 * of entries (either, when the option is only known to be a boolean).
 */
export type DeferredListResult<T, O> =
  FireOnOneCallback<O> extends true
    ? [result: T, index: number]
    : FireOnOneCallback<O> extends false | undefined
      ? DeferredListEntry<T>[]
      : [result: T, index: number] | DeferredListEntry<T>[];

/**
 * A Deferred for a group of Deferreds: Twisted's `DeferredList`. By default it fires, once every
 * Deferred has fired, with one `[success, resultOrFailure]` entry per Deferred, in order; it never
 * fails. It works by adding a link to each Deferred, so it sees their results at the point where
 * it was created, and callbacks added to them later see what it passes on.
 */
export class DeferredList<
  D extends Deferred<unknown> = Deferred<unknown>,
  O extends DeferredListOptions = Record<never, never>,
  // The result type of the Deferreds; D (not T) is what is inferred, so that lists of Deferreds
  // with different result types work.
  T = DeferredResult<D>,
> extends Deferred<DeferredListResult<T, O>> {
  readonly fireOnOneCallback: boolean;
  readonly fireOnOneErrback: boolean;
  readonly consumeErrors: boolean;
  /** The entries so far; `undefined` where a Deferred has not fired yet. */
  readonly resultList: (DeferredListEntry<T> | undefined)[];
  /** How many of the Deferreds have fired. */
  finishedCount = 0;
  readonly #deferreds: D[];

  constructor(deferreds: Iterable<D>, options?: O) {
    super();
    this.#deferreds = [...deferreds];
    this.resultList = Array.from({ length: this.#deferreds.length }, () => undefined);
    this.fireOnOneCallback = options?.fireOnOneCallback ?? false;
    this.fireOnOneErrback = options?.fireOnOneErrback ?? false;
    this.consumeErrors = options?.consumeErrors ?? false;
    if (this.#deferreds.length === 0 && !this.fireOnOneCallback) this.callback([] as unknown as DeferredListResult<T, O>);

    const onResult = (result: unknown, index: number, succeeded: boolean): unknown => {
      this.resultList[index] = [succeeded, result] as DeferredListEntry<T>;
      this.finishedCount += 1;
      if (!this.called) {
        if (succeeded && this.fireOnOneCallback) {
          this.callback([result, index] as DeferredListResult<T, O>);
        } else if (!succeeded && this.fireOnOneErrback) {
          this.errback(new Failure(new FirstError(result as Failure, index)));
        } else if (this.finishedCount === this.resultList.length) {
          this.callback(this.resultList as DeferredListResult<T, O>);
        }
      }
      return !succeeded && this.consumeErrors ? undefined : result;
    };
    this.#deferreds.forEach((deferred, index) => {
      deferred.addCallbacks(onResult, onResult, { callbackArgs: [index, true], errbackArgs: [index, false] });
    });
  }

  /**
   * Unfired: cancel every Deferred of the list (an exception from one of them is reported, and the
   * others are still cancelled). Fired: do nothing, even if some Deferreds are still running.
   */
  override cancel(): void {
    if (this.called) return;
    for (const deferred of this.#deferreds) {
      try {
        deferred.cancel();
      } catch (error) {
        reportError(error instanceof Failure ? error : new Failure(error), 'Exception raised from user supplied canceller');
      }
    }
  }
}

/** The results of a tuple or array of Deferreds, position by position. */
export type GatheredResults<D extends readonly Deferred<unknown>[]> = { -readonly [K in keyof D]: DeferredResult<D[K]> };

/**
 * A Deferred for the results of all `deferreds`, in order; it fails with a `FirstError` as soon as
 * one of them fails. Cancelling it cancels them all.
 */
export function gatherResults<const D extends readonly Deferred<unknown>[]>(
  deferreds: D,
  options?: { consumeErrors?: boolean },
): Deferred<GatheredResults<D>>;
export function gatherResults<D extends Deferred<unknown>>(
  deferreds: Iterable<D>,
  options?: { consumeErrors?: boolean },
): Deferred<DeferredResult<D>[]>;
export function gatherResults<D extends Deferred<unknown>>(
  deferreds: Iterable<D>,
  options?: { consumeErrors?: boolean },
): Deferred<DeferredResult<D>[]> {
  const list = new DeferredList(deferreds, { fireOnOneErrback: true, consumeErrors: options?.consumeErrors ?? false });
  return list.addCallback((entries) => entries.map((entry) => entry[1] as DeferredResult<D>));
}
