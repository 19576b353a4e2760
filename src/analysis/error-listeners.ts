/**
 * Errors lost in `'error'` listeners: the lesson's central bug. A function that owns a completion
 * opens a connection (a socket, a request, a stream, an `XMLHttpRequest`), fires the completion
 * from the emitter's other events, and registers an `'error'` listener that only logs:
 *
 *     const socket = net.connect({ host, port });
 *     socket.once('end', () => callback(poem));
 *     socket.once('error', (err) => console.error(err.message)); // errback never runs
 *
 * When the connection fails, `'end'` never comes: the caller waits forever. Reported only when it
 * is clear that the error is lost and that this emitter is what the completion waits for:
 *
 * - the listener (`on`/`once`/`addListener`/`prependListener`/`prependOnceListener`/
 *   `addEventListener('error', …)`, `onerror = …`) reads its error parameter only to log it, does
 *   nothing but log (and clean the emitter up: `socket.destroy()`), and does not touch the
 *   completion;
 * - the emitter is a variable made inside the owner (not its parameter) that does not leave it —
 *   not returned, stored or passed on, where other code could listen for its errors — or a call
 *   with the listeners chained on it (`https.get(url, f).on('error', g)`);
 * - the completion is fired (or passed) from the same emitter's other listeners (or from the
 *   callback of the call that makes it, when that callback is not error-first), and nowhere the
 *   error could still reach it: not from timers, other emitters or unknown code, and not from a
 *   listener for an event that follows an error (`'close'`, `'exit'`, `'loadend'`) unless that
 *   listener only reports success — then the error is turned into a success (`successAfter`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { CALLEE_IDENTIFIER, CALLEE_KIND, CALLEE_MEMBER, CALLEE_NEW } from './collector.js';
import type { Completion, Variable } from './completions.js';
import type { FileAnalysis } from './file-analysis.js';
import type { UseIndex } from './uses.js';
import {
  contains,
  isErrorName,
  isFunctionValue,
  isLogging,
  isLoggingArgument,
  isNullish,
  propertyName,
  unwrapExpression,
  valueParent,
  type FunctionNode,
  type Node,
} from './syntax.js';

/** An `'error'` listener of an emitter the completion waits for, that loses the error. */
export interface LostErrorListener {
  /** The listener function. */
  readonly listener: FunctionNode;
  /** Its error parameter. */
  readonly param: TSESTree.Identifier;
  /** Where it logs the error (the logging call that reads the parameter first): the report location. */
  readonly logged: Node;
  /**
   * A listener of the same emitter, for an event that also comes after an error, that fires only
   * the success side: the error turns into a success there. Undefined: the caller waits forever.
   */
  readonly successAfter: { readonly event: string; readonly fire: Node } | undefined;
}

/** Listener registration methods whose first argument names the event. */
const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);
/** Events that only come when things went well: after an error they never come. */
const NORMAL_EVENTS = new Set([
  'end',
  'finish',
  'load',
  'success',
  'done',
  'complete',
  'response',
  'connect',
  'secureConnect',
  'ready',
  'open',
  'listening',
  'data',
  'readable',
  'message',
  'drain',
  'timeout',
  'upgrade',
  'socket',
  'lookup',
  'spawn',
  'prefinish',
  'result',
  'row',
]);
/** Events that also come after an error: a success reported there turns the error into a success. */
const AFTER_ERROR_EVENTS = new Set(['close', 'exit', 'loadend']);
/** Emitter methods whose function argument is a listener for a known event (`socket.setTimeout(ms, f)`). */
const LISTENING_METHODS = new Map([
  ['setTimeout', 'timeout'],
  ['listen', 'listening'],
  ['connect', 'connect'],
]);

/**
 * An emitter: the variable holding it, or the call that makes it when listeners are chained on
 * the call itself (`https.get(url, f).on('error', g)`).
 */
type Emitter = Variable | TSESTree.CallExpression | TSESTree.NewExpression;

/** The callback given to the call that makes the emitter (`http.get(url, (res) => …)`) runs on success. */
const CREATED = '(created)';

