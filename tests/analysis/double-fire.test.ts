import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { findDoubleFires, firesOnlyAtExits, onlyHandsOff } from '../../src/analysis/double-fire.js';
import { analyse } from './helpers.js';

/** The pre-check's answer, and whether the path engine sees any fire reached after an earlier one. */
function judge(code: string, name: string): { skip: boolean; firedBefore: boolean } {
  const a = analyse(code);
  const c = a.completion(name);
  const skip = firesOnlyAtExits(a.analysis.uses(c), c, a.analysis.table);
  const firedBefore = [...a.analysis.paths(c).fires.values()].some((f) => f.pre.max > 0);
  return { skip, firedBefore };
}

describe('firesOnlyAtExits: completions whose every fire ends the run (double fires impossible)', () => {
  it.each([
    ['returned fires', 'function f(x, cb) { if (!x) return cb(new Error("x")); return cb(null, x); }'],
    ['a fire followed by a bare return', 'function f(x, cb) { if (!x) { cb(new Error("x")); return; } cb(null, x); }'],
    ['if / else as the last statement', 'function f(x, cb) { if (!x) cb(new Error("x")); else cb(null, x); }'],
    ['branches of a returned conditional', 'function f(x, cb) { return x ? cb(null, x) : cb(new Error("x")); }'],
    ['an error-first callback handed on last', 'function f(p, cb) { fs.readFile(p, (err, d) => { if (err) return cb(err); cb(null, d); }); }'],
    ['an arrow body', 'function f(p, cb) { return fs.readFile(p, (err, d) => err ? cb(err) : cb(null, d)); }'],
    ['returns from inside loops', 'function f(xs, cb) { for (const x of xs) { if (!x) return cb(new Error("x")); while (g(x)) { if (h(x)) { cb(null, x); return; } } } cb(null); }'],
    ['a guarded fire (`cb && cb(err)`)', 'function f(p, cb) { fs.stat(p, (err) => { if (err) return cb && cb(err); cb && cb(null); }); }'],
    ['a fire followed by code that does not use it', 'function f(x, cb) { if (!x) { cb(new Error("x")); log(x); } else { cb(null, x); } }'],
    ['if / else firing, then code that does not use it', 'function f(p, cb) { fs.readFile(p, (err, d) => { if (err) cb(err); else cb(null, d); log(p); count++; }); }'],
    ['a hand-off followed by unrelated code', 'function f(p, cb) { fs.readFile(p, cb); log(p); }'],
    // A throw out of a `catch` leaves its `try` statement (no `finally`).
    ['a returned fire in a catch', 'function f(s, cb) { let v; try { v = JSON.parse(s); } catch (e) { return cb(e); } cb(null, v); }'],
    ['a fire then a bare return in a catch', 'function f(s, cb) { let v; try { v = JSON.parse(s); } catch (e) { cb(e); return; } cb(null, v); }'],
    ['a fire last in a catch that ends the function', 'function f(s, cb) { try { g(s); } catch (e) { log(e); cb(e); } }'],
    ['a fire in the catch of a try in a catch', 'function f(s, cb) { try { g(s); } catch (e) { try { h(e); } catch (e2) { return cb(e2); } } cb(null, s); }'],
    // A throwing callback lands in a `catch` that does not touch it, and the run goes on behind the `try`.
    ['a fire in a try whose catch only logs', 'function f(x, cb) { try { cb(null, x); } catch (e) { console.log(e); } }'],
    ['a fire in a try, unrelated code there and behind the try', 'function f(x, cb) { try { cb(null, x); g(); } catch (e) { log(e); } h(); }'],
    ['a returned fire in a try whose catch only logs', 'function f(x, cb) { if (!x) return cb(null, 0); try { return cb(null, g(x)); } catch (e) { log(e); } }'],
    // A function declaration after the hand-off runs nothing there; its own fires end its runs.
    ['a hand-off followed by the handler it names', 'function f(fd, cb) { if (!fd) return cb(null); fs.close(fd, onClosed); function onClosed(err) { if (err) return cb(err); cb(null); } }'],
    // The value of a fire stored: only the store follows in the statement.
    ['a fire assigned, then a bare return', 'function f(x, cb) { if (x) { last = cb(null, x); return; } cb(null, 0); }'],
    ['a fire declared, then a return of it', 'function f(x, cb) { if (!x) { const r = cb(new Error("x")); return r; } const v = cb(null, x); log(v); }'],
    // An inspection (`isFunction(cb)`) does not run the callback.
    ['an inspection before the fire', 'function f(x, cb) { if (!isFunction(cb)) return; if (!x) return cb(new Error("x")); cb(null, x); }'],
    // A `return` (or `throw`) after plain statements ends the run.
    ['a fire, cleanup, then a bare return', 'function f(x, cb) { if (x.err) { cb(x.err); cleanup(x); return; } cb(null, x); }'],
    ['a store, cleanup, then a bare return', 'function f(x, cb) { if (x.err) { self.queue.unshift(cb); const n = purge(x); return; } cb(null, x); }'],
    ['a fire, logging, then a throw', 'function f(x, cb) { if (!x) { cb(new Error("x")); log(x); throw new Error("x"); } cb(null, x); }'],
    // A chain of one link runs one of its handlers, once.
    ['a promise link', 'function f(p, cb) { return p.then((v) => cb(null, v)); }'],
    ['a returned link with both handlers', 'function f(p, cb) { if (!p) return cb(null); return p.then((v) => cb(null, v), (e) => cb(e)); }'],
    ['a link with a handler and the callback itself', 'function f(p, cb) { p.then((v) => { log(v); cb(null, v); }, cb); }'],
    ['a link handing the callback on in each handler', 'function f(p, cb) { return p.then((v) => { invoke(cb, null, v); }, (e) => { invoke(cb, e); }); }'],
  ])('skips %s', (_, code) => {
    expect(judge(code, 'cb')).toEqual({ skip: true, firedBefore: false });
  });

  it.each([
    ['resolve last in try, reject in catch', 'new Promise((resolve, reject) => { try { const v = JSON.parse(s); resolve(v); } catch (e) { reject(e); } });'],
    ['returned fires in try and catch', 'new Promise((resolve, reject) => { try { if (!s) return reject(new Error("s")); return resolve(JSON.parse(s)); } catch (e) { return reject(e); } });'],
    ['a fire followed by a bare return in try', 'new Promise((resolve, reject) => { try { resolve(JSON.parse(s)); return; } catch (e) { reject(e); } });'],
    ['a try that ends firing, then code that does not use the resolvers', 'new Promise((resolve, reject) => { try { resolve(1); } catch (e) { reject(e); } g(); });'],
    ['a link to the resolvers', 'new Promise((resolve, reject) => { q.then(resolve, reject); });'],
  ])('skips a resolver (it cannot throw) with %s', (_, code) => {
    expect(judge(code, 'resolve/reject')).toEqual({ skip: true, firedBefore: false });
  });

  it.each([
    ['a return that may throw after the fire', 'new Promise((resolve, reject) => { try { resolve(1); return g(); } catch (e) { reject(e); } });', true],
    ['a finally after the fire', 'new Promise((resolve, reject) => { try { resolve(1); } catch (e) { reject(e); } finally { reject(2); } });', true],
    ['a resolver handed on in a try', 'new Promise((resolve, reject) => { try { g(reject); } catch (e) { reject(e); } });', false],
    ['code after the resolve that may throw into the catch', 'new Promise((resolve, reject) => { try { resolve(1); g(); } catch (e) { reject(e); } });', true],
    ['code after the resolve that may throw into a quiet catch, then a return', 'new Promise((resolve, reject) => { try { resolve(1); g(); return; } catch (e) { log(e); } reject(2); });', true],
    ['a link, then a resolve', 'new Promise((resolve, reject) => { q.then(resolve, reject); resolve(0); });', true],
    ['a declarator after the resolve that may throw into the catch', 'new Promise((resolve, reject) => { try { const a = resolve(1), b = g(); } catch (e) { reject(e); } });', true],
  ])('keeps a resolver with %s', (_, code, firedBefore) => {
    expect(judge(code, 'resolve/reject')).toEqual({ skip: false, firedBefore });
  });

  it.each([
    ['a fire that falls through', 'function f(x, cb) { if (!x) cb(new Error("x")); cb(null, x); }', true],
    ['a return that fires again', 'function f(x, cb) { cb(null, x); return cb(null, x); }', true],
    ['a fire in a try (a throwing callback lands in catch)', 'function f(x, cb) { try { return cb(null, x); } catch (e) { return cb(e); } }', true],
    ['a fire followed by a finally', 'function f(x, cb) { try { if (x) return cb(null, x); } finally { cb(null, 0); } }', true],
    ['a fire at the end of a switch case (falls through)', 'function f(x, cb) { switch (x) { case 1: cb(null, 1); case 2: cb(null, 2); } }', true],
    ['a fire in a loop that falls through', 'function f(xs, cb) { for (const x of xs) { if (x) cb(null, x); } }', true],
    ['a fire last in a loop body', 'function f(xs, cb) { for (const x of xs) { g(x); cb(null, x); } }', true],
    ['a listener that runs many times', 'function f(s, cb) { s.on("data", (d) => cb(null, d)); }', true],
    ['a call after the handing on', 'function f(p, cb) { fs.readFile(p, (err, d) => cb(err, d)); cb(null); }', true],
    ['unrelated code, then a second fire', 'function f(x, cb) { if (!x) cb(new Error("x")); log(x); cb(null, x); }', true],
    ['code after the fire that calls a function firing it', 'function f(x, cb) { function done() { cb(null, x); } if (!x) cb(new Error("x")); done(); }', true],
    ['code after the fire that may throw into a catch that fires', 'function f(x, cb) { try { cb(null, x); g(); } catch (e) { cb(e); } }', true],
    ['a fire then unrelated code in a loop', 'function f(xs, cb) { for (const x of xs) { cb(null, x); log(x); } }', true],
    ['a catch that fires and falls through to a fire', 'function f(x, cb) { try { g(); } catch (e) { cb(e); } cb(null, x); }', true],
    ['a returned fire in a catch, inside a try whose catch fires', 'function f(x, cb) { try { try { g(); } catch (e) { return cb(e); } } catch (e2) { cb(e2); } }', true],
    ['a returned fire in a catch, then a finally that fires', 'function f(x, cb) { try { g(); } catch (e) { return cb(e); } finally { cb(null); } }', true],
    ['a fire in a try whose quiet catch falls through to a fire', 'function f(x, cb) { try { cb(null, x); } catch (e) { log(e); } cb(null, 0); }', true],
    ['a fire and a bare return in a try whose quiet catch falls through to a fire', 'function f(x, cb) { try { cb(null, x); return; } catch (e) { log(e); } cb(null, 0); }', true],
    ['a returned fire in a try whose quiet catch falls through to a fire', 'function f(x, cb) { try { return cb(null, x); } catch (e) { log(e); } cb(null, 0); }', true],
    ['a fire in a try whose catch calls a function firing it', 'function f(x, cb) { function fail(e) { cb(e); } try { cb(null, x); } catch (e) { fail(e); } }', true],
    ['a hand-off followed by a handler that fires twice', 'function f(fd, cb) { fs.close(fd, onClosed); function onClosed(err) { if (err) cb(err); cb(null); } }', true],
    ['a fire followed by a function declaration and a call of it', 'function f(x, cb) { if (!x) cb(null, 0); function done() { cb(null, x); } done(); }', true],
    ['two fires declared in one statement', 'function f(x, cb) { const a = cb(null, x), b = cb(null, 0); }', true],
    ['a fire declared in a block that falls through', 'function f(x, cb) { if (!x) { const r = cb(null, 0); } cb(null, x); }', true],
    ['a fire assigned in a loop', 'function f(xs, cb) { let r; for (const x of xs) r = cb(null, x); }', true],
    ['a call handing it on before the fire (not an inspection)', 'function f(x, cb) { if (!register(cb)) return; cb(null, x); }', true],
    ['an inspection, then two fires', 'function f(x, cb) { if (isFunction(cb)) cb(null, 0); cb(null, x); }', true],
    ['a fire, then a break before a return', 'function f(xs, cb) { for (const x of xs) { if (x) { cb(null, x); log(x); break; return; } } cb(null, 0); }', true],
    ['a fire, then a conditional break before a return', 'function f(xs, cb) { for (const x of xs) { if (x) { cb(null, x); if (x.k) break; return; } } cb(null, 0); }', true],
    ['a fire, cleanup, then a return that fires', 'function f(x, cb) { if (x.err) { cb(x.err); cleanup(x); return cb(null); } cb(null, x); }', true],
    ['a link and a catch after it', 'function f(p, cb) { return p.then((v) => cb(null, v)).catch((e) => cb(e)); }', true],
    ['a link whose result is used', 'function f(p, cb) { return p.then((v) => cb(null, v), cb).finally(() => cb(null)); }', true],
    ['a link, then a fire', 'function f(p, cb) { p.then((v) => cb(null, v), (e) => cb(e)); cb(null, 0); }', true],
    ['a link whose handler fires twice', 'function f(p, cb) { return p.then((v) => { cb(null, v); cb(null, v); }); }', true],
    ['a link on the result of a link in another statement', 'function f(p, cb) { const q = p.then((v) => cb(null, v)); return q.catch(cb); }', true],
    ['a link in a loop', 'function f(ps, cb) { for (const p of ps) p.then((v) => cb(null, v), cb); }', true],
    ['a link inside a handler of a link', 'function f(p, cb) { p.then((v) => v.q.then((w) => cb(null, w)).catch(cb)); }', true],
    ['a fire in a loop in a catch', 'function f(xs, cb) { for (const x of xs) { try { g(x); } catch (e) { cb(e); } } }', true],
  ])('keeps %s', (_, code, firedBefore) => {
    expect(judge(code, 'cb')).toEqual({ skip: false, firedBefore });
  });
});

