import { describe, expect, it } from 'vitest';
import { everyExitFires, findHangingPaths } from '../../src/analysis/hanging-paths.js';
import { firstStartingAt, someWithin } from '../../src/analysis/syntax.js';
import type { Node } from '../../src/analysis/syntax.js';
import { analyse } from './helpers.js';

/**
 * The pre-check's answer, and whether the path engine reaches an exit with the completion unfired
 * that the rule judges: not a `throw`, and not one `unjudged` leaves out.
 */
function judge(code: string, name: string, unjudged: (exit: Node) => boolean = () => false): { skip: boolean; unfiredExit: boolean } {
  const a = analyse(code);
  const c = a.completion(name);
  const skip = everyExitFires(c, a.analysis.uses(c), a.analysis);
  const unfiredExit = a.analysis.paths(c).exits.some((e) => e.kind !== 'throw' && e.unfired.length > 0 && !(e.kind === 'return' && unjudged(e.node)));
  return { skip, unfiredExit };
}

/** A `return` that hands back a value (`return g(x)`, `return this`; `return;`, a literal and `undefined` hand back nothing). */
function handsBack(node: Node): boolean {
  return (
    node.type === 'ReturnStatement' &&
    !!node.argument &&
    node.argument.type !== 'Literal' &&
    !(node.argument.type === 'Identifier' && node.argument.name === 'undefined')
  );
}

describe('everyExitFires: completions fired on the way to every exit (no hanging path to look for)', () => {
  it.each([
    ['if / else', 'function f(x, cb) { if (!x) cb(new Error("x")); else cb(null, x); }'],
    ['a try whose block and catch end firing', 'function f(s, cb) { try { const v = JSON.parse(s); cb(null, v); } catch (e) { cb(e); } }'],
    ['a try with returns that fire', 'function f(s, cb) { try { if (!s) return cb(null); g(s); cb(null, s); } catch (e) { return cb(e); } }'],
    // `cb(err); return;`: the statement before the `return` fires whenever it completes.
    ['a fire then a bare return', 'function f(x, cb) { if (!x) { cb(new Error("x")); return; } cb(null, x); }'],
    ['a fire then a bare return in a callback handed on', 'function f(p, cb) { fs.readFile(p, (err, d) => { if (err) { cb(err); return; } cb(null, d); }); }'],
    ['a hand-off then a bare return', 'function f(x, cb) { if (x.cached) { this.lookup(x, cb); return; } cb(null, x); }'],
    ['a scheduled fire then a bare return', 'function f(x, cb) { if (!x) { process.nextTick(() => cb(new Error("x"))); return; } cb(null, x); }'],
    ['an if / else that fires, then a return, in a case', 'function f(x, cb) { switch (x.k) { case 1: if (x.e) cb(x.e); else cb(null, 1); return; default: cb(null, 2); return; } }'],
    // A list completes only after each of its statements did: one that fires is enough.
    ['a fire, then code that does not fire', 'function f(x, cb) { if (!x) { cb(new Error("x")); log(x); return; } cb(null, x); log(x); }'],
    ['a hand-off, then the handler it names', 'function f(fd, cb) { fs.close(fd, onClosed); function onClosed(err) { if (err) return cb(err); cb(null); } }'],
    ['a block whose fire comes first', 'function f(x, cb) { if (!x) { cb(new Error("x")); x = 0; } else { cb(null, x); } }'],
    ['a fire assigned, then a bare return', 'function f(x, cb) { if (!x) { last = cb(new Error("x")); return; } cb(null, x); }'],
  ])('skips %s', (_, code) => {
    expect(judge(code, 'cb')).toEqual({ skip: true, unfiredExit: false });
  });

  it.each([
    // Stored: the completion is lost on that path (someone else fires it), as when handed to a call.
    ['resolvers stored', 'new Promise((resolve, reject) => { self.res = resolve; self.rej = reject; });'],
    ['resolvers stored in a sequence', 'new Promise((resolve, reject) => { self.res = resolve, self.rej = reject; });'],
    ['a callback firing them stored, then a call', 'new Promise((resolve, reject) => { args[n] = (err, v) => (err ? reject(err) : resolve(v)); run(args); });'],
  ])('skips %s', (_, code) => {
    expect(judge(code, 'resolve/reject')).toEqual({ skip: true, unfiredExit: false });
  });

  it.each([
    ['resolvers stored on one branch only', 'new Promise((resolve, reject) => { if (ok) { self.res = resolve; self.rej = reject; } });', true],
  ])('keeps %s', (_, code, unfiredExit) => {
    expect(judge(code, 'resolve/reject')).toEqual({ skip: false, unfiredExit });
  });

  it.each([
    ['a listener registered, then a bare return', 'function f(s, cb) { if (!s.ready) { s.once("ready", () => cb(null, s)); return; } cb(null, s); }'],
  ])('skips %s', (_, code) => {
    expect(judge(code, 'cb')).toEqual({ skip: true, unfiredExit: false });
  });

  it.each([
    ['a catch that does not fire', 'function f(s, cb) { try { cb(null, JSON.parse(s)); } catch (e) { console.log(e); } }', true],
    ['a try without catch', 'function f(s, cb) { try { g(s); cb(null); } finally { h(); } }', false],
    ['a try with a finally', 'function f(s, cb) { try { cb(null, JSON.parse(s)); } catch (e) { cb(e); } finally { h(); } }', false],
    ['a block that may end without firing', 'function f(s, cb) { try { if (s) cb(null, s); } catch (e) { cb(e); } }', true],
    ['a bare return after code that does not fire', 'function f(x, cb) { if (!x) { log(x); return; } cb(null, x); }', true],
    ['a bare return after a fire that may not happen', 'function f(x, cb) { if (!x) { if (x === 0) cb(null, 0); return; } cb(null, x); }', true],
    ['a bare return first in its block', 'function f(x, cb) { if (!x) { return; } cb(null, x); }', true],
    ['a fire assigned only if the target is empty', 'function f(x, cb) { if (!x) { y ||= cb(null, 0); return; } cb(null, x); }', true],
    ['a fire in one case only, then a return after the switch', 'function f(x, cb) { switch (x) { case 1: cb(null, 1); break; default: log(x); } return; }', true],
    ['a fire after the return in its list', 'function f(x, cb) { if (!x) { log(x); return; cb(null, 0); } cb(null, x); }', true],
    ['a fire inside a loop before the end', 'function f(xs, cb) { for (const x of xs) cb(null, x); log(xs); }', true],
  ])('keeps %s', (_, code, unfiredExit) => {
    expect(judge(code, 'cb')).toEqual({ skip: false, unfiredExit });
  });
});

