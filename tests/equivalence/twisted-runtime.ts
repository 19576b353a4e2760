import { Deferred, Failure, fail, setUnhandledErrorReporter, succeed } from '../../src/deferred/index.js';
import { ERROR_MESSAGE, type Outcome, type Runtime, VALUE, formatValue } from './harness.js';

function fireDeferred(d: Deferred, outcome: Outcome): void {
  if (outcome === 'value') d.callback(VALUE);
  else d.errback(new Error(ERROR_MESSAGE));
}

/**
 * The reference Deferred: `source` is a new Deferred the harness fires after the program ran;
 * `fire(d)` fires a Deferred the program made; every Deferred seen is asked for its final result
 * (`d.result`) at the end, and a failure left there is consumed so that it is not reported as
 * unhandled later.
 */
export function twistedRuntime(): Runtime {
  const watched: Deferred[] = [];
  const watch = (d: unknown): Deferred => {
    if (!(d instanceof Deferred)) throw new TypeError(`not a Deferred: ${formatValue(d)}`);
    if (!watched.includes(d)) watched.push(d);
    return d;
  };
  const format = (value: unknown): string | undefined => {
    if (value instanceof Failure) return `Failure(${formatValue(value.value)})`;
    if (value instanceof Deferred) return '<Deferred>';
    return undefined;
  };
  return {
    name: 'twisted',
    globals: { Deferred, Failure, succeed, fail },
    makeSource() {
      const d = new Deferred();
      return { value: d, fire: (outcome) => fireDeferred(watch(d), outcome) };
    },
    fire: (target, outcome) => fireDeferred(watch(target), outcome),
    settle: (chain) => void watch(chain),
    finish(record) {
      for (const d of watched) {
        record(`result: ${formatValue(d.result, format)}`);
        if (d.result instanceof Failure) d.addErrback(() => null);
      }
    },
    async flush() {
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    format,
  };
}

/** Failures nobody handled would be reported when their Deferred is collected; the runs consume them. */
export function silenceUnhandledErrors(): () => void {
  const previous = setUnhandledErrorReporter(() => {});
  return () => void setUnhandledErrorReporter(previous);
}
