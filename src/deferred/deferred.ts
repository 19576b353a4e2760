import { realClock, type ReactorTime } from './clock.js';
import { DebugInfo, captureStack, getDebugging, watchForUnhandled } from './debug.js';
import { AlreadyCalledError, CancelledError, TimeoutError } from './errors.js';
import { Failure } from './failure.js';

/**
 * What a callback's return value means for the next link: a returned Deferred is waited for and
 * contributes its result; a returned `Failure` switches to the error side and contributes nothing
 * to the success type.
 */
export type Settled<R> = R extends Deferred<infer U> ? U : R extends Failure ? never : R;

/** The result type of a Deferred. */
export type DeferredResult<D> = D extends Deferred<infer T> ? T : never;

/** Called by `cancel()` on an unfired Deferred; it may fire the Deferred itself. */
export type Canceller<T> = (deferred: Deferred<T>) => void;

/** Extra arguments for `addCallbacks`, passed after the result as in Twisted. */
export interface CallbacksOptions<A1 extends unknown[], A2 extends unknown[]> {
  callbackArgs?: A1;
  errbackArgs?: A2;
}

// A link's function receives the current result and the link's extra arguments.
type LinkFunction = (result: unknown, ...args: unknown[]) => unknown;

const NO_RESULT: unique symbol = Symbol('no result');
const NO_ARGS: readonly unknown[] = Object.freeze([]);

const passthrough = <R>(result: R): R => result;

/**
 * One callback/errback pair of a chain. A pair whose `waiter` is set is Twisted's `_CONTINUE`
 * marker: it hands this Deferred's result to the Deferred waiting on it, without recursion.
 */
class Link {
  constructor(
    readonly onSuccess: LinkFunction | null,
    readonly successArgs: readonly unknown[],
    readonly onFailure: LinkFunction | null,
    readonly failureArgs: readonly unknown[],
    readonly waiter: Deferred<unknown> | null,
  ) {}
}

/** Failures already handed to promise code by `then`/`asPromise`: not reported as unhandled. */
const observedFailures = new WeakSet<Failure>();

// The class defines these as bound getters (see its static block); declared here as methods so
// that they type-check bivariantly, keeping Deferred<T> covariant like Promise<T>.
export interface Deferred<T = unknown> {
  /**
   * Fire the success chain with `result` (a `Failure` fires the error chain instead). Throws
   * `AlreadyCalledError` if the Deferred has been fired before, and `TypeError` if `result` is a
   * Deferred (return it from a callback to chain instead). Works unbound:
   * `setTimeout(d.callback, 10, 'x')`.
   */
  callback(result: T | Failure): void;
  /**
   * Fire the error chain. `error` is wrapped in a `Failure` unless it is one. Called with no
   * argument, it fails with an `Error` saying so (JavaScript has no "current exception" to use, as
   * Twisted does). Throws `AlreadyCalledError` if fired before. Works unbound.
   */
  errback(...error: [error?: unknown]): void;
}

