import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { findNonErrorFires, nonErrorKind } from '../../src/analysis/error-values.js';
import { analyse } from './helpers.js';

describe('error values', () => {
  const kind = (expr: string) => {
    const a = analyse(`const v = ${expr};`);
    return nonErrorKind(a.node(AST_NODE_TYPES.VariableDeclarator, 'v').init ?? undefined);
  };

  it.each([
    ["'failed'", 'a string'],
    ['`no ${x}`', 'a string'],
    ["'a' + x", 'a string'],
    ['err.message', 'a string'],
    ['String(x)', 'a string'],
    ['x.toString()', 'a string'],
    ['JSON.stringify(x)', 'a string'],
    ['404', 'a number'],
    ['-1', 'a number'],
    ['true', 'a boolean'],
    ['!x', 'a boolean'],
    ['a === b', 'a boolean'],
    ['null', 'null'],
    ['undefined', 'undefined'],
    ['void 0', 'undefined'],
    ['{ message }', 'an object literal'],
    ['[err]', 'an array'],
    ['() => 1', 'a function'],
    ['/x/', 'a regular expression'],
    ['err', undefined],
    ['new Error("x")', undefined],
    ['makeError()', undefined],
    ['this.error', undefined],
    ['a + b', undefined],
  ])('%s → %s', (expr, expected) => {
    expect(kind(expr)).toBe(expected);
  });

  it('finds error sides fired with non-Errors, per style', () => {
    const a = analyse(`
      new Promise((ok, fail) => { fail('x'); fail(); fail(e); });
      function f(cb) { cb('boom'); cb(null, 'fine'); cb(false); cb(); }
      function g() { const d = new Deferred(); d.errback(404); d.callback('fine'); return d; }
    `);
    const found = (allowEmpty: boolean) =>
      findNonErrorFires(a.analysis, { allowEmpty }).map((f) => `${f.name}:${f.kind}`);
    expect(found(false)).toEqual(['fail:a string', 'fail:nothing', 'cb:a string', 'd.errback:a number']);
    expect(found(true)).toEqual(['fail:a string', 'cb:a string', 'd.errback:a number']);
  });
});
