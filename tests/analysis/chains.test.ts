import { describe, expect, it } from 'vitest';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  type Chain,
  type ChainModel,
  dispositionOf,
  errorCatchingLinks,
  getChainModel,
  holderLinks,
  nextValueReader,
  valueSequences,
} from '../../src/analysis/chains.js';
import { getStyleTable } from '../../src/analysis/styles.js';
import { resolveFunction } from '../../src/analysis/scope.js';
import { bothWays as bothWaysOf, withSource } from './with-source.js';

const table = getStyleTable(undefined);

function modelOf(code: string, options: Parameters<typeof withSource>[2] = {}) {
  return withSource(
    code,
    (sourceCode) => {
      const model = getChainModel(sourceCode, table);
      return { model, sourceCode, again: getChainModel(sourceCode, table) };
    },
    options,
  );
}

function describeChain(sourceCode: TSESLint.SourceCode, chain: Chain) {
  return {
    head: sourceCode.getText(chain.head as TSESTree.Node),
    headKind: chain.headKind,
    links: chain.links.map((l) => `${l.method}:${l.side}`),
    styles: chain.styles.map((s) => s.name),
    fate: chain.fate.kind,
    evidence: chain.evidence,
  };
}

function chainsOf(code: string, options: Parameters<typeof withSource>[2] = {}) {
  const { model, sourceCode } = modelOf(code, options);
  return model.chains.map((c) => describeChain(sourceCode, c));
}

describe('chain recognition', () => {
  it('reads a twisted chain on a call head, link by link', () => {
    expect(chainsOf('getDeferred().addCallback(a).addErrback(b).addBoth(c);')).toEqual([
      {
        head: 'getDeferred()',
        headKind: 'call',
        links: ['addCallback:success', 'addErrback:error', 'addBoth:both'],
        styles: ['twisted'],
        fate: 'dropped',
        evidence: 'links',
      },
    ]);
  });

  it('reads then by arity: success, pair, error', () => {
    expect(chainsOf('p.then(ok, fail).catch(x).finally(y); q.then(f); r.then(null, g); s.then(undefined, g);')).toEqual([
      { head: 'p', headKind: 'other', links: ['then:pair', 'catch:error', 'finally:both'], styles: ['promise'], fate: 'dropped', evidence: 'links' },
      { head: 'q', headKind: 'other', links: ['then:success'], styles: ['promise', 'jquery'], fate: 'dropped', evidence: 'method' },
      { head: 'r', headKind: 'other', links: ['then:error'], styles: ['promise', 'jquery'], fate: 'dropped', evidence: 'method' },
      { head: 's', headKind: 'other', links: ['then:error'], styles: ['promise', 'jquery'], fate: 'dropped', evidence: 'method' },
    ]);
  });

  it('reads a jQuery chain on a known source', () => {
    expect(chainsOf('$.ajax(u).done(ok).fail(fail).always(z);')).toEqual([
      {
        head: '$.ajax(u)',
        headKind: 'source',
        links: ['done:success', 'fail:error', 'always:both'],
        styles: ['jquery'],
        fate: 'dropped',
        evidence: 'head',
      },
    ]);
  });

  it('needs clear evidence for ambiguous method names', () => {
    // One `done`/`fail` on an unknown receiver is not a chain; on a known head, or followed by a link, it is.
    expect(chainsOf('stream.done(x); assert.fail(y); t.fail("message"); q.done();')).toEqual([]);
    expect(chainsOf('xhr.done(a).fail(b);').map((c) => c.styles)).toEqual([['jquery']]);
    expect(chainsOf('const d = $.Deferred(); d.done(a);').map((c) => [c.head, c.headKind, c.evidence])).toEqual([
      ['d', 'variable', 'head'],
    ]);
    // A bare twisted `fail(...)` is a chain source, not a link.
    expect(chainsOf('fail(new Error("x")).addErrback(log);').map((c) => [c.headKind, c.styles])).toEqual([
      ['source', ['twisted']],
    ]);
  });

  it('does not read calls whose arguments cannot be handlers', () => {
    expect(chainsOf('x.then(1); y.catch("a"); z.then(); w.finally({});')).toEqual([]);
  });

  it('recognises heads from the table: constructors, executors, factories, sources', () => {
    const heads = chainsOf(`
      new Deferred().addCallback(a);
      new Promise(run).then(a);
      $.Deferred().done(a);
      fetch(u).then(a);
      Promise.resolve(1).then(a);
      succeed(1).addCallback(a);
    `).map((c) => [c.head.replace(/\(.*\)$/s, ''), c.headKind, c.styles]);
    expect(heads).toEqual([
      ['new Deferred', 'constructor', ['twisted']],
      ['new Promise', 'executor', ['promise']],
      ['$.Deferred', 'factory', ['jquery']],
      ['fetch', 'source', ['promise']],
      ['Promise.resolve', 'source', ['promise']],
      ['succeed', 'source', ['twisted']],
    ]);
  });

  it('follows optional chaining, non-null assertions and casts', () => {
    expect(
      chainsOf('p?.then(a).catch(b); (q as Promise<number>).then(a)!.catch(b);', { typescript: true }).map((c) => [
        c.head,
        c.links,
        c.fate,
      ]),
    ).toEqual([
      ['p', ['then:success', 'catch:error'], 'dropped'],
      // The head is the value itself, without type-only wrappers.
      ['q', ['then:success', 'catch:error'], 'dropped'],
    ]);
  });

  it('splits at a call that is not a link', () => {
    const chains = chainsOf('p.then(a).timeout(5).then(b);');
    expect(chains.map((c) => [c.head, c.links, c.fate])).toEqual([
      ['p.then(a).timeout(5)', ['then:success'], 'dropped'],
      ['p', ['then:success'], 'receiver'],
    ]);
  });
});

