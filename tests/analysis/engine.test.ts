import { describe, expect, it } from 'vitest';
import { sameSignature, signature } from '../../src/analysis/engine.js';
import { BOTTOM, UNFIRED, arm, assume, fire, fireMany, join, lose, type FireSite, type State } from '../../src/analysis/fire-state.js';
import { enclosingRoot, type Node } from '../../src/analysis/syntax.js';
import { analyse } from './helpers.js';

/** Each fire as `text: min..max [earlier lines]`, in source order. */
function fires(code: string, name: string) {
  const a = analyse(code);
  const paths = a.analysis.paths(a.completion(name));
  return [...paths.fires.values()]
    .sort((x, y) => x.node.range[0] - y.node.range[0])
    .map((f) => `${a.text(f.node)}: ${f.pre.min}..${f.pre.max}${f.pre.lost ? ' lost' : ''}${f.kind === 'handoff' ? ' handoff' : ''}`);
}

describe('path engine: counting fires along code paths', () => {
  it('counts sequential fires (must) and fires on some paths (may)', () => {
    expect(fires('function f(cb) { cb(null, 1); cb(null, 2); }', 'cb')).toEqual(['cb(null, 1): 0..0', 'cb(null, 2): 1..1']);
    expect(fires('function f(x, cb) { if (x) cb(new Error("x")); cb(null, 2); }', 'cb')).toEqual([
      'cb(new Error("x")): 0..0',
      'cb(null, 2): 0..1',
    ]);
  });

  it('joins if/else and early returns', () => {
    expect(fires('function f(x, cb) { if (x) { cb(null, 1); } else { cb(null, 2); } }', 'cb')).toEqual([
      'cb(null, 1): 0..0',
      'cb(null, 2): 0..0',
    ]);
    expect(fires('function f(err, cb) { if (err) return cb(err); cb(null); }', 'cb')).toEqual(['cb(err): 0..0', 'cb(null): 0..0']);
  });

  it('iterates loops to a fixpoint', () => {
    expect(fires('function f(xs, cb) { for (const x of xs) cb(null, x); }', 'cb')).toEqual(['cb(null, x): 0..2']);
    expect(fires('function f(xs, cb) { for (const x of xs) { if (x) { cb(null, x); return; } } cb(null); }', 'cb')).toEqual([
      'cb(null, x): 0..0',
      'cb(null): 0..0',
    ]);
  });

  it('keeps correlated guards on the same unmodified binding apart', () => {
    expect(fires('function f(e) { return new Promise((resolve, reject) => { if (e) reject(e); if (!e) resolve(1); }); }', 'resolve/reject')).toEqual([
      'reject(e): 0..0',
      'resolve(1): 0..0',
    ]);
    expect(fires('function f(e, cb) { if (e != null) cb(e); if (e == null) cb(null); }', 'cb')).toEqual(['cb(e): 0..0', 'cb(null): 0..0']);
  });

  it('follows boolean guard flags across invocations of a listener', () => {
    const code = `function f(s, cb) {
      let called = false;
      function done(err) { if (called) return; called = true; cb(err); }
      s.on('error', done);
      s.on('end', () => done());
    }`;
    expect(fires(code, 'cb')).toEqual(['cb(err): 0..0']);
  });

  it('models throws into catch: resolvers never throw, node callbacks may', () => {
    expect(fires('new Promise((resolve, reject) => { try { resolve(JSON.parse(s)); } catch (e) { reject(e); } });', 'resolve/reject')).toEqual([
      'resolve(JSON.parse(s)): 0..0',
      'reject(e): 0..0',
    ]);
    expect(fires('function f(s, cb) { try { cb(null, JSON.parse(s)); } catch (e) { cb(e); } }', 'cb')).toEqual([
      'cb(null, JSON.parse(s)): 0..0',
      'cb(e): 0..1',
    ]);
    expect(fires('new Promise((resolve, reject) => { try { resolve(v); mayThrow(); } catch (e) { reject(e); } });', 'resolve/reject')).toEqual([
      'resolve(v): 0..0',
      'reject(e): 1..1',
    ]);
  });

  it('inlines functions that run once, where they are passed', () => {
    expect(fires('new Promise((resolve) => { resolve(1); setTimeout(() => resolve(2)); });', 'resolve')).toEqual([
      'resolve(1): 0..0',
      'resolve(2): 1..1',
    ]);
    expect(fires('function f(x, cb) { fs.stat(x, (err, st) => { if (err) return cb(err); cb(null, st); }); }', 'cb')).toEqual([
      'cb(err): 0..0',
      'cb(null, st): 0..0',
    ]);
  });

  it('runs functions that run many times to a fixpoint', () => {
    expect(fires('new Promise((resolve) => { xs.forEach((x) => resolve(x)); });', 'resolve')).toEqual(['resolve(x): 0..2']);
  });

  it('stops at unknown hand-offs', () => {
    expect(fires('function f(cb) { registry.add(cb); cb(null); }', 'cb')).toEqual(['cb(null): 0..0 lost']);
    expect(fires('function f(x, cb) { if (x) { this.pending = cb; } else { cb(null); } cb(null); }', 'cb')).toEqual([
      'cb(null): 0..0',
      // Counts are over the paths that still own it; one path handed it off.
      'cb(null): 1..1 lost',
    ]);
  });

  it('counts a hand-off to a node-style API as a fire', () => {
    expect(fires('function f(file, x, cb) { fs.readFile(file, cb); if (x) cb(new Error("x")); }', 'cb')).toEqual([
      'cb: 0..0 handoff',
      'cb(new Error("x")): 1..1',
    ]);
  });

  it('simulates chains link by link', () => {
    expect(fires('function f(p, cb) { p.then((v) => cb(null, v), cb); }', 'cb')).toEqual(['cb(null, v): 0..0', 'cb: 0..0']);
    // The catch also runs when the callback called by the success handler throws.
    expect(fires('function f(p, cb) { p.then((v) => cb(null, v)).catch((e) => cb(e)); }', 'cb')).toEqual([
      'cb(null, v): 0..0',
      'cb(e): 0..1',
    ]);
    expect(fires('new Promise((resolve, reject) => { p.then((v) => resolve(v)).catch((e) => reject(e)); });', 'resolve/reject')).toEqual([
      'resolve(v): 0..0',
      'reject(e): 0..0',
    ]);
    // A side passed by reference is a fire in its link, exclusive with the other handler.
    expect(fires('function f(p, d) { p.addCallbacks((v) => { if (!v) d.errback(new Error("none")); d.callback(v); }, d.errback); }', 'd')).toEqual([
      'd.errback(new Error("none")): 0..0',
      'd.callback(v): 0..1',
      'd.errback: 0..0',
    ]);
    expect(fires("new Promise((resolve, reject) => { p.catch(reject); s.once('error', reject); });", 'resolve/reject')).toEqual([
      'reject: 0..0',
      'reject: 0..1',
    ]);
    // Links on the same promise in separate statements see one outcome.
    expect(fires('function f(p, cb) { p.then((v) => cb(null, v)); p.catch((e) => cb(e)); }', 'cb')).toEqual([
      'cb(null, v): 0..0',
      'cb(e): 0..0',
    ]);
  });

  it('judges wired fires of resolvers on the sites of the same registration run', () => {
    /** Each fire as `text <- earlier direct sites`. */
    const direct = (code: string) => {
      const a = analyse(code);
      return [...a.analysis.paths(a.completion('resolve/reject')).fires.values()]
        .sort((x, y) => x.node.range[0] - y.node.range[0])
        .map((f) => `${a.text(f.node)} <- ${f.directSites.map((s) => a.text(s.node)).join(', ')}`);
    };
    // Sequential fires in one link handler: the earlier one counts.
    expect(direct('new Promise((resolve, reject) => { p.then((r) => { if (!r) reject(e); resolve(r); }, reject); });')).toEqual([
      'reject(e) <- ',
      'resolve(r) <- reject(e)',
      'reject <- ',
    ]);
    // Fires under different registrations race on purpose: none counts for the other.
    expect(direct("new Promise((resolve, reject) => { s.once('error', (e) => reject(e)); s.once('end', () => resolve()); });")).toEqual([
      'reject(e) <- ',
      'resolve() <- ',
    ]);
    // The same handler registered once per element: an earlier element's run is not this run.
    expect(
      direct(`new Promise((resolve, reject) => {
        list.forEach((p) => p.then(null, (e) => { if (one) reject(e); else add(); function add() { if (++n === list.length) resolve(all); } }));
      });`),
    ).toEqual(['reject(e) <- ', 'resolve(all) <- ']);
    // A handler registered again in a loop is a new run, not a second fire of the same run.
    expect(direct('new Promise((resolve, reject) => { for (const p of ps) p.then((v) => resolve(v), reject); });')).toEqual([
      'resolve(v) <- ',
      'reject <- ',
    ]);
  });

  it('reports the owner exits with their state', () => {
    const a = analyse('function f(x, cb) { if (!x) return; cb(null, x); }');
    const exits = a.analysis.paths(a.completion('cb')).exits.map((e) => `${e.kind}@${e.node.loc.start.column}: ${e.state.min}..${e.state.max}`);
    expect(exits).toEqual(['return@28: 0..0', 'end@0: 1..1']);
  });

  it('gives up on completions it cannot place on a path', () => {
    const a = analyse('function f(cb) { const o = { done: cb }; cb(); cb(); }');
    expect(a.analysis.paths(a.completion('cb')).analysed).toBe(false);
  });
});

