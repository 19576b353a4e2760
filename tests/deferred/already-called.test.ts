import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlreadyCalledError, Deferred, Failure, getDebugging, setDebugging } from '../../src/deferred/index.js';
import { collectUnhandledErrors } from './helpers.js';

collectUnhandledErrors();

// Named functions, so that their frames can be looked for in the debug stacks.
function call1(d: Deferred<string>): void {
  d.callback('hello');
}
function call2(d: Deferred<string>): void {
  d.callback('twice');
}
function err1(d: Deferred<string>): void {
  d.errback(new Failure(new RangeError()));
}
function err2(d: Deferred<string>): void {
  d.errback(new Failure(new RangeError()));
}

function makeDeferred(): Deferred<string> {
  const d = new Deferred<string>();
  d.addCallbacks(
    () => {},
    () => {},
  );
  return d;
}

function secondFireError(first: (d: Deferred<string>) => void, second: (d: Deferred<string>) => void): AlreadyCalledError {
  const d = makeDeferred();
  first(d);
  try {
    second(d);
  } catch (error) {
    expect(error).toBeInstanceOf(AlreadyCalledError);
    return error as AlreadyCalledError;
  }
  throw new Error('the second fire did not throw');
}

/** How many lines with `prefix` name a frame of `fn`. */
function count(message: string, prefix: ' C:' | ' I:', fn: string): number {
  return message.split('\n').filter((line) => line.startsWith(prefix) && new RegExp(`\\bat ${fn} `).test(line)).length;
}

const orderings = [
  ['callback then callback', call1, call2, 'call1', 'call2'],
  ['callback then errback', call1, err2, 'call1', 'err2'],
  ['errback then callback', err1, call2, 'err1', 'call2'],
  ['errback then errback', err1, err2, 'err1', 'err2'],
] as const;

describe('AlreadyCalledError without debugging', () => {
  beforeEach(() => setDebugging(false));

  it.each(orderings)('%s throws AlreadyCalledError', (_name, first, second) => {
    const error = secondFireError(first, second);
    expect(error.name).toBe('AlreadyCalledError');
    expect(error.message).toBe('Deferred has already been called');
    expect(error.creationStack).toBeUndefined();
    expect(error.firstFireStack).toBeUndefined();
    expect(Object.keys(error)).toEqual([]);
  });

  it('starts the error stack at the second caller', () => {
    const error = secondFireError(call1, call2);
    expect(error.stack?.split('\n')[1]).toMatch(/^\s+at call2 /);
  });

  it('does not run the callbacks again', () => {
    const seen: unknown[] = [];
    const d = new Deferred<string>();
    d.addCallbacks(
      (r) => seen.push(r),
      (f) => seen.push(f),
    );
    d.callback('first');
    expect(() => d.callback('second')).toThrow(AlreadyCalledError);
    expect(() => d.errback(new Error('third'))).toThrow(AlreadyCalledError);
    expect(seen).toEqual(['first']);
  });
});

describe('AlreadyCalledError with debugging', () => {
  let wasDebugging = false;
  beforeEach(() => {
    wasDebugging = getDebugging();
    setDebugging(true);
  });
  afterEach(() => setDebugging(wasDebugging));

  it.each(orderings)('%s names the creator and the first invoker', (_name, first, second, firstName, secondName) => {
    const error = secondFireError(first, second);
    const message = error.message;
    expect(message.split('\n')[0]).toBe('Deferred has already been called');
    // the creator is makeDeferred (via secondFireError), not any of the firing functions
    expect(count(message, ' C:', 'makeDeferred')).toBe(1);
    for (const fn of ['call1', 'call2', 'err1', 'err2']) expect(count(message, ' C:', fn)).toBe(0);
    // the first invoker is listed, the second is not
    expect(count(message, ' I:', firstName)).toBe(1);
    expect(count(message, ' I:', secondName)).toBe(0);
    // the same stacks, unprefixed, as properties; no frames of the Deferred implementation
    expect(error.creationStack).toMatch(/\bat makeDeferred /);
    expect(error.firstFireStack).toMatch(new RegExp(`\\bat ${firstName} `));
    expect(`${error.creationStack}\n${error.firstFireStack}`).not.toMatch(/src[/\\]deferred[/\\]/);
  });

  it('copes with debugging switched on and off between creating and firing', () => {
    setDebugging(false);
    const d = new Deferred<null>();
    d.addBoth(() => null);
    setDebugging(true);
    d.callback(null);
    const error = (() => {
      try {
        d.callback(null);
      } catch (e) {
        return e as AlreadyCalledError;
      }
      throw new Error('no error');
    })();
    expect(error.creationStack).toBeUndefined();
    expect(error.firstFireStack).toMatch(/\bat /);

    setDebugging(false);
    const e = new Deferred<null>();
    e.callback(null);
    setDebugging(true);
    e.addBoth(() => null);
    expect(() => e.callback(null)).toThrow(/^Deferred has already been called\n$/);
  });
});
