import rule from '../../src/rules/no-double-fire.js';
import { createRuleTester } from '../rule-tester.js';

// What a second fire does, per style (the `consequence` placeholder).
const PROMISE = 'a promise settles only once, so any later call is silently ignored';
const CALLBACK = "the caller's callback code would run again";
const TWISTED = 'a second call raises AlreadyCalledError';
const JQUERY = 'a Deferred settles only once, so any later call is silently ignored';
const PAIR = "the caller's handlers would run again";

// A user-defined style row from shared settings.
const bluebirdSettings = {
  'callback-discipline': {
    styles: [
      {
        name: 'bluebird-defer',
        kind: 'object',
        recognise: { factories: ['Bluebird.defer'] },
        fire: { success: ['fulfill'], error: ['reject'] },
      },
    ],
  },
};

createRuleTester().run('no-double-fire', rule, {
  valid: [
    {
      name: "reject; return; resolve",
      code: `new Promise((resolve, reject) => {
  if (err) { reject(err); return; }
  resolve(value);
});
`,
    },
    {
      name: "correlated guards",
      code: `function read(file) {
  return new Promise((resolve, reject) => {
    fs.readFile(file, (e, data) => {
      if (e) reject(e);
      if (!e) resolve(data);
    });
  });
}
`,
    },
    {
      name: "if/else",
      code: `new Promise((resolve, reject) => {
  if (err) reject(err);
  else resolve(value);
});
`,
    },
    {
      name: "try resolve JSON.parse catch reject",
      code: `new Promise((resolve, reject) => {
  try {
    resolve(JSON.parse(text));
  } catch (e) {
    reject(e);
  }
});
`,
    },
    {
      name: "once wrapper",
      code: `function wait(stream, cb) {
  cb = once(cb);
  stream.on('error', cb);
  stream.on('end', () => cb());
  stream.on('close', () => cb());
}
`,
    },
    {
      name: "called flag in a helper",
      code: `function wait(stream, cb) {
  let called = false;
  function done(err) {
    if (called) return;
    called = true;
    cb(err);
  }
  stream.on('error', done);
  stream.on('end', () => done());
}
`,
    },
    {
      name: "done flag in listeners",
      code: `function wait(stream, callback) {
  let done = false;
  stream.on('error', (err) => {
    if (done) return;
    done = true;
    callback(err);
  });
  stream.on('finish', () => {
    if (!done) {
      done = true;
      callback(null);
    }
  });
}
`,
    },
    {
      name: "member flag",
      code: `function Job(cb) {
  this.cb = cb;
}
Job.prototype.finish = function (err) {
  if (this.finished) return;
  this.finished = true;
  this.cb(err);
};
`,
    },
    {
      name: "dual API",
      code: `function get(key, cb) {
  if (cb) {
    store.get(key, (err, value) => {
      if (err) return cb(err);
      cb(null, value);
    });
  } else {
    return new Promise((resolve, reject) => {
      store.get(key, (err, value) => (err ? reject(err) : resolve(value)));
    });
  }
}
`,
    },
    {
      name: "async.each iteratee",
      code: `function saveAll(items, cb) {
  async.each(items, (item, next) => {
    save(item);
    next();
  }, cb);
}
`,
    },
    {
      name: "stream _write stores cb",
      code: `class Sink extends Writable {
  _write(chunk, encoding, cb) {
    this.pending = cb;
    this.flush(chunk);
  }
}
`,
    },
    {
      name: "then(cb, cb)",
      code: `function get(p, cb) {
  p.then((value) => cb(null, value), cb);
}
`,
    },
    {
      name: "return cb(err) early exits",
      code: `function parse(err, text, cb) {
  if (err) return cb(err);
  if (!text) return cb(new Error('empty'));
  cb(null, text);
}
`,
    },
    {
      name: "stream promisified",
      code: `function finished(stream) {
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('end', resolve);
  });
}
`,
    },
    {
      name: "Promise.race",
      code: `function race(promises) {
  return new Promise((resolve, reject) => {
    for (const p of promises) p.then(resolve, reject);
  });
}
`,
    },
    {
      name: "Promise.race with arrow handlers",
      code: `function race(promises) {
  return new Promise((resolve, reject) => {
    for (const p of promises) p.then((v) => resolve(v), (e) => reject(e));
  });
}
`,
    },
    {
      name: "resolvers wired to two once-events, each handler firing once",
      code: `function finished(stream) {
  return new Promise((resolve, reject) => {
    stream.once('error', (err) => reject(err));
    stream.once('end', () => resolve());
  });
}
`,
    },
    {
      name: "link handler that returns after rejecting",
      code: `function load(url) {
  return new Promise((resolve, reject) => {
    fetch(url).then((res) => {
      if (!res.ok) return reject(new Error(res.statusText));
      resolve(res.json());
    }, reject);
  });
}
`,
    },
    {
      name: "a handler wired twice by name (end and error) settles once per run",
      code: `function finished(stream) {
  return new Promise((resolve, reject) => {
    function done(err) {
      if (err) reject(err);
      else resolve();
    }
    stream.once('end', done);
    stream.once('error', done);
  });
}
`,
    },
    {
      name: "borrowed deferred fired on exclusive branches",
      code: `function finish(d, err, value) {
  if (err) d.errback(err);
  else d.callback(value);
}
`,
    },
    {
      name: "one deferred per loop iteration",
      code: `function coalesce(key, error, result) {
  for (const waiter of dequeue(key)) {
    if (error) waiter.reject(error);
    else waiter.resolve(result);
  }
}
`,
    },
    {
      name: "a promise library passed in builds values, it fires nothing",
      code: `function cached(lib, key) {
  if (!cache.has(key)) return lib.reject(new Error('miss')).catch(fallback);
  return lib.resolve(cache.get(key)).then(clone);
}
`,
    },
    {
      name: "a plain callback member called twice is not a deferred",
      code: `function notify(opts, items) {
  opts.callback(items[0]);
  opts.callback(items[1]);
}
`,
    },
    {
      name: "counting join",
      code: `function all(items, cb) {
  let pending = items.length;
  items.forEach((item) => {
    work(item, () => {
      if (--pending === 0) cb(null);
    });
  });
}
`,
    },
    {
      name: "iteratee named callback",
      code: `function each(list, callback) {
  for (let i = 0; i < list.length; i++) callback(list[i], i);
}
`,
    },
    {
      name: "retry by recursion",
      code: `function attempt(times, cb) {
  op((err, value) => {
    if (err && times > 0) return attempt(times - 1, cb);
    cb(err, value);
  });
}
`,
    },
    {
      name: "callback cleared after use",
      code: `function wait(stream, cb) {
  stream.on('error', (err) => {
    if (cb) { cb(err); cb = null; }
  });
  stream.on('end', () => {
    if (cb) { cb(null); cb = null; }
  });
}
`,
    },
    {
      name: "argument shuffling",
      code: `function read(options, cb) {
  if (typeof options === 'function') { cb = options; options = {}; }
  cb = cb || noop;
  if (!options.file) return cb(new Error('no file'));
  cb(null, options.file);
}
`,
    },
    {
      name: "try/catch with return",
      code: `function parse(text, cb) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return cb(e);
  }
  cb(null, value);
}
`,
    },
    {
      name: "ternary",
      code: `function read(file, cb) {
  fs.readFile(file, (err, data) => (err ? cb(err) : cb(null, data)));
}
`,
    },
    {
      name: "loop with return",
      code: `new Promise((resolve) => {
  for (const item of items) {
    if (item.ok) { resolve(item); return; }
  }
  resolve(null);
});
`,
    },
    {
      name: "then handlers and finally",
      code: `function get(p, cb) {
  p.then((v) => cb(null, v), (e) => cb(e)).finally(() => cleanup());
}
`,
    },
    {
      name: "then and catch on the same promise",
      code: `function get(p, cb) {
  p.then((v) => cb(null, v));
  p.catch((e) => cb(e));
}
`,
    },
    {
      name: "twisted addCallbacks",
      code: `function fetch() {
  const d = new Deferred();
  getPage(url).addCallbacks((page) => d.callback(page), (failure) => d.errback(failure));
  return d;
}
`,
    },
    {
      name: "jquery done/fail on one deferred",
      code: `function load(url) {
  const d = $.Deferred();
  $.ajax(url).done((data) => d.resolve(data)).fail((xhr) => d.reject(new Error(xhr.statusText)));
  return d.promise();
}
`,
    },
    {
      name: "express middleware",
      code: `function auth(req, res, next) {
  if (!req.user) return next(new Error('unauthorised'));
  next();
}
`,
    },
    {
      name: "handed off then return",
      code: `function read(file, cb) {
  if (cache.has(file)) return cb(null, cache.get(file));
  fs.readFile(file, cb);
}
`,
    },
    {
      name: "guarded by a predicate",
      code: `function call(fn) {
  if (!isFunction(fn)) throw new TypeError('not a function');
  fn(null);
}
`,
    },
    {
      name: "setTimeout only once",
      code: `new Promise((resolve) => {
  setTimeout(resolve, 100);
});
`,
    },
    {
      name: "IIFE once",
      code: `function f(cb) {
  (function () {
    cb(null);
  })();
}
`,
    },
    {
      name: "unknown custom once-events",
      code: `function open(channel, cb) {
  channel.once('CONFIRMED', () => cb(null));
  channel.once('FAILED', (info) => cb(new Error(info)));
}
`,
    },
    {
      name: "pair delegating each side",
      code: `function get(url, onSuccess, onError) {
  request(url, onSuccess, onError);
}
`,
    },
    {
      name: "stored for later then fired elsewhere",
      code: `function Queue() {}
Queue.prototype.push = function (task, callback) {
  this.tasks.push({ task, callback });
};
`,
    },
    {
      name: "ts: dual api",
      code: `function get(key: string, cb?: (err: Error | null, v?: string) => void): Promise<string> | void {
  if (!cb) return new Promise((resolve, reject) => store.get(key, (err: Error | null, v: string) => (err ? reject(err) : resolve(v))));
  store.get(key, cb);
}
`,
      filename: 'file.ts',
    },
    {
      name: "either the callback or a wrapper, never both",
      code: `function resolveRequest(request, allowAlternatives, callback) {
  resolver.doResolve(request, allowAlternatives ? callback : (err, result) => {
    if (err) return callback(err);
    callback(null, result);
  });
}
`,
    },
    {
      name: "timeout racing the result, timers cleared",
      code: `function withTimeout(work, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    work((err, value) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value);
    });
  });
}
`,
    },
    {
      name: "the object's own machinery may call back",
      code: `function startLoop(cb) {
  do {
    this.getInfo(cb);
  } while (this._loop);
  if (!this._errored) cb();
}
`,
    },
    {
      name: "a parameter named next that holds data",
      code: `function diff(path, current, next) {
  if (next.length !== current.length) return update(path, next);
  return compare(path, current, next);
}
`,
    },
    {
      name: "predicates from compiled modules",
      code: `function call(fn) {
  if (!(0, util.isFunction)(fn)) return;
  fn(null);
}
`,
    },
    {
      // formidable 1.2.6 lib/incoming_form.js: the form emits 'error' at most once and never
      // 'end' after it (`_error` and `_maybeEnd` check its own flags).
      name: "listeners of the object's own once-events, chained on this",
      code: `IncomingForm.prototype.parse = function (req, cb) {
  var fields = {};
  this
    .on('field', function (name, value) {
      fields[name] = value;
    })
    .on('error', function (err) {
      cb(err, fields);
    })
    .on('end', function () {
      cb(null, fields);
    });
  this.writeHeaders(req.headers);
};
`,
    },
    {
      name: "own once-events through self, one listener passed by reference",
      code: `function Parser(done) {
  var self = this;
  self.on('error', done);
  self.on('end', function () {
    done(null, self.result);
  });
}
`,
    },
  ],
  invalid: [
    {
      name: "node: a function owned inside a listener of this still fires twice",
      code: `Server.prototype.start = function () {
  this.on('end', function () {
    function read(x, cb) {
      if (x) cb(new Error('x'));
      cb(null, 1);
    }
    read(1, console.log);
  });
};
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "cb", earlierSide: "error", earlier: "cb", line: "4", consequence: CALLBACK },
          line: 5,
          column: 7,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "4", earlier: "cb" }, output: `Server.prototype.start = function () {
  this.on('end', function () {
    function read(x, cb) {
      if (x) return cb(new Error('x'));
      cb(null, 1);
    }
    read(1, console.log);
  });
};
` }],
        },
      ],
    },
    {
      name: "executor: reject without return, then resolve",
      code: `new Promise((resolve, reject) => {
  if (error) reject(error);
  resolve(value);
});
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "resolve", earlierSide: "error", earlier: "reject", line: "2", consequence: PROMISE },
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "2", earlier: "reject" }, output: `new Promise((resolve, reject) => {
  if (error) return reject(error);
  resolve(value);
});
` }],
        },
      ],
    },
    {
      name: "executor: reject then resolve inside a nested node callback",
      code: `new Promise((resolve, reject) => {
  fs.readFile(file, (err, data) => {
    if (err) reject(err);
    resolve(data);
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "resolve", earlierSide: "error", earlier: "reject", line: "3", consequence: PROMISE },
          line: 4,
          column: 5,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "reject" }, output: `new Promise((resolve, reject) => {
  fs.readFile(file, (err, data) => {
    if (err) return reject(err);
    resolve(data);
  });
});
` }],
        },
      ],
    },
    {
      name: "executor: reject then resolve in a link handler, reject also passed by reference",
      code: `new Promise((resolve, reject) => {
  fetch(url).then((res) => {
    if (!res.ok) reject(new Error(res.statusText));
    resolve(res.json());
  }, reject);
});
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "resolve", earlierSide: "error", earlier: "reject", line: "3", consequence: PROMISE },
          line: 4,
          column: 5,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "reject" }, output: `new Promise((resolve, reject) => {
  fetch(url).then((res) => {
    if (!res.ok) return reject(new Error(res.statusText));
    resolve(res.json());
  }, reject);
});
` }],
        },
      ],
    },
    {
      name: "executor: two fires in one 'error' listener",
      code: `new Promise((resolve, reject) => {
  socket.once('error', (err) => {
    reject(err);
    resolve(null);
  });
  socket.once('end', () => resolve(data));
});
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "resolve", earlierSide: "error", earlier: "reject", line: "3", consequence: PROMISE },
          line: 4,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "jquery: reject then resolve in a done handler of another deferred",
      code: `function load(url) {
  const d = $.Deferred();
  $.ajax(url).done((data) => {
    if (!data) d.reject(new Error('empty'));
    d.resolve(data);
  }).fail(d.reject);
  return d.promise();
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "d.resolve", earlierSide: "error", earlier: "d.reject", line: "4", consequence: JQUERY },
          line: 5,
          column: 5,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "4", earlier: "d.reject" }, output: `function load(url) {
  const d = $.Deferred();
  $.ajax(url).done((data) => {
    if (!data) return d.reject(new Error('empty'));
    d.resolve(data);
  }).fail(d.reject);
  return d.promise();
}
` }],
        },
      ],
    },
    {
      name: "executor: two unrelated ifs each resolving",
      code: `new Promise((resolve) => {
  if (a) resolve(1);
  if (b) resolve(2);
});
`,
      output: null,
      errors: [
        {
          messageId: 'potential',
          data: { name: "resolve", line: "2", consequence: PROMISE },
          line: 3,
          column: 10,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "2", earlier: "resolve" }, output: `new Promise((resolve) => {
  if (a) return resolve(1);
  if (b) resolve(2);
});
` }],
        },
      ],
    },
    {
      name: "executor: resolve in a for loop",
      code: `new Promise((resolve) => {
  for (const item of items) resolve(item);
});
`,
      output: null,
      errors: [
        {
          messageId: 'repeated',
          data: { name: "resolve", where: "inside a loop, so it can run more than once", consequence: PROMISE },
          line: 2,
          column: 29,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: resolve in forEach",
      code: `new Promise((resolve) => {
  items.forEach((item) => resolve(item));
});
`,
      output: null,
      errors: [
        {
          messageId: 'repeated',
          data: { name: "resolve", where: "by `forEach`, once per element", consequence: PROMISE },
          line: 2,
          column: 27,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: resolve in on('data')",
      code: `new Promise((resolve) => {
  stream.on('data', (chunk) => resolve(chunk));
});
`,
      output: null,
      errors: [
        {
          messageId: 'repeated',
          data: { name: "resolve", where: "on every 'data' event", consequence: PROMISE },
          line: 2,
          column: 32,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: resolve passed by reference to on('data')",
      code: `new Promise((resolve) => {
  emitter.on('data', resolve);
});
`,
      output: null,
      errors: [
        {
          messageId: 'repeated',
          data: { name: "resolve", where: "on every 'data' event", consequence: PROMISE },
          line: 2,
          column: 22,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: alias fired twice",
      code: `new Promise((resolve) => {
  const done = resolve;
  done(1);
  done(2);
});
`,
      output: null,
      errors: [
        {
          messageId: 'certain',
          data: { name: "done", line: "3", consequence: PROMISE },
          line: 4,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: resolve then setTimeout resolve",
      code: `new Promise((resolve) => {
  resolve(1);
  setTimeout(() => resolve(2));
});
`,
      output: null,
      errors: [
        {
          messageId: 'certain',
          data: { name: "resolve", line: "2", consequence: PROMISE },
          line: 3,
          column: 20,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: try resolve mayThrow catch reject",
      code: `new Promise((resolve, reject) => {
  try {
    resolve(value);
    mayThrow();
  } catch (e) {
    reject(e);
  }
});
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "error", name: "reject", earlierSide: "success", earlier: "resolve", line: "3", consequence: PROMISE },
          line: 6,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: switch fall-through",
      code: `new Promise((resolve) => {
  switch (kind) {
    case 'a':
      resolve(1);
    case 'b':
      resolve(2);
      break;
  }
});
`,
      output: null,
      errors: [
        {
          messageId: 'potential',
          data: { name: "resolve", line: "4", consequence: PROMISE },
          line: 6,
          column: 7,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: fire in try and finally",
      code: `new Promise((resolve) => {
  try {
    resolve(compute());
  } finally {
    resolve(null);
  }
});
`,
      output: null,
      errors: [
        {
          messageId: 'potential',
          data: { name: "resolve", line: "3", consequence: PROMISE },
          line: 5,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "withResolvers resolved twice",
      code: `const { promise, resolve, reject } = Promise.withResolvers();
resolve(1);
resolve(2);
`,
      output: null,
      errors: [
        {
          messageId: 'certain',
          data: { name: "resolve", line: "2", consequence: PROMISE },
          line: 3,
          column: 1,
          suggestions: [],
        },
      ],
    },
    {
      name: "twisted: errback then callback",
      code: `function fetchPoem() {
  const d = new Deferred();
  if (failed) d.errback(new Error('no poem'));
  d.callback(poem);
  return d;
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "d.callback", earlierSide: "error", earlier: "d.errback", line: "3", consequence: TWISTED },
          line: 4,
          column: 3,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "d.errback" }, output: `function fetchPoem() {
  const d = new Deferred();
  if (failed) return d.errback(new Error('no poem'));
  d.callback(poem);
  return d;
}
` }],
        },
      ],
    },
    {
      name: "twisted: a deferred parameter, errback then callback",
      code: `function refresh(d, text) {
  if (text === undefined) {
    d.errback(new Error('nothing to show'));
  }
  d.callback(text);
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "d.callback", earlierSide: "error", earlier: "d.errback", line: "3", consequence: TWISTED },
          line: 5,
          column: 3,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "d.errback" }, output: `function refresh(d, text) {
  if (text === undefined) {
    return d.errback(new Error('nothing to show'));
  }
  d.callback(text);
}
` }],
        },
      ],
    },
    {
      name: "twisted: a deferred parameter fired in a loop",
      code: `function failAll(d, errors) {
  for (const e of errors) d.errback(e);
}
`,
      output: null,
      errors: [
        {
          messageId: 'repeated',
          data: { name: "d.errback", where: "inside a loop, so it can run more than once", consequence: TWISTED },
          line: 2,
          column: 27,
          suggestions: [],
        },
      ],
    },
    {
      name: "jquery: a variable from an unknown factory, rejected then resolved",
      code: `function send(url) {
  const def = util.deferred();
  request(url, (res) => {
    if (res.status >= 400) def.reject(new Error(res.statusText));
    def.resolve(res);
  });
  return def.promise;
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "def.resolve", earlierSide: "error", earlier: "def.reject", line: "4", consequence: JQUERY },
          line: 5,
          column: 5,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "4", earlier: "def.reject" }, output: `function send(url) {
  const def = util.deferred();
  request(url, (res) => {
    if (res.status >= 400) return def.reject(new Error(res.statusText));
    def.resolve(res);
  });
  return def.promise;
}
` }],
        },
      ],
    },
    {
      name: "ts: a typed deferred parameter",
      code: `function refresh(d: Deferred<string>, text: string | undefined): void {
  if (text === undefined) d.errback(new Error('nothing to show'));
  d.callback(text ?? '');
}
`,
      filename: 'file.ts',
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "d.callback", earlierSide: "error", earlier: "d.errback", line: "2", consequence: TWISTED },
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "2", earlier: "d.errback" }, output: `function refresh(d: Deferred<string>, text: string | undefined): void {
  if (text === undefined) return d.errback(new Error('nothing to show'));
  d.callback(text ?? '');
}
` }],
        },
      ],
    },
    {
      name: "twisted: callback twice",
      code: `function fetchPoem() {
  const d = new Deferred();
  d.callback(1);
  d.callback(2);
  return d;
}
`,
      output: null,
      errors: [
        {
          messageId: 'certain',
          data: { name: "d.callback", line: "3", consequence: TWISTED },
          line: 4,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: "jquery: reject then resolve",
      code: `function load() {
  const d = $.Deferred();
  if (failed) d.reject(new Error('x'));
  d.resolve(1);
  return d.promise();
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "d.resolve", earlierSide: "error", earlier: "d.reject", line: "3", consequence: JQUERY },
          line: 4,
          column: 3,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "d.reject" }, output: `function load() {
  const d = $.Deferred();
  if (failed) return d.reject(new Error('x'));
  d.resolve(1);
  return d.promise();
}
` }],
        },
      ],
    },
    {
      name: "node: if (err) cb(err); cb(null, v)",
      code: `function read(file, cb) {
  fs.readFile(file, (err, data) => {
    if (err) cb(err);
    cb(null, data);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "cb", earlierSide: "error", earlier: "cb", line: "3", consequence: CALLBACK },
          line: 4,
          column: 5,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "cb" }, output: `function read(file, cb) {
  fs.readFile(file, (err, data) => {
    if (err) return cb(err);
    cb(null, data);
  });
}
` }],
        },
      ],
    },
    {
      name: "node: done",
      code: `function read(file, done) {
  fs.readFile(file, (err, data) => {
    if (err) done(err);
    done(null, data);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "done", earlierSide: "error", earlier: "done", line: "3", consequence: CALLBACK },
          line: 4,
          column: 5,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "done" }, output: `function read(file, done) {
  fs.readFile(file, (err, data) => {
    if (err) return done(err);
    done(null, data);
  });
}
` }],
        },
      ],
    },
    {
      name: "node: next",
      code: `function middleware(req, res, next) {
  if (!req.user) next(new Error('unauthorised'));
  next();
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "next", earlierSide: "error", earlier: "next", line: "2", consequence: CALLBACK },
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "2", earlier: "next" }, output: `function middleware(req, res, next) {
  if (!req.user) return next(new Error('unauthorised'));
  next();
}
` }],
        },
      ],
    },
    {
      name: "node: fn",
      code: `function read(file, fn) {
  fs.readFile(file, (err, data) => {
    if (err) fn(err);
    fn(null, data);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "fn", earlierSide: "error", earlier: "fn", line: "3", consequence: CALLBACK },
          line: 4,
          column: 5,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "fn" }, output: `function read(file, fn) {
  fs.readFile(file, (err, data) => {
    if (err) return fn(err);
    fn(null, data);
  });
}
` }],
        },
      ],
    },
    {
      name: "node: self.callback",
      code: `function Request(options, callback) {
  var self = this;
  self.callback = callback;
  fs.readFile(options.file, function (err, data) {
    if (err) self.callback(err);
    self.callback(null, data);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "self.callback", earlierSide: "error", earlier: "self.callback", line: "5", consequence: CALLBACK },
          line: 6,
          column: 5,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "5", earlier: "self.callback" }, output: `function Request(options, callback) {
  var self = this;
  self.callback = callback;
  fs.readFile(options.file, function (err, data) {
    if (err) return self.callback(err);
    self.callback(null, data);
  });
}
` }],
        },
      ],
    },
    {
      name: "node: try cb JSON.parse catch cb",
      code: `function parse(text, cb) {
  try {
    cb(null, JSON.parse(text));
  } catch (e) {
    cb(e);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "error", name: "cb", earlierSide: "success", earlier: "cb", line: "3", consequence: CALLBACK },
          line: 5,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "node: then cb catch cb",
      code: `function get(p, cb) {
  p.then((v) => cb(null, v)).catch((e) => cb(e));
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "error", name: "cb", earlierSide: "success", earlier: "cb", line: "2", consequence: CALLBACK },
          line: 2,
          column: 43,
          suggestions: [],
        },
      ],
    },
    {
      name: "node: handed to readFile then fired",
      code: `function read(file, strict, cb) {
  fs.readFile(file, cb);
  if (strict) return cb(new Error('strict'));
}
`,
      output: null,
      errors: [
        {
          messageId: 'afterHandOff',
          data: { name: "cb", callee: "fs.readFile", line: "2", consequence: CALLBACK },
          line: 3,
          column: 22,
          suggestions: [],
        },
      ],
    },
    {
      name: "node: setImmediate error then success",
      code: `function finish(err, value, cb) {
  if (err) setImmediate(() => cb(err));
  cb(null, value);
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "cb", earlierSide: "error", earlier: "cb", line: "2", consequence: CALLBACK },
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "2", earlier: "cb" }, output: `function finish(err, value, cb) {
  if (err) return setImmediate(() => cb(err));
  cb(null, value);
}
` }],
        },
      ],
    },
    {
      name: "node: cb in a loop",
      code: `function each(items, cb) {
  for (const item of items) cb(null, item);
}
`,
      output: null,
      errors: [
        {
          messageId: 'repeated',
          data: { name: "cb", where: "inside a loop, so it can run more than once", consequence: CALLBACK },
          line: 2,
          column: 29,
          suggestions: [],
        },
      ],
    },
    {
      name: "node: two events without guard",
      code: `function wait(stream, cb) {
  stream.on('error', cb);
  stream.on('end', () => cb());
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "cb", earlierSide: "error", earlier: "cb", line: "2", consequence: CALLBACK },
          line: 3,
          column: 26,
          suggestions: [],
        },
      ],
    },
    {
      name: "pair: both sides",
      code: `function get(host, port, callback, errback) {
  if (!host) errback(new Error('no host'));
  callback(port);
}
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "callback", earlierSide: "error", earlier: "errback", line: "2", consequence: PAIR },
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "2", earlier: "errback" }, output: `function get(host, port, callback, errback) {
  if (!host) return errback(new Error('no host'));
  callback(port);
}
` }],
        },
      ],
    },
    {
      name: "ts: typed node callback",
      code: `function read(file: string, cb: (err: Error | null, data?: string) => void): void {
  fs.readFile(file, 'utf8', (err: Error | null, data: string) => {
    if (err) cb(err);
    cb(null, data);
  });
}
`,
      filename: 'file.ts',
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "cb", earlierSide: "error", earlier: "cb", line: "3", consequence: CALLBACK },
          line: 4,
          column: 5,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "cb" }, output: `function read(file: string, cb: (err: Error | null, data?: string) => void): void {
  fs.readFile(file, 'utf8', (err: Error | null, data: string) => {
    if (err) return cb(err);
    cb(null, data);
  });
}
` }],
        },
      ],
    },
    {
      name: "executor: renamed parameters",
      code: `new Promise((ok, fail) => {
  if (bad) fail(new Error('bad'));
  ok(1);
});
`,
      output: null,
      errors: [
        {
          messageId: 'bothSides',
          data: { side: "success", name: "ok", earlierSide: "error", earlier: "fail", line: "2", consequence: PROMISE },
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'suggestReturn', data: { line: "2", earlier: "fail" }, output: `new Promise((ok, fail) => {
  if (bad) return fail(new Error('bad'));
  ok(1);
});
` }],
        },
      ],
    },
    {
      name: "dojo: resolve twice on new Deferred",
      code: `function load() {
  var d = new Deferred();
  d.resolve(1);
  d.resolve(2);
  return d.promise;
}
`,
      output: null,
      errors: [
        {
          messageId: 'certain',
          data: { name: "d.resolve", line: "3", consequence: JQUERY },
          line: 4,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: "twisted: callback in a loop",
      code: `function fetchAll(urls) {
  const d = new Deferred();
  for (const url of urls) d.callback(url);
  return d;
}
`,
      output: null,
      errors: [
        {
          messageId: 'repeated',
          data: { name: "d.callback", where: "inside a loop, so it can run more than once", consequence: TWISTED },
          line: 3,
          column: 27,
          suggestions: [],
        },
      ],
    },
    {
      name: "node: callback fired in setInterval",
      code: `function poll(cb) {
  setInterval(() => cb(null, read()), 1000);
}
`,
      output: null,
      errors: [
        {
          messageId: 'repeated',
          data: { name: "cb", where: "by `setInterval`, again and again", consequence: CALLBACK },
          line: 2,
          column: 21,
          suggestions: [],
        },
      ],
    },
    {
      name: 'user style from settings: fulfilled twice',
      code: `function load() {
  const d = Bluebird.defer();
  d.fulfill(1);
  d.fulfill(2);
  return d.promise;
}
`,
      settings: bluebirdSettings,
      output: null,
      errors: [
        {
          messageId: 'certain',
          data: {
            name: 'd.fulfill',
            line: '3',
            consequence: 'a bluebird-defer completion settles only once, so any later call is ignored or rejected',
          },
          line: 4,
          column: 3,
          suggestions: [],
        },
      ],
    },
  ],
});
