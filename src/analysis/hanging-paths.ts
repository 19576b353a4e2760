/**
 * Hanging paths and lost errors, derived from the path facts of each completion's owner.
 *
 * - `hangingPath`: an exit of the owner (a `return`, or falling off the end) reached with the
 *   completion neither fired nor handed off, while other exits do fire it. Not reported where the
 *   caller passed no callback (`if (!cb) return new Promise(…)`), where the exit returns a value
 *   (a dual API returning its promise, a synchronous result), after an explicit fire-and-forget
 *   `void call()`, for Express/Koa middleware `next` (answering the request without `next()` is
 *   normal), and for a Deferred the owner does not return.
 * - `swallowedError`: a `catch` in the owner (or in a callback of it) whose block neither fires the
 *   completion nor rethrows, and only logs or ignores the error, when its `try` block produces what
 *   the completion is fired with (or fires it).
 * - `ignoredError` / `successOnErrorPath`: from the engine's observations of error-first callbacks
 *   (`fs.readFile(f, (err, data) => …)`): a path where `err` holds an error ends without firing, or
 *   fires the success side.
 * - `lostError`: an `'error'` listener that only logs, on an emitter whose other listeners fire the
 *   completion (see `error-listeners.ts`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Completion, Variable } from './completions.js';
import { isCountingTest } from './conditions.js';
import { mayObserveErrors } from './engine.js';
import { findLostErrorListeners } from './error-listeners.js';
import { classifyInvocation } from './invocations.js';
import type { FileAnalysis } from './file-analysis.js';
import type { UseIndex } from './uses.js';
import { neverPassesAnError } from './node-callbacks.js';
import {
  contains,
  enclosingRoot,
  isFunctionValue,
  isLogging,
  isLoggingArgument,
  isLoop,
  memberPath,
  unwrapExpression,
  type FunctionNode,
  type Node,
  firstStartingAt,
  someWithin,
} from './syntax.js';
import { errorSideCallee } from './wording.js';

export type HangingKind = 'hangingPath' | 'swallowedError' | 'ignoredError' | 'successOnErrorPath' | 'lostError';

export interface HangingFinding {
  readonly kind: HangingKind;
  readonly completion: Completion;
  /** Where to report: a `return`, a function (its end), a `catch` clause, a fire. */
  readonly node: Node;
  /** `end`: report at the last token of `node` (a function falling off its end). */
  readonly atEnd: boolean;
  /** The error parameter (`err`, the catch parameter), for messages and suggestions. */
  readonly param: TSESTree.Identifier | undefined;
  /** The callback observed (ignoredError / successOnErrorPath), the `'error'` listener (lostError). */
  readonly fn: FunctionNode | undefined;
  /** lostError: a listener for an event that follows an error fires the success side instead. */
  readonly successAfter?: { readonly event: string; readonly fire: Node };
}

const KEY = Symbol('hanging-paths');
const NO_FINDINGS: readonly HangingFinding[] = Object.freeze([]);

