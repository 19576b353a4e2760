import { Linter } from 'eslint';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import {
  CALLEE_IDENTIFIER,
  CALLEE_KIND,
  CALLEE_MEMBER,
  CALLEE_NEW,
  CALLEE_OTHER,
  CALLEE_OTHER_MEMBER,
  FIRST_MAY_NAME_ERROR,
  NAMED_FUNCTION,
  PathCollector,
} from '../../src/analysis/collector.js';
import type { Segment } from '../../src/analysis/collector.js';
import { analyse } from './helpers.js';
import plugin from '../../src/index.js';

/** The items of the function `fn` per segment, as source text, in order. */
function segments(code: string): string[][] {
  const a = analyse(code);
  const rec = a.analysis.collector.paths.find((p) => p.root.type === 'FunctionDeclaration')!;
  return rec.segments.map((s: Segment) => rec.itemsOf(s).map((n) => a.text(n))).filter((items) => items.length > 0);
}

describe('path collector', () => {
  it("reads each call's callee name and kind while the traversal is at the call", () => {
    const a = analyse('f(); a.b.c(1); x[k](); new D(); new q.Deferred(); (0, g)(); (function () {})(); o["s"]();');
    const { calls, calleeNames, calleeKinds } = a.analysis.collector;
    expect(calls.map((c, i) => `${a.text(c)} → ${calleeNames[i]} ${calleeKinds[i]}`)).toEqual([
      `f() → f ${CALLEE_IDENTIFIER}`,
      `a.b.c(1) → c ${CALLEE_MEMBER}`,
      `x[k]() → ${' '}${CALLEE_OTHER_MEMBER}`,
      `new D() → D ${CALLEE_IDENTIFIER | CALLEE_NEW}`,
      `new q.Deferred() → Deferred ${CALLEE_MEMBER | CALLEE_NEW}`,
      `(0, g)() → ${' '}${CALLEE_OTHER}`,
      `(function () {})() → ${' '}${CALLEE_OTHER}`,
      // A computed string key is no plain name for a callee (discovery skips it as before).
      `o["s"]() → ${' '}${CALLEE_OTHER_MEMBER}`,
    ]);
    expect(calleeKinds.every((k) => [1, 2, 3, 4].includes(k & CALLEE_KIND))).toBe(true);
  });

  it('reads each function\'s parameter summary when its path ends', () => {
    const a = analyse('function f(a, cb) {} const g = (x, done = noop) => {}; function* h(cb) {} (function ({ a }) {}); function k() {}');
    const summary = a.analysis.collector.paths.map((p) => `${p.root.type} ${p.paramCount} ${p.lastParam ?? '-'} ${p.generator}`);
    expect(summary).toEqual([
      'Program 0 - false',
      'FunctionDeclaration 2 cb false',
      'ArrowFunctionExpression 2 done false',
      'FunctionDeclaration 1 cb true',
      'FunctionExpression 1 - false',
      'FunctionDeclaration 0 - false',
    ]);
  });

  it('marks the functions whose first parameter may name an error, and the named ones', () => {
    const a = analyse(
      'function f(err, cb) {} const g = (e) => {}; var h = function (_x, y) {}; o.m = function (readErr) {}; (function (x, writeError) {}); ' +
        'function k({ e }) {} const n = function named(er) {}; let p; p = (error) => {}; class C { m(e) {} }',
    );
    const shapes = a.analysis.collector.paths.slice(1).map((p) => {
      const flags = [(p.shape & FIRST_MAY_NAME_ERROR) !== 0 ? 'error-first' : '', (p.shape & NAMED_FUNCTION) !== 0 ? 'named' : ''];
      return `${a.text(p.root).slice(0, 20)}: ${flags.filter(Boolean).join(' ') || '-'}`;
    });
    expect(shapes).toEqual([
      'function f(err, cb) : error-first named',
      '(e) => {}: error-first named',
      'function (_x, y) {}: named',
      'function (readErr) {: error-first',
      'function (x, writeEr: -',
      'function k({ e }) {}: named',
      'function named(er) {: error-first named',
      '(error) => {}: error-first',
      '(e) {}: error-first',
    ]);
  });

  it('finds the path of every root, the last one where a node roots two (a class field\'s function value)', () => {
    const a = analyse(`
      /* c */ function f() { const g = () => 1; return function h() { return g; }; }
      class A { x = () => 1; y = function () {}; z = 1 + 2; static { f(); } m() { return (() => 2)(); } }
      const o = { p() {}, q: async () => {} };`);
    const { collector } = a.analysis;
    const byRoot = new Map<unknown, unknown>();
    for (const rec of collector.paths) byRoot.set(rec.root, rec);
    // Two paths for each class field value that is a function: the field's, then the function's.
    expect(byRoot.size).toBe(collector.paths.length - 2);
    for (const rec of collector.paths) expect(collector.pathOf(rec.root)).toBe(byRoot.get(rec.root));
    // Found by the search: the map of every path was not needed.
    expect((collector as unknown as { byRoot: unknown }).byRoot).toBeUndefined();
    expect(collector.pathOf(a.node(AST_NODE_TYPES.CallExpression, 'f()'))).toBeUndefined();
  });

  it('records every catch clause, unreachable ones too', () => {
    const a = analyse('function f() { try { a(); } catch (e) {} return; try { b(); } catch { c(); } finally {} } try {} finally {}');
    expect(a.analysis.collector.catchClauses.map((n) => a.text(n))).toEqual(['catch (e) {}', 'catch { c(); }']);
  });

  it('reads what each assignment writes and, for `member = name`, the name', () => {
    const a = analyse('x.cb = cb; this["done"] = (done as F); y = z; x.n += m; x[k] = v; w.p = f();', { typescript: true });
    const { assignments, assignedProperties, assignedNames } = a.analysis.collector;
    expect(assignments.map((n, i) => `${a.text(n)} → ${assignedProperties[i]}|${assignedNames[i]}`)).toEqual([
      'x.cb = cb → cb|cb',
      'this["done"] = (done as F) → done|done',
      'y = z → |',
      'x.n += m → n|',
      'x[k] = v → |v',
      'w.p = f() → p|',
    ]);
  });

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

  it('is complete at Program:exit, with the same end facts as at the end of the code path', () => {
    // A rule after the collector's: at its Program:exit, and again at the program's code path end.
    const collector = new PathCollector();
    const feed = collector.listeners() as Record<string, (...args: unknown[]) => void>;
    const seen: { at: string; complete: boolean; depth: number; ends: boolean[] }[] = [];
    const snapshot = (at: string) =>
      seen.push({
        at,
        complete: collector.complete,
        depth: collector.paths.length,
        ends: collector.paths.map((p) => p.fallsOffEnd),
      });
    const rule = {
      meta: { type: 'problem' as const, schema: [] },
      create: () => ({
        ...feed,
        'Program:exit': (node: unknown) => {
          feed['Program:exit']!(node);
          snapshot('Program:exit');
        },
        onCodePathEnd: (codePath: { origin: string }) => {
          feed.onCodePathEnd!(codePath);
          if (codePath.origin === 'program') snapshot('end');
        },
      }),
    };
    new Linter({ configType: 'flat' }).verify(
      'function f(x) { if (x) return 1; }\nfunction g() { throw new Error(); }\nclass C { v = () => 1; static { h(); } }\nif (y) z();',
      [{ plugins: { t: { rules: { r: rule } } as never }, rules: { 't/r': 'error' } }],
    );
    expect(seen.map((s) => s.at)).toEqual(['Program:exit', 'end']);
    expect(seen[0]!.complete).toBe(true);
    expect(seen[1]).toEqual({ ...seen[0], at: 'end' });
    // program, f, g, the field value, its arrow, the static block: only g (which always throws) cannot reach its end.
    expect(seen[0]!.ends).toEqual([true, true, false, true, true, true]);
  });

  it('is not complete before Program:exit', () => {
    const collector = new PathCollector();
    const feed = collector.listeners() as Record<string, (...args: unknown[]) => void>;
    const states: boolean[] = [];
    const rule = {
      meta: { type: 'problem' as const, schema: [] },
      create: () => ({ ...feed, 'CallExpression:exit': (node: unknown) => (feed['CallExpression:exit']!(node), states.push(collector.complete)) }),
    };
    new Linter({ configType: 'flat' }).verify('a(); function f() { b(); }', [
      { plugins: { t: { rules: { r: rule } } as never }, rules: { 't/r': 'error' } },
    ]);
    expect(states).toEqual([false, false]);
    expect(collector.complete).toBe(true);
  });
});

