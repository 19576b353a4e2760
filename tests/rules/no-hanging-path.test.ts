import rule from '../../src/rules/no-hanging-path.js';
import { createRuleTester } from '../rule-tester.js';

// What a path that never fires means at run time, per style (the `consequence` placeholder).
const CALLBACK_WAITS = "the caller's callback never runs, so the caller waits forever";
const PROMISE_WAITS = 'the promise never settles, so whoever awaits it waits forever';
const DEFERRED_WAITS = 'the Deferred never fires, so its callbacks never run';
const PAIR_WAITS = 'neither handler runs, so the caller waits forever';

createRuleTester().run('no-hanging-path', rule, {
  valid: [
    {
      name: "if (err) return cb(err)",
      code: `function read(file, cb) {
  fs.readFile(file, (err, data) => {
    if (err) return cb(err);
    cb(null, data);
  });
}
`,
    },
    {
      name: "dual API with if (cb)",
      code: `function get(key, cb) {
  if (cb) {
    store.get(key, cb);
  } else {
    return new Promise((resolve, reject) => store.get(key, (err, v) => (err ? reject(err) : resolve(v))));
  }
}
`,
    },
    {
      name: "dual API with if (!cb) return a promise",
      code: `function get(key, cb) {
  if (!cb) return promised(key);
  store.get(key, cb);
}
`,
    },
    {
      name: "fire-and-forget marked with void",
      code: `function handle(job, cb) {
  if (job.background) {
    void runLater(job);
    return;
  }
  run(job, cb);
}
`,
    },
    {
      name: "every path fires",
      code: `function check(value, cb) {
  if (!value) return cb(new Error('no value'));
  cb(null, value);
}
`,
    },
    {
      name: "forwarded error",
      code: `function read(file, cb) {
  fs.readFile(file, (err, data) => cb(err, data));
}
`,
    },
    {
      name: "rethrown error",
      code: `function parse(text, cb) {
  try {
    cb(null, JSON.parse(text));
  } catch (e) {
    throw e;
  }
}
`,
    },
    {
      name: "catch forwards to the error side",
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
      name: "cleanup errors ignored on purpose",
      code: `function readOnce(file, cb) {
  fs.readFile(file, (err, data) => {
    try {
      fs.unlinkSync(file);
    } catch {}
    cb(err, data);
  });
}
`,
    },
    {
      name: "error stored and passed later",
      code: `function run(task, cb) {
  let error = null;
  let result;
  try {
    result = task();
  } catch (e) {
    error = e;
  }
  cb(error, result);
}
`,
    },
    {
      name: "express middleware answering without next",
      code: `function auth(req, res, next) {
  if (!req.user) return res.status(401).end();
  next();
}
`,
    },
    {
      name: "synchronous result returned",
      code: `function get(key, cb) {
  if (cache.has(key)) return cache.get(key);
  load(key, cb);
}
`,
    },
    {
      name: "handed off on one path, stored on the other",
      code: `function queue(task, cb) {
  if (busy) {
    pending.push(cb);
    return;
  }
  run(task, cb);
}
`,
    },
    {
      name: "deferred not returned is not owned",
      code: `function start() {
  const d = new Deferred();
  if (ready) d.callback(1);
  register(d);
}
`,
    },
    {
      name: "a deferred parameter is its maker's duty",
      code: `function settle(d, done, value) {
  if (!done) return d;
  if (value instanceof Error) d.errback(value);
  else d.callback(value);
  return d;
}
`,
    },
    {
      name: "'error' listener forwards the error",
      code: `function readAll(file, cb) {
  const stream = fs.createReadStream(file);
  stream.on('end', () => cb(null));
  stream.on('error', (err) => {
    console.error(err);
    cb(err);
  });
}
`,
    },
    {
      name: "'error' listener on an emitter the function returns: the caller listens too",
      code: `function connect(port, cb) {
  const socket = net.connect(port);
  socket.on('error', (err) => console.error(err));
  socket.on('connect', () => cb(null, socket));
  return socket;
}
`,
    },
    {
      name: "'error' listener that logs while a timer still rejects",
      code: `function ping(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, () => resolve());
    req.on('error', (err) => console.error(err));
    setTimeout(() => reject(new Error('timeout')), 1000);
  });
}
`,
    },
    {
      name: "'error' listener stores the error, 'close' decides",
      code: `function getPoetry(host, port, callback, errback) {
  const socket = net.connect({ host, port });
  let failure;
  socket.on('error', (err) => {
    failure = err;
  });
  socket.once('close', () => (failure ? errback(failure) : callback(poem)));
}
`,
    },
    {
      name: "'close' listener reports the failure itself",
      code: `function send(port, data, cb) {
  const socket = net.connect(port);
  socket.on('error', (err) => console.error(err));
  socket.on('close', (hadError) => (hadError ? cb(new Error('send failed')) : cb(null)));
  socket.end(data);
}
`,
    },
    {
      name: "'error' listener on an emitter the completion does not wait for",
      code: `function run(task, cb) {
  const watcher = fs.watch('.');
  watcher.on('error', (err) => console.error(err));
  task(cb);
}
`,
    },
    {
      name: "emitter handed to a helper that may listen for errors",
      code: `function copy(src, dest, cb) {
  const input = fs.createReadStream(src);
  input.on('error', (err) => console.error(err));
  input.on('end', () => cb(null));
  pump(input, fs.createWriteStream(dest));
}
`,
    },
    {
      name: "emitter received from the caller",
      code: `function drain(stream, cb) {
  stream.on('error', (err) => console.error(err));
  stream.on('end', () => cb(null));
}
`,
    },
    {
      name: "'error' listener rethrows",
      code: `function fetchAll(url, cb) {
  const req = request(url);
  req.on('error', (err) => {
    console.error(err);
    throw err;
  });
  req.on('end', () => cb(null));
}
`,
    },
    {
      name: "executor without an error side",
      code: `function ended(file) {
  return new Promise((resolve) => {
    const stream = fs.createReadStream(file);
    stream.on('end', resolve);
    stream.on('error', (err) => console.error(err));
  });
}
`,
    },
    {
      name: "the creating call's error-first callback hears the error",
      code: `function run(cmd, cb) {
  const child = exec(cmd, (err, out) => cb(err, out));
  child.on('error', (err) => console.error(err));
}
`,
    },
    {
      name: "'error' listener that does more than log",
      code: `function fetchText(url, cb) {
  const req = http.get(url, (res) => cb(null, res));
  req.on('error', (err) => {
    console.error(err);
    retryLater(url, cb);
  });
}
`,
    },
    {
      name: "'error' listener without a parameter: errors ignored on purpose",
      code: `function fetchText(url, cb) {
  const req = http.get(url, (res) => cb(null, res));
  req.on('error', () => {});
}
`,
    },
    {
      name: "error thrown from the callback",
      code: `new Promise((resolve) => {
  fs.readFile(file, (err, data) => {
    if (err) throw err;
    resolve(data);
  });
});
`,
    },
    {
      name: "single path",
      code: `function ping(cb) {
  socket.write('ping', cb);
}
`,
    },
    {
      name: "optional callback guarded with &&",
      code: `function save(doc, fn) {
  db.put(doc, (err) => {
    if (err) return fn && fn(err);
    fn && fn(null);
  });
}
`,
    },
    {
      name: "error mapped to a value on purpose",
      code: `new Promise((resolve) => {
  exec(command, (err, out) => {
    const text = err ? '' : out;
    resolve(text);
  });
});
`,
    },
    {
      name: "error handed to another handler",
      code: `function link(entry, done) {
  fs.link(entry.source, entry.target, (er) => {
    if (er) return this.onError(er, entry);
    done();
  });
}
`,
    },
    {
      name: "counting join",
      code: `function closeAll(connections, cb) {
  let pending = connections.length;
  for (const c of connections) {
    c.end(() => {
      if (--pending === 0) cb(null);
    });
  }
}
`,
    },
    {
      name: "listeners armed",
      code: `function finished(stream) {
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('end', () => resolve());
  });
}
`,
    },
    {
      name: "callback only for one mode",
      code: `function Server(options, callback) {
  if (options.port != null) {
    this.server = http.createServer();
    this.server.listen(options.port, callback);
  } else if (options.noServer) {
    this.server = null;
  }
}
`,
    },
    {
      name: "state machine decided by object state",
      code: `function startLoop(cb) {
  switch (this._state) {
    case 'waiting':
      return;
    default:
      cb(null);
  }
}
`,
    },
    {
      name: "a helper receiving resolvers",
      code: `function step(gen, resolve, reject, next) {
  let info;
  try {
    info = gen.next();
  } catch (error) {
    reject(error);
    return;
  }
  if (info.done) resolve(info.value);
  else Promise.resolve(info.value).then(next);
}
`,
    },
    {
      name: "generator parameters are data",
      code: `function* visit(path, current, next) {
  if (current === next) return;
  yield update(path, next);
}
`,
    },
    {
      name: "function called for its value",
      code: `function safe(fn) {
  try {
    return fn();
  } catch {}
}
`,
    },
    {
      name: "called flag guarding a helper",
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
  let finished = false;
  stream.on('error', (err) => {
    if (finished) return;
    finished = true;
    callback(err);
  });
  stream.on('finish', () => {
    if (!finished) {
      finished = true;
      callback(null);
    }
  });
}
`,
    },
    {
      // nedb 1.8.0 lib/datastore.js: the iteratee reports failures to the outer callback itself
      // and only ever calls `cb()`, so the final callback's `err` is always empty.
      name: "final callback of an iteration whose iteratee never passes an error",
      code: `function removeExpired(ids, validDocs, callback) {
  async.eachSeries(ids, function (id, cb) {
    remove(id, function (err) {
      if (err) { return callback(err); }
      return cb();
    });
  }, function (err) {
    return callback(null, validDocs);
  });
}
`,
    },
    {
      // archiver 3.1.1 lib/plugins/json.js: core only ever sets sourceType to 'buffer' or 'stream'.
      name: "dispatch over the expected values of one field, with no final else",
      code: `function append(source, data, callback) {
  function onend(err, buffer) {
    if (err) {
      callback(err);
      return;
    }
    callback(null, buffer.length);
  }
  if (data.sourceType === 'buffer') {
    onend(null, source);
  } else if (data.sourceType === 'stream') {
    collectStream(source, onend);
  }
}
`,
    },
    {
      name: "final callback of an iteration whose declared iteratee never passes an error",
      code: `function removeExpired(ids, validDocs, callback) {
  function removeOne(id, cb) {
    remove(id, function (err) {
      if (err) { return callback(err); }
      return cb();
    });
  }
  async.eachSeries(ids, removeOne, function (err) {
    return callback(null, validDocs);
  });
}
`,
    },
  ],
  invalid: [
    {
      // nedb 1.8.0 browser-specific/lib/storage.js: `filename` is a parameter of `rename`, whose
      // own callback is only called without arguments; that says nothing about getItem's `err`.
      name: "a parameter passed before the error-first callback is not an iteratee",
      code: `function rename(filename, newFilename, callback) {
  localforage.getItem(filename, function (err, value) {
    localforage.setItem(newFilename, value, function () { return callback(); });
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'successOnErrorPath',
          data: { name: "`callback`", param: "err" },
          line: 3,
          column: 66,
          suggestions: [],
        },
      ],
    },
    {
      name: "else-if chain over different fields: the path that matches neither is a real one",
      code: `function append(source, data, callback) {
  function onend(err, buffer) {
    if (err) {
      callback(err);
      return;
    }
    callback(null, buffer.length);
  }
  if (data.sourceType === 'buffer') {
    onend(null, source);
  } else if (data.stream) {
    collectStream(data.stream, onend);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'hangingPath',
          data: { name: "`callback`", consequence: CALLBACK_WAITS },
          line: 11,
          column: 10,
          suggestions: [],
        },
      ],
    },
    {
      name: "final callback of an iteration whose iteratee passes errors on: its err is read nowhere",
      code: `function removeExpired(ids, validDocs, callback) {
  async.eachSeries(ids, function (id, cb) {
    remove(id, cb);
  }, function (err) {
    return callback(null, validDocs);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'successOnErrorPath',
          data: { name: "`callback`", param: "err" },
          line: 5,
          column: 12,
          suggestions: [],
        },
      ],
    },
    {
      name: "pair: 'error' listener only logs (the lesson's client)",
      code: `export function getPoetry(
  host: string,
  port: number,
  callback: (poem: string) => void,
  errback: (err: Error) => void,
): void {
  const socket = net.connect({ host, port });
  let poem = '';
  socket.on('data', (chunk: string) => {
    poem += chunk;
  });
  socket.once('end', () => callback(poem));
  socket.once('error', (err: Error) => {
    console.error(\`poetry connection error: \${err.message}\`);
  });
}
`,
      filename: 'file.ts',
      output: null,
      errors: [
        {
          messageId: 'lostError',
          data: { param: "err", name: "`errback`", consequence: PAIR_WAITS },
          line: 14,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: xhr.onerror only logs",
      code: `function getJSON(url) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.onload = () => resolve(JSON.parse(xhr.responseText));
    xhr.onerror = (event) => console.error('request failed', event);
    xhr.send();
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'lostError',
          data: { param: "event", name: "`reject`", consequence: PROMISE_WAITS },
          line: 6,
          column: 30,
          suggestions: [{ messageId: 'forwardError', data: { param: "event", callee: "reject" }, output: `function getJSON(url) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.onload = () => resolve(JSON.parse(xhr.responseText));
    xhr.onerror = (event) => { console.error('request failed', event); reject(event); };
    xhr.send();
  });
}
` }],
        },
      ],
    },
    {
      name: "executor: https.get(…).on('error') only logs",
      code: `function download(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      let data = '';
      res.on('data', (chunk) => {
        data += chunk;
      });
      res.on('end', () => resolve(data));
    }).on('error', (err) => {
      console.log('Error: ' + err.message);
    });
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'lostError',
          data: { param: "err", name: "`reject`", consequence: PROMISE_WAITS },
          line: 10,
          column: 7,
          suggestions: [{ messageId: 'forwardError', data: { param: "err", callee: "reject" }, output: `function download(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      let data = '';
      res.on('data', (chunk) => {
        data += chunk;
      });
      res.on('end', () => resolve(data));
    }).on('error', (err) => {
      console.log('Error: ' + err.message);
      reject(err);
    });
  });
}
` }],
        },
      ],
    },
    {
      name: "node: stream 'error' listener only logs",
      code: `function readAll(file, cb) {
  const stream = fs.createReadStream(file);
  const chunks = [];
  stream.on('data', (chunk) => chunks.push(chunk));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
  stream.on('error', function onError(err) {
    logger.warn('read failed', err);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'lostError',
          data: { param: "err", name: "`cb`", consequence: CALLBACK_WAITS },
          line: 7,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "node: a named listener, and a server that fails to listen",
      code: `function start(port, callback) {
  const server = net.createServer(handle);
  function onError(err) {
    console.error('server error', err);
  }
  server.on('error', onError);
  server.listen(port, () => callback(null, server.address()));
}
`,
      output: null,
      errors: [
        {
          messageId: 'lostError',
          data: { param: "err", name: "`callback`", consequence: CALLBACK_WAITS },
          line: 4,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: image addEventListener('error') only warns",
      code: `function loadImage(src) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.addEventListener('load', () => resolve(img));
    img.addEventListener('error', (event) => {
      console.warn(event);
    });
    img.src = src;
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'lostError',
          data: { param: "event", name: "`reject`", consequence: PROMISE_WAITS },
          line: 6,
          column: 7,
          suggestions: [{ messageId: 'forwardError', data: { param: "event", callee: "reject" }, output: `function loadImage(src) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.addEventListener('load', () => resolve(img));
    img.addEventListener('error', (event) => {
      console.warn(event);
      reject(event);
    });
    img.src = src;
  });
}
` }],
        },
      ],
    },
    {
      name: "twisted: a returned Deferred whose 'error' listener only logs",
      code: `function getPoem(host, port) {
  const d = new Deferred();
  const socket = net.connect({ host, port });
  socket.once('end', () => d.callback(poem));
  socket.once('error', (err) => console.error(err));
  return d;
}
`,
      output: null,
      errors: [
        {
          messageId: 'lostError',
          data: { param: "err", name: "`d.errback`", consequence: DEFERRED_WAITS },
          line: 5,
          column: 33,
          suggestions: [],
        },
      ],
    },
    {
      name: "pair: 'close' reports success after the error",
      code: `function getPoetry(host, port, callback, errback) {
  const socket = net.connect(port, host);
  let poem = '';
  socket.on('data', (chunk) => {
    poem += chunk;
  });
  socket.on('close', () => callback(poem));
  socket.on('error', (err) => {
    console.error(err.message);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'lostErrorThenSuccess',
          data: { param: "err", name: "`errback`", event: "close", line: "7" },
          line: 9,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor ignores the error and resolves on the error path",
      code: `new Promise((resolve, reject) => fs.readFile(f, (err, d) => resolve(d)));
`,
      output: null,
      errors: [
        {
          messageId: 'successOnErrorPath',
          data: { name: "`resolve`", param: "err" },
          line: 1,
          column: 61,
          suggestions: [{ messageId: 'forwardError', data: { param: "err", callee: "reject" }, output: `new Promise((resolve, reject) => fs.readFile(f, (err, d) => (err ? reject(err) : resolve(d))));
` }],
        },
      ],
    },
    {
      name: "node: early return without calling back",
      code: `function read(x, cb) {
  if (!x) return;
  cb(null, x);
}
`,
      output: null,
      errors: [
        {
          messageId: 'hangingPath',
          data: { name: "`cb`", consequence: CALLBACK_WAITS },
          line: 2,
          column: 11,
          suggestions: [],
        },
      ],
    },
    {
      name: "pair: one branch calls neither",
      code: `function getPoetry(host, port, callback, errback) {
  if (!host) {
    console.log('no host');
  } else if (port) {
    callback(fetch(host, port));
  } else {
    errback(new Error('no port'));
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'hangingPath',
          data: { name: "`callback` or `errback`", consequence: PAIR_WAITS },
          line: 2,
          column: 14,
          suggestions: [],
        },
      ],
    },
    {
      name: "catch {} in a callback-owning function",
      code: `function parse(text, cb) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {}
  cb(null, value);
}
`,
      output: null,
      errors: [
        {
          messageId: 'swallowedError',
          data: { name: "`cb`" },
          line: 5,
          column: 5,
          suggestions: [{ messageId: 'forwardError', data: { param: "error", callee: "cb" }, output: `function parse(text, cb) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
      return cb(error);
    }
  cb(null, value);
}
` }],
        },
      ],
    },
    {
      name: "catch that only logs",
      code: `function parse(text, cb) {
  try {
    cb(null, JSON.parse(text));
  } catch (e) {
    console.error(e);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'swallowedError',
          data: { name: "`cb`" },
          line: 4,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "if (err) { log(err); return } in a callback owner",
      code: `function read(file, cb) {
  fs.readFile(file, (err, data) => {
    if (err) {
      console.error(err);
      return;
    }
    cb(null, data);
  });
}
`,
      output: null,
      errors: [
        {
          messageId: 'ignoredError',
          data: { param: "err", name: "`cb`", consequence: CALLBACK_WAITS },
          line: 5,
          column: 7,
          suggestions: [{ messageId: 'forwardError', data: { param: "err", callee: "cb" }, output: `function read(file, cb) {
  fs.readFile(file, (err, data) => {
    if (err) {
      console.error(err);
      return cb(err);
    }
    cb(null, data);
  });
}
` }],
        },
      ],
    },
    {
      name: "if (err) log then success",
      code: `new Promise((resolve) => {
  fs.readFile(file, (err, data) => {
    if (err) console.log(err);
    resolve(data);
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'successOnErrorPath',
          data: { name: "`resolve`", param: "err" },
          line: 4,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "deferred returned but one path never fires it",
      code: `function getPoem(host) {
  const d = new Deferred();
  if (!host) return d;
  connect(host, (err, poem) => (err ? d.errback(err) : d.callback(poem)));
  return d;
}
`,
      output: null,
      errors: [
        {
          messageId: 'hangingPath',
          data: { name: "`d`", consequence: DEFERRED_WAITS },
          line: 3,
          column: 14,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: early return",
      code: `new Promise((resolve, reject) => {
  if (!ready) return;
  work((err) => (err ? reject(err) : resolve()));
});
`,
      output: null,
      errors: [
        {
          messageId: 'hangingPath',
          data: { name: "`resolve` or `reject`", consequence: PROMISE_WAITS },
          line: 2,
          column: 15,
          suggestions: [],
        },
      ],
    },
    {
      name: "node: falls off the end on one path",
      code: `function check(value, done) {
  if (value) {
    done(null, value);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'hangingPath',
          data: { name: "`done`", consequence: CALLBACK_WAITS },
          line: 2,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: "ts: early return",
      code: `function read(file: string, cb: (err: Error | null, data?: string) => void): void {
  if (!file) return;
  fs.readFile(file, 'utf8', cb);
}
`,
      filename: 'file.ts',
      output: null,
      errors: [
        {
          messageId: 'hangingPath',
          data: { name: "`cb`", consequence: CALLBACK_WAITS },
          line: 2,
          column: 14,
          suggestions: [],
        },
      ],
    },
    {
      name: "executor: error ignored, success in a block body",
      code: `new Promise((resolve, reject) => {
  fs.readFile(file, (err, data) => {
    resolve(data);
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'successOnErrorPath',
          data: { name: "`resolve`", param: "err" },
          line: 3,
          column: 5,
          suggestions: [{ messageId: 'forwardError', data: { param: "err", callee: "reject" }, output: `new Promise((resolve, reject) => {
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
      name: "swallowed catch around a fire that only logs",
      code: `function load(url, callback) {
  try {
    importScripts(url);
    callback();
  } catch (e) {
    console.error(e);
  }
}
`,
      output: null,
      errors: [
        {
          messageId: 'swallowedError',
          data: { name: "`callback`" },
          line: 5,
          column: 5,
          suggestions: [],
        },
      ],
    },
    {
      name: "if (err) return; in an executor",
      code: `new Promise((resolve, reject) => {
  fs.stat(file, (err, st) => {
    if (err) return;
    resolve(st);
  });
});
`,
      output: null,
      errors: [
        {
          messageId: 'ignoredError',
          data: { param: "err", name: "`reject`", consequence: PROMISE_WAITS },
          line: 3,
          column: 14,
          suggestions: [{ messageId: 'forwardError', data: { param: "err", callee: "reject" }, output: `new Promise((resolve, reject) => {
  fs.stat(file, (err, st) => {
    if (err) return reject(err);
    resolve(st);
  });
});
` }],
        },
      ],
    },
  ],
});
