import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { isBranchTest } from '../../src/analysis/syntax.js';
import { analyse } from './helpers.js';

describe('isBranchTest', () => {
  const a = analyse(
    'function f(a, b, c, d, e, g, h) { if (a) g(); const x = b ? 1 : 2; while (c) g(); do g(); while (d); for (; e; ) g(); if (!h) g(); g(h); }',
  );
  const id = (name: string, nth = 0) => a.node(AST_NODE_TYPES.Identifier, name, nth);

  it('holds for the condition of an if, a conditional and the three test-taking loops', () => {
    // nth 1: the parameter list holds the first occurrence of each name.
    for (const name of ['a', 'b', 'c', 'd', 'e']) expect(isBranchTest(id(name, 1)), name).toBe(true);
  });

  it('does not hold for a name inside a condition, nor for an argument', () => {
    expect(isBranchTest(id('h', 1))).toBe(false); // `!h`: the test is the unary expression
    expect(isBranchTest(id('h', 2))).toBe(false);
    expect(isBranchTest(a.node(AST_NODE_TYPES.Literal, '1'))).toBe(false); // a branch, not the test
  });
});
