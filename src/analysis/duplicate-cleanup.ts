/**
 * Discipline 3: code that runs on both outcomes belongs in one place. This module finds handler
 * pairs — the two handlers of a chain (`addCallbacks(ok, fail)`, `then(ok).catch(fail)`,
 * `done(ok).fail(fail)`), a `try` block and its `catch` block, the two branches of an error-first
 * callback around `if (err)` — and the statements both sides share at their end (or start), and
 * works out whether they can be moved into the one link/block that runs on either outcome without
 * changing what the program does.
 *
 * It also finds the lesson's first case, two handlers passed to a success/error pair API
 * (`getPoetry(host, port, gotPoem, poemFailed)`) that end the same way: there is no link to move
 * the shared code into, which is the point the lesson makes for deferreds.
 *
 * The rule `no-duplicate-cleanup` is wiring over {@link findChainCleanups}, {@link findPairCallCleanups},
 * {@link findTryCleanup} and {@link findErrorFirstCleanup}.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from '../utils/ast.js';
import { type Chain, type ChainLink, getChainModel, hasLinkCalls } from './chains.js';
import { perFileMap } from './file-state.js';
import { mayHaveShape, nameShapes } from './node-index.js';
import { type PairCall, getCallbackModel } from './node-callbacks.js';
import { type TextEdit, deleteRun, commentsIn, extentOf, indentAt, indentUnit, movedText, runExtent } from './code-motion.js';
import { resolveFunction, resolveVariable, unwrap } from './scope.js';
import {
  type FunctionNode,
  bodyStatements,
  containsAwait,
  containsYield,
  declaresBindings,
  findExit,
  findOwnBindingUse,
  forEachChild,
  identifierNames,
  referencesWithin,
  sameCode,
  sharedHeadLength,
  sharedTailLength,
} from './shared-code.js';
import type { Style, StyleTable } from './styles.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type Statement = TSESTree.Statement;

export interface CleanupOptions {
  /** Also report cleanup (timers, resources, listeners, busy flags) done on the success side only. */
  readonly oneSided: boolean;
}

export type CleanupKind =
  /** Shared statements end both handlers of a chain pair. */
  | 'sharedEnd'
  /** Shared statements end both handlers passed to a success/error pair API (no link to move them into). */
  | 'pairCallCleanup'
  /** The same, for a success link followed by an error link that also catches the success handler's errors. */
  | 'sharedEndRunsTwice'
  /** Shared statements start both handlers of a chain pair (reported, never moved). */
  | 'sharedStart'
  /** Both handlers are the same code. */
  | 'identicalHandlers'
  | 'identicalHandlersRunsTwice'
  /** Shared statements end both the `try` and the `catch` block. */
  | 'tryCatch'
  /** Shared statements start both branches of an error-first callback. */
  | 'errorFirstStart'
  /** Shared statements end both branches of an error-first callback, before the callback fires. */
  | 'errorFirstEnd'
  /** Cleanup done on the success side only. */
  | 'oneSided';

export type CleanupSuggestionKind = 'moveToLink' | 'useBothLink' | 'moveToFinally' | 'hoist';

export interface CleanupSuggestion {
  readonly kind: CleanupSuggestionKind;
  readonly data: Readonly<Record<string, string>>;
  readonly edits: readonly TextEdit[];
}

export interface CleanupFinding {
  readonly kind: CleanupKind;
  /** Where to report: the first copy of the shared statements (or the one-sided cleanup). */
  readonly loc: TSESTree.SourceLocation;
  readonly data: Readonly<Record<string, string>>;
  readonly suggestion: CleanupSuggestion | undefined;
}

// ---------------------------------------------------------------------------------------------
// One side of a pair: a statement list with the owner of its bindings.

interface Side {
  /** Words for messages: "the success handler `gotPoem`", "the `catch` block". */
  readonly label: string;
  /** The function or block whose own bindings the shared code must not use. */
  readonly owner: Node;
  /** The full statement list the compared statements live in. */
  readonly list: readonly Statement[];
  /** Index in `list` of the first compared statement. */
  readonly from: number;
  /** Index in `list` after the last compared statement. */
  readonly to: number;
  /** The block holding `list`, when it is a block of its own (its braces are found only for suggestions). */
  readonly block: TSESTree.BlockStatement | undefined;
  /** May the suggestion edit this side (a named handler used elsewhere may not)? */
  readonly editable: boolean;
}

const compared = (side: Side): readonly Statement[] => side.list.slice(side.from, side.to);

type Braces = { open: TSESTree.Token; close: TSESTree.Token } | undefined;

/** The braces of the side's own block (token look-ups: only for edits). */
function bracesOf(sourceCode: SourceCode, side: Side): Braces {
  const { block } = side;
  return block ? { open: sourceCode.getFirstToken(block)!, close: sourceCode.getLastToken(block)! } : undefined;
}

function locOf(nodes: readonly Node[]): TSESTree.SourceLocation {
  return { start: nodes[0]!.loc.start, end: nodes[nodes.length - 1]!.loc.end };
}

const MAX_CODE = 48;

/** The shared code as messages quote it: `reactor.stop()`, `log('x'); reactor.stop()`, `a() … (3 statements)`. */
export function describeCode(sourceCode: SourceCode, nodes: readonly Node[]): string {
  const one = (n: Node) => sourceCode.getText(n).replace(/\s+/g, ' ').replace(/;$/, '');
  const shorten = (s: string) => (s.length > MAX_CODE ? `${s.slice(0, MAX_CODE - 1)}…` : s);
  if (nodes.length === 1) return shorten(one(nodes[0]!));
  const all = nodes.map(one).join('; ');
  if (all.length <= MAX_CODE) return all;
  return `${shorten(one(nodes[0]!))} … (${nodes.length} statements)`;
}

const SIDE_EFFECT_NODES = new Set<string>([
  'CallExpression',
  'NewExpression',
  'AssignmentExpression',
  'UpdateExpression',
  'AwaitExpression',
  'YieldExpression',
  'ThrowStatement',
  'TaggedTemplateExpression',
]);

/** Does the code do anything? `() => null` twice is a pattern, not duplicated cleanup. */
function hasEffect(sourceCode: SourceCode, nodes: readonly Node[]): boolean {
  let found = false;
  const walk = (node: Node): void => {
    if (found || isFunctionNode(node)) return;
    if (SIDE_EFFECT_NODES.has(node.type) || (node.type === 'UnaryExpression' && node.operator === 'delete')) {
      found = true;
      return;
    }
    forEachChild(sourceCode, node, walk);
  };
  for (const node of nodes) walk(node);
  return found;
}

/** Can `nodes` throw, as far as calls, `new`, `await` and `throw` tell (property reads are not counted)? */
function mayThrow(sourceCode: SourceCode, nodes: readonly Node[]): boolean {
  return mentions(
    sourceCode,
    nodes,
    (n) =>
      n.type === 'CallExpression' ||
      n.type === 'NewExpression' ||
      n.type === 'AwaitExpression' ||
      n.type === 'ThrowStatement' ||
      n.type === 'TaggedTemplateExpression' ||
      n.type === 'YieldExpression',
  );
}

