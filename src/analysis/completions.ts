/**
 * Completion discovery: finds, without type information, everything in a file that must fire
 * exactly once.
 *
 * - **executor** — the parameters of `new Promise((ok, fail) => …)` (any names; the constructors
 *   come from the style table's `executors`), and `const { resolve, reject } = Promise.withResolvers()`;
 * - **object** — a variable holding `new Deferred()`, `$.Deferred()`, `Q.defer()`, or
 *   `Promise.withResolvers()`, fired through the style's fire methods (`d.callback(v)`);
 * - **node** — the last parameter of a function when it is named like a callback (`cb`, `done`,
 *   `next`, `fooCallback`…) or, whatever its name, called with an error first (`fn(null, v)`,
 *   `fn(err)`). A parameter only ever called with a value first (`fn(item, i)`) is an iteratee,
 *   not a completion, and is left alone;
 * - **pair** — consecutive parameters listed as pairs (`callback, errback`, `onSuccess, onError`);
 * - **member** — a member assigned from a completion (`this.callback = cb`), fired as
 *   `this.callback(…)` / `self.callback(…)` where `self = this`;
 * - **borrowed object** — a parameter or local variable of unknown origin that the function fires
 *   like a deferred: `d.errback(…)` (Twisted's error side names nothing else), or both sides of one
 *   style (`d.callback` and `d.errback`, `d.resolve` and `d.reject`). Its fires are checked; the
 *   duty to fire stays with whoever made it (`borrowed`).
 *
 * Each completion lists its bindings — the variables that fire it, aliases included
 * (`const done = resolve`, `const callback = cb || noop`). A completion reassigned from a call
 * (`cb = once(cb)`, `cb = wrap(cb)`) or cleared (`cb = null`) is marked `guard` and not analysed:
 * the code protects itself or the binding no longer denotes the caller's callback.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { CALLEE_IDENTIFIER, CALLEE_KIND, CALLEE_MEMBER, CALLEE_NEW, CALLEE_OTHER_MEMBER, type PathCollector } from './collector.js';
import type { FireSide, Style, StyleTable } from './styles.js';
import type { TypeInfo } from './types.js';
import {
  calleeDottedName,
  calleeLastName,
  enclosingRoot,
  isErrorConstruction,
  isErrorName,
  isFunctionValue,
  isLoop,
  isNullish,
  propertyName,
  unwrapExpression,
  valueParent,
  type FunctionNode,
  type Node,
  type PathRoot,
} from './syntax.js';

export type Variable = TSESLint.Scope.Variable;

export type CompletionKind = 'node' | 'pair' | 'executor' | 'object' | 'member';

/** A variable whose call fires the completion. */
export interface Binding {
  readonly variable: Variable;
  readonly name: string;
  /** The side it fires; undefined for node callbacks, whose arguments tell the side. */
  readonly side: FireSide | undefined;
  /** Declared as an alias of another binding (`const done = resolve`). */
  readonly alias: boolean;
}

export interface Completion {
  readonly id: number;
  readonly kind: CompletionKind;
  /** The style used in messages: `node`, `pair`, `promise`, `twisted`, `jquery`, or a user row. */
  readonly style: Style;
  /** Every style that recognises it (`new Deferred()` is both twisted and jQuery/Dojo). */
  readonly styles: readonly Style[];
  /** The function (or program) whose paths carry the duty; undefined for members. */
  readonly owner: PathRoot | undefined;
  /** Where it comes from: the parameter, the `new`/factory call, the member assignment. */
  readonly declaration: Node;
  /** How the user names it: `cb`, `resolve`, `d`, `this.callback`. */
  readonly name: string;
  /** Function bindings that fire it (node, pair, executor, and their aliases). */
  readonly bindings: readonly Binding[];
  /** Object kind: the variable holding the deferred. */
  readonly object: Variable | undefined;
  /** Object kind: fire method name → side and style. */
  readonly fireMethods: ReadonlyMap<string, { readonly side: FireSide; readonly style: Style }>;
  /** Member kind: the normalised member path (`this.callback`). */
  readonly memberKey: string | undefined;
  /** Member kind: the completion that was stored in the member. */
  readonly source: Completion | undefined;
  /** Member kind: the side the stored binding fires (`this.reject = reject`); undefined for node callbacks. */
  readonly memberSide: FireSide | undefined;
  /** `once`: wrapped in a once-guard; `reassigned`: rebound or cleared. Such completions are not analysed. */
  readonly guard: 'once' | 'reassigned' | undefined;
  /** Can firing it run user code that throws (node and pair callbacks)? Resolvers never throw. */
  readonly throws: boolean;
  /** Does a second fire do nothing (promise resolvers, jQuery deferreds)? Twisted raises instead. */
  readonly idempotent: boolean;
  /** Node kind: some call passes an error (or `null`) first — the binding is used error-first. */
  readonly errorFirst: boolean;
  /**
   * Object kind: a parameter or variable of unknown origin, recognised by the fire methods called
   * on it. The function fires it but did not make it: it carries no duty to fire it on every path.
   */
  readonly borrowed: boolean;
  /**
   * Found through its type only (`d: Deferred<T>`, `reply: (err: Error | null) => void`): the
   * syntax alone does not say what it is. See {@link addTypedCompletions}.
   */
  readonly byType: boolean;
}

export interface DiscoveryInput {
  readonly collector: PathCollector;
  readonly table: StyleTable;
  readonly declaredVariables: (node: Node) => readonly Variable[];
  readonly resolve: (identifier: TSESTree.Identifier) => Variable | undefined;
  /** Type information, when the file has it: parameters and variables typed as completions. */
  readonly types?: TypeInfo | undefined;
}

const GUARD_WRAPPERS = new Set(['once', 'onetime', 'oneTime', 'onlyOnce', 'callOnce', 'runOnce']);

