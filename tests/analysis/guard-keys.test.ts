import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { GuardKeys } from '../../src/analysis/guard-keys.js';
import type { PathRoot } from '../../src/analysis/syntax.js';
import { analyse } from './helpers.js';

/**
 * Which identifiers are guard keys in which unit. The facts about a variable that do not depend on
 * the unit are read once per file; only "every write is inside the unit" is asked per unit, so the
 * answers must not depend on the order in which units ask.
 */
describe('GuardKeys.keyOf', () => {
  const code = `
    function outer(cb) {
      let done = false;
      let count = 0;
      const data = load();
      function inner() { done = true; count += 1; }
      function other() { if (done) return; if (count) return; }
      if (!done) cb(); if (count) cb(); if (data) cb(); if (!data) cb();
      inner();
    }
  `;

  const setup = () => {
    const a = analyse(code);
    const keys = new GuardKeys((id) => a.analysis.resolve(id), a.analysis.collector.assignments, a.analysis.table);
    const unit = (name: string) => a.node(AST_NODE_TYPES.FunctionDeclaration, `function ${name}`) as PathRoot;
    // Any occurrence of a variable stands for it: keys are per variable.
    const tested = (name: string, nth: number) => a.node(AST_NODE_TYPES.Identifier, name, nth);
    return { keys, unit, tested };
  };

  it('answers the same when asked again (a cached "no key" stays no key, a key keeps its id)', () => {
    const { keys, unit, tested } = setup();
    const key = keys.keyOf(tested('done', 1), unit('outer'));
    expect(key).toBeTypeOf('number');
    expect(keys.keyOf(tested('done', 1), unit('outer'))).toBe(key);
    expect(keys.keyOf(tested('count', 1), unit('outer'))).toBeUndefined();
    expect(keys.keyOf(tested('count', 1), unit('outer'))).toBeUndefined();
  });

  it('answers per unit, whatever the order of the questions', () => {
    for (const order of [['outer', 'other'], ['other', 'outer']]) {
      const { keys, unit, tested } = setup();
      const answers: Record<string, boolean> = {};
      for (const u of order) {
        answers[`done@${u}`] = keys.keyOf(tested('done', 1), unit(u)) !== undefined;
        answers[`count@${u}`] = keys.keyOf(tested('count', 1), unit(u)) !== undefined;
        answers[`data@${u}`] = keys.keyOf(tested('data', 1), unit(u)) !== undefined;
      }
      expect(answers).toEqual({
        // A flag written `= true` inside the unit: a key; in `other`, the write lies outside.
        'done@outer': true,
        'done@other': false,
        // `count += 1` is not a plain assignment: never a key.
        'count@outer': false,
        'count@other': false,
        // Never written after its declaration and tested twice: a key wherever it is asked.
        'data@outer': true,
        'data@other': true,
      });
    }
  });

  it('keeps one key per variable across units', () => {
    const { keys, unit, tested } = setup();
    const first = keys.keyOf(tested('data', 1), unit('outer'));
    expect(keys.keyOf(tested('data', 2), unit('other'))).toBe(first);
  });
});
