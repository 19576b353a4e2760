import { describe, expect, it } from 'vitest';
import type { TSESLint } from '@typescript-eslint/utils';
import { errorNamedFunctions, getCallbackModel } from '../../src/analysis/node-callbacks.js';
import { getStyleTable } from '../../src/analysis/styles.js';
import { bothWays } from './with-source.js';

// Functions of every kind and parameter shape: the collector's flags must pick the same ones as
// reading the functions after the traversal.
const code = `
function load(err, cb) { cb(err); }
const read = (e, data) => data;
var parse = function (_x, y) { return y; };
o.m = function (readErr) {};
(function (x, writeError) {});
function k({ e }) {}
const n = function named(er) {};
let p; p = (error) => {};
class C { m(e, value) {} }
function fetchItem(id, onSuccess, onError) { if (id) onSuccess(id); else onError(new Error('no id')); }
const save = function (doc, callback, errback) {};
fetchItem(1, (item) => use(item), (err) => log(err));
save(doc, function () {}, function (e) {});
function* gen(err, cb) {}
async function run(exception) {}
`;

/** What the callback model finds. */
function candidates(sourceCode: TSESLint.SourceCode): { errorNamed: string[]; pairApis: string[] } {
  const text = (n: { range: [number, number] }) => sourceCode.text.slice(n.range[0], n.range[0] + 24);
  return {
    errorNamed: errorNamedFunctions(sourceCode as never).map(text),
    pairApis: getCallbackModel(sourceCode as never, getStyleTable(undefined)).pairApis.map((api) => `${api.name} ${api.successName}/${api.errorName}`),
  };
}

describe('callback model candidates', () => {
  it('are the same from the collector\'s flags as from reading the functions after the traversal', () => {
    const { collected: fromFlags, walked } = bothWays(code, candidates);
    expect(fromFlags).toEqual(walked);
    expect(fromFlags.errorNamed).toEqual([
      'function load(err, cb) {',
      '(e, data) => data;\nvar p',
      'function (_x, y) { retur',
      'function (readErr) {};\n(',
      'function named(er) {};\nl',
      '(error) => {};\nclass C {',
      '(e, value) {} }\nfunction',
      '(err) => log(err));\nsave',
      'function (e) {});\nfuncti',
      'function* gen(err, cb) {',
      'async function run(excep',
    ]);
    expect(fromFlags.pairApis).toEqual(['fetchItem onSuccess/onError']);
  });
});
