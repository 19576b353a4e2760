import { describe, expect, it } from 'vitest';
import { Linter, type Rule } from 'eslint';
import type { TSESLint } from '@typescript-eslint/utils';
import { callsWhere, getNodeIndex, forEachFunction, mayHaveShape, mergeListeners, nameShapes, nodeIndexListeners, declaredFunctionNames, tryStatementsWithCatch, valueDeclarators } from '../../src/analysis/node-index.js';
import { bothWays } from './with-source.js';

const code = 'const f = () => g(1); function h(a) { return f(a); } var x = 1, y = h.bind(null);';

/** Runs `rules` (each a create function) over `code` and returns what each saw at Program:exit. */
function run(creates: ((context: Rule.RuleContext, seen: unknown[]) => Rule.RuleListener)[]) {
  const seen: unknown[] = [];
  const plugin = {
    rules: Object.fromEntries(creates.map((create, i) => [`r${i}`, { meta: { schema: [] }, create: (c: Rule.RuleContext) => create(c, seen) }])),
  };
  new Linter({ configType: 'flat' }).verify(code, [
    { plugins: { t: plugin }, rules: Object.fromEntries(creates.map((_, i) => [`t/r${i}`, 'error'])) },
  ]);
  return seen;
}

const summary = (sourceCode: TSESLint.SourceCode) => {
  const index = getNodeIndex(sourceCode);
  return [index.calls.length, index.functions.length, index.declarators.length, [...declaredFunctionNames(sourceCode)].sort()];
};

describe('node index', () => {
  it('is filled by the first rule that merges the listeners, once, for every rule', () => {
    const withIndex = (context: Rule.RuleContext, seen: unknown[]) => {
      const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
      return mergeListeners(nodeIndexListeners(sourceCode), {
        'Program:exit'() {
          seen.push(summary(sourceCode));
        },
      }) as unknown as Rule.RuleListener;
    };
    expect(run([withIndex, withIndex])).toEqual([
      [3, 2, 3, ['f', 'h', 'y']],
      [3, 2, 3, ['f', 'h', 'y']],
    ]);
  });

  it('finds the same calls with a callee-name prefilter as without, reading only the calls it lets through', () => {
    const sample = 'a.then(f); b(); c.d.then(g); new E(); x["then"](h); (0, y.then)(k); z?.then(l);';
    const read: string[] = [];
    const withPrefilter = (context: Rule.RuleContext, seen: unknown[]) => {
      const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
      return mergeListeners(nodeIndexListeners(sourceCode), {
        'Program:exit'() {
          const isThen = (call: { callee: unknown }) => {
            read.push(sourceCode.getText(call as never));
            return sourceCode.getText(call.callee as never).endsWith('then') || sourceCode.getText(call.callee as never).endsWith('"then"]');
          };
          const plain = callsWhere(sourceCode, isThen).map((c) => sourceCode.getText(c));
          read.length = 0;
          const named = callsWhere(sourceCode, isThen, (name, member) => member && name === 'then').map((c) => sourceCode.getText(c));
          seen.push(plain, named, [...read]);
        },
      }) as unknown as Rule.RuleListener;
    };
    const seen: unknown[] = [];
    const plugin = { rules: { r: { meta: { schema: [] }, create: (c: Rule.RuleContext) => withPrefilter(c, seen) } } };
    new Linter({ configType: 'flat' }).verify(sample, [{ plugins: { t: plugin }, rules: { 't/r': 'error' } }]);
    const [plain, named, read2] = seen as string[][];
    expect(named).toEqual(plain);
    expect(plain).toEqual(['a.then(f)', 'c.d.then(g)', 'x["then"](h)', '(0, y.then)(k)', 'z?.then(l)']);
    // `b()` and `new E()` are never read; computed and wrapped callees are read to be judged.
    expect(read2).toEqual(['a.then(f)', 'c.d.then(g)', 'x["then"](h)', '(0, y.then)(k)', 'z?.then(l)']);
  });

  it('is built by a walk when no rule collected it', () => {
    const plain = (context: Rule.RuleContext, seen: unknown[]) => ({
      'Program:exit'() {
        seen.push(summary(context.sourceCode as unknown as TSESLint.SourceCode));
      },
    });
    expect(run([plain])).toEqual([[3, 2, 3, ['f', 'h', 'y']]]);
  });

  it('is not filled twice when asked for during the traversal', () => {
    const early = (context: Rule.RuleContext, seen: unknown[]) => {
      const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
      return mergeListeners(nodeIndexListeners(sourceCode), {
        Program() {
          getNodeIndex(sourceCode);
        },
        'Program:exit'() {
          seen.push(summary(sourceCode));
        },
      }) as unknown as Rule.RuleListener;
    };
    expect(run([early])).toEqual([[3, 2, 3, ['f', 'h', 'y']]]);
  });

  it('names every function and every variable a function may be bound to, from the definitions', () => {
    const names = (context: Rule.RuleContext, seen: unknown[]) => ({
      'Program:exit'() {
        const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
        seen.push([...declaredFunctionNames(sourceCode)].sort(), valueDeclarators(sourceCode).map((d) => sourceCode.getText(d)));
      },
    });
    const plugin = { rules: { r: { meta: { schema: [] }, create: (c: Rule.RuleContext) => names(c, seen) } } };
    const seen: unknown[] = [];
    new Linter({ configType: 'flat' }).verify(
      'const g = function inner() {}, h = g, k = a?.b, m = (0, n); function outer() { let q = new Q(); var r = make(); } class C {} const { s } = t();',
      [{ plugins: { t: plugin }, rules: { 't/r': 'error' } }],
    );
    expect(seen).toEqual([
      ['g', 'h', 'inner', 'outer', 'r'],
      ['q = new Q()', 'r = make()'],
    ]);
  });

  it('visits the functions of the index, from the recording before the index is built', () => {
    const visited = (sourceCode: TSESLint.SourceCode) => {
      const names: string[] = [];
      forEachFunction(sourceCode, (fn) => names.push(sourceCode.getText(fn).slice(0, 12)));
      return names;
    };
    const listed = (sourceCode: TSESLint.SourceCode) => getNodeIndex(sourceCode).functions.map((fn) => sourceCode.getText(fn).slice(0, 12));
    const both = (context: Rule.RuleContext, seen: unknown[]) => {
      const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
      return mergeListeners(nodeIndexListeners(sourceCode), {
        'Program:exit'() {
          // Read from the recording first (no index yet), then from the index.
          seen.push(visited(sourceCode), listed(sourceCode), visited(sourceCode));
        },
      }) as unknown as Rule.RuleListener;
    };
    const plain = (context: Rule.RuleContext, seen: unknown[]) => ({
      'Program:exit'() {
        const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
        seen.push(visited(sourceCode));
      },
    });
    const expected = ['() => g(1)', 'function h(a'];
    expect(run([both])).toEqual([expected, expected, expected]);
    expect(run([plain])).toEqual([expected]);
  });

  it('merges listeners of the same key in order', () => {
    const calls: string[] = [];
    const merged = mergeListeners({ Program: () => calls.push('a') }, {}, { Program: () => calls.push('b') }) as {
      Program: () => void;
    };
    merged.Program();
    expect(calls).toEqual(['a', 'b']);
  });
});