/** Comments in the second copy that the first copy does not carry would be lost by the move. */
function commentsAgree(sourceCode: SourceCode, a: Side, aFrom: number, b: Side, bFrom: number, count: number): boolean {
  const ca = commentsIn(sourceCode, runExtent(sourceCode, a.list, aFrom, aFrom + count - 1));
  const cb = commentsIn(sourceCode, runExtent(sourceCode, b.list, bFrom, bFrom + count - 1));
  return cb.every((c) => ca.includes(c));
}

// ---------------------------------------------------------------------------------------------
// Chain pairs.

interface ChainPair {
  readonly chain: Chain;
  /** The link holding the success handler, and the one holding the error handler (the same for `then(f, g)`). */
  readonly successLink: ChainLink;
  readonly errorLink: ChainLink;
  readonly successFn: FunctionNode;
  readonly errorFn: FunctionNode;
  /** Does the error handler also run when the success handler throws (`then(ok).catch(fail)`)? */
  readonly errorCatchesSuccess: boolean;
  /** The style whose both link the suggestion uses. */
  readonly style: Style;
}

/** The handler pairs of a chain: a pair link, or a success link directly followed by an error link. */
export function chainPairs(chain: Chain): ChainPair[] {
  const pairs: ChainPair[] = [];
  const style = chain.styles[0];
  if (!style) return pairs;
  for (let i = 0; i < chain.links.length; i++) {
    const link = chain.links[i]!;
    if (link.side === 'pair' && link.success?.fn && link.error?.fn) {
      pairs.push({
        chain,
        successLink: link,
        errorLink: link,
        successFn: link.success.fn,
        errorFn: link.error.fn,
        errorCatchesSuccess: false,
        style,
      });
      continue;
    }
    const next = chain.links[i + 1];
    if (!next) continue;
    // Success then error; for links that do not transform (jQuery `done`/`fail`) the order does
    // not matter, since neither handler sees the other's outcome.
    const forward = link.side === 'success' && next.side === 'error';
    const backward = link.side === 'error' && next.side === 'success' && !link.transforms && !next.transforms;
    if (!forward && !backward) continue;
    const successLink = forward ? link : next;
    const errorLink = forward ? next : link;
    const successFn = successLink.success?.fn;
    const errorFn = errorLink.error?.fn;
    if (!successFn || !errorFn) continue;
    pairs.push({
      chain,
      successLink,
      errorLink,
      successFn,
      errorFn,
      errorCatchesSuccess: forward && successLink.transforms,
      style,
    });
    i++;
  }
  return pairs;
}

/** Where the pair's last link call ends: a new link goes right after it. */
function pairEnd(pair: ChainPair): number {
  return Math.max(pair.successLink.call.range[1], pair.errorLink.call.range[1]);
}

/** Is the handler written where it is passed, or named and passed nowhere else (so it may be edited)? */
function handlerEditable(sourceCode: SourceCode, argument: TSESTree.Expression, fn: FunctionNode): boolean {
  let node = unwrap(argument);
  if (node === fn) return true;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') node = unwrap(node.callee.object);
  if (node === fn) return true;
  if (node.type !== 'Identifier') return false;
  const variable = resolveVariable(sourceCode, node);
  if (!variable) return false;
  return variable.references.filter((r) => r.isRead()).length === 1;
}

function handlerLabel(kind: 'success' | 'error', argument: TSESTree.Expression): string {
  const node = unwrap(argument);
  return node.type === 'Identifier' ? `the ${kind} handler \`${node.name}\`` : `the ${kind} handler`;
}

function functionSide(sourceCode: SourceCode, kind: 'success' | 'error', argument: TSESTree.Expression, fn: FunctionNode): Side | undefined {
  if (fn.body.type !== 'BlockStatement') return undefined;
  const { statements } = bodyStatements(fn);
  return {
    label: handlerLabel(kind, argument),
    owner: fn,
    list: fn.body.body,
    from: 0,
    to: statements.length,
    block: fn.body,
    editable: handlerEditable(sourceCode, argument, fn),
  };
}