/** Finds every completion of the file, in source order. */
export function discoverCompletions(input: DiscoveryInput): Completion[] {
  const { collector, table } = input;
  const facts = tableFacts(table);
  const { names, nameLengths, nodeStyle, pairStyle } = facts;
  // Everything below is allocated on first use: most files make no completion, and what a file
  // that makes none pays is set-up (measured: discovery cost small files ~3% of their parse, big
  // ones ~0.4%).
  let out: Mutable[] | undefined;
  let executorNodes: Set<Node> | undefined;
  // One look at every function's parameters (AST reads are what discovery costs): the functions
  // whose parameters can make a completion, and the last parameters named like nothing in
  // particular, which a call with an actual error first (`fn(err)`) makes callbacks.
  let candidateFns: FunctionNode[] | undefined;
  /** Per candidate: its last parameter's name, when it is a plain name. */
  let candidateLast: (string | undefined)[] | undefined;
  /** Per candidate: 1 when the last parameter is named like a callback, 2 when two parameters may pair. */
  let candidateKind: number[] | undefined;
  let weakNames: Set<string> | undefined;
  /** {@link lengthBit} of every weak name, or-ed (with `nameLengths`, the names a callee must have to matter). */
  let weakLengths = 0;
  const paths = collector.paths;
  for (let p = 0; p < paths.length; p++) {
    const rec = paths[p]!;
    // The parameter summary recorded with the path: functions without parameters (and other
    // roots) are never touched.
    const count = rec.paramCount;
    if (count === 0) continue;
    const last = rec.lastParam;
    const named = last !== undefined && isCallbackName(table, last);
    if (last !== undefined && !named) {
      (weakNames ??= new Set()).add(last);
      weakLengths |= lengthBit(last.length);
    }
    // Generators take data, not callbacks.
    if (rec.generator) continue;
    const fn = rec.root as FunctionNode;
    const pairs = pairStyle !== undefined && count >= 2 && mayPair(table, fn.params);
    // A weak last name is decided once the calls are scanned.
    if (last !== undefined || pairs) {
      if (!candidateFns) {
        candidateFns = [];
        candidateLast = [];
        candidateKind = [];
      }
      candidateFns.push(fn);
      candidateLast!.push(last);
      candidateKind!.push((named ? 1 : 0) | (pairs ? 2 : 0));
    }
  }
  let calledWithError: Set<string> | undefined;
  /** Calls that may fire a borrowed deferred (`d.errback(e)`), for `addBorrowedObjects`. */
  let fireCalls: TSESTree.CallExpression[] | undefined;
  // Executors, deferreds and resolver factories: scan the recorded calls by their callee names
  // (recorded during the traversal), touching only the calls whose name may matter.
  const calls = collector.calls;
  const calleeNames = collector.calleeNames;
  const calleeKinds = collector.calleeKinds;
  for (let i = 0; i < calls.length; i++) {
    const kind = calleeKinds[i]!;
    const isNew = (kind & CALLEE_NEW) !== 0;
    const last = calleeNames[i]!;
    let flags: number;
    switch (kind & CALLEE_KIND) {
      case CALLEE_IDENTIFIER:
        // A name of no length that matters is neither hashed nor looked up (most callees).
        if ((lengthBit(last.length) & (nameLengths | weakLengths)) === 0) continue;
        if (!isNew && weakNames !== undefined && weakNames.has(last)) {
          const first = (calls[i] as TSESTree.CallExpression).arguments[0];
          if (first && first.type !== 'SpreadElement' && !isNullish(first) && looksLikeErrorArgument(first)) (calledWithError ??= new Set()).add(last);
        }
        flags = names.get(last) ?? 0;
        break;
      case CALLEE_MEMBER:
        if ((lengthBit(last.length) & nameLengths) === 0) continue;
        // One look-up answers both questions asked of a method name.
        flags = names.get(last) ?? 0;
        if (!isNew && (flags & FIRE_NAME) !== 0) (fireCalls ??= []).push(calls[i] as TSESTree.CallExpression);
        break;
      case CALLEE_OTHER_MEMBER:
        continue;
      default:
        // A wrapped callee (`(d.errback as Fire)(e)`): judged after unwrapping.
        if (!isNew) (fireCalls ??= []).push(calls[i] as TSESTree.CallExpression);
        continue;
    }
    if ((flags & (isNew ? NEW_NAME : CALL_NAME)) === 0) continue;
    const call = calls[i]!;
    const callee = call.callee;
    const dotted = calleeDottedName(callee);
    if (dotted === undefined) continue;
    if (call.type === 'NewExpression') {
      const executorStyles = table.stylesFor('executors', dotted);
      const fn = call.arguments[0];
      if (executorStyles.length > 0 && fn && isFunctionValue(fn)) {
        (executorNodes ??= new Set()).add(fn);
        const c = executorCompletion(input, fn, executorStyles);
        if (c) (out ??= []).push(c);
        continue;
      }
      const ctorStyles = table.stylesFor('constructors', dotted);
      if (ctorStyles.length > 0) {
        const c = objectCompletion(input, call, ctorStyles);
        if (c) (out ??= []).push(c);
      }
      continue;
    }
    const factoryStyles = table.stylesFor('factories', dotted);
    if (factoryStyles.length > 0) {
      const c = objectCompletion(input, call, factoryStyles);
      if (c) (out ??= []).push(c);
      continue;
    }
    const resolverStyles = table.stylesFor('resolverFactories', dotted);
    if (resolverStyles.length > 0) {
      const c = resolverCompletion(input, call, resolverStyles);
      if (c) (out ??= []).push(c);
    }
  }

  // Parameters: pairs and node callbacks.
  const candidates = candidateFns?.length ?? 0;
  for (let k = 0; k < candidates; k++) {
    const lastName = candidateLast![k];
    const kind = candidateKind![k]!;
    const nodeCandidate = lastName !== undefined && ((kind & 1) !== 0 || (calledWithError !== undefined && calledWithError.has(lastName)));
    if (!nodeCandidate && (kind & 2) === 0) continue;
    const fn = candidateFns![k]!;
    const params = fn.params;
    const count = params.length;
    // AMD factories take modules; element callbacks take elements.
    if (executorNodes?.has(fn) || isModuleFactory(fn) || isElementCallback(fn)) continue;
    let pairedLast = false;
    if (pairStyle && (kind & 2) !== 0) {
      for (let i = 0; i + 1 < count; i++) {
        const a = paramIdentifier(params[i]!);
        const b = a && paramIdentifier(params[i + 1]!);
        if (!a || !b) continue;
        const pair = table.pairFor(a.name, b.name) ?? (inferredPair(table, a.name, b.name) ? { style: pairStyle } : undefined);
        if (!pair) continue;
        const c = pairCompletion(input, fn, a, b, pair.style);
        if (c) {
          (out ??= []).push(c);
          if (i + 1 === count - 1) pairedLast = true;
          i++;
        }
      }
    }
    if (!pairedLast && nodeStyle && nodeCandidate) {
      const last = paramIdentifier(params[count - 1]!)!;
      const c = nodeCompletion(input, fn, last, nodeStyle, (kind & 1) !== 0);
      if (c) (out ??= []).push(c);
    }
  }

  // Borrowed objects need fire calls, typed completions type information, aliases and members a
  // completion: a file with none of them has no completion (a fresh empty list: callers may keep it).
  if (fireCalls === undefined && out === undefined && !input.types) return [];
  const found = out ?? [];
  if (fireCalls) addBorrowedObjects(input, found, fireCalls);
  if (input.types) addTypedCompletions(input, found, input.types, executorNodes ?? new Set());
  if (found.length === 0) return found;
  addAliases(input, found);
  addMembers(input, found);
  found.sort((a, b) => a.declaration.range[0] - b.declaration.range[0]);
  for (let i = 0; i < found.length; i++) found[i]!.id = i;
  return found;
}