describe('mayObserveErrors: the syntactic half of following an error-first callback', () => {
  it('holds for an error parameter that is only logged or ignored, not for one passed on or without an error parameter', async () => {
    const { mayObserveErrors } = await import('../../src/analysis/engine.js');
    const a = analyse(
      'function f(p, cb) { fs.readFile(p, (err, d) => { if (err) console.log(err); cb(null, d); }); fs.stat(p, (err) => cb(err)); fs.open(p, (fd) => cb(null, fd)); }',
    );
    const resolve = (id: Parameters<typeof a.analysis.resolve>[0]) => a.analysis.resolve(id);
    expect(mayObserveErrors(a.node(AST_NODE_TYPES.ArrowFunctionExpression, '(err, d)'), resolve)).toBe(true);
    expect(mayObserveErrors(a.node(AST_NODE_TYPES.ArrowFunctionExpression, '(err) =>'), resolve)).toBe(false);
    expect(mayObserveErrors(a.node(AST_NODE_TYPES.ArrowFunctionExpression, '(fd) =>'), resolve)).toBe(false);
  });
});

describe('onlyHandsOff: completions only ever handed off, at one place (no double fire to find)', () => {
  /** The pre-check's answer; what the engine records (fire kinds by node, registrations); the findings. */
  const check = (code: string, name: string) => {
    const a = analyse(code);
    const c = a.completion(name);
    const paths = a.analysis.paths(c);
    const fires = [...paths.fires.values()];
    return {
      skip: onlyHandsOff(a.analysis.uses(c), c, a.analysis),
      nodes: new Set(fires.map((f) => f.node)).size,
      kinds: [...new Set(fires.map((f) => f.kind))],
      registrations: paths.registrations.length,
      findings: findDoubleFires(a.analysis).map((d) => `${d.kind} ${a.text(d.node)}`),
    };
  };

  it.each([
    ['a hand-off in a loop', 'function f(xs, cb) { for (const x of xs) insert(x, cb); }'],
    ['a hand-off in a function run per element', 'function f(xs, cb) { xs.forEach((x) => insert(x, cb)); }'],
    ['a hand-off in a while loop after a loss elsewhere', 'function f(xs, cb) { while (xs.length) fs.readFile(xs.pop(), cb); store.push(cb); }'],
    ['a hand-off in a repeating listener', "function f(s, cb) { s.on('data', (d) => fs.writeFile(d, 'x', cb)); }"],
    // A call given the completion twice is no node-style hand-off (the engine: `unknown`), so there
    // is no site at all; the pre-check tells by asking the engine's question (`namesCompletion`).
    ['a completion passed twice to each of two calls', 'function f(p, cb) { register(p, cb, cb); remember(p, cb, cb); }'],
  ])('skips %s: one site, recorded as a hand-off only, nothing found', (_label, code) => {
    const r = check(code, 'cb');
    expect(r.skip).toBe(true);
    expect(r.nodes).toBeLessThanOrEqual(1);
    expect(r.kinds.filter((k) => k !== 'handoff')).toEqual([]);
    expect(r.registrations).toBe(0);
    expect(r.findings).toEqual([]);
  });

  it('skips sides handed to node-style APIs (lost there, not handed off): no site at all', () => {
    const r = check('new Promise((resolve, reject) => { for (const x of xs) fs.readFile(x, reject); fs.stat(p, reject); });', 'resolve/reject');
    expect(r.skip).toBe(true);
    expect(r.nodes).toBe(0);
    expect(r.findings).toEqual([]);
  });

  it('does not skip a resolver registered as a repeating listener', () => {
    const r = check("new Promise((resolve) => { s.on('data', resolve); });", 'resolve');
    expect(r.skip).toBe(false);
    expect(r.findings).toEqual(['repeated resolve']);
  });

  it.each([
    ['a fire besides the hand-off', 'function f(xs, cb) { for (const x of xs) insert(x, cb); cb(null); }', ['afterHandOff cb(null)']],
    ['hand-offs at two places', 'function f(p, cb) { fs.readFile(p, cb); fs.stat(p, cb); }', ['afterHandOff cb']],
    ['a scheduled fire in a loop (`once`)', 'function f(xs, cb) { for (const x of xs) setImmediate(cb, null, x); }', ['repeated cb']],
    ['a registration (`many`)', "function f(s, cb) { s.on('data', cb); }", []],
    ['hand-offs at two places, one in a loop', 'function f(xs, cb) { for (const x of xs) insert(x, cb); fs.stat(p, cb); }', ['afterHandOff cb']],
    ['a once-listener in a loop (`maybe`)', "function f(xs, cb) { for (const s of xs) s.once('end', cb); }", []],
    ['a link in a loop', 'function f(ps, cb) { for (const p of ps) p.then(cb); }', []],
    ['a link with a fire in a loop', 'function f(ps, cb) { for (const p of ps) p.then(cb, () => {}); }', []],
  ])('does not skip %s', (_label, code, findings) => {
    const r = check(code, 'cb');
    expect(r.skip).toBe(false);
    expect(r.findings).toEqual(findings);
  });
});
