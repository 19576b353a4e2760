import { describe, expect, it, vi } from 'vitest';
import { AlreadyCalledError, Deferred, Failure, fail, maybeDeferred, succeed } from '../../src/deferred/index.js';
import { GenericError, collectUnhandledErrors, failureResultOf, successResultOf } from './helpers.js';

collectUnhandledErrors();

describe('firing and callback arguments', () => {
  it('passes the result alone to a callback without extra arguments', () => {
    const calls: unknown[][] = [];
    const d = new Deferred<string>();
    d.addCallback((...args: unknown[]) => calls.push(args));
    d.callback('hello');
    expect(calls).toEqual([['hello']]);
  });

  it('passes extra arguments after the result', () => {
    const calls: unknown[][] = [];
    const d = new Deferred<string>();
    d.addCallback(
      (result: string, a: string, b: number) => {
        calls.push([result, a, b]);
        return 'next';
      },
      'world',
      2,
    );
    d.addErrback((failure: Failure, a: string) => calls.push([failure, a]), 'unused');
    d.addBoth((result: unknown, a: string) => calls.push([result, a]), 'both');
    d.callback('hello');
    expect(calls).toEqual([
      ['hello', 'world', 2],
      ['next', 'both'],
    ]);
  });

  it('passes callbackArgs and errbackArgs of addCallbacks to the side that runs', () => {
    const calls: unknown[][] = [];
    const ok = new Deferred<string>();
    ok.addCallbacks(
      (result: string, a: number) => calls.push(['cb', result, a]),
      (failure: Failure, b: string) => calls.push(['eb', failure.getErrorMessage(), b]),
      { callbackArgs: [1], errbackArgs: ['x'] },
    );
    ok.callback('hi');
    const bad = new Deferred<string>();
    bad.addCallbacks(
      (result: string, a: number) => calls.push(['cb', result, a]),
      (failure: Failure, b: string) => calls.push(['eb', failure.getErrorMessage(), b]),
      { callbackArgs: [1], errbackArgs: ['x'] },
    );
    bad.errback(new Error('oops'));
    expect(calls).toEqual([
      ['cb', 'hi', 1],
      ['eb', 'oops', 'x'],
    ]);
  });

  it('runs callbacks in order, each getting the previous return value', () => {
    const seen: unknown[] = [];
    const d = new Deferred<number>();
    d.addCallback((x) => x + 1)
      .addCallback((x) => {
        seen.push(x);
        return String(x * 10);
      })
      .addCallback((s) => seen.push(s));
    d.callback(1);
    expect(seen).toEqual([2, '20']);
  });

  it('passes a failure through an addCallbacks link whose errback is null or omitted', () => {
    const error = new GenericError('oopsie');
    const d = new Deferred<string>();
    const callback = vi.fn();
    d.addCallbacks(callback, null);
    d.addCallbacks(callback);
    d.errback(error);
    expect(callback).not.toHaveBeenCalled();
    expect(failureResultOf(d).value).toBe(error);
  });

  it('runs callbacks added after firing at once', () => {
    const d = succeed('success');
    const seen: string[] = [];
    d.addCallback((r) => seen.push(r));
    expect(seen).toEqual(['success']);
    const failed = fail(new GenericError('fail'));
    const errors: Failure[] = [];
    failed.addErrback((f) => errors.push(f));
    expect(errors.map((f) => f.getErrorMessage())).toEqual(['fail']);
  });

  it('reports called and result', () => {
    const d = new Deferred<string>();
    expect([d.called, d.result]).toEqual([false, undefined]);
    d.addCallback((s) => s.toUpperCase());
    d.callback('abc');
    expect([d.called, d.result]).toEqual([true, 'ABC']);
  });

  it('returns the Deferred itself from the add methods', () => {
    const d = new Deferred<number>();
    expect(d.addCallback((x) => x)).toBe(d);
    expect(d.addErrback(() => 0)).toBe(d);
    expect(d.addBoth(() => 0)).toBe(d);
    expect(d.addCallbacks(() => 0)).toBe(d);
  });

  it('rejects non-function callbacks', () => {
    const d = new Deferred();
    expect(() => d.addCallback(42 as never)).toThrow(TypeError);
    expect(() => d.addErrback('x' as never)).toThrow(TypeError);
    expect(() => d.addBoth(null as never)).toThrow(TypeError);
    expect(() => d.addCallbacks(() => 1, 5 as never)).toThrow(TypeError);
  });
});

