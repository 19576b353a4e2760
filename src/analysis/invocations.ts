/**
 * How often a function passed to a call runs — the classification the path engine applies to inner
 * functions that fire a completion and to completions passed by reference.
 *
 * - `once`: runs exactly once (`setTimeout(f)`, `process.nextTick(f)`, `queueMicrotask(f)`, the
 *   executor of `new Promise(f)`; `sync` when it runs before the call returns);
 * - `delegate`: the last argument of a call whose other arguments do not mention it again — a
 *   node-style async API (`fs.readFile(path, f)`), which calls it once, later;
 * - `maybe`: at most once (`.once('x', f)`, `.on('error', f)` and other events that fire once, a
 *   timer whose handle is kept for `clearTimeout`);
 * - `many`: any number of times (`forEach`/`map`/…, `setInterval`, `.on('data', f)`);
 * - `link`: a promise/deferred link method of the style table — the chain model decides;
 * - `guard`: a once-wrapper (`once(f)`): calling the wrapper twice is safe, so the analysis stops;
 * - `inspect`: a predicate, lookup, assertion or log (`isFunction(cb)`, `set.has(cb)`) — no effect;
 * - `unknown`: anything else — a hand-off the engine does not follow.
 *
 * No type information is used, even when the file has it: a parameter's type says what the callee
 * passes its callback (`(err: Error | null, row?: Row) => void`), not how many times it calls it —
 * a per-row `each` and a once-only `get` have the same callback type. `classifyInvocation` is
 * the only place that decides how a callee treats its function arguments.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { StyleTable } from './styles.js';
import { calleeDottedName, calleeLastName, unwrapExpression, type Node } from './syntax.js';

export type Invocation =
  | { readonly kind: 'once'; readonly timing: 'sync' | 'async'; readonly callee: string }
  | { readonly kind: 'delegate'; readonly callee: string }
  | { readonly kind: 'maybe'; readonly callee: string; readonly event: string | undefined; readonly cancellable?: boolean }
  | { readonly kind: 'many'; readonly callee: string; readonly reason: RepeatReason }
  | { readonly kind: 'link' }
  | { readonly kind: 'guard'; readonly callee: string }
  | { readonly kind: 'inspect' }
  | { readonly kind: 'unknown' };

/** Why a function runs many times, for messages. */
export type RepeatReason =
  | { readonly kind: 'loop' }
  | { readonly kind: 'iteration'; readonly method: string }
  | { readonly kind: 'event'; readonly event: string }
  | { readonly kind: 'interval' };

const SCHEDULERS = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame', 'requestIdleCallback']);
const GLOBAL_OBJECTS = new Set(['window', 'global', 'globalThis', 'self', 'timers']);
const INTERVALS = new Set(['setInterval']);
const GUARDS = new Set(['once', 'onetime', 'oneTime', 'onlyOnce', 'callOnce', 'runOnce']);
const ITERATION = new Set([
  'forEach',
  'map',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'each',
  'eachSeries',
  'forEachOf',
  'mapSeries',
  'times',
]);
const LISTEN = new Set(['on', 'addListener', 'prependListener', 'addEventListener', 'bind']);
const LISTEN_ONCE = new Set(['once', 'prependOnceListener', 'one']);
/** Events a well-behaved emitter emits at most once. */
export const ONCE_EVENTS = new Set([
  'error',
  'end',
  'finish',
  'close',
  'exit',
  'open',
  'ready',
  'connect',
  'response',
  'timeout',
  'abort',
  'aborted',
  'load',
  'loadend',
  'done',
  'complete',
  'success',
  'fail',
  'failure',
  'listening',
  'upgrade',
  'secureConnect',
  'lookup',
  'socket',
  'prefinish',
  'spawn',
  'unpipe',
]);
/** Events emitted over and over. */
export const MANY_EVENTS = new Set([
  'data',
  'message',
  'line',
  'readable',
  'request',
  'connection',
  'progress',
  'chunk',
  'row',
  'result',
  'entry',
  'file',
  'field',
  'part',
  'change',
  'drain',
  'headers',
  'stream',
  'warning',
  'resize',
  'input',
  'keydown',
  'keyup',
  'keypress',
  'click',
  'mousemove',
  'tick',
  'packet',
  'frame',
  'record',
  'item',
  'match',
  'fields',
]);
/** Methods that store their arguments rather than call them. */
const STORES = new Set(['push', 'unshift', 'set', 'add', 'concat', 'splice', 'emit', 'removeListener', 'off', 'removeEventListener']);