describe('links', () => {
  it('resolves handlers: inline, declared, const-bound, bound with bind', () => {
    const { model, sourceCode } = modelOf(`
      function gotPoem(p) { return p; }
      const poemFailed = (e) => null;
      let reassigned = function () {};
      reassigned = other;
      d.addCallbacks(gotPoem, poemFailed).addBoth(function done() {}).addCallback(reassigned).addErrback(log.bind(null));
    `);
    const [chain] = model.chains;
    const names = chain!.links.map((l) => [
      l.success?.fn ? sourceCode.getText(l.success.fn as TSESTree.Node).slice(0, 16) : l.success && 'unresolved',
      l.error?.fn ? sourceCode.getText(l.error.fn as TSESTree.Node).slice(0, 16) : l.error && 'unresolved',
    ]);
    expect(names).toEqual([
      ['function gotPoem', '(e) => null'],
      ['function done() ', 'function done() '],
      ['unresolved', undefined],
      [undefined, 'unresolved'],
    ]);
  });

  it('knows which links transform the value and which catch errors', () => {
    const { model } = modelOf(`
      d.addCallback(a).addErrback(b).addBoth(c).addCallbacks(d1, e1);
      p.then(a).catch(b).finally(c).then(a, b);
      $.ajax(u).done(a).fail(b).always(c).then(a, b);
    `);
    const facts = model.chains.map((c) => c.links.map((l) => `${l.method}${l.transforms ? '+T' : ''}${l.catchesErrors ? '+E' : ''}`));
    expect(facts).toEqual([
      ['addCallback+T', 'addErrback+T+E', 'addBoth+T+E', 'addCallbacks+T+E'],
      ['then+T', 'catch+T+E', 'finally', 'then+T+E'],
      ['done', 'fail+E', 'always', 'then+T+E'],
    ]);
    expect(errorCatchingLinks(model.chains[1]!.links).map((l) => l.method)).toEqual(['catch', 'then']);
  });

  it('knows a both link whose handler sees the failure it passes on', () => {
    const { model } = modelOf(`
      $.ajax(u).always(function (xhr, status) { report(status); });
      $.ajax(u).always(callback && function (xhr, status) { callback(status); });
      $.ajax(u).always(function () { hide(); });
      p.finally((x) => log(x));
      d.addBoth((r) => r);
    `);
    expect(model.chains.map((c) => [c.links[0]!.observesErrors, c.links[0]!.catchesErrors])).toEqual([
      [true, false],
      [true, false],
      [false, false],
      [false, false],
      [false, true],
    ]);
  });
});