/** Every chain-pair finding of the file. */
export function findChainCleanups(sourceCode: SourceCode, table: StyleTable, options: CleanupOptions): CleanupFinding[] {
  const findings: CleanupFinding[] = [];
  // No link call, no chain: the model is not built for nothing.
  if (!hasLinkCalls(sourceCode, table)) return findings;
  const seen = new Set<string>();
  for (const chain of getChainModel(sourceCode, table).chains) {
    for (const pair of chainPairs(chain)) {
      const finding = analyseChainPair(sourceCode, table, pair, options);
      if (!finding) continue;
      const key = `${finding.kind}:${finding.loc.start.line}:${finding.loc.start.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  return findings;
}

function analyseChainPair(
  sourceCode: SourceCode,
  table: StyleTable,
  pair: ChainPair,
  options: CleanupOptions,
): CleanupFinding | undefined {
  const { successFn, errorFn, style } = pair;
  // `.then(cb, cb)`: one function already serves both outcomes.
  if (successFn === errorFn) return undefined;
  const successArg = pair.successLink.success!.node;
  const errorArg = pair.errorLink.error!.node;
  const link = table.bothLinkOf(style);
  if (!link) return undefined;
  const runsTwice = pair.errorCatchesSuccess;
  const errorMethod = pair.errorLink.method;

  const identical = identicalHandlers(sourceCode, pair, link, runsTwice, errorMethod);
  if (identical) return identical;

  const success = functionSide(sourceCode, 'success', successArg, successFn);
  const error = functionSide(sourceCode, 'error', errorArg, errorFn);
  // A named handler that other code calls too (`reject` also called by a timer) is a function of
  // its own: its code cannot move into this chain, and its copy is not this pair's duplicate.
  if (!success?.editable || (error && !error.editable)) return undefined;
  if (!error) {
    // `(e) => report(e)`: nothing to share, but the success side may clean up alone.
    if (!options.oneSided) return undefined;
    const expressionSide: Side = {
      label: handlerLabel('error', errorArg),
      owner: errorFn,
      list: [],
      from: 0,
      to: 0,
      block: undefined,
      editable: handlerEditable(sourceCode, errorArg, errorFn),
    };
    return chainOneSided(sourceCode, pair, success, expressionSide, [errorFn.body], link);
  }
  const s = compared(success);
  const e = compared(error);

  const tail = sharedTailLength(sourceCode, s, e);
  if (tail > 0) {
    return chainSharedEnd(sourceCode, pair, success, error, tail, link, runsTwice, errorMethod);
  }
  const head = sharedHeadLength(sourceCode, s, e);
  if (head > 0) {
    const sharedS = s.slice(0, head);
    const sharedE = e.slice(0, head);
    if (!hasEffect(sourceCode, sharedS)) return undefined;
    // Code that returns or throws, or handlers that return a value after it: moving it anywhere
    // would change its order relative to that `return`.
    if (findExit(sourceCode, s) || findExit(sourceCode, e)) return undefined;
    if (ownUse(sourceCode, sharedS, success, true) || ownUse(sourceCode, sharedE, error, true)) return undefined;
    return {
      kind: 'sharedStart',
      loc: locOf(sharedS),
      data: {
        code: describeCode(sourceCode, sharedS),
        success: success.label,
        successLine: String(sharedS[0]!.loc.start.line),
        error: error.label,
        errorLine: String(sharedE[0]!.loc.start.line),
        link,
      },
      suggestion: undefined,
    };
  }
  if (options.oneSided) return chainOneSided(sourceCode, pair, success, error, e, link);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Calls of success/error pair APIs: `getPoetry(host, port, gotPoem, poemFailed)`.

/**
 * Both handlers passed to a pair API of this file end with the same statements. Reported without
 * a suggestion: the API calls one handler or the other, and no link runs after both — only an API
 * that returned a deferred or a promise would give the shared code one place (`linkNames`, the
 * both links of the table's chain styles, name it in the message).
 */
export function findPairCallCleanups(sourceCode: SourceCode, table: StyleTable): CleanupFinding[] {
  // (The rule asks only in files that may have pair calls, `mayHavePairCalls`: in others the
  // model finds no pair call, typed or of a pair API declared here.)
  const pairCalls = getCallbackModel(sourceCode, table).pairCalls;
  if (pairCalls.length === 0) return [];
  const links = bothLinkNames(table);
  if (links.length === 0) return [];
  const findings: CleanupFinding[] = [];
  for (const pairCall of pairCalls) {
    const finding = analysePairCall(sourceCode, pairCall, links);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** "`addBoth` or `finally`": the both links of the chain styles, the first two distinct ones. */
function bothLinkNames(table: StyleTable): string[] {
  const names: string[] = [];
  for (const style of table.styles) {
    if (style.kind !== 'object' && style.kind !== 'executor') continue;
    const link = table.bothLinkOf(style);
    if (link !== undefined && !names.includes(link)) names.push(link);
  }
  return names.slice(0, 2);
}

function analysePairCall(sourceCode: SourceCode, pairCall: PairCall, links: readonly string[]): CleanupFinding | undefined {
  const successFn = resolveFunction(sourceCode, pairCall.success);
  const errorFn = resolveFunction(sourceCode, pairCall.error);
  // `getPoetry(h, p, done, done)`: one function already serves both outcomes.
  if (!successFn || !errorFn || successFn === errorFn) return undefined;
  if (successFn.generator || errorFn.generator) return undefined;
  const success = functionSide(sourceCode, 'success', pairCall.success, successFn);
  const error = functionSide(sourceCode, 'error', pairCall.error, errorFn);
  // A named handler that other code calls too is a function of its own, not this call's copy.
  if (!success?.editable || !error?.editable) return undefined;
  const s = compared(success);
  const e = compared(error);
  const tail = sharedTailLength(sourceCode, s, e);
  if (tail === 0) return undefined;
  const sharedS = s.slice(s.length - tail);
  const sharedE = e.slice(e.length - tail);
  if (!hasEffect(sourceCode, sharedS) || findExit(sourceCode, sharedS)) return undefined;
  // A handler that can leave before the shared code does not always run it.
  if (findExit(sourceCode, s.slice(0, s.length - tail)) || findExit(sourceCode, e.slice(0, e.length - tail))) return undefined;
  // `log(result)` in both reads two different values: the same text, not the same code.
  if (ownUse(sourceCode, sharedS, success, true) || ownUse(sourceCode, sharedE, error, true)) return undefined;
  return {
    kind: 'pairCallCleanup',
    loc: locOf(sharedS),
    data: {
      code: describeCode(sourceCode, sharedS),
      success: success.label,
      successLine: String(sharedS[0]!.loc.start.line),
      error: error.label,
      errorLine: String(sharedE[0]!.loc.start.line),
      api: pairCall.name,
      links: links.map((l) => `\`${l}\``).join(' or '),
    },
    suggestion: undefined,
  };
}

function ownUse(sourceCode: SourceCode, nodes: readonly Node[], side: Side, newFunction: boolean): Node | undefined {
  return findOwnBindingUse(sourceCode, nodes, [side.owner], { newFunction });
}

/**
 * Can `nodes` run in a new `.link(…)` handler of `style` instead of at the end of their handler?
 * Returns the reason it cannot, for tests and debugging; undefined when it can.
 */
function linkMoveBlocker(sourceCode: SourceCode, style: Style, handlers: readonly FunctionNode[], nodes: readonly Node[]): string | undefined {
  if (containsYield(sourceCode, nodes)) return 'yield';
  const awaits = containsAwait(sourceCode, nodes);
  // A twisted or jQuery link does not wait for a promise its handler returns, so code of an async
  // handler (which runs after the handler's awaits) would run earlier in a plain link.
  if (style.kind !== 'executor' && handlers.some((fn) => fn.async || fn.generator)) return 'async handler';
  if (awaits && style.kind !== 'executor') return 'await';
  return undefined;
}

function chainSharedEnd(
  sourceCode: SourceCode,
  pair: ChainPair,
  success: Side,
  error: Side,
  tail: number,
  link: string,
  runsTwice: boolean,
  errorMethod: string,
): CleanupFinding | undefined {
  const s = compared(success);
  const e = compared(error);
  const sharedS = s.slice(s.length - tail);
  const sharedE = e.slice(e.length - tail);
  if (!hasEffect(sourceCode, sharedS)) return undefined;
  if (findExit(sourceCode, sharedS)) return undefined;
  if (findExit(sourceCode, s.slice(0, s.length - tail)) || findExit(sourceCode, e.slice(0, e.length - tail))) return undefined;
  if (ownUse(sourceCode, sharedS, success, true) || ownUse(sourceCode, sharedE, error, true)) return undefined;

  const code = describeCode(sourceCode, sharedS);
  const data = {
    code,
    success: success.label,
    successLine: String(sharedS[0]!.loc.start.line),
    error: error.label,
    errorLine: String(sharedE[0]!.loc.start.line),
    link,
    errorLink: errorMethod,
  };
  const suggestion = linkSuggestion(sourceCode, pair, link, success, error, tail, code);
  return { kind: runsTwice ? 'sharedEndRunsTwice' : 'sharedEnd', loc: locOf(sharedS), data, suggestion };
}

