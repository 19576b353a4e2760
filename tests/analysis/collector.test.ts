import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/analysis/collector.js';
import { analyse } from './helpers.js';

/** The items of the function `fn` per segment, as source text, in order. */
function segments(code: string): string[][] {
  const a = analyse(code);
  const rec = a.analysis.collector.paths.find((p) => p.root.type === 'FunctionDeclaration')!;
  return rec.segments.map((s: Segment) => rec.itemsOf(s).map((n) => a.text(n))).filter((items) => items.length > 0);
}

describe('path collector', () => {
  it('records calls, assignments and returns per segment, in evaluation order', () => {
    expect(segments('function f(x) { a(b()); if (x) { y = 1; return c(); } d(); }')).toEqual([
      ['b()', 'a(b())'],
      ['y = 1', 'c()', 'return c();'],
      ['d()'],
    ]);
  });

  it('keeps inner functions out of the outer path', () => {
    expect(segments('function f() { a(() => b()); c(); }')).toEqual([['a(() => b())', 'c()']]);
  });

  it('drops dead code after return', () => {
    expect(segments('function f(cb) { return cb(); cb(); }')).toEqual([['cb()', 'return cb();']]);
  });

  it('records a finally block once per parallel path', () => {
    const segs = segments('function f(x) { try { if (x) return; a(); } finally { b(); } }');
    expect(segs.filter((items) => items.includes('b()'))).toHaveLength(2);
  });

  it('names the node that started each segment', () => {
    const a = analyse('function f(x) { if (x) a(); else b(); try { c(); } catch (e) { d(); } }');
    const rec = a.analysis.collector.paths.find((p) => p.root.type === 'FunctionDeclaration')!;
    const starts = rec.starts.map((n) => n.type);
    expect(starts).toContain('CatchClause');
    expect(starts.filter((t) => t === 'ExpressionStatement')).toHaveLength(2);
  });

  it('marks loop targets and completes at the end of the program', () => {
    const a = analyse('function f(xs) { for (const x of xs) g(x); }');
    const rec = a.analysis.collector.paths.find((p) => p.root.type === 'FunctionDeclaration')!;
    expect(rec.segments.some((s) => a.analysis.collector.isLoopTarget(s))).toBe(true);
    expect(a.analysis.collector.complete).toBe(true);
  });
});