/** All findings of the file, in source order (memoised per file). */
export function findHangingPaths(analysis: FileAnalysis): readonly HangingFinding[] {
  // Most files have no completion: nothing to allocate, sort or remember (no closure, no memo).
  if (analysis.completions().length === 0) return NO_FINDINGS;
  return analysis.memo(KEY, () => {
    const out: HangingFinding[] = [];
    const seen = new Set<Node>();
    const push = (f: HangingFinding) => {
      if (seen.has(f.node)) return;
      seen.add(f.node);
      out.push(f);
    };
    for (const c of analysis.completions()) {
      if (c.guard || !c.owner || !ownsDuty(c, analysis)) continue;
      const uses = analysis.uses(c);
      if (uses.fireCalls.size === 0 && uses.uses.size === 0) continue;
      for (const clause of swallowingCatches(c, analysis)) {
        push({ kind: 'swallowedError', completion: c, node: clause, atEnd: false, param: clause.param?.type === 'Identifier' ? clause.param : undefined, fn: undefined });
      }
      // An error side to forward to, used error-first where it is a node callback.
      if (errorSideCallee(c) !== undefined && !(c.kind === 'node' && !c.errorFirst)) {
        for (const l of findLostErrorListeners(c, analysis)) {
          push({ kind: 'lostError', completion: c, node: l.logged, atEnd: false, param: l.param, fn: l.listener, successAfter: l.successAfter });
        }
      }
      if (trivialSingleUse(c, analysis)) continue;
      // A callback parameter never used error-first (`fn.apply(this, args)`) may be any function:
      // not calling it on some path proves nothing. `(resolve, reject)` handed to a helper are
      // promise plumbing, settled by whatever the helper chains.
      const plainFunction = (c.kind === 'node' && !c.errorFirst) || (c.kind === 'pair' && c.idempotent);
      const judgesExits = !plainFunction && !isMiddlewareNext(c, analysis);
      // Only error-first callbacks handed to an API are observed; exits need judging only when
      // some path may end without firing.
      // (Whether exits need judging is asked first: when they do, whether errors are observed
      // does not matter here.)
      if ((!judgesExits || everyExitFires(c, uses, analysis)) && !observesErrors(uses, analysis)) continue;
      // A use the engine cannot place: it would answer "not analysed" without a run (see `analyseCompletion`).
      if (uses.unplaceable) continue;
      const paths = analysis.paths(c);
      if (!paths.analysed) continue;
      for (const o of paths.observations) {
        if (iterationNeverFails(o.fn, analysis)) continue;
        push({ kind: o.kind, completion: c, node: o.node, atEnd: o.node === o.fn, param: o.param, fn: o.fn });
      }
      // Hanging paths: unfired at an exit, while some path fires. A completion fired under a
      // counting test (`if (--pending === 0) cb()`) is a join: most paths do not fire it by design.
      const exits = paths.exits.filter((e) => e.kind !== 'throw');
      const counting = [...paths.fires.values()].some((f) => underCountingTest(f.node, c.owner!, analysis));
      // Only ever handed on (`fs.readFile(f, cb)`): a branch that does not hand it on may be a mode
      // without a callback; only an explicit early `return` is judged.
      const handedOnly = [...paths.fires.values()].every((f) => f.kind === 'handoff');
      if (!counting && judgesExits && exits.some((e) => e.state.live && e.state.max > 0)) {
        for (const e of exits) {
          if (e.unfired.length === 0 || e.state.approx) continue;
          if (handedOnly && e.kind !== 'return') continue;
          if (e.kind === 'return' && returnsValue(e.node as TSESTree.ReturnStatement, c, analysis)) continue;
          for (const where of e.unfired) {
            const atEnd = where === e.node && e.kind === 'end';
            if (afterVoidCall(where, atEnd) || inLoopHead(where) || decidedElsewhere(where, c, analysis)) continue;
            push({ kind: 'hangingPath', completion: c, node: where, atEnd, param: undefined, fn: undefined });
          }
        }
      }
    }
    return out.sort((a, b) => a.node.range[0] - b.node.range[0]);
  });
}

/** Is a function using the completion passed to a call, one the engine may follow as an observed error-first callback? */
function observesErrors(index: UseIndex, analysis: FileAnalysis): boolean {
  for (const list of index.uses.values()) {
    for (const use of list) {
      if (use.kind === 'arg' && use.target.type === 'fn' && mayObserveErrors(use.target.fn, (id) => analysis.resolve(id))) return true;
    }
  }
  return false;
}

/**
 * Does every way out of the owner (its reachable `return`s and falling off its end) come right
 * through a fire, a hand-off or registration, or a function run there that itself always fires?
 * Then no exit is reached unfired and there is no hanging path to look for. `throw` exits are
 * not judged. Conservative: anything else (a `try … finally`, a `switch`, a loop last) answers no.
 */
export function everyExitFires(c: Completion, index: UseIndex, analysis: FileAnalysis): boolean {
  const owner = c.owner;
  if (!owner || !isFunctionValue(owner)) return false;
  for (const list of index.uses.values()) for (const use of list) if (use.kind === 'reset') return false;
  // A `return` of the owner that hands back a value (see `returnsValue`) is an exit the rule never
  // judges, fired or not. Only outside a `try` with a `finally`: there the path leaves through the
  // `finally` block, an exit of kind `end` that is judged.
  const unjudged = (r: TSESTree.ReturnStatement): boolean => returnsValue(r, c, analysis) && !underFinally(r, owner);
  return functionFires(owner, index, analysis, [owner], unjudged);
}