/** Moves the last `count` compared statements of both sides into a new both link after the pair. */
function linkSuggestion(
  sourceCode: SourceCode,
  pair: ChainPair,
  link: string,
  success: Side,
  error: Side,
  count: number,
  code: string,
): CleanupSuggestion | undefined {
  const { style } = pair;
  if (!success.editable || !error.editable) return undefined;
  // A jQuery `then` handler's exception rejects the next promise; an `always` handler's does not.
  if (style.kind === 'object' && !style.successLinkTransforms && pair.successLink === pair.errorLink) return undefined;
  const sFrom = success.to - count;
  const eFrom = error.to - count;
  const moved = success.list.slice(sFrom, success.to);
  if (linkMoveBlocker(sourceCode, style, [pair.successFn, pair.errorFn], moved)) return undefined;
  if (!commentsAgree(sourceCode, success, sFrom, error, eFrom, count)) return undefined;

  const insertAt = pairEnd(pair);
  const base = indentAt(sourceCode, insertAt);
  const unit = indentUnit(sourceCode, success.owner, moved[0]!);
  const inner = base + unit;
  const body = movedText(sourceCode, success.list, sFrom, success.to - 1, inner);
  const awaits = containsAwait(sourceCode, moved);
  let text: string;
  if (style.bothLink === 'replaces') {
    // The link hands on the value it got, so the chain's result stays what the handlers made it.
    const taken = identifierNames(sourceCode, moved);
    let name = 'result';
    for (let i = 2; taken.has(name); i++) name = `result${i}`;
    text = `.${link}((${name}) => {\n${inner}${body}\n${inner}return ${name};\n${base}})`;
  } else {
    text = `.${link}(${awaits ? 'async ' : ''}() => {\n${inner}${body}\n${base}})`;
  }
  const edits: TextEdit[] = [
    deleteRun(sourceCode, success.list, sFrom, success.to - 1, bracesOf(sourceCode, success)),
    deleteRun(sourceCode, error.list, eFrom, error.to - 1, bracesOf(sourceCode, error)),
    { range: [insertAt, insertAt], text },
  ];
  return { kind: 'moveToLink', data: { code, link }, edits };
}

/** Both handlers are the same code. */
function identicalHandlers(
  sourceCode: SourceCode,
  pair: ChainPair,
  link: string,
  runsTwice: boolean,
  errorMethod: string,
): CleanupFinding | undefined {
  const { successFn, errorFn, style } = pair;
  if (successFn.async !== errorFn.async || successFn.generator !== errorFn.generator) return undefined;
  if (!sameCode(sourceCode, successFn.body, errorFn.body)) return undefined;
  const body = successFn.body.type === 'BlockStatement' ? successFn.body.body : [successFn.body];
  // `(r) => log(r)` and `(e) => log(e)` differ; `(r) => stop()` and `(e) => stop()` do not.
  if (!sameParameters(sourceCode, successFn, errorFn) && (usesParameters(sourceCode, successFn) || usesParameters(sourceCode, errorFn))) {
    return undefined;
  }
  if (!hasEffect(sourceCode, body)) return undefined;
  const successArg = pair.successLink.success!.node;
  const errorArg = pair.errorLink.error!.node;
  const data = {
    success: handlerLabel('success', successArg),
    successLine: String(successFn.loc.start.line),
    error: handlerLabel('error', errorArg),
    errorLine: String(errorFn.loc.start.line),
    link,
    errorLink: errorMethod,
  };
  const kind: CleanupKind = runsTwice ? 'identicalHandlersRunsTwice' : 'identicalHandlers';
  const loc = pair.successLink.property.loc;
  const locOfPair: TSESTree.SourceLocation = { start: loc.start, end: pair.errorLink.call.loc.end };

  // A link that replaces the result (`addBoth`) or passes it through without transforming
  // (`always` after `done`/`fail`): one link running the same function is the same program.
  if (style.bothLink === 'replaces' || (!pair.successLink.transforms && !pair.errorLink.transforms)) {
    return { kind, loc: locOfPair, data, suggestion: replaceWithBothLink(sourceCode, pair, link) };
  }
  // Promise style: `finally` passes the outcome through, so the handlers stay (emptied) and the
  // shared statements move; this needs block bodies whose code does not use the handlers' own bindings.
  if (usesParameters(sourceCode, successFn) || usesParameters(sourceCode, errorFn)) return undefined;
  const success = functionSide(sourceCode, 'success', successArg, successFn);
  const error = functionSide(sourceCode, 'error', errorArg, errorFn);
  if (!success || !error) return { kind, loc: locOfPair, data, suggestion: undefined };
  const count = success.to - success.from;
  if (count === 0 || error.to - error.from !== count) return { kind, loc: locOfPair, data, suggestion: undefined };
  const s = compared(success);
  const e = compared(error);
  if (findExit(sourceCode, s) || ownUse(sourceCode, s, success, true) || ownUse(sourceCode, e, error, true)) {
    return undefined;
  }
  return {
    kind,
    loc: locOfPair,
    data,
    suggestion: linkSuggestion(sourceCode, pair, link, success, error, count, describeCode(sourceCode, s)),
  };
}

function sameParameters(sourceCode: SourceCode, a: FunctionNode, b: FunctionNode): boolean {
  return a.params.length === b.params.length && a.params.every((p, i) => sameCode(sourceCode, p, b.params[i]!));
}

function usesParameters(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const [from, to] = fn.body.range;
  return sourceCode
    .getDeclaredVariables(fn)
    .some(
      (v) =>
        v.defs.some((d) => d.type === 'Parameter') &&
        v.references.some((r) => r.identifier.range[0] >= from && r.identifier.range[1] <= to),
    );
}

