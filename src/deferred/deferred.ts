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
 * The errback `addCallbacks` uses when given none. Like Twisted's one-argument `_failthru`, it
 * refuses extra `errbackArgs` (a TypeError that becomes the new failure) instead of ignoring them.
 */
const failthrough = <R>(result: R, ...extra: unknown[]): R => {
  if (extra.length > 0) {
    throw new TypeError(`the default errback takes 1 argument (${extra.length + 1} given): pass an errback to use errbackArgs`);
  }
  return result;
};

const SELF_RETURN_WARNING =
  'Callback returned the Deferred it was attached to; this breaks the callback chain and will raise an exception in the future.';

function warnSelfReturn(): void {
  const nodeProcess = (globalThis as { process?: { emitWarning?: (message: string, type: string) => void } }).process;
  if (typeof nodeProcess?.emitWarning === 'function') nodeProcess.emitWarning(SELF_RETURN_WARNING, 'DeprecationWarning');
  else console.warn(`DeprecationWarning: ${SELF_RETURN_WARNING}`);
}

/*
 * A chain is stored flat, four slots per link: success function, failure function, success
 * arguments, failure arguments (no object per link: a pending Deferred with callbacks stays small).
 * A link whose success function is null is Twisted's `_CONTINUE` marker: its failure slot holds
 * the Deferred waiting on this one, which gets this one's result without recursion.
 */
const LINK_SIZE = 4;

const CALLED = 1;
const RUNNING = 2; // running a callback: links added meanwhile wait for the running loop
const SUPPRESS_ALREADY_CALLED = 4; // cancelled without a canceller: ignore the next fire

/** The state few Deferreds need. */
class Extra {
  canceller: Canceller<unknown> | null = null;
  /** The Deferred this one waits on, for `toString`. */
  chainedTo: Deferred<unknown> | null = null;
  debugInfo: DebugInfo | null = null;
  boundCallback: ((result: unknown) => void) | null = null;
  boundErrback: ((...error: [error?: unknown]) => void) | null = null;
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
  // Few fields, so that a pending Deferred stays small; what most Deferreds never need lives in
  // #extra, allocated on first use.
  #flags = 0;
  #paused = 0;
  #result: unknown = NO_RESULT;
  #links: unknown[] | null = null;
  #nextLink = 0;
  #extra: Extra | null = null;

