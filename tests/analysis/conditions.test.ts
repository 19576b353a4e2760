import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { branchOf, isCountingTest, simpleTest } from '../../src/analysis/conditions.js';
import { analyse } from './helpers.js';

describe('guard conditions', () => {
  const keys = new Map<string, number>();
  const keyOf = (node: { type: string; name?: string }) => {
    if (node.type !== 'Identifier' && node.type !== 'MemberExpression') return undefined;
    const name = node.type === 'Identifier' ? node.name! : 'member';
    if (!keys.has(name)) keys.set(name, keys.size);
    return keys.get(name);
  };
  const test = (expr: string) => {
    const a = analyse(`if (${expr}) {}`);
    const node = a.node(AST_NODE_TYPES.IfStatement, 'if').test;
    const cond = simpleTest(node, keyOf as never);
    return cond && `${[...keys.entries()].find(([, v]) => v === cond.key)![0]}=${cond.value}`;
  };

  it.each([
    ['err', 'err=true'],
    ['!err', 'err=false'],
    ['!!err', 'err=true'],
    ['err != null', 'err=true'],
    ['err !== undefined', 'err=true'],
    ['null == err', 'err=false'],
    ['called === true', 'called=true'],
    ['called === false', 'called=false'],
    ['called !== true', 'called=false'],
    ['this.finished', 'member=true'],
    ['err && x', undefined],
    ['count > 0', undefined],
    ['f()', undefined],
  ])('%s', (expr, expected) => {
    expect(test(expr)).toBe(expected);
  });

  it('knows which branch a segment start node begins', () => {
    const a = analyse('if (a) x(); else y(); const v = b ? 1 : 2; c && z(); d || w();');
    const text = (n: { range: [number, number] } | undefined) => n && a.code.slice(n.range[0], n.range[1]);
    const show = (type: AST_NODE_TYPES, start: string) => {
      const b = branchOf(a.node(type, start));
      return b && `${text(b.test)}:${b.value}`;
    };
    expect(show(AST_NODE_TYPES.ExpressionStatement, 'x()')).toBe('a:true');
    expect(show(AST_NODE_TYPES.ExpressionStatement, 'y()')).toBe('a:false');
    expect(show(AST_NODE_TYPES.Literal, '1')).toBe('b:true');
    expect(show(AST_NODE_TYPES.CallExpression, 'z()')).toBe('c:true');
    expect(show(AST_NODE_TYPES.CallExpression, 'w()')).toBe('d:false');
  });

  it('recognises counting tests', () => {
    const counting = (expr: string, counter = false) => {
      const a = analyse(`if (${expr}) {}`);
      return isCountingTest(a.node(AST_NODE_TYPES.IfStatement, 'if').test, () => counter);
    };
    expect(counting('--pending === 0')).toBe(true);
    expect(counting('i === last')).toBe(true);
    expect(counting('results.length === n')).toBe(true);
    expect(counting('queue.isEmpty()')).toBe(true);
    expect(counting('!pending', true)).toBe(true);
    expect(counting('err')).toBe(false);
    expect(counting('x.bad')).toBe(false);
    expect(counting('err == null')).toBe(false);
  });
});
