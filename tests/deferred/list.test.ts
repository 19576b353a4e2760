import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  Deferred,
  DeferredList,
  Failure,
  FirstError,
  fail,
  gatherResults,
  succeed,
  type DeferredListEntry,
} from '../../src/deferred/index.js';
import { GenericError, collectUnhandledErrors, expectNoResult, failureResultOf, successResultOf } from './helpers.js';

const reports = collectUnhandledErrors();

const callbackCanceller = (d: Deferred<string>): void => d.callback('Callback Result');

/** Entries with failures replaced by their error messages, for comparing. */
function plain<T>(entries: DeferredListEntry<T>[]): [boolean, unknown][] {
  return entries.map(([ok, value]) => [ok, value instanceof Failure ? value.getErrorMessage() : value]);
}

describe('DeferredList', () => {
  it('fires with [success, result] entries in order once all have fired', () => {
    const [d1, d2, d3] = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
    const dl = new DeferredList([d1, d2, d3]);
    const results: DeferredListEntry<string>[][] = [];
    dl.addCallbacks((r) => results.push(r));
    d1.callback('1');
    d2.addErrback(() => null);
    d2.errback(new GenericError('2'));
    expect(results).toEqual([]);
    d3.callback('3');
    expect(results.map(plain)).toEqual([
      [
        [true, '1'],
        [false, '2'],
        [true, '3'],
      ],
    ]);
    expect(dl.finishedCount).toBe(3);
  });

  it('fires at once with [] when empty, and never with fireOnOneCallback', () => {
    expect(successResultOf(new DeferredList([]))).toEqual([]);
    expectNoResult(new DeferredList([], { fireOnOneCallback: true }));
  });

  it('with fireOnOneCallback, fires with [result, index] on the first success', () => {
    const [d1, d2] = [new Deferred<string>(), new Deferred<string>()];
    const dl = new DeferredList([d1, d2], { fireOnOneCallback: true });
    d1.errback(new GenericError('no'));
    expectNoResult(dl);
    d2.callback('yes');
    expect(successResultOf(dl)).toEqual(['yes', 1]);
    failureResultOf(d1, GenericError);
  });

  it('with fireOnOneErrback, fails with a FirstError on the first failure', () => {
    const [d1, d2, d3] = [new Deferred<string>(), new Deferred<string>(), new Deferred<string>()];
    const dl = new DeferredList([d1, d2, d3], { fireOnOneErrback: true });
    const errors: Failure[] = [];
    dl.addErrback((f) => errors.push(f));
    d2.addErrback(() => null);
    d1.callback('1');
    expect(errors).toEqual([]);
    d2.errback(new GenericError('from def2'));
    expect(errors).toHaveLength(1);
    const firstError = errors[0]!.value as FirstError;
    expect(errors[0]!.type).toBe(FirstError);
    expect(firstError.subFailure.type).toBe(GenericError);
    expect(firstError.subFailure.getErrorMessage()).toBe('from def2');
    expect(firstError.index).toBe(1);
    expect(firstError.name).toBe('FirstError');
    expect(firstError.message).toBe('FirstError[#1, [Failure instance: GenericError: from def2]]');
  });

  it('passes failures on to later errbacks unless consumeErrors', () => {
    for (const consumeErrors of [false, true]) {
      const d1 = new Deferred<null>();
      const dl = new DeferredList([d1], { consumeErrors });
      const errorTrap: Failure[] = [];
      d1.addErrback((f) => errorTrap.push(f));
      const lists: DeferredListEntry<null>[][] = [];
      dl.addCallback((r) => lists.push(r));
      d1.errback(new GenericError('Bang'));
      expect(errorTrap.map((f) => f.getErrorMessage())).toEqual(consumeErrors ? [] : ['Bang']);
      expect(lists.map(plain)).toEqual([[[false, 'Bang']]]);
    }
  });

  it('sees Deferreds that fired before it was made', () => {
    const d1 = fail<number>(new GenericError('Bang'));
    const d2 = succeed(2);
    const dl = new DeferredList([d1, d2]);
    expect(plain(successResultOf(dl))).toEqual([
      [false, 'Bang'],
      [true, 2],
    ]);
    d1.addErrback(() => null);
    const e1 = fail<number>(new GenericError('Bang'));
    const failing = new DeferredList([e1, new Deferred<number>()], { fireOnOneErrback: true });
    failureResultOf(failing, FirstError);
    e1.addErrback(() => null);
  });

  it('takes any iterable', () => {
    function* deferreds(): Generator<Deferred<number>> {
      yield succeed(1);
      yield succeed(2);
    }
    expect(plain(successResultOf(new DeferredList(deferreds())))).toEqual([
      [true, 1],
      [true, 2],
    ]);
  });
});