/** `addCallbacks(h, h')` → `addBoth(h)`; `addCallback(h).addErrback(h')` → `addBoth(h)`; `done(h).fail(h')` → `always(h)`. */
function replaceWithBothLink(sourceCode: SourceCode, pair: ChainPair, link: string): CleanupSuggestion | undefined {
  const { successLink, errorLink } = pair;
  // The inner call of `a.x(f).y(g)` ends first; both start at `a`.
  const first = successLink.call.range[1] <= errorLink.call.range[1] ? successLink : errorLink;
  const second = first === successLink ? errorLink : successLink;
  const keep = first === successLink ? successLink.success!.node : errorLink.error!.node;
  const data = { link };
  if (first === second) {
    // One pair call: `addCallbacks(ok, fail)` (extra arguments such as callbackArgs: leave it).
    if (first.call.arguments.length !== 2) return undefined;
    const other = first.call.arguments[1]!;
    const removed: TSESTree.Range = [keep.range[1], other.range[1]];
    if (commentsIn(sourceCode, removed).length > 0) return undefined;
    return {
      kind: 'useBothLink',
      data,
      edits: [
        { range: first.property.range, text: link },
        { range: removed, text: '' },
      ],
    };
  }
  if (first.call.arguments.length !== 1 || second.call.arguments.length !== 1) return undefined;
  const removed: TSESTree.Range = [first.call.range[1], second.call.range[1]];
  if (commentsIn(sourceCode, removed).length > 0) return undefined;
  return {
    kind: 'useBothLink',
    data,
    edits: [
      { range: first.property.range, text: link },
      { range: removed, text: '' },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// One-sided cleanup.

type CleanupWhat = 'timer' | 'release' | 'unlock' | 'close' | 'end' | 'destroy' | 'listener' | 'flag';

interface OneSidedCleanup {
  readonly statement: Statement;
  readonly what: CleanupWhat;
  /** The callee (`clearTimeout`, `conn.release`) or the flag (`this.loading`), as written. */
  readonly subject: Node;
  /** The flag value left behind on errors. */
  readonly flagValue?: string;
}

const TIMER_CLEARERS = new Set(['clearTimeout', 'clearInterval', 'clearImmediate']);
/**
 * A `Map`, not an object: `x.toString()` or `x.constructor()` must not find `Object.prototype`'s
 * members (they were once taken for cleanup, reported as "on an error undefined").
 */
const CLEANUP_METHODS: ReadonlyMap<string, CleanupWhat> = new Map<string, CleanupWhat>([
  ['release', 'release'],
  ['unlock', 'unlock'],
  ['close', 'close'],
  ['end', 'end'],
  ['destroy', 'destroy'],
  ['removeListener', 'listener'],
  ['removeEventListener', 'listener'],
  ['off', 'listener'],
]);
/**
 * The first letters and lengths of the names above (see `nameShapes`): most callees are ruled out
 * from two reads of their name, without hashing it (the name strings are cold after the traversal).
 */
const TIMER_SHAPES = nameShapes(TIMER_CLEARERS);
const CLEANUP_SHAPES = nameShapes(CLEANUP_METHODS.keys());

function cleanupCall(statement: Statement): { what: CleanupWhat; callee: Node } | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  let expression: Node = statement.expression;
  if (expression.type === 'AwaitExpression') expression = expression.argument;
  expression = unwrap(expression);
  if (expression.type !== 'CallExpression') return undefined;
  const callee = unwrap(expression.callee);
  if (callee.type === 'Identifier') {
    const name = callee.name;
    return mayHaveShape(TIMER_SHAPES, name) && TIMER_CLEARERS.has(name) ? { what: 'timer', callee } : undefined;
  }
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const name = callee.property.name;
    const what = mayHaveShape(CLEANUP_SHAPES, name) ? CLEANUP_METHODS.get(name) : undefined;
    if (what) return { what, callee };
  }
  return undefined;
}

interface FlagSet {
  readonly target: Node;
  readonly value: Node;
}

/** Does the error side throw, or pass its error (`errorName`) to a call (`cb(err)`, `next(err)`)? */
function handsErrorOn(sourceCode: SourceCode, error: readonly Node[], errorName: string | undefined): boolean {
  return mentions(
    sourceCode,
    error,
    (n) =>
      n.type === 'ThrowStatement' ||
      (errorName !== undefined &&
        n.type === 'CallExpression' &&
        n.arguments.some((a) => a.type === 'Identifier' && a.name === errorName)),
  );
}

/** `busy = true;` / `this.loading = 1;` statements right before `statement` in its block. */
function flagsSetBefore(sourceCode: SourceCode, statement: Node): FlagSet[] {
  const parent = statement.parent;
  const list: readonly Node[] | undefined =
    parent?.type === 'BlockStatement' || parent?.type === 'Program' || parent?.type === 'StaticBlock'
      ? parent.body
      : parent?.type === 'SwitchCase'
        ? parent.consequent
        : undefined;
  if (!list) return [];
  // The flag assignments of each statement list, found once: a long body with many chains would
  // otherwise be scanned again for each of them.
  const byList = perFileMap<readonly Node[], { readonly at: number; readonly flag: FlagSet }[]>(sourceCode, FLAGS);
  let entries = byList.get(list);
  if (!entries) {
    entries = [];
    for (const sibling of list) {
      const flag = flagAssignment(sibling);
      if (flag) entries.push({ at: sibling.range[0], flag });
    }
    byList.set(list, entries);
  }
  const flags: FlagSet[] = [];
  const before = statement.range[0];
  for (const entry of entries) {
    if (entry.at >= before) break;
    flags.push(entry.flag);
  }
  return flags;
}

const FLAGS = Symbol('flag-assignments');

function flagAssignment(node: Node): FlagSet | undefined {
  if (node.type !== 'ExpressionStatement') return undefined;
  const e = node.expression;
  if (e.type !== 'AssignmentExpression' || e.operator !== '=') return undefined;
  if (e.right.type !== 'Literal' || 'regex' in e.right) return undefined;
  const left = e.left;
  if (left.type === 'Identifier' || (left.type === 'MemberExpression' && !left.computed)) return { target: left, value: e.right };
  return undefined;
}

/** The statement (directly in a block) that contains `node`. */
function statementOf(node: Node): Node | undefined {
  for (let current: Node | undefined = node; current?.parent; current = current.parent) {
    const p = current.parent;
    if (p.type === 'BlockStatement' || p.type === 'Program' || p.type === 'SwitchCase' || p.type === 'StaticBlock') return current;
    if (isFunctionNode(p)) return undefined;
  }
  return undefined;
}

/** Does any code in `nodes` (nested too) call `callee` or assign `target`? */
function mentions(sourceCode: SourceCode, nodes: readonly Node[], test: (node: Node) => boolean): boolean {
  let hit = false;
  const walk = (node: Node): void => {
    if (hit) return;
    if (test(node)) {
      hit = true;
      return;
    }
    forEachChild(sourceCode, node, walk);
  };
  for (const node of nodes) walk(node);
  return hit;
}

/**
 * Cleanup statements at the top level of `success` that `error` does not do: timer clearing,
 * resource release, listener removal, or the reset of a flag set before the operation started.
 */
function oneSidedCleanups(
  sourceCode: SourceCode,
  success: readonly Statement[],
  error: readonly Node[],
  flagsBefore: () => readonly FlagSet[],
  errorName: string | undefined,
): OneSidedCleanup[] {
  const found: OneSidedCleanup[] = [];
  // Both looked at only once a statement could be cleanup: most success sides have none.
  let passesErrorOn: boolean | undefined;
  let flags: readonly FlagSet[] | undefined;
  for (const statement of success) {
    const call = cleanupCall(statement);
    // `t.end()`, `res.end()`: when the error is thrown or handed on, whoever gets it finishes
    // the test or the response.
    if (call?.what === 'end' && (passesErrorOn ??= handsErrorOn(sourceCode, error, errorName))) continue;
    if (call) {
      const doneOnError = mentions(
        sourceCode,
        error,
        (n) => n.type === 'CallExpression' && sameCode(sourceCode, unwrap(n.callee), call.callee),
      );
      if (!doneOnError) found.push({ statement, what: call.what, subject: call.callee });
      continue;
    }
    const reset = flagAssignment(statement);
    if (!reset) continue;
    const set = (flags ??= flagsBefore()).find((f) => sameCode(sourceCode, f.target, reset.target) && !sameCode(sourceCode, f.value, reset.value));
    if (!set) continue;
    const writtenOnError = mentions(
      sourceCode,
      error,
      (n) => n.type === 'AssignmentExpression' && sameCode(sourceCode, n.left, reset.target),
    );
    if (!writtenOnError) {
      found.push({ statement, what: 'flag', subject: reset.target, flagValue: sourceCode.getText(set.value) });
    }
  }
  return found;
}

function consequenceOf(sourceCode: SourceCode, cleanup: OneSidedCleanup): string {
  const object = (): string => {
    const callee = cleanup.subject;
    return callee.type === 'MemberExpression' ? `\`${sourceCode.getText(callee.object)}\`` : 'it';
  };
  switch (cleanup.what) {
    case 'timer':
      return 'the timer is never cleared and fires later';
    case 'release':
      return `${object()} is never released`;
    case 'unlock':
      return `${object()} stays locked`;
    case 'close':
      return `${object()} is never closed`;
    case 'end':
      return `${object()} is never ended`;
    case 'destroy':
      return `${object()} is never destroyed`;
    case 'listener':
      return 'the listener stays attached';
    case 'flag':
      return `\`${sourceCode.getText(cleanup.subject)}\` stays \`${cleanup.flagValue}\``;
  }
}

function oneSidedFinding(
  sourceCode: SourceCode,
  cleanups: readonly OneSidedCleanup[],
  success: Side,
  error: Side,
  place: string,
  suggest: (from: number, count: number) => CleanupSuggestion | undefined,
  position: 'end' | 'start',
): CleanupFinding {
  const statements = cleanups.map((c) => c.statement);
  const first = cleanups[0]!;
  const list = compared(success);
  const indexes = statements.map((s) => list.indexOf(s));
  const contiguous = indexes.every((index, i) => i === 0 || index === indexes[i - 1]! + 1);
  const atEdge = position === 'end' ? indexes[indexes.length - 1] === list.length - 1 : indexes[0] === 0;
  const suggestion = contiguous && atEdge ? suggest(success.from + indexes[0]!, statements.length) : undefined;
  return {
    kind: 'oneSided',
    loc: locOf(statements),
    data: {
      code: describeCode(sourceCode, statements),
      success: success.label,
      error: error.label,
      errorLine: String((compared(error)[0] ?? error.owner).loc.start.line),
      consequence: consequenceOf(sourceCode, first),
      place,
    },
    suggestion,
  };
}

function chainOneSided(
  sourceCode: SourceCode,
  pair: ChainPair,
  success: Side,
  error: Side,
  errorCode: readonly Node[],
  link: string,
): CleanupFinding | undefined {
  const s = compared(success);
  const flags = (): readonly FlagSet[] => {
    const statement = statementOf(pair.chain.outermost);
    return statement ? flagsSetBefore(sourceCode, statement) : [];
  };
  const errorParam = pair.errorFn.params[0];
  const errorName = errorParam?.type === 'Identifier' ? errorParam.name : undefined;
  const cleanups = oneSidedCleanups(sourceCode, s, errorCode, flags, errorName).filter(
    (c) => !ownUse(sourceCode, [c.statement], success, true),
  );
  if (cleanups.length === 0) return undefined;
  const place = `one \`${link}\` link`;
  return oneSidedFinding(
    sourceCode,
    cleanups,
    success,
    error,
    place,
    (from, count) => {
      const moved = success.list.slice(from, from + count);
      if (!success.editable) return undefined;
      if (findExit(sourceCode, success.list.slice(success.from, from))) return undefined;
      if (linkMoveBlocker(sourceCode, pair.style, [pair.successFn, pair.errorFn], moved)) return undefined;
      return oneSidedLinkSuggestion(sourceCode, pair, link, success, from, count);
    },
    'end',
  );
}

function oneSidedLinkSuggestion(
  sourceCode: SourceCode,
  pair: ChainPair,
  link: string,
  success: Side,
  from: number,
  count: number,
): CleanupSuggestion | undefined {
  const { style } = pair;
  if (style.kind === 'object' && !style.successLinkTransforms && pair.successLink === pair.errorLink) return undefined;
  const moved = success.list.slice(from, from + count);
  const insertAt = pairEnd(pair);
  const base = indentAt(sourceCode, insertAt);
  const inner = base + indentUnit(sourceCode, success.owner, moved[0]!);
  const body = movedText(sourceCode, success.list, from, from + count - 1, inner);
  let text: string;
  if (pair.style.bothLink === 'replaces') {
    const taken = identifierNames(sourceCode, moved);
    let name = 'result';
    for (let i = 2; taken.has(name); i++) name = `result${i}`;
    text = `.${link}((${name}) => {\n${inner}${body}\n${inner}return ${name};\n${base}})`;
  } else {
    text = `.${link}(${containsAwait(sourceCode, moved) ? 'async ' : ''}() => {\n${inner}${body}\n${base}})`;
  }
  return {
    kind: 'moveToLink',
    data: { code: describeCode(sourceCode, moved), link },
    edits: [deleteRun(sourceCode, success.list, from, from + count - 1, bracesOf(sourceCode, success)), { range: [insertAt, insertAt], text }],
  };
}

// ---------------------------------------------------------------------------------------------
// try / catch.

/** `try { …; X } catch (e) { …; X }` → `try { … } catch (e) { … } finally { X }`. */
export function findTryCleanup(sourceCode: SourceCode, node: TSESTree.TryStatement, options: CleanupOptions): CleanupFinding | undefined {
  const handler = node.handler;
  if (!handler) return undefined;
  const t = node.block.body;
  const c = handler.body.body;
  const tail = sharedTailLength(sourceCode, t, c);
  // Most try statements share no tail and are not asked about one-sided cleanup: answered before
  // the sides are described.
  if (!(tail > 0 && tail < t.length) && (!options.oneSided || tail > 0)) return undefined;
  // `try { f() } catch { f() }` retries; only code after some work of its own is cleanup.
  if (tail > 0 && tail < t.length) {
    const trySide = tryBlockSide(node);
    const catchSide = catchBlockSide(handler);
    const sharedT = t.slice(t.length - tail);
    const sharedC = c.slice(c.length - tail);
    if (!hasEffect(sourceCode, sharedT) || findExit(sourceCode, sharedT)) return undefined;
    if (findExit(sourceCode, t.slice(0, t.length - tail)) || findExit(sourceCode, c.slice(0, c.length - tail))) return undefined;
    if (ownUse(sourceCode, sharedT, trySide, false) || ownUse(sourceCode, sharedC, catchSide, false)) return undefined;
    const code = describeCode(sourceCode, sharedT);
    const suggestion = commentsAgree(sourceCode, trySide, t.length - tail, catchSide, c.length - tail, tail)
      ? finallySuggestion(sourceCode, node, trySide, t.length - tail, tail, [
          deleteRun(sourceCode, c, c.length - tail, c.length - 1, bracesOf(sourceCode, catchSide)),
        ])
      : undefined;
    return {
      kind: 'tryCatch',
      loc: locOf(sharedT),
      data: {
        code,
        tryLine: String(sharedT[0]!.loc.start.line),
        catchLine: String(sharedC[0]!.loc.start.line),
      },
      suggestion,
    };
  }
  if (!options.oneSided || tail > 0) return undefined;
  // Cleanup that nothing before it in the try block can make skip (no call, no throw) always runs.
  const found = oneSidedCleanups(
    sourceCode,
    t,
    c,
    () => flagsSetBefore(sourceCode, node),
    handler.param?.type === 'Identifier' ? handler.param.name : undefined,
  );
  // Most try blocks have none: the sides are described only for those that do.
  if (found.length === 0) return undefined;
  const trySide = tryBlockSide(node);
  const cleanups = found.filter(
    (x) => mayThrow(sourceCode, t.slice(0, t.indexOf(x.statement))) && !ownUse(sourceCode, [x.statement], trySide, false),
  );
  if (cleanups.length === 0) return undefined;
  // No suggestion: in the try block a throwing cleanup is caught and handled by the catch block;
  // moved into `finally`, its exception would escape.
  return oneSidedFinding(sourceCode, cleanups, trySide, catchBlockSide(handler), 'a `finally` block', () => undefined, 'end');
}

function tryBlockSide(node: TSESTree.TryStatement): Side {
  return {
    label: 'the `try` block',
    owner: node.block,
    list: node.block.body,
    from: 0,
    to: node.block.body.length,
    block: node.block,
    editable: true,
  };
}

function catchBlockSide(handler: TSESTree.CatchClause): Side {
  return {
    label: 'the `catch` block',
    owner: handler,
    list: handler.body.body,
    from: 0,
    to: handler.body.body.length,
    block: handler.body,
    editable: true,
  };
}

function finallySuggestion(
  sourceCode: SourceCode,
  node: TSESTree.TryStatement,
  trySide: Side,
  from: number,
  count: number,
  extra: readonly TextEdit[],
): CleanupSuggestion {
  const list = trySide.list;
  const moved = list.slice(from, from + count);
  const base = indentAt(sourceCode, node.range[0]);
  const unit = indentUnit(sourceCode, node, moved[0]!);
  const code = describeCode(sourceCode, moved);
  const edits: TextEdit[] = [deleteRun(sourceCode, list, from, from + count - 1, bracesOf(sourceCode, trySide)), ...extra];
  if (node.finalizer) {
    // Before the existing finally code: the moved statements ran before it.
    const open = sourceCode.getFirstToken(node.finalizer)!;
    const firstInside = node.finalizer.body[0];
    if (firstInside && firstInside.loc.start.line === open.loc.start.line) {
      edits.push({ range: [open.range[1], open.range[1]], text: ` ${movedText(sourceCode, list, from, from + count - 1, base + unit)}` });
    } else {
      const inner = firstInside ? indentAt(sourceCode, extentOf(sourceCode, firstInside)[0]) : base + unit;
      edits.push({
        range: [open.range[1], open.range[1]],
        text: `\n${inner}${movedText(sourceCode, list, from, from + count - 1, inner)}`,
      });
    }
  } else {
    const inner = base + unit;
    edits.push({
      range: [node.handler!.range[1], node.handler!.range[1]],
      text: ` finally {\n${inner}${movedText(sourceCode, list, from, from + count - 1, inner)}\n${base}}`,
    });
  }
  return { kind: 'moveToFinally', data: { code }, edits };
}

// ---------------------------------------------------------------------------------------------
// Error-first callbacks: `if (err) { …; X; return cb(err) } …; X; cb(null, v)`.

const ERROR_NAME = /^(?:e|er|err|error|ex|exc|exception|_err|_error|_e)$|[a-z0-9](?:Err|Error)$/u;

/**
 * {@link ERROR_NAME}, written out (this runs for the first parameter of every candidate function,
 * in code run too rarely per file to be optimised, where a regular expression call costs more
 * than a few comparisons). `isErrorNameByPattern` is the pattern itself; the tests check both agree.
 */
export function isErrorName(name: string): boolean {
  switch (name) {
    case 'e':
    case 'er':
    case 'err':
    case 'error':
    case 'ex':
    case 'exc':
    case 'exception':
    case '_err':
    case '_error':
    case '_e':
      return true;
    default:
      break;
  }
  // `[a-z0-9](?:Err|Error)$`: a lower-case letter or digit right before the suffix.
  const n = name.length;
  let before = -1;
  if (n >= 4 && name.endsWith('Err')) before = name.charCodeAt(n - 4);
  else if (n >= 6 && name.endsWith('Error')) before = name.charCodeAt(n - 6);
  return (before >= 97 /* a */ && before <= 122) /* z */ || (before >= 48 /* 0 */ && before <= 57) /* 9 */;
}

/** The pattern {@link isErrorName} spells out (for the tests). */
export function isErrorNameByPattern(name: string): boolean {
  return ERROR_NAME.test(name);
}

/** The `if` that tests the error parameter, written without side effects: `err`, `err != null`, … */
function isErrorTest(test: Node, name: string): boolean {
  if (isNamed(test, name)) return true;
  if (test.type === 'BinaryExpression' && (test.operator === '!=' || test.operator === '!==')) {
    return (isNamed(test.left, name) && isNothing(test.right)) || (isNothing(test.left) && isNamed(test.right, name));
  }
  return false;
}

function isNamed(n: Node, name: string): boolean {
  return n.type === 'Identifier' && n.name === name;
}

function isNothing(n: Node): boolean {
  return (n.type === 'Literal' && n.value === null && !('regex' in n)) || (n.type === 'Identifier' && n.name === 'undefined');
}

/** A statement that ends a branch by firing the callback: `cb(err)`, `return cb(null, v)`, `return void cb(e)`: the callee. */
function fireCallee(statement: Statement | undefined): Node | undefined {
  if (!statement) return undefined;
  let expression: Node | null | undefined;
  if (statement.type === 'ExpressionStatement') expression = statement.expression;
  else if (statement.type === 'ReturnStatement') expression = statement.argument;
  if (!expression) return undefined;
  if (expression.type === 'UnaryExpression' && expression.operator === 'void') expression = expression.argument;
  if (expression.type !== 'CallExpression') return undefined;
  return expression.callee;
}

/**
 * Do two nodes have the same source text? Compared in place, character by character, when their
 * lengths agree (what comparing the two slices answers, without making them); the ranges are
 * indexed, not destructured through the iterator protocol.
 */
function sameText(sourceCode: SourceCode, a: Node, b: Node): boolean {
  const a0 = a.range[0];
  const b0 = b.range[0];
  const length = a.range[1] - a0;
  if (b.range[1] - b0 !== length) return false;
  const text = sourceCode.text;
  for (let i = 0; i < length; i++) if (text.charCodeAt(a0 + i) !== text.charCodeAt(b0 + i)) return false;
  return true;
}

/** Where a side ends once a final bare `return;` is left out (when something comes before it). */
function strippedEndOf(list: readonly Statement[], from: number, to: number): number {
  const last = list[to - 1];
  return last?.type === 'ReturnStatement' && !last.argument && to - 1 > from ? to - 1 : to;
}

function endsWithExit(statement: Statement): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  return false;
}

