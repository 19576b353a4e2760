import { describe, expect, it } from 'vitest';
import { Linter, type Rule } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { mergeListeners, nodeIndexListeners } from '../../src/analysis/node-index.js';
import { returnFacts, returnsNothing } from '../../src/analysis/returns.js';
import { walk } from '../../src/analysis/scope.js';
import { isFunctionNode } from '../../src/utils/ast.js';

/** For each function in `code`, in source order: [first line of its text, returnsNothing, facts]. */
function verdicts(code: string) {
  const out: unknown[] = [];
  const rule: Rule.RuleModule = {
    meta: { schema: [] },
    create(context) {
      const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
      const tracker = returnFacts(sourceCode);
      return mergeListeners(nodeIndexListeners(sourceCode), {
        'Program:exit'() {
          walk(sourceCode, sourceCode.ast as TSESTree.Node, (node) => {
            if (!isFunctionNode(node)) return;
            const facts = tracker.factsOf(node);
            out.push([
              sourceCode.getText(node).split('\n')[0],
              returnsNothing(sourceCode, tracker, node) ?? 'no',
              facts && { fallsOffEnd: facts.fallsOffEnd, bare: facts.bareReturns.length, values: facts.valueReturns },
            ]);
          });
        },
      }) as unknown as Rule.RuleListener;
    },
  };
  new Linter({ configType: 'flat' }).verify(code, [
    { plugins: { t: { rules: { r: rule } } }, rules: { 't/r': 'error' }, languageOptions: { ecmaVersion: 'latest' } },
  ]);
  return out;
}

describe('return facts from the collected code paths', () => {
  it('tells every path returns, some do, none do', () => {
    expect(
      verdicts(`
function all(x) { if (x) return 1; return 2; }
function some(x) { if (x) return 1; }
function none(x) { console.log(x); }
function bare(x) { if (!x) return; return x.y; }
function throws(x) { if (x) return 1; throw new Error('no'); }
function loops() { for (;;) { if (a()) return 1; } }
function nested() { const inner = () => { return 1; }; }
`),
    ).toEqual([
      ['function all(x) { if (x) return 1; return 2; }', 'no', { fallsOffEnd: false, bare: 0, values: 2 }],
      ['function some(x) { if (x) return 1; }', 'sometimes', { fallsOffEnd: true, bare: 0, values: 1 }],
      ['function none(x) { console.log(x); }', 'always', { fallsOffEnd: true, bare: 0, values: 0 }],
      ['function bare(x) { if (!x) return; return x.y; }', 'sometimes', { fallsOffEnd: false, bare: 1, values: 1 }],
      ["function throws(x) { if (x) return 1; throw new Error('no'); }", 'no', { fallsOffEnd: false, bare: 0, values: 1 }],
      ['function loops() { for (;;) { if (a()) return 1; } }', 'no', { fallsOffEnd: false, bare: 0, values: 1 }],
      ['function nested() { const inner = () => { return 1; }; }', 'always', { fallsOffEnd: true, bare: 0, values: 0 }],
      ['() => { return 1; }', 'no', { fallsOffEnd: false, bare: 0, values: 1 }],
    ]);
  });

  it('judges expression bodies by what they are', () => {
    const results = verdicts(`
function print(x) { console.log(x); }
const a = (x) => console.log(x);
const b = (x) => void x;
const c = (x) => doSomething(x);
const d = (x) => print(x);
const e = (x) => x + 1;
const f = async (x) => { await x; };
const g = function* (x) { yield x; };
`).map((r) => (r as unknown[]).slice(0, 2));
    expect(results).toEqual([
      ['function print(x) { console.log(x); }', 'always'],
      ['(x) => console.log(x)', 'always'],
      ['(x) => void x', 'always'],
      ['(x) => doSomething(x)', 'no'],
      ['(x) => print(x)', 'always'],
      ['(x) => x + 1', 'no'],
      ['async (x) => { await x; }', 'always'],
      ['function* (x) { yield x; }', 'no'],
    ]);
  });
});