describe('path collector listeners', () => {
  const outerCode = `
function f(x, cb) { if (x) cb(new Error('x')); cb(null, x); }
function g(cb) { cb('boom'); }
`;
  const innerCode = 'function h(done) { done(); done(); }';

  /** Lints `outerCode` with our rules; `nest` (if given) runs at the outer file's first call. */
  function lintOuter(nest?: () => void) {
    let nested = false;
    const helper = {
      meta: { type: 'problem' as const, schema: [] },
      create: () => ({
        CallExpression: () => {
          if (nested || !nest) return;
          nested = true;
          nest();
        },
      }),
    };
    return new Linter({ configType: 'flat' })
      .verify(outerCode, [
        {
          plugins: { cd: plugin, t: { rules: { nest: helper } } as never },
          rules: { 'cd/errback-with-error': 'error', 'cd/no-double-fire': 'error', 't/nest': 'error' },
        },
      ])
      .map((m) => `${m.ruleId}:${m.line}:${m.column}`);
  }

  function lintInner(extraRules: Record<string, unknown> = {}) {
    return new Linter({ configType: 'flat' })
      .verify(innerCode, [
        {
          plugins: { cd: plugin, t: { rules: extraRules } as never },
          rules: {
            'cd/no-double-fire': 'error',
            ...Object.fromEntries(Object.keys(extraRules).map((r) => [`t/${r}`, 'error'])),
          },
        },
      ])
      .map((m) => `${m.ruleId}:${m.line}:${m.column}`);
  }

  it('are one set of functions for every file', () => {
    expect(new PathCollector().listeners()).toBe(new PathCollector().listeners());
  });

  it('feed each file of a lint run from inside another lint its own collector', () => {
    const alone = lintOuter();
    expect(alone).toEqual(['cd/no-double-fire:2:48', 'cd/errback-with-error:3:21']);
    let inner: string[] = [];
    expect(lintOuter(() => (inner = lintInner()))).toEqual(alone);
    expect(inner).toEqual(['cd/no-double-fire:1:28']);
  });

  it('survive a lint from inside another lint that was aborted: the outer file is analysed as empty, the next file as usual', () => {
    const boom = {
      meta: { type: 'problem' as const, schema: [] },
      create: () => ({
        ExpressionStatement: () => {
          throw new Error('boom');
        },
      }),
    };
    let thrown: unknown;
    const outer = lintOuter(() => {
      try {
        lintInner({ boom });
      } catch (error) {
        thrown = error;
      }
    });
    expect(String(thrown)).toContain('boom');
    // Our rules lost the events the aborted lint took: they report nothing rather than guess.
    expect(outer).toEqual([]);
    expect(lintOuter()).toEqual(['cd/no-double-fire:2:48', 'cd/errback-with-error:3:21']);
    expect(lintInner()).toEqual(['cd/no-double-fire:1:28']);
  });
});