/**
 * The finding for an error-first callback `fn`, if its body tests the error parameter with an
 * `if` whose branches share code at their start (hoistable above the `if`) or end (reported only:
 * it runs after each branch's own work, right before the callback fires).
 */
export function findErrorFirstCleanup(sourceCode: SourceCode, fn: FunctionNode, options: CleanupOptions): CleanupFinding | undefined {
  const param = fn.params[0];
  // The name first: it rules most functions out without a look at their body.
  if (!param || param.type !== 'Identifier' || !isErrorName(param.name) || fn.body.type !== 'BlockStatement') return undefined;
  const body = fn.body.body;
  const name = param.name;
  let index = 0;
  while (index < body.length) {
    const s = body[index]!;
    if (s.type === 'IfStatement' && isErrorTest(s.test, name)) break;
    index++;
  }
  if (index === body.length) return undefined;
  const ifStatement = body[index] as TSESTree.IfStatement;
  const consequent = ifStatement.consequent;
  // `if (err) return cb(err);` without braces: nothing to share, but the success path may still
  // do one-sided cleanup.
  if (consequent.type !== 'BlockStatement' && (ifStatement.alternate || !endsWithExit(consequent))) return undefined;

  // The sides' statement lists and ranges first; each side is made once, with its final end.
  const alternate = ifStatement.alternate;
  let successList: readonly Statement[];
  let successFrom: number;
  if (alternate) {
    if (alternate.type !== 'BlockStatement') return undefined;
    successList = alternate.body;
    successFrom = 0;
  } else {
    const last = consequent.type === 'BlockStatement' ? consequent.body[consequent.body.length - 1] : consequent;
    if (!last || !endsWithExit(last)) return undefined;
    successList = body;
    successFrom = index + 1;
  }
  const errorList = consequent.type === 'BlockStatement' ? consequent.body : [consequent];

  // Leave out the final `return` and the callback call that end both branches.
  let errorTo = strippedEndOf(errorList, 0, errorList.length);
  let successTo = strippedEndOf(successList, successFrom, successList.length);
  const errorFire = fireCallee(errorList[errorTo - 1]);
  const successFire = errorFire && fireCallee(successList[successTo - 1]);
  if (errorFire && successFire && sameText(sourceCode, errorFire, successFire)) {
    errorTo--;
    successTo--;
  }
  const successSide: Side = alternate
    ? { label: 'the success path', owner: alternate, list: successList, from: successFrom, to: successTo, block: alternate as TSESTree.BlockStatement, editable: true }
    : { label: 'the success path', owner: fn.body, list: successList, from: successFrom, to: successTo, block: undefined, editable: true };
  const errorSide: Side = {
    label: 'the error branch',
    owner: consequent,
    list: errorList,
    from: 0,
    to: errorTo,
    block: consequent.type === 'BlockStatement' ? consequent : undefined,
    editable: consequent.type === 'BlockStatement',
  };
  const a = compared(errorSide);
  const b = compared(successSide);
  // The test's text goes into findings only (most callbacks have none).
  let testText: string | undefined;
  const testOf = (): string => (testText ??= sourceCode.getText(ifStatement.test));

  const head = sharedHeadLength(sourceCode, a, b);
  if (head > 0) {
    const sharedA = a.slice(0, head);
    const sharedB = b.slice(0, head);
    if (!hasEffect(sourceCode, sharedA) || findExit(sourceCode, sharedA)) return undefined;
    if (branchLocalUse(sourceCode, sharedA, errorSide) || branchLocalUse(sourceCode, sharedB, successSide)) return undefined;
    const code = describeCode(sourceCode, sharedA);
    const suggestion =
      hoistBlocked(sourceCode, sharedA, param) || !commentsAgree(sourceCode, errorSide, errorSide.from, successSide, successSide.from, head)
        ? undefined
        : hoistSuggestion(sourceCode, ifStatement, errorSide, successSide, head, testOf(), code);
    return {
      kind: 'errorFirstStart',
      loc: locOf(sharedA),
      data: { code, errorLine: String(sharedA[0]!.loc.start.line), successLine: String(sharedB[0]!.loc.start.line), test: testOf() },
      suggestion,
    };
  }
  const tail = sharedTailLength(sourceCode, a, b);
  if (tail > 0) {
    const sharedA = a.slice(a.length - tail);
    const sharedB = b.slice(b.length - tail);
    if (!hasEffect(sourceCode, sharedA) || findExit(sourceCode, sharedA)) return undefined;
    if (findExit(sourceCode, a.slice(0, a.length - tail)) || findExit(sourceCode, b.slice(0, b.length - tail))) return undefined;
    if (branchLocalUse(sourceCode, sharedA, errorSide) || branchLocalUse(sourceCode, sharedB, successSide)) return undefined;
    return {
      kind: 'errorFirstEnd',
      loc: locOf(sharedA),
      data: {
        code: describeCode(sourceCode, sharedA),
        errorLine: String(sharedA[0]!.loc.start.line),
        successLine: String(sharedB[0]!.loc.start.line),
      },
      suggestion: undefined,
    };
  }
  if (!options.oneSided) return undefined;
  const flags = (): readonly FlagSet[] => {
    const call = fn.parent?.type === 'CallExpression' ? statementOf(fn.parent) : undefined;
    return call ? flagsSetBefore(sourceCode, call) : [];
  };
  const cleanups = oneSidedCleanups(sourceCode, b, errorList, flags, param.name).filter(
    (x) => !branchLocalUse(sourceCode, [x.statement], successSide),
  );
  if (cleanups.length === 0) return undefined;
  return oneSidedFinding(
    sourceCode,
    cleanups,
    successSide,
    errorSide,
    `the code before \`if (${testOf()})\``,
    (from, count) => {
      const moved = successSide.list.slice(from, from + count);
      if (hoistBlocked(sourceCode, moved, param)) return undefined;
      return hoistSuggestion(sourceCode, ifStatement, undefined, { ...successSide, from }, count, testOf(), describeCode(sourceCode, moved));
    },
    'start',
  );
}

