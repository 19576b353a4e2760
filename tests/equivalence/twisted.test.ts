import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCase } from './check-case.js';
import { lint, run } from './harness.js';
import { TWISTED_CASES } from './twisted-cases.js';
import { silenceUnhandledErrors, twistedRuntime } from './twisted-runtime.js';

let restore: () => void;
beforeAll(() => {
  restore = silenceUnhandledErrors();
});
afterAll(() => restore());

describe('twisted suggestions keep behaviour (reference Deferred)', () => {
  for (const c of TWISTED_CASES) describe(c.name, () => checkCase(c, twistedRuntime));
});

describe('why some twisted reports carry no suggestion', () => {
  it('async handlers: addBoth does not wait for the promise a handler returns, so the moved code would run too early', async () => {
    const original = `settle(source.addCallbacks(async (poem) => {
  await save(poem);
  reactor.stop();
}, async (err) => {
  await report(err);
  reactor.stop();
}));
`;
    const naive = `settle(source.addCallbacks(async (poem) => {
  await save(poem);
}, async (err) => {
  await report(err);
}).addBoth((result) => {
  reactor.stop();
  return result;
}));
`;
    expect(lint(original).map((m) => [m.messageId, m.suggestions?.length ?? 0])).toEqual([['sharedEnd', 0]]);
    const scenario = { outcome: 'value' } as const;
    // `save` finishes a tick later, as real I/O would.
    const withSave = (code: string) =>
      `const save = (x) => Promise.resolve().then(() => trace('saved', x));\n${code}`;
    expect(await run(withSave(original), twistedRuntime, scenario)).toEqual([
      'trace("saved", "Another short poem.")',
      'reactor.stop()',
      'result: <Promise>',
    ]);
    expect(await run(withSave(naive), twistedRuntime, scenario)).toEqual([
      'reactor.stop()',
      'trace("saved", "Another short poem.")',
      'result: <Promise>',
    ]);
  });

  it('the harness sees a wrong rewrite: an addBoth link before the handlers stops the reactor too early', async () => {
    const original = TWISTED_CASES[1]!.code;
    const wrong = `settle(source.addBoth((result) => {
  reactor.stop();
  return result;
}).addCallbacks(function (poem) {
  show(poem);
}, function (err) {
  report(err);
}).addCallback((value) => notify(value)));
`;
    for (const outcome of ['value', 'error'] as const) {
      expect(await run(wrong, twistedRuntime, { outcome })).not.toEqual(await run(original, twistedRuntime, { outcome }));
    }
  });
});
