import { describe, expect, it } from 'vitest';
import { Linter, type Rule } from 'eslint';
import type { TSESLint } from '@typescript-eslint/utils';
import { errorNamedFunctions, getCallbackModel } from '../../src/analysis/node-callbacks.js';
import { mergeListeners, nodeIndexListeners } from '../../src/analysis/node-index.js';
import { getStyleTable } from '../../src/analysis/styles.js';

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

/** What the callback model finds, with (`collected`) or without the collector's recording. */
function candidates(collected: boolean): { errorNamed: string[]; pairApis: string[] } {
  let out: { errorNamed: string[]; pairApis: string[] } | undefined;
  const rule: Rule.RuleModule = {
    meta: { schema: [] },
    create(context) {
      const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
      const own: TSESLint.RuleListener = {
        'Program:exit'() {
          const text = (n: { range: [number, number] }) => sourceCode.text.slice(n.range[0], n.range[0] + 24);
          out = {
            errorNamed: errorNamedFunctions(sourceCode as never).map(text),
            pairApis: getCallbackModel(sourceCode as never, getStyleTable(undefined)).pairApis.map((api) => `${api.name} ${api.successName}/${api.errorName}`),
          };
        },
      };
      return (collected ? mergeListeners(nodeIndexListeners(sourceCode as never), own) : own) as unknown as Rule.RuleListener;
    },
  };
  new Linter({ configType: 'flat' }).verify(code, [{ plugins: { t: { rules: { r: rule } } }, rules: { 't/r': 'error' } }]);
  return out!;
}

describe('callback model candidates', () => {
  it('are the same from the collector\'s flags as from reading the functions after the traversal', () => {
    const fromFlags = candidates(true);
    expect(fromFlags).toEqual(candidates(false));
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
