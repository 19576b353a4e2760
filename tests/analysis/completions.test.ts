import { describe, expect, it } from 'vitest';
import { analyse } from './helpers.js';

const summary = (code: string, typescript = false) =>
  analyse(code, { typescript })
    .analysis.completions()
    .map((c) => ({
      kind: c.kind,
      style: c.style.name,
      name: c.name,
      bindings: c.bindings.map((b) => `${b.name}${b.side ? `:${b.side}` : ''}${b.alias ? '*' : ''}`),
      ...(c.guard ? { guard: c.guard } : {}),
    }));

describe('completion discovery', () => {
  it('finds executor parameters whatever their names', () => {
    expect(summary('new Promise((ok, fail) => { ok(1); });')).toEqual([
      { kind: 'executor', style: 'promise', name: 'ok/fail', bindings: ['ok:success', 'fail:error'] },
    ]);
    expect(summary('new Promise(function (res) { res(1); });')).toEqual([
      { kind: 'executor', style: 'promise', name: 'res', bindings: ['res:success'] },
    ]);
  });

  it('finds Promise.withResolvers() destructuring, renamed or not', () => {
    expect(summary('const { promise, resolve: settle, reject } = Promise.withResolvers(); settle(1); reject(e);')).toEqual([
      { kind: 'executor', style: 'promise', name: 'settle/reject', bindings: ['settle:success', 'reject:error'] },
    ]);
  });

  it('finds variables holding new Deferred(), $.Deferred(), jQuery.Deferred(), Q.defer()', () => {
    const found = summary(`
      const a = new Deferred(); a.callback(1);
      const b = $.Deferred(); b.resolve(1);
      let c; c = jQuery.Deferred(); c.reject(e);
      var d = Q.defer(); d.resolve(1);
      const r = Promise.withResolvers(); r.resolve(1);
    `);
    expect(found.map((c) => [c.kind, c.style, c.name])).toEqual([
      ['object', 'twisted', 'a'],
      ['object', 'jquery', 'b'],
      ['object', 'jquery', 'c'],
      ['object', 'promise', 'd'],
      ['object', 'promise', 'r'],
    ]);
  });

  it('finds borrowed deferreds: parameters and variables of unknown origin fired like one', () => {
    const borrowed = (code: string) =>
      analyse(code)
        .analysis.completions()
        .map((c) => `${c.kind} ${c.style.name} ${c.name}${c.borrowed ? ' borrowed' : ''}${c.idempotent ? ' idempotent' : ''}`);
    // `errback` names nothing but Twisted's error side: one fire is enough.
    expect(borrowed('function fail(d, e) { d.errback(e); }')).toEqual(['object twisted d borrowed']);
    expect(borrowed('function refresh(d, t) { if (!t) d.errback(new Error("x")); d.callback(t); }')).toEqual(['object twisted d borrowed']);
    // Everyday names need both sides of one style; deferred-object styles come first for wording.
    expect(borrowed('function settle(dfd, e, v) { if (e) dfd.reject(e); else dfd.resolve(v); }')).toEqual(['object jquery dfd borrowed idempotent']);
    expect(borrowed('function f() { const def = util.deferred(); work((e) => (e ? def.reject(e) : def.resolve())); return def.promise; }')).toEqual([
      'object jquery def borrowed idempotent',
    ]);
    // One everyday side, libraries, values built from the call, one deferred per loop iteration.
    expect(borrowed('function f(opts, v) { opts.callback(v); opts.callback(v); }')).toEqual([]);
    expect(borrowed('function f(P, e, v) { if (e) P.reject(e); P.resolve(v); }')).toEqual([]);
    expect(borrowed('function f(lib, e, v) { lib.reject(e).catch(log); return lib.resolve(v).then(clone); }')).toEqual([]);
    expect(borrowed('function f() { const q = require("q"); q.reject(e); q.resolve(v); }')).toEqual([]);
    expect(borrowed('function f(list, e, v) { for (const d of list) { if (e) d.reject(e); else d.resolve(v); } }')).toEqual([]);
    // Already known: a deferred made here is not borrowed.
    expect(borrowed('function f() { const d = new Deferred(); d.errback(e); return d; }')).toEqual(['object twisted d']);
  });

  it('finds node callbacks by name, and by an error passed first whatever the name', () => {
    expect(summary('function f(a, cb) { cb(null, a); }')).toEqual([{ kind: 'node', style: 'node', name: 'cb', bindings: ['cb'] }]);
    expect(summary('function f(req, res, next) { next(); }').map((c) => c.name)).toEqual(['next']);
    expect(summary('function f(a, onDoneCallback) { onDoneCallback(); }').map((c) => c.name)).toEqual(['onDoneCallback']);
    expect(summary('function f(a, reply) { if (a) reply(new Error("x")); else reply(null, a); }').map((c) => c.name)).toEqual(['reply']);
    expect(summary('function f(a, handler) { fs.stat(a, (err) => handler(err)); }').map((c) => c.name)).toEqual(['handler']);
  });

  it('leaves iteratees and odd names alone', () => {
    // Only ever called with a value first: an iteratee, not a completion.
    expect(summary('function each(arr, fn) { for (const x of arr) fn(x); }')).toEqual([]);
    expect(summary('function each(arr, callback) { arr.forEach((x, i) => callback(x, i)); }')).toEqual([]);
    // `null` first is not enough for a name that says nothing (AMD `declare(null, {...})`).
    expect(summary('function f(a, declare) { return declare(null, {}); }')).toEqual([]);
    // AMD factories take modules, not callbacks.
    expect(summary('define(["x"], function (x, cb) { cb(null); });')).toEqual([]);
    // Not the last parameter.
    expect(summary('function f(cb, options) { cb(); }')).toEqual([]);
  });

  it('finds success/error parameter pairs', () => {
    expect(summary('function get(host, port, callback, errback) { callback(1); }')).toEqual([
      { kind: 'pair', style: 'pair', name: 'callback/errback', bindings: ['callback:success', 'errback:error'] },
    ]);
    expect(summary('function load(url, onSuccess, onError) { onError(new Error("x")); }').map((c) => c.name)).toEqual([
      'onSuccess/onError',
    ]);
  });

  it('treats (resolve, reject) pairs as resolvers: idempotent, never throwing', () => {
    const c = analyse('function settle(value, resolve, reject) { resolve(value); }').analysis.completions()[0]!;
    expect([c.kind, c.throws, c.idempotent]).toEqual(['pair', false, true]);
  });

  it('follows aliases', () => {
    expect(summary('new Promise((resolve) => { const done = resolve; done(1); });')[0]!.bindings).toEqual([
      'resolve:success',
      'done:success*',
    ]);
    expect(summary('function f(cb) { const callback = cb || noop; callback(); }')[0]!.bindings).toEqual(['cb', 'callback*']);
    expect(summary('function f(cb) { let done; done = cb; done(); }')[0]!.bindings).toEqual(['cb', 'done*']);
  });

  it('finds members assigned from a completion, through self = this', () => {
    const found = summary(`
      function Req(opts, callback) {
        var self = this;
        self.callback = callback;
        self.callback(null);
      }
    `);
    expect(found.map((c) => [c.kind, c.name])).toEqual([
      ['node', 'callback'],
      ['member', 'this.callback'],
    ]);
  });

  it('marks guard wrappers and rebinding, keeps defaulting', () => {
    expect(summary('function f(cb) { cb = once(cb); cb(); }')[0]!.guard).toBe('once');
    expect(summary('function f(cb) { cb = dezalgo(cb); cb(); }')[0]!.guard).toBe('reassigned');
    expect(summary('function f(cb) { cb(); cb = null; }')[0]!.guard).toBe('reassigned');
    expect(summary('function f(opts, cb) { if (typeof opts === "function") { cb = opts; } cb = cb || noop; cb(); }')[0]!.guard).toBeUndefined();
  });

  it('reads TypeScript', () => {
    expect(
      summary('function f(a: string, cb: (err: Error | null, v?: string) => void): void { cb(null, a as string); }', true).map((c) => c.name),
    ).toEqual(['cb']);
  });

  it('adds user styles from settings', () => {
    const { analysis } = analyse('const d = Bluebird.defer(); d.fulfill(1);', {
      settings: {
        'callback-discipline': {
          styles: [{ name: 'bluebird-ish', kind: 'object', recognise: { factories: ['Bluebird.defer'] }, fire: { success: ['fulfill'], error: ['reject'] } }],
        },
      },
    });
    const c = analysis.completions()[0]!;
    expect([c.kind, c.style.name, [...c.fireMethods.keys()]]).toEqual(['object', 'bluebird-ish', ['fulfill', 'reject']]);
  });

  it('finds callee names of any length (the length filter keeps every name the table or a parameter has)', () => {
    // Discovery skips callees by name length before it looks names up: names of lengths the
    // built-in table has none of (2, 31 and more) must still be found when a user style or a
    // parameter gives them.
    const long = 'makeDeferredWithAVeryLongFactoryName';
    expect(long.length).toBeGreaterThan(31);
    const { analysis } = analyse(`const a = Lib.${long}(); a.ok(1); const b = mk(); b.ko(e); const c = new Q2(); c.ok(1);`, {
      settings: {
        'callback-discipline': {
          styles: [
            { name: 'odd', kind: 'object', recognise: { factories: [`Lib.${long}`, 'mk'], constructors: ['Q2'] }, fire: { success: ['ok'], error: ['ko'] } },
          ],
        },
      },
    });
    expect(analysis.completions().map((c) => [c.kind, c.style.name, c.name])).toEqual([
      ['object', 'odd', 'a'],
      ['object', 'odd', 'b'],
      ['object', 'odd', 'c'],
    ]);
    // A weak last parameter (any length) called with an error first becomes a node callback.
    const weak = analyse('function f(x, k) { if (x) return k(new Error("no")); k(null, x); }').analysis.completions();
    expect(weak.map((c) => [c.kind, c.name])).toEqual([['node', 'k']]);
    const weakLong = analyse('function f(x, whenAllOfTheWorkIsFinishedNotify) { whenAllOfTheWorkIsFinishedNotify(new Error("no")); }').analysis.completions();
    expect(weakLong.map((c) => [c.kind, c.name])).toEqual([['node', 'whenAllOfTheWorkIsFinishedNotify']]);
  });
});