interface Registration {
  /** The call (`x.on('error', f)`) or assignment (`x.onerror = f`). */
  readonly node: Node;
  /** The emitter. */
  readonly emitter: Emitter | undefined;
  /** The event name; undefined for a function passed to another emitter method. */
  readonly event: string | undefined;
}

const KEY = Symbol('error-listeners');

interface ErrorListener {
  readonly registration: Node;
  readonly emitter: Emitter;
  readonly listener: FunctionNode;
}

/** The `'error'` listeners of the file whose emitter can be told apart (memoised per file). */
function errorListeners(analysis: FileAnalysis): readonly ErrorListener[] {
  return analysis.memo(KEY, () => {
    const out: ErrorListener[] = [];
    const add = (registration: Node, receiver: Node, handler: Node | undefined): void => {
      const emitter = emitterOf(receiver, analysis);
      const listener = handler && functionOf(handler, analysis);
      if (emitter && listener) out.push({ registration, emitter, listener });
    };
    const { calls, calleeNames, calleeKinds, assignments, assignedProperties } = analysis.collector;
    for (let i = 0; i < calls.length; i++) {
      // The callee's name first, from the names recorded during the traversal: only a listening
      // method (or a callee without a plain name, `x['on'](…)`) is worth reading the call for.
      const kind = calleeKinds[i]!;
      if ((kind & CALLEE_NEW) !== 0) continue;
      const plain = (kind & CALLEE_KIND) === CALLEE_MEMBER;
      if ((plain && !LISTEN_METHODS.has(calleeNames[i]!)) || (kind & CALLEE_KIND) === CALLEE_IDENTIFIER) continue;
      const call = calls[i] as TSESTree.CallExpression;
      if (call.arguments.length === 0 || literalString(call.arguments[0]) !== 'error') continue;
      const callee = unwrapExpression(call.callee);
      if (callee.type !== 'MemberExpression' || !LISTEN_METHODS.has(propertyName(callee) ?? '')) continue;
      add(call, callee.object, call.arguments[1]);
    }
    for (let i = 0; i < assignments.length; i++) {
      if (assignedProperties[i] !== 'onerror') continue;
      const assignment = assignments[i]!;
      if (assignment.operator !== '=') continue;
      const left = assignment.left as TSESTree.MemberExpression;
      add(assignment, left.object, assignment.right);
    }
    return out;
  });
}

/** The `'error'` listeners inside the owner of `c` that lose the error it waits for. */
export function findLostErrorListeners(c: Completion, analysis: FileAnalysis): LostErrorListener[] {
  const owner = c.owner;
  if (!owner || !isFunctionValue(owner)) return [];
  const listeners = errorListeners(analysis).filter((l) => contains(owner, l.registration));
  if (listeners.length === 0) return [];
  const index = analysis.uses(c);
  const out: LostErrorListener[] = [];
  for (const l of listeners) {
    if (!ownEmitter(l.emitter, owner, index)) continue;
    const logged = onlyLogs(l.listener, l.emitter, analysis);
    if (!logged || touches(l.listener, index)) continue;
    const verdict = judgeSites(c, index, owner, l, analysis);
    if (verdict === undefined) continue;
    out.push({ listener: l.listener, param: logged.param, logged: logged.at, successAfter: verdict.successAfter });
  }
  return out;
}

// -----------------------------------------------------------------------------------------------
// The emitter

/**
 * `socket`, and `socket` in `socket.on('data', f).on('error', g)` (listener calls return the
 * emitter); `https.get(url, f)` in `https.get(url, f).on('error', g)`.
 */
function emitterOf(receiver: Node, analysis: FileAnalysis): Emitter | undefined {
  let node = unwrapExpression(receiver);
  while (node.type === 'CallExpression' && isListenerCall(node)) {
    node = unwrapExpression((unwrapExpression(node.callee) as TSESTree.MemberExpression).object);
  }
  if (node.type === 'Identifier') return analysis.resolve(node);
  return node.type === 'CallExpression' || node.type === 'NewExpression' ? node : undefined;
}

function isListenerCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  return callee.type === 'MemberExpression' && LISTEN_METHODS.has(propertyName(callee) ?? '');
}

