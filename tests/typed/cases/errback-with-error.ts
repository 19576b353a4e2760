/** errback-with-error, with and without type information: see ../both-ways.ts. Review changes by hand. */
import type { MessageIds, Options } from '../../../src/rules/errback-with-error.js';
import type { CaseTable } from '../both-ways.js';

export const cases: CaseTable<MessageIds, Options> = [
  {
    name: "`reject(reason)` with `reason: string`",
    code: `export function wait(ms: number, reason: string): Promise<void> {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(reason), ms);
  });
}
`,
    untyped: [],
    typed: [
      { messageId: 'notAnError', data: { name: "reject", what: "a string" }, line: 3, column: 29, endLine: 3, endColumn: 35, suggestions: [{ messageId: 'wrapInError', output: `export function wait(ms: number, reason: string): Promise<void> {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error(reason)), ms);
  });
}
` }] },
    ],
  },
  {
    name: "`dfd.reject(…)` with a string, on a parameter typed as a jQuery deferred",
    code: `export function timeout(dfd: JQuery.Deferred<string>): void {
  dfd.reject('timed out');
}
`,
    untyped: [],
    typed: [
      { messageId: 'notAnError', data: { name: "dfd.reject", what: "a string" }, line: 2, column: 14, endLine: 2, endColumn: 25, suggestions: [{ messageId: 'wrapInError', output: `export function timeout(dfd: JQuery.Deferred<string>): void {
  dfd.reject(new Error('timed out'));
}
` }] },
    ],
  },
  {
    name: "an error-first callback fired with a value typed `number`",
    code: `export function exit(code: number, done: (err: Error | null) => void): void {
  if (code !== 0) return done(code);
  done(null);
}
`,
    untyped: [],
    typed: [
      { messageId: 'notAnError', data: { name: "done", what: "a number" }, line: 2, column: 31, endLine: 2, endColumn: 35, suggestions: [] },
    ],
  },
  {
    name: "a value typed `Error` where its name reads like a string (`outcome.message`)",
    code: `interface Outcome { ok: boolean; message: Error }

export function settle(outcome: Outcome, cb: (err: Error | null) => void): void {
  if (!outcome.ok) return cb(outcome.message);
  cb(null);
}
`,
    untyped: [
      { messageId: 'notAnError', data: { name: "cb", what: "a string" }, line: 4, column: 30, endLine: 4, endColumn: 45, suggestions: [{ messageId: 'wrapInError', output: `interface Outcome { ok: boolean; message: Error }

export function settle(outcome: Outcome, cb: (err: Error | null) => void): void {
  if (!outcome.ok) return cb(new Error(outcome.message));
  cb(null);
}
` }] },
    ],
    typed: [],
  },
  {
    name: "a callback typed `(value: string | null) => void` takes a value first, not an error",
    code: `export function lookup(key: string, cb: (value: string | null) => void): void {
  if (!key) return cb(null);
  cb('found: ' + key);
}
`,
    untyped: [
      { messageId: 'notAnError', data: { name: "cb", what: "a string" }, line: 3, column: 6, endLine: 3, endColumn: 21, suggestions: [{ messageId: 'wrapInError', output: `export function lookup(key: string, cb: (value: string | null) => void): void {
  if (!key) return cb(null);
  cb(new Error('found: ' + key));
}
` }] },
    ],
    typed: [],
  },
  {
    name: "control: `reject(err)` with `err: Error`",
    code: `export function fail(err: Error): Promise<never> {
  return new Promise((resolve, reject) => reject(err));
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a literal string is reported without types too",
    code: `export function fail(): Promise<never> {
  return new Promise((resolve, reject) => reject('failed'));
}
`,
    untyped: [
      { messageId: 'notAnError', data: { name: "reject", what: "a string" }, line: 2, column: 50, endLine: 2, endColumn: 58, suggestions: [{ messageId: 'wrapInError', output: `export function fail(): Promise<never> {
  return new Promise((resolve, reject) => reject(new Error('failed')));
}
` }] },
    ],
    typed: 'same',
  },
  {
    name: "control: a value of unknown type gets the benefit of the doubt",
    code: `export function relay(reason: unknown): Promise<never> {
  return new Promise((resolve, reject) => reject(reason));
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a Twisted `Failure` is a fine thing to fail with",
    code: `export function relay(d: Deferred<string>, failure: Failure): void {
  d.errback(failure);
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: `d.errback(…)` with a string on a deferred parameter is found without types too",
    code: `export function timeout(d: Deferred<string>): void {
  d.errback('timed out');
}
`,
    untyped: [
      { messageId: 'notAnError', data: { name: "d.errback", what: "a string" }, line: 2, column: 13, endLine: 2, endColumn: 24, suggestions: [{ messageId: 'wrapInError', output: `export function timeout(d: Deferred<string>): void {
  d.errback(new Error('timed out'));
}
` }] },
    ],
    typed: 'same',
  },
];