/** Is `node` in the block or `catch` of a `try` with a `finally`, inside `fn`? */
function underFinally(node: Node, fn: FunctionNode): boolean {
  for (let child = node, p = node.parent; p && p !== fn; child = p, p = p.parent) {
    if (p.type === 'TryStatement' && p.finalizer && p.finalizer !== child) return true;
  }
  return false;
}

function functionFires(
  fn: FunctionNode,
  index: UseIndex,
  analysis: FileAnalysis,
  stack: FunctionNode[],
  unjudged?: (r: TSESTree.ReturnStatement) => boolean,
): boolean {
  const rec = analysis.collector.pathOf(fn);
  if (!rec) return false;
  for (const r of rec.returns) {
    if (unjudged?.(r)) continue;
    if (r.argument && expressionFires(r.argument, index, analysis, stack)) continue;
    // `cb(err); return;`: a statement before it in its list fires whenever it completes.
    if (!firesBefore(r, index, analysis, stack)) return false;
  }
  if (!rec.fallsOffEnd) return true;
  if (fn.body.type !== 'BlockStatement') return expressionFires(fn.body, index, analysis, stack);
  return someFires(fn.body.body, fn.body.body.length, index, analysis, stack);
}

/** Does a statement before `stmt` in its block (or `case`) fire whenever it completes normally? */
function firesBefore(stmt: Node, index: UseIndex, analysis: FileAnalysis, stack: FunctionNode[]): boolean {
  const parent = stmt.parent;
  let list: readonly Node[];
  if (parent?.type === 'BlockStatement') list = parent.body;
  else if (parent?.type === 'SwitchCase') list = parent.consequent;
  else return false;
  return someFires(list, list.indexOf(stmt), index, analysis, stack);
}

/**
 * Does one of the first `end` statements of a list fire whenever it completes normally? Then so
 * does the list up to there: a list is run from its start (no jump enters it elsewhere, a `case`
 * included), each statement only after the one before it completed normally, and nothing undoes
 * a fire (a completion reassigned is ruled out before). Asked from the end: the statements right
 * before an exit are the ones that usually fire.
 */
function someFires(list: readonly Node[], end: number, index: UseIndex, analysis: FileAnalysis, stack: FunctionNode[]): boolean {
  for (let k = end - 1; k >= 0; k--) if (statementFires(list[k]!, index, analysis, stack)) return true;
  return false;
}

/** Does every run of the statement that completes normally fire (its `return`s are judged apart)? */
function statementFires(stmt: Node, index: UseIndex, analysis: FileAnalysis, stack: FunctionNode[]): boolean {
  switch (stmt.type) {
    case 'ExpressionStatement':
      return expressionFires(stmt.expression, index, analysis, stack);
    case 'IfStatement':
      return !!stmt.alternate && statementFires(stmt.consequent, index, analysis, stack) && statementFires(stmt.alternate, index, analysis, stack);
    case 'BlockStatement':
      return someFires(stmt.body, stmt.body.length, index, analysis, stack);
    case 'TryStatement':
      // Done normally, the `try` ran its block or its `catch` to the end; a `finally` is not judged.
      return !stmt.finalizer && !!stmt.handler && statementFires(stmt.block, index, analysis, stack) && statementFires(stmt.handler.body, index, analysis, stack);
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    default:
      return false;
  }
}