type Mutable = { -readonly [K in keyof Completion]: Completion[K] } & { bindings: Binding[] };

/** {@link TableFacts.names}: the last segment of a constructor or executor the table recognises (`new X`). */
const NEW_NAME = 1;
/** The last segment of a factory or resolver factory (`X()`, `$.X()`). */
const CALL_NAME = 2;
/** A method that fires an object style's side (`errback`, `resolve`): a call a borrowed deferred may make. */
const FIRE_NAME = 4;

interface TableFacts {
  /** What each name means to discovery ({@link NEW_NAME}, {@link CALL_NAME}, {@link FIRE_NAME} or-ed), to skip other calls cheaply. */
  readonly names: ReadonlyMap<string, number>;
  /** {@link lengthBit} of every name in `names`, or-ed: a callee name of another length is not looked up. */
  readonly nameLengths: number;
  readonly nodeStyle: Style | undefined;
  readonly pairStyle: Style | undefined;
}

/** What discovery asks of the style table for every file, worked out once per table (kept on it). */
function tableFacts(table: StyleTable): TableFacts {
  let facts = table.discoveryFacts as TableFacts | undefined;
  if (!facts) {
    const names = new Map<string, number>();
    const add = (name: string, flag: number) => names.set(name, (names.get(name) ?? 0) | flag);
    const lastOf = (dotted: string) => dotted.slice(dotted.lastIndexOf('.') + 1);
    for (const style of table.styles) {
      const r = style.recognise;
      for (const c of [...(r.constructors ?? []), ...(r.executors ?? [])]) add(lastOf(c), NEW_NAME);
      for (const c of [...(r.factories ?? []), ...(r.resolverFactories ?? [])]) add(lastOf(c), CALL_NAME);
      for (const m of [...style.fire.success, ...style.fire.error]) if (table.firesNamed(m).length > 0) add(m, FIRE_NAME);
    }
    let nameLengths = 0;
    for (const name of names.keys()) nameLengths |= lengthBit(name.length);
    facts = {
      names,
      nameLengths,
      nodeStyle: table.styles.find((s) => s.kind === 'node'),
      pairStyle: table.styles.find((s) => s.kind === 'pair'),
    };
    table.discoveryFacts = facts;
  }
  return facts;
}

/**
 * A bit for a name's length (lengths of 31 and more share the top bit): a set of names or-es
 * theirs, and a name whose bit is not in the set is none of them. Reading a name's length is
 * cheaper than hashing it for a map look-up (the string is cold: the traversal never reads it).
 */
function lengthBit(length: number): number {
  return length < 31 ? 1 << length : 1 << 31;
}

function isCallbackName(table: StyleTable, name: string): boolean {
  return table.isCallbackName(name);
}

function paramIdentifier(param: TSESTree.Parameter): TSESTree.Identifier | undefined {
  if (param.type === 'Identifier') return param;
  if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left;
  return undefined;
}

function variableOf(input: DiscoveryInput, declarer: Node, id: TSESTree.Identifier): Variable | undefined {
  return input.declaredVariables(declarer).find((v) => v.identifiers.includes(id));
}

function base(
  kind: CompletionKind,
  style: Style,
  styles: readonly Style[],
  owner: PathRoot | undefined,
  declaration: Node,
  name: string,
): Mutable {
  const throws = kind === 'node' || kind === 'pair';
  return {
    id: 0,
    kind,
    style,
    styles,
    owner,
    declaration,
    name,
    bindings: [],
    object: undefined,
    fireMethods: new Map(),
    memberKey: undefined,
    source: undefined,
    memberSide: undefined,
    errorFirst: false,
    borrowed: false,
    byType: false,
    guard: undefined,
    throws,
    idempotent: !throws && style.name !== 'twisted',
  };
}

