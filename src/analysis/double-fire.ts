/**
 * Double fires, derived from the path facts: for every fire whose earlier state says the
 * completion may already have fired, one finding with the kind of message it deserves.
 *
 * - `certain`: fired on every path that reaches this fire, nothing handed off;
 * - `potential`: fired on some path (the earlier site is named);
 * - `bothSides`: the earlier fire was the other side (`reject` then `resolve`, `cb(err)` then
 *   `cb(null, v)`);
 * - `repeated`: this very fire runs again — in a loop, or in a function that runs many times
 *   (`forEach`, `.on('data')`, `setInterval`), or the completion is registered as such a listener;
 * - `afterHandOff`: it was handed to a function that calls it (`fs.readFile(f, cb)`) and is fired
 *   again.
 *
 * Stays silent for fires of idempotent completions (promise resolvers, jQuery deferreds) that
 * come from different once-events or links (`on('error', reject); on('end', resolve)` is the
 * standard wiring; two fires in one handler run still count), and for
 * repeated fires under a counting test (`if (--pending === 0) cb()`), which is how code fires once
 * after many events.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Completion } from './completions.js';
import { isCountingTest } from './conditions.js';
import { namesCompletion, type FireRecord } from './engine.js';
import type { FileAnalysis } from './file-analysis.js';
import type { Use, UseIndex } from './uses.js';
import type { FireSite } from './fire-state.js';
import { ONCE_EVENTS, classifyInvocation, eventName, runsMany, type RepeatReason } from './invocations.js';
import type { StyleTable } from './styles.js';
import type { FireSide } from './styles.js';
import { calleeLastName, contains, enclosingRoot, isFunctionValue, isLoop, propertyName, unwrapExpression, type FunctionNode, type Node } from './syntax.js';

export type DoubleFireKind = 'certain' | 'potential' | 'bothSides' | 'repeated' | 'afterHandOff';

export interface DoubleFire {
  readonly completion: Completion;
  /** The second fire: a call, or a reference passed on. */
  readonly node: Node;
  readonly kind: DoubleFireKind;
  /** The fire as written here: `resolve`, `cb`, `d.callback`. */
  readonly name: string;
  readonly side: FireSide | 'unknown';
  /** The earlier fire or hand-off the message names (not for `repeated`). */
  readonly earlier: FireSite | undefined;
  readonly reason: RepeatReason | undefined;
  /** `if (…) cb(err)` falling through: the statement a `return` would stop at. */
  readonly returnBefore: TSESTree.ExpressionStatement | undefined;
}

const KEY = Symbol('double-fires');
const NO_FINDINGS: readonly DoubleFire[] = Object.freeze([]);

