import { describe, expect, it } from 'vitest';
import { Deferred, fail } from '../../src/deferred/index.js';
import { collectUnhandledErrors, failureResultOf } from './helpers.js';

collectUnhandledErrors();

describe('pause and unpause', () => {
  it('holds callbacks of a fired Deferred until unpaused', () => {
    const d = fail(new RangeError('fail'));
    d.pause();
    const seen: string[] = [];
    d.addErrback((f) => seen.push(f.getErrorMessage()));
    expect(seen).toEqual([]);
    expect(d.paused).toBe(1);
    d.unpause();
    expect(d.paused).toBe(0);
    expect(seen).toEqual(['fail']);
  });

  it('holds the first fire of a paused Deferred too', () => {
    const d = new Deferred<number>();
    const seen: number[] = [];
    d.addCallback((r) => seen.push(r));
    d.pause();
    d.callback(1);
    expect(seen).toEqual([]);
    expect(d.called).toBe(true);
    d.unpause();
    expect(seen).toEqual([1]);
  });

  it('counts pauses: every pause needs its unpause', () => {
    const d = new Deferred<number>();
    const seen: number[] = [];
    d.pause();
    d.pause();
    d.addCallback((r) => seen.push(r));
    d.callback(1);
    d.unpause();
    expect([seen, d.paused]).toEqual([[], 1]);
    d.unpause();
    expect([seen, d.paused]).toEqual([[1], 0]);
  });

  it('does nothing on unpause before the Deferred has fired', () => {
    const d = new Deferred<number>();
    const seen: number[] = [];
    d.pause();
    d.addCallback((r) => seen.push(r));
    d.unpause();
    expect(seen).toEqual([]);
    d.callback(5);
    expect(seen).toEqual([5]);
  });

  it('does not stop callbacks already running when a callback pauses its own Deferred (as Twisted 22.4)', () => {
    const d = new Deferred<number>();
    const seen: string[] = [];
    d.addCallback((r) => {
      seen.push(`a ${r}`);
      d.pause();
      return 'A';
    });
    d.addCallback((r) => {
      seen.push(`b ${r}`);
      return 'B';
    });
    d.callback(0);
    expect(seen).toEqual(['a 0', 'b A']);
    expect([d.paused, d.result]).toEqual([1, 'B']);
    d.addCallback((r) => seen.push(`c ${r}`));
    expect(seen).toHaveLength(2);
    d.unpause();
    expect(seen).toEqual(['a 0', 'b A', 'c B']);
  });

  it('stays stuck after an unmatched unpause, as in Twisted (the count goes negative)', () => {
    const d = new Deferred<number>();
    d.unpause();
    expect(d.paused).toBe(-1);
    d.callback(1);
    const seen: number[] = [];
    d.addCallback((r) => seen.push(r));
    expect(seen).toEqual([]);
    d.pause();
    expect(seen).toEqual([]);
    d.unpause();
    d.pause();
    d.unpause();
    expect(d.paused).toBe(-1);
  });

  it('fails the paused chain normally once resumed', () => {
    const d = new Deferred<number>();
    d.pause();
    d.addCallback(() => {
      throw new RangeError('late');
    });
    d.callback(1);
    d.unpause();
    failureResultOf(d, RangeError);
  });
});
