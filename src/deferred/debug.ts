import type { Failure } from './failure.js';

let debugging = false;

/**
 * Turn Deferred debugging on or off. While it is on, new Deferreds record where they were created
 * and fired Deferreds where they were first fired; `AlreadyCalledError` and unhandled-error reports
 * include both stacks. It costs a stack capture per Deferred, so leave it off in production.
 */
export function setDebugging(on: boolean): void {
  debugging = Boolean(on);
}

/** Whether Deferred debugging is on. */
export function getDebugging(): boolean {
  return debugging;
}

// Frames from this directory are the Deferred's own machinery; users want to see their code.
const OWN_DIRECTORY = new URL('.', import.meta.url);
const OWN_PATH = decodeURIComponent(OWN_DIRECTORY.pathname);

/** The current call stack as `    at …` lines, without the Deferred implementation's frames. */
export function captureStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  const stack = new Error('stack').stack ?? '';
  Error.stackTraceLimit = limit;
  return stack
    .split('\n')
    .slice(1)
    .filter((line) => !line.includes(OWN_PATH) && !line.includes(OWN_DIRECTORY.href))
    .join('\n');
}

/**
 * What a Deferred remembers for debugging and unhandled-error reporting: Twisted's `DebugInfo`.
 * It must never reference its Deferred, or the `FinalizationRegistry` would keep it alive.
 */
export class DebugInfo {
  /** The Deferred's final result when that result is an unhandled `Failure`. */
  failure: Failure | null = null;
  creationStack: string | undefined = undefined;
  firstFireStack: string | undefined = undefined;
  registered = false;

  /** The ` C:`/` I:` block Twisted appends to `AlreadyCalledError` and unhandled-error logs. */
  describe(): string {
    let text = '';
    if (this.creationStack !== undefined) text += ` C: Deferred was created:\n${prefixLines(this.creationStack, ' C:')}\n`;
    if (this.firstFireStack !== undefined) text += ` I: First Invoker was:\n${prefixLines(this.firstFireStack, ' I:')}\n`;
    return text;
  }
}

function prefixLines(stack: string, prefix: string): string {
  return stack
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** What the reporter is told besides the failure. */
export interface ErrorReportDetails {
  /** "Unhandled error in Deferred:", or what went wrong otherwise. */
  message: string;
  /** Where the Deferred was created, when debugging was on. */
  creationStack?: string;
  /** Where the Deferred was first fired, when debugging was on. */
  firstFireStack?: string;
}

/** Receives errors nobody handled: failures left at the end of a garbage-collected Deferred. */
export type UnhandledErrorReporter = (failure: Failure, details: ErrorReportDetails) => void;

/** Writes the message, the failure's traceback and any debug stacks to stderr. */
export const defaultUnhandledErrorReporter: UnhandledErrorReporter = (failure, details) => {
  const debugInfo = new DebugInfo();
  debugInfo.creationStack = details.creationStack;
  debugInfo.firstFireStack = details.firstFireStack;
  const debugText = debugInfo.describe();
  console.error(`${details.message}\n${failure.getTraceback()}${debugText === '' ? '' : `\n(debug:\n${debugText})`}`);
};

let reporter: UnhandledErrorReporter = defaultUnhandledErrorReporter;

/**
 * Replace the function that reports unhandled errors (Twisted logs them); returns the previous
 * one, so tests can restore it.
 */
export function setUnhandledErrorReporter(next: UnhandledErrorReporter): UnhandledErrorReporter {
  if (typeof next !== 'function') throw new TypeError('setUnhandledErrorReporter expects a function');
  const previous = reporter;
  reporter = next;
  return previous;
}

/** Hand an error to the current reporter. */
export function reportError(failure: Failure, message: string, debugInfo?: DebugInfo): void {
  const details: ErrorReportDetails = { message };
  if (debugInfo?.creationStack !== undefined) details.creationStack = debugInfo.creationStack;
  if (debugInfo?.firstFireStack !== undefined) details.firstFireStack = debugInfo.firstFireStack;
  reporter(failure, details);
}

/**
 * The registry's cleanup callback: the Deferred owning `debugInfo` was garbage-collected; if its
 * last result was a `Failure` nobody handled, report it. Exported for tests only.
 */
export function reportIfUnhandled(debugInfo: DebugInfo): void {
  const failure = debugInfo.failure;
  if (failure === null) return;
  debugInfo.failure = null;
  reportError(failure, 'Unhandled error in Deferred:', debugInfo);
}

const registry = new FinalizationRegistry<DebugInfo>(reportIfUnhandled);

/** Watch `deferred` so that, once collected, an unhandled failure in `debugInfo` is reported. */
export function watchForUnhandled(deferred: object, debugInfo: DebugInfo): void {
  if (debugInfo.registered) return;
  debugInfo.registered = true;
  registry.register(deferred, debugInfo);
}