/**
 * A result that is not there yet, with two callback chains: Twisted's
 * `twisted.internet.defer.Deferred`.
 *
 * Callbacks run synchronously when the Deferred fires (or at once when it has already fired).
 * Each callback's return value replaces the result; throwing, or returning a `Failure`, switches to
 * the error chain, and an errback returning anything else switches back. A callback returning
 * another Deferred pauses this one until that one has a result. Nested Deferreds are processed with
 * an explicit stack, so chains of any length and depth run without growing the call stack.
 *
 * `await d` works: it resolves with the result or rejects with the failure's `value`, and counts
 * as handling the failure.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class Deferred<T = unknown> implements PromiseLike<T> {
  #called = false;
  #paused = 0;
  #result: unknown = NO_RESULT;
  #links: Link[] | null = null;
  #nextLink = 0;
  #running = false;
  #suppressAlreadyCalled = false;
  #canceller: Canceller<never> | null;
  #chainedTo: Deferred<unknown> | null = null;
  #debugInfo: DebugInfo | null = null;
  #boundCallback: ((result: unknown) => void) | null = null;
  #boundErrback: ((...error: [error?: unknown]) => void) | null = null;

  static {
    // `callback` and `errback` are handed around as plain functions (`reactor.callWhenRunning(
    // d.callback, 'x')`), so they are bound on first access; the interface above types them as
    // methods so that Deferred<T> stays covariant in T, like Promise<T>.
    Object.defineProperties(this.prototype, {
      callback: {
        configurable: true,
        get(this: Deferred<unknown>) {
          const callback = (this.#boundCallback ??= (result: unknown) => {
            if (result instanceof Deferred) {
              throw new TypeError('Deferred.callback() does not accept a Deferred; return it from a callback to chain it');
            }
            this.#fire(result, callback);
          });
          return callback;
        },
      },
      errback: {
        configurable: true,
        get(this: Deferred<unknown>) {
          const errback = (this.#boundErrback ??= (...error: [error?: unknown]) => {
            this.#fire(error.length === 0 ? new Failure() : toFailure(error[0]), errback);
          });
          return errback;
        },
      },
    });
  }

  /**
   * @param canceller called by `cancel()` while this Deferred has no result; it may fire the
   * Deferred. If it does not (or there is none), `cancel()` fails the Deferred with a
   * `CancelledError`. Without a canceller, the one `callback`/`errback` that the cancelled
   * operation will still make is ignored.
   */
  constructor(canceller?: Canceller<T> | null) {
    this.#canceller = (canceller ?? null) as Canceller<never> | null;
    if (getDebugging()) {
      this.#debugInfo = new DebugInfo();
      this.#debugInfo.creationStack = captureStack();
    }
  }

  /** Whether `callback` or `errback` has been called. */
  get called(): boolean {
    return this.#called;
  }

  /** How many `pause()` calls are not yet matched by `unpause()`. */
  get paused(): number {
    return this.#paused;
  }

  /**
   * The current result: `undefined` before firing; a `Failure` on the error side; the Deferred this
   * one is waiting on while it waits. Reading it does not handle a failure.
   */
  get result(): T | Failure | Deferred<T> | undefined {
    const result = this.#result;
    return result === NO_RESULT ? undefined : (result as T | Failure | Deferred<T>);
  }

  /**
   * Add a callback and an errback as one link; the errback defaults to passing the failure on.
   * Extra arguments come after the result. Returns this Deferred, retyped.
   */
  addCallbacks<R1, R2 = never, A1 extends unknown[] = [], A2 extends unknown[] = []>(
    callback: (result: T, ...args: A1) => R1,
    errback?: ((failure: Failure, ...args: A2) => R2) | null,
    options?: CallbacksOptions<A1, A2> | null,
  ): Deferred<Settled<R1> | Settled<R2>> {
    if (typeof callback !== 'function') throw new TypeError('addCallbacks: callback must be a function');
    if (errback !== undefined && errback !== null && typeof errback !== 'function') {
      throw new TypeError('addCallbacks: errback must be a function');
    }
    this.#addLink(
      new Link(
        callback as unknown as LinkFunction,
        options?.callbackArgs ?? NO_ARGS,
        (errback ?? passthrough) as unknown as LinkFunction,
        options?.errbackArgs ?? NO_ARGS,
        null,
      ),
    );
    return this as unknown as Deferred<Settled<R1> | Settled<R2>>;
  }

  /** Add a callback; failures pass by it. */
  addCallback<R, A extends unknown[] = []>(callback: (result: T, ...args: A) => R, ...args: A): Deferred<Settled<R>> {
    if (typeof callback !== 'function') throw new TypeError('addCallback: callback must be a function');
    this.#addLink(new Link(callback as unknown as LinkFunction, args.length === 0 ? NO_ARGS : args, passthrough, NO_ARGS, null));
    return this as unknown as Deferred<Settled<R>>;
  }

  /** Add an errback; results pass by it. Returning anything but a `Failure` recovers. */
  addErrback<R, A extends unknown[] = []>(errback: (failure: Failure, ...args: A) => R, ...args: A): Deferred<T | Settled<R>> {
    if (typeof errback !== 'function') throw new TypeError('addErrback: errback must be a function');
    this.#addLink(new Link(passthrough, NO_ARGS, errback as unknown as LinkFunction, args.length === 0 ? NO_ARGS : args, null));
    return this as unknown as Deferred<T | Settled<R>>;
  }

  /** Add one function as both callback and errback: the `finally` of a chain. */
  addBoth<R, A extends unknown[] = []>(fn: (result: T | Failure, ...args: A) => R, ...args: A): Deferred<Settled<R>> {
    if (typeof fn !== 'function') throw new TypeError('addBoth: callback must be a function');
    const extra = args.length === 0 ? NO_ARGS : args;
    this.#addLink(new Link(fn as unknown as LinkFunction, extra, fn as unknown as LinkFunction, extra, null));
    return this as unknown as Deferred<Settled<R>>;
  }

  /** Stop running callbacks until a matching `unpause()`. */
  pause(): void {
    this.#paused += 1;
  }

  /** Undo one `pause()`; when none is left, run the callbacks added meanwhile. */
  unpause(): void {
    this.#paused -= 1;
    // As in Twisted, any non-zero count (an unmatched unpause makes it negative) keeps it paused.
    if (this.#paused !== 0) return;
    if (this.#called) this.#runCallbacks();
  }

  /**
   * Cancel the operation. Unfired: call the canceller; unless that fired the Deferred, fail it with
   * `CancelledError`. Waiting on another Deferred: cancel that one. Fired: do nothing.
   */
  cancel(): void {
    if (!this.#called) {
      const canceller = this.#canceller;
      if (canceller !== null) {
        (canceller as Canceller<T>)(this);
      } else {
        // The operation knows nothing of the cancellation and will still fire us once.
        this.#suppressAlreadyCalled = true;
      }
      if (!this.#called) this.#fire(new Failure(new CancelledError()));
    } else if (this.#result instanceof Deferred) {
      this.#result.cancel();
    }
  }

  /**
   * Fire `other` with this Deferred's result: `this.addCallbacks(other.callback, other.errback)`.
   * This Deferred's result becomes `undefined` (the failure, if any, is handed over). Unlike a
   * returned Deferred, long `chainDeferred` chains do recurse.
   */
  chainDeferred(other: Deferred<T>): Deferred<undefined> {
    other.#chainedTo = this as Deferred<unknown>;
    return this.addCallbacks(other.callback, other.errback) as Deferred<undefined>;
  }

  /**
   * Cancel this Deferred if it has no result after `timeoutMs`, covering the callbacks added so far.
   * A timeout's `CancelledError` becomes a `TimeoutError`, or whatever `onTimeoutCancel(result,
   * timeoutMs)` makes of the result. A manual `cancel()` before then is left alone.
   */
  addTimeout(
    timeoutMs: number,
    clock: ReactorTime = realClock,
    onTimeoutCancel?: ((result: unknown, timeoutMs: number) => unknown) | null,
  ): Deferred<T> {
    let timedOut = false;
    const delayedCall = clock.callLater(timeoutMs, () => {
      timedOut = true;
      this.cancel();
    });
    this.addBoth((result) => (timedOut ? (onTimeoutCancel ?? cancelledToTimedOut)(result, timeoutMs) : result));
    this.addBoth((result) => {
      if (delayedCall.active()) delayedCall.cancel();
      return result;
    });
    return this;
  }

  /**
   * A promise that settles when this Deferred has a result at this point of its chain: fulfilled
   * with the result, or rejected with the failure's `value`. The chain is not changed, so later
   * callbacks still see the result; a failure handed over this way is not reported as unhandled.
   */
  asPromise(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#addLink(
        new Link(
          (result) => {
            resolve(result as T);
            return result;
          },
          NO_ARGS,
          (result) => {
            const failure = result as Failure;
            observedFailures.add(failure);
            reject(failure.value);
            return failure;
          },
          NO_ARGS,
          null,
        ),
      );
    });
  }

  /** Makes Deferreds awaitable: `asPromise().then(onFulfilled, onRejected)`. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.asPromise().then(onFulfilled, onRejected);
  }

  /**
   * A Deferred that fires when `promise` settles: with its value, or failing with its rejection
   * reason as is. Promises cannot be cancelled, so `cancel()` fails the Deferred with
   * `CancelledError` and the promise's eventual outcome is dropped.
   */
  static fromPromise<T>(promise: PromiseLike<T>): Deferred<T> {
    const deferred = new Deferred<T>();
    promise.then(
      (value) => deferred.#fire(value),
      (reason: unknown) => deferred.#fire(new Failure(reason)),
    );
    return deferred;
  }

  /** `<Deferred>`, `<Deferred current result: …>` or `<Deferred waiting on Deferred>`. */
  toString(): string {
    const name = this.constructor.name;
    if (this.#chainedTo !== null) return `<${name} waiting on ${this.#chainedTo.constructor.name}>`;
    if (this.#result === NO_RESULT) return `<${name}>`;
    return `<${name} current result: ${describe(this.#result)}>`;
  }

  #addLink(link: Link): void {
    if (this.#links === null) this.#links = [link];
    else this.#links.push(link);
    if (this.#called) this.#runCallbacks();
  }

  // Twisted's _startRunCallbacks. `entry` is the public function the user called: the stack of an
  // AlreadyCalledError starts at the user's call, not in here.
  #fire(result: unknown, entry?: (...args: never[]) => void): void {
    if (this.#called) {
      if (this.#suppressAlreadyCalled) {
        this.#suppressAlreadyCalled = false;
        return;
      }
      let error: AlreadyCalledError;
      if (getDebugging()) {
        const debugInfo = (this.#debugInfo ??= new DebugInfo());
        error = new AlreadyCalledError(`Deferred has already been called\n${debugInfo.describe()}`, debugInfo);
      } else {
        error = new AlreadyCalledError();
      }
      if (entry !== undefined && typeof Error.captureStackTrace === 'function') Error.captureStackTrace(error, entry);
      throw error;
    }
    if (getDebugging()) (this.#debugInfo ??= new DebugInfo()).firstFireStack = captureStack();
    this.#called = true;
    this.#result = result;
    this.#runCallbacks();
  }

  /**
   * Run the callbacks of this Deferred and of every Deferred waiting on it: Twisted's
   * `_runCallbacks`. `chain` is an explicit stack of Deferreds whose result has just arrived; a
   * Deferred waiting on another one is resumed by the `waiter` link it left on that one.
   */
  #runCallbacks(): void {
    if (this.#running) return; // a callback added a link to its own Deferred; the loop below runs it
    const chain: Deferred<unknown>[] = [this as Deferred<unknown>];
    while (chain.length > 0) {
      const current = chain[chain.length - 1]!;
      if (current.#paused !== 0) return; // everything below waits for it
      let finished = true;
      current.#chainedTo = null;
      for (;;) {
        const links = current.#links;
        if (links === null || current.#nextLink >= links.length) {
          current.#links = null;
          current.#nextLink = 0;
          break;
        }
        const link = links[current.#nextLink]!;
        links[current.#nextLink] = undefined as unknown as Link; // let the callback be collected
        current.#nextLink += 1;

        const waiter = link.waiter;
        if (waiter !== null) {
          // Hand our result to the Deferred that waits on us and continue with it, but come back
          // to us afterwards: links added after the waiter link still need to run.
          waiter.#result = current.#result;
          current.#result = undefined;
          if (current.#debugInfo !== null) current.#debugInfo.failure = null;
          waiter.#paused -= 1;
          chain.push(waiter);
          finished = false;
          break;
        }

        const failed = current.#result instanceof Failure;
        const fn = (failed ? link.onFailure : link.onSuccess)!;
        const args = failed ? link.failureArgs : link.successArgs;
        let next: unknown;
        current.#running = true;
        try {
          next = args.length === 0 ? fn(current.#result) : fn(current.#result, ...args);
          if (next === current) {
            // Twisted 22.4 warns and leaves the Deferred waiting on itself forever; with warnings
            // as errors the warning becomes the failure. We always take the error path.
            next = new Failure(new TypeError('Callback returned the Deferred it was attached to; this breaks the callback chain'));
          }
        } catch (error) {
          next = toFailure(error);
        } finally {
          current.#running = false;
        }
        current.#result = next;

        if (next instanceof Deferred) {
          const inner = next as Deferred<unknown>;
          const innerResult = inner.#result;
          if (innerResult === NO_RESULT || innerResult instanceof Deferred || inner.#paused !== 0) {
            // Wait for it: leave a waiter link on it. It is not running callbacks (it has no
            // result, or is paused), so the link can be appended directly.
            current.#paused += 1;
            current.#chainedTo = inner;
            const waiterLink = new Link(null, NO_ARGS, null, NO_ARGS, current);
            if (inner.#links === null) inner.#links = [waiterLink];
            else inner.#links.push(waiterLink);
            break;
          }
          // It already has a result: take it. The inner Deferred is left with `undefined`, so its
          // failure, if any, now belongs to us and is not reported twice.
          inner.#result = undefined;
          if (inner.#debugInfo !== null) inner.#debugInfo.failure = null;
          current.#result = innerResult;
        }
      }

      if (finished) {
        // As much of this chain as can run has run; remember an unhandled failure for the
        // garbage-collection report, or forget one that has been handled.
        const result = current.#result;
        if (result instanceof Failure && !observedFailures.has(result)) {
          result.cleanFailure();
          const debugInfo = (current.#debugInfo ??= new DebugInfo());
          debugInfo.failure = result;
          watchForUnhandled(current, debugInfo);
        } else if (current.#debugInfo !== null) {
          current.#debugInfo.failure = null;
        }
        chain.pop();
      }
    }
  }
}

function toFailure(error: unknown): Failure {
  return error instanceof Failure ? error : new Failure(error);
}

// Twisted's _cancelledToTimedOutError.
function cancelledToTimedOut(result: unknown, timeoutMs: number): unknown {
  if (result instanceof Failure) {
    result.trap(CancelledError);
    throw new TimeoutError(`Deferred timed out after ${timeoutMs} ms`, timeoutMs);
  }
  return result;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A Deferred that has already succeeded with `result`. */
export function succeed<T>(result: T): Deferred<T> {
  const deferred = new Deferred<T>();
  deferred.callback(result);
  return deferred;
}

/** A Deferred that has already failed with `error` (wrapped in a `Failure` unless it is one). */
export function fail<T = never>(...error: [error?: unknown]): Deferred<T> {
  const deferred = new Deferred<T>();
  deferred.errback(...error);
  return deferred;
}

/**
 * Call `fn(...args)` and always get a Deferred: the Deferred it returns, or one that has failed
 * with what it threw or the `Failure` it returned, or one that has succeeded with its result.
 * As in Twisted 22.4, a returned promise is just a value; use `Deferred.fromPromise` for those.
 */
export function maybeDeferred<R, A extends unknown[]>(fn: (...args: A) => R, ...args: A): Deferred<Settled<R>> {
  let result: R;
  try {
    result = fn(...args);
  } catch (error) {
    return fail(toFailure(error));
  }
  if (result instanceof Deferred) return result as Deferred<Settled<R>>;
  if (result instanceof Failure) return fail(result);
  return succeed(result as Settled<R>);
}