function executorCompletion(input: DiscoveryInput, fn: FunctionNode, styles: readonly Style[]): Mutable | undefined {
  const style = styles[0]!;
  const ok = fn.params[0] ? paramIdentifier(fn.params[0]) : undefined;
  const fail = fn.params[1] ? paramIdentifier(fn.params[1]) : undefined;
  if (!ok && !fail) return undefined;
  const c = base('executor', style, styles, fn, fn, [ok?.name, fail?.name].filter(Boolean).join('/'));
  for (const [id, side] of [
    [ok, 'success'],
    [fail, 'error'],
  ] as const) {
    if (!id) continue;
    const variable = variableOf(input, fn, id);
    if (variable) c.bindings.push({ variable, name: id.name, side, alias: false });
  }
  c.guard = reassignment(c.bindings.map((b) => b.variable));
  return c.bindings.length > 0 ? c : undefined;
}

/** The declarator or assignment that stores `call`'s result in a plain variable. */
function storedIn(
  input: DiscoveryInput,
  call: Node,
): { variable: Variable; id: TSESTree.Identifier; at: Node } | undefined {
  const parent = call.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === call && parent.id.type === 'Identifier') {
    const variable = variableOf(input, parent, parent.id);
    return variable ? { variable, id: parent.id, at: parent } : undefined;
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === call && parent.operator === '=' && parent.left.type === 'Identifier') {
    const variable = input.resolve(parent.left);
    if (variable && variable.references.filter((r) => r.isWrite()).length === 1) {
      return { variable, id: parent.left, at: parent };
    }
  }
  return undefined;
}

function objectCompletion(input: DiscoveryInput, call: Node, styles: readonly Style[]): Mutable | undefined {
  const stored = storedIn(input, call);
  if (!stored) return undefined;
  const fireStyles = styles.filter((s) => s.fire.success.length + s.fire.error.length > 0);
  if (fireStyles.length === 0) return undefined;
  const c = base('object', fireStyles[0]!, fireStyles, enclosingRoot(call), call, stored.id.name);
  c.object = stored.variable;
  const methods = new Map<string, { side: FireSide; style: Style }>();
  for (const style of fireStyles) {
    for (const side of ['success', 'error'] as const) {
      for (const m of style.fire[side]) if (!methods.has(m)) methods.set(m, { side, style });
    }
  }
  c.fireMethods = methods;
  c.idempotent = fireStyles.every((s) => s.name !== 'twisted');
  c.guard = reassignment([stored.variable], stored.at);
  return c;
}

function resolverCompletion(input: DiscoveryInput, call: TSESTree.CallExpression, styles: readonly Style[]): Mutable | undefined {
  const style = styles[0]!;
  const parent = call.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === call && parent.id.type === 'ObjectPattern') {
    const c = base('executor', style, styles, enclosingRoot(call), call, '');
    for (const prop of parent.id.properties) {
      if (prop.type !== 'Property') continue;
      const key = prop.key.type === 'Identifier' && !prop.computed ? prop.key.name : undefined;
      const value = prop.value.type === 'Identifier' ? prop.value : undefined;
      if (!key || !value) continue;
      const side = style.fire.success.includes(key) ? 'success' : style.fire.error.includes(key) ? 'error' : undefined;
      if (!side) continue;
      const variable = variableOf(input, parent, value);
      if (variable) c.bindings.push({ variable, name: value.name, side, alias: false });
    }
    if (c.bindings.length === 0) return undefined;
    c.name = c.bindings.map((b) => b.name).join('/');
    c.guard = reassignment(c.bindings.map((b) => b.variable));
    return c;
  }
  return objectCompletion(input, call, styles);
}

function pairCompletion(
  input: DiscoveryInput,
  fn: FunctionNode,
  ok: TSESTree.Identifier,
  fail: TSESTree.Identifier,
  style: Style,
): Mutable | undefined {
  const c = base('pair', style, [style], fn, ok, `${ok.name}/${fail.name}`);
  for (const [id, side] of [
    [ok, 'success'],
    [fail, 'error'],
  ] as const) {
    const variable = variableOf(input, fn, id);
    if (variable) c.bindings.push({ variable, name: id.name, side, alias: false });
  }
  if (c.bindings.length < 2) return undefined;
  // `(resolve, reject)` passed around are a promise's resolvers: idempotent, never throwing.
  if (/^resolve/i.test(ok.name) || /^reject/i.test(fail.name)) {
    c.throws = false;
    c.idempotent = true;
  }
  c.guard = reassignment(c.bindings.map((b) => b.variable));
  return c;
}

/** Could some two consecutive parameters be a success/error pair (listed or inferred)? */
function mayPair(table: StyleTable, params: readonly TSESTree.Parameter[]): boolean {
  let previous = paramIdentifier(params[0]!);
  for (let i = 1; i < params.length; i++) {
    const current = paramIdentifier(params[i]!);
    if (previous && current && (table.pairFor(previous.name, current.name) || inferredPair(table, previous.name, current.name))) return true;
    previous = current;
  }
  return false;
}

const ERROR_SIDE_HINT = /err|fail|reject/i;

/**
 * Parameters that read as a success/error pair although the table does not list them:
 * `(findCallback, errorCallback)`, `(onLoad, onError)`, `(done, fail)`.
 */
function inferredPair(table: StyleTable, success: string, error: string): boolean {
  // Tested directly, not remembered per name: a name cache shared by every file grows to
  // thousands of names, and looking a fresh name string up in it costs more than the patterns.
  return ERROR_SIDE_HINT.test(error) && ERROR_LIKE.test(error) && (SUCCESS_LIKE.test(success) || isCallbackName(table, success));
}