describe('DeferredList.cancel', () => {
  it('cancels every Deferred of an unfired list', () => {
    const [one, two] = [new Deferred<null>(), new Deferred<null>()];
    const dl = new DeferredList([one, two]);
    dl.cancel();
    failureResultOf(one, CancelledError);
    failureResultOf(two, CancelledError);
    expect(plain(successResultOf(dl))).toEqual([
      [false, 'Deferred was cancelled'],
      [false, 'Deferred was cancelled'],
    ]);
  });

  it('fires with what the cancellers produced', () => {
    const one = new Deferred<string>(callbackCanceller);
    const two = new Deferred<string>();
    const dl = new DeferredList([one, two]);
    dl.cancel();
    failureResultOf(two, CancelledError);
    const result = successResultOf(dl);
    expect(result[0]).toEqual([true, 'Callback Result']);
    expect(result[1]![0]).toBe(false);
    expect((result[1]![1] as Failure).check(CancelledError)).toBe(CancelledError);
  });

  it('with fireOnOneCallback, fires with the canceller result', () => {
    const dl = new DeferredList([new Deferred<string>(callbackCanceller), new Deferred<string>()], { fireOnOneCallback: true });
    dl.cancel();
    expect(successResultOf(dl)).toEqual(['Callback Result', 0]);
  });

  it('with fireOnOneErrback, fails with a FirstError of the CancelledError', () => {
    const [one, two] = [new Deferred<null>(), new Deferred<null>()];
    const dl = new DeferredList([one, two], { fireOnOneErrback: true });
    dl.cancel();
    failureResultOf(one, CancelledError);
    failureResultOf(two, CancelledError);
    const firstError = failureResultOf(dl, FirstError).value as FirstError;
    expect(firstError.subFailure.check(CancelledError)).toBe(CancelledError);
    expect(firstError.index).toBe(0);
  });

  it('with fireOnOneErrback, succeeds if every canceller callbacks', () => {
    const dl = new DeferredList([new Deferred<string>(callbackCanceller), new Deferred<string>(callbackCanceller)], {
      fireOnOneErrback: true,
    });
    dl.cancel();
    expect(successResultOf(dl)).toEqual([
      [true, 'Callback Result'],
      [true, 'Callback Result'],
    ]);
  });

  it('cancels only the Deferreds it was given', () => {
    const [one, two, three] = [new Deferred<null>(), new Deferred<null>(), new Deferred<null>()];
    const given = [one, two];
    const dl = new DeferredList(given);
    given.push(three);
    dl.cancel();
    failureResultOf(one, CancelledError);
    failureResultOf(two, CancelledError);
    expectNoResult(three);
  });

  it('reports an exception from a canceller and cancels the others', () => {
    const before = reports.length;
    const one = new Deferred<null>(() => {
      throw new RangeError('test');
    });
    const two = new Deferred<null>();
    new DeferredList([one, two]).cancel();
    failureResultOf(two, CancelledError);
    const report = reports.slice(before).find((r) => r.details.message === 'Exception raised from user supplied canceller');
    expect(report?.failure.type).toBe(RangeError);
  });

  it('does nothing once fired by fireOnOneCallback or fireOnOneErrback', () => {
    const [one, two] = [new Deferred<null>(), new Deferred<null>()];
    const dl = new DeferredList([one, two], { fireOnOneCallback: true });
    one.callback(null);
    dl.cancel();
    expectNoResult(two);

    const [three, four] = [new Deferred<null>(), new Deferred<null>()];
    const dl2 = new DeferredList([three, four], { fireOnOneErrback: true });
    three.errback(new GenericError('test'));
    dl2.cancel();
    expectNoResult(four);
    failureResultOf(three, GenericError);
    failureResultOf(dl2, FirstError);
  });
});

describe('gatherResults', () => {
  it('fires with the results in order', () => {
    expect(successResultOf(gatherResults([succeed(1), succeed(2)]))).toEqual([1, 2]);
    expect(successResultOf(gatherResults([]))).toEqual([]);
  });

  it('fails with a FirstError on the first failure', () => {
    const list = [succeed(1), fail<number>(new RangeError('x'))];
    const failure = failureResultOf(gatherResults(list), FirstError);
    expect((failure.value as FirstError).subFailure.type).toBe(RangeError);
    list[1]!.addErrback(() => 1);
  });

  it('with consumeErrors, turns the failure into undefined on its Deferred', () => {
    const good = succeed(1);
    const bad = fail<number>(new RangeError('oh noes'));
    const d = gatherResults([good, bad], { consumeErrors: true });
    const unconsumed: Failure[] = [];
    bad.addErrback((f) => unconsumed.push(f));
    const gathered = failureResultOf(d, FirstError);
    expect(unconsumed).toEqual([]);
    expect((gathered.value as FirstError).subFailure.value).toBeInstanceOf(RangeError);
  });

  it('cancels every Deferred when cancelled', () => {
    const [one, two] = [new Deferred<null>(), new Deferred<null>()];
    const result = gatherResults([one, two]);
    result.cancel();
    failureResultOf(one, CancelledError);
    failureResultOf(two, CancelledError);
    expect((failureResultOf(result, FirstError).value as FirstError).subFailure.check(CancelledError)).toBe(CancelledError);
  });

  it('succeeds when every canceller callbacks', () => {
    const result = gatherResults([new Deferred<string>(callbackCanceller), new Deferred<string>(callbackCanceller)]);
    result.cancel();
    expect(successResultOf(result)).toEqual(['Callback Result', 'Callback Result']);
  });
});