describe('callback() and errback() values', () => {
  it('wraps an Error given to errback in a Failure', () => {
    const error = new RangeError('I have failed.');
    const d = new Deferred();
    d.errback(error);
    const failure = failureResultOf(d);
    expect(failure).toBeInstanceOf(Failure);
    expect(failure.value).toBe(error);
    expect(failure.type).toBe(RangeError);
  });

  it('keeps a Failure given to errback', () => {
    const failure = new Failure(new Error('x'));
    const d = new Deferred();
    d.errback(failure);
    expect(failureResultOf(d)).toBe(failure);
  });

  it('wraps non-Error values as they are, including undefined', () => {
    for (const value of ['boom', 42, null, undefined, { code: 'E' }]) {
      const d = new Deferred();
      d.errback(value);
      expect(failureResultOf(d).value).toBe(value);
    }
  });

  it('fails with an Error saying so when errback() gets no argument at all', () => {
    const d = new Deferred();
    d.errback();
    const failure = failureResultOf(d, Error);
    expect(failure.getErrorMessage()).toBe('Failure created without an error (pass the caught error explicitly)');
  });

  it('treats callback(failure) like errback(failure)', () => {
    const failure = new Failure(new Error('x'));
    const d = new Deferred<string>();
    const callback = vi.fn();
    d.addCallback(callback);
    d.callback(failure);
    expect(callback).not.toHaveBeenCalled();
    expect(failureResultOf(d)).toBe(failure);
  });

  it('treats an Error given to callback as an ordinary result, as Twisted does', () => {
    const error = new Error('just a value');
    const d = new Deferred<Error>();
    d.callback(error);
    expect(successResultOf(d)).toBe(error);
  });

  it('refuses a Deferred as the result of callback()', () => {
    const d = new Deferred<unknown>();
    expect(() => d.callback(new Deferred())).toThrow(
      new TypeError('Deferred.callback() does not accept a Deferred; return it from a callback to chain it'),
    );
    expect(d.called).toBe(false);
  });

  it('lets callback and errback be called unbound, and binds each once', () => {
    const d = new Deferred<string>();
    const { callback } = d;
    expect(d.callback).toBe(callback);
    const seen: string[] = [];
    d.addCallback((r) => seen.push(r));
    [' x'].forEach(callback);
    expect(seen).toEqual([' x']);

    const e = new Deferred();
    const errback = e.errback;
    expect(e.errback).toBe(errback);
    setTimeout(errback, 0, new GenericError('later'));
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        expect(failureResultOf(e, GenericError).getErrorMessage()).toBe('later');
        resolve();
      }, 5);
    });
  });

  it('throws AlreadyCalledError from unbound functions too', () => {
    const d = new Deferred<number>();
    const { callback, errback } = d;
    callback(1);
    expect(() => callback(2)).toThrow(AlreadyCalledError);
    expect(() => errback(new Error('x'))).toThrow(AlreadyCalledError);
  });
});

describe('re-entrant callbacks', () => {
  it('appends a callback added by a running callback to the end of the chain', () => {
    const d = new Deferred<null>();
    const called: number[] = [];
    d.addCallback(() => {
      called.push(1);
      d.addCallback(() => called.push(3));
    });
    d.addCallback(() => called.push(2));
    d.callback(null);
    expect(called).toEqual([1, 2, 3]);
  });

  it('does not run a callback added by a running callback before that one returns', () => {
    const d = new Deferred<null>();
    const called: number[] = [];
    d.addCallback(() => {
      called.push(1);
      d.addCallback(() => called.push(2));
      expect(called).toEqual([1]);
    });
    d.callback(null);
    expect(called).toEqual([1, 2]);
  });

  it('fails with what a re-entrantly added callback throws', () => {
    const d = new Deferred<null>();
    d.addCallback(() => {
      d.addCallback(() => {
        throw new Error('callback raised exception');
      });
    });
    d.callback(null);
    expect(failureResultOf(d, Error).getErrorMessage()).toBe('callback raised exception');
  });
});

describe('toString', () => {
  it('shows the state', () => {
    const d = new Deferred<string>();
    expect(String(d)).toBe('<Deferred>');
    d.callback('orange');
    expect(String(d)).toBe('<Deferred current result: "orange">');
    const a = new Deferred();
    const b = new Deferred();
    b.chainDeferred(a);
    expect(String(a)).toBe('<Deferred waiting on Deferred>');
  });
});

describe('succeed, fail and maybeDeferred', () => {
  it('succeed and fail return fired Deferreds', () => {
    expect(successResultOf(succeed(3))).toBe(3);
    const error = new GenericError('x');
    expect(failureResultOf(fail(error)).value).toBe(error);
    const failure = new Failure(error);
    expect(failureResultOf(fail(failure))).toBe(failure);
  });

  it('maybeDeferred wraps a synchronous result', () => {
    const result = {};
    expect(successResultOf(maybeDeferred(() => result))).toBe(result);
  });

  it('maybeDeferred passes the arguments', () => {
    expect(successResultOf(maybeDeferred((x: number, y: number) => x + y, 10, 5))).toBe(15);
  });

  it('maybeDeferred turns a thrown error into a failure', () => {
    const error = new TypeError('bad');
    const d = maybeDeferred(() => {
      throw error;
    });
    expect(failureResultOf(d, TypeError).value).toBe(error);
  });

  it('maybeDeferred fails with a returned Failure, the same object', () => {
    const failure = new Failure(new TypeError('bad'));
    expect(failureResultOf(maybeDeferred(() => failure))).toBe(failure);
  });

  it('maybeDeferred returns a returned Deferred itself', () => {
    const inner = new Deferred<string>();
    const d = maybeDeferred(() => inner);
    expect(d).toBe(inner);
    inner.callback('Success');
    expect(successResultOf(d)).toBe('Success');
    const failing = new Deferred<string>();
    const d2 = maybeDeferred(() => failing);
    failing.errback(new RangeError('x'));
    failureResultOf(d2, RangeError);
  });

  it('maybeDeferred treats a returned promise as a plain value, as Twisted 22.4 treats coroutines', () => {
    const promise = Promise.resolve(1);
    expect(successResultOf(maybeDeferred(() => promise))).toBe(promise);
  });
});