/**
 * Does the shared code use a binding that exists only on its branch: a block's own declarations,
 * or, for the success path that continues the function body, something declared on that path?
 */
function branchLocalUse(sourceCode: SourceCode, nodes: readonly Node[], side: Side): boolean {
  if (side.block) return ownUse(sourceCode, nodes, side, false) !== undefined;
  const path: TSESTree.Range = [side.list[side.from]!.range[0], side.list[side.to - 1]?.range[1] ?? side.list[side.from]!.range[1]];
  for (const reference of referencesWithin(sourceCode, nodes)) {
    const variable = reference.resolved;
    if (!variable) continue;
    const declaredOnPath = variable.defs.some((d) => {
      const r = (d.name as Node).range;
      return r[0] >= path[0] && r[1] <= path[1] && !nodes.some((n) => r[0] >= n.range[0] && r[1] <= n.range[1]);
    });
    if (declaredOnPath) return true;
  }
  return false;
}

/** Moving code above `if (err)` is unsafe if it declares bindings or writes the error parameter. */
function hoistBlocked(sourceCode: SourceCode, nodes: readonly Node[], param: TSESTree.Identifier): boolean {
  if (declaresBindings(nodes)) return true;
  return referencesWithin(sourceCode, nodes).some((r) => r.isWrite() && r.identifier.name === param.name);
}

function hoistSuggestion(
  sourceCode: SourceCode,
  ifStatement: TSESTree.IfStatement,
  errorSide: Side | undefined,
  successSide: Side,
  count: number,
  test: string,
  code: string,
): CleanupSuggestion {
  const indent = indentAt(sourceCode, ifStatement.range[0]);
  const source = errorSide ?? successSide;
  const text = movedText(sourceCode, source.list, source.from, source.from + count - 1, indent);
  const edits: TextEdit[] = [{ range: [ifStatement.range[0], ifStatement.range[0]], text: `${text}\n${indent}` }];
  if (errorSide) edits.push(deleteRun(sourceCode, errorSide.list, errorSide.from, errorSide.from + count - 1, bracesOf(sourceCode, errorSide)));
  edits.push(deleteRun(sourceCode, successSide.list, successSide.from, successSide.from + count - 1, bracesOf(sourceCode, successSide)));
  return { kind: 'hoist', data: { code, test }, edits };
}

export { sameCode };