/** The emitter a call makes: the variable it initialises, or the call itself when listeners chain on it. */
function createdEmitter(call: TSESTree.CallExpression | TSESTree.NewExpression, analysis: FileAnalysis): Emitter | undefined {
  const { parent, child } = valueParent(call);
  if (parent?.type === 'VariableDeclarator' && parent.init === child && parent.id.type === 'Identifier') return analysis.resolve(parent.id);
  if (parent?.type === 'MemberExpression' && parent.object === child && parent.parent?.type === 'CallExpression' && isListenerCall(parent.parent)) return call;
  return undefined;
}

/**
 * Made inside the owner (a local, or a parameter of a callback in it), written once, and only
 * used through its members, tested, or delivered by the completion: nobody else can listen for
 * its errors.
 */
function ownEmitter(emitter: Emitter, owner: FunctionNode, index: UseIndex): boolean {
  if (!('defs' in emitter)) {
    // A call with listeners chained on it: the chain's value must go nowhere.
    let node: Node = emitter;
    for (;;) {
      const { parent, child } = valueParent(node);
      if (parent?.type === 'MemberExpression' && parent.object === child && parent.parent?.type === 'CallExpression' && isListenerCall(parent.parent)) {
        node = parent.parent;
        continue;
      }
      return parent?.type === 'ExpressionStatement' && contains(owner, parent);
    }
  }
  if (emitter.defs.length !== 1) return false;
  const def = emitter.defs[0]!;
  if (def.type === 'Parameter' ? def.node === owner || !contains(owner, def.node as Node) : def.type !== 'Variable' || !contains(owner, def.node as Node)) {
    return false;
  }
  for (const ref of emitter.references) {
    if (ref.isWrite()) {
      if (!ref.init) return false;
      continue;
    }
    let node = ref.identifier as Node;
    while (node.parent && (node.parent.type === 'ChainExpression' || node.parent.type === 'TSNonNullExpression')) node = node.parent;
    const parent = node.parent;
    if (parent?.type === 'MemberExpression' && parent.object === node) continue;
    if (parent?.type === 'IfStatement' || parent?.type === 'UnaryExpression' || (parent?.type === 'LogicalExpression' && parent.left === node)) continue;
    // The result the completion delivers on success (`resolve(img)`).
    if (parent?.type === 'CallExpression' && parent.callee !== node && index.fireCalls.has(parent)) continue;
    return false;
  }
  return true;
}

// -----------------------------------------------------------------------------------------------
// The listener

/**
 * The listener reads its error parameter only in logging calls, and does nothing but log, return
 * and clean its emitter up. Returns the parameter and the first logging call that reads it.
 */
function onlyLogs(fn: FunctionNode, emitter: Emitter, analysis: FileAnalysis): { param: TSESTree.Identifier; at: Node } | undefined {
  const first = fn.params[0];
  if (first?.type !== 'Identifier') return undefined;
  const variable = analysis.resolve(first);
  if (!variable || variable.references.length === 0) return undefined;
  let at: Node | undefined;
  for (const ref of variable.references) {
    const id = ref.identifier as Node;
    const call = isLoggingArgument(id);
    if (!call) return undefined;
    if (!at || call.range[0] < at.range[0]) at = call;
  }
  const statements = fn.body.type === 'BlockStatement' ? fn.body.body : [fn.body];
  for (const stmt of statements) {
    if (stmt.type === 'EmptyStatement') continue;
    if (stmt.type === 'ReturnStatement' && (!stmt.argument || stmt.argument.type === 'Literal')) continue;
    const expr = stmt.type === 'ExpressionStatement' ? stmt.expression : stmt;
    if (isLogging(expr) || cleansUp(expr, emitter, analysis)) continue;
    return undefined;
  }
  return at && { param: first, at };
}

/** `socket.destroy()`, `req.abort()`: a call on the emitter itself. */
function cleansUp(expr: Node, emitter: Emitter, analysis: FileAnalysis): boolean {
  const e = unwrapExpression(expr);
  if (e.type !== 'CallExpression') return false;
  const callee = unwrapExpression(e.callee);
  if (callee.type !== 'MemberExpression') return false;
  const object = unwrapExpression(callee.object);
  return object.type === 'Identifier' && analysis.resolve(object) === emitter;
}