describe('fates', () => {
  const fates = (code: string) => modelOf(code).model.chains.map((c) => [c.fate.kind, dispositionOf(c.fate)]);

  it('classifies every way a chain value is used', () => {
    expect(
      fates(`
        async function* f(use) {
          fetchThing().then(use);
          void fetchThing().then(use);
          await fetchThing().then(use);
          yield fetchThing().then(use);
          track(fetchThing().then(use));
          this.p = fetchThing().then(use);
          const o = { p: fetchThing().then(use) };
          Promise.all([a.then(use), b.then(use)]);
          [c.then(use)];
          throw fetchThing().then(use);
        }
        export default fetchThing().then(use);
        const g = () => fetchThing().then(use);
        function h() { return cond ? x.then(use) : y.then(use); }
        cond && z.then(use);
        fetchThing().then(use).cancel();
      `),
    ).toEqual([
      ['dropped', 'discarded'],
      ['voided', 'voided'],
      ['awaited', 'handed-on'],
      ['yielded', 'handed-on'],
      ['argument', 'handed-on'],
      ['stored', 'handed-on'],
      ['stored', 'handed-on'],
      ['element', 'handed-on'],
      ['element', 'handed-on'],
      ['element', 'discarded'],
      ['thrown', 'handed-on'],
      ['exported', 'handed-on'],
      ['returned', 'handed-on'],
      ['returned', 'handed-on'],
      ['returned', 'handed-on'],
      ['dropped', 'discarded'],
      ['receiver', 'handed-on'],
    ]);
  });

  it('says which variable a chain is assigned to', () => {
    const { model } = modelOf('let p = fetchThing().then(a); p = p.then(b);');
    expect(model.chains.map((c) => (c.fate.kind === 'assigned' ? c.fate.variable.name : c.fate.kind))).toEqual(['p', 'p']);
  });
});

