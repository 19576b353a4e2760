/** The fix and suggestion stability check of bench:robustness, on rules built to fail it. */
import type { Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { BenchLinter } from '../../bench/lib/lint.js';
import { checkEdits } from '../../bench/lib/stability.js';

type Edit = (fixer: Rule.RuleFixer, node: Rule.Node) => Rule.Fix;

/** A rule reporting every `bad` identifier, offering `edit` as a fix or a suggestion. */
function ruleWith(edit: Edit, as: 'fix' | 'suggestion' = 'fix'): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      schema: [],
      fixable: 'code',
      hasSuggestions: true,
      messages: { bad: 'bad here', worse: 'worse here', apply: 'apply' },
    },
    create(context) {
      return {
        Identifier(node) {
          if (node.name === 'boom') throw new Error('boom');
          if (node.name === 'worse') context.report({ node, messageId: 'worse' });
          if (node.name !== 'bad') return;
          if (as === 'fix') context.report({ node, messageId: 'bad', fix: (f) => edit(f, node) });
          else context.report({ node, messageId: 'bad', suggest: [{ messageId: 'apply', fix: (f) => edit(f, node) }] });
        },
      };
    },
  };
}

async function check(edit: Edit, text: string, as: 'fix' | 'suggestion' = 'fix') {
  const linter = new BenchLinter({ plugins: { t: { rules: { r: ruleWith(edit, as) } } }, rules: { 't/r': 'error' }, label: 'test' });
  const lint = await linter.lintFile('/virtual/input.js', text);
  return checkEdits(linter, lint);
}

describe('checkEdits', () => {
  it('accepts a fix that removes the report, while the rule’s other reports move with the edit', async () => {
    const result = await check((f, n) => f.replaceText(n, 'goodAndLonger'), 'bad; bad;\nbad;\n');
    expect(result).toMatchObject({ fixes: 3, suggestions: 0, failures: [] });
  });

  it('flags an edit whose result does not parse', async () => {
    const result = await check((f, n) => f.replaceText(n, ')('), 'bad;\n', 'suggestion');
    expect(result.suggestions).toBe(1);
    expect(result.failures).toEqual([
      expect.objectContaining({ kind: 'suggestion', problem: 'does not parse', line: 1, column: 1, ruleId: 't/r' }),
    ]);
  });

  it('flags a fix after which the same report is still there', async () => {
    const result = await check((f, n) => f.insertTextBefore(n, '/* shifted */ '), 'x;\nbad;\n');
    expect(result.failures).toEqual([expect.objectContaining({ problem: 'report not gone', line: 2 })]);
  });

  it('flags a fix that makes the rule report something else at the same place', async () => {
    const result = await check((f, n) => f.replaceText(n, 'worse'), 'bad;\n');
    expect(result.failures).toEqual([expect.objectContaining({ problem: 'new report at the same place' })]);
    expect(result.failures[0]!.detail).toContain('worse here');
  });

  it('ignores the rule’s reports elsewhere in the file', async () => {
    const result = await check((f, n) => f.replaceText(n, 'fine'), 'worse;\nbad;\nworse;\n');
    expect(result.failures).toEqual([]);
  });

  it('records a crash on the edited text', async () => {
    const result = await check((f, n) => f.replaceText(n, 'boom'), 'bad;\n');
    expect(result.crashes).toHaveLength(1);
    expect(result.failures).toEqual([expect.objectContaining({ problem: 'rule crashed' })]);
  });
});
