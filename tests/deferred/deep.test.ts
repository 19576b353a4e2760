import { describe, expect, it } from 'vitest';
import { Deferred, succeed } from '../../src/deferred/index.js';
import { collectUnhandledErrors, successResultOf } from './helpers.js';

collectUnhandledErrors();

// Completion only: no timing here (see bench/deferred.ts for the numbers).
describe('deep cases run without stack overflow', () => {
  it('a chain of 1,000,000 links', () => {
    const d = new Deferred<number>();
    for (let i = 0; i < 1_000_000; i += 1) d.addCallback((x) => x + 1);
    d.callback(0);
    expect(successResultOf(d)).toBe(1_000_000);
  });

  it('a chain of 200,000 links alternating between the success and error sides', () => {
    const d = new Deferred<number>();
    for (let i = 0; i < 100_000; i += 1) {
      d.addCallback((x) => {
        throw new RangeError(String(x + 1));
      });
      d.addErrback((f) => Number(f.getErrorMessage()));
    }
    d.callback(0);
    expect(successResultOf(d)).toBe(100_000);
  });

  it('100,000 Deferreds each waiting on the next, fired from the innermost', () => {
    const depth = 100_000;
    const deferreds = Array.from({ length: depth }, () => new Deferred<number>());
    deferreds.forEach((d, i) => {
      const next = deferreds[i + 1];
      if (next !== undefined) d.addCallback(() => next);
    });
    const top = deferreds[0]!;
    const seen: number[] = [];
    top.addCallback((x) => seen.push(x));
    for (const d of deferreds.slice(0, -1)) d.callback(0);
    expect(seen).toEqual([]);
    deferreds[depth - 1]!.callback(42);
    expect(seen).toEqual([42]);
  });

  it('100,000 nested Deferreds whose callbacks each return an already-fired Deferred', () => {
    let d = succeed(0);
    for (let i = 0; i < 100_000; i += 1) d = d.addCallback((x) => succeed(x + 1));
    expect(successResultOf(d)).toBe(100_000);
  });

  it('a 100,000-deep chain of waiting Deferreds that fails at the bottom', () => {
    const depth = 100_000;
    const deferreds = Array.from({ length: depth }, () => new Deferred<number>());
    deferreds.forEach((d, i) => {
      const next = deferreds[i + 1];
      if (next !== undefined) d.addCallback(() => next);
    });
    for (const d of deferreds.slice(0, -1)) d.callback(0);
    const errors: string[] = [];
    deferreds[0]!.addErrback((f) => errors.push(f.getErrorMessage()));
    deferreds[depth - 1]!.errback(new Error('bottom'));
    expect(errors).toEqual(['bottom']);
  });
});