// Not `…Handler`: handlers are attached to chains (`d.addErrback(errHandler)`), not fired once.
const ERROR_LIKE = /^(?:on)?(?:error|err|fail|failure|reject|rejected)(?:Callback|Cb|Fn)?$|(?:Error|Fail|Failure)(?:Callback|Cb|Fn)$/;
const SUCCESS_LIKE = /^(?:on)?(?:success|succeed|done|complete|load|loaded|ok|resolve|resolved|result)(?:Callback|Cb|Fn)?$/i;

/** A function given to an array iteration method: its parameters are elements (`fns.map((fn) => fn(x))`). */
function isElementCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return false;
  const callee = unwrapExpression(call.callee);
  return callee.type === 'MemberExpression' && ELEMENT_METHODS.has(calleeLastName(callee) ?? '');
}

const ELEMENT_METHODS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'reduce', 'reduceRight', 'sort']);

/** The factory of an AMD module (`define([…], function (dep) {…})`): its parameters are modules. */
function isModuleFactory(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== "CallExpression" || !(call.arguments as readonly Node[]).includes(fn)) return false;
  const last = calleeLastName(call.callee);
  if (last !== 'define' && last !== 'require' && last !== 'requirejs') return false;
  const name = calleeDottedName(call.callee);
  return name === 'define' || name === 'require' || name === 'requirejs';
}

/** `strong`: the parameter is named like a callback (`isCallbackName`, asked once by the caller). */
function nodeCompletion(input: DiscoveryInput, fn: FunctionNode, id: TSESTree.Identifier, style: Style, strong: boolean): Mutable | undefined {
  const variable = variableOf(input, fn, id);
  if (!variable || variable.references.length === 0) return undefined;
  const evidence = looksLikeIteratee(variable);
  if (evidence.iteratee && !evidence.errorFirst) return undefined;
  if (evidence.data) return undefined;
  // A name that says nothing needs an actual error passed first somewhere, not just `null`
  // (`declare(null, {…})` is not a callback).
  if (!strong && !evidence.errorValue) return undefined;
  const c = base('node', style, [style], fn, id, id.name);
  c.errorFirst = evidence.errorFirst;
  c.bindings.push({ variable, name: id.name, side: undefined, alias: false });
  c.guard = reassignment([variable]);
  return c;
}

/**
 * With type information: parameters and variables the untyped reading leaves alone, whose type
 * says they must fire once —
 * - a variable or parameter of a Twisted or jQuery deferred type (the type has the style's links
 *   and fire methods) that the code fires (`d.errback(e)`), wherever the deferred was made
 *   (`function refresh(d: Deferred<string>)`, `const d = this.pending()`);
 * - a parameter typed as an error-first callback (`(err: Error | null, …) => void`), whatever its
 *   name, that the function calls.
 * Only those candidates are asked about: the checker never sees the other variables.
 */
function addTypedCompletions(input: DiscoveryInput, out: Mutable[], types: TypeInfo, executorNodes: ReadonlySet<Node>): void {
  const { table } = input;
  const known = new Set<Variable>();
  for (const c of out) {
    for (const b of c.bindings) known.add(b.variable);
    if (c.object) known.add(c.object);
  }
  const fireNames = new Set<string>();
  for (const style of table.styles) {
    if (style.kind !== 'object') continue;
    for (const m of [...style.fire.success, ...style.fire.error]) fireNames.add(m);
  }
  const objects = new Map<Variable, TSESTree.Identifier>();
  if (fireNames.size > 0) {
    for (const call of input.collector.calls) {
      if (call.type !== 'CallExpression') continue;
      const callee = unwrapExpression(call.callee);
      if (callee.type !== 'MemberExpression') continue;
      const method = propertyName(callee);
      if (method === undefined || !fireNames.has(method)) continue;
      const object = unwrapExpression(callee.object);
      if (object.type !== 'Identifier') continue;
      const variable = input.resolve(object);
      if (!variable || known.has(variable) || objects.has(variable) || variable.defs.length !== 1) continue;
      const def = variable.defs[0]!;
      const declared = def.name as Node;
      if (declared.type !== 'Identifier') continue;
      if (def.type === 'Parameter' || (def.type === 'Variable' && def.node.id === declared)) objects.set(variable, declared);
    }
  }
  for (const [variable, id] of objects) {
    const styles = types.fireStyles(id);
    if (styles.length === 0) continue;
    const def = variable.defs[0]!;
    const owner = def.type === 'Parameter' ? (def.node as PathRoot) : enclosingRoot(def.node as Node);
    // Declared in a loop (`for (const d of pending)`): each turn holds another deferred, which the
    // path engine, starting the completion at the owner's entry, would take for the same one.
    if (insideLoop(id, owner)) continue;
    const c = base('object', styles[0]!, styles, owner, id, id.name);
    c.object = variable;
    const methods = new Map<string, { side: FireSide; style: Style }>();
    for (const style of styles) {
      for (const side of ['success', 'error'] as const) {
        for (const m of style.fire[side]) if (!methods.has(m)) methods.set(m, { side, style });
      }
    }
    c.fireMethods = methods;
    c.idempotent = styles.every((s) => s.name !== 'twisted');
    c.guard = reassignment([variable]);
    // Made elsewhere: checked for double fires, not owned (see `addBorrowedObjects`).
    c.borrowed = true;
    c.byType = true;
    out.push(c);
  }

  const nodeStyle = table.styles.find((s) => s.kind === 'node');
  if (!nodeStyle) return;
  for (const rec of input.collector.paths) {
    const fn = rec.root;
    if (!isFunctionValue(fn) || fn.generator || fn.params.length === 0) continue;
    if (executorNodes.has(fn) || isModuleFactory(fn) || isElementCallback(fn)) continue;
    for (const param of fn.params) {
      const id = paramIdentifier(param);
      // Only a parameter the function calls can be fired: the others are not asked about.
      if (!id) continue;
      const variable = variableOf(input, fn, id);
      if (!variable || known.has(variable) || !variable.references.some(isCalleeReference)) continue;
      // `onRow`, `handler`, `listener`: typed error-first, but called per event by design.
      if (REPEATED_HANDLER_NAME.test(id.name)) continue;
      if (!types.isErrorFirstCallbackType(id)) continue;
      const c = base('node', nodeStyle, [nodeStyle], fn, id, id.name);
      c.errorFirst = true;
      c.bindings.push({ variable, name: id.name, side: undefined, alias: false });
      c.guard = reassignment([variable]);
      c.byType = true;
      known.add(variable);
      out.push(c);
    }
  }
}

