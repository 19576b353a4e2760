import rule from '../../src/rules/require-errback.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

const PROMISE_LINKS = '`catch` or `then(…, onError)`';
const TWISTED_LINKS = '`addErrback` or `addCallbacks(…, onError)`';
const JQUERY_LINKS = '`fail` or `otherwise` or `then(…, onError)`';

ruleTester.run('require-errback', rule, {
  valid: [
    // Every error side, in every style.
    'fetchThing().then(use).catch(report);',
    'fetchThing().then(use, report);',
    'fetchThing().then(null, report);',
    'fetchThing().catch(report).finally(cleanup);',
    'getDeferred().addCallback(use).addErrback(report);',
    'getDeferred().addCallbacks(gotPoem, poemFailed);',
    'getDeferred().addCallback(gotPoem).addBoth(poemDone);',
    '$.ajax(u).done(use).fail(report);',
    '$.ajax(u).done(use).always(hideSpinner).fail(report);',
    '$.ajax(u).then(use, report);',
    'dojoRequest(u).then(use).otherwise(report);',
    // Handed on: returned, awaited, yielded, passed, stored, exported, thrown.
    'function load() { return fetchThing().then(use); }',
    'const load = () => fetchThing().then(use);',
    'async function load() { await fetchThing().then(use); }',
    'function* load() { yield fetchThing().then(use); }',
    'track(fetchThing().then(use));',
    'Promise.all([a.then(use), b.then(use)]).catch(report);',
    'this.pending = fetchThing().then(use);',
    'const state = { pending: fetchThing().then(use) };',
    'export default fetchThing().then(use);',
    'export const ready = fetchThing().then(use);',
    // Explicitly discarded.
    'void fetchThing().then(use);',
    'void getDeferred().addCallback(use);',
    // Stored in a variable that escapes or gets an error link later.
    'function f() { const p = fetchThing(); p.then(use); p.catch(report); }',
    'function f() { const p = fetchThing(); p.then(use); return p; }',
    'async function f() { const p = fetchThing(); p.then(use); await p; }',
    'function f() { const p = fetchThing(); p.then(use); register(p); }',
    'function f() { const p = fetchThing(); p.then(use); later(() => p.catch(report)); }',
    'function f() { const d = new Deferred(); d.addCallback(gotPoem); d.addErrback(poemFailed); d.callback("poem"); }',
    'function f() { let p = fetchThing().then(a); p = p.then(b); p.catch(report); }',
    'function f() { const p = fetchThing().then(use); return p; }',
    // A deferred a parameter or property holds is shared: the caller may add the errback.
    'function setup(d) { d.addCallback(parse); }',
    'function setup() { this.deferred.addCallback(parse); }',
    'xhr.done(use).always(hideSpinner);',
    // An always handler that reads the outcome's arguments sees the failure (jQuery's own load()).
    '$.ajax(u).done(render).always(function (xhr, status) { callback(status, xhr); });',
    // Dual callback-or-promise API.
    `function get(url, cb) {
      const p = fetchThing(url);
      if (cb) { p.then((v) => cb(null, v), cb); return undefined; }
      return p;
    }`,
    `function get(url, cb) {
      const p = fetchThing(url).then(parse);
      if (!cb) return p;
      p.then((v) => cb(null, v)).catch(cb);
    }`,
    // Not chains: ambiguous method names on unknown receivers, calls without handlers.
    'stream.done(finish);',
    't.fail("should not get here");',
    'promise.then(use).done();',
    // Error-first callbacks that handle the error.
    'fs.readFile(f, (err, data) => { if (err) return cb(err); use(data); });',
    'fs.readFile(f, function (err, data) { if (err) throw err; use(data); });',
    'fs.readFile(f, (err, data) => { if (err) { console.error(err); return; } use(data); });',
    'fs.readFile(f, (err, data) => { if (err) console.error(err); else use(data); });',
    'fs.stat(f, (err, stats) => { next(stats && stats.isFile()); });',
    'fs.readFile(f, (err, data) => { if (err) console.error(err); use(data || ""); });',
    'fs.readFile(f, (err, data) => { if (err) { console.log(err); data = fallback; } use(data); });',
    'fs.readFile(f, (err) => { console.error(err); next(); });',
    'fs.readFile(f, function (err) { done.apply(this, arguments); });',
    // Opted out with `_`, or deliberately empty.
    'fs.unlink(tmp, (_err) => { next(); });',
    'fs.unlink(tmp, (_) => next());',
    'fs.unlink(tmp, (err) => {});',
    'fs.unlink(tmp, () => next());',
    // Not error-first callbacks: iteration, events, middleware, promise handlers, pair error sides.
    'items.map((e, index) => e.value);',
    'items.forEach((err, i) => log(i));',
    'emitter.on("error", (err) => shutdown());',
    'el.addEventListener("click", (e) => go());',
    '$(el).click(function (e) { go(); });',
    'app.use((err, req, res, next) => res.status(500).end());',
    'p.catch((err) => fallback());',
    'setTimeout((e) => tick(), 10);',
    'text.replace(/x/g, (e, data) => data);',
    'navigator.geolocation.getCurrentPosition((position) => show(position), (error) => showDefault());',
    'navigator.geolocation.getCurrentPosition(onPosition, (error) => showDefault());',
    'getJSON(url, onSuccess, (error) => showDefault());',
    // jQuery `$.each` / iteration with an error-named element.
    '$.each(errors, (err, message) => show(message));',
    'obs.subscribe((value) => show(value), (err) => showDefault());',
    'onError((err) => restart());',
    // An iteratee that never reports an error: the final callback's error is always empty.
    'async.filter(items, (item, callback) => { check(item, (ok) => { keep(ok); callback(); }); }, (err) => { done(kept); });',
    'async.eachSeries(ids, function (id, cb) { remove(id, function (err) { if (err) return callback(err); return cb(); }); }, function (err) { return callback(null, docs); });',
    // `async.each` iteratee and final callback: the final one handles the error.
    'async.each(items, (item, cb) => save(item, cb), (err) => { if (err) report(err); });',
    // Pair APIs called with both sides, with an optional errback, or with one that is never called.
    `function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
     getPoetry(host, port, gotPoem, poemFailed);`,
    `function getPoetry(host, port, callback, errback = logFailure) { connect(host, port, callback, errback); }
     getPoetry(host, port, gotPoem);`,
    `function getPoetry(host, port, callback, errback) { connect(host, port, callback); }
     getPoetry(host, port, gotPoem);`,
    `function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
     getPoetry(...args);`,
    // Options turn parts off.
    { code: 'fs.readFile(f, (err, data) => use(data));', options: [{ errorFirstCallbacks: false }] },
    {
      code: 'function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }\ngetPoetry(host, port, gotPoem);',
      options: [{ pairCalls: false }],
    },
    // With sharedDeferreds, a parameter deferred that is also returned is still handed on.
    { code: 'function setup(d) { d.addCallback(parse); return d; }', options: [{ sharedDeferreds: true }] },
    // TypeScript wrappers do not hide a handled chain.
    { code: '(fetchThing() as Promise<Data>).then(use).catch(report);', filename: 'file.ts' },
  ],
  invalid: [
    // Promise chains without an error link.
    {
      code: 'fetchThing().then(use);',
      errors: [
        {
          messageId: 'chainWithoutErrback',
          data: { head: 'fetchThing()', errorLinks: PROMISE_LINKS },
          line: 1,
          column: 14,
          endLine: 1,
          endColumn: 23,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      code: 'fetch(url).then(parse).finally(cleanup);',
      errors: [
        {
          messageId: 'chainWithoutErrback',
          data: { head: 'fetch(url)', errorLinks: PROMISE_LINKS },
          line: 1,
          column: 24,
          endColumn: 40,
        },
      ],
      output: null,
    },
    // Twisted.
    {
      code: 'getDeferred().addCallback(use);',
      errors: [
        {
          messageId: 'chainWithoutErrback',
          data: { head: 'getDeferred()', errorLinks: TWISTED_LINKS },
          line: 1,
          column: 15,
          endColumn: 31,
        },
      ],
      output: null,
    },
    {
      code: 'succeed(poem).addCallback(gotPoem).addCallback(print);',
      errors: [{ messageId: 'chainWithoutErrback', data: { head: 'succeed(poem)', errorLinks: TWISTED_LINKS }, column: 36 }],
      output: null,
    },
    // jQuery: `always` does not handle the failure.
    {
      code: '$.ajax(u).done(use);',
      errors: [
        { messageId: 'chainWithoutErrback', data: { head: '$.ajax(u)', errorLinks: JQUERY_LINKS }, column: 11, endColumn: 20 },
      ],
      output: null,
    },
    {
      code: '$.ajax(u).done(use).always(() => hideSpinner());',
      errors: [{ messageId: 'chainWithoutErrback', data: { head: '$.ajax(u)', errorLinks: JQUERY_LINKS }, column: 21 }],
      output: null,
    },
    {
      code: 'fetchThing().then(use).finally((x) => log(x));',
      errors: [{ messageId: 'chainWithoutErrback', data: { head: 'fetchThing()', errorLinks: PROMISE_LINKS }, column: 24 }],
      output: null,
    },
    {
      code: '$.ajax(u).done(use).always(hideSpinner);',
      errors: [{ messageId: 'chainWithoutErrback', data: { head: '$.ajax(u)', errorLinks: JQUERY_LINKS }, column: 21 }],
      output: null,
    },
    // Dojo and MochiKit deferreds.
    {
      code: 'new dojo.Deferred().then(use);',
      errors: [{ messageId: 'chainWithoutErrback', data: { head: 'new dojo.Deferred()', errorLinks: JQUERY_LINKS }, column: 21 }],
      output: null,
    },
    {
      code: 'function f() {\n  const d = new MochiKit.Async.Deferred();\n  d.addCallback(show);\n}',
      errors: [{ messageId: 'holderWithoutErrback', data: { name: 'd', line: 2 }, line: 3, column: 5 }],
      output: null,
    },
    {
      code: 'function f() {\n  const d = new dojo.Deferred();\n  d.then(show);\n  return d.resolve;\n}',
      errors: [{ messageId: 'holderWithoutErrback', data: { name: 'd', line: 2 }, line: 3, column: 5 }],
      output: null,
    },
    {
      code: 'request(url).then(load).otherwise(function (error) { throw error; });',
      errors: [{ messageId: 'rethrowOnly', column: 25 }],
      output: null,
    },
    // Unknown receivers with `then` are thenables.
    {
      code: 'function f(p) { p.then(use); }',
      errors: [{ messageId: 'holderWithoutErrback', data: { name: 'p', line: 1 }, column: 19, endColumn: 28 }],
      output: null,
    },
    {
      code: 'this.ready.then(init);',
      errors: [{ messageId: 'chainWithoutErrback', data: { head: 'this.ready', errorLinks: PROMISE_LINKS }, column: 12 }],
      output: null,
    },
    // Stored first, only success links ever attached.
    {
      code: 'function f() {\n  const p = fetchThing();\n  p.then(use);\n}',
      errors: [
        { messageId: 'holderWithoutErrback', data: { name: 'p', line: 2 }, line: 3, column: 5, endLine: 3, endColumn: 14 },
      ],
      output: null,
    },
    {
      code: 'function f() {\n  const d = new Deferred();\n  d.addCallback(gotPoem);\n  d.addCallback(print);\n  d.callback("poem");\n}',
      errors: [{ messageId: 'holderWithoutErrback', data: { name: 'd', line: 2 }, line: 4, column: 5, endColumn: 23 }],
      output: null,
    },
    {
      code: 'const xhr = $.ajax(u);\nxhr.done(render);',
      errors: [{ messageId: 'holderWithoutErrback', data: { name: 'xhr', line: 1 }, line: 2, column: 5 }],
      output: null,
    },
    {
      code: 'function f() {\n  const p = fetchThing().then(use);\n}',
      errors: [{ messageId: 'holderWithoutErrback', data: { name: 'p', line: 2 }, line: 2, column: 26 }],
      output: null,
    },
    // The last error link only rethrows.
    {
      code: 'fetchThing().then(use).catch((e) => { throw e; });',
      errors: [{ messageId: 'rethrowOnly', line: 1, column: 24, endColumn: 50 }],
      output: null,
    },
    {
      code: 'getDeferred().addCallback(use).addErrback(function (failure) { throw failure; });',
      errors: [{ messageId: 'rethrowOnly', column: 32 }],
      output: null,
    },
    {
      code: '$.ajax(u).then(use, function (xhr) { throw new Error(xhr.statusText); });',
      errors: [{ messageId: 'rethrowOnly', column: 11 }],
      output: null,
    },
    {
      code: 'function f() { const p = fetchThing(); p.then(use); p.catch((e) => { throw e; }); }',
      errors: [{ messageId: 'rethrowOnly', column: 55 }],
      output: null,
    },
    // Suggestions forward to the enclosing function's own error side.
    {
      code: 'function load(url, cb) { fetchThing(url).then((v) => cb(null, v)); }',
      errors: [
        {
          messageId: 'chainWithoutErrback',
          data: { head: 'fetchThing(url)', errorLinks: PROMISE_LINKS },
          column: 42,
          suggestions: [
            {
              messageId: 'forwardError',
              data: { link: 'catch', handler: '(err) => cb(err)', target: 'cb' },
              output: 'function load(url, cb) { fetchThing(url).then((v) => cb(null, v)).catch((err) => cb(err)); }',
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: 'function getPoem(callback, errback) { getDeferred().addCallback(callback); }',
      errors: [
        {
          messageId: 'chainWithoutErrback',
          suggestions: [
            {
              messageId: 'forwardError',
              data: { link: 'addErrback', handler: '(err) => errback(err)', target: 'errback' },
              output: 'function getPoem(callback, errback) { getDeferred().addCallback(callback).addErrback((err) => errback(err)); }',
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: 'function getPoem() { const d = new Deferred(); connect().addCallback(d.callback); return d; }',
      errors: [
        {
          messageId: 'chainWithoutErrback',
          data: { head: 'connect()', errorLinks: TWISTED_LINKS },
          suggestions: [
            {
              messageId: 'forwardError',
              data: { link: 'addErrback', handler: 'd.errback', target: 'd.errback' },
              output: 'function getPoem() { const d = new Deferred(); connect().addCallback(d.callback).addErrback(d.errback); return d; }',
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: 'const p = new Promise((resolve, reject) => { fetchThing().then(resolve); });',
      errors: [
        {
          messageId: 'chainWithoutErrback',
          suggestions: [
            {
              messageId: 'forwardError',
              data: { link: 'catch', handler: '(err) => reject(err)', target: 'reject' },
              output: 'const p = new Promise((resolve, reject) => { fetchThing().then(resolve).catch((err) => reject(err)); });',
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: 'function load(req, res, next) { const p = fetchThing(); p.then((v) => res.json(v)); }',
      errors: [
        {
          messageId: 'holderWithoutErrback',
          data: { name: 'p', line: 1 },
          suggestions: [
            {
              messageId: 'forwardError',
              data: { link: 'catch', handler: '(err) => next(err)', target: 'next' },
              output:
                'function load(req, res, next) { const p = fetchThing(); p.then((v) => res.json(v)).catch((err) => next(err)); }',
            },
          ],
        },
      ],
      output: null,
    },
    // Error-first callbacks.
    {
      code: 'fs.readFile(f, (err, data) => use(data));',
      errors: [
        {
          messageId: 'errorIgnored',
          data: { error: 'err', callee: 'fs.readFile' },
          line: 1,
          column: 17,
          endColumn: 20,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      code: 'db.query(sql, function (error, rows) { render(rows); });',
      errors: [{ messageId: 'errorIgnored', data: { error: 'error', callee: 'db.query' }, column: 25 }],
      output: null,
    },
    {
      code: 'request(url, (e, response) => show(response.body));',
      errors: [{ messageId: 'errorIgnored', data: { error: 'e', callee: 'request' }, column: 15 }],
      output: null,
    },
    {
      code: 'fs.unlink(tmp, (er) => { next(); });',
      errors: [{ messageId: 'errorIgnored', data: { error: 'er', callee: 'fs.unlink' }, column: 17 }],
      output: null,
    },
    {
      code: 'function onRead(readErr, text) { show(text); }\nfs.readFile(f, onRead);',
      errors: [{ messageId: 'errorIgnored', data: { error: 'readErr', callee: 'fs.readFile' }, line: 1, column: 17 }],
      output: null,
    },
    {
      code: 'function copy(src, cb) {\n  fs.readFile(src, (err, data) => {\n    write(data, cb);\n  });\n}',
      errors: [
        {
          messageId: 'errorIgnored',
          data: { error: 'err', callee: 'fs.readFile' },
          line: 2,
          column: 21,
          suggestions: [
            {
              messageId: 'checkError',
              data: { error: 'err', target: 'cb' },
              output:
                'function copy(src, cb) {\n  fs.readFile(src, (err, data) => {\n    if (err) return cb(err);\n    write(data, cb);\n  });\n}',
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: 'async.each(items, (item, cb) => save(item, cb), (err) => { done(); });',
      errors: [{ messageId: 'errorIgnored', data: { error: 'err', callee: 'async.each' }, column: 50 }],
      output: null,
    },
    // Logged, then used as if nothing failed.
    {
      code: 'fs.readFile(f, (err, data) => {\n  console.log(err);\n  use(data.length);\n});',
      errors: [
        {
          messageId: 'errorOnlyLogged',
          data: { error: 'err', callee: 'fs.readFile', value: 'data', line: 3 },
          line: 3,
          column: 7,
          endColumn: 11,
        },
      ],
      output: null,
    },
    {
      code: 'fs.readFile(f, (err, data) => {\n  if (err) console.error("read failed", err.message);\n  use(data.length);\n});',
      errors: [
        {
          messageId: 'valueUsedAfterError',
          data: { error: 'err', callee: 'fs.readFile', value: 'data', line: 3, checkLine: 2 },
          line: 3,
          column: 7,
        },
      ],
      output: null,
    },
    {
      code: 'db.get(key, function (err, row) {\n  if (err) { logger.warn(err); }\n  res.send(row);\n});',
      errors: [
        {
          messageId: 'valueUsedAfterError',
          data: { error: 'err', callee: 'db.get', value: 'row', line: 3, checkLine: 2 },
          line: 3,
          column: 12,
        },
      ],
      output: null,
    },
    // Pair API called without its errback.
    {
      code: 'function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }\ngetPoetry(host, port, gotPoem);',
      errors: [
        {
          messageId: 'missingErrback',
          data: { name: 'getPoetry', errback: 'errback', line: 1 },
          line: 2,
          column: 1,
          endColumn: 31,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      code: 'const ajax = (url, success, error) => send(url, success, error);\nfunction load(cb, eb) { ajax("/x", cb); }',
      errors: [
        {
          messageId: 'missingErrback',
          data: { name: 'ajax', errback: 'error', line: 1 },
          line: 2,
          column: 25,
          suggestions: [
            {
              messageId: 'passErrback',
              data: { target: 'eb', errback: 'error' },
              output: 'const ajax = (url, success, error) => send(url, success, error);\nfunction load(cb, eb) { ajax("/x", cb, eb); }',
            },
          ],
        },
      ],
      output: null,
    },
    // sharedDeferreds (strict): a deferred from a parameter or a property.
    {
      code: 'function setup(d) { d.addCallback(parse); }',
      options: [{ sharedDeferreds: true }],
      errors: [{ messageId: 'holderWithoutErrback', data: { name: 'd', line: 1 }, column: 23, endColumn: 41 }],
      output: null,
    },
    {
      code: 'function setup() { this.deferred.addCallback(parse); }',
      options: [{ sharedDeferreds: true }],
      errors: [
        {
          messageId: 'chainWithoutErrback',
          data: { head: 'this.deferred', errorLinks: TWISTED_LINKS },
          column: 34,
          endColumn: 52,
        },
      ],
      output: null,
    },
    // Options leave the other parts on.
    {
      code: 'fetchThing().then(use);\nfs.readFile(f, (err, data) => use(data));',
      options: [{ errorFirstCallbacks: false, pairCalls: false }],
      errors: [{ messageId: 'chainWithoutErrback', line: 1 }],
      output: null,
    },
    // Several problems in one file, each reported once.
    {
      code: 'fetchThing().then(a);\ngetDeferred().addCallback(b);',
      errors: [
        { messageId: 'chainWithoutErrback', line: 1 },
        { messageId: 'chainWithoutErrback', line: 2 },
      ],
      output: null,
    },
    // TypeScript.
    {
      code: '(fetchThing() as Promise<Data>).then(use)!;',
      filename: 'file.ts',
      // The head is named without its type assertion.
      errors: [{ messageId: 'chainWithoutErrback', data: { head: 'fetchThing()', errorLinks: PROMISE_LINKS } }],
      output: null,
    },
  ],
});

// With type information: tests/typed/cases/require-errback.ts (the same cases, linted both ways).