/** All double fires of the file, in source order (memoised per file). */
export function findDoubleFires(analysis: FileAnalysis): readonly DoubleFire[] {
  // Most files have no completion: nothing to allocate, sort or remember (no closure, no memo).
  if (analysis.completions().length === 0) return NO_FINDINGS;
  return analysis.memo(KEY, () => {
    const out: DoubleFire[] = [];
    const reported = new Set<Node>();
    for (const c of analysis.completions()) {
      if (c.guard) continue;
      const index = analysis.uses(c);
      // A use the engine cannot place: it would answer "not analysed" without a run (see `analyseCompletion`).
      if (index.unplaceable) continue;
      if (!canFireTwice(index, c, analysis.table) || firesOnlyAtExits(index, c, analysis.table) || onlyHandsOff(index, c, analysis)) continue;
      const paths = analysis.paths(c);
      if (!paths.analysed) continue;
      for (const r of paths.registrations) {
        if (reported.has(r.node) || !sideKnownEnough(c, r.side)) continue;
        reported.add(r.node);
        out.push({ completion: c, node: r.node, kind: 'repeated', name: r.name, side: 'unknown', earlier: undefined, reason: r.reason, returnBefore: undefined });
      }
      const fires = [...paths.fires.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
      for (const f of fires) {
        if (reported.has(f.node)) continue;
        const finding = judge(c, f, (id) => isCounter(analysis, id));
        if (finding) {
          reported.add(f.node);
          out.push(finding);
        }
      }
    }
    return out.sort((a, b) => a.node.range[0] - b.node.range[0]);
  });
}

function judge(c: Completion, f: FireRecord, counter: (id: TSESTree.Identifier) => boolean): DoubleFire | undefined {
  const pre = f.pre;
  if (!pre.live || pre.max === 0 || pre.approx) return undefined;
  // Resolvers wired to several events or links race on purpose (`on('error', reject);
  // on('end', resolve)`, `Promise.race`, a timeout): judge idempotent completions on direct fires.
  const sites = c.idempotent ? f.directSites : pre.sites;
  if (sites.length === 0) return undefined;
  const base = { completion: c, node: f.node, name: f.name, side: f.side };
  const self = sites.find((s) => s.node === f.node);
  if (self) {
    const region = f.manyFn ?? loopAround(f.node, c.owner);
    if (region) {
      // Handing the callback to a function per element (`items.map(x => insert(x, cb))`) is an API
      // choice, and a callback called with an unknown argument shape may be a per-element visitor.
      if (f.kind === 'handoff' || !sideKnownEnough(c, f.side)) return undefined;
      if (countingGuarded(f.node, region, counter)) return undefined;
      const reason: RepeatReason = f.manyFn && f.repeat ? f.repeat : { kind: 'loop' };
      return { ...base, kind: 'repeated', earlier: undefined, reason, returnBefore: undefined };
    }
  }
  // Reached again only through itself (a helper called from two places): the message could
  // only name this very line, so stay silent.
  const earlier = sites.find((s) => s.node !== f.node);
  if (!earlier) return undefined;
  if (earlier.kind === 'handoff') {
    return { ...base, kind: 'afterHandOff', earlier, reason: undefined, returnBefore: undefined };
  }
  // Listeners of the object's own once-events (`this.on('error', …).on('end', …)`): which of them
  // runs, and how often, is the class's own invariant (formidable's `_error` ignores errors after
  // 'end', and 'end' is not emitted after an error), which the analysis cannot see.
  if (earlier.kind === 'fire' && ownEventListener(earlier.node, c.owner) && ownEventListener(f.node, c.owner)) return undefined;
  const returnBefore = sites.length === 1 ? returnInsertion(earlier.node, f.node) : undefined;
  const sidesDiffer = f.side !== 'unknown' && earlier.side !== 'unknown' && earlier.side !== f.side;
  const certain = pre.min >= 1 && !pre.lost && sites.length === pre.sites.length;
  const kind: DoubleFireKind = sidesDiffer ? 'bothSides' : certain ? 'certain' : 'potential';
  return { ...base, kind, earlier, reason: undefined, returnBefore };
}

/**
 * Can the completion fire twice at all? Not with a single use in the owner's body outside loops:
 * then the path analysis is not needed for this rule.
 */
export function canFireTwice(index: UseIndex, c: Completion, table: StyleTable): boolean {
  // Direct fires and completions passed by reference: each one is a fire site. Two are enough
  // (the answer below only ever turns true from there): no use is looked at.
  let sites = index.fireCalls.size;
  if (sites >= 2) return true;
  let only: Node | undefined = sites === 1 ? index.fireCalls.keys().next().value : undefined;
  for (const [item, list] of index.uses) {
    for (const use of list) {
      if (use.kind === 'lose' || use.kind === 'reset') continue;
      if (use.kind === 'arg' && use.target.type === 'fn') {
        // A function that fires it: twice if it may run many times or is passed more than once.
        if (item.type === 'CallExpression' || item.type === 'NewExpression') {
          if (runsMany(item, use.index, table, true) || loopAround(item, c.owner) !== undefined) return true;
        }
        continue;
      }
      if (use.kind === 'inline') return true;
      if (++sites >= 2) return true;
      only = item;
      // Registered as a listener that runs many times (`on('data', resolve)`).
      if (use.kind === 'arg' && (item.type === 'CallExpression' || item.type === 'NewExpression')) {
        if (runsMany(item, use.index, table, false)) return true;
      }
    }
  }
  if (sites >= 2) return true;
  // Capturing functions passed more than once, or named and referenced several times.
  if (index.capturing.size > 1) return true;
  return sites === 1 && only !== undefined && loopAround(only, c.owner) !== undefined;
}

/**
 * Does every fire end the run it happens in? Each fire, and each call that runs or receives a
 * function using the completion, stands where its function's run ends — `return cb(err)` (also in
 * a loop), `cb(e); return;`, the body's last statement, an arrow's body, `cb && cb(e)` there —
 * outside a `try` block (unless the completion cannot throw, or the `catch` neither fires nor uses
 * it and nothing behind the `try` does; never with a `finally`; a `catch` clause is fine), and no such
 * function runs many times. Then a path holds at most one of them per
 * function it enters, the functions are entered once, from such a place: no path fires twice, and
 * the path analysis has nothing to report here.
 */
export function firesOnlyAtExits(index: UseIndex, c: Completion, table: StyleTable): boolean {
  const owner = c.owner;
  if (!owner || !isFunctionValue(owner)) return false;
  // A fire of a completion that cannot throw (resolvers, deferreds) does not enter a `catch`.
  const tryOk = !c.throws;
  for (const call of index.fireCalls.keys()) {
    if (!endsRun(call, index, tryOk)) return false;
  }
  for (const [item, list] of index.uses) {
    let runs = false;
    for (const use of list) {
      if (use.kind === 'lose' || use.kind === 'reset') continue;
      runs = true;
      if (use.kind === 'arg') {
        if (item.type !== 'CallExpression' && item.type !== 'NewExpression') return false;
        // A promise link (`p.then(f, g)`, `p.catch(h)`): the engine runs each handler of a chain at
        // most once, on worlds that exclude each other (success, failure), and a handler's throw
        // only reaches later links. The call ends the run (below), so it is the chain's last link (a
        // link whose value is read further stands inside an expression), and the earlier links
        // of the chain do not use the completion (they would be uses inside that expression).
        if (runsMany(item, use.index, table, false)) return false;
      }
    }
    if (runs && !endsRun(item, index, false) && !onlyInspects(item, list, table)) return false;
  }
  return true;
}

/**
 * Can the completion only ever be handed off, at one place (`for (const x of xs) insert(x, cb)`,
 * `xs.forEach((x) => insert(x, cb))`)? No call fires it, and of its arguments passed by reference
 * none is fired or registered, and one at most is handed off. The engine classifies each such
 * argument as `classifyInvocation` does here (with the same question whether an argument is the
 * completion): `once`, `maybe` and `many` fire or register it; `delegate` hands it off (or loses it,
 * for a side); the others lose it or keep the state. Chains are not simulated through a call that is not a link. Then every
 * fire record stands for that one argument and is a hand-off: `judge` finds no earlier site but
 * itself, and a hand-off repeated in a loop or a repeating function is not reported; there are no
 * registrations. The path analysis has nothing to report for this rule.
 */
export function onlyHandsOff(index: UseIndex, c: Completion, analysis: FileAnalysis): boolean {
  if (index.fireCalls.size > 0) return false;
  let site: Node | undefined;
  let sameValue: ((arg: Node) => boolean) | undefined;
  for (const [item, list] of index.uses) {
    for (const use of list) {
      if (use.kind !== 'arg' || use.target.type !== 'ref') continue;
      if (item.type !== 'CallExpression' && item.type !== 'NewExpression') return false;
      if (item.type === 'CallExpression' && isLinkCall(item, analysis.table)) return false;
      // The engine's question for an argument passed by reference.
      sameValue ??= (arg) => namesCompletion(arg, c, (id) => analysis.resolve(id));
      const kind = classifyInvocation(item, use.index, analysis.table, sameValue).kind;
      if (kind === 'once' || kind === 'maybe' || kind === 'many') return false;
      // Lost (`link`, `guard`, `unknown`, a side handed to a node-style API) or inspected: no site.
      if (kind !== 'delegate' || use.target.side !== undefined) continue;
      if (site !== undefined && use.value !== site) return false;
      site = use.value;
    }
  }
  return true;
}

/**
 * Does the call only look at the completion (`isFunction(cb)`, `set.has(cb)`: every use of it there
 * is an inspection)? The engine leaves the state as it is there, as for a call that does not use it.
 * Asked only where the call does not end the run (the classification reads the callee's names).
 */
function onlyInspects(item: Node, list: readonly Use[], table: StyleTable): boolean {
  if (item.type !== 'CallExpression' || isLinkCall(item, table)) return false;
  for (const use of list) {
    if (use.kind === 'lose' || use.kind === 'reset') continue;
    if (use.kind !== 'arg' || classifyInvocation(item, use.index, table, () => false).kind !== 'inspect') return false;
  }
  return true;
}

function isLinkCall(call: TSESTree.CallExpression, table: StyleTable): boolean {
  const callee = unwrapExpression(call.callee);
  const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return name !== undefined && table.linksNamed(name).length > 0;
}

/**
 * Is the use or fire at `item` where its function's run ends (nothing after it can fire)? With
 * `tryOk` (a fire that cannot throw), the fire may stand last in a `try` block or a `catch` of a
 * `try` without `finally`: the `try` statement then ends the run, and nothing after the fire in
 * the `try` block can throw into the `catch`.
 */
function endsRun(item: Node, index: UseIndex, tryOk: boolean): boolean {
  const root = enclosingRoot(item);
  let node: Node = item;
  let parent = node.parent;
  while (
    parent &&
    ((parent.type === 'ConditionalExpression' && parent.test !== node) ||
      (parent.type === 'LogicalExpression' && parent.right === node) ||
      parent.type === 'ChainExpression' ||
      parent.type === 'TSNonNullExpression')
  ) {
    node = parent;
    parent = node.parent;
  }
  if (!parent || !isFunctionValue(root)) return false;
  // `x = cb(v);`, `const r = cb(v);` (the last declarator): only the store follows in the statement.
  if (parent.type === 'AssignmentExpression' && parent.right === node && parent.parent?.type === 'ExpressionStatement') {
    node = parent;
    parent = node.parent;
  } else if (parent.type === 'VariableDeclarator' && parent.init === node) {
    const declaration = parent.parent;
    if (declaration?.type !== 'VariableDeclaration' || declaration.declarations[declaration.declarations.length - 1] !== parent) return false;
    node = declaration;
    parent = declaration;
  }
  let stmt: Node;
  if (parent.type === 'ReturnStatement') stmt = parent;
  else if (parent === root) return root.type === 'ArrowFunctionExpression' && root.body === node;
  else if (parent.type === 'ExpressionStatement' || parent.type === 'VariableDeclaration') {
    stmt = parent;
    if (!nothingAfter(stmt, root, index, tryOk)) return false;
  } else return false;
  // A `try` may run a `catch` or `finally` after the fire. A loop around does not matter: the
  // statement reached the end of the function body through blocks and `if`s only, or a `return`
  // (this one or the next) leaves the loop with the run.
  let child: Node = stmt;
  let p: Node | undefined = stmt.parent;
  for (; p && p !== root; child = p, p = p.parent) {
    if (isFunctionValue(p)) return false;
    if (p.type === 'TryStatement' && !leavesTryQuietly(p, child, root, index, tryOk)) return false;
  }
  return p === root;
}

/**
 * Can a throw after the fire, from inside `tryStatement` (`child` is its block, `catch` clause or
 * `finally`), not lead to another fire through it? Never with a `finally` (it runs after). From
 * the `catch` clause, a throw leaves the statement (outer `try`s are judged by the caller). From the
 * block: a fire that cannot throw, as before; or a `catch` that neither fires nor uses the
 * completion, after which the run goes on behind the `try` statement, where nothing may use it.
 */
function leavesTryQuietly(tryStatement: TSESTree.TryStatement, child: Node, root: FunctionNode, index: UseIndex, tryOk: boolean): boolean {
  if (tryStatement.finalizer) return false;
  if (child === tryStatement.handler || tryOk) return true;
  return !touches(tryStatement.handler!, index) && nothingAfter(tryStatement, root, index, tryOk);
}

/**
 * Does the function's run end right after `stmt` as far as the completion goes: a `return` follows
 * (not one that fires), or what follows in its block neither fires nor uses the completion, and that
 * block ends the function or a branch of a statement after which the same holds?
 */
function nothingAfter(stmt: Node, root: FunctionNode, index: UseIndex, tryOk: boolean): boolean {
  for (let current = stmt; ; ) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === 'BlockStatement' || parent.type === 'SwitchCase') {
      const list: readonly Node[] = parent.type === 'BlockStatement' ? parent.body : parent.consequent;
      const at = list.indexOf(current);
      const next = list[at + 1];
      // `cb(e); return;` — the `return` must not fire again (`cb(a); return cb(b)`), and inside a
      // `try` it must not run anything that could throw into the `catch` after the fire.
      if (next?.type === 'ReturnStatement') {
        return !(next.argument && (touches(next.argument, index) || (tryOk && inTryBlock(next, root))));
      }
      // `if (err) cb(err); else cb(null, v); log(v);` — statements after the fire that neither fire
      // nor use the completion cannot fire it again, so the walk goes on as if the block ended here
      // (the walk itself refuses loops and `case` fall-through). Not inside a `try` block: they
      // could throw into a `catch` that fires.
      if (next) {
        if (inCatchingTryBlock(current, root, index)) return false;
        // A function declaration runs nothing where it stands (hoisted): its calls and hand-offs are
        // uses of their own, and its fires are judged where they stand in its body.
        // `cb(e); cleanup(); return;` — a `return` (or `throw`) after plain statements only (no
        // `break` or `continue` among them, which would jump elsewhere) ends the run there, outside
        // any `try` (whose `catch` would go on behind it).
        let plain = true;
        for (let k = at + 1; k < list.length; k++) {
          const later = list[k]!;
          if (later.type === 'FunctionDeclaration') continue;
          if (touches(later, index)) return false;
          if ((later.type === 'ReturnStatement' || later.type === 'ThrowStatement') && plain && !inTryBlock(later, root)) return true;
          if (later.type !== 'ExpressionStatement' && later.type !== 'VariableDeclaration' && later.type !== 'EmptyStatement') plain = false;
        }
      }
      if (parent === root.body) return true;
      // The end of a `case` falls through to the next one.
      if (parent.type === 'SwitchCase') return false;
      const owner = parent.parent;
      // The end of a `try` block goes on behind the statement, and so does its `catch` when the fire
      // throws (a fire that cannot throw, or a `catch` that does not touch the completion); no
      // `finally` may run after the fire. A throw out of a `catch` leaves the `try` statement.
      if (owner?.type === 'TryStatement' && owner.block === parent) {
        if (owner.finalizer || (!tryOk && touches(owner.handler!, index))) return false;
        current = owner;
      } else if (owner?.type === 'CatchClause') {
        const tryStatement = owner.parent;
        if (tryStatement.finalizer) return false;
        current = tryStatement;
      } else {
        current = parent;
      }
    } else if ((parent.type === 'IfStatement' && parent.test !== current) || parent.type === 'LabeledStatement') {
      current = parent;
    } else {
      return false;
    }
  }
}

