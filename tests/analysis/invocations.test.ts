import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { classifyInvocation } from '../../src/analysis/invocations.js';
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