/** Does evaluating the expression fire on every path (or hand the completion off, or lose it)? */
function expressionFires(expr: Node, index: UseIndex, analysis: FileAnalysis, stack: FunctionNode[]): boolean {
  const node = expr.type === 'ChainExpression' || expr.type === 'TSNonNullExpression' ? expr.expression : expr;
  if (node.type === 'ConditionalExpression') {
    return expressionFires(node.consequent, index, analysis, stack) && expressionFires(node.alternate, index, analysis, stack);
  }
  if (index.fireCalls.has(node)) return true;
  // Every element runs, in order: one that fires is enough.
  if (node.type === 'SequenceExpression') {
    for (const e of node.expressions) if (expressionFires(e, index, analysis, stack)) return true;
    return false;
  }
  // `x = cb(null)` runs its right side; `self.done = resolve` stores the completion (a loss, as
  // when a call takes it): either way the path goes on fired or lost.
  if (node.type === 'AssignmentExpression') {
    if (node.operator === '=' && expressionFires(node.right, index, analysis, stack)) return true;
    const own = index.uses.get(node);
    if (!own) return false;
    for (const use of own) if (use.kind !== 'lose') return false;
    return true;
  }
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return false;
  const uses = index.uses.get(node);
  if (!uses) return false;
  for (const use of uses) {
    if (use.kind === 'lose') continue;
    if (use.kind === 'reset') return false;
    let fn: FunctionNode | undefined;
    if (use.kind === 'inline') fn = use.fn;
    else {
      const kind = classifyInvocation(node, use.index, analysis.table, () => false).kind;
      // `inspect` leaves the state as it was; `many` arms it; link, guard and unknown lose it.
      if (kind === 'inspect') return false;
      if (use.target.type === 'fn' && (kind === 'once' || kind === 'delegate' || kind === 'maybe')) fn = use.target.fn;
    }
    if (fn && (stack.includes(fn) || stack.length > 8 || !functionFires(fn, index, analysis, [...stack, fn]))) return false;
  }
  return true;
}

/**
 * `async.eachSeries(ids, (id, cb) => { …; cb(); }, (err) => callback(null, out))`: the iteratee
 * before the final callback only ever calls its own callback without an error, so `err` is
 * always empty there and ignoring it loses nothing.
 */
function iterationNeverFails(fn: FunctionNode, analysis: FileAnalysis): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression') return false;
  const at = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  return call.arguments.slice(0, Math.max(at, 0)).some((arg) => {
    const earlier = functionOf(arg, analysis);
    return earlier !== undefined && neverPassesAnError(analysis.table, earlier, (param) => analysis.resolve(param));
  });
}

/** An inline function, or a name bound once to a function declaration. */
function functionOf(arg: Node, analysis: FileAnalysis): FunctionNode | undefined {
  const a = unwrapExpression(arg);
  if (isFunctionValue(a)) return a;
  if (a.type !== 'Identifier') return undefined;
  const defs = analysis.resolve(a)?.defs;
  const def = defs?.length === 1 ? defs[0] : undefined;
  // A parameter's definition node is its function too: only a declared function name counts.
  return def?.type === 'FunctionName' && def.node.type === 'FunctionDeclaration' ? def.node : undefined;
}

/**
 * The unfired path is decided by a test the analysis cannot correlate: the object's own state
 * (`if (!this._waiting)`, `switch (this._state)`), which earlier calls set, or the result of a
 * call that may itself fire the completion (`if (check() === true) return`).
 */
function decidedElsewhere(where: Node, c: Completion, analysis: FileAnalysis): boolean {
  if (unmatchedDispatch(where)) return true;
  const index = analysis.uses(c);
  const owner = c.owner!;
  const involvesCompletion = (n: Node): boolean =>
    [...index.fireCalls.keys(), ...index.uses.keys()].some((u) => contains(n, u));
  for (let p: Node | undefined = where; p && p !== owner; p = p.parent) {
    const test = p.type === 'IfStatement' ? p.test : p.type === 'SwitchStatement' ? p.discriminant : undefined;
    if (test && (readsObjectState(test) || involvesCompletion(test))) return true;
    if (isFunctionValue(p)) return false;
  }
  return false;
}

/**
 * The path that skips the last arm of `if (data.type === 'buffer') … else if (data.type ===
 * 'stream') …`: a dispatch over the values the code expects, with no final `else`. Which values
 * can arrive is settled by whoever sets `data.type` (archiver's core hands its formats only those
 * two); the analysis cannot know the set is closed, so it does not call the remainder a path.
 */
function unmatchedDispatch(where: Node): boolean {
  if (where.type !== 'IfStatement' || where.alternate) return false;
  let subject: string | undefined;
  let arms = 0;
  for (let arm: Node = where; ; ) {
    if (arm.type !== 'IfStatement') return false;
    const tested = comparedWithLiteral(arm.test);
    if (tested === undefined || (subject !== undefined && tested !== subject)) return false;
    subject = tested;
    arms++;
    const parent: Node | undefined = arm.parent;
    if (parent?.type !== 'IfStatement' || parent.alternate !== arm) break;
    arm = parent;
  }
  return arms >= 2;
}