/**
 * Is `node` inside the block of a `try` within `root` whose `catch` may fire (it touches the
 * completion) or that has a `finally`? A throw into any other `catch` goes on behind the `try`.
 */
function inCatchingTryBlock(node: Node, root: FunctionNode, index: UseIndex): boolean {
  for (let child = node, parent = node.parent; parent && parent !== root; child = parent, parent = parent.parent) {
    if (parent.type === 'TryStatement' && parent.block === child && (parent.finalizer || touches(parent.handler!, index))) return true;
  }
  return false;
}

/** Is `node` inside the block of a `try` within `root`? */
function inTryBlock(node: Node, root: FunctionNode): boolean {
  for (let child = node, parent = node.parent; parent && parent !== root; child = parent, parent = parent.parent) {
    if (parent.type === 'TryStatement' && parent.block === child) return true;
  }
  return false;
}

/** Does the node hold a fire or a use of the completion? */
function touches(node: Node, index: UseIndex): boolean {
  for (const call of index.fireCalls.keys()) if (contains(node, call)) return true;
  for (const item of index.uses.keys()) if (contains(node, item)) return true;
  return false;
}

/** Node callbacks fired repeatedly must look like completions there (`cb(null, x)`, `cb(err)`). */
function sideKnownEnough(c: Completion, side: FireSide | 'unknown'): boolean {
  const kind = c.kind === 'member' ? c.source?.kind : c.kind;
  return kind !== 'node' || side !== 'unknown';
}