describe('path engine: what hanging-path needs', () => {
  const exits = (code: string, name: string) => {
    const a = analyse(code);
    return a.analysis
      .paths(a.completion(name))
      .exits.map((e) => `${e.kind}: ${e.state.min}..${e.state.max}${e.absent ? ' absent' : ''} [${e.unfired.map((n) => a.text(n).split('\n')[0]).join(' | ')}]`);
  };

  it('locates the branches that reach a merged exit unfired', () => {
    expect(exits('function f(x, cb) { if (x) { cb(null, x); } }', 'cb')).toEqual(['end: 0..1 [if (x) { cb(null, x); }]']);
    expect(exits('function f(x, y, cb) { if (x) { log(); } else { cb(null, y); } }', 'cb')).toEqual(['end: 0..1 [{ log(); }]']);
  });

  it('locates them the same in long paths (segments indexed) as in short ones (segments searched)', () => {
    // Each `if (aN) log();` adds segments: 40 of them take the path well past the searched length.
    const pad = Array.from({ length: 40 }, (_, i) => `if (a${i}) log();`).join(' ');
    const a = analyse(`function f(x, cb) { ${pad} if (x) { cb(null, x); } }`);
    expect(a.analysis.collector.pathOf(a.completion('cb').owner!)!.segments.length).toBeGreaterThan(64);
    const bodies: [string, string[]][] = [
      ['if (x) { cb(null, x); }', ['end: 0..1 [if (x) { cb(null, x); }]']],
      ['if (x) { log(); } else { cb(null, y); }', ['end: 0..1 [{ log(); }]']],
      ['if (x) { log(); } else if (y) { cb(null, y); } else { z(); } cb(null);', ['end: 1..2 []']],
      ['if (x) { log(); } else if (y) { cb(null, y); } else { return; } if (z) return; cb(null);', [
        'return: 0..0 [return;]',
        'return: 0..1 [if (x) { log(); } else if (y) { cb(null, y); } else { return; }]',
        'end: 1..2 []',
      ]],
    ];
    for (const [body, expected] of bodies) {
      const short = exits(`function f(x, y, z, cb) { ${body} }`, 'cb');
      expect(short, body).toEqual(expected);
      expect(exits(`function f(x, y, z, cb) { ${pad} ${body} }`, 'cb'), body).toEqual(short);
    }
  });

  it('knows when the caller passed no callback', () => {
    expect(exits('function f(k, cb) { if (!cb) return; cb(null, k); }', 'cb')).toEqual(['return: 0..0 absent []', 'end: 1..1 []']);
  });

  it('counts listeners and links as armed, not as unfired', () => {
    expect(exits("function f(s, cb) { s.on('end', () => cb(null)); }", 'cb')).toEqual(['end: 0..1 []']);
    // Fired only if p resolves, but the duty is wired to the chain: no unfired path.
    expect(exits('function f(p, cb) { p.then((v) => cb(null, v)); }', 'cb')).toEqual(['end: 0..1 []']);
  });

  it('observes error-first callbacks: ignored errors and success on the error path', () => {
    const observed = (code: string, name: string) => {
      const a = analyse(code);
      return a.analysis.paths(a.completion(name)).observations.map((o) => `${o.kind} ${o.param.name}: ${a.text(o.node)}`);
    };
    expect(observed('function f(p, cb) { fs.stat(p, (err, s) => { if (err) { log(err); return; } cb(null, s); }); }', 'cb')).toEqual([
      'ignoredError err: return;',
    ]);
    expect(observed('new Promise((resolve) => fs.readFile(f, (err, d) => resolve(d)));', 'resolve')).toEqual([
      'successOnErrorPath err: resolve(d)',
    ]);
    // Handled: forwarded, handed on, or turned into a value on purpose.
    expect(observed('function f(p, cb) { fs.stat(p, (err, s) => cb(err, s)); }', 'cb')).toEqual([]);
    expect(observed('function f(p, cb) { fs.stat(p, (err, s) => { if (err) return this.fail(err); cb(null, s); }); }', 'cb')).toEqual([]);
    expect(observed('new Promise((resolve) => exec(c, (err, out) => resolve(err ? "" : out)));', 'resolve')).toEqual([]);
  });
});