/** `x.kind === 'a'` / `'a' == kind` / `n === 2`: the binding or member path compared. */
function comparedWithLiteral(test: Node): string | undefined {
  const t = unwrapExpression(test);
  if (t.type !== 'BinaryExpression' || (t.operator !== '===' && t.operator !== '==')) return undefined;
  const literalRight = t.right.type === 'Literal';
  const literal = literalRight ? t.right : t.left;
  if (literal.type !== 'Literal' || (typeof literal.value !== 'string' && typeof literal.value !== 'number')) return undefined;
  const subject = unwrapExpression(literalRight ? t.left : t.right);
  if (subject.type === 'Identifier') return subject.name;
  return subject.type === 'MemberExpression' ? memberPath(subject) : undefined;
}

function readsObjectState(test: Node): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    if (n.type === 'MemberExpression') {
      let base: Node = n;
      while (base.type === 'MemberExpression') base = base.object;
      if (base.type === 'ThisExpression' || (base.type === 'Identifier' && /^(?:self|that|_this|me)$/.test(base.name))) found = true;
      return;
    }
    if (n.type === 'UnaryExpression') visit(n.argument);
    else if (n.type === 'LogicalExpression' || n.type === 'BinaryExpression') {
      visit(n.left);
      visit(n.right);
    }
  };
  visit(test);
  return found;
}

/**
 * One use, an unconditional statement of the owner's body (`cb(null, x)`, `return g(x, cb)`) with
 * no `return` before it: every path reaches it, and there is no inner callback or `try` to judge.
 */
function trivialSingleUse(c: Completion, analysis: FileAnalysis): boolean {
  const index = analysis.uses(c);
  if (index.capturing.size > 0) return false;
  // Exactly one fire or use: counted before any list of them is made.
  if (index.fireCalls.size + index.uses.size !== 1) return false;
  const item: Node = index.fireCalls.size === 1 ? index.fireCalls.keys().next().value! : index.uses.keys().next().value!;
  const owner = c.owner;
  if (!owner || !isFunctionValue(owner) || owner.body.type !== 'BlockStatement') return false;
  let stmt: Node | undefined = item;
  while (stmt && stmt.parent !== owner.body) {
    if (stmt.type !== 'CallExpression' && stmt.type !== 'ExpressionStatement' && stmt.type !== 'ReturnStatement' && stmt.type !== 'ChainExpression' && stmt.type !== 'AwaitExpression') return false;
    stmt = stmt.parent;
  }
  if (!stmt) return false;
  const rec = analysis.collector.pathOf(owner);
  if (!rec) return false;
  // The path's reachable `return`s (the ones among its items) in source order: the first one decides.
  const first = rec.returns[0];
  return first === undefined || first.range[0] >= stmt.range[0];
}

/** A loop that runs zero times leaves unfired: iterating a non-empty collection is the norm. */
function inLoopHead(node: Node): boolean {
  for (let p: Node | undefined = node; p; p = p.parent) {
    const parent = p.parent;
    if (!parent) return false;
    if (isLoop(parent)) return 'body' in parent ? parent.body !== p : true;
    if (isFunctionValue(parent)) return false;
    if (p.type.endsWith('Statement') && p.type !== 'ExpressionStatement') return isLoop(p);
  }
  return false;
}

/** Is the fire under a test that counts or matches (`if (--pending === 0)`), up to the owner? */
function underCountingTest(fire: Node, owner: Node, analysis: FileAnalysis): boolean {
  const counter = (id: TSESTree.Identifier) => {
    const v = analysis.resolve(id);
    return !!v && v.references.some((r) => {
      const parent = (r.identifier as Node).parent;
      return r.isWrite() && (parent?.type === 'UpdateExpression' || (parent?.type === 'AssignmentExpression' && parent.operator !== '='));
    });
  };
  let child = fire;
  for (let p = fire.parent; p && p !== owner; child = p, p = p.parent) {
    let test: Node | undefined;
    if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && p.test !== child) test = p.test;
    else if (p.type === 'LogicalExpression' && p.right === child) test = p.left;
    if (test && isCountingTest(test, counter)) return true;
  }
  return false;
}

