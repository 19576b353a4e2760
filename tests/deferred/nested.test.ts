import { describe, expect, it } from 'vitest';
import { Deferred, Failure, fail, gatherResults, succeed } from '../../src/deferred/index.js';
import { collectUnhandledErrors, expectNoResult, failureResultOf, successResultOf } from './helpers.js';

collectUnhandledErrors();

describe('a callback returning a Deferred', () => {
  it('pauses the outer chain until the inner Deferred fires and is unpaused', () => {
    const d1 = new Deferred<number>();
    const d2 = new Deferred<number>();
    d2.pause();
    const seen: number[] = [];
    d1.addCallback(() => d2).addCallback((r) => seen.push(r));
    d1.callback(1);
    expect(seen).toEqual([]);
    d2.callback(2);
    expect(seen).toEqual([]);
    d2.unpause();
    expect(seen).toEqual([2]);
  });

  it('waits for a paused Deferred that already has a result', () => {
    const expected = {};
    const paused = new Deferred<object>();
    paused.callback(expected);
    paused.pause();
    const chained = new Deferred<null>();
    chained.addCallback(() => paused);
    chained.callback(null);
    const seen: unknown[] = [];
    chained.addCallback((r) => seen.push(r));
    expect(seen).toEqual([]);
    paused.unpause();
    expect(seen).toEqual([expected]);
  });

  it('lets the inner Deferred run its callbacks even if the outer one is paused', () => {
    const first = new Deferred<null>();
    const second = new Deferred<null>();
    first.addCallback(() => second);
    first.callback(null);
    first.pause();
    second.callback(null);
    const seen: unknown[] = [];
    second.addCallback((r) => seen.push(r));
    // second handed its result to first, keeping undefined (Twisted: None)
    expect(seen).toEqual([undefined]);
    expect(first.paused).toBe(1);
  });

  it('takes the result of an inner Deferred that has one, leaving it undefined', () => {
    const result = {};
    const first = succeed(result);
    const second = new Deferred<null>();
    second.addCallback(() => first);
    second.callback(null);
    expect(successResultOf(first)).toBeUndefined();
    expect(successResultOf(second)).toBe(result);
  });

  it('takes the result once the inner Deferred fires later', () => {
    const first = new Deferred<object>();
    const second = new Deferred<null>();
    second.addCallback(() => first);
    second.callback(null);
    const firstResult: unknown[] = [];
    const secondResult: unknown[] = [];
    first.addCallback((r) => firstResult.push(r));
    second.addCallback((r) => secondResult.push(r));
    expect([firstResult, secondResult]).toEqual([[], []]);
    const result = {};
    first.callback(result);
    expect(firstResult).toEqual([undefined]);
    expect(secondResult).toEqual([result]);
  });

  it('takes an inner failure, leaving the inner Deferred with undefined', () => {
    const first = fail(new RangeError("First Deferred's Failure"));
    const second = new Deferred<null>();
    second.addCallback(() => first);
    second.callback(null);
    expect(successResultOf(first)).toBeUndefined();
    failureResultOf(second, RangeError);
  });

  it('takes an inner failure that arrives later', () => {
    const first = new Deferred<null>();
    const second = new Deferred<null>();
    second.addCallback(() => first);
    second.callback(null);
    const secondErrors: Failure[] = [];
    second.addErrback((f) => secondErrors.push(f));
    const firstResult: unknown[] = [];
    first.addCallback((r) => firstResult.push(r));
    const secondResult: unknown[] = [];
    second.addCallback((r) => secondResult.push(r));
    first.errback(new RangeError("First Deferred's Failure"));
    expect(secondErrors[0]?.check(RangeError)).toBe(RangeError);
    expect(firstResult).toEqual([undefined]);
    expect(secondResult).toHaveLength(1);
  });

  it('is transitive', () => {
    const first = new Deferred<object>();
    const second = new Deferred<null>();
    second.addCallback(() => first);
    const third = new Deferred<null>();
    third.addCallback(() => second);
    const thirdResult: unknown[] = [];
    third.addCallback((r) => thirdResult.push(r));
    const result = {};
    second.callback(null);
    third.callback(null);
    expect(thirdResult).toEqual([]);
    first.callback(result);
    expect(thirdResult).toEqual([result]);
  });

  it('runs the callbacks of a middle Deferred before the outer ones get its result', () => {
    const results: unknown[] = [];
    const failures: Failure[] = [];
    const inner = new Deferred<string>();
    const outer = succeed('outer');
    outer.addCallback((result) => {
      results.push(['start-of-cb', result]);
      const d = succeed('inner');
      d.addCallback(() => {
        results.push(['firstCallback', 'inner']);
        return inner;
      })
        .addCallback((r) => {
          results.push(['secondCallback', r]);
          return r.repeat(2);
        })
        .addErrback((f) => failures.push(f));
      return d;
    });
    outer.addCallback((r) => results.push(r));
    expect(results).toEqual([
      ['start-of-cb', 'outer'],
      ['firstCallback', 'inner'],
    ]);
    inner.callback('orange');
    inner.addErrback((f) => failures.push(f));
    outer.addErrback((f) => failures.push(f));
    expect(failures).toEqual([]);
    expect(results).toEqual([['start-of-cb', 'outer'], ['firstCallback', 'inner'], ['secondCallback', 'orange'], 'orangeorange']);
  });

  it('applies callbacks added to the inner Deferred before it was returned', () => {
    const results: unknown[] = [];
    const inner = new Deferred<string>();
    const outer = succeed('outer');
    outer.addCallback((result) => {
      results.push(['start-of-cb', result]);
      const d = succeed('inner');
      d.addCallback((r) => {
        results.push(['firstCallback', r]);
        return inner.addCallback((value) => [value]);
      }).addCallback((r) => {
        results.push(['secondCallback', r]);
        return [...r, ...r];
      });
      return d;
    });
    outer.addCallback((r) => results.push(r));
    inner.callback('withers');
    expect(results).toEqual([
      ['start-of-cb', 'outer'],
      ['firstCallback', 'inner'],
      ['secondCallback', ['withers']],
      ['withers', 'withers'],
    ]);
  });

  it('finds the continuation even when it is not the first pending link', () => {
    const results: unknown[] = [];
    const a = new Deferred<string>();
    const outer = succeed('outer');
    outer.addCallback((result) => {
      results.push(['cb', result]);
      const d = new Deferred<null>();
      d.addCallback((r) => {
        results.push(['firstCallback', r]);
        return gatherResults([a]);
      }).addCallback((r) => {
        results.push(['secondCallback', r]);
      });
      d.callback(null);
      return d;
    });
    expect(results).toEqual([
      ['cb', 'outer'],
      ['firstCallback', null],
    ]);
    a.callback('withers');
    expect(results).toEqual([
      ['cb', 'outer'],
      ['firstCallback', null],
      ['secondCallback', ['withers']],
    ]);
  });

  it('keeps callbacks added after the waiting one in order', () => {
    const results: unknown[] = [];
    const a = new Deferred<string>();
    const outer = new Deferred<string>();
    outer.addCallback((result) => {
      results.push(['cb', result]);
      const d = new Deferred<null>();
      d.addCallback(() => gatherResults([a])).addCallback((r) => {
        results.push(['secondCallback', r]);
      });
      d.callback(null);
      return d;
    });
    outer.addCallback(() => results.push(['final', null]));
    outer.callback('outer');
    a.callback('withers');
    expect(results).toEqual([
      ['cb', 'outer'],
      ['secondCallback', ['withers']],
      ['final', null],
    ]);
  });

  it('calls callbacks added to a middle Deferred after the chain was made', () => {
    const first = new Deferred<null>();
    const second = new Deferred<null>();
    const third = new Deferred<null>();
    first.addCallback(() => second);
    second.addCallback(() => third);
    second.callback(null);
    first.callback(null);
    third.callback(null);
    const results: unknown[] = [];
    second.addCallback((r) => results.push(r));
    // the callback ran (second had handed its result on to first)
    expect(results).toEqual([undefined]);
  });

  it('shows that it is waiting, and forgets once resolved', () => {
    const a = new Deferred<null>();
    const b = new Deferred<null>();
    a.addCallback(() => b);
    a.callback(null);
    expect(String(a)).toBe('<Deferred waiting on Deferred>');
    expect(a.result).toBe(b);
    b.callback(null);
    expect(String(a)).toBe('<Deferred current result: null>');
  });

  it('warns and leaves the Deferred waiting on itself when a callback returns it (as Twisted 22.4)', () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    const d = new Deferred<string>();
    const after: unknown[] = [];
    d.addCallback(() => d).addBoth((r) => after.push(r));
    d.callback('foo');
    expectNoResult(d);
    expect(d.paused).toBe(1);
    expect(d.result).toBe(d);
    expect(after).toEqual([]);
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      process.off('warning', onWarning);
      expect(warnings).toEqual([
        'DeprecationWarning: Callback returned the Deferred it was attached to; this breaks the callback chain and will raise an exception in the future.',
      ]);
    });
  });
});