describe('everyExitFires: returns that hand back a value are exits the rule does not judge', () => {
  it.each([
    ['a returned call', 'function f(x, cb) { if (!x) return compute(x); cb(null, x); }'],
    ['a returned member and a returned fire', 'function f(x, cb) { if (x.sync) return x.value; if (x.err) return cb(x.err); cb(null, x); }'],
    ['`return this`', 'function f(x, cb) { if (!x) return this; cb(null, x); }'],
  ])('skips %s', (_, code) => {
    expect(judge(code, 'cb', handsBack)).toEqual({ skip: true, unfiredExit: false });
  });

  it.each([
    ['a bare return', 'function f(x, cb) { if (!x) return; cb(null, x); }', true],
    ['a returned literal', 'function f(x, cb) { if (!x) return false; cb(null, x); }', true],
    ['a returned `undefined`', 'function f(x, cb) { if (!x) return undefined; cb(null, x); }', true],
    // The path leaves through the `finally`: an exit of kind `end`, which is judged.
    ['a returned value leaving through a finally', 'function f(x, cb) { try { if (!x) return g(x); } finally { h(); } cb(null, x); }', false],
    ['a returned value in a callback (an exit of the callback, not of the owner)', 'function f(p, cb) { fs.readFile(p, (err, d) => { if (err) return log(err); cb(null, d); }); }', true],
  ])('keeps %s', (_, code, unfiredExit) => {
    expect(judge(code, 'cb', handsBack)).toEqual({ skip: false, unfiredExit });
  });
});

describe('someWithin (binary search over the file\'s catch clauses)', () => {
  it('agrees with a scan of every clause, for every function of a file', () => {
    const a = analyse(`
      function none() { return 1; }
      function one(cb) { try { f(); } catch (e) { cb(e); } }
      function outer(cb) {
        function innerNone() { g(); }
        const inner = () => { try { h(); } catch { /* */ } };
        try { inner(); } catch (e) { cb(e); }
      }
      function after() { k(); }
      try { top(); } catch (e) { log(e); }
      const last = function () { try { a(); } catch (e) { try { b(); } catch (e2) { c(e2); } } };
      function empty() {}
    `);
    const clauses = a.analysis.collector.catchClauses;
    expect(clauses.length).toBe(6);
    const roots = a.analysis.collector.paths.map((p) => p.root).filter((r) => r.type !== 'Program');
    const answers = roots.map((fn) => {
      const scanned = clauses.some((clause) => clause.range[0] >= fn.range[0] && clause.range[1] <= fn.range[1]);
      expect(someWithin(clauses, fn)).toBe(scanned);
      // With a test, only the clauses inside are tested, in source order.
      const tested: unknown[] = [];
      expect(someWithin(clauses, fn, (clause) => (tested.push(clause), false))).toBe(false);
      expect(tested).toEqual(clauses.filter((clause) => clause.range[0] >= fn.range[0] && clause.range[1] <= fn.range[1]));
      return scanned;
    });
    expect(someWithin(clauses, a.analysis.collector.paths[0]!.root)).toBe(true);
    expect(someWithin([], roots[0]!)).toBe(false);
    // none, one, outer, innerNone, inner, after, last, empty
    expect(answers).toEqual([false, true, true, false, true, false, true, false]);
    expect(firstStartingAt(clauses, 0)).toBe(0);
    expect(firstStartingAt(clauses, clauses[5]!.range[0] + 1)).toBe(6);
    expect(firstStartingAt([], 10)).toBe(0);
  });
});

describe('middleware `next` (the last parameter\'s recorded name rules the others out)', () => {
  it.each([
    ['req, res, next', 'next', []],
    ['ctx, next', 'next', []],
    // A default or a rest parameter is not the plain `next` of a middleware signature.
    ['req, res, next = noop', 'next', [3]],
    ['req, res, done', 'done', [3]],
    ['req, res, ...next', 'next', []],
  ])('(%s)', (params, name, lines) => {
    const a = analyse(`function auth(${params}) {
  load(req);
  if (!req.user) { res.end(); return; }
  load(req, function (err, user) { if (err) return ${name}(err); ${name}(null, user); });
}`);
    expect(findHangingPaths(a.analysis).filter((f) => f.kind === 'hangingPath').map((f) => f.node.loc.start.line)).toEqual(lines);
  });
});