/** Does the function use the completion (fire it, pass it, capture it)? */
function touches(fn: FunctionNode, index: UseIndex): boolean {
  if (index.capturing.has(fn)) return true;
  for (const node of index.fireCalls.keys()) if (contains(fn, node)) return true;
  for (const node of index.uses.keys()) if (contains(fn, node)) return true;
  return false;
}

// -----------------------------------------------------------------------------------------------
// Where the completion fires

type Site =
  | { readonly kind: 'sync' | 'skip' | 'normal' | 'blocked' }
  | { readonly kind: 'after'; readonly event: string; readonly fire: Node };

/**
 * Judges every fire and use of the completion: undefined when some may still pass an error on (or
 * none ties the completion to this emitter); else whether a success follows the error.
 */
function judgeSites(
  c: Completion,
  index: UseIndex,
  owner: FunctionNode,
  l: ErrorListener,
  analysis: FileAnalysis,
): { successAfter: { event: string; fire: Node } | undefined } | undefined {
  let related = false;
  let successAfter: { event: string; fire: Node } | undefined;
  const handlerSides = new Map<Node, Node | null>();
  const judge = (site: Site): boolean => {
    switch (site.kind) {
      case 'blocked':
        return false;
      case 'normal':
        related = true;
        return true;
      case 'after':
        related = true;
        successAfter ??= { event: site.event, fire: site.fire };
        return true;
      default:
        return true;
    }
  };
  const context = { c, index, owner, emitter: l.emitter, analysis, handlerSides };
  for (const [node, fire] of index.fireCalls) {
    const success = fireSide(c, fire.side, fire.args) === 'success';
    if (!judge(siteOf(node, { fire: true, success }, context))) return undefined;
  }
  for (const list of index.uses.values()) {
    for (const use of list) {
      if (use.kind === 'reset') return undefined;
      // Stored (`xhr.onload = () => resolve(…)` is stored in a member): judged where it is stored.
      const success = (use.kind === 'arg' || use.kind === 'lose') && use.value.type === 'Identifier' && refSide(c, use.value, analysis) === 'success';
      const value = use.kind === 'arg' && use.target.type === 'fn' && !isNamed(use.target.fn) ? use.target.fn : use.value;
      if (!judge(siteOf(value, { fire: false, success }, context))) return undefined;
    }
  }
  return related ? { successAfter } : undefined;
}

interface SiteContext {
  readonly c: Completion;
  readonly index: UseIndex;
  readonly owner: FunctionNode;
  readonly emitter: Emitter;
  readonly analysis: FileAnalysis;
  /** Per handler: the first success fire when it fires only the success side, else null. */
  readonly handlerSides: Map<Node, Node | null>;
}

/** Where a fire or use of the completion runs, seen from the emitter's error. */
function siteOf(node: Node, what: { fire: boolean; success: boolean }, ctx: SiteContext): Site {
  let nested = false;
  for (let current: Node | undefined = node; current && current !== ctx.owner; current = current.parent) {
    if (!isFunctionValue(current)) continue;
    const reg = registrationOf(current, ctx.analysis);
    if (reg?.emitter === ctx.emitter) return eventSite(reg, successOnly(current, ctx));
    // A named helper runs where it is called: its references are sites of their own.
    if (isNamed(current)) return { kind: 'skip' };
    nested = true;
  }
  if (nested) return { kind: 'blocked' };
  // In the owner's own body: a fire there happens before any event.
  if (what.fire) return { kind: 'sync' };
  // The completion itself registered (`socket.once('end', callback)`).
  const reg = registrationOf(node, ctx.analysis);
  return reg?.emitter === ctx.emitter ? eventSite(reg, what.success ? node : undefined) : { kind: 'blocked' };
}

/**
 * A site in (or registered as) a listener of the emitter; `success` is its first fire when it
 * fires only the success side.
 */
function eventSite(reg: Registration, success: Node | undefined): Site {
  if (reg.event === undefined || reg.event === 'error') return { kind: 'blocked' };
  if (NORMAL_EVENTS.has(reg.event) || reg.event === CREATED) return { kind: 'normal' };
  if (!success) return { kind: 'blocked' };
  return AFTER_ERROR_EVENTS.has(reg.event) ? { kind: 'after', event: reg.event, fire: success } : { kind: 'normal' };
}