describe('holders', () => {
  const holdersOf = (code: string, options: Parameters<typeof withSource>[2] = {}) => {
    const { model, sourceCode } = modelOf(code, options);
    return model.holders.map((h) => ({
      name: h.variable.name,
      links: holderLinks(h).map((l) => `${l.method}:${l.side}`),
      styles: h.styles.map((s) => s.name),
      escape: h.escape ? `${h.escape.reason} ${sourceCode.getText(h.escape.node as TSESTree.Node)}` : undefined,
    }));
  };

  it('collects links attached across statements', () => {
    expect(holdersOf('function f() { const p = fetchThing(); p.then(use); p.then(other); }')).toEqual([
      { name: 'p', links: ['then:success', 'then:success'], styles: ['promise', 'jquery'], escape: undefined },
    ]);
    expect(holdersOf('const d = new Deferred(); d.addCallback(x); d.addErrback(y); d.callback(1);')).toEqual([
      { name: 'd', links: ['addCallback:success', 'addErrback:error'], styles: ['twisted'], escape: undefined },
    ]);
  });

  it('includes the chain stored in the variable and chains assigned back to it', () => {
    expect(holdersOf('function f() { let p = fetch(u).then(a); p = p.then(b); p.catch(c); }')).toEqual([
      { name: 'p', links: ['then:success', 'then:success', 'catch:error'], styles: ['promise'], escape: undefined },
    ]);
  });

  it('knows a known deferred with no links yet', () => {
    expect(holdersOf('function f() { const d = $.Deferred(); return d.promise(); }')).toEqual([
      { name: 'd', links: [], styles: ['jquery'], escape: 'handed-on d' },
    ]);
  });

  it('reports why a holder escapes', () => {
    const escapes = (code: string) => holdersOf(code).map((h) => h.escape);
    expect(escapes('function f() { const p = fetchThing(); p.then(use); return p; }')).toEqual(['handed-on p']);
    expect(escapes('async function f() { const p = fetchThing(); p.then(use); await p; }')).toEqual(['handed-on p']);
    expect(escapes('function f() { const p = fetchThing(); p.then(use); keep(p); }')).toEqual(['handed-on p']);
    expect(escapes('function f() { const p = fetchThing(); p.then(use); this.p = p; }')).toEqual(['handed-on p']);
    expect(escapes('function f() { const p = fetchThing(); p.then(use); const q = p; }')).toEqual(['aliased p']);
    expect(escapes('function f() { const p = fetchThing(); p.then(use); later(() => p); }')).toEqual(['captured p']);
    expect(escapes('function f() { const p = fetchThing(); p.then(use); return p.then(more); }')).toEqual([
      'handed-on p.then(more)',
    ]);
    expect(escapes('function f() { const p = fetchThing(); void p.then(use); }')).toEqual(['voided p.then(use)']);
    expect(escapes('export const p = fetchThing(); p.then(use);')).toEqual(['exported p = fetchThing()']);
    expect(escapes('const p = fetchThing(); p.then(use); export { p };')).toEqual(['exported p']);
    expect(escapes('function f(d) { d.addCallback(use); }')).toEqual(['shared-deferred d']);
    expect(escapes('function f(p) { p.then(use); }')).toEqual([undefined]);
  });

  it('treats a global of a script as escaping, and firing a deferred as no escape', () => {
    expect(holdersOf('var d = new Deferred(); d.addCallback(use);', { sourceType: 'script' }).map((h) => h.escape)).toEqual([
      'global d',
    ]);
    expect(
      holdersOf('const d = new Deferred(); d.addCallback(use); reactor.callWhenRunning(d.callback, "poem");').map(
        (h) => h.escape,
      ),
    ).toEqual([undefined]);
  });
});

describe('caching', () => {
  it('computes once per SourceCode and style table', () => {
    const { model, again } = modelOf('p.then(a);') as { model: ChainModel; again: ChainModel };
    expect(again).toBe(model);
  });

  it('finds the chain of any link call', () => {
    const { model } = modelOf('p.then(a).catch(b);');
    const chain = model.chains[0]!;
    expect(chain.links.map((l) => model.chainOfLink(l.call))).toEqual([chain, chain]);
    expect(model.holderOf(model.holders[0]?.variable as never)).toBeUndefined();
  });
});

describe('link descriptions', () => {
  it('read each link call by its styles: side, styles, handlers, whether it transforms, catches or observes errors', () => {
    const { model } = modelOf(`
      p.then(a);
      p.then(a, b);
      p.then(null, b);
      p.catch(b).finally(c);
      d.addCallbacks(a, b).addBoth(c).addErrback(e);
      $.ajax(u).always(function (xhr, status) { log(status); }).fail(f);
      $.ajax(u).done(a).always(() => stop());
      new Deferred().addCallback(cb && function (r) { use(r); }).addBoth(guard && function (x) { use(x); });
    `);
    const described = model.chains.flatMap((chain) =>
      chain.links.map(
        (l) =>
          `${l.method} ${l.side} [${l.styles.map((s) => s.name).join(',')}] ${l.success ? (l.success.fn ? 'fn' : 'ref') : '-'}/${l.error ? (l.error.fn ? 'fn' : 'ref') : '-'}` +
          ` ${l.transforms ? 'T' : '-'}${l.catchesErrors ? 'C' : '-'}${l.observesErrors ? 'O' : '-'}`,
      ),
    );
    expect(described).toMatchInlineSnapshot(`
      [
        "then success [promise,jquery] ref/- T--",
        "then pair [promise,jquery] ref/ref TC-",
        "then error [promise,jquery] -/ref TC-",
        "catch error [promise] -/ref TC-",
        "finally both [promise] ref/ref ---",
        "addCallbacks pair [twisted] ref/ref TC-",
        "addBoth both [twisted] ref/ref TC-",
        "addErrback error [twisted] -/ref TC-",
        "always both [jquery] fn/fn --O",
        "fail error [jquery] -/ref -C-",
        "done success [jquery] ref/- ---",
        "always both [jquery] fn/fn ---",
        "addCallback success [twisted] ref/- T--",
        "addBoth both [twisted] ref/ref TC-",
      ]
    `);
  });
});

