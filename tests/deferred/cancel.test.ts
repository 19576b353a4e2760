import { describe, expect, it, vi } from 'vitest';
import { AlreadyCalledError, CancelledError, Deferred, Failure } from '../../src/deferred/index.js';
import { GenericError, collectUnhandledErrors } from './helpers.js';

collectUnhandledErrors();

function watch<T>(d: Deferred<T>): { callbacks: T[]; errbacks: Failure[] } {
  const seen = { callbacks: [] as T[], errbacks: [] as Failure[] };
  d.addCallbacks(
    (r) => {
      seen.callbacks.push(r);
    },
    (f) => {
      seen.errbacks.push(f);
    },
  );
  return seen;
}

describe('cancel without a canceller', () => {
  it('fails with CancelledError', () => {
    const d = new Deferred<string>();
    const seen = watch(d);
    d.cancel();
    expect(seen.callbacks).toEqual([]);
    expect(seen.errbacks.map((f) => f.type)).toEqual([CancelledError]);
    expect(seen.errbacks[0]?.value).toMatchObject({ name: 'CancelledError', message: 'Deferred was cancelled' });
  });

  it('swallows the one late callback of the cancelled operation, then throws AlreadyCalledError', () => {
    const d = new Deferred<string | null>();
    const seen = watch(d);
    d.cancel();
    d.callback(null);
    expect(seen.callbacks).toEqual([]);
    expect(() => d.callback(null)).toThrow(AlreadyCalledError);
    expect(() => d.errback(new Error('x'))).toThrow(AlreadyCalledError);
  });

  it('swallows one late errback the same way', () => {
    const d = new Deferred<string>();
    const seen = watch(d);
    d.cancel();
    d.errback(new GenericError('late'));
    expect(seen.errbacks.map((f) => f.type)).toEqual([CancelledError]);
    expect(() => d.callback('x')).toThrow(AlreadyCalledError);
    expect(() => d.errback(new Error('x'))).toThrow(AlreadyCalledError);
  });

  it('ignores more cancels, before and after the late fire', () => {
    const d = new Deferred<string | null>();
    const seen = watch(d);
    d.cancel();
    const failure = seen.errbacks[0];
    d.cancel();
    d.callback(null);
    d.cancel();
    expect(seen.errbacks).toEqual([failure]);
  });
});

describe('cancel with a canceller', () => {
  it('calls the canceller once with the Deferred and fails with CancelledError if it did not fire', () => {
    const canceller = vi.fn();
    const d = new Deferred<string>(canceller);
    const seen = watch(d);
    d.cancel();
    d.cancel();
    expect(canceller).toHaveBeenCalledTimes(1);
    expect(canceller).toHaveBeenCalledWith(d);
    expect(seen.errbacks.map((f) => f.type)).toEqual([CancelledError]);
    // nothing is swallowed: the operation was told
    expect(() => d.callback('x')).toThrow(AlreadyCalledError);
    expect(() => d.errback(new Error('x'))).toThrow(AlreadyCalledError);
  });

  it('keeps the failure of a canceller that errbacks', () => {
    const d = new Deferred<string>((self) => self.errback(new GenericError('from canceller')));
    const seen = watch(d);
    d.cancel();
    expect(seen.errbacks.map((f) => f.type)).toEqual([GenericError]);
  });

  it('keeps the result of a canceller that callbacks', () => {
    const d = new Deferred<string>((self) => self.callback('hello!'));
    const seen = watch(d);
    d.cancel();
    expect(seen).toEqual({ callbacks: ['hello!'], errbacks: [] });
  });

  it('does nothing on a fired Deferred', () => {
    const canceller = vi.fn((self: Deferred<string>) => self.errback(new GenericError()));
    const ok = new Deferred<string>(canceller);
    const seenOk = watch(ok);
    ok.callback('biff!');
    ok.cancel();
    const bad = new Deferred<string>(canceller);
    const seenBad = watch(bad);
    bad.errback(new GenericError());
    bad.cancel();
    expect(canceller).not.toHaveBeenCalled();
    expect(seenOk).toEqual({ callbacks: ['biff!'], errbacks: [] });
    expect(seenBad.errbacks.map((f) => f.type)).toEqual([GenericError]);
  });

  it('lets an exception from the canceller propagate, leaving the Deferred unfired', () => {
    const d = new Deferred<string>(() => {
      throw new RangeError('canceller broke');
    });
    expect(() => d.cancel()).toThrow('canceller broke');
    expect(d.called).toBe(false);
  });

  it('cancels the Deferred that a fired Deferred is waiting on', () => {
    const innerCanceller = vi.fn();
    const b = new Deferred<null>(innerCanceller);
    const a = new Deferred<null>(() => {
      throw new Error('a is fired; its canceller must not run');
    });
    a.callback(null);
    a.addCallback(() => b);
    a.cancel();
    const seen = watch(a);
    expect(innerCanceller).toHaveBeenCalledTimes(1);
    expect(seen.errbacks.map((f) => f.type)).toEqual([CancelledError]);
  });
});