describe('name shapes', () => {
  it('never rule out a name they were built from, and rule out names of other first letters or lengths', () => {
    const names = ['then', 'catch', 'finally', 'addCallback', 'addErrback', 'addBoth', 'addCallbacks', 'done', 'fail', 'always', 'aVeryLongMethodNameOfMoreThan31Chars'];
    const shapes = nameShapes(names);
    for (const name of names) expect(mayHaveShape(shapes, name), name).toBe(true);
    // Same first letter and length as a name of the set: only a maybe.
    expect(mayHaveShape(shapes, 'tick')).toBe(true);
    expect(mayHaveShape(shapes, 'aVeryLongMethodNameOfMoreThan31CharsToo')).toBe(true);
    for (const name of ['push', 'call', 'log', 'the', 'catches', 'x', 'addEventListener', '']) expect(mayHaveShape(shapes, name), name).toBe(false);
    expect(mayHaveShape(nameShapes([]), 'then')).toBe(false);
  });
});

describe('tryStatementsWithCatch', () => {
  it('lists the try statements with a catch clause in source order, the same from the recording and from a walk', () => {
    const code = `
      try { a(); } catch (e) { b(e); }
      try { c(); } finally { d(); }
      function f() {
        try { g(); } catch { try { h(); } catch (e2) { i(e2); } finally { j(); } }
      }
      const k = () => { try { l(); } catch (e3) {} };
    `;
    const { collected, walked } = bothWays(code, (sourceCode) =>
      tryStatementsWithCatch(sourceCode).map((t) => sourceCode.getText(t.block).replace(/\s+/g, ' ')),
    );
    expect(collected).toEqual(['{ a(); }', '{ g(); }', '{ h(); }', '{ l(); }']);
    expect(walked).toEqual(collected);
  });

  it('lists none in a file whose try statements have no catch clause, or that has none', () => {
    for (const code of ['try { a(); } finally { b(); }', 'a(); function f() { return 1; }', '']) {
      const { collected, walked } = bothWays(code, (sourceCode) => tryStatementsWithCatch(sourceCode).length);
      expect(collected, code).toBe(0);
      expect(walked, code).toBe(0);
    }
  });
});
