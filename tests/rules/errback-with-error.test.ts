import rule from '../../src/rules/errback-with-error.js';
import { createRuleTester } from '../rule-tester.js';

createRuleTester().run('errback-with-error', rule, {
  valid: [
    {
      name: "catch parameter",
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
      name: "err parameter forwarded",
      code: `function stat(path, cb) {
  fs.stat(path, (err, st) => {
    if (err) return cb(err);
    cb(null, st);
  });
}
`,
    },
    {
      name: "new Error",
      code: `new Promise((resolve, reject) => {
  reject(new TypeError('bad input'));
});
`,
    },
    {
      name: "twisted Failure",
      code: `function getPoem() {
  const d = new Deferred();
  d.errback(new Failure(new Error('no poem')));
  return d;
}
`,
    },
    {
      name: "success fires of a node callback",
      code: `function check(a, b, cb) {
  if (a) return cb();
  if (b) return cb(null, b);
  cb(undefined, 0);
}
`,
    },
    {
      name: "falsy literal means no error",
      code: `function legacy(cb) {
  cb(false, 'ok');
}
`,
    },
    {
      name: "values that may be errors",
      code: `function f(cb) {
  cb(makeError());
  cb(this.error);
}
`,
    },
    {
      name: "resolve with anything",
      code: `new Promise((resolve) => {
  resolve('done');
});
`,
    },
    {
      name: "jquery rejectWith context and list",
      code: `function load() {
  const d = $.Deferred();
  d.rejectWith(this, ['failed']);
  return d.promise();
}
`,
    },
    {
      name: "a visitor called with an object is not a node callback",
      code: `function walk(node, cb) {
  cb({ type: node.type, children: node.children });
}
`,
    },
    {
      name: "element callbacks of map are not callbacks",
      code: `function notify(listeners) {
  return listeners.map((fn) => fn('config'));
}
`,
    },
    {
      name: "empty reject allowed by option",
      code: `new Promise((resolve, reject) => {
  reject();
});
`,
      options: [{"allowEmptyReject":true}],
    },
    {
      name: "ts: typed error",
      code: `function fail(error: Error, cb: (err: Error | null) => void): void {
  cb(error);
}
`,
      filename: 'file.ts',
    },
  ],
  invalid: [
    {
      name: "twisted errback with a string",
      code: `function getPoem() {
  const d = new Deferred();
  d.errback('failed');
  return d;
}
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "d.errback", what: "a string" },
          line: 3,
          column: 13,
          suggestions: [{ messageId: 'wrapInError', output: `function getPoem() {
  const d = new Deferred();
  d.errback(new Error('failed'));
  return d;
}
` }],
        },
      ],
    },
    {
      name: "twisted errback with a string on a deferred parameter",
      code: `function fail(d) {
  d.errback('failed');
}
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "d.errback", what: "a string" },
          line: 2,
          column: 13,
          suggestions: [{ messageId: 'wrapInError', output: `function fail(d) {
  d.errback(new Error('failed'));
}
` }],
        },
      ],
    },
    {
      name: "reject with nothing",
      code: `new Promise((resolve, reject) => {
  reject();
});
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "reject", what: "nothing" },
          line: 2,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: "reject with a string",
      code: `new Promise((resolve, reject) => {
  reject('x');
});
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "reject", what: "a string" },
          line: 2,
          column: 10,
          suggestions: [{ messageId: 'wrapInError', output: `new Promise((resolve, reject) => {
  reject(new Error('x'));
});
` }],
        },
      ],
    },
    {
      name: "node callback with a string",
      code: `function read(file, cb) {
  if (!file) return cb('boom');
  fs.readFile(file, cb);
}
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "cb", what: "a string" },
          line: 2,
          column: 24,
          suggestions: [{ messageId: 'wrapInError', output: `function read(file, cb) {
  if (!file) return cb(new Error('boom'));
  fs.readFile(file, cb);
}
` }],
        },
      ],
    },
    {
      name: "node callback with an object literal",
      code: `function read(file, callback) {
  if (!file) return callback({ message: 'no file' });
  fs.readFile(file, callback);
}
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "callback", what: "an object literal" },
          line: 2,
          column: 30,
          suggestions: [],
        },
      ],
    },
    {
      name: "template string",
      code: `function open(name, done) {
  done(\`no such file: \${name}\`);
}
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "done", what: "a string" },
          line: 2,
          column: 8,
          suggestions: [{ messageId: 'wrapInError', output: `function open(name, done) {
  done(new Error(\`no such file: \${name}\`));
}
` }],
        },
      ],
    },
    {
      name: "the message instead of the error",
      code: `new Promise((resolve, reject) => {
  fs.readFile(file, (err, data) => (err ? reject(err.message) : resolve(data)));
});
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "reject", what: "a string" },
          line: 2,
          column: 50,
          suggestions: [{ messageId: 'wrapInError', output: `new Promise((resolve, reject) => {
  fs.readFile(file, (err, data) => (err ? reject(new Error(err.message)) : resolve(data)));
});
` }],
        },
      ],
    },
    {
      name: "jquery reject with a status code",
      code: `function load() {
  const d = $.Deferred();
  d.reject(404);
  return d.promise();
}
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "d.reject", what: "a number" },
          line: 3,
          column: 12,
          suggestions: [],
        },
      ],
    },
    {
      name: "pair errback with undefined",
      code: `function get(url, onSuccess, onError) {
  onError(undefined);
}
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "onError", what: "undefined" },
          line: 2,
          column: 11,
          suggestions: [],
        },
      ],
    },
    {
      name: "withResolvers reject null",
      code: `const { promise, resolve, reject } = Promise.withResolvers();
reject(null);
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "reject", what: "null" },
          line: 2,
          column: 8,
          suggestions: [],
        },
      ],
    },
    {
      name: "alias and member",
      code: `function Request(options, callback) {
  const self = this;
  self.callback = callback;
  self.callback('aborted');
}
`,
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "self.callback", what: "a string" },
          line: 4,
          column: 17,
          suggestions: [{ messageId: 'wrapInError', output: `function Request(options, callback) {
  const self = this;
  self.callback = callback;
  self.callback(new Error('aborted'));
}
` }],
        },
      ],
    },
    {
      name: "ts: reject with a string",
      code: `function wait(ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (ms < 0) reject(\`negative delay \${ms}\`);
    else setTimeout(resolve, ms);
  });
}
`,
      filename: 'file.ts',
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "reject", what: "a string" },
          line: 3,
          column: 24,
          suggestions: [{ messageId: 'wrapInError', output: `function wait(ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (ms < 0) reject(new Error(\`negative delay \${ms}\`));
    else setTimeout(resolve, ms);
  });
}
` }],
        },
      ],
    },
    {
      name: "allowEmptyReject still reports strings",
      code: `new Promise((resolve, reject) => {
  if (!ok) reject();
  reject('x');
});
`,
      options: [{"allowEmptyReject":true}],
      output: null,
      errors: [
        {
          messageId: 'notAnError',
          data: { name: "reject", what: "a string" },
          line: 3,
          column: 10,
          suggestions: [{ messageId: 'wrapInError', output: `new Promise((resolve, reject) => {
  if (!ok) reject();
  reject(new Error('x'));
});
` }],
        },
      ],
    },
  ],
});
