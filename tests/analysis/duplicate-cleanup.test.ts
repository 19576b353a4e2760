import { describe, expect, it } from 'vitest';
import { findPairCallCleanups, isErrorName, isErrorNameByPattern } from '../../src/analysis/duplicate-cleanup.js';
import { getStyleTable } from '../../src/analysis/styles.js';
import { withSource } from './with-source.js';

function pairCallFindings(code: string, settings?: Record<string, unknown>) {
  return withSource(
    code,
    (sourceCode) =>
      findPairCallCleanups(sourceCode, getStyleTable(settings)).map((f) => ({
        kind: f.kind,
        line: f.loc.start.line,
        code: f.data.code,
        api: f.data.api,
        links: f.data.links,
        suggestion: f.suggestion,
      })),
    settings ? { settings } : {},
  );
}

const API = 'function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }\n';

describe('findPairCallCleanups', () => {
  it('finds the statements that end both handlers of a pair call, and suggests nothing', () => {
    expect(
      pairCallFindings(`${API}
function gotPoem(poem) { console.log(poem); log('done'); reactor.stop(); }
function poemFailed(err) { console.error(err); log('done'); reactor.stop(); }
getPoetry(h, p, gotPoem, poemFailed);
`),
    ).toEqual([
      {
        kind: 'pairCallCleanup',
        line: 3,
        code: "log('done'); reactor.stop()",
        api: 'getPoetry',
        links: '`addBoth` or `finally`',
        suggestion: undefined,
      },
    ]);
  });

  it('knows pair APIs by the pair names of the style table, custom rows included', () => {
    const code = `function fetchItems(url, whenDone, whenFailed) { send(url, whenDone, whenFailed); }
fetchItems(u, (items) => { show(items); spinner.hide(); }, (err) => { report(err); spinner.hide(); });
`;
    expect(pairCallFindings(code)).toEqual([]);
    const settings = {
      'callback-discipline': {
        styles: [
          {
            name: 'items',
            kind: 'pair',
            recognise: { parameterPairs: [['whenDone', 'whenFailed']] },
            fire: { success: [], error: [] },
            links: { success: [], error: [], both: [], pair: [] },
          },
        ],
      },
    };
    expect(pairCallFindings(code, settings)).toMatchObject([{ kind: 'pairCallCleanup', line: 2, code: 'spinner.hide()', api: 'fetchItems' }]);
  });

  it('stays silent when the shared code is not one step after both outcomes', () => {
    const silent = [
      // one function for both
      `getPoetry(h, p, done, done);\nfunction done() { show(); stop(); }`,
      // reads each handler's own parameter
      `getPoetry(h, p, (r) => { show(r); log(r); }, (r) => { report(r); log(r); });`,
      // an early return skips it on one side
      `getPoetry(h, p, (v) => { if (!v) return; show(v); stop(); }, (e) => { report(e); stop(); });`,
      // a named handler used elsewhere too
      `function ok(v) { show(v); stop(); }\nfunction fail(e) { report(e); stop(); }\ngetPoetry(h, p, ok, fail);\nsetTimeout(ok, 10);`,
      // handlers that are not functions of this file
      `getPoetry(h, p, handlers.ok, handlers.fail);`,
      // generators are not called once
      `getPoetry(h, p, function* (v) { show(v); stop(); }, function* (e) { report(e); stop(); });`,
    ];
    for (const code of silent) expect(pairCallFindings(`${API}${code}\n`), code).toEqual([]);
  });
});

describe('error parameter names of error-first cleanups', () => {
  it('are told by the written-out test exactly as by the pattern', () => {
    const names = [
      'e', 'er', 'err', 'error', 'ex', 'exc', 'exception', '_err', '_error', '_e',
      'E', 'Err', 'Error', '_', '__err', 'errs', 'err2', 'error_', 'exceptions', 'ev', 'event', 'el', 'elem', 'evt',
      'readErr', 'writeError', 'aErr', 'aError', 'xErr', '9Err', '0Error', 'AErr', 'BError', '_Err', '$Err', 'ÄErr', 'éError',
      'readErrors', 'readErr_', 'ErrErr', 'xErrorErr', 'xErrError', 'Errr', 'rror', 'ror', 'r', '', 'callback', 'data',
    ];
    for (const name of names) expect(isErrorName(name), name).toBe(isErrorNameByPattern(name));
    expect(names.filter(isErrorName)).toEqual([
      'e', 'er', 'err', 'error', 'ex', 'exc', 'exception', '_err', '_error', '_e',
      'readErr', 'writeError', 'aErr', 'aError', 'xErr', '9Err', '0Error', 'ErrErr', 'xErrorErr', 'xErrError',
    ]);
  });
});