describe('path engine: fire records', () => {
  it('name the path root each fire is evaluated in (its enclosing root)', () => {
    const snippets: [string, string][] = [
      ['function f(x, cb) { if (x) return cb(null); g(function () { cb(null, 1); }); s.on("end", () => cb()); }', 'cb'],
      ['function f(p, cb) { p.then((v) => cb(null, v), cb).catch((e) => { cb(e); }); }', 'cb'],
      ['new Promise((resolve, reject) => { s.on("error", reject); s.on("end", resolve); fs.stat(f, (err) => (err ? reject(err) : resolve(1))); });', 'resolve/reject'],
      ['function f(cb) { const h = () => cb(null); q.push(h); class A { x = cb(null); static { cb(null); } } }', 'cb'],
      ['function f(xs, cb) { xs.forEach((x) => { cb(null, x); }); setImmediate(cb, null); }', 'cb'],
    ];
    for (const [code, name] of snippets) {
      const a = analyse(code);
      const fires = [...a.analysis.paths(a.completion(name)).fires.values()];
      expect(fires.length).toBeGreaterThan(0);
      for (const f of fires) expect(f.root, a.text(f.node)).toBe(enclosingRoot(f.node));
    }
  });
});

describe('path engine: inlining memo keys', () => {
  // Fake nodes: only their positions are read by signatures.
  const node = (start: number) => ({ range: [start, start + 1] }) as unknown as Node;
  const site = (start: number, extra: Partial<FireSite> = {}): FireSite => ({ node: node(start), side: 'success', kind: 'fire', wired: false, name: 'cb', ...extra });
  const states = (): State[] => {
    const s1 = site(10);
    const s2 = site(20, { side: 'error' });
    const w1 = site(30, { wired: true, wiredBy: node(5) });
    const w2 = site(30, { wired: true, wiredBy: node(6) });
    const fired = fire(UNFIRED, s1);
    const a = assume(UNFIRED, 1, true);
    const b = assume(UNFIRED, 1, false);
    const both = join(a, b);
    const out: State[] = [
      BOTTOM,
      UNFIRED,
      fired,
      fire(UNFIRED, site(10)), // another node at the same position: the same signature
      fire(UNFIRED, s2),
      fire(UNFIRED, site(10, { kind: 'handoff' })),
      fire(fired, s2),
      fire(UNFIRED, s1, false), // may fire: other counts
      arm(UNFIRED), // `done` is not part of the signature
      fire(UNFIRED, w1),
      fire(UNFIRED, w2),
      fire(UNFIRED, site(30, { wired: true, wiredBy: node(5) })),
      fireMany(UNFIRED, s1),
      lose(UNFIRED),
      join(lose(UNFIRED), fired),
      join(fired, lose(UNFIRED)),
      a,
      b,
      both,
      join(b, a), // the same worlds in another order
      join(fire(a, s1), b),
      join(b, fire(a, s1)),
      join(fire(a, s1), fire(b, s1)),
      join(join(assume(both, 2, true), assume(both, 2, false)), lose(UNFIRED)),
      join(assume(both, 2, false), assume(both, 2, true)),
    ];
    // An approximate world (too many worlds joined: assumptions dropped).
    let many: State = UNFIRED;
    for (let k = 0; k < 5; k++) many = join(assume(many, 10 + k, true), assume(many, 10 + k, false));
    out.push(many, fire(many, s1));
    return out;
  };

  it('compares entry states exactly as their signatures would', () => {
    const list = states();
    expect(list.some((s) => s.some((w) => w.approx))).toBe(true);
    let equal = 0;
    for (const x of list) {
      for (const y of list) {
        const same = signature(x) === signature(y);
        if (same) equal++;
        expect(sameSignature(x, y), `${signature(x)} vs ${signature(y)}`).toBe(same);
      }
    }
    // Pairs other than a state with itself have equal signatures (reordered worlds, `done`, nodes at one position).
    expect(equal).toBeGreaterThan(list.length);
  });
});

describe('path engine: completions it cannot place', () => {
  it('answers "not analysed" for a use outside any recorded item, which the rules skip before asking', () => {
    const a = analyse('function f() { return new Promise((resolve, reject) => { const o = { r: resolve }; if (x) reject(new Error("x")); reject(o); }); }');
    const c = a.completion('resolve/reject');
    expect(a.analysis.uses(c).unplaceable).toBe(true);
    expect(a.analysis.paths(c).analysed).toBe(false);
  });
});