describe('value sequences', () => {
  const sequencesOf = (code: string) => {
    const { model } = modelOf(code);
    return valueSequences(model).map((links) => links.map((l) => l.method).join(' > '));
  };

  it('follows a chain, a chain stored then continued, and reassignments', () => {
    expect(sequencesOf('p.then(a).catch(b).then(c);')).toEqual(['then > catch > then']);
    expect(sequencesOf('function f() { const p = fetchThing().then(a); return p.then(b); }')).toEqual([
      'then',
      'then > then',
    ]);
    expect(sequencesOf('function f() { let p = start().then(a); p = p.catch(b); return p.then(c); }')).toEqual([
      'then',
      'then > catch',
      'then > catch > then',
    ]);
  });

  it('joins the statements of a Twisted deferred into one chain, but not those of a promise', () => {
    expect(sequencesOf('const d = new Deferred(); d.addCallbacks(a, b); d.addBoth(c);')).toEqual([
      'addCallbacks > addBoth',
    ]);
    expect(sequencesOf('function f() { const p = fetchThing(); p.then(a); p.then(b); }')).toEqual(['then', 'then']);
    expect(sequencesOf('const d = $.Deferred(); d.done(a); d.done(b);')).toEqual(['done', 'done']);
  });

  it('gives each chain its own run, as copies, in a file without holders (the shortcut) and with one', () => {
    const { model } = modelOf('p.then(a).catch(b); q.then(c); r().addCallback(d).addErrback(e);');
    expect(model.holders).toEqual([]);
    const runs = valueSequences(model);
    expect(runs.map((links) => links.map((l) => l.method).join(' > '))).toEqual(['then > catch', 'then', 'addCallback > addErrback']);
    // Copies: a caller may change a run without changing the chain.
    runs.forEach((links, i) => {
      expect(links).toEqual(model.chains[i]!.links);
      expect(links).not.toBe(model.chains[i]!.links);
    });
    // A holder in the file: the general path, with the same runs for the chains it does not hold.
    expect(sequencesOf('p.then(a).catch(b); q.then(c); function f() { const h = fetchThing(); h.then(x); }')).toEqual([
      'then > catch',
      'then',
      'then',
    ]);
  });

  it('finds the link that receives a value, skipping error links and pass-through both links', () => {
    const { model } = modelOf(`
      p.then(a).catch(b).finally(c).then(d1);
      d.addCallback(a).addErrback(b).addBoth(c);
      p.then(a).catch(b);
    `);
    const readers = model.chains.map((chain) =>
      chain.links.map((_, i) => nextValueReader(chain.links, i)?.method ?? '-').join(' '),
    );
    expect(readers).toEqual(['then then then -', 'addBoth addBoth -', '- -']);
  });
});