function literalString(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The event name of `x.on('name', f)`, if it is a literal. */
export function eventName(call: TSESTree.CallExpression): string | undefined {
  return literalString(call.arguments[0]);
}

/**
 * How `call` treats its argument number `index`. `isSameValue(arg)` says whether another argument
 * is the same completion or function (then the call is not a plain node-style API).
 */
export function classifyInvocation(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  table: StyleTable,
  isSameValue: (arg: Node) => boolean,
): Invocation {
  const callee = unwrapExpression(call.callee);
  const dotted = calleeDottedName(callee);
  const last = calleeLastName(callee);
  const name = dotted ?? last ?? 'the callee';

  if (call.type === 'NewExpression') {
    if (index === 0 && dotted !== undefined && table.stylesFor('executors', dotted).length > 0) {
      return { kind: 'once', timing: 'sync', callee: `new ${dotted}` };
    }
    return nodeStyle(call, index, name, isSameValue);
  }

  if (last !== undefined) {
    const isMember = callee.type === 'MemberExpression';
    const objectName = isMember ? calleeDottedName(callee.object) : undefined;
    const plainOrGlobal = !isMember || (objectName !== undefined && GLOBAL_OBJECTS.has(objectName));
    if (index === 0 && SCHEDULERS.has(last) && plainOrGlobal) {
      // A timer whose handle is kept can be cleared: it may never run, and races what clears it.
      // (Whether the value is used is asked only of timers: a pure check, so asking late is the same.)
      return isValueUsed(call) && last.startsWith('set') ? { kind: 'maybe', callee: name, event: undefined, cancellable: true } : { kind: 'once', timing: 'async', callee: name };
    }
    if (index === 0 && isMember && last === 'nextTick' && objectName === 'process') {
      return { kind: 'once', timing: 'async', callee: name };
    }
    if (index === 0 && INTERVALS.has(last) && plainOrGlobal) {
      // `const id = setInterval(…)` is polling that stops itself with clearInterval(id).
      return isValueUsed(call) ? { kind: 'maybe', callee: name, event: undefined, cancellable: true } : { kind: 'many', callee: name, reason: { kind: 'interval' } };
    }
    if (GUARDS.has(last) && call.arguments.length === 1 && !(isMember && LISTEN_ONCE.has(last))) {
      return { kind: 'guard', callee: name };
    }
    if (isMember) {
      if (index >= 1 && (LISTEN.has(last) || LISTEN_ONCE.has(last))) {
        const event = eventName(call);
        // A custom once-event (`once('CONFIRMED')`) is usually one of several exclusive outcomes
        // whose listeners remove each other: unknown, not "may run".
        if (LISTEN_ONCE.has(last)) {
          return event !== undefined && (ONCE_EVENTS.has(event) || MANY_EVENTS.has(event)) ? { kind: 'maybe', callee: name, event } : { kind: 'unknown' };
        }
        if (last === 'bind' && event === undefined) return { kind: 'unknown' };
        if (event !== undefined && ONCE_EVENTS.has(event)) return { kind: 'maybe', callee: name, event };
        if (event !== undefined && MANY_EVENTS.has(event)) return { kind: 'many', callee: name, reason: { kind: 'event', event } };
        return { kind: 'unknown' };
      }
      if (ITERATION.has(last)) {
        // arr.forEach(f), or the utility form _.each(arr, f). The async-library form
        // async.each(arr, f, done) stops when f does not continue: its iteratee is not followed.
        const asyncStyle = call.arguments.length >= 3 && isFunctionLike(call.arguments[call.arguments.length - 1]);
        if (!asyncStyle && (index === 0 || index === 1)) return { kind: 'many', callee: name, reason: { kind: 'iteration', method: last } };
        if (asyncStyle && index !== call.arguments.length - 1) return { kind: 'unknown' };
      }
      if (index <= 1 && table.linksNamed(last).length > 0) return { kind: 'link' };
      if (STORES.has(last)) return { kind: 'unknown' };
    }
    if (isInspection(last, objectName)) return { kind: 'inspect' };
  }
  return nodeStyle(call, index, name, isSameValue);
}

/**
 * Is `classifyInvocation(call, index, table, …).kind` `many` (or, with `orLink`, `link`)? The same
 * answer, for the callers that ask only this (the double-fire and hanging-path prefilters, for every
 * completion of a file): every way to `many` or `link` goes through a callee whose last name is an
 * interval, a listener registration, an iteration method or a link method, so any other callee is
 * ruled out by that name alone, without the rest of the classification (dotted names, inspections).
 * Whether another argument is the same value only matters for `delegate`, never asked here.
 */
export function runsMany(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, table: StyleTable, orLink: boolean): boolean {
  if (call.type === 'NewExpression') return false;
  const last = calleeLastName(unwrapExpression(call.callee));
  if (last === undefined) return false;
  if (!INTERVALS.has(last) && !LISTEN.has(last) && !ITERATION.has(last) && !(orLink && table.linksNamed(last).length > 0)) return false;
  const kind = classifyInvocation(call, index, table, () => false).kind;
  return kind === 'many' || (orLink && kind === 'link');
}

const INSPECTIONS = new Set([
  'has',
  'get',
  'includes',
  'indexOf',
  'lastIndexOf',
  'delete',
  'equal',
  'strictEqual',
  'deepEqual',
  'notEqual',
  'notStrictEqual',
  'ok',
  'Boolean',
  'String',
  'typeOf',
  'kindOf',
  'inspect',
  'format',
  'debug',
  'trace',
]);

/**
 * Calls that look at a function without keeping or calling it: predicates (`isFunction(cb)`,
 * `_.isFunction(fn)`), lookups (`map.has(fn)`), assertions, logging.
 */
function isInspection(name: string, objectName: string | undefined): boolean {
  if (/^(?:[iI]s|[hH]as|[aA]ssert|[cC]heck|[vV]alidate|expect)(?:[A-Z_$].*)?$/.test(name)) return true;
  if (objectName === 'console' || objectName === 'assert' || objectName === 'util') return true;
  return INSPECTIONS.has(name);
}

/** Is the value of the call used (`const timer = setTimeout(…)`), rather than discarded? */
function isValueUsed(call: Node): boolean {
  let child = call;
  let parent = call.parent;
  while (parent && (parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression')) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent || parent.type === 'ExpressionStatement') return false;
  if (parent.type === 'SequenceExpression') return parent.expressions[parent.expressions.length - 1] === child && isValueUsed(parent);
  if (parent.type === 'UnaryExpression' && parent.operator === 'void') return false;
  return true;
}

function isFunctionLike(node: Node | undefined): boolean {
  if (!node) return false;
  const n = unwrapExpression(node);
  return n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'Identifier' || n.type === 'MemberExpression';
}

function nodeStyle(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  name: string,
  isSameValue: (arg: Node) => boolean,
): Invocation {
  // `this.step(cb)`: the object's own machinery, which may call it on some paths only (a parser
  // calling back on errors); not a plain node-style API.
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'MemberExpression' && unwrapExpression(callee.object).type === 'ThisExpression') return { kind: 'unknown' };
  const args = call.arguments;
  if (index !== args.length - 1 || args[index]?.type === 'SpreadElement') return { kind: 'unknown' };
  for (let i = 0; i < index; i++) if (isSameValue(args[i]!)) return { kind: 'unknown' };
  return { kind: 'delegate', callee: name };
}