describe('chainDeferred', () => {
  it('fires the other Deferred with the result and leaves undefined behind', () => {
    const a = new Deferred<string>();
    const b = new Deferred<string>();
    b.chainDeferred(a);
    expectNoResult(a);
    b.callback('x');
    expect(successResultOf(a)).toBe('x');
    expect(successResultOf(b)).toBeUndefined();
    expect(String(a)).toBe('<Deferred current result: undefined>');
  });

  it('hands a failure over', () => {
    const a = new Deferred<string>();
    const b = new Deferred<string>();
    b.chainDeferred(a);
    b.errback(new RangeError('x'));
    failureResultOf(a, RangeError);
    expect(successResultOf(b)).toBeUndefined();
  });

  it('fails the source with AlreadyCalledError when the target has fired', () => {
    const a = succeed('already');
    const b = new Deferred<string>();
    b.chainDeferred(a);
    b.callback('x');
    failureResultOf(b, 'AlreadyCalledError');
  });
});

describe('stack depth', () => {
  // Twisted's test_boundedStackDepth: the final callback runs at the same stack depth however
  // many Deferreds are chained.
  function stackDepthAfterChaining(howMany: number): number {
    const depths: number[] = [];
    const top = new Deferred<null>();
    const inners = Array.from({ length: howMany }, () => new Deferred<null>());
    const last = new Deferred<null>();
    top.addCallback(() => inners[0]!);
    top.addCallback(() => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Infinity;
      depths.push((new Error().stack ?? '').split('\n').length);
      Error.stackTraceLimit = limit;
    });
    inners.forEach((inner, i) => inner.addCallback(() => inners[i + 1] ?? last));
    top.callback(null);
    for (const inner of inners) inner.callback(null);
    expect(depths).toEqual([]);
    last.callback(null);
    expect(depths).toHaveLength(1);
    return depths[0]!;
  }

  it('does not grow with the number of nested Deferreds', () => {
    const one = stackDepthAfterChaining(1);
    expect(stackDepthAfterChaining(2)).toBe(one);
    expect(stackDepthAfterChaining(1000)).toBe(one);
  });
});