/** The innermost loop whose body holds `node`, searching up to the completion's owner. */
function loopAround(node: Node, owner: Node | undefined): Node | undefined {
  let child = node;
  let parent = node.parent;
  while (parent && parent !== owner) {
    if (isLoop(parent) && 'body' in parent && parent.body === child) return parent;
    if (parent.type === 'ForStatement' && parent.update === child) return parent;
    child = parent;
    parent = parent.parent;
  }
  return undefined;
}

/** Is the fire under a counting/matching test between it and the repeating region? */
function countingGuarded(node: Node, region: Node, counter: (id: TSESTree.Identifier) => boolean): boolean {
  let child = node;
  let parent = node.parent;
  while (parent && parent !== region) {
    let test: Node | undefined;
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test !== child) test = parent.test;
    else if (parent.type === 'LogicalExpression' && parent.right === child) test = parent.left;
    else if (parent.type === 'SwitchCase' && parent.test !== child) return true;
    if (test && isCountingTest(test, counter)) return true;
    child = parent;
    parent = parent.parent;
  }
  return false;
}

/**
 * Is `node` in (or is it) a listener of a once-event registered on `this` (or `self`/`that`/…),
 * directly or through a chain of registrations (`this.on('field', f).on('error', g)`), inside the
 * completion's owner?
 */
