import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { classifyInvocation, runsMany } from '../../src/analysis/invocations.js';
import { getStyleTable } from '../../src/analysis/styles.js';
import { analyse } from './helpers.js';

/** Classifies the argument `f` of the first call in `code`. */
function classify(code: string): string {
  const a = analyse(`function f() {} ${code};`);
  const call = a.analysis.collector.calls.find((c) => c.arguments.some((x) => x.type === 'Identifier' && x.name === 'f'));
  if (!call) throw new Error('no call');
  const index = call.arguments.findIndex((x) => x.type === 'Identifier' && x.name === 'f');
  const inv = classifyInvocation(call as TSESTree.CallExpression, index, getStyleTable(undefined), () => false);
  switch (inv.kind) {
    case 'many':
      return `many:${inv.reason.kind}`;
    case 'maybe':
      return `maybe:${inv.event ?? ''}`;
    case 'once':
      return `once:${inv.timing}`;
    default:
      return inv.kind;
  }
}

describe('invocation classifier', () => {
  it.each([
    ['setTimeout(f, 10)', 'once:async'],
    ['setImmediate(f)', 'once:async'],
    ['process.nextTick(f, err)', 'once:async'],
    ['queueMicrotask(f)', 'once:async'],
    ['window.setTimeout(f)', 'once:async'],
    ['new Promise(f)', 'once:sync'],
    ['setInterval(f, 1000)', 'many:interval'],
    ['xs.forEach(f)', 'many:iteration'],
    ['xs.map(f)', 'many:iteration'],
    ['_.each(xs, f)', 'many:iteration'],
    ['emitter.on("data", f)', 'many:event'],
    ['el.addEventListener("click", f)', 'many:event'],
    ['emitter.on("error", f)', 'maybe:error'],
    ['emitter.once("end", f)', 'maybe:end'],
    ['emitter.once("CHANNEL_OPEN", f)', 'unknown'],
    ['emitter.on("custom", f)', 'unknown'],
    ['p.then(f)', 'link'],
    ['d.addErrback(f)', 'link'],
    ['d.always(f)', 'link'],
    ['fs.readFile(name, f)', 'delegate'],
    ['server.close(f)', 'delegate'],
    ['new Request(options, f)', 'delegate'],
    ['async.each(xs, f, done)', 'unknown'],
    ['async.each(xs, iterate, f)', 'delegate'],
    ['once(f)', 'guard'],
    ['isFunction(f)', 'inspect'],
    ['_.isFunction(f)', 'inspect'],
    ['running.has(f)', 'inspect'],
    ['console.log(f)', 'inspect'],
    ['list.push(f)', 'unknown'],
    ['emitter.emit("x", f)', 'unknown'],
    ['foo(f, 1)', 'unknown'],
  ])('%s → %s', (code, expected) => {
    expect(classify(code)).toBe(expected);
  });

  it('is not a node-style API when the function is passed twice', () => {
    const a = analyse('function f() {} run(f, f);');
    const call = a.analysis.collector.calls.find((c) => c.type === 'CallExpression')!;
    const inv = classifyInvocation(call, 1, getStyleTable(undefined), (arg) => arg.type === 'Identifier' && arg.name === 'f');
    expect(inv.kind).toBe('unknown');
  });
});

describe('runsMany (the prefilters\' shortcut for `many` / `link`)', () => {
  // Every argument of every call of the snippets: the shortcut answers what the full classification says.
  const snippets = [
    'setTimeout(f, 10); const t = setTimeout(f); setInterval(f, 1000); const id = setInterval(f, 5); window.setInterval(f); timers.setInterval(f); obj.setInterval(f)',
    'xs.forEach(f); xs.map(f, 1); _.each(xs, f); async.each(xs, f, done); async.eachSeries(xs, g, f); each(xs, f); xs.times(3, f)',
    'emitter.on("data", f); emitter.on("error", f); emitter.on("custom", f); emitter.once("data", f); el.addEventListener("click", f); $(x).bind("click", f); e.bind(f)',
    'p.then(f); p.then(f, g); p.catch(f); d.addErrback(f); d.always(f); d.done(f).fail(g); p.finally(f); then(f)',
    'fs.readFile(name, f); once(f); isFunction(f); list.push(f); new Promise(f); new Foo(f); foo(f, 1); this.on("data", f); (0, xs.map)(f); xs["map"](f)',
  ];
  const table = getStyleTable(undefined);
  for (const code of snippets) {
    it(code, () => {
      const a = analyse(`function f() {} function g() {} ${code};`);
      let asked = 0;
      for (const call of a.analysis.collector.calls) {
        for (let i = 0; i < Math.max(call.arguments.length, 1); i++) {
          const kind = classifyInvocation(call, i, table, () => false).kind;
          expect(runsMany(call, i, table, true)).toBe(kind === 'many' || kind === 'link');
          expect(runsMany(call, i, table, false)).toBe(kind === 'many');
          asked++;
        }
      }
      expect(asked).toBeGreaterThan(3);
    });
  }

  it('pins the kinds it must not take the short way for', () => {
    const a = analyse('function f() {} xs.forEach(f); p.then(f); emitter.on("data", f); setInterval(f); fs.readFile(n, f);');
    const answers = a.analysis.collector.calls.map((call) => {
      const i = call.arguments.findIndex((x) => x.type === 'Identifier' && x.name === 'f');
      return [runsMany(call, i, table, true), runsMany(call, i, table, false)];
    });
    expect(answers).toEqual([
      [true, true],
      [true, false],
      [true, true],
      [true, true],
      [false, false],
    ]);
  });
});
