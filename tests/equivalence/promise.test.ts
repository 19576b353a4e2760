import { describe, expect, it } from 'vitest';
import { checkCase } from './check-case.js';
import { lint, plainRuntime, promiseRuntime, run } from './harness.js';
import { PLAIN_CASES, PROMISE_CASES } from './promise-cases.js';

describe('promise suggestions keep behaviour (native promises)', () => {
  for (const c of PROMISE_CASES) describe(c.name, () => checkCase(c, promiseRuntime));
});

describe('try/catch and error-first callback suggestions keep behaviour', () => {
  for (const c of PLAIN_CASES) describe(c.name, () => checkCase(c, plainRuntime));
});

describe('why some reports carry no suggestion: the obvious rewrite changes behaviour', () => {
  it('identical expression handlers: `finally` would let the rejection through and keep the value', async () => {
    const original = `settle(source.then(() => spinner.hide(), () => spinner.hide()));\n`;
    const naive = `settle(source.finally(() => spinner.hide()));\n`;
    const messages = lint(original);
    expect(messages.map((m) => [m.messageId, m.suggestions?.length ?? 0])).toEqual([['identicalHandlers', 0]]);
    expect(await run(original, promiseRuntime, { outcome: 'error' })).toEqual([
      'spinner.hide()',
      'settled: fulfilled undefined',
    ]);
    expect(await run(naive, promiseRuntime, { outcome: 'error' })).toEqual([
      'spinner.hide()',
      'settled: rejected Error(poem download failed)',
    ]);
  });

  it('shared code at the start: a link after the handlers runs it after them, one before them routes its errors to the error handler', async () => {
    const original = `settle(source.then((poem) => {
  spinner.hide();
  show(poem);
}, (err) => {
  spinner.hide();
  report(err);
}));
`;
    const after = `settle(source.then((poem) => {
  show(poem);
}, (err) => {
  report(err);
}).finally(() => spinner.hide()));
`;
    const before = `settle(source.finally(() => spinner.hide()).then((poem) => {
  show(poem);
}, (err) => {
  report(err);
}));
`;
    expect(lint(original).map((m) => [m.messageId, m.suggestions?.length ?? 0])).toEqual([['sharedStart', 0]]);
    expect(await run(original, promiseRuntime, { outcome: 'value' })).toEqual([
      'spinner.hide()',
      'show("Another short poem.")',
      'settled: fulfilled undefined',
    ]);
    expect(await run(after, promiseRuntime, { outcome: 'value' })).toEqual([
      'show("Another short poem.")',
      'spinner.hide()',
      'settled: fulfilled undefined',
    ]);
    const failing = { outcome: 'value', throwing: ['spinner.hide'] } as const;
    expect(await run(original, promiseRuntime, failing)).toEqual([
      'spinner.hide()',
      'settled: rejected Error(spinner.hide failed)',
    ]);
    expect(await run(before, promiseRuntime, failing)).toEqual([
      'spinner.hide()',
      'report(Error(spinner.hide failed))',
      'settled: fulfilled undefined',
    ]);
  });

  it('the harness sees a wrong rewrite: cleanup moved before the handlers changes the order', async () => {
    const original = PROMISE_CASES[0]!.code;
    const wrong = `settle(source.finally(() => stop()).then(function (poem) {
  show(poem);
}, function (err) {
  report(err);
}));
`;
    expect(await run(wrong, promiseRuntime, { outcome: 'value' })).not.toEqual(
      await run(original, promiseRuntime, { outcome: 'value' }),
    );
  });
});