/** Does the owner carry the duty to fire? A Deferred: only one it made, and only when it returns it. */
function ownsDuty(c: Completion, analysis: FileAnalysis): boolean {
  if (c.kind !== 'object') return true;
  // A deferred the function was given (a parameter, a variable of unknown origin) is its maker's duty.
  if (c.borrowed) return false;
  const variable = c.object;
  if (!variable) return false;
  void analysis;
  return variable.references.some((r) => {
    let node: Node = r.identifier as Node;
    // `return d`, `return d.promise()`, `return d.promise`
    for (let i = 0; i < 3 && node.parent; i++) {
      if (node.parent.type === 'ReturnStatement') return enclosingRoot(node.parent) === c.owner;
      if (node.parent.type !== 'MemberExpression' && node.parent.type !== 'CallExpression') return false;
      node = node.parent;
    }
    return false;
  });
}

/**
 * `return value;` hands something back: a dual API's promise, a synchronous result. Returning the
 * owned Deferred itself (`return d`, `return d.promise()`) is not that.
 */
function returnsValue(node: TSESTree.ReturnStatement, c: Completion, analysis: FileAnalysis): boolean {
  const arg = node.argument && unwrapExpression(node.argument);
  if (!arg) return false;
  if (arg.type === 'Literal') return false;
  if (arg.type === 'Identifier' && arg.name === 'undefined') return false;
  if (c.object) {
    let base: Node = arg;
    while (base.type === 'CallExpression' || base.type === 'MemberExpression') base = base.type === 'CallExpression' ? base.callee : base.object;
    if (base.type === 'Identifier' && analysis.resolve(base) === c.object) return false;
  }
  // `return void later()`: fire-and-forget, explicitly.
  if (arg.type === 'UnaryExpression' && arg.operator === 'void') return true;
  return true;
}

/** The path ends with, or right after, `void call();` (fire-and-forget, explicitly). */
function afterVoidCall(exit: Node, atEnd: boolean): boolean {
  let block: Node | undefined;
  let index: number;
  if (atEnd) {
    const body = isFunctionValue(exit) ? exit.body : undefined;
    if (body?.type !== 'BlockStatement') return false;
    block = body;
    index = body.body.length;
  } else if (exit.type === 'BlockStatement') {
    block = exit;
    index = exit.body.length;
  } else {
    block = exit.parent;
    if (block?.type !== 'BlockStatement') return false;
    index = block.body.indexOf(exit as TSESTree.Statement);
  }
  const previous = block.type === 'BlockStatement' ? block.body[index - 1] : undefined;
  return previous?.type === 'ExpressionStatement' && previous.expression.type === 'UnaryExpression' && previous.expression.operator === 'void';
}

/** `(req, res, next)`, `(ctx, next)`: answering without `next()` is how middleware ends a request. */
function isMiddlewareNext(c: Completion, analysis: FileAnalysis): boolean {
  if (c.kind !== 'node' || !c.owner || !isFunctionValue(c.owner)) return false;
  // The collector's summary of the owner's last parameter rules out all but a `next` (it names a
  // plain last parameter, and one with a default): the parameters are not read then.
  const rec = analysis.collector.pathOf(c.owner);
  if (rec && rec.lastParam !== 'next') return false;
  const names = c.owner.params.map((p) => (p.type === 'Identifier' ? p.name : ''));
  const last = names[names.length - 1];
  if (last !== 'next') return false;
  return (/^(?:req|request)$/.test(names[0] ?? '') && /^(?:res|response|reply)$/.test(names[1] ?? '')) || /^(?:ctx|context)$/.test(names[0] ?? '');
}

/**
 * `catch` clauses of the owner (or of a function using the completion) that lose the error: the
 * block only logs or returns, the parameter is not used otherwise, nothing is fired or rethrown,
 * and the `try` block fires the completion or computes a value it is fired with.
 */
