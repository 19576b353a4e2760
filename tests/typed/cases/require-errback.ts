/** require-errback, with and without type information: see ../both-ways.ts. Review changes by hand. */
import type { MessageIds, Options } from '../../../src/rules/require-errback.js';
import type { CaseTable } from '../both-ways.js';

export const cases: CaseTable<MessageIds, Options> = [
  {
    name: "a call returning a Twisted deferred, used as a statement",
    code: `declare function getPoem(): Deferred<string>;

export function main(): void {
  getPoem();
}
`,
    untyped: [],
    typed: [
      { messageId: 'floatingChain', data: { head: "getPoem()", what: "a deferred", errorLinks: "`addErrback` or `addCallbacks(…, onError)`" }, line: 4, column: 3, endLine: 4, endColumn: 12, suggestions: [] },
    ],
  },
  {
    name: "a call returning a deferred, used as a statement where an errback is at hand",
    code: `declare function getPoem(): Deferred<string>;

export function main(callback: (poem: string) => void, errback: (err: Error) => void): void {
  getPoem();
  callback('');
}
`,
    untyped: [],
    typed: [
      { messageId: 'floatingChain', data: { head: "getPoem()", what: "a deferred", errorLinks: "`addErrback` or `addCallbacks(…, onError)`" }, line: 4, column: 3, endLine: 4, endColumn: 12, suggestions: [{ messageId: 'forwardError', data: { link: "addErrback", handler: "(err) => errback(err)", target: "errback" }, output: `declare function getPoem(): Deferred<string>;

export function main(callback: (poem: string) => void, errback: (err: Error) => void): void {
  getPoem().addErrback((err) => errback(err));
  callback('');
}
` }] },
    ],
  },
  {
    name: "a call returning a jQuery promise, used as a statement",
    code: `$.ajax('/poems');
`,
    untyped: [],
    typed: [
      { messageId: 'floatingChain', data: { head: "$.ajax('/poems')", what: "a deferred", errorLinks: "`fail` or `otherwise` or `then(…, onError)`" }, line: 1, column: 1, endLine: 1, endColumn: 17, suggestions: [] },
    ],
  },
  {
    name: "with `floatingPromises`: a call returning a promise, used as a statement",
    code: `declare function fetchThing(): Promise<string>;

fetchThing();
`,
    options: [{floatingPromises: true}],
    untyped: [],
    typed: [
      { messageId: 'floatingChain', data: { head: "fetchThing()", what: "a promise", errorLinks: "`catch` or `then(…, onError)`" }, line: 3, column: 1, endLine: 3, endColumn: 13, suggestions: [] },
    ],
  },
  {
    name: "control: a call returning a promise, without `floatingPromises` (typescript-eslint's `no-floating-promises` reports it)",
    code: `declare function fetchThing(): Promise<string>;

fetchThing();
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "one `done` link on a call typed as a jQuery promise",
    code: `declare function loadUser(id: string): JQuery.Promise<string>;
declare function show(v: unknown): void;

loadUser('ada').done((user) => show(user));
`,
    untyped: [],
    typed: [
      { messageId: 'chainWithoutErrback', data: { head: "loadUser('ada')", errorLinks: "`fail` or `otherwise` or `then(…, onError)`" }, line: 4, column: 17, endLine: 4, endColumn: 43, suggestions: [] },
    ],
  },
  {
    name: "a variable typed as a jQuery promise, given only `done`",
    code: `declare function loadUser(id: string): JQuery.Promise<string>;
declare function show(v: unknown): void;

export function greet(): void {
  const request = loadUser('ada');
  request.done(show);
}
`,
    untyped: [],
    typed: [
      { messageId: 'holderWithoutErrback', data: { name: "request", line: "5" }, line: 6, column: 11, endLine: 6, endColumn: 21, suggestions: [] },
    ],
  },
  {
    name: "a pair API known from its type, called without its errback",
    code: `declare function show(v: unknown): void;

getPoetry('localhost', 10000, (poem) => show(poem));
`,
    untyped: [],
    typed: [
      { messageId: 'missingTypedErrback', data: { name: "getPoetry", errback: "errback" }, line: 3, column: 1, endLine: 3, endColumn: 52, suggestions: [] },
    ],
  },
  {
    name: "a DOM pair API called without its errback",
    code: `declare function show(v: unknown): void;

export function locate(onError: (e: unknown) => void): void {
  navigator.geolocation.getCurrentPosition((p) => show(p));
}
`,
    untyped: [],
    typed: [
      { messageId: 'missingTypedErrback', data: { name: "navigator.geolocation.getCurrentPosition", errback: "errorCallback" }, line: 4, column: 3, endLine: 4, endColumn: 59, suggestions: [] },
    ],
  },
  {
    name: "a DOM pair API called without its errback, where one is at hand",
    code: `export function locate(success: PositionCallback, error: PositionErrorCallback): void {
  navigator.geolocation.getCurrentPosition(success);
}
`,
    untyped: [],
    typed: [
      { messageId: 'missingTypedErrback', data: { name: "navigator.geolocation.getCurrentPosition", errback: "errorCallback" }, line: 2, column: 3, endLine: 2, endColumn: 52, suggestions: [{ messageId: 'passErrback', data: { target: "error", errback: "errorCallback" }, output: `export function locate(success: PositionCallback, error: PositionErrorCallback): void {
  navigator.geolocation.getCurrentPosition(success, error);
}
` }] },
    ],
  },
  {
    name: "control: a pair API known from its type, called with both callbacks",
    code: `declare function show(v: unknown): void;
declare function report(v: unknown): void;

getPoetry('localhost', 10000, (poem) => show(poem), (error) => report(error));
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a pair API whose errback has a default value",
    code: `import { getPoetryLogged } from './poetry-logged.js';
declare function show(v: unknown): void;

getPoetryLogged('localhost', 10000, (poem) => show(poem));
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a DOM pair API called with both callbacks",
    code: `declare function show(v: unknown): void;
declare function fallback(): void;

navigator.geolocation.getCurrentPosition((p) => show(p), () => fallback());
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a timer is not a pair API",
    code: `declare function tick(): void;

setTimeout(() => tick(), 10);
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: deferreds returned, voided, awaited, or fired",
    code: `declare function getPoem(): Deferred<string>;

export async function main(): Promise<Deferred<string>> {
  void getPoem();
  await getPoem();
  const dfd = $.Deferred<number>();
  dfd.resolve(1);
  return getPoem();
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: an object whose `done` is not a jQuery link",
    code: `declare const job: { done(handler: () => void): void };
declare function show(v: unknown): void;

job.done(() => show(1));
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a method of a deferred that returns the deferred (`addTimeout`, `chainDeferred`)",
    code: `declare function getPoem(): Deferred<string>;

export function withTimeout(other: Deferred<string>): Deferred<string> {
  const d = getPoem();
  d.addTimeout(5);
  d.chainDeferred(other);
  return d;
}
`,
    untyped: [],
    typed: 'same',
  },
];
