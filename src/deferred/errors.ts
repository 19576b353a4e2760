import type { Failure } from './failure.js';

/**
 * Raised by `callback()`/`errback()` on a Deferred that has already been fired.
 *
 * With debugging on (`setDebugging(true)`) the message carries the stack where the Deferred was
 * created (` C:` lines) and where it was first fired (` I:` lines), as in Twisted; the same stacks
 * are available as `creationStack` and `firstFireStack`.
 */
export class AlreadyCalledError extends Error {
  static {
    this.prototype.name = 'AlreadyCalledError';
  }

  /** Where the Deferred was created, when debugging was on at that moment. */
  declare readonly creationStack?: string;
  /** Where the Deferred was first fired, when debugging was on at that moment. */
  declare readonly firstFireStack?: string;

  constructor(message = 'Deferred has already been called', stacks?: { creationStack?: string | undefined; firstFireStack?: string | undefined }) {
    super(message);
    // Only set when known, so that a plain AlreadyCalledError prints without empty fields.
    if (stacks?.creationStack !== undefined) Object.defineProperty(this, 'creationStack', { value: stacks.creationStack, enumerable: true });
    if (stacks?.firstFireStack !== undefined) Object.defineProperty(this, 'firstFireStack', { value: stacks.firstFireStack, enumerable: true });
  }
}

/** The error a Deferred fails with when it is cancelled and its canceller did not fire it. */
export class CancelledError extends Error {
  static {
    this.prototype.name = 'CancelledError';
  }

  constructor(message = 'Deferred was cancelled') {
    super(message);
  }
}

/** The error `addTimeout` turns a timeout's `CancelledError` into. */
export class TimeoutError extends Error {
  static {
    this.prototype.name = 'TimeoutError';
  }

  /** The timeout that expired, in milliseconds, when known. */
  readonly timeout: number | undefined;

  constructor(message = 'Deferred timed out', timeout?: number) {
    super(message);
    this.timeout = timeout;
  }
}

/**
 * The first failure of a `DeferredList` with `fireOnOneErrback` (and so of `gatherResults`):
 * `subFailure` is the failure, `index` the position of the Deferred that produced it.
 */
export class FirstError extends Error {
  static {
    this.prototype.name = 'FirstError';
  }

  readonly subFailure: Failure;
  readonly index: number;

  constructor(subFailure: Failure, index: number) {
    // Twisted's str(FirstError) is "FirstError[#index, str(failure)]"; we keep that shape.
    super(`FirstError[#${index}, ${String(subFailure)}]`);
    this.subFailure = subFailure;
    this.index = index;
  }
}