/** The first success fire of a handler that fires only the success side, directly. */
function successOnly(handler: Node, ctx: SiteContext): Node | undefined {
  let found = ctx.handlerSides.get(handler);
  if (found === undefined) {
    found = null;
    if (isFunctionValue(handler)) {
      const inside = [...ctx.index.uses.keys()].some((n) => contains(handler, n));
      const fires = [...ctx.index.fireCalls.values()].filter((f) => contains(handler, f.node));
      if (!inside && fires.length > 0 && fires.every((f) => fireSide(ctx.c, f.side, f.args) === 'success')) {
        found = fires.reduce((a, b) => (a.node.range[0] <= b.node.range[0] ? a : b)).node;
      }
    }
    ctx.handlerSides.set(handler, found);
  }
  return found ?? undefined;
}

/** The side a binding of the completion passed by reference fires (`socket.on('close', resolve)`). */
function refSide(c: Completion, id: TSESTree.Identifier, analysis: FileAnalysis): 'success' | 'error' | undefined {
  const variable = analysis.resolve(id);
  return c.bindings.find((b) => b.variable === variable)?.side;
}

/** The side a fire call says: fixed by the binding, or a node callback's first argument. */
function fireSide(c: Completion, fixed: 'success' | 'error' | undefined, args: readonly Node[] | undefined): 'success' | 'error' | 'unknown' {
  if (fixed) return fixed;
  if (c.kind !== 'node' && !(c.kind === 'member' && c.source?.kind === 'node')) return 'unknown';
  if (!args) return 'unknown';
  const first = args[0];
  if (!first) return 'success';
  return first.type !== 'SpreadElement' && isNullish(first) ? 'success' : 'unknown';
}

/** How a function (or a completion passed by reference) is registered on an emitter, if it is. */
function registrationOf(value: Node, analysis: FileAnalysis): Registration | undefined {
  let child = value;
  let parent = value.parent;
  while (parent && (parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression')) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === child && parent.left.type === 'MemberExpression') {
    const name = propertyName(parent.left);
    if (!name?.startsWith('on') || name.length <= 2) return undefined;
    return { node: parent, emitter: emitterOf(parent.left.object, analysis), event: name.slice(2) };
  }
  if ((parent?.type !== 'CallExpression' && parent?.type !== 'NewExpression') || parent.callee === child) return undefined;
  const created = createdEmitter(parent, analysis);
  if (created && isFunctionValue(child) && parent.arguments[parent.arguments.length - 1] === child) {
    // An error-first callback (`exec(cmd, (err, out) => …)`) hears of the error itself.
    const first = child.params[0];
    return { node: parent, emitter: created, event: first?.type === 'Identifier' && isErrorName(first.name) ? undefined : CREATED };
  }
  const callee = unwrapExpression(parent.callee);
  if (parent.type !== 'CallExpression' || callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(callee) ?? '';
  const emitter = emitterOf(callee.object, analysis);
  if (LISTEN_METHODS.has(method)) {
    const event = literalString(parent.arguments[0]);
    return parent.arguments[0] === child ? undefined : { node: parent, emitter, event };
  }
  return { node: parent, emitter, event: LISTENING_METHODS.get(method) };
}

/** A function declared with a name (a declaration, or `const f = …`): it runs where it is called. */
function isNamed(fn: FunctionNode): boolean {
  return fn.type === 'FunctionDeclaration' || (fn.parent?.type === 'VariableDeclarator' && fn.parent.init === fn);
}

/** The listener function: inline, or a function of this file named by an identifier. */
function functionOf(handler: Node, analysis: FileAnalysis): FunctionNode | undefined {
  const h = unwrapExpression(handler);
  if (isFunctionValue(h)) return h;
  if (h.type !== 'Identifier') return undefined;
  const variable = analysis.resolve(h);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  if (def.type === 'FunctionName' && isFunctionValue(def.node as Node)) return def.node as FunctionNode;
  if (def.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init && isFunctionValue(def.node.init)) {
    return variable.references.filter((r) => r.isWrite()).length === 1 ? def.node.init : undefined;
  }
  return undefined;
}

function literalString(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}
