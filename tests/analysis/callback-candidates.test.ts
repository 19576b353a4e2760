import { describe, expect, it } from 'vitest';
import type { TSESLint } from '@typescript-eslint/utils';
import { mayNameAnError } from '../../src/analysis/collector.js';
import { isErrorName } from '../../src/analysis/duplicate-cleanup.js';
import { errorNamedFunctions, getCallbackModel, isErrorParameterName } from '../../src/analysis/node-callbacks.js';
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

describe('the first cut of error parameter names', () => {
  // Names of every shape near the error names: each with every prefix of underscores, and every
  // two-letter start, suffix and case around them.
  const stems = ['e', 'er', 'err', 'error', 'ex', 'exc', 'exception', 'errors', 'err2', 'error_', 'errCode', 'exFoo', 'ev', 'event',
    'evt', 'el', 'elem', 'entry', 'eb', 'x', 'readErr', 'writeError', 'Err', 'Error', 'myErr', '2Err', 'e1', 'E', 'Er', 'ERR', '', 'eError', 'eErr',
    'errback', 'exports', 'expression', 'a', 'data', 'cb', 'err_', 'er2', 'exceptionally'];
  const names = new Set<string>();
  for (const stem of stems) for (const prefix of ['', '_', '__', '___']) names.add(prefix + stem);
  for (let a = 97; a <= 122; a++) for (const b of ['', 'r', 'x', 'a', 'Err', 'Error', 'rr', 'xc']) names.add(String.fromCharCode(a) + b);
  const nexts = [undefined, 'd', 'data', 'i', 'value', 'cb'];

  it('keeps every name either rule takes for an error parameter', () => {
    for (const name of names) {
      const taken = isErrorName(name) || nexts.some((next) => isErrorParameterName(name, next));
      if (taken) expect(mayNameAnError(name), name).toBe(true);
    }
  });

  it('rules out names neither rule takes', () => {
    for (const name of ['event', 'evt', 'elem', 'entry', 'el', 'eb', '_', '__', '_x', '_i', 'x', 'data', 'E', 'ERR', '']) {
      expect(isErrorName(name) || nexts.some((next) => isErrorParameterName(name, next)), name).toBe(false);
      expect(mayNameAnError(name), name).toBe(false);
    }
  });

  it('leaves out of the candidates the functions whose first parameter neither rule takes, with the same findings', () => {
    const code = `
      items.forEach((elem) => use(elem));
      el.on('click', function (event) { go(event); });
      read(f, (err, data) => use(data));
      read(g, function (_x, data) { use(data); });
      function done(entry, cb) { cb(entry); }
    `;
    const { collected, walked } = bothWays(code, (sourceCode) => ({
      ...candidates(sourceCode),
      errorFirst: getCallbackModel(sourceCode as never, getStyleTable(undefined)).errorFirst.map((c) => c.errorParam.name),
    }));
    expect(collected).toEqual(walked);
    expect(collected.errorNamed).toEqual(['(err, data) => use(data)']);
    expect(collected.errorFirst).toEqual(['err']);
  });
});
