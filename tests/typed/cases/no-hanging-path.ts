/** no-hanging-path, with and without type information: see ../both-ways.ts. Review changes by hand. */
import type { MessageIds, Options } from '../../../src/rules/no-hanging-path.js';
import type { CaseTable } from '../both-ways.js';

export const cases: CaseTable<MessageIds, Options> = [
  {
    name: "an error-first callback of any name (`deliver`), left unfired by an early return",
    code: `declare function readFile(path: string, cb: (failure: Error | null, text: string) => void): void;

export function loadPoem(path: string, deliver: (err: Error | null, poem?: string) => void): void {
  if (!path) return;
  readFile(path, (failure, text) => {
    if (failure) return deliver(failure);
    deliver(null, text);
  });
}
`,
    untyped: [],
    typed: [
      { messageId: 'hangingPath', data: { name: "`deliver`", consequence: "the caller's callback never runs, so the caller waits forever", param: "error" }, line: 4, column: 14, endLine: 4, endColumn: 21, suggestions: [] },
    ],
  },
  {
    name: "control: a callback named like one is found without types too",
    code: `declare function readFile(path: string, cb: (failure: Error | null, text: string) => void): void;

export function loadPoem(path: string, callback: (err: Error | null, poem?: string) => void): void {
  if (!path) return;
  readFile(path, (failure, text) => {
    if (failure) return callback(failure);
    callback(null, text);
  });
}
`,
    untyped: [
      { messageId: 'hangingPath', data: { name: "`callback`", consequence: "the caller's callback never runs, so the caller waits forever", param: "error" }, line: 4, column: 14, endLine: 4, endColumn: 21, suggestions: [] },
    ],
    typed: 'same',
  },
  {
    name: "control: a deferred parameter fired on some paths only (whoever passed it may fire it)",
    code: `export function maybeFinish(d: Deferred<string>, cached?: string): Deferred<string> {
  if (cached) d.callback(cached);
  return d;
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a deferred made here and returned unfired on one path",
    code: `export function getPoem(cached?: string): Deferred<string> {
  const d = new Deferred<string>();
  if (cached) {
    d.callback(cached);
    return d;
  }
  return d;
}
`,
    untyped: [
      { messageId: 'hangingPath', data: { name: "`d`", consequence: "the Deferred never fires, so its callbacks never run", param: "error" }, line: 7, column: 3, endLine: 7, endColumn: 12, suggestions: [] },
    ],
    typed: 'same',
  },
];