function ownEventListener(node: Node, owner: Node | undefined): boolean {
  for (let child: Node = node, parent = node.parent; parent && parent !== owner; child = parent, parent = parent.parent) {
    if (parent.type === 'CallExpression' && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
      const callee = unwrapExpression(parent.callee);
      const method = calleeLastName(callee);
      const event = eventName(parent);
      if (callee.type === 'MemberExpression' && method !== undefined && LISTENERS.has(method) && event !== undefined && ONCE_EVENTS.has(event)) {
        let receiver: Node = unwrapExpression(callee.object);
        while (receiver.type === 'CallExpression' && receiver.callee.type === 'MemberExpression') receiver = unwrapExpression(receiver.callee.object);
        return receiver.type === 'ThisExpression' || (receiver.type === 'Identifier' && /^(?:self|that|_this|me)$/.test(receiver.name));
      }
    }
    if (isFunctionValue(parent) && parent.parent?.type !== 'CallExpression') return false;
  }
  return false;
}

const LISTENERS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** A variable updated by `++`/`--`/`+=`: a counter. */
function isCounter(analysis: FileAnalysis, id: TSESTree.Identifier): boolean {
  const variable = analysis.resolve(id);
  if (!variable) return false;
  return variable.references.some((r) => {
    if (!r.isWrite()) return false;
    const parent = (r.identifier as Node).parent;
    return parent?.type === 'UpdateExpression' || (parent?.type === 'AssignmentExpression' && parent.operator !== '=');
  });
}