/** Names of functions called once per event, row or element, whatever their type. */
const REPEATED_HANDLER_NAME = /^(?:handler|listener|iteratee|iterator|visitor|observer|each)$|(?:Handler|Listener|Iteratee|Visitor|Observer)$|^on[A-Z]/;

/** A reference that calls the variable: `cb(…)`, `cb?.(…)`, `cb.call(…)`. */
function isCalleeReference(ref: TSESLint.Scope.Reference): boolean {
  const id = ref.identifier as Node;
  let child: Node = id;
  let parent = id.parent;
  while (parent && (parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression')) {
    child = parent;
    parent = parent.parent;
  }
  if (parent?.type === 'CallExpression' && parent.callee === child) return true;
  if (parent?.type === 'MemberExpression' && parent.object === child) {
    const name = propertyName(parent);
    return (name === 'call' || name === 'apply') && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent;
  }
  return false;
}

/** Does the argument read like an error (or the `null` of "no error")? */
export function looksLikeErrorArgument(arg: Node): boolean {
  const n = unwrapExpression(arg);
  if (isNullish(n) || isErrorConstruction(n)) return true;
  if (n.type === 'Identifier') return isErrorName(n.name);
  if (n.type === 'MemberExpression') {
    const name = propertyName(n);
    return name !== undefined && isErrorName(name);
  }
  if (n.type === 'LogicalExpression') return looksLikeErrorArgument(n.left) || looksLikeErrorArgument(n.right);
  if (n.type === 'ConditionalExpression') return looksLikeErrorArgument(n.consequent) || looksLikeErrorArgument(n.alternate);
  return false;
}

/** How the variable is called: with an error (or null) first, or with a value first. */
/** `{ message }`, `{ code: 'E', status: 500 }`: an object literal standing for an error. */
function isErrorShapedObject(node: Node): boolean {
  if (node.type !== 'ObjectExpression') return false;
  return node.properties.some(
    (p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && /^(?:message|msg|code|error|err|reason|status|statusCode)$/.test(p.key.name),
  );
}

const NOT_NODE_STYLE = new Set([
  'then',
  'catch',
  'finally',
  'done',
  'fail',
  'always',
  'addCallback',
  'addErrback',
  'addBoth',
  'on',
  'once',
  'addListener',
  'addEventListener',
  'forEach',
  'map',
  'filter',
  'some',
  'every',
  'find',
  'reduce',
]);

/** Properties a function value is read for (`cb.length` checks the arity of a callback). */
const FUNCTION_PROPERTIES = new Set(['call', 'apply', 'bind', 'length', 'name', 'toString']);

function looksLikeIteratee(variable: Variable): { errorFirst: boolean; errorValue: boolean; iteratee: boolean; data: boolean } {
  let errorFirst = false;
  let errorValue = false;
  let iteratee = false;
  let data = false;
  for (const ref of variable.references) {
    const id = ref.identifier as Node;
    let parent = id.parent;
    let child: Node = id;
    while (parent && (parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression')) {
      child = parent;
      parent = parent.parent;
    }
    let args: readonly Node[] | undefined;
    if (parent?.type === 'CallExpression' && parent.callee !== child && parent.arguments[parent.arguments.length - 1] === child) {
      // Handed to a node-style API as its last argument, after its input: used as an error-first
      // callback (not a promise link, a listener or an iteration: those call with values).
      if (parent.arguments.length >= 2 && !NOT_NODE_STYLE.has(calleeLastName(parent.callee) ?? '')) errorFirst = true;
      continue;
    }
    if (parent?.type === 'CallExpression' && parent.callee === child) {
      args = parent.arguments;
    } else if (parent?.type === 'MemberExpression' && parent.object === child) {
      const name = propertyName(parent);
      const call = parent.parent;
      if (name === 'call' && call?.type === 'CallExpression' && call.callee === parent) args = call.arguments.slice(1);
      // `next.length`… fine; `next[key]`, `next.value`: the parameter holds data, not a callback.
      if (parent.computed || name === undefined || !FUNCTION_PROPERTIES.has(name)) data = true;
    } else if (parent?.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(parent.operator)) {
      // `current === next`: compared as a value.
      const other = parent.left === child ? parent.right : parent.left;
      if (!isNullish(other) && unwrapExpression(other).type !== 'UnaryExpression') data = true;
    }
    if (!args) continue;
    const first = args[0];
    if (!first || first.type === 'SpreadElement') continue;
    const value = unwrapExpression(first);
    if (looksLikeErrorArgument(first)) {
      errorFirst = true;
      if (!isNullish(first)) errorValue = true;
    } else if ((value.type === 'Literal' && typeof value.value === 'string') || value.type === 'TemplateLiteral' || isErrorShapedObject(value)) {
      // `cb('boom')`, `cb({ message })`: the error position misused, still the error position.
      errorFirst = true;
    } else {
      iteratee = true;
    }
  }
  return { errorFirst, errorValue, iteratee, data };
}

/**
 * Why a binding no longer denotes the caller's completion, if it does not: reassigned from a
 * call (`cb = once(cb)` → `once`, other wrappers → `reassigned`) or cleared (`cb = null`).
 * Defaulting and argument shuffling (`cb = cb || noop`, `cb = opts`) keep it.
 */
function reassignment(variables: readonly Variable[], declaredAt?: Node): Completion['guard'] {
  for (const variable of variables) {
    for (const ref of variable.references) {
      if (!ref.isWrite() || ref.init) continue;
      const id = ref.identifier as Node;
      const assignment = id.parent;
      if (declaredAt && assignment === declaredAt) continue;
      if (assignment?.type !== 'AssignmentExpression' || assignment.left !== id) return 'reassigned';
      if (assignment.operator === '||=' || assignment.operator === '??=') continue;
      if (assignment.operator !== '=') return 'reassigned';
      const rhs = unwrapExpression(assignment.right);
      if (rhs.type === 'CallExpression' || rhs.type === 'NewExpression') {
        const name = calleeLastName(rhs.callee);
        return name !== undefined && GUARD_WRAPPERS.has(name) ? 'once' : 'reassigned';
      }
      if (isNullish(rhs) || rhs.type === 'Literal') return 'reassigned';
    }
  }
  return undefined;
}

/**
 * Fire methods that no other API names: a variable fired through one of them is a deferred even
 * when the function fires only that side. `callback`, `resolve`, `reject` are everyday method names
 * (`opts.callback()`, `path.resolve()`): both sides must be fired to tell.
 */
const DISTINCTIVE_FIRE_METHODS = new Set(['errback']);

/**
 * Parameters and local variables of unknown origin fired like deferreds (see the module comment).
 * Every fire must stand as a statement (or be returned from a callback: `return d.errback(err)`):
 * `P.resolve(x).then(…)` and `const p = lib.reject(e)` build values, they do not fire anything.
 */
function addBorrowedObjects(input: DiscoveryInput, out: Mutable[], calls: readonly TSESTree.CallExpression[]): void {
  const { table } = input;
  // The fire methods called per receiver name: a name whose methods cannot make a deferred of any
  // style (`path.resolve(…)` alone) cannot for any variable of that name, and is not looked up.
  const candidates: { call: TSESTree.CallExpression; object: TSESTree.Identifier; method: string }[] = [];
  const methodsByName = new Map<string, Set<string>>();
  for (const call of calls) {
    const callee = unwrapExpression(call.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') continue;
    const method = callee.property.name;
    if (table.firesNamed(method).length === 0) continue;
    const object = unwrapExpression(callee.object);
    // `Promise.resolve(x)`, `Q.reject(e)`: capitalised names are classes and libraries.
    if (object.type !== 'Identifier' || !startsLowerCase(object.name)) continue;
    candidates.push({ call, object, method });
    const methods = methodsByName.get(object.name);
    if (methods) methods.add(method);
    else methodsByName.set(object.name, new Set([method]));
  }
  if (candidates.length === 0) return;
  // Variables that already make a completion (most files get no further than the return above).
  const taken = new Set<Variable>();
  for (const c of out) {
    if (c.object) taken.add(c.object);
    for (const b of c.bindings) taken.add(b.variable);
  }
  const fired = new Map<Variable, { id: TSESTree.Identifier; methods: Set<string>; fires: boolean }>();
  const possible = new Map<string, boolean>();
  for (const { call, object, method } of candidates) {
    let ok = possible.get(object.name);
    if (ok === undefined) possible.set(object.name, (ok = borrowedStyles(table, methodsByName.get(object.name)!).length > 0));
    if (!ok) continue;
    const variable = input.resolve(object);
    if (!variable || taken.has(variable)) continue;
    let entry = fired.get(variable);
    if (!entry) fired.set(variable, (entry = { id: object, methods: new Set(), fires: true }));
    entry.methods.add(method);
    if (!discardedValue(call)) entry.fires = false;
  }
  for (const [variable, { methods, fires }] of fired) {
    if (!fires || variable.defs.length !== 1) continue;
    const def = variable.defs[0]!;
    let owner: PathRoot | undefined;
    let declaration: TSESTree.Identifier | undefined;
    if (def.type === 'Parameter' && isFunctionValue(def.node as Node) && def.name.type === 'Identifier') {
      owner = def.node as FunctionNode;
      declaration = def.name;
    } else if (def.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.id.type === 'Identifier') {
      const init = def.node.init && unwrapExpression(def.node.init);
      // A module loaded into a local is a library, not a deferred.
      if (init?.type === 'CallExpression' && calleeDottedName(init.callee) === 'require') continue;
      owner = enclosingRoot(def.node);
      declaration = def.node.id;
      // Declared in a loop (`for (const d of pending)`): one deferred per iteration, not one fired again.
      if (insideLoop(def.node, owner)) continue;
    }
    if (!owner || !declaration || !isFunctionValue(owner)) continue;
    const styles = borrowedStyles(table, methods);
    if (styles.length === 0) continue;
    // Prefer the deferred-object styles for wording (`a Deferred settles only once`).
    const ordered = [...styles.filter((st) => st.kind === 'object'), ...styles.filter((st) => st.kind !== 'object')];
    const c = base('object', ordered[0]!, ordered, owner, declaration, variable.name);
    c.object = variable;
    const fireMethods = new Map<string, { side: FireSide; style: Style }>();
    for (const style of ordered) {
      for (const side of ['success', 'error'] as const) {
        for (const m of style.fire[side]) if (!fireMethods.has(m)) fireMethods.set(m, { side, style });
      }
    }
    c.fireMethods = fireMethods;
    c.idempotent = ordered.every((st) => st.name !== 'twisted');
    c.borrowed = true;
    c.guard = reassignment([variable], def.type === 'Variable' ? (def.node as Node) : undefined);
    out.push(c);
  }
}

/** Does `name` start with a lower-case ASCII letter, `_` or `$` (`/^[a-z_$]/`)? */
function startsLowerCase(name: string): boolean {
  const first = name.charCodeAt(0);
  return (first >= 97 && first <= 122) || first === 95 || first === 36;
}

/** The styles whose deferreds a receiver fired through `methods` can be: both sides, or a distinctive error method. */
function borrowedStyles(table: StyleTable, methods: ReadonlySet<string>): Style[] {
  return table.styles.filter((style) => {
    const success = style.fire.success.filter((m) => methods.has(m));
    const error = style.fire.error.filter((m) => methods.has(m));
    return (success.length > 0 && error.length > 0) || error.some((m) => DISTINCTIVE_FIRE_METHODS.has(m));
  });
}

/** Is `node` in a loop (its body or its head) below `root`? */
function insideLoop(node: Node, root: Node): boolean {
  for (let p = node.parent; p && p !== root; p = p.parent) if (isLoop(p)) return true;
  return false;
}

/** Is the call's value thrown away: a statement, a branch of one, or returned from a function? */
function discardedValue(call: Node): boolean {
  let { parent, child } = valueParent(call);
  for (;;) {
    if (!parent) return false;
    if (parent.type === 'ConditionalExpression' && parent.test !== child) {
      ({ parent, child } = valueParent(parent));
      continue;
    }
    if (parent.type === 'LogicalExpression' && parent.right === child) {
      ({ parent, child } = valueParent(parent));
      continue;
    }
    if (parent.type === 'SequenceExpression') {
      if (parent.expressions[parent.expressions.length - 1] !== child) return true;
      ({ parent, child } = valueParent(parent));
      continue;
    }
    if (parent.type === 'UnaryExpression' && parent.operator === 'void') return true;
    if (parent.type === 'ExpressionStatement') return true;
    if (parent.type === 'ArrowFunctionExpression' && parent.body === child) return true;
    if (parent.type === 'ReturnStatement') return isFunctionValue(enclosingRoot(parent) as Node);
    return false;
  }
}

/** `const done = resolve`, `const callback = cb || noop`, `done = resolve` (single write). */
function addAliases(input: DiscoveryInput, completions: Mutable[]): void {
  for (const c of completions) {
    if (c.kind === 'object') continue;
    for (let i = 0; i < c.bindings.length; i++) {
      const b = c.bindings[i]!;
      for (const ref of b.variable.references) {
        if (ref.isWrite()) continue;
        let value: Node = ref.identifier as Node;
        let parent = value.parent;
        while (parent && (parent.type === 'LogicalExpression' || parent.type === 'ConditionalExpression')) {
          if (parent.type === 'ConditionalExpression' && parent.test === value) break;
          value = parent;
          parent = parent.parent;
        }
        let target: Variable | undefined;
        if (parent?.type === 'VariableDeclarator' && parent.init === value && parent.id.type === 'Identifier') {
          target = variableOf(input, parent, parent.id);
        } else if (
          parent?.type === 'AssignmentExpression' &&
          parent.right === value &&
          parent.operator === '=' &&
          parent.left.type === 'Identifier'
        ) {
          target = input.resolve(parent.left);
        }
        if (!target || c.bindings.some((x) => x.variable === target)) continue;
        const writes = target.references.filter((r) => r.isWrite());
        if (writes.length !== 1) continue;
        c.bindings.push({ variable: target, name: target.name, side: b.side, alias: true });
        if (reassignment([target])) c.guard ??= 'reassigned';
      }
    }
  }
}

/** `this.callback = cb` (also through `self = this`): a member completion fired as `this.callback(…)`. */
function addMembers(input: DiscoveryInput, completions: Mutable[]): void {
  const byVariable = new Map<Variable, Mutable>();
  for (const c of completions) {
    if (c.kind === 'node' || c.kind === 'pair' || c.kind === 'executor') {
      for (const b of c.bindings) byVariable.set(b.variable, c);
    }
  }
  if (byVariable.size === 0) return;
  const names = new Set<string>();
  for (const v of byVariable.keys()) names.add(v.name);
  const seen = new Set<string>();
  // `member = name` assignments, by the names the collector read during the traversal.
  const { assignments, assignedNames } = input.collector;
  for (let i = 0; i < assignments.length; i++) {
    const name = assignedNames[i]!;
    if (name === '' || !names.has(name)) continue;
    const assignment = assignments[i]! as TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression };
    const right = unwrapExpression(assignment.right) as TSESTree.Identifier;
    const variable = input.resolve(right);
    const source = variable && byVariable.get(variable);
    if (!source) continue;
    const key = memberKey(assignment.left, input.resolve);
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    const binding = source.bindings.find((b) => b.variable === variable)!;
    const c = base('member', source.style, source.styles, undefined, assignment, key);
    c.memberKey = key;
    c.source = source;
    c.throws = source.throws;
    c.idempotent = source.idempotent;
    c.memberSide = binding.side;
    completions.push(c);
  }
}

/**
 * The normalised path of a member: `this.x` for `this.x` and for `self.x` when `self = this`;
 * the dotted name otherwise.
 */
export function memberKey(
  member: TSESTree.MemberExpression,
  resolve: (id: TSESTree.Identifier) => Variable | undefined,
): string | undefined {
  const prop = propertyName(member);
  if (prop === undefined) return undefined;
  const object = unwrapExpression(member.object);
  if (object.type === 'ThisExpression') return `this.${prop}`;
  if (object.type === 'Identifier') {
    const variable = resolve(object);
    const def = variable?.defs[0];
    if (
      variable &&
      variable.defs.length === 1 &&
      def?.node.type === 'VariableDeclarator' &&
      def.node.init?.type === 'ThisExpression'
    ) {
      return `this.${prop}`;
    }
    return `${object.name}.${prop}`;
  }
  const dotted = calleeDottedName(member);
  return dotted;
}
