import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Node } from '../../src/analysis/syntax.js';
import { classifyInvocation, classifyInvocationUncached } from '../../src/analysis/invocations.js';
import { StyleTable, getStyleTable } from '../../src/analysis/styles.js';
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

  it('caches per call and index, but asks isSameValue every time (the cached path agrees with the uncached one)', () => {
    const a = analyse(`function f() {} run(f, f); fs.readFile(name, f); setTimeout(f, 1); xs.forEach(f); this.step(f); new Promise(f); e.on('data', f);`);
    const table = getStyleTable(undefined);
    const same = (arg: Node): boolean => arg.type === 'Identifier' && arg.name === 'f';
    for (const call of a.analysis.collector.calls) {
      for (let index = 0; index < call.arguments.length; index++) {
        for (const isSame of [() => false, same, () => false]) {
          expect(classifyInvocation(call, index, table, isSame)).toEqual(classifyInvocationUncached(call, index, table, isSame));
        }
      }
    }
    // The node-style check is not cached: the same call and index answer differently per caller.
    const run = a.analysis.collector.calls.find((c) => c.type === 'CallExpression' && c.callee.type === 'Identifier' && c.callee.name === 'run')!;
    expect(classifyInvocation(run, 1, table, () => false).kind).toBe('delegate');
    expect(classifyInvocation(run, 1, table, same).kind).toBe('unknown');
    expect(classifyInvocation(run, 1, table, () => false).kind).toBe('delegate');
  });

  it('does not reuse a classification made with another style table', () => {
    const a = analyse('function f() {} d.addErrback(f);');
    const call = a.analysis.collector.calls.find((c) => c.type === 'CallExpression')!;
    expect(classifyInvocation(call, 0, getStyleTable(undefined), () => false).kind).toBe('link');
    // A table without styles knows no link methods: `addErrback` is then a node-style API.
    const other = new StyleTable([]);
    expect(classifyInvocation(call, 0, other, () => false).kind).toBe('delegate');
    expect(classifyInvocation(call, 0, getStyleTable(undefined), () => false).kind).toBe('link');
  });
});