describe('holders from the recorded calls', () => {
  /**
   * The model as our rules build it (the collector fed by the traversal, which finds the
   * declarators of known sources among the recorded calls) and as a model built without a
   * recording (which takes them from the scope manager's declarators): the same holders.
   */
  const bothWays = (code: string, typescript = false) => {
    const summary = (model: ChainModel, sourceCode: TSESLint.SourceCode) =>
      model.holders.map((h) => ({
        name: h.variable.name,
        values: h.values.map((v) => sourceCode.getText(v as TSESTree.Node)),
        styles: h.styles.map((s) => s.name),
        chains: h.chains.length + h.valueChains.length,
        uses: h.uses.length,
        escape: h.escape?.reason,
      }));
    return bothWaysOf(code, (sourceCode) => summary(getChainModel(sourceCode, table), sourceCode), { typescript });
  };

  it.each([
    ['a constructor, a factory and a source, never linked', 'function f() { const d = new Deferred(); const j = $.Deferred(); const r = $.ajax(u); use(d, j, r); }'],
    ['an optional call', 'function f() { const r = $?.ajax(u); return r; }'],
    ['a chain stored, then continued', 'function f() { let p = fetch(u).then(a); p = p.then(b); p.catch(c); }'],
    ['declarators of other calls and values, destructuring', 'const x = foo(); const { a } = $.ajax(u); let y = 1, z = new Thing(); const w = new Deferred(), v = w;'],
    ['a source in a nested function and a reassigned variable', 'let d; function g() { const e = new Deferred(); d = e; return e; } d = new Deferred(); d.addCallback(f);'],
  ])('finds the same holders: %s', (_, code) => {
    const { collected, walked } = bothWays(code);
    expect(walked).not.toEqual([]);
    expect(collected).toEqual(walked);
  });

  it('looks through type wrappers around the value', () => {
    const code = 'function f() { const d = new Deferred() as Deferred<string>; const j = $.Deferred()!; const k = <any>$.ajax(u); d.addCallback(g); return [j, k]; }';
    const { collected, walked } = bothWays(code, true);
    expect((walked as { name: string }[]).map((h) => h.name)).toEqual(['d', 'j', 'k']);
    expect(collected).toEqual(walked);
  });
});

describe('link handlers', () => {
  it('resolve to the same functions looked up one by one as through the set of function names', () => {
    const code = `
      function named(v) { return v; }
      const arrow = (v) => v;
      const alias = named;
      const bound = named.bind(null);
      let reassigned = (v) => v;
      reassigned = other;
      const a = b, b = a;
      function run(param) {
        fetch(u).then(named).then(arrow).then(alias).then(bound).then(reassigned).then(param);
        fetch(u).then(a).catch(b).then(undeclared).then(named.bind(this)).then((v) => v);
      }
    `;
    const { model, sourceCode } = modelOf(code);
    const handlers = model.chains.flatMap((chain) => chain.links.map((link) => link.success ?? link.error!));
    const text = (fn: TSESTree.Node | undefined) => (fn ? sourceCode.getText(fn) : undefined);
    expect(handlers.map((h) => text(h.fn))).toEqual(handlers.map((h) => text(resolveFunction(sourceCode, h.node))));
    const named = 'function named(v) { return v; }';
    expect(handlers.map((h) => text(h.fn))).toEqual([
      // named, arrow, alias, bound, reassigned, param
      named, '(v) => v', named, named, undefined, undefined,
      // a (a cycle), b, undeclared, named.bind(this), inline
      undefined, undefined, undefined, named, '(v) => v',
    ]);
  });
});

describe('link calls from the recording', () => {
  /** The chains found when the model reads the collector's recording, and when it walks the tree. */
  function bothWays(code: string) {
    const summary = (sourceCode: TSESLint.SourceCode) => getChainModel(sourceCode, table).chains.map((c) => describeChain(sourceCode, c));
    return bothWaysOf(code, summary);
  }

  it('are the calls the walk finds: members by name, computed and optional members, never plain names or `new`', () => {
    const { collected, walked } = bothWays(`
      fetch(u).then(a).catch(b);
      p['then'](c);
      p?.then(d).finally(e);
      (0, p.then)(f);
      then(g);
      new Thing().addCallback(h);
      t.fail('message');
      q.done();
      d.addCallback(k).addErrback(l);
      list.push(m);
    `);
    expect(collected).toEqual(walked);
    expect((walked as { head: string; links: string[] }[]).map((c) => `${c.head}: ${c.links.join(' ')}`)).toEqual([
      'fetch(u): then:success catch:error',
      "p: then:success",
      'p: then:success finally:both',
      'new Thing(): addCallback:success',
      'd: addCallback:success addErrback:error',
    ]);
  });

  it('are none in a file without a link call', () => {
    const { collected, walked } = bothWays('list.push(a); f(b); new Thing(c); o.call(d);');
    expect(collected).toEqual([]);
    expect(walked).toEqual([]);
  });
});
