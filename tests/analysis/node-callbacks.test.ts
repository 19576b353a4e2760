import { describe, expect, it } from 'vitest';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  errorFirstProblems,
  errorNamedFunctions,
  getCallbackModel,
  isErrorParameterName,
  isLoggingCall,
  isOptedOut,
  mayHavePairCalls,
} from '../../src/analysis/node-callbacks.js';
import { getStyleTable } from '../../src/analysis/styles.js';
import { bothWays as bothWaysOf, withSource } from './with-source.js';

const table = getStyleTable(undefined);

function callbacksOf(code: string) {
  return withSource(code, (sourceCode) => {
    const model = getCallbackModel(sourceCode, table);
    return {
      model,
      same: getCallbackModel(sourceCode, table) === model,
      errorFirst: model.errorFirst.map((c) => ({
        callee: sourceCode.getText(c.call.callee as TSESTree.Node),
        error: c.errorParam.name,
        values: c.valueParams.map((p) => p.name),
        reads: c.errorReads.length,
        problem: c.problem
          ? `${c.problem.kind}${'valueRead' in c.problem ? ` ${c.problem.valueRead.name}@${c.problem.valueRead.loc.start.line}` : ''}`
          : undefined,
      })),
      missing: model.missingErrbacks.map((m) => `${m.name}:${m.errorName}@${m.call.loc.start.line}`),
      both: model.pairCalls.map(
        (c) => `${c.name}(${sourceCode.getText(c.success as TSESTree.Node)}, ${sourceCode.getText(c.error as TSESTree.Node)})@${c.call.loc.start.line}`,
      ),
    };
  });
}

describe('error parameter names', () => {
  it('accepts error-like names and their variants', () => {
    for (const name of ['err', 'error', 'er', 'exc', 'exception', '_err', 'err2', 'error_', 'readErr', 'writeError']) {
      expect(isErrorParameterName(name), name).toBe(true);
    }
    for (const name of ['data', 'event', 'errors', 'item', 'erratic', 'Error', 'terror']) {
      expect(isErrorParameterName(name), name).toBe(false);
    }
  });

  it('accepts e and ex only before a descriptive value name', () => {
    expect(isErrorParameterName('e')).toBe(false);
    expect(isErrorParameterName('e', 'i')).toBe(false);
    expect(isErrorParameterName('e', 'data')).toBe(true);
    expect(isErrorParameterName('ex', 'result')).toBe(true);
  });

  it('treats a leading underscore as a deliberate opt-out', () => {
    expect(isOptedOut('_err')).toBe(true);
    expect(isOptedOut('err')).toBe(false);
  });
});

describe('logging calls', () => {
  it('recognises console, loggers and log functions, not assertions', () => {
    const verdicts = withSource(
      'console.error(e); logger.warn(e); this.log.info(e); log(e); debug(e); t.error(e); assert.ifError(e); cb(e); emitter.emit("error", e);',
      (sourceCode) => {
        const calls: boolean[] = [];
        for (const statement of (sourceCode.ast as TSESTree.Program).body) {
          if (statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression') {
            calls.push(isLoggingCall(statement.expression));
          }
        }
        return calls;
      },
    );
    expect(verdicts).toEqual([true, true, true, true, true, false, false, false, false]);
  });
});

