/** no-double-fire, with and without type information: see ../both-ways.ts. Review changes by hand. */
import type { MessageIds, Options } from '../../../src/rules/no-double-fire.js';
import type { CaseTable } from '../both-ways.js';

export const cases: CaseTable<MessageIds, Options> = [
  {
    name: "a parameter typed `Deferred<T>`, called back twice",
    code: `export function reply(d: Deferred<string>, lines: readonly string[]): void {
  if (lines.length === 0) d.callback('');
  d.callback(lines.join('\\n'));
}
`,
    untyped: [],
    typed: [
      { messageId: 'potential', data: { name: "d.callback", line: "2", consequence: "a second call raises AlreadyCalledError" }, line: 3, column: 3, endLine: 3, endColumn: 31, suggestions: [{ messageId: 'suggestReturn', data: { line: "2", earlier: "d.callback" }, output: `export function reply(d: Deferred<string>, lines: readonly string[]): void {
  if (lines.length === 0) return d.callback('');
  d.callback(lines.join('\\n'));
}
` }] },
    ],
  },
  {
    name: "a deferred taken from a typed collection, called back twice",
    code: `const pending = new Map<number, Deferred<string>>();

export function onReply(id: number, line: string): void {
  const d = pending.get(id);
  if (!d) return;
  if (line === '') d.callback('(empty)');
  d.callback(line);
}
`,
    untyped: [],
    typed: [
      { messageId: 'potential', data: { name: "d.callback", line: "6", consequence: "a second call raises AlreadyCalledError" }, line: 7, column: 3, endLine: 7, endColumn: 19, suggestions: [{ messageId: 'suggestReturn', data: { line: "6", earlier: "d.callback" }, output: `const pending = new Map<number, Deferred<string>>();

export function onReply(id: number, line: string): void {
  const d = pending.get(id);
  if (!d) return;
  if (line === '') return d.callback('(empty)');
  d.callback(line);
}
` }] },
    ],
  },
  {
    name: "a parameter typed as a jQuery deferred, resolved twice",
    code: `export function settle(dfd: JQuery.Deferred<number>, n: number): void {
  if (n > 0) dfd.resolve(n);
  dfd.resolve(0);
}
`,
    untyped: [],
    typed: [
      { messageId: 'potential', data: { name: "dfd.resolve", line: "2", consequence: "a Deferred settles only once, so any later call is silently ignored" }, line: 3, column: 3, endLine: 3, endColumn: 17, suggestions: [{ messageId: 'suggestReturn', data: { line: "2", earlier: "dfd.resolve" }, output: `export function settle(dfd: JQuery.Deferred<number>, n: number): void {
  if (n > 0) return dfd.resolve(n);
  dfd.resolve(0);
}
` }] },
    ],
  },
  {
    name: "control: a deferred parameter fired on both sides is found without types too",
    code: `export function refresh(d: Deferred<string>, text: string | undefined): void {
  if (text === undefined) {
    d.errback(new Error('nothing to show'));
  }
  d.callback(text ?? '');
}
`,
    untyped: [
      { messageId: 'bothSides', data: { side: "success", name: "d.callback", earlierSide: "error", earlier: "d.errback", line: "3", consequence: "a second call raises AlreadyCalledError" }, line: 5, column: 3, endLine: 5, endColumn: 25, suggestions: [{ messageId: 'suggestReturn', data: { line: "3", earlier: "d.errback" }, output: `export function refresh(d: Deferred<string>, text: string | undefined): void {
  if (text === undefined) {
    return d.errback(new Error('nothing to show'));
  }
  d.callback(text ?? '');
}
` }] },
    ],
    typed: 'same',
  },
  {
    name: "control: a deferred of unknown origin fired on both sides is found without types too",
    code: `const pending = new Map<number, Deferred<string>>();

export function onReply(id: number, line: string): void {
  const d = pending.get(id);
  if (!d) return;
  if (line.startsWith('ERR')) d.errback(new Error(line));
  d.callback(line);
}
`,
    untyped: [
      { messageId: 'bothSides', data: { side: "success", name: "d.callback", earlierSide: "error", earlier: "d.errback", line: "6", consequence: "a second call raises AlreadyCalledError" }, line: 7, column: 3, endLine: 7, endColumn: 19, suggestions: [{ messageId: 'suggestReturn', data: { line: "6", earlier: "d.errback" }, output: `const pending = new Map<number, Deferred<string>>();

export function onReply(id: number, line: string): void {
  const d = pending.get(id);
  if (!d) return;
  if (line.startsWith('ERR')) return d.errback(new Error(line));
  d.callback(line);
}
` }] },
    ],
    typed: 'same',
  },
  {
    name: "an error-first callback of any name (`deliver`), typed `(err: Error | null, …) => void`, called twice",
    code: `declare function request(url: string, cb: (failure: Error | null, body: string) => void): void;

export function fetchPoem(url: string, deliver: (err: Error | null, poem?: string) => void): void {
  request(url, (failure, body) => {
    if (failure) deliver(failure);
    deliver(null, body);
  });
}
`,
    untyped: [],
    typed: [
      { messageId: 'potential', data: { name: "deliver", line: "5", consequence: "the caller's callback code would run again" }, line: 6, column: 5, endLine: 6, endColumn: 24, suggestions: [{ messageId: 'suggestReturn', data: { line: "5", earlier: "deliver" }, output: `declare function request(url: string, cb: (failure: Error | null, body: string) => void): void;

export function fetchPoem(url: string, deliver: (err: Error | null, poem?: string) => void): void {
  request(url, (failure, body) => {
    if (failure) return deliver(failure);
    deliver(null, body);
  });
}
` }] },
    ],
  },
  {
    name: "an error-first callback typed through an alias, not in last position, fired in a loop",
    code: `type Reply = (err: Error | null, line?: string) => void;

export function readLines(reply: Reply, lines: readonly string[]): void {
  for (const line of lines) reply(null, line);
}
`,
    untyped: [],
    typed: [
      { messageId: 'repeated', data: { name: "reply", where: "inside a loop, so it can run more than once", consequence: "the caller's callback code would run again" }, line: 4, column: 29, endLine: 4, endColumn: 46, suggestions: [] },
    ],
  },
  {
    name: "control: a callback named like one is found without types too",
    code: `export function read(done: (err?: Error | null) => void): void {
  done();
  done();
}
`,
    untyped: [
      { messageId: 'certain', data: { name: "done", line: "2", consequence: "the caller's callback code would run again" }, line: 3, column: 3, endLine: 3, endColumn: 9, suggestions: [] },
    ],
    typed: 'same',
  },
  {
    name: "control: a deferred parameter fired once on every path",
    code: `export function finish(d: Deferred<string>, value?: string): void {
  if (value === undefined) {
    d.errback(new Error('no value'));
    return;
  }
  d.callback(value);
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a promise parameter is not a completion",
    code: `declare function show(v: unknown): void;

export function twice(p: Promise<string>): void {
  p.then(show, show);
  p.then(show, show);
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a parameter typed as a value callback stays an iteratee",
    code: `export function each(items: readonly string[], visit: (item: string) => void): void {
  for (const item of items) visit(item);
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: an object with `resolve` but no deferred links is not a deferred",
    code: `interface Resolvers { resolve(v: string): void; reject(e: Error): void }

export function answer(r: Resolvers, v: string): void {
  r.resolve(v);
  r.resolve(v);
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a deferred declared in a loop is another one on each turn",
    code: `export function settleAll(pending: readonly Deferred<string>[], value: string): void {
  for (const d of pending) d.callback(value);
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: a jQuery deferred parameter resolved in a `done` link and rejected in a `fail` link",
    code: `declare function request(url: string): JQuery.Promise<string>;

export function load(dfd: JQuery.Deferred<string>, url: string): void {
  request(url)
    .done((body) => dfd.resolve(body))
    .fail((reason) => dfd.reject(reason));
}
`,
    untyped: [],
    typed: 'same',
  },
  {
    name: "control: an error-first handler called per event (`onRow`) is not a once-callback",
    code: `declare const rows: { on(event: 'row', f: (row: string) => void): void; on(event: 'error', f: (err: Error) => void): void };

export function query(onRow: (err: Error | null, row?: string) => void): void {
  rows.on('row', (row) => onRow(null, row));
  rows.on('error', onRow);
}
`,
    untyped: [],
    typed: 'same',
  },
];
