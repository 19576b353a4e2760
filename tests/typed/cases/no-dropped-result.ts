/** no-dropped-result, with and without type information: see ../both-ways.ts. Review changes by hand. */
import type { MessageIds, Options } from '../../../src/rules/no-dropped-result.js';
import type { CaseTable } from '../both-ways.js';

export const cases: CaseTable<MessageIds, Options> = [
  {
    name: "a handler known only by its type, returning `void`, before a link that reads the result",
    code: `declare function getPoem(): Deferred<string>;
declare function show(v: unknown): void;
declare function logPoem(poem: string): void;

export function main(): Deferred<void> {
  return getPoem()
    .addCallback(logPoem)
    .addCallback((poem) => show(poem.length));
}
`,
    untyped: [],
    typed: [
      { messageId: 'resultDropped', data: { producer: "`logPoem`", when: "", reader: "the next link's handler", line: "8", param: "poem" }, line: 7, column: 18, endLine: 7, endColumn: 25, suggestions: [] },
    ],
  },
  {
    name: "an errback known only by its type, returning `void`: the chain recovers with `undefined`",
    code: `declare function getPoem(): Deferred<string>;
declare function show(v: unknown): void;
declare const log: { failure(failure: Failure): void };

export function main(): Deferred<void> {
  return getPoem()
    .addErrback(log.failure)
    .addCallback((poem) => show(poem));
}
`,
    untyped: [],
    typed: [
      { messageId: 'errbackRecovers', data: { producer: "`log.failure`", when: "", reader: "the next link's handler", line: "8", param: "poem" }, line: 7, column: 17, endLine: 7, endColumn: 28, suggestions: [] },
    ],
  },
  {
    name: "control: a handler known only by its type, returning a value",
    code: `declare function getPoem(): Deferred<string>;
declare function show(v: unknown): void;
declare function countLines(poem: string): number;

export function main(): Deferred<void> {
  return getPoem()
    .addCallback(countLines)
    .addCallback((lines) => show(lines));
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a Twisted chain whose first handler returns nothing (a chain without types too)",
    code: `declare function getPoem(): Deferred<string>;
declare function show(v: unknown): void;

export function main(): Deferred<void> {
  return getPoem()
    .addCallback((poem) => {
      show(poem);
    })
    .addCallback((poem) => show(poem));
}
`,
    untyped: [
      { messageId: 'resultDropped', data: { producer: "This handler", when: "", reader: "the next link's handler", line: "9", param: "poem" }, line: 6, column: 18, endLine: 6, endColumn: 28, suggestions: [{ messageId: 'returnValue', data: { value: "poem" }, output: `declare function getPoem(): Deferred<string>;
declare function show(v: unknown): void;

export function main(): Deferred<void> {
  return getPoem()
    .addCallback((poem) => {
      show(poem);
      return poem;
    })
    .addCallback((poem) => show(poem));
}
` }] },
    ],
    typed: 'same',
  },
  {
    name: "control: one `done` link on a typed jQuery promise has no next reader",
    code: `declare function loadUser(id: string): JQuery.Promise<string>;
declare function show(v: unknown): void;

export function greet(): JQuery.Promise<string> {
  return loadUser('ada').done((user) => {
    show(user);
  });
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: links on a parameter typed `Deferred<T>`",
    code: `declare function show(v: unknown): void;

export function render(d: Deferred<string>): void {
  d.addCallback((poem) => {
    show(poem);
  });
  d.addCallback((poem) => show(poem.length));
  d.addErrback(show);
}
`,
    untyped: [
      { messageId: 'resultDropped', data: { producer: "This handler", when: "", reader: "the next link's handler", line: "7", param: "poem" }, line: 4, column: 17, endLine: 4, endColumn: 27, suggestions: [{ messageId: 'returnValue', data: { value: "poem" }, output: `declare function show(v: unknown): void;

export function render(d: Deferred<string>): void {
  d.addCallback((poem) => {
    show(poem);
    return poem;
  });
  d.addCallback((poem) => show(poem.length));
  d.addErrback(show);
}
` }] },
    ],
    typed: 'same',
  },
];
