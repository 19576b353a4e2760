import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-duplicate-cleanup.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();
const oneSided = [{ oneSided: true }] as [{ oneSided: boolean }];

ruleTester.run('no-duplicate-cleanup', rule, {
  valid: [
    { name: 'different statements at the end', code: `p.then((v) => { show(v); a(); }, (e) => { report(e); b(); });
` },
    { name: '`.then(cb, cb)` with a function reference', code: `p.then(done, done);
function done() { log('x'); stop(); }
` },
    { name: 'two references to one function', code: `d.addCallbacks(finish, finish);
function finish() { reactor.stop(); }
` },
    { name: 'shared code reads each handler\'s own parameter', code: `d.addCallbacks(function (r) { show(r); log(r.length); }, function (r) { report(r); log(r.length); });
` },
    { name: 'shared code reads each handler\'s own local', code: `p.then((v) => { const t = now(); show(v); done(t); }, (e) => { const t = now(); report(e); done(t); });
` },
    { name: 'an early return skips the shared code on one side', code: `p.then((v) => { if (!v) return; show(v); stop(); }, (e) => { report(e); stop(); });
` },
    { name: 'shared code before a return: moving it would change its order relative to the return', code: `p.then((v) => { stop(); return v; }, (e) => { stop(); return null; });
` },
    { name: 'shared code that returns', code: `p.then((v) => { show(v); return cleanup(); }, (e) => { report(e); return cleanup(); });
` },
    { name: 'a retry is not cleanup', code: `try { connect(); } catch (e) { connect(); }
` },
    { name: 'handlers without effects', code: `p.then(() => null, () => null);
q.then(() => {}, () => {});
` },
    { name: 'the catch block rethrows before the shared code', code: `try { a(); release(); } catch (e) { if (fatal(e)) throw e; release(); }
` },
    { name: '`this` of a non-arrow handler', code: `p.then(function (v) { show(v); this.done(); }, function (e) { report(e); this.done(); });
` },
    { name: 'identical promise handlers that read their parameter', code: `p.then((r) => log(r), (r) => log(r));
` },
    { name: 'error-first callback: shared code reads a binding of its branch', code: `fs.readFile(p, (err, data) => {
  if (err) { const msg = String(err); log(msg); return cb(err); }
  const msg = String(data); log(msg); cb(null, data);
});
` },
    { name: 'handlers not visible in this file', code: `import { ok, fail } from './handlers.js';
p.then(ok, fail);
` },
    { name: 'errback before callback is not a pair: the callback runs after a recovering errback', code: `d.addErrback((e) => { log(e); stop(); }).addCallback((v) => { show(v); stop(); });
` },
    { name: 'a callback whose first parameter is not an error', code: `list.forEach(function (item) {
  if (item) { count++; return; }
  count++;
});
` },
    { name: 'try/finally has no pair', code: `try { a(); x(); } finally { x(); }
` },
    { name: 'a named handler other code calls too is a function of its own (timeout wrapper)', code: `new Promise((resolve_, reject_) => {
  const timer = setTimeout(() => reject(new Error('timeout')), ms);
  function resolve(value) {
    clearTimeout(timer);
    resolve_(value);
  }
  function reject(error) {
    clearTimeout(timer);
    reject_(error);
  }
  promise.then(resolve, reject);
});
` },
    { name: 'a named handler also attached elsewhere', code: `function onPoem(poem) {
  print(poem);
  reactor.stop();
}
function onError(err) {
  log.err(err);
  reactor.stop();
}
d.addCallbacks(onPoem, onError);
other.addCallback(onPoem);
` },
    { name: 'one link on an unknown receiver is not a chain', code: `emitter.done(function () { a(); stop(); });
` },
    { name: 'one-sided cleanup is off by default', code: `const timer = setTimeout(onTimeout, 5000);
fetch(url).then((res) => {
  render(res);
  clearTimeout(timer);
}, (err) => showError(err));
` },
    { name: 'oneSided: a method named like an Object.prototype member is not cleanup', code: `try { work(); x.toString(); x.valueOf(); x.constructor(); x.hasOwnProperty('a'); } catch (e) { report(e); }
fs.readFile(f, (err, data) => { if (err) { report(err); return; } use(data); data.toString(); });
`, options: oneSided },
    { name: 'oneSided: the error handler clears the timer too', code: `const timer = setTimeout(onTimeout, 5000);
fetch(url).then((res) => {
  render(res);
  clearTimeout(timer);
}, (err) => {
  if (timer) clearTimeout(timer);
  showError(err);
});
`, options: oneSided },
    { name: 'oneSided: the cleanup uses the handler\'s own value', code: `pool.connect().then((client) => {
  use(client);
  client.release();
}, (err) => showError(err));
`, options: oneSided },
    { name: 'oneSided: the flag is reset to the value it already had', code: `busy = false;
fetch(url).then((res) => {
  render(res);
  busy = false;
}, (err) => showError(err));
`, options: oneSided },
    { name: 'oneSided: a flag the error handler sets too', code: `this.loading = true;
api.get(u).then((items) => {
  this.items = items;
  this.loading = false;
}, (err) => {
  this.loading = false;
  this.error = err;
});
`, options: oneSided },
    { name: 'oneSided: `t.end()` when the error is thrown on (the test runner ends the test)', code: `isexe(path, function (er, is) {
  if (er) {
    throw er;
  }
  t.ok(is);
  t.end();
});
`, options: oneSided },
    { name: 'oneSided: `res.end()` when the error is handed to next(err)', code: `load().then((data) => {
  res.write(data);
  res.end();
}, (err) => next(err));
`, options: oneSided },
    { name: 'oneSided: cleanup that opens the try block runs before anything can throw', code: `try {
  worker.off('exit', onExit);
  stopWorker();
} catch (err) {
  report(err);
}
`, options: oneSided },
    { name: 'oneSided: only an assignment before the cleanup in the try block: nothing there can skip it', code: `try {
  this.state = 'stopping';
  this.worker.off('exit', this.onExit);
  await this.stopWorker();
} catch (err) {
  report(err);
}
`, options: oneSided },
    { name: 'pair call: one function for both outcomes', code: `function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
function finish() { log('done'); reactor.stop(); }
getPoetry(h, p, finish, finish);
` },
    { name: 'pair call: the shared code reads each handler\'s own parameter', code: `function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
getPoetry(h, p, (result) => { show(result); log(result); }, (result) => { report(result); log(result); });
` },
    { name: 'pair call: an early return skips the shared code on one side', code: `function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
getPoetry(h, p, (poem) => { if (!poem) return; show(poem); reactor.stop(); }, (err) => { report(err); reactor.stop(); });
` },
    { name: 'pair call: a named handler other code calls too', code: `function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
function gotPoem(poem) { show(poem); reactor.stop(); }
function poemFailed(err) { report(err); reactor.stop(); }
getPoetry(h, p, gotPoem, poemFailed);
retryLater(gotPoem);
` },
    { name: 'pair call: the API never calls its errback', code: `function getPoetry(host, port, callback, errback) { connect(host, port, callback); }
getPoetry(h, p, (poem) => { show(poem); reactor.stop(); }, (err) => { report(err); reactor.stop(); });
` },
    { name: 'pair call: an API declared elsewhere (no type information)', code: `import { getPoetry } from './poetry.js';
getPoetry(h, p, (poem) => { show(poem); reactor.stop(); }, (err) => { report(err); reactor.stop(); });
` },
    { name: 'pair call: resolvers passed through to the API (the fixed poetry client)', code: `function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
new Promise((resolve, reject) => getPoetry(h, p, resolve, reject)).then(show, report).finally(() => reactor.stop());
` },
    { name: 'pair call: `this` of non-arrow handlers', code: `function getPoetry(host, port, callback, errback) { connect(host, port, callback, errback); }
getPoetry(h, p, function (poem) { show(poem); this.stop(); }, function (err) { report(err); this.stop(); });
` },
    { name: 'oneSided: no error side at all', code: `fetch(url).then((res) => {
  render(res);
  clearTimeout(timer);
});
`, options: oneSided },
  ],
  invalid: [
    {
      name: "the lesson's defer-8: named handlers both end with reactor.stop() → addBoth (defer-9)",
      code: `function gotPoem(poem: string) {
  console.log(poem);
  reactor.stop();
}

function poemFailed(err: Failure) {
  console.error('poem download failed');
  console.error('I am terribly sorry');
  console.error('try again later?');
  reactor.stop();
}

const d = new Deferred();
d.addCallbacks(gotPoem, poemFailed);
reactor.callWhenRunning(d.callback, 'Another short poem.');
reactor.run();
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "reactor.stop()", success: "the success handler `gotPoem`", successLine: "3", error: "the error handler `poemFailed`", errorLine: "10", link: "addBoth", errorLink: "addCallbacks" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "reactor.stop()", link: "addBoth" },
              output: `function gotPoem(poem: string) {
  console.log(poem);
}

function poemFailed(err: Failure) {
  console.error('poem download failed');
  console.error('I am terribly sorry');
  console.error('try again later?');
}

const d = new Deferred();
d.addCallbacks(gotPoem, poemFailed).addBoth((result) => {
  reactor.stop();
  return result;
});
reactor.callWhenRunning(d.callback, 'Another short poem.');
reactor.run();
`,
            },
          ],
        },
      ],
    },
    {
      name: "the lesson's first case: named handlers passed to a pair API both end with reactor.stop()",
      code: `function getPoetry(host: string, port: number, callback: (poem: string) => void, errback: (err: Error) => void) {
  connect(host, port).then(callback, errback);
}

function gotPoem(poem: string) {
  console.log(poem);
  reactor.stop();
}

function poemFailed(err: Error) {
  console.error('poem download failed');
  console.error('I am terribly sorry');
  console.error('try again later?');
  reactor.stop();
}

getPoetry(host, port, gotPoem, poemFailed);
reactor.run();
`,
      errors: [
        {
          messageId: 'pairCallCleanup',
          data: { code: "reactor.stop()", success: "the success handler `gotPoem`", successLine: "7", error: "the error handler `poemFailed`", errorLine: "14", api: "getPoetry", links: "`addBoth` or `finally`" },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    {
      name: "pair call with inline handlers; several shared statements",
      code: `const loadItems = function (url, onSuccess, onError) {
  send(url, onSuccess, onError);
};
loadItems('/items', function (items) {
  render(items);
  busy = false;
  spinner.hide();
}, (error) => {
  showError(error);
  busy = false;
  spinner.hide();
});
`,
      errors: [
        {
          messageId: 'pairCallCleanup',
          data: { code: "busy = false; spinner.hide()", success: "the success handler", successLine: "6", error: "the error handler", errorLine: "10", api: "loadItems", links: "`addBoth` or `finally`" },
          line: 6,
          column: 3,
          endLine: 7,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    {
      name: "twisted addCallbacks with inline handlers → addBoth",
      code: `getPoetry(host, port).addCallbacks(function (poem) {
  print(poem);
  reactor.stop();
}, function (err) {
  log.err(err);
  reactor.stop();
});
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "reactor.stop()", success: "the success handler", successLine: "3", error: "the error handler", errorLine: "6", link: "addBoth", errorLink: "addCallbacks" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "reactor.stop()", link: "addBoth" },
              output: `getPoetry(host, port).addCallbacks(function (poem) {
  print(poem);
}, function (err) {
  log.err(err);
}).addBoth((result) => {
  reactor.stop();
  return result;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "twisted addCallback(ok).addErrback(fail) → addBoth, may run twice today",
      code: `const d = new Deferred();
d.addCallback((poem) => {
  print(poem);
  reactor.stop();
}).addErrback((err) => {
  log.err(err);
  reactor.stop();
});
`,
      errors: [
        {
          messageId: 'sharedEndRunsTwice',
          data: { code: "reactor.stop()", success: "the success handler", successLine: "4", error: "the error handler", errorLine: "7", link: "addBoth", errorLink: "addErrback" },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "reactor.stop()", link: "addBoth" },
              output: `const d = new Deferred();
d.addCallback((poem) => {
  print(poem);
}).addErrback((err) => {
  log.err(err);
}).addBoth((result) => {
  reactor.stop();
  return result;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "promise then(ok, fail) → finally",
      code: `fetch(url).then((res) => {
  render(res);
  spinner.hide();
}, (err) => {
  showError(err);
  spinner.hide();
});
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "spinner.hide()", success: "the success handler", successLine: "3", error: "the error handler", errorLine: "6", link: "finally", errorLink: "then" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "spinner.hide()", link: "finally" },
              output: `fetch(url).then((res) => {
  render(res);
}, (err) => {
  showError(err);
}).finally(() => {
  spinner.hide();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "promise then(ok).catch(fail) → finally, may run twice today",
      code: `load().then((data) => {
  render(data);
  spinner.hide();
}).catch((err) => {
  showError(err);
  spinner.hide();
});
`,
      errors: [
        {
          messageId: 'sharedEndRunsTwice',
          data: { code: "spinner.hide()", success: "the success handler", successLine: "3", error: "the error handler", errorLine: "6", link: "finally", errorLink: "catch" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "spinner.hide()", link: "finally" },
              output: `load().then((data) => {
  render(data);
}).catch((err) => {
  showError(err);
}).finally(() => {
  spinner.hide();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "jQuery done(ok).fail(fail) → always",
      code: `$.ajax(url).done(function (data) {
  render(data);
  $('#spinner').hide();
}).fail(function (xhr) {
  alert(xhr.statusText);
  $('#spinner').hide();
});
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "$('#spinner').hide()", success: "the success handler", successLine: "3", error: "the error handler", errorLine: "6", link: "always", errorLink: "fail" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "$('#spinner').hide()", link: "always" },
              output: `$.ajax(url).done(function (data) {
  render(data);
}).fail(function (xhr) {
  alert(xhr.statusText);
}).always(() => {
  $('#spinner').hide();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "jQuery fail(fail).done(ok), the other order → always after both",
      code: `$.getJSON(url).fail(function () {
  alert('failed');
  busy = false;
}).done(function (data) {
  render(data);
  busy = false;
});
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "busy = false", success: "the success handler", successLine: "6", error: "the error handler", errorLine: "3", link: "always", errorLink: "fail" },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "busy = false", link: "always" },
              output: `$.getJSON(url).fail(function () {
  alert('failed');
}).done(function (data) {
  render(data);
}).always(() => {
  busy = false;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "jQuery then(ok, fail): reported without suggestion (an always handler's exception is not a rejection)",
      code: `$.ajax(url).then(function (data) {
  render(data);
  $('#spinner').hide();
}, function (xhr) {
  alert(xhr.statusText);
  $('#spinner').hide();
});
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "$('#spinner').hide()", success: "the success handler", successLine: "3", error: "the error handler", errorLine: "6", link: "always", errorLink: "then" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 24,
          suggestions: [],
        },
      ],
    },
    {
      name: "try/catch → finally",
      code: `function save(db, doc) {
  try {
    db.write(doc);
    db.unlock();
  } catch (err) {
    log(err);
    db.unlock();
  }
}
`,
      errors: [
        {
          messageId: 'tryCatch',
          data: { code: "db.unlock()", tryLine: "4", catchLine: "7" },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'moveToFinally',
              data: { code: "db.unlock()" },
              output: `function save(db, doc) {
  try {
    db.write(doc);
  } catch (err) {
    log(err);
  } finally {
    db.unlock();
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "try/catch with an existing finally block: moved code goes first",
      code: `try {
  work();
  log('done');
} catch (err) {
  report(err);
  log('done');
} finally { cleanup(); }
`,
      errors: [
        {
          messageId: 'tryCatch',
          data: { code: "log('done')", tryLine: "3", catchLine: "6" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'moveToFinally',
              data: { code: "log('done')" },
              output: `try {
  work();
} catch (err) {
  report(err);
} finally { log('done'); cleanup(); }
`,
            },
          ],
        },
      ],
    },
    {
      name: "error-first callback: shared code first on both paths → hoisted above if (err)",
      code: `function read(path, cb) {
  fs.readFile(path, 'utf8', function (err, text) {
    if (err) {
      pending--;
      return cb(err);
    }
    pending--;
    cb(null, text.trim());
  });
}
`,
      errors: [
        {
          messageId: 'errorFirstStart',
          data: { code: "pending--", errorLine: "4", successLine: "7", test: "err" },
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'hoist',
              data: { code: "pending--", test: "err" },
              output: `function read(path, cb) {
  fs.readFile(path, 'utf8', function (err, text) {
    pending--;
    if (err) {
      return cb(err);
    }
    cb(null, text.trim());
  });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "error-first callback with else → hoisted",
      code: `db.query(sql, (error, rows) => {
  if (error) {
    conn.release();
    done(error);
  } else {
    conn.release();
    done(null, rows);
  }
});
`,
      errors: [
        {
          messageId: 'errorFirstStart',
          data: { code: "conn.release()", errorLine: "3", successLine: "6", test: "error" },
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'hoist',
              data: { code: "conn.release()", test: "error" },
              output: `db.query(sql, (error, rows) => {
  conn.release();
  if (error) {
    done(error);
  } else {
    done(null, rows);
  }
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "error-first callback: shared code at the end, before the callback fires → reported without suggestion",
      code: `db.query(sql, function (err, rows) {
  if (err) {
    log.error(err);
    conn.release();
    return callback(err);
  }
  const result = rows.map(toModel);
  conn.release();
  callback(null, result);
});
`,
      errors: [
        {
          messageId: 'errorFirstEnd',
          data: { code: "conn.release()", errorLine: "4", successLine: "8" },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 20,
          suggestions: [],
        },
      ],
    },
    {
      name: "identical twisted handlers → one addBoth",
      code: `d.addCallbacks(function (result) {
  console.log(result);
}, function (result) {
  console.log(result);
});
`,
      errors: [
        {
          messageId: 'identicalHandlers',
          data: { success: "the success handler", successLine: "1", error: "the error handler", errorLine: "3", link: "addBoth", errorLink: "addCallbacks" },
          line: 1,
          column: 3,
          endLine: 5,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'useBothLink',
              data: { link: "addBoth" },
              output: `d.addBoth(function (result) {
  console.log(result);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "identical addCallback/addErrback expression handlers → one addBoth, may run twice today",
      code: `d.addCallback(() => reactor.stop()).addErrback(() => reactor.stop());
`,
      errors: [
        {
          messageId: 'identicalHandlersRunsTwice',
          data: { success: "the success handler", successLine: "1", error: "the error handler", errorLine: "1", link: "addBoth", errorLink: "addErrback" },
          line: 1,
          column: 3,
          endLine: 1,
          endColumn: 69,
          suggestions: [
            {
              messageId: 'useBothLink',
              data: { link: "addBoth" },
              output: `d.addBoth(() => reactor.stop());
`,
            },
          ],
        },
      ],
    },
    {
      name: "identical jQuery done/fail handlers → one always",
      code: `$.ajax(url).done(function () {
  $('#spinner').hide();
}).fail(function () {
  $('#spinner').hide();
});
`,
      errors: [
        {
          messageId: 'identicalHandlers',
          data: { success: "the success handler", successLine: "1", error: "the error handler", errorLine: "3", link: "always", errorLink: "fail" },
          line: 1,
          column: 13,
          endLine: 5,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'useBothLink',
              data: { link: "always" },
              output: `$.ajax(url).always(function () {
  $('#spinner').hide();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "identical promise handlers → emptied handlers and finally",
      code: `request.then(function () {
  log('finished');
  spinner.hide();
}, function () {
  log('finished');
  spinner.hide();
});
`,
      errors: [
        {
          messageId: 'identicalHandlers',
          data: { success: "the success handler", successLine: "1", error: "the error handler", errorLine: "4", link: "finally", errorLink: "then" },
          line: 1,
          column: 9,
          endLine: 7,
          endColumn: 3,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "log('finished'); spinner.hide()", link: "finally" },
              output: `request.then(function () {}, function () {}).finally(() => {
  log('finished');
  spinner.hide();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "identical promise expression handlers: reported without suggestion (finally would pass the rejection on)",
      code: `request.then(() => spinner.hide(), () => spinner.hide());
`,
      errors: [
        {
          messageId: 'identicalHandlers',
          data: { success: "the success handler", successLine: "1", error: "the error handler", errorLine: "1", link: "finally", errorLink: "then" },
          line: 1,
          column: 9,
          endLine: 1,
          endColumn: 57,
          suggestions: [],
        },
      ],
    },
    {
      name: "shared code at the start of both handlers: reported without suggestion",
      code: `fetch(url).then((res) => {
  spinner.hide();
  render(res);
}, (err) => {
  spinner.hide();
  showError(err);
});
`,
      errors: [
        {
          messageId: 'sharedStart',
          data: { code: "spinner.hide()", success: "the success handler", successLine: "2", error: "the error handler", errorLine: "5", link: "finally" },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    {
      name: "the addBoth parameter does not shadow a name the moved code uses",
      code: `d.addCallbacks((poem) => {
  print(poem);
  finish(result);
}, (err) => {
  log.err(err);
  finish(result);
});
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "finish(result)", success: "the success handler", successLine: "3", error: "the error handler", errorLine: "6", link: "addBoth", errorLink: "addCallbacks" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "finish(result)", link: "addBoth" },
              output: `d.addCallbacks((poem) => {
  print(poem);
}, (err) => {
  log.err(err);
}).addBoth((result2) => {
  finish(result);
  return result2;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "twisted async handlers: reported without suggestion (addBoth does not wait for the promise)",
      code: `d.addCallbacks(async (poem) => {
  await save(poem);
  reactor.stop();
}, async (err) => {
  await log(err);
  reactor.stop();
});
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "reactor.stop()", success: "the success handler", successLine: "3", error: "the error handler", errorLine: "6", link: "addBoth", errorLink: "addCallbacks" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    {
      name: "copies with different comments: reported without suggestion (a comment would be lost)",
      code: `p.then((v) => {
  show(v);
  stop(); // success
}, (e) => {
  report(e);
  stop(); // failure
});
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "stop()", success: "the success handler", successLine: "3", error: "the error handler", errorLine: "6", link: "finally", errorLink: "then" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 10,
          suggestions: [],
        },
      ],
    },
    {
      name: "one-line handlers",
      code: `fetch(u).then((r) => { show(r); stop(); }, (e) => { report(e); stop(); });
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "stop()", success: "the success handler", successLine: "1", error: "the error handler", errorLine: "1", link: "finally", errorLink: "then" },
          line: 1,
          column: 33,
          endLine: 1,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "stop()", link: "finally" },
              output: `fetch(u).then((r) => { show(r); }, (e) => { report(e); }).finally(() => {
  stop();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "a final bare return stays in the handler",
      code: `p.then(function (v) {
  show(v);
  stop();
  return;
}, function (e) {
  report(e);
  stop();
});
`,
      errors: [
        {
          messageId: 'sharedEnd',
          data: { code: "stop()", success: "the success handler", successLine: "3", error: "the error handler", errorLine: "7", link: "finally", errorLink: "then" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 10,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "stop()", link: "finally" },
              output: `p.then(function (v) {
  show(v);
  return;
}, function (e) {
  report(e);
}).finally(() => {
  stop();
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "oneSided: clearTimeout only in the promise success handler → finally",
      code: `const timer = setTimeout(onTimeout, 5000);
fetch(url).then((res) => {
  render(res);
  clearTimeout(timer);
}, (err) => showError(err));
`,
      options: oneSided,
      errors: [
        {
          messageId: 'oneSided',
          data: { code: "clearTimeout(timer)", success: "the success handler", error: "the error handler", errorLine: "5", consequence: "the timer is never cleared and fires later", place: "one `finally` link" },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "clearTimeout(timer)", link: "finally" },
              output: `const timer = setTimeout(onTimeout, 5000);
fetch(url).then((res) => {
  render(res);
}, (err) => showError(err)).finally(() => {
  clearTimeout(timer);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "oneSided: conn.release() only in the twisted callback → addBoth",
      code: `pool.getConnection().addCallbacks(function (rows) {
  render(rows);
  conn.release();
}, function (err) {
  log.err(err);
});
`,
      options: oneSided,
      errors: [
        {
          messageId: 'oneSided',
          data: { code: "conn.release()", success: "the success handler", error: "the error handler", errorLine: "5", consequence: "`conn` is never released", place: "one `addBoth` link" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "conn.release()", link: "addBoth" },
              output: `pool.getConnection().addCallbacks(function (rows) {
  render(rows);
}, function (err) {
  log.err(err);
}).addBoth((result) => {
  conn.release();
  return result;
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "oneSided: busy flag set before the call, reset only on success → finally",
      code: `class View {
  load() {
    this.loading = true;
    api.get('/items').then((items) => {
      this.items = items;
      this.loading = false;
    }).catch((err) => {
      this.error = err;
    });
  }
}
`,
      options: oneSided,
      errors: [
        {
          messageId: 'oneSided',
          data: { code: "this.loading = false", success: "the success handler", error: "the error handler", errorLine: "8", consequence: "`this.loading` stays `true`", place: "one `finally` link" },
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "this.loading = false", link: "finally" },
              output: `class View {
  load() {
    this.loading = true;
    api.get('/items').then((items) => {
      this.items = items;
    }).catch((err) => {
      this.error = err;
    }).finally(() => {
      this.loading = false;
    });
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: "oneSided: jQuery listener removed only in done → always",
      code: `$.ajax(url).done(function (data) {
  render(data);
  $(window).off('beforeunload', warn);
}).fail(function () {
  alert('failed');
});
`,
      options: oneSided,
      errors: [
        {
          messageId: 'oneSided',
          data: { code: "$(window).off('beforeunload', warn)", success: "the success handler", error: "the error handler", errorLine: "5", consequence: "the listener stays attached", place: "one `always` link" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'moveToLink',
              data: { code: "$(window).off('beforeunload', warn)", link: "always" },
              output: `$.ajax(url).done(function (data) {
  render(data);
}).fail(function () {
  alert('failed');
}).always(() => {
  $(window).off('beforeunload', warn);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "oneSided: try block closes before more work: reported without suggestion",
      code: `try {
  const data = read(file);
  handle.close();
  use(data);
} catch (err) {
  report(err);
}
`,
      options: oneSided,
      errors: [
        {
          messageId: 'oneSided',
          data: { code: "handle.close()", success: "the `try` block", error: "the `catch` block", errorLine: "6", consequence: "`handle` is never closed", place: "a `finally` block" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    {
      name: "oneSided: try block closes at its end: reported without suggestion (a throwing close would escape a finally block)",
      code: `try {
  write(handle, data);
  handle.close();
} catch (err) {
  report(err);
}
`,
      options: oneSided,
      errors: [
        {
          messageId: 'oneSided',
          data: { code: "handle.close()", success: "the `try` block", error: "the `catch` block", errorLine: "5", consequence: "`handle` is never closed", place: "a `finally` block" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 18,
          suggestions: [],
        },
      ],
    },
    {
      name: "oneSided: error-first callback resets the flag only on success → hoisted above if (err)",
      code: `busy = true;
fs.stat(path, function (err, stats) {
  if (err) return cb(err);
  busy = false;
  cb(null, stats.size);
});
`,
      options: oneSided,
      errors: [
        {
          messageId: 'oneSided',
          data: { code: "busy = false", success: "the success path", error: "the error branch", errorLine: "3", consequence: "`busy` stays `true`", place: "the code before `if (err)`" },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'hoist',
              data: { code: "busy = false", test: "err" },
              output: `busy = true;
fs.stat(path, function (err, stats) {
  busy = false;
  if (err) return cb(err);
  cb(null, stats.size);
});
`,
            },
          ],
        },
      ],
    },
    {
      name: "oneSided: cleanup before a return in the success handler: reported without suggestion",
      code: `const timer = setTimeout(onTimeout, 5000);
fetch(url).then((res) => {
  clearTimeout(timer);
  return res.json();
}, (err) => {
  showError(err);
});
`,
      options: oneSided,
      errors: [
        {
          messageId: 'oneSided',
          data: { code: "clearTimeout(timer)", success: "the success handler", error: "the error handler", errorLine: "6", consequence: "the timer is never cleared and fires later", place: "one `finally` link" },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },
    {
      name: "error-first callback: leading shared code declares a binding → reported without suggestion",
      code: `db.query(sql, function (err, rows) {
  if (err) {
    const t = clock();
    metrics.record(t);
    return callback(err);
  }
  const t = clock();
  metrics.record(t);
  callback(null, rows);
});
`,
      errors: [
        {
          messageId: 'errorFirstStart',
          data: { code: "const t = clock(); metrics.record(t)", errorLine: "3", successLine: "7", test: "err" },
          line: 3,
          column: 5,
          endLine: 4,
          endColumn: 23,
          suggestions: [],
        },
      ],
    },

  ],
});

describe('options', () => {
  const verify = (options: unknown) =>
    new Linter({ configType: 'flat' }).verify('p.then(a, b);', [
      {
        plugins: { cd: { rules: { r: rule as never } } },
        rules: { 'cd/r': ['error', options] as never },
        languageOptions: { parser: tsParser },
      },
    ]);

  it('rejects unknown and mistyped options through the schema', () => {
    expect(() => verify({ oneSided: 'yes' })).toThrow(/Value "yes" should be boolean/);
    expect(() => verify({ both: true })).toThrow(/additional properties/i);
  });

  it('accepts the documented options', () => {
    expect(verify({ oneSided: true })).toEqual([]);
  });
});

describe('try statements, found at the end of the file from the recorded catch clauses', () => {
  const messages = (code: string) =>
    new Linter({ configType: 'flat' })
      .verify(code, [{ plugins: { cd: { rules: { r: rule as never } } }, rules: { 'cd/r': ['error', { oneSided: true }] as never } }])
      .map((m) => `${m.messageId}@${m.line}:${m.column}`);

  it('reports nested and sibling try statements, each once, in source order', () => {
    expect(
      messages(`function f() {
  try {
    try { a(); done(); } catch (e) { b(e); done(); }
    c();
    finish();
  } catch (e) { d(e); finish(); }
  try { g(); timer.close(); } catch (e) { h(e); }
  try { k(); } finally { m(); }
}
`),
    ).toEqual(['tryCatch@3:16', 'tryCatch@5:5', 'oneSided@7:14']);
  });
});
