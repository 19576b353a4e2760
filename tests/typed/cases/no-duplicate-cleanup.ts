/** no-duplicate-cleanup, with and without type information: see ../both-ways.ts. Review changes by hand. */
import type { MessageIds, Options } from '../../../src/rules/no-duplicate-cleanup.js';
import type { CaseTable } from '../both-ways.js';

export const cases: CaseTable<MessageIds, Options> = [
  {
    name: "a pair API known from its type, both handlers ending with the same call",
    code: `declare function show(v: unknown): void;
declare function report(v: unknown): void;
declare function stop(): void;

getPoetry(
  'localhost',
  10000,
  (poem) => {
    show(poem);
    stop();
  },
  (error) => {
    report(error);
    stop();
  },
);
`,
    untyped: [],
    typed: [
      { messageId: 'pairCallCleanup', data: { code: "stop()", success: "the success handler", successLine: "10", error: "the error handler", errorLine: "14", api: "getPoetry", links: "`addBoth` or `finally`" }, line: 10, column: 5, endLine: 10, endColumn: 12, suggestions: [] },
    ],
  },
  {
    name: "control: a pair API declared in the file is found without types too",
    code: `declare function show(v: unknown): void;
declare function report(v: unknown): void;
declare function stop(): void;

function fetchPoem(host: string, callback: (poem: string) => void, errback: (err: Error) => void): void {
  if (!host) errback(new Error('no host'));
  else callback('A poem.');
}

fetchPoem(
  'localhost',
  (poem) => {
    show(poem);
    stop();
  },
  (error) => {
    report(error);
    stop();
  },
);
`,
    untyped: [
      { messageId: 'pairCallCleanup', data: { code: "stop()", success: "the success handler", successLine: "14", error: "the error handler", errorLine: "18", api: "fetchPoem", links: "`addBoth` or `finally`" }, line: 14, column: 5, endLine: 14, endColumn: 12, suggestions: [] },
    ],
    typed: 'same',
  },
  {
    name: "control: a jQuery chain with two links is a chain without types too",
    code: `declare function loadUser(id: string): JQuery.Promise<string>;
declare function show(v: unknown): void;
declare function report(v: unknown): void;
declare function hideSpinner(): void;

loadUser('ada')
  .done((user) => {
    show(user);
    hideSpinner();
  })
  .fail((err) => {
    report(err);
    hideSpinner();
  });
`,
    untyped: [
      { messageId: 'sharedEnd', data: { code: "hideSpinner()", success: "the success handler", successLine: "9", error: "the error handler", errorLine: "13", link: "always", errorLink: "fail" }, line: 9, column: 5, endLine: 9, endColumn: 19, suggestions: [{ messageId: 'moveToLink', data: { code: "hideSpinner()", link: "always" }, output: `declare function loadUser(id: string): JQuery.Promise<string>;
declare function show(v: unknown): void;
declare function report(v: unknown): void;
declare function hideSpinner(): void;

loadUser('ada')
  .done((user) => {
    show(user);
  })
  .fail((err) => {
    report(err);
  }).always(() => {
    hideSpinner();
  });
` }] },
    ],
    typed: 'same',
  },
];