function swallowingCatches(c: Completion, analysis: FileAnalysis): TSESTree.CatchClause[] {
  const owner = c.owner!;
  // Most owners have no `catch` at all, and most `catch` blocks do something with the error:
  // only a clause inside the owner that swallows can be found below (each one found is such a
  // clause), so without one nothing else is read.
  if (!someWithin(analysis.collector.catchClauses, owner, (clause) => swallows(clause, analysis))) return [];
  const index = analysis.uses(c);
  const fires = [...index.fireCalls.values()];
  const useNodes = [...index.fireCalls.keys(), ...index.uses.keys()];
  const firedWith = new Set<Variable>();
  for (const f of fires) {
    for (const arg of f.args ?? []) {
      const a = unwrapExpression(arg);
      if (a.type === 'Identifier') {
        const v = analysis.resolve(a);
        if (v) firedWith.add(v);
      }
    }
  }
  const out: TSESTree.CatchClause[] = [];
  const tries = new Set<TSESTree.TryStatement>();
  // Candidate try statements: around a use, or assigning a variable the completion is fired with.
  for (const node of useNodes) {
    for (let p = node.parent; p && p !== owner.parent; p = p.parent) {
      if (p.type === 'TryStatement' && p.handler && contains(p.block, node)) tries.add(p);
    }
  }
  for (const v of firedWith) {
    // Only writes inside the owner can be in its `try` blocks (the only ones judged below); found by
    // position, so that many completions firing one much-written variable stay linear.
    for (const id of writesWithin(analysis, v, owner)) {
      for (let p = id.parent; p && p !== owner.parent; p = p.parent) {
        if (p.type === 'TryStatement' && p.handler && contains(p.block, id)) {
          tries.add(p);
          break;
        }
        if (isFunctionValue(p)) break;
      }
    }
  }
  for (const t of tries) {
    const clause = t.handler!;
    if (!contains(owner, clause)) continue;
    if (useNodes.some((n) => contains(clause, n))) continue;
    if (!swallows(clause, analysis)) continue;
    // `try { return fn() } catch {}`: a function called for its value, errors ignored on purpose.
    if (fires.some((f) => contains(t.block, f.node) && f.node.parent?.type === 'ReturnStatement' && c.kind === 'node' && !c.errorFirst)) continue;
    // After the catch, a fire that does not use what the try block computed is a fallback
    // (`fn(null, false)`): the error was turned into an answer on purpose.
    const returns = clause.body.body.some((st) => st.type === 'ReturnStatement');
    const later = fires.filter((f) => f.node.range[0] > t.range[1] && contains(owner, f.node));
    const fallback = later.some((f) => !(f.args ?? []).some((a) => usesVariableWrittenIn(a, t.block, analysis)));
    if (!returns && fallback) continue;
    out.push(clause);
  }
  return out;
}

const WRITES = Symbol('writes-by-position');

/** The identifiers writing `variable` inside `node`, from a per-file index of writes sorted by position. */
function writesWithin(analysis: FileAnalysis, variable: Variable, node: Node): Node[] {
  const byVariable = analysis.memo(WRITES, () => new Map<Variable, Node[]>());
  let writes = byVariable.get(variable);
  if (!writes) {
    writes = variable.references.filter((r) => r.isWrite()).map((r) => r.identifier as Node);
    writes.sort((a, b) => a.range[0] - b.range[0]);
    byVariable.set(variable, writes);
  }
  const [start, end] = node.range;
  const out: Node[] = [];
  for (let i = firstStartingAt(writes, start); i < writes.length && writes[i]!.range[1] <= end; i++) out.push(writes[i]!);
  return out;
}

/** Does the argument read a variable that the block writes? */
function usesVariableWrittenIn(arg: Node, block: Node, analysis: FileAnalysis): boolean {
  const a = unwrapExpression(arg);
  if (a.type !== 'Identifier') return false;
  const v = analysis.resolve(a);
  return !!v && v.references.some((r) => r.isWrite() && contains(block, r.identifier as Node));
}

/** The block is empty, logs, or returns nothing; the parameter is only logged. */
function swallows(clause: TSESTree.CatchClause, analysis: FileAnalysis): boolean {
  for (const stmt of clause.body.body) {
    if (stmt.type === 'EmptyStatement') continue;
    if (stmt.type === 'ReturnStatement' && (!stmt.argument || stmt.argument.type === 'Literal')) continue;
    if (stmt.type === 'ExpressionStatement' && isLogging(stmt.expression)) continue;
    return false;
  }
  const param = clause.param;
  if (param?.type !== 'Identifier') return param === null;
  const variable = analysis.resolve(param);
  return !variable || variable.references.every((r) => isLoggingArgument(r.identifier as Node));
}
