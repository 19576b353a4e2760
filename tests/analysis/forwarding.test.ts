import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { getChainModel } from '../../src/analysis/chains.js';
import { errorForwardTarget, forwardingHandlerText } from '../../src/analysis/forwarding.js';
import { getStyleTable } from '../../src/analysis/styles.js';
import { withSource } from './with-source.js';

const table = getStyleTable(undefined);

/** The forward target seen from the chain `marker.then(x)` in `code`. */
function targetIn(code: string) {
  return withSource(code, (sourceCode) => {
    const model = getChainModel(sourceCode, table);
    const chain = model.chains.find((c) => sourceCode.getText(c.head as TSESTree.Node) === 'marker');
    const target = chain && errorForwardTarget(table, model, chain.outer, chain.headVariable);
    return target && forwardingHandlerText(target);
  });
}

describe('error forward targets', () => {
  it('prefers the error half of a parameter pair', () => {
    expect(targetIn('function f(callback, errback, cb) { marker.then(x); }')).toBe('(err) => errback(err)');
  });

  it('uses the reject of a promise executor', () => {
    expect(targetIn('new Promise((ok, fail) => { marker.then(x); });')).toBe('(err) => fail(err)');
  });

  it('uses an error-first callback parameter, the last one', () => {
    expect(targetIn('function f(req, res, next) { marker.then(x); }')).toBe('(err) => next(err)');
    expect(targetIn('function f(cb, options) { marker.then(x); }')).toBe('(err) => cb(err)');
  });

  it('uses a deferred the function created', () => {
    expect(targetIn('function f() { const d = new Deferred(); marker.then(x); return d; }')).toBe('d.errback');
    expect(targetIn('function f() { const dfd = $.Deferred(); marker.then(x); return dfd.promise(); }')).toBe('dfd.reject');
  });

  it('has nothing to offer otherwise, and never looks past the nearest function', () => {
    expect(targetIn('function f(a, b) { marker.then(x); }')).toBeUndefined();
    expect(targetIn('marker.then(x);')).toBeUndefined();
    expect(targetIn('function f(cb) { return () => { marker.then(x); }; }')).toBeUndefined();
  });
});