  static {
    // `callback` and `errback` are handed around as plain functions (`reactor.callWhenRunning(
    // d.callback, 'x')`), so they are bound on first access; the interface above types them as
    // methods so that Deferred<T> stays covariant in T, like Promise<T>.
    Object.defineProperties(this.prototype, {
      callback: {
        configurable: true,
        get(this: Deferred<unknown>) {
          const extra = this.#getExtra();
          const callback = (extra.boundCallback ??= (result: unknown) => {
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
          const extra = this.#getExtra();
          const errback = (extra.boundErrback ??= (...error: [error?: unknown]) => {
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
    if (canceller !== undefined && canceller !== null) this.#getExtra().canceller = canceller as Canceller<unknown>;
    if (getDebugging()) this.#getDebugInfo().creationStack = captureStack();
  }

  /** Whether `callback` or `errback` has been called. */
  get called(): boolean {
    return (this.#flags & CALLED) !== 0;
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
    this.#addLink(callback, errback ?? failthrough, options?.callbackArgs ?? NO_ARGS, options?.errbackArgs ?? NO_ARGS);
    return this as unknown as Deferred<Settled<R1> | Settled<R2>>;
  }

  /** Add a callback; failures pass by it. */
  addCallback<R, A extends unknown[] = []>(callback: (result: T, ...args: A) => R, ...args: A): Deferred<Settled<R>> {
    if (typeof callback !== 'function') throw new TypeError('addCallback: callback must be a function');
    this.#addLink(callback, passthrough, args.length === 0 ? NO_ARGS : args, NO_ARGS);
    return this as unknown as Deferred<Settled<R>>;
  }

  /** Add an errback; results pass by it. Returning anything but a `Failure` recovers. */
  addErrback<R, A extends unknown[] = []>(errback: (failure: Failure, ...args: A) => R, ...args: A): Deferred<T | Settled<R>> {
    if (typeof errback !== 'function') throw new TypeError('addErrback: errback must be a function');
    this.#addLink(passthrough, errback, NO_ARGS, args.length === 0 ? NO_ARGS : args);
    return this as unknown as Deferred<T | Settled<R>>;
  }

  /** Add one function as both callback and errback: the `finally` of a chain. */
  addBoth<R, A extends unknown[] = []>(fn: (result: T | Failure, ...args: A) => R, ...args: A): Deferred<Settled<R>> {
    if (typeof fn !== 'function') throw new TypeError('addBoth: callback must be a function');
    const extra = args.length === 0 ? NO_ARGS : args;
    this.#addLink(fn, fn, extra, extra);
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
    if ((this.#flags & CALLED) !== 0) this.#runCallbacks();
  }

  /**
   * Cancel the operation. Unfired: call the canceller; unless that fired the Deferred, fail it with
   * `CancelledError`. Waiting on another Deferred: cancel that one. Fired: do nothing.
   */
  cancel(): void {
    if ((this.#flags & CALLED) === 0) {
      const canceller = this.#extra?.canceller ?? null;
      if (canceller !== null) {
        canceller(this);
      } else {
        // The operation knows nothing of the cancellation and will still fire us once.
        this.#flags |= SUPPRESS_ALREADY_CALLED;
      }
      if ((this.#flags & CALLED) === 0) this.#fire(new Failure(new CancelledError()));
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
    other.#getExtra().chainedTo = this as Deferred<unknown>;
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
        (result: T) => {
          resolve(result);
          return result;
        },
        (failure: Failure) => {
          observedFailures.add(failure);
          reject(failure.value);
          return failure;
        },
        NO_ARGS,
        NO_ARGS,
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
    const chainedTo = this.#extra?.chainedTo ?? null;
    if (chainedTo !== null) return `<${name} waiting on ${chainedTo.constructor.name}>`;
    if (this.#result === NO_RESULT) return `<${name}>`;
    return `<${name} current result: ${describe(this.#result)}>`;
  }

  // The public methods have checked that the functions are functions.
  #addLink(onSuccess: unknown, onFailure: unknown, successArgs: readonly unknown[], failureArgs: readonly unknown[]): void {
    if (this.#links === null) this.#links = [onSuccess, onFailure, successArgs, failureArgs];
    else this.#links.push(onSuccess, onFailure, successArgs, failureArgs);
    if ((this.#flags & CALLED) !== 0) this.#runCallbacks();
  }

  // Twisted's _startRunCallbacks. `entry` is the public function the user called: the stack of an
  // AlreadyCalledError starts at the user's call, not in here.
  #fire(result: unknown, entry?: (...args: never[]) => void): void {
    if ((this.#flags & CALLED) !== 0) {
      if ((this.#flags & SUPPRESS_ALREADY_CALLED) !== 0) {
        this.#flags &= ~SUPPRESS_ALREADY_CALLED;
        return;
      }
      let error: AlreadyCalledError;
      if (getDebugging()) {
        const debugInfo = this.#getDebugInfo();
        error = new AlreadyCalledError(`Deferred has already been called\n${debugInfo.describe()}`, debugInfo);
      } else {
        error = new AlreadyCalledError();
      }
      if (entry !== undefined && typeof Error.captureStackTrace === 'function') Error.captureStackTrace(error, entry);
      throw error;
    }
    if (getDebugging()) this.#getDebugInfo().firstFireStack = captureStack();
    this.#flags |= CALLED;
    this.#result = result;
    this.#runCallbacks();
  }

  /**
   * Run the callbacks of this Deferred and of every Deferred waiting on it: Twisted's
   * `_runCallbacks`. A Deferred waiting on another one left a waiter link on it; reaching that
   * link hands the result over and continues with the waiter, keeping the Deferred it came from on
   * an explicit stack (its later links still have to run), so nesting never grows the call stack.
   */
  #runCallbacks(): void {
    if ((this.#flags & RUNNING) !== 0) return; // a callback added a link to its own Deferred; the loop runs it
    let current = this as Deferred<unknown>;
    let resumeLater: Deferred<unknown>[] | null = null; // allocated only when a result is handed over
    for (;;) {
      if (current.#paused !== 0) return; // everything waiting on it waits longer
      if (current.#extra !== null) current.#extra.chainedTo = null;
      const waiter = current.#runLinks();
      if (waiter !== null) {
        (resumeLater ??= []).push(current);
        current = waiter;
        continue;
      }
      current.#settle();
      if (resumeLater === null || resumeLater.length === 0) return;
      current = resumeLater.pop()!;
    }
  }

  /**
   * Run this Deferred's links until they are used up, the result is a Deferred to wait for, or a
   * waiter link is reached; in the last case hand the result to the waiter and return it.
   */
  #runLinks(): Deferred<unknown> | null {
    const links = this.#links;
    if (links === null) return null;
    let i = this.#nextLink;
    let waiter: Deferred<unknown> | null = null;
    while (i < links.length) {
      const onSuccess = links[i] as LinkFunction | null;
      const onFailure = links[i + 1];
      const successArgs = links[i + 2] as readonly unknown[];
      const failureArgs = links[i + 3] as readonly unknown[];
      // Let the callbacks be collected once run: a long-lived Deferred may have many links.
      links[i] = links[i + 1] = links[i + 2] = links[i + 3] = undefined;
      i += LINK_SIZE;

      if (onSuccess === null) {
        waiter = onFailure as Deferred<unknown>;
        waiter.#result = this.#result;
        this.#result = undefined;
        this.#forgetFailure();
        waiter.#paused -= 1;
        break;
      }

      const result = this.#result;
      let next: unknown;
      this.#flags |= RUNNING;
      try {
        if (result instanceof Failure) {
          next = failureArgs.length === 0 ? (onFailure as LinkFunction)(result) : (onFailure as LinkFunction)(result, ...failureArgs);
        } else {
          next = successArgs.length === 0 ? onSuccess(result) : onSuccess(result, ...successArgs);
        }
      } catch (error) {
        next = toFailure(error);
      }
      this.#flags &= ~RUNNING;
      if (next === this) {
        // Twisted 22.4 only warns here, then treats the result like any returned Deferred: this
        // one waits on itself for ever. We keep 22.4's behaviour (the oracle checks it).
        warnSelfReturn();
      }
      this.#result = next;

      if (next instanceof Deferred) {
        const inner = next as Deferred<unknown>;
        const innerResult = inner.#result;
        if (innerResult === NO_RESULT || innerResult instanceof Deferred || inner.#paused !== 0) {
          // Wait for it: leave a waiter link on it. It is not running callbacks (it has no result,
          // or is paused), so the link is appended without running anything.
          this.#paused += 1;
          this.#getExtra().chainedTo = inner;
          if (inner.#links === null) inner.#links = [null, this, NO_ARGS, NO_ARGS];
          else inner.#links.push(null, this, NO_ARGS, NO_ARGS);
          break;
        }
        // It already has a result: take it. The inner Deferred is left with `undefined`, so its
        // failure, if any, now belongs to this one and is not reported twice.
        inner.#result = undefined;
        inner.#forgetFailure();
        this.#result = innerResult;
      }
    }
    if (i >= links.length) {
      this.#links = null;
      this.#nextLink = 0;
    } else {
      this.#nextLink = i;
    }
    return waiter;
  }

  /**
   * As much of the chain as can run has run: remember an unhandled failure for the
   * garbage-collection report, or forget one that has been handled.
   */
  #settle(): void {
    const result = this.#result;
    if (result instanceof Failure && !observedFailures.has(result)) {
      result.cleanFailure();
      const debugInfo = this.#getDebugInfo();
      debugInfo.failure = result;
      watchForUnhandled(this, debugInfo);
    } else {
      this.#forgetFailure();
    }
  }

  #getExtra(): Extra {
    return (this.#extra ??= new Extra());
  }

  #getDebugInfo(): DebugInfo {
    const extra = this.#getExtra();
    return (extra.debugInfo ??= new DebugInfo());
  }

  #forgetFailure(): void {
    const debugInfo = this.#extra?.debugInfo;
    if (debugInfo !== undefined && debugInfo !== null) debugInfo.failure = null;
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