describe('error-first callbacks', () => {
  it('finds inline and declared callbacks passed last, once per function', () => {
    const { errorFirst, same } = callbacksOf(`
      fs.readFile(f, (err, data) => use(data));
      function onStat(statErr, stats) { if (statErr) return; use(stats); }
      fs.stat(a, onStat);
      fs.stat(b, onStat);
    `);
    expect(same).toBe(true);
    expect(errorFirst).toEqual([
      { callee: 'fs.readFile', error: 'err', values: ['data'], reads: 0, problem: 'ignored' },
      { callee: 'fs.stat', error: 'statErr', values: ['stats'], reads: 1, problem: undefined },
    ]);
  });

  it('classifies errors only logged, and logged in a check that falls through', () => {
    const { errorFirst } = callbacksOf(`
      a((err, data) => { console.log(err); use(data); });
      b((err, data) => {
        if (err) { logger.error("failed", err.message); }
        use(data);
      });
      c((err, data) => { if (err) { console.log(err); return; } use(data); });
      d((err, data) => { if (err) console.log(err); else use(data); });
      e((err, data) => { if (err) console.log(err); if (data) use(data); });
      f((err) => { console.log(err); next(); });
    `);
    expect(errorFirst.map((c) => c.problem)).toEqual(['only-logged data@2', 'used-after-check data@5', undefined, undefined, undefined, undefined]);
  });

  it('leaves out functions that are not error-first callbacks', () => {
    const { errorFirst } = callbacksOf(`
      items.map((err, i) => i);
      items.forEach((e, index) => go(index));
      text.replace(/x/g, (e, data) => data);
      emitter.on('error', (err) => stop());
      el.addEventListener('click', (e) => go());
      app.use((err, req, res, next) => res.end());
      p.catch((err) => 1);
      d.addErrback((err) => 1);
      handleError((err) => 1);
      getCurrentPosition((pos) => show(pos), (error) => fallback());
      getJSON(url, onSuccess, (error) => fallback());
      x(function* (err) { yield 1; });
      setTimeout((e) => go());
    `);
    expect(errorFirst).toEqual([]);
  });

  it('keeps the final callback of async-style calls whose iteratee takes its own callback', () => {
    const { errorFirst } = callbacksOf('async.each(items, (item, cb) => save(item, cb), (err) => { done(); });');
    expect(errorFirst.map((c) => [c.callee, c.problem])).toEqual([['async.each', 'ignored']]);
  });

  it('does not report what copes with the failure', () => {
    const { errorFirst } = callbacksOf(`
      a((_err, data) => use(data));
      b((err) => {});
      c(function (err) { next.apply(null, arguments); });
      d((err, stats) => next(stats && stats.isFile()));
      e((err, data) => { if (err) { console.log(err); data = []; } use(data); });
    `);
    expect(errorFirst.map((c) => c.problem)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('error-first callbacks with a problem, found problems first', () => {
  /** `errorFirstProblems` asked first (the functions judged before their calls are looked for), and the model's list filtered. */
  function bothOrders(code: string) {
    const describe = (sourceCode: TSESLint.SourceCode, list: readonly { call: TSESTree.Node; fn: TSESTree.Node; argument: TSESTree.Node; problem?: unknown; errorReads: readonly unknown[]; valueParams: readonly unknown[] }[]) =>
      list.map((c) => ({
        call: sourceCode.getText(c.call).slice(0, 30),
        fn: sourceCode.getText(c.fn).slice(0, 30),
        argument: sourceCode.getText(c.argument).slice(0, 30),
        problem: c.problem,
        reads: c.errorReads.length,
        values: c.valueParams.length,
      }));
    const problemsFirst = withSource(code, (sourceCode) => describe(sourceCode, errorFirstProblems(sourceCode, table)));
    const filtered = withSource(code, (sourceCode) =>
      describe(sourceCode, getCallbackModel(sourceCode, table).errorFirst.filter((c) => c.problem !== undefined)),
    );
    // Once the model's list is known, the problems are read from it.
    const after = withSource(code, (sourceCode) => {
      void getCallbackModel(sourceCode, table).errorFirst;
      return describe(sourceCode, errorFirstProblems(sourceCode, table));
    });
    return { problemsFirst, filtered, after };
  }

  it('are the callbacks of the full list that have a problem, in its order', () => {
    const { problemsFirst, filtered, after } = bothOrders(`
      fs.readFile(f, (err, data) => use(data));
      function onStat(statErr, stats) { console.log(statErr); use(stats); }
      fs.stat(a, onStat);
      fs.stat(b, onStat);
      a((err, data) => { console.log(err); use(data); });
      b((err, data) => {
        if (err) { logger.error("failed", err.message); }
        use(data);
      });
      c((err, data) => { if (err) { console.log(err); return; } use(data); });
      d((err, data) => { if (err) return next(err); use(data); });
      e((_err, data) => use(data));
      items.map((err, i) => i);
      emitter.on('error', (err) => stop());
      getCurrentPosition((pos) => show(pos), (error) => fallback());
      async.each(items, (item, cb) => save(item, cb), (err) => { done(); });
      async.each(items, (item, cb) => { cb(); }, (err) => { done(); });
      function ignored(err, value) { use(value); }
      notPassed(ignored, 1);
      later(ignored);
      g(function (err) { log(err); }.bind(this));
    `);
    expect(problemsFirst).toEqual(filtered);
    expect(after).toEqual(filtered);
    expect(filtered.map((c) => [c.call.split('(')[0], (c.problem as { kind: string }).kind])).toEqual([
      ['fs.readFile', 'ignored'],
      ['fs.stat', 'only-logged'],
      ['a', 'only-logged'],
      ['b', 'used-after-check'],
      ['async.each', 'ignored'],
      ['later', 'ignored'],
    ]);
  });

  it('leave out what copes with the failure or is no callback', () => {
    const { problemsFirst, filtered } = bothOrders(`
      a((_err, data) => use(data));
      b((err) => {});
      c(function (err) { next.apply(null, arguments); });
      d((err, stats) => next(stats && stats.isFile()));
      e((err, data) => { if (err) { console.log(err); data = []; } use(data); });
      p.catch((err) => 1);
      x(function* (err) { yield 1; });
    `);
    expect(problemsFirst).toEqual([]);
    expect(filtered).toEqual([]);
  });

  it('are the same when the error is tested at the top of the body (told without the scope manager)', () => {
    const { problemsFirst, filtered, after } = bothOrders(`
      a((err, data) => { if (err) return cb(err); use(data); });
      b((err, data) => { if (!err) use(data); });
      c((err, data) => { start(); if (err != null) { cb(err); return; } use(data); });
      d((err, data) => { if (null === err) use(data); });
      e((err, data) => { if (err) console.log(err); else use(data); });
      f(function (err, data) { if (err instanceof Error) throw err; use(data); });
      // Not settled by the top: an if that only logs and falls through, a nested test, another name.
      g((err, data) => { if (err) console.log(err); use(data); });
      h((err, data) => { if (err) { logger.error('failed', err); } use(data); });
      i((err, data) => { { if (err) return; } use(data); });
      j((err, data) => { if (error) return; use(data); });
      k((err, data) => { if (err) console.log(err); if (!err) use(data); });
      l((err, data) => { if (err) console.log(err); if (err) console.warn(err); use(data); });
      m((err, data) => { if (err) console.log(err); if (data) use(err); });
    `);
    expect(problemsFirst).toEqual(filtered);
    expect(after).toEqual(filtered);
    expect(filtered.map((c) => [c.call.split('(')[0], (c.problem as { kind: string }).kind])).toEqual([
      ['g', 'used-after-check'],
      ['h', 'used-after-check'],
      ['j', 'ignored'],
    ]);
  });

  it('are none, without the callback model, in a file without a function whose first parameter may name an error', () => {
    // The shortcut: no candidate, no model made; the model, asked anyway, finds none either.
    const code = `
      read(f, (data, err) => use(data));
      items.forEach(function (item) { save(item); });
      function done(result, callback) { callback(result); }
      p.then((value) => value);
    `;
    const { problemsFirst, filtered } = bothOrders(code);
    expect(problemsFirst).toEqual([]);
    expect(filtered).toEqual([]);
    expect(withSource(code, (sourceCode) => getCallbackModel(sourceCode, table).errorFirst.length)).toBe(0);
    // Not taken as soon as one function may be a callback: one with a problem is found.
    const one = bothOrders(code + 'read(g, (err, data) => use(data));');
    expect(one.problemsFirst).toEqual(one.filtered);
    expect(one.problemsFirst.map((c) => c.call)).toEqual(['read(g, (err, data) => use(dat']);
  });
});

describe('pair APIs', () => {
  it('finds calls that leave out the error callback', () => {
    const { missing, model } = callbacksOf(`
      function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
      const ajax = function (url, onSuccess, onError) { send(url, onSuccess, onError); };
      getPoetry(h, p, gotPoem);
      getPoetry(h, p, gotPoem, poemFailed);
      ajax(u, show);
      ajax(u);
      getPoetry(...args);
    `);
    expect(model.pairApis.map((a) => [a.name, a.successIndex, a.errorIndex])).toEqual([
      ['getPoetry', 2, 3],
      ['ajax', 1, 2],
    ]);
    expect(missing).toEqual(['getPoetry:errback@4', 'ajax:onError@6']);
  });

  it('lists the calls that pass both callbacks', () => {
    const { both, missing } = callbacksOf(`
      function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
      getPoetry(h, p, gotPoem, poemFailed);
      getPoetry(h, p, (poem) => show(poem), function (err) { report(err); });
      getPoetry(h, p, gotPoem);
      getPoetry(...args, gotPoem, poemFailed);
      other.getPoetry(h, p, gotPoem, poemFailed);
    `);
    expect(both).toEqual([
      'getPoetry(gotPoem, poemFailed)@3',
      'getPoetry((poem) => show(poem), function (err) { report(err); })@4',
    ]);
    expect(missing).toEqual(['getPoetry:errback@5']);
  });

  it('skips APIs whose errback has a default or is never used', () => {
    const { model } = callbacksOf(`
      function a(callback, errback = noop) { run(callback, errback); }
      function b(callback, errback) { run(callback); }
      a(ok); b(ok);
    `);
    expect(model.pairApis).toEqual([]);
    expect(model.missingErrbacks).toEqual([]);
    expect(model.pairCalls).toEqual([]);
  });
});

describe('candidate functions', () => {
  /** What the callback model's candidate pass found, from the collector's recording (`collected`) and from a walk. */
  function bothWays(code: string) {
    const summary = (sourceCode: TSESLint.SourceCode) => ({
      errorNamed: errorNamedFunctions(sourceCode).map((fn) => sourceCode.getText(fn).slice(0, 24)),
      pairApis: getCallbackModel(sourceCode, table).pairApis.map((a) => a.name),
    });
    return bothWaysOf(code, summary);
  }

  it('are the same read from the parameter summary as from the function nodes', () => {
    const { collected, walked } = bothWays(`
      function none() {}
      const one = (err) => log(err);
      const event = (e) => e.preventDefault();
      const other = (value) => value;
      const withDefault = (err = null) => err;
      const rest = (...err) => err;
      const pattern = ({ err }) => err;
      const underscore = (_) => 1;
      const suffixed = (readErr) => readErr;
      function two(err, data) { use(data); }
      function pairApi(host, callback, errback) { send(host, callback, errback); }
      function second(data, err) { use(data, err); }
      fs.readFile(f, function (error, text) { show(text); });
    `);
    expect(collected).toEqual(walked);
    expect(walked).toEqual({
      errorNamed: [
        '(err) => log(err)',
        '(e) => e.preventDefault(',
        '(readErr) => readErr',
        'function two(err, data) ',
        'function (error, text) {',
      ],
      pairApis: ['pairApi'],
    });
  });
});

describe('error parameter names, ruled out early', () => {
  /** The test without its early exits: the two patterns alone. */
  const reference = (name: string, next?: string): boolean => {
    const base = name.replace(/^_+/u, '');
    if (base === 'e' || base === 'ex') return next !== undefined && next.length >= 2;
    return /^(?:err|error|er|exc|exception)(?:[A-Z0-9_]\w*)?$/u.test(base) || /^[a-z][A-Za-z0-9]*(?:Err|Error)$/u.test(base);
  };

  it('agrees with the patterns alone', () => {
    const names = ['e', 'ex', 'er', 'err', 'err2', 'error', 'error_', 'errors', 'exc', 'exception', 'exceptionX', 'event', 'el',
      'entry', 'each', 'exit', 'eRR', '_err', '__error', '_', '_e', '_event', 'readErr', 'writeError', 'eachError', 'elErr',
      'Err', 'Error', '_Err', 'xErr', 'erroneous', 'errback', 'exec', 'expected', 'value', 'cb', 'E', 'e_', 'ex1'];
    for (const name of names) {
      for (const next of [undefined, 'i', 'data']) expect(isErrorParameterName(name, next), `${name}, ${next}`).toBe(reference(name, next));
    }
  });
});

describe('files that cannot have pair calls', () => {
  const answers = (code: string) =>
    withSource(code, (sourceCode) => {
      const model = getCallbackModel(sourceCode, table);
      return { may: mayHavePairCalls(sourceCode, table), calls: model.pairCalls.length + model.missingErrbacks.length };
    });

  it('are told from the candidate pass, and the model agrees', () => {
    // No function of two parameters that calls can name: no declared pair API, so no call of one.
    expect(answers('const f = (a) => a; [1].map((x, i) => x + i); getPoetry(h, p, gotPoem);')).toEqual({ may: false, calls: 0 });
    // A function that may be one is looked at by the model.
    expect(answers('function getPoetry(host, callback, errback) { send(host, callback, errback); } getPoetry(h, gotPoem);')).toEqual({ may: true, calls: 1 });
    // A function that may be one but is not: no declared pair API either, told without the model.
    expect(answers('function add(a, b) { return a + b; } add(1, 2);')).toEqual({ may: false, calls: 0 });
    expect(answers('function send(data, callback) { callback(data); } send(1, done);')).toEqual({ may: false, calls: 0 });
    // A declared pair API: yes, whether it is called or not (the model says how).
    expect(answers('function getPoetry(host, callback, errback) { send(host, callback, errback); }')).toEqual({ may: true, calls: 0 });
    expect(answers('const ajax = function (url, onSuccess, onError) { go(url, onSuccess, onError); }; ajax(u, show, fail);')).toEqual({ may: true, calls: 1 });
  });

  it('finds the same pair APIs asked before or after the model', () => {
    const code = 'function getPoetry(host, callback, errback) { send(host, callback, errback); } function add(a, b) { return a + b; } getPoetry(h, ok);';
    const after = withSource(code, (sourceCode) => {
      const apis = getCallbackModel(sourceCode, table).pairApis.map((a) => a.name);
      return { apis, may: mayHavePairCalls(sourceCode, table) };
    });
    const before = withSource(code, (sourceCode) => {
      const may = mayHavePairCalls(sourceCode, table);
      const model = getCallbackModel(sourceCode, table);
      return { apis: model.pairApis.map((a) => a.name), may, missing: model.missingErrbacks.length };
    });
    expect(after).toEqual({ apis: ['getPoetry'], may: true });
    expect(before).toEqual({ apis: ['getPoetry'], may: true, missing: 1 });
  });
});
