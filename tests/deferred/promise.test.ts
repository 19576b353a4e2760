import { describe, expect, it } from 'vitest';
import { CancelledError, Deferred, Failure, fail, succeed } from '../../src/deferred/index.js';
import { collectUnhandledErrors, expectNoResult, failureResultOf, successResultOf } from './helpers.js';

collectUnhandledErrors();

describe('await and then', () => {
  it('awaits a fired Deferred', async () => {
    expect(await succeed(5)).toBe(5);
  });

  it('awaits a Deferred fired later', async () => {
    const d = new Deferred<string>();
    setTimeout(d.callback, 1, 'later');
    expect(await d).toBe('later');
  });

  it('rejects with the failure value, not the Failure', async () => {
    const error = new RangeError('x');
    await expect(fail(error)).rejects.toBe(error);
    await expect(fail('just a string')).rejects.toBe('just a string');
  });

  it('awaits the result at the point of the chain where then was called', async () => {
    const d = new Deferred<number>();
    d.addCallback((x) => x + 1);
    const awaited = d.then((x) => x);
    d.addCallback((x) => x * 100);
    d.callback(1);
    expect(await awaited).toBe(2);
    expect(successResultOf(d)).toBe(200);
  });

  it('leaves the result in place, so it can be awaited twice and later callbacks see it', async () => {
    const d = succeed('value');
    expect(await d).toBe('value');
    expect(await d).toBe('value');
    expect(successResultOf(d)).toBe('value');
    const failing = fail(new RangeError('x'));
    await expect(failing).rejects.toBeInstanceOf(RangeError);
    await expect(failing).rejects.toBeInstanceOf(RangeError);
    failureResultOf(failing, RangeError);
  });

  it('follows a chain that waits on another Deferred', async () => {
    const inner = new Deferred<string>();
    const outer = succeed(1).addCallback(() => inner);
    setTimeout(inner.callback, 1, 'inner result');
    expect(await outer).toBe('inner result');
  });

  it('chains like a promise', async () => {
    const result = await succeed(2)
      .then((x) => x * 3)
      .then((x) => `${x}!`);
    expect(result).toBe('6!');
    expect(await fail(new Error('e')).then(undefined, (e: unknown) => (e as Error).message)).toBe('e');
  });

  it('is adopted by Promise.resolve and by async functions returning it', async () => {
    expect(await Promise.resolve(succeed('adopted'))).toBe('adopted');
    const fromAsync = async (): Promise<string> => succeed('returned');
    expect(await fromAsync()).toBe('returned');
  });
});

describe('asPromise', () => {
  it('settles with the result or the failure value without changing the chain', async () => {
    const ok = new Deferred<string>();
    const promise = ok.asPromise();
    ok.callback('x');
    expect(await promise).toBe('x');
    expect(successResultOf(ok)).toBe('x');

    const error = new RangeError('y');
    const bad = new Deferred<string>();
    const rejected = bad.asPromise();
    bad.errback(error);
    await expect(rejected).rejects.toBe(error);
    expect(failureResultOf(bad).value).toBe(error);
  });

  it('stays pending while the Deferred is paused', async () => {
    const d = succeed('x');
    d.pause();
    let settled = false;
    const promise = d.asPromise().then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(settled).toBe(false);
    d.unpause();
    await promise;
    expect(settled).toBe(true);
  });
});

describe('Deferred.fromPromise', () => {
  it('fires with the fulfilled value', async () => {
    const d = Deferred.fromPromise(Promise.resolve(7));
    expectNoResult(d);
    await Promise.resolve();
    expect(successResultOf(d)).toBe(7);
  });

  it('fails with the rejection reason as it is', async () => {
    for (const reason of [new RangeError('x'), 'text', undefined]) {
      const d = Deferred.fromPromise(Promise.reject(reason));
      await new Promise((resolve) => setTimeout(resolve, 0));
      const failure = failureResultOf(d);
      expect(failure).toBeInstanceOf(Failure);
      expect(failure.value).toBe(reason);
    }
  });

  it('accepts any thenable', async () => {
    const thenable = { then: (resolve: (v: string) => void) => resolve('thenable') };
    const d = Deferred.fromPromise(thenable as PromiseLike<string>);
    expect(successResultOf(d)).toBe('thenable');
    await Promise.resolve();
  });

  it('can be cancelled; the promise outcome is then dropped', async () => {
    let resolve!: (value: string) => void;
    const d = Deferred.fromPromise(new Promise<string>((r) => (resolve = r)));
    d.cancel();
    failureResultOf(d, CancelledError);
    resolve('too late');
    await new Promise((r) => setTimeout(r, 0));
    expect(d.result).toBeUndefined(); // failureResultOf took the failure; the late value was dropped
  });

  it('round-trips through await', async () => {
    expect(await Deferred.fromPromise(Promise.resolve('round'))).toBe('round');
    const error = new Error('trip');
    await expect(Deferred.fromPromise(Promise.reject(error))).rejects.toBe(error);
  });
});