/**
 * For `if (…) cb(err)` (or a block ending with it) that falls through to a later fire: the
 * statement to prefix with `return`. Only when the later fire comes after the `if` in the same
 * function (or a function inside it) and no loop or switch sits between the `if` and the function.
 */
function returnInsertion(earlier: Node, later: Node): TSESTree.ExpressionStatement | undefined {
  let stmt: Node | undefined = earlier;
  while (stmt && !(stmt.type === 'ExpressionStatement' && contains(enclosingRoot(stmt), later))) stmt = stmt.parent;
  const root = stmt && enclosingRoot(stmt);
  if (!stmt || !root || stmt.type !== 'ExpressionStatement' || !isFunctionValue(root)) return undefined;
  let branch: Node = stmt;
  const container = stmt.parent;
  if (container?.type === 'BlockStatement') {
    if (container.body[container.body.length - 1] !== stmt) return undefined;
    branch = container;
  }
  const ifStatement = branch.parent;
  if (ifStatement?.type !== 'IfStatement' || (ifStatement.test as Node) === branch) return undefined;
  if (later.range[0] < ifStatement.range[1]) return undefined;
  for (let p: Node | undefined = ifStatement.parent; p && p !== root; p = p.parent) {
    if (isLoop(p) || p.type === 'SwitchCase' || isFunctionValue(p)) return undefined;
  }
  return stmt;
}
