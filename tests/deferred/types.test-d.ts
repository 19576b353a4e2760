import { describe, expectTypeOf, it } from 'vitest';
import {
  Deferred,
  DeferredList,
  Failure,
  FirstError,
  fail,
  gatherResults,
  maybeDeferred,
  succeed,
  type DeferredListEntry,
  type DeferredListOptions,
} from '../../src/deferred/index.js';

describe('Deferred types', () => {
  it('retypes the chain with each callback', () => {
    const d = new Deferred<string>();
    expectTypeOf(d.addCallback((s) => s.length)).toEqualTypeOf<Deferred<number>>();
    expectTypeOf(d.addCallback((s) => succeed(s.length))).toEqualTypeOf<Deferred<number>>();
    expectTypeOf(d.addCallback(() => new Failure(new Error()))).toEqualTypeOf<Deferred<never>>();
    expectTypeOf(d.addCallback((): void => {})).toEqualTypeOf<Deferred<void>>();
    expectTypeOf(d.addErrback(() => 0)).toEqualTypeOf<Deferred<string | number>>();
    expectTypeOf(d.addErrback((f) => f)).toEqualTypeOf<Deferred<string>>();
    expectTypeOf(d.addBoth((r) => r)).toEqualTypeOf<Deferred<string>>();
    expectTypeOf(d.addCallbacks((s) => s.length)).toEqualTypeOf<Deferred<number>>();
    expectTypeOf(d.addCallbacks((s) => s.length, () => 'fallback')).toEqualTypeOf<Deferred<number | string>>();
  });

  it('gives callbacks the current result type and errbacks a Failure', () => {
    new Deferred<string>().addCallbacks(
      (r) => expectTypeOf(r).toEqualTypeOf<string>(),
      (f) => expectTypeOf(f).toEqualTypeOf<Failure>(),
    );
    new Deferred<number>().addBoth((r) => expectTypeOf(r).toEqualTypeOf<number | Failure>());
  });

  it('checks extra arguments against the callback parameters', () => {
    const d = new Deferred<string>();
    d.addCallback((s: string, n: number, flag: boolean) => s.repeat(n) + String(flag), 2, true);
    // @ts-expect-error wrong type for the extra argument
    d.addCallback((s: string, n: number) => s.repeat(n), 'two');
    // @ts-expect-error missing extra argument
    d.addCallback((s: string, n: number) => s.repeat(n));
    d.addErrback((f: Failure, tag: string) => `${tag}: ${f.getErrorMessage()}`, 'tag');
    d.addCallbacks((s: string, n: number) => s.repeat(n), (_f: Failure, tag: string) => tag, { callbackArgs: [1], errbackArgs: ['x'] });
    // @ts-expect-error callbackArgs of the wrong type
    d.addCallbacks((s: string, n: number) => s.repeat(n), null, { callbackArgs: ['1'] });
  });

  it('types callback, errback and the readable state', () => {
    const d = new Deferred<string>();
    d.callback('x');
    d.callback(new Failure(new Error()));
    // @ts-expect-error wrong result type
    d.callback(1);
    d.errback(new Error());
    d.errback();
    expectTypeOf(d.callback).toEqualTypeOf<(result: string | Failure) => void>();
    expectTypeOf(d.called).toEqualTypeOf<boolean>();
    expectTypeOf(d.paused).toEqualTypeOf<number>();
    expectTypeOf(d.result).toEqualTypeOf<string | Failure | Deferred<string> | undefined>();
  });

  it('is covariant in its result type, like Promise', () => {
    expectTypeOf<Deferred<string>>().toExtend<Deferred<string | number>>();
    expectTypeOf<Deferred<string>>().toExtend<Deferred<unknown>>();
    expectTypeOf<Deferred<string>>().not.toExtend<Deferred<number>>();
  });

  it('is awaitable and converts to and from promises', async () => {
    expectTypeOf(await new Deferred<number>()).toEqualTypeOf<number>();
    expectTypeOf(new Deferred<number>().asPromise()).toEqualTypeOf<Promise<number>>();
    expectTypeOf(Deferred.fromPromise(Promise.resolve('x'))).toEqualTypeOf<Deferred<string>>();
    expectTypeOf(new Deferred<number>().then((n) => String(n))).toEqualTypeOf<Promise<string>>();
    expectTypeOf<Deferred<number>>().toExtend<PromiseLike<number>>();
  });

  it('types the canceller and addTimeout', () => {
    new Deferred<string>((d) => expectTypeOf(d).toEqualTypeOf<Deferred<string>>());
    expectTypeOf(new Deferred<string>().addTimeout(10)).toEqualTypeOf<Deferred<string>>();
    expectTypeOf(new Deferred<string>().chainDeferred(new Deferred<string>())).toEqualTypeOf<Deferred<undefined>>();
  });

  it('types succeed, fail and maybeDeferred', () => {
    expectTypeOf(succeed(1)).toEqualTypeOf<Deferred<number>>();
    expectTypeOf(fail(new Error())).toEqualTypeOf<Deferred<never>>();
    expectTypeOf(maybeDeferred(() => 'x')).toEqualTypeOf<Deferred<string>>();
    expectTypeOf(maybeDeferred(() => succeed(1))).toEqualTypeOf<Deferred<number>>();
    expectTypeOf(maybeDeferred((a: number, b: string) => b.repeat(a), 2, 'x')).toEqualTypeOf<Deferred<string>>();
    // @ts-expect-error arguments checked against the function
    maybeDeferred((a: number) => a, 'x');
  });
});

