/**
 * `eslint-plugin-callback-discipline/deferred`: a TypeScript port of Twisted's Deferred
 * (`twisted.internet.defer`, as of Twisted 22.4). See README.md in this folder for the semantics
 * and for where and why it differs from Twisted.
 */
export { Clock, realClock, type DelayedCall, type ReactorTime } from './clock.js';
export {
  defaultUnhandledErrorReporter,
  getDebugging,
  setDebugging,
  setUnhandledErrorReporter,
  type ErrorReportDetails,
  type UnhandledErrorReporter,
} from './debug.js';
export {
  Deferred,
  fail,
  maybeDeferred,
  succeed,
  type CallbacksOptions,
  type Canceller,
  type DeferredResult,
  type Settled,
} from './deferred.js';
export { AlreadyCalledError, CancelledError, FirstError, TimeoutError } from './errors.js';
export { Failure, type ErrorClass, type ErrorMatcher } from './failure.js';
export {
  DeferredList,
  gatherResults,
  type DeferredListEntry,
  type DeferredListOptions,
  type DeferredListResult,
  type GatheredResults,
} from './list.js';