describe('Failure types', () => {
  it('returns the matching class from trap and check', () => {
    const f = new Failure(new RangeError());
    expectTypeOf(f.check(RangeError, TypeError)).toEqualTypeOf<RangeErrorConstructor | TypeErrorConstructor | null>();
    expectTypeOf(f.trap(RangeError)).toEqualTypeOf<RangeErrorConstructor>();
    expectTypeOf(f.check('RangeError', String)).toEqualTypeOf<'RangeError' | StringConstructor | null>();
    expectTypeOf(new Failure(new RangeError()).value).toEqualTypeOf<RangeError>();
    expectTypeOf(new Failure().value).toEqualTypeOf<unknown>();
  });
});

describe('DeferredList and gatherResults types', () => {
  const a = new Deferred<string>();
  const b = new Deferred<number>();

  it('fires with entries by default', () => {
    expectTypeOf(new DeferredList([a, b])).toExtend<Deferred<DeferredListEntry<string | number>[]>>();
    expectTypeOf(new DeferredList([a], { consumeErrors: true })).toExtend<Deferred<DeferredListEntry<string>[]>>();
    expectTypeOf(new DeferredList([a], { fireOnOneCallback: false })).toExtend<Deferred<DeferredListEntry<string>[]>>();
  });

  it('fires with [result, index] with fireOnOneCallback: true', () => {
    expectTypeOf(new DeferredList([a], { fireOnOneCallback: true })).toExtend<Deferred<[result: string, index: number]>>();
  });

  it('fires with either when the option is only known to be a boolean', () => {
    const options: DeferredListOptions = {};
    expectTypeOf(new DeferredList([a], options)).toExtend<Deferred<[result: string, index: number] | DeferredListEntry<string>[]>>();
  });

  it('narrows entries on success', () => {
    new DeferredList([a]).addCallback((entries) => {
      for (const entry of entries) {
        if (entry[0]) expectTypeOf(entry[1]).toEqualTypeOf<string>();
        else expectTypeOf(entry[1]).toEqualTypeOf<Failure>();
      }
    });
  });

  it('gathers tuples position by position, and iterables as arrays', () => {
    expectTypeOf(gatherResults([a, b])).toEqualTypeOf<Deferred<[string, number]>>();
    const many: Deferred<number>[] = [b];
    expectTypeOf(gatherResults(many)).toEqualTypeOf<Deferred<number[]>>();
    expectTypeOf(gatherResults(new Set([b]))).toEqualTypeOf<Deferred<number[]>>();
  });

  it('exposes FirstError fields', () => {
    expectTypeOf(new FirstError(new Failure(new Error()), 1).subFailure).toEqualTypeOf<Failure>();
    expectTypeOf(new FirstError(new Failure(new Error()), 1).index).toEqualTypeOf<number>();
  });
});
