/**
 * The chain model: which calls attach links to a deferred or promise, what each link handles, what
 * the chain is attached to, and what becomes of it. Computed once per file (per style table) and
 * shared by every rule through {@link getChainModel}.
 *
 * Vocabulary (design §2): a *chain* is a run of link calls on one receiver, its *head*:
 * `getDeferred().addCallback(a).addErrback(b)` has head `getDeferred()` and two links. Its *fate* is
 * what the code does with the value of the last link (drops it, returns it, stores it, …). A
 * *holder* is a local variable or parameter whose value is a deferred or promise; links attached to
 * it across statements are collected there.
 *
 * Every method name comes from the style table. A call is read as a chain only on clear evidence:
 * a head known to the table (`new Deferred()`, `$.ajax(…)`, `fetch(…)`), two or more links in a
 * row, or one link whose name the table does not call ambiguous (`then`, `catch`, `addCallback`;
 * not jQuery's `done` or `fail`, which are common method names elsewhere).
 *
 * Ask for the model from `Program:exit` on. A rule that does should also merge
 * `nodeIndexListeners(sourceCode)` (./node-index.ts) into its listeners, so the model is built
 * from the nodes ESLint's own traversal visited instead of a second walk of the tree.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { dottedName, memberName } from '../utils/ast.js';
import { perTable, type LinkSide, type Style, type StyleTable } from './styles.js';
import {
  type FunctionNode,
  type SourceCode,
  type Variable,
  isNullish,
  resolveFunction,
  resolveVariable,
  unwrap,
} from './scope.js';
import { CALLEE_IDENTIFIER, CALLEE_KIND, CALLEE_MEMBER, CALLEE_NEW, type PathCollector } from './collector.js';
import { fileCollector, fileStore, perFileMap } from './file-state.js';
import { type NameShapes, callsWhere, getNodeIndex, inSourceOrder, mayHaveShape, nameShapes, valueDeclarators } from './node-index.js';
import { functionOfArgument } from './node-callbacks.js';
import { getTypeInfo } from './types.js';
import { phaseClock, timed } from './phase-clock.js';

/** What the links of a chain are attached to. */
export type HeadKind =
  /** `new Deferred()`, `new dojo.Deferred()`: a completion object the code fires itself. */
  | 'constructor'
  /** `new Promise((resolve, reject) => …)`. */
  | 'executor'
  /** `$.Deferred()`, `Q.defer()`. */
  | 'factory'
  /** A call returning an already running chain: `fetch(…)`, `$.ajax(…)`, `succeed(…)`. */
  | 'source'
  /** A local variable or parameter (see {@link Holder}). */
  | 'variable'
  /** Any other call, of unknown result. */
  | 'call'
  /** Anything else: a property, an import, `this`, … */
  | 'other';

/** A handler passed to a link. */
export interface Handler {
  /** The argument as written. */
  readonly node: TSESTree.Expression;
  /** The function it denotes, when visible in this file (inline, declared, or `const f = …`). */
  readonly fn: FunctionNode | undefined;
}

/** One link call of a chain. */
export interface ChainLink {
  readonly call: TSESTree.CallExpression;
  readonly method: string;
  /** The method name in the source, for report locations. */
  readonly property: TSESTree.Node;
  /**
   * What the link handles, from the method and the handlers actually given: `then(f)` is a success
   * link, `then(f, g)` a pair, `then(null, g)` an error link.
   */
  readonly side: LinkSide;
  /** The styles in which this method is a link with this side, in table order. */
  readonly styles: readonly Style[];
  /** The handler run with the success value (the same node as `error` for a both link). */
  readonly success: Handler | undefined;
  /** The handler run with the error. */
  readonly error: Handler | undefined;
  /**
   * Does the handler's return value become the value the next link sees? True for pair links,
   * for single-side links of styles whose links transform (not jQuery `done`/`fail`), and for both
   * links that replace the result (`addBoth`; not `finally`/`always`). True only if every
   * candidate style agrees.
   */
  readonly transforms: boolean;
  /** Does an error arriving at this link stop here (an error handler, or `addBoth`)? */
  readonly catchesErrors: boolean;
  /**
   * Does the handler see a failure without stopping it? A both link that passes the outcome on
   * but whose handler reads its arguments: jQuery's `always(function (xhr, status) {…})` gets the
   * failure's arguments and may well report it. (A `finally` handler gets none.)
   */
  readonly observesErrors: boolean;
}

/** What becomes of an expression's value. */
export type Fate =
  | { readonly kind: 'dropped'; readonly node: TSESTree.Node }
  | { readonly kind: 'returned'; readonly node: TSESTree.Node }
  | { readonly kind: 'awaited'; readonly node: TSESTree.AwaitExpression }
  | { readonly kind: 'yielded'; readonly node: TSESTree.YieldExpression }
  | { readonly kind: 'voided'; readonly node: TSESTree.UnaryExpression }
  | { readonly kind: 'assigned'; readonly node: TSESTree.Node; readonly variable: Variable }
  | { readonly kind: 'stored'; readonly node: TSESTree.Node }
  | { readonly kind: 'argument'; readonly node: TSESTree.CallExpression | TSESTree.NewExpression; readonly index: number }
  | { readonly kind: 'element'; readonly node: TSESTree.ArrayExpression; readonly outer: Fate }
  | { readonly kind: 'exported'; readonly node: TSESTree.Node }
  | { readonly kind: 'thrown'; readonly node: TSESTree.ThrowStatement }
  | { readonly kind: 'receiver'; readonly node: TSESTree.MemberExpression; readonly name: string | undefined }
  | { readonly kind: 'other'; readonly node: TSESTree.Node };

/**
 * What a fate means for the chain's errors:
 * - `discarded`: nobody can attach anything after it (`chain;` as a statement);
 * - `voided`: discarded on purpose (`void chain`);
 * - `held`: stored in a local variable; ask the {@link Holder};
 * - `handed-on`: someone else gets the chain (returned, awaited, passed, stored, …) or its use is
 *   not understood (treated as handed on, to stay silent).
 */
export type Disposition = 'discarded' | 'voided' | 'held' | 'handed-on';

export interface Chain {
  /** The expression the first link is called on, without type-only or optional-chain wrappers. */
  readonly head: TSESTree.Expression;
  readonly headKind: HeadKind;
  /** The local variable or parameter named by the head, if any. */
  readonly headVariable: Variable | undefined;
  /** Links in call order (innermost first). */
  readonly links: readonly ChainLink[];
  /** The styles consistent with the head and every link, in table order (never empty). */
  readonly styles: readonly Style[];
  /** The last link call. */
  readonly outer: TSESTree.CallExpression;
  /** The last link call with any optional-chain/type wrapper around it: the chain's value in the source. */
  readonly outermost: TSESTree.Expression;
  readonly fate: Fate;
  /**
   * Why the calls were read as a chain: a known head, several links, an unambiguous link method,
   * or (with type information) the type of the head of one ambiguous link (`load().done(f)`).
   */
  readonly evidence: 'head' | 'links' | 'method' | 'type';
}

/** A read of a holder variable that is not the head of a chain. */
export interface HolderUse {
  readonly node: TSESTree.Identifier;
  readonly fate: Fate;
  /** Read inside a function nested in the one that declares the variable. */
  readonly captured: boolean;
}

/** Why a holder's chain may be continued, handled or fired out of this analysis's sight. */
export interface Escape {
  readonly reason:
    | 'global'
    | 'exported'
    | 'captured'
    | 'handed-on'
    | 'voided'
    | 'aliased'
    /**
     * A parameter holding a deferred whose links mutate it: the caller may add links too. Only
     * given when no other reason applies.
     */
    | 'shared-deferred';
  readonly node: TSESTree.Node;
}

/** A local variable or parameter holding a deferred or promise. */
export interface Holder {
  readonly variable: Variable;
  readonly isParameter: boolean;
  /** Expressions written to it (initialiser, then assignments), in source order. */
  readonly values: readonly TSESTree.Expression[];
  /** Chains among those values: `const p = fetch(u).then(a)`. */
  readonly valueChains: readonly Chain[];
  /** Chains whose head is a read of the variable, in source order. */
  readonly chains: readonly Chain[];
  /** Other reads of the variable. */
  readonly uses: readonly HolderUse[];
  /** Styles consistent with the values and the chains. */
  readonly styles: readonly Style[];
  /** The first reason the holder's chains are out of sight, or undefined when all are visible. */
  readonly escape: Escape | undefined;
}

export interface ChainModel {
  /** Every recognised chain, in source order of the outermost link call. */
  readonly chains: readonly Chain[];
  /** Every holder with at least one recognised chain or known deferred/promise value. */
  readonly holders: readonly Holder[];
  /** The chain a link call belongs to. */
  chainOfLink(call: TSESTree.CallExpression): Chain | undefined;
  /** The holder of a variable, if it holds a deferred or promise. */
  holderOf(variable: Variable): Holder | undefined;
}

const MODELS = Symbol('chain-models');
const LINK_CALLS = Symbol('link-calls');
const VALUES = Symbol('holder-values');

/** The chain model of a file, computed on first use and shared by every rule linting it. */
export function getChainModel(sourceCode: SourceCode, table: StyleTable): ChainModel {
  const byTable = perFileMap<StyleTable, ChainModel>(sourceCode, MODELS);
  let model = byTable.get(table);
  if (!model) byTable.set(table, (model = phaseClock.on ? timed('chain model', undefined, buildChainModel, sourceCode, table) : buildChainModel(sourceCode, table)));
  return model;
}

/**
 * Does the file call any link method with a handler (`p.then(f)`, `d.addErrback(eb)`)? Without one
 * it has no chain, and rules that only check chains skip the model (it is still built, in full, for
 * whoever asks for it).
 */
export function hasLinkCalls(sourceCode: SourceCode, table: StyleTable): boolean {
  return linkCallsOf(sourceCode, table).length > 0;
}

/** A file's link calls for one style table; a file linted with several tables (never in one run) chains them. */
interface LinkCallsEntry {
  readonly table: StyleTable;
  readonly calls: readonly TSESTree.CallExpression[];
  readonly next: LinkCallsEntry | undefined;
}

/**
 * The calls that can be links, in source order. Asked by three rules in every file: kept in the
 * file's store as a small list by table rather than a `Map` of its own per file.
 */
function linkCallsOf(sourceCode: SourceCode, table: StyleTable): readonly TSESTree.CallExpression[] {
  const store = fileStore(sourceCode);
  const first = store.get(LINK_CALLS) as LinkCallsEntry | undefined;
  for (let entry = first; entry; entry = entry.next) if (entry.table === table) return entry.calls;
  const collector = fileCollector(sourceCode);
  const calls = collector?.traversed
    ? recordedLinkCalls(collector, table)
    : callsWhere(sourceCode, (node) => linkMethodOf(node, table) !== undefined);
  store.set(LINK_CALLS, { table, calls, next: first });
  return calls;
}

/**
 * {@link linkCallsOf} from the collector's recording: what `callsWhere` with the same test finds,
 * in one loop over the recorded callee kinds and names (asked of every call of every file). Only a
 * member call can be a link (see {@link linkMethodOf}): a call of a plain name or other callee is
 * ruled out by its kind, a plain member by its recorded name; the rest are read.
 */
function recordedLinkCalls(collector: PathCollector, table: StyleTable): TSESTree.CallExpression[] {
  const shapes = linkNameShapes(table);
  const { calls, calleeNames, calleeKinds } = collector;
  let out: TSESTree.CallExpression[] | undefined;
  for (let i = 0; i < calls.length; i++) {
    const kind = calleeKinds[i]!;
    if ((kind & CALLEE_NEW) !== 0) continue;
    const callee = kind & CALLEE_KIND;
    if (callee === CALLEE_IDENTIFIER) continue;
    if (callee === CALLEE_MEMBER) {
      const name = calleeNames[i]!;
      if (!mayHaveShape(shapes, name) || table.linksNamed(name).length === 0) continue;
    }
    const call = calls[i] as TSESTree.CallExpression;
    if (linkMethodOf(call, table) !== undefined) (out ??= []).push(call);
  }
  // Most files have no link call: they share one empty list.
  return out ? inSourceOrder(out) : (NO_CALLS as TSESTree.CallExpression[]);
}

const NO_CALLS: readonly TSESTree.CallExpression[] = Object.freeze([]);

/** The first letters and lengths of each table's link method names (see `nameShapes`), built once per table. */
const linkNameShapes = perTable((table): NameShapes => {
  const names: string[] = [];
  for (const style of table.styles) {
    const { success, error, both, pair } = style.links;
    names.push(...success, ...error, ...both, ...pair);
  }
  return nameShapes(names);
});

/** Fate dispositions: see {@link Disposition}. */
export function dispositionOf(fate: Fate): Disposition {
  switch (fate.kind) {
    case 'dropped':
      return 'discarded';
    case 'voided':
      return 'voided';
    case 'assigned':
      return 'held';
    case 'element':
      return fate.outer.kind === 'dropped' ? 'discarded' : dispositionOf(fate.outer) === 'voided' ? 'voided' : 'handed-on';
    default:
      return 'handed-on';
  }
}

/** The links of a chain (or of all chains of a holder) that stop errors, in order. */
export function errorCatchingLinks(links: readonly ChainLink[]): ChainLink[] {
  return links.filter((link) => link.catchesErrors);
}

/** Every link attached to a holder: its value chains' and its own chains', in source order. */
export function holderLinks(holder: Holder): ChainLink[] {
  return [...new Set([...holder.valueChains, ...holder.chains])]
    .flatMap((chain) => chain.links)
    .sort((a, b) => a.call.range[0] - b.call.range[0]);
}

// ---------------------------------------------------------------------------------------------

interface HeadInfo {
  readonly kind: HeadKind;
  /** Styles the head is known to belong to; empty when unknown. */
  readonly styles: readonly Style[];
  readonly variable: Variable | undefined;
}

function buildChainModel(sourceCode: SourceCode, table: StyleTable): ChainModel {
  const linkCalls = linkCallsOf(sourceCode, table);
  const valuesCache = perFileMap<Variable, TSESTree.Expression[]>(sourceCode, VALUES);
  const valuesOf = (variable: Variable) => valuesOfVariable(valuesCache, variable);
  const linkCallSet = new Set(linkCalls);

  const chainByLink = new Map<TSESTree.CallExpression, Chain>();
  const chains: Chain[] = [];
  const inner = new Set<TSESTree.CallExpression>();
  const headCache = new Map<TSESTree.Node, HeadInfo>();
  const variableCache = new Map<Variable, HeadInfo>();
  const classifying = new Set<Variable>();
  const linkCache = new Map<TSESTree.CallExpression, ChainLink>();

  const classifyHead = (expression: TSESTree.Node, seen: Set<TSESTree.Node>): HeadInfo => {
    const node = unwrap(expression);
    const cached = headCache.get(node);
    if (cached) return cached;
    if (seen.has(node)) return { kind: 'other', styles: [], variable: undefined };
    seen.add(node);
    const info = classifyUncached(node, seen);
    headCache.set(node, info);
    return info;
  };

  /** The dotted name of a callee the table may know, without building names it cannot know. */
  const recognisableName = (callee: TSESTree.Node): string | undefined => {
    const c = unwrap(callee);
    const tail = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' ? memberName(c) : undefined;
    return tail !== undefined && table.mayRecognise(tail) ? dottedName(c) : undefined;
  };

  const classifyUncached = (node: TSESTree.Node, seen: Set<TSESTree.Node>): HeadInfo => {
    if (node.type === 'NewExpression') {
      const name = recognisableName(node.callee);
      if (name !== undefined) {
        const executor = table.stylesFor('executors', name);
        if (executor.length > 0) return { kind: 'executor', styles: executor, variable: undefined };
        const constructed = table.stylesFor('constructors', name);
        if (constructed.length > 0) return { kind: 'constructor', styles: constructed, variable: undefined };
      }
      return { kind: 'other', styles: [], variable: undefined };
    }
    if (node.type === 'CallExpression') {
      const name = recognisableName(node.callee);
      if (name !== undefined) {
        const source = table.stylesFor('chainSources', name);
        if (source.length > 0) return { kind: 'source', styles: source, variable: undefined };
        const factory = table.stylesFor('factories', name);
        if (factory.length > 0) return { kind: 'factory', styles: factory, variable: undefined };
      }
      if (linkCallSet.has(node)) {
        // A chain used as a value (`const p = f().then(a)`): it belongs to the chain's styles.
        const { styles } = chainStylesOf(node, seen);
        return { kind: 'call', styles, variable: undefined };
      }
      return { kind: 'call', styles: [], variable: undefined };
    }
    if (node.type === 'Identifier') {
      const variable = resolveVariable(sourceCode, node);
      if (!variable || !isHolderCandidate(variable)) return { kind: 'other', styles: [], variable: undefined };
      // Once per variable, not per read: a variable read by many chains is classified once.
      const cached = variableCache.get(variable);
      if (cached) return cached;
      // `p = p.then(a)`: the value's own head is the variable being classified.
      if (classifying.has(variable)) return { kind: 'variable', styles: [], variable };
      classifying.add(variable);
      const styles: Style[] = [];
      for (const value of valuesOf(variable)) {
        for (const style of classifyHead(value, seen).styles) if (!styles.includes(style)) styles.push(style);
      }
      classifying.delete(variable);
      const info: HeadInfo = { kind: 'variable', styles: orderLike(table.styles, styles), variable };
      variableCache.set(variable, info);
      return info;
    }
    return { kind: 'other', styles: [], variable: undefined };
  };

  /** Links and styles of the chain ending at `outerCall` (a link call), without its fate. */
  const chainStylesOf = (
    outerCall: TSESTree.CallExpression,
    seen: Set<TSESTree.Node>,
  ): { links: ChainLink[]; head: TSESTree.Expression; headInfo: HeadInfo; styles: readonly Style[] } => {
    const calls: TSESTree.CallExpression[] = [];
    let current: TSESTree.Node = outerCall;
    while (current.type === 'CallExpression' && linkCallSet.has(current)) {
      calls.unshift(current);
      current = unwrap((unwrap(current.callee) as TSESTree.MemberExpression).object);
    }
    const head = current as TSESTree.Expression;
    const headInfo = classifyHead(head, seen);
    // Plain loops (see `describeLink`): the styles every link allows, in table order.
    const links: ChainLink[] = [];
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i]!;
      let link = linkCache.get(call);
      if (!link) linkCache.set(call, (link = describeLink(sourceCode, table, call)));
      links.push(link);
    }
    let styles: readonly Style[] = table.styles;
    for (let i = 0; i < links.length; i++) styles = stylesAlsoIn(styles, links[i]!.styles);
    if (styles.length === 0) styles = links.at(-1)?.styles ?? [];
    if (headInfo.styles.length > 0) {
      const narrowed = stylesAlsoIn(styles, headInfo.styles);
      if (narrowed.length > 0) styles = narrowed;
    }
    return { links, head, headInfo, styles };
  };

  const types = getTypeInfo(sourceCode, table);
  for (const call of linkCalls) {
    if (inner.has(call)) continue;
    const { links, head, headInfo, styles: untypedStyles } = chainStylesOf(call, new Set());
    let styles = untypedStyles;
    for (const link of links) inner.add(link.call);
    const knownHead =
      headInfo.kind === 'constructor' ||
      headInfo.kind === 'executor' ||
      headInfo.kind === 'factory' ||
      headInfo.kind === 'source' ||
      (headInfo.kind === 'variable' && headInfo.styles.length > 0);
    const single = links[0]!;
    let evidence: Chain['evidence'] | undefined = knownHead
      ? 'head'
      : links.length >= 2
        ? 'links'
        : table.isAmbiguousLink(single.method)
          ? undefined
          : 'method';
    if (evidence === undefined && types) {
      // One ambiguous link (`done`, `fail`) on a receiver of unknown origin: its type decides.
      const typed = types.chainStyles(head).filter((style) => single.styles.includes(style));
      if (typed.length > 0) {
        evidence = 'type';
        styles = typed;
      }
    }
    if (evidence === undefined) continue;
    const outermost = outermostOf(call);
    const chain: Chain = {
      head,
      headKind: headInfo.kind,
      headVariable: headInfo.variable,
      links,
      styles,
      outer: call,
      outermost,
      fate: fateOf(sourceCode, outermost),
      evidence,
    };
    chains.push(chain);
    for (const link of links) chainByLink.set(link.call, chain);
  }

  const holders = buildHolders(sourceCode, table, chains, sourceDeclarators(sourceCode, table), (value) => classifyHead(value, new Set()), valuesOf);
  const holderByVariable = new Map(holders.map((h) => [h.variable, h]));

  return {
    chains,
    holders,
    chainOfLink: (call) => chainByLink.get(call),
    holderOf: (variable) => holderByVariable.get(variable),
  };
}

/**
 * The declarators that may give a variable a known source (`const d = new Deferred()`,
 * `const r = $.ajax(…)`), in source order: those whose value is a call or `new` of a callee whose
 * last name the table may recognise. Such a value is classified as a constructor, factory,
 * executor or source only under a recognised name, so the other declarators make no holder; their
 * classification has no effect on any other answer either (the chains it would read are classified
 * already, and every other value is classified on its own). Found from the recorded calls, which
 * the chain model has just read, rather than from every declarator of the file.
 */
function sourceDeclarators(sourceCode: SourceCode, table: StyleTable): readonly TSESTree.VariableDeclarator[] {
  const collector = fileCollector(sourceCode);
  // No recording (a model built outside our rules): every declarator with a call or `new` value.
  if (!collector?.traversed) return valueDeclarators(sourceCode);
  const out: TSESTree.VariableDeclarator[] = [];
  const { calls, calleeNames, calleeKinds } = collector;
  for (let i = 0; i < calls.length; i++) {
    // A plain callee's name was recorded during the traversal: most calls are ruled out unread.
    const kind = calleeKinds[i]! & CALLEE_KIND;
    if ((kind === CALLEE_IDENTIFIER || kind === CALLEE_MEMBER) && !table.mayRecognise(calleeNames[i]!)) continue;
    const call = calls[i]!;
    const callee = unwrap(call.callee);
    const tail = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? memberName(callee) : undefined;
    if (tail === undefined || !table.mayRecognise(tail)) continue;
    // Out through the wrappers `unwrap` looks through, to the declarator the value belongs to.
    let value: TSESTree.Node = call;
    let parent = value.parent;
    while (parent && isValueWrapper(parent) && parent.expression === value) {
      value = parent;
      parent = value.parent;
    }
    if (parent?.type === 'VariableDeclarator' && parent.init === value) out.push(parent);
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

function isValueWrapper(
  node: TSESTree.Node,
): node is TSESTree.ChainExpression | TSESTree.TSNonNullExpression | TSESTree.TSAsExpression | TSESTree.TSTypeAssertion | TSESTree.TSSatisfiesExpression {
  const type = node.type;
  return (
    type === 'ChainExpression' ||
    type === 'TSNonNullExpression' ||
    type === 'TSAsExpression' ||
    type === 'TSTypeAssertion' ||
    type === 'TSSatisfiesExpression'
  );
}

/** The link method name of a call, when the call can be a link: `x.then(f)`, `d.addErrback(eb)`. */
function linkMethodOf(call: TSESTree.CallExpression, table: StyleTable): string | undefined {
  // Asked of every call of the file: a plain `f(…)`, the most common, is ruled out first.
  if (call.callee.type === 'Identifier') return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = memberName(callee);
  if (method === undefined || table.linksNamed(method).length === 0) return undefined;
  // A link takes handlers: `t.fail('message')`, `q.done()` and `x.then(1)` are something else.
  if (call.arguments.length === 0) return undefined;
  const handlerCount = Math.min(call.arguments.length, 2);
  let present = 0;
  for (let i = 0; i < handlerCount; i++) {
    const argument = call.arguments[i]!;
    if (isNullish(argument)) continue;
    if (!mayBeFunction(argument)) return undefined;
    present++;
  }
  return present > 0 ? method : undefined;
}

function mayBeFunction(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  switch (n.type) {
    case 'Identifier':
    case 'MemberExpression':
    case 'CallExpression':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ConditionalExpression':
    case 'LogicalExpression':
    case 'SequenceExpression':
    case 'AssignmentExpression':
    case 'AwaitExpression':
    case 'YieldExpression':
    case 'ThisExpression':
      return true;
    default:
      return false;
  }
}

function describeLink(sourceCode: SourceCode, table: StyleTable, call: TSESTree.CallExpression): ChainLink {
  const callee = unwrap(call.callee) as TSESTree.MemberExpression;
  const method = memberName(callee)!;
  const first = call.arguments[0];
  const second = call.arguments[1];
  const hasFirst = first !== undefined && !isNullish(first);
  const hasSecond = second !== undefined && !isNullish(second);

  // Each style's reading of this call; a method listed as a pair link reads by arity. (Plain
  // loops throughout: this runs for every link, in code run too rarely per file to be optimised,
  // where each closure and intermediate array costs.)
  const matches = table.linksNamed(method);
  const readings: LinkReading[] = [];
  for (let i = 0; i < matches.length; i++) {
    const style = matches[i]!.style;
    let seen = false;
    for (let k = 0; k < readings.length; k++) {
      if (readings[k]!.style === style) {
        seen = true;
        break;
      }
    }
    if (seen) continue;
    // The sides this style lists the method under: the first, and whether one is `pair`.
    let firstSide: LinkSide | undefined;
    let isPairMethod = false;
    for (let j = 0; j < matches.length; j++) {
      const m = matches[j]!;
      if (m.style !== style) continue;
      firstSide ??= m.side;
      if (m.side === 'pair') isPairMethod = true;
    }
    const side: LinkSide = isPairMethod ? (hasFirst && hasSecond ? 'pair' : hasFirst ? 'success' : 'error') : firstSide!;
    readings.push({ style, side, isPairMethod });
  }
  const side = readings[0]!.side;
  const agreeing: LinkReading[] = [];
  const styles: Style[] = [];
  for (let i = 0; i < readings.length; i++) {
    const r = readings[i]!;
    if (r.side !== side) continue;
    agreeing.push(r);
    styles.push(r.style);
  }

  // A file has few link handlers: each is looked up on its own rather than through the set of
  // names bound to functions, which costs a pass over every declaration of the file to build (the
  // answer is the same: see `functionOfArgument`).
  let success: Handler | undefined;
  let error: Handler | undefined;
  const pairMethod = agreeing[0]!.isPairMethod;
  switch (side) {
    case 'success':
      success = handlerOf(sourceCode, first);
      break;
    case 'error':
      error = handlerOf(sourceCode, pairMethod ? second : first);
      break;
    case 'both':
      success = error = handlerOf(sourceCode, first);
      break;
    case 'pair':
      success = handlerOf(sourceCode, first);
      error = handlerOf(sourceCode, second);
      break;
  }

  let transforms = true;
  let allReplace = true;
  let allSeeOutcome = true;
  for (let i = 0; i < agreeing.length; i++) {
    const r = agreeing[i]!;
    if (!(r.isPairMethod ? true : r.side === 'both' ? r.style.bothLink === 'replaces' : r.style.successLinkTransforms)) transforms = false;
    if (r.style.bothLink !== 'replaces') allReplace = false;
  }
  const catchesErrors = error !== undefined && (side === 'error' || side === 'pair' || allReplace);

  let observesErrors = side === 'both' && !catchesErrors && error !== undefined;
  if (observesErrors) {
    for (let i = 0; i < agreeing.length && allSeeOutcome; i++) if (!table.bothLinkSeesOutcome(agreeing[i]!.style)) allSeeOutcome = false;
    observesErrors = allSeeOutcome && readsAParameter(sourceCode, error!.fn ?? guardedFunction(sourceCode, error!.node));
  }

  return { call, method, property: callee.property, side, styles, success, error, transforms, catchesErrors, observesErrors };
}

/** The styles of `styles` that `allowed` has too, in their order (a new list: what `filter` gives). */
function stylesAlsoIn(styles: readonly Style[], allowed: readonly Style[]): Style[] {
  const out: Style[] = [];
  for (let i = 0; i < styles.length; i++) {
    const style = styles[i]!;
    if (allowed.includes(style)) out.push(style);
  }
  return out;
}

/** One style's reading of a link call (see `describeLink`). */
interface LinkReading {
  readonly style: Style;
  readonly side: LinkSide;
  readonly isPairMethod: boolean;
}

/** The handler an argument gives, when it gives one (not spread, not `null`/`undefined`). */
function handlerOf(sourceCode: SourceCode, node: TSESTree.Node | undefined): Handler | undefined {
  return node === undefined || node.type === 'SpreadElement' || isNullish(node)
    ? undefined
    : { node: node as TSESTree.Expression, fn: functionOfArgument(sourceCode, node) };
}

/** `callback && function (xhr, status) {…}`: the function a guard hands over when it hands one. */
function guardedFunction(sourceCode: SourceCode, node: TSESTree.Node): FunctionNode | undefined {
  const n = unwrap(node);
  return n.type === 'LogicalExpression' && n.operator === '&&' ? resolveFunction(sourceCode, n.right) : undefined;
}

function readsAParameter(sourceCode: SourceCode, fn: FunctionNode | undefined): boolean {
  if (!fn) return false;
  return sourceCode
    .getDeclaredVariables(fn)
    .some((v) => v.defs.some((d) => d.type === 'Parameter') && v.references.some((r) => r.isRead()));
}

/** The call with the optional-chain and type wrappers that enclose it. */
function outermostOf(call: TSESTree.CallExpression): TSESTree.Expression {
  let node: TSESTree.Expression = call;
  while (
    node.parent &&
    (node.parent.type === 'ChainExpression' ||
      node.parent.type === 'TSNonNullExpression' ||
      node.parent.type === 'TSAsExpression' ||
      node.parent.type === 'TSSatisfiesExpression' ||
      node.parent.type === 'TSTypeAssertion')
  ) {
    node = node.parent;
  }
  return node;
}

/** What the code does with the value of `expression`. */
export function fateOf(sourceCode: SourceCode, expression: TSESTree.Node): Fate {
  let node = expression;
  for (;;) {
    const parent = node.parent;
    if (!parent) return { kind: 'other', node };
    switch (parent.type) {
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'SpreadElement':
        node = parent;
        continue;
      case 'SequenceExpression':
        if (parent.expressions.at(-1) !== node) return { kind: 'dropped', node: parent };
        node = parent;
        continue;
      case 'ConditionalExpression':
        if (parent.test === node) return { kind: 'other', node: parent };
        node = parent;
        continue;
      case 'LogicalExpression':
        if (parent.left === node) return { kind: 'other', node: parent };
        node = parent;
        continue;
      case 'ExpressionStatement':
        return { kind: 'dropped', node: parent };
      case 'ReturnStatement':
        return { kind: 'returned', node: parent };
      case 'ArrowFunctionExpression':
        return parent.body === node ? { kind: 'returned', node: parent } : { kind: 'other', node: parent };
      case 'AwaitExpression':
        return { kind: 'awaited', node: parent };
      case 'YieldExpression':
        return { kind: 'yielded', node: parent };
      case 'UnaryExpression':
        return parent.operator === 'void' ? { kind: 'voided', node: parent } : { kind: 'other', node: parent };
      case 'ThrowStatement':
        return { kind: 'thrown', node: parent };
      case 'VariableDeclarator': {
        if (parent.init !== node) return { kind: 'other', node: parent };
        const declaration = parent.parent;
        if (declaration?.parent?.type === 'ExportNamedDeclaration') return { kind: 'exported', node: declaration.parent };
        if (parent.id.type !== 'Identifier') return { kind: 'stored', node: parent };
        const variable = resolveDeclared(sourceCode, parent.id);
        return variable ? { kind: 'assigned', node: parent, variable } : { kind: 'stored', node: parent };
      }
      case 'AssignmentExpression': {
        if (parent.right !== node) return { kind: 'other', node: parent };
        if (parent.left.type === 'Identifier' && parent.operator === '=') {
          const variable = resolveVariable(sourceCode, parent.left);
          // An assignment used as a value (`x = y = chain`) hands the chain on as well.
          if (variable && parent.parent?.type === 'ExpressionStatement') return { kind: 'assigned', node: parent, variable };
        }
        return { kind: 'stored', node: parent };
      }
      case 'CallExpression':
      case 'NewExpression': {
        const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
        return index >= 0 ? { kind: 'argument', node: parent, index } : { kind: 'other', node: parent };
      }
      case 'ArrayExpression':
        return { kind: 'element', node: parent, outer: fateOf(sourceCode, parent) };
      case 'MemberExpression':
        return parent.object === node
          ? { kind: 'receiver', node: parent, name: memberName(parent) }
          : { kind: 'other', node: parent };
      case 'Property':
      case 'PropertyDefinition':
      case 'AssignmentPattern':
        return { kind: 'stored', node: parent };
      case 'ExportDefaultDeclaration':
      case 'ExportSpecifier':
        return { kind: 'exported', node: parent };
      default:
        return { kind: 'other', node: parent };
    }
  }
}

function resolveDeclared(sourceCode: SourceCode, id: TSESTree.Identifier): Variable | undefined {
  return sourceCode.getDeclaredVariables(id.parent as TSESTree.VariableDeclarator).find((v) => v.name === id.name);
}

function isHolderCandidate(variable: Variable): boolean {
  return variable.defs.length > 0 && variable.defs.every((d) => d.type === 'Variable' || d.type === 'Parameter');
}

function valuesOfVariable(valuesCache: Map<Variable, TSESTree.Expression[]>, variable: Variable): TSESTree.Expression[] {
  const cached = valuesCache.get(variable);
  if (cached) return cached;
  const values: TSESTree.Expression[] = [];
  for (const reference of variable.references) {
    const value = reference.writeExpr;
    if (reference.isWrite() && value && reference.identifier.parent?.type !== 'AssignmentPattern') {
      const parent = reference.identifier.parent;
      // Only plain `x = value` / `const x = value`; `x += 1` and destructuring say nothing useful.
      if (
        (parent?.type === 'VariableDeclarator' && parent.id === reference.identifier) ||
        (parent?.type === 'AssignmentExpression' && parent.operator === '=' && parent.left === reference.identifier)
      ) {
        values.push(value as TSESTree.Expression);
      }
    }
  }
  values.sort((a, b) => a.range[0] - b.range[0]);
  valuesCache.set(variable, values);
  return values;
}

function orderLike(order: readonly Style[], picked: readonly Style[]): Style[] {
  return order.filter((s) => picked.includes(s));
}

function buildHolders(
  sourceCode: SourceCode,
  table: StyleTable,
  chains: readonly Chain[],
  declarators: readonly TSESTree.VariableDeclarator[],
  classify: (value: TSESTree.Node) => HeadInfo,
  valuesOf: (variable: Variable) => TSESTree.Expression[],
): Holder[] {
  const byVariable = new Map<Variable, { chains: Chain[]; valueChains: Chain[] }>();
  const entry = (variable: Variable) => {
    let e = byVariable.get(variable);
    if (!e) byVariable.set(variable, (e = { chains: [], valueChains: [] }));
    return e;
  };
  for (const chain of chains) {
    if (chain.headVariable) entry(chain.headVariable).chains.push(chain);
    if (chain.fate.kind === 'assigned' && isHolderCandidate(chain.fate.variable)) {
      entry(chain.fate.variable).valueChains.push(chain);
    }
  }
  // Variables initialised from a known source but never given a link are holders too.
  for (const node of declarators) {
    if (node.id.type !== 'Identifier' || !node.init) continue;
    // Only a call or `new` can be a known source; anything else would cost a classification for nothing.
    const init = unwrap(node.init);
    if (init.type !== 'CallExpression' && init.type !== 'NewExpression') continue;
    const kind = classify(init).kind;
    if (kind === 'constructor' || kind === 'factory' || kind === 'source' || kind === 'executor') {
      const variable = resolveDeclared(sourceCode, node.id);
      if (variable) entry(variable);
    }
  }

  const holders: Holder[] = [];
  for (const [variable, { chains: own, valueChains }] of byVariable) {
    const heads = new Set(own.map((c) => unwrap(c.head)));
    const declaringScope = variable.scope.variableScope;
    const uses: HolderUse[] = [];
    for (const reference of variable.references) {
      if (!reference.isRead() || heads.has(reference.identifier)) continue;
      uses.push({
        node: reference.identifier as TSESTree.Identifier,
        fate: fateOf(sourceCode, reference.identifier as TSESTree.Node),
        captured: reference.from.variableScope !== declaringScope,
      });
    }
    // What the values say, narrowed by what the links say (`new Deferred()` is twisted or jQuery
    // until `addCallback` is attached).
    const known = new Set<Style>();
    for (const value of valuesOf(variable)) for (const s of classify(value).styles) known.add(s);
    let orderedStyles = orderLike(table.styles, [...known]);
    for (const chain of [...valueChains, ...own]) {
      if (orderedStyles.length === 0) orderedStyles = [...chain.styles];
      const narrowed = orderedStyles.filter((s) => chain.styles.includes(s));
      if (narrowed.length > 0) orderedStyles = narrowed;
    }
    const isParameter = variable.defs.some((d) => d.type === 'Parameter');
    const holder: { -readonly [K in keyof Holder]: Holder[K] } = {
      variable,
      isParameter,
      values: valuesOf(variable),
      valueChains,
      chains: own,
      uses,
      styles: orderedStyles,
      escape: undefined,
    };
    // Completed in place (escapeOf reads the other fields only) rather than copied.
    holder.escape = escapeOf(table, holder, own, declaringScope);
    holders.push(holder);
  }
  holders.sort((a, b) => (a.variable.identifiers[0]?.range[0] ?? 0) - (b.variable.identifiers[0]?.range[0] ?? 0));
  return holders;
}

function escapeOf(
  table: StyleTable,
  holder: Holder,
  own: readonly Chain[],
  declaringScope: Holder['variable']['scope'],
): Escape | undefined {
  const { variable } = holder;
  const declaredAt = variable.identifiers[0] ?? variable.defs[0]?.node;
  if (variable.scope.type === 'global') return { reason: 'global', node: declaredAt as TSESTree.Node };
  const declarator = variable.defs[0]?.node;
  if (declarator?.type === 'VariableDeclarator' && declarator.parent?.parent?.type === 'ExportNamedDeclaration') {
    return { reason: 'exported', node: declarator };
  }
  for (const use of holder.uses) {
    if (use.captured) return { reason: 'captured', node: use.node };
    const fate = use.fate;
    if (fate.kind === 'receiver') {
      // Firing the deferred (`d.callback(v)`, or handing `d.callback` to a timer) is not handing on its chain.
      if (fate.name !== undefined && table.firesNamed(fate.name).length > 0) continue;
      return { reason: 'handed-on', node: use.node };
    }
    const disposition = dispositionOf(fate);
    if (disposition === 'discarded') continue;
    if (fate.kind === 'exported') return { reason: 'exported', node: use.node };
    if (disposition === 'voided') return { reason: 'voided', node: use.node };
    if (disposition === 'held') return { reason: 'aliased', node: use.node };
    return { reason: 'handed-on', node: use.node };
  }
  const referenceOf = new Map<TSESTree.Node, Holder['variable']['references'][number]>();
  for (const reference of variable.references) referenceOf.set(reference.identifier, reference);
  for (const chain of own) {
    const headReference = referenceOf.get(unwrap(chain.head));
    if (headReference && headReference.from.variableScope !== declaringScope) {
      return { reason: 'captured', node: chain.head };
    }
    const disposition = dispositionOf(chain.fate);
    if (disposition === 'discarded') continue;
    if (disposition === 'held' && chain.fate.kind === 'assigned' && chain.fate.variable === variable) continue;
    const reason: Escape['reason'] =
      disposition === 'voided' ? 'voided' : disposition === 'held' ? 'aliased' : chain.fate.kind === 'exported' ? 'exported' : 'handed-on';
    return { reason, node: chain.outermost };
  }
  // Checked last, so that this reason means the parameter is the only way out of sight.
  if (holder.isParameter && holder.styles.length > 0 && holder.styles.every((s) => s.kind === 'object')) {
    return { reason: 'shared-deferred', node: declaredAt as TSESTree.Node };
  }
  return undefined;
}

/**
 * The runs of links one value flows through, in order:
 * - each chain, prefixed by the chain stored in its head variable when there is one
 *   (`const p = f().then(a); p.then(b)` is one run `then(a), then(b)`), following reassignments;
 * - for holders of styles whose links mutate the object and transform the value (Twisted:
 *   `d.addCallback(a); d.addBoth(b)` is one chain on `d`), all links attached to the variable, in
 *   source order.
 * A prefix holds only what can still reach the chain: the stored chain's links from its last link
 * that receives the value onwards (earlier links hand their value to a reader inside the prefix).
 * That keeps each run about as long as its own chain, however long the reassignment sequence.
 */
export function valueSequences(model: ChainModel): ChainLink[][] {
  const sequences: ChainLink[][] = [];
  const holders = model.holders;
  // No holder (most files with chains): each chain is its own run.
  if (holders.length === 0) {
    const chains = model.chains;
    for (let i = 0; i < chains.length; i++) sequences.push(chains[i]!.links.slice());
    return sequences;
  }
  const mutatingHolders = new Set(
    holders.filter(
      (h) => h.styles.length > 0 && h.styles.every((s) => s.kind === 'object' && s.successLinkTransforms),
    ),
  );
  const chainOfValue = new Map<TSESTree.Node, Chain>();
  for (const holder of holders) {
    for (const chain of holder.valueChains) {
      chainOfValue.set(chain.outermost, chain);
      chainOfValue.set(chain.outer, chain);
    }
  }
  /** The chain stored in the holder by the last write that ends before `position`. */
  const storedBefore = (holder: Holder, position: number): Chain | undefined => {
    const values = holder.values;
    let low = 0;
    let high = values.length - 1;
    let found: TSESTree.Expression | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = values[mid]!;
      if (value.range[0] < position) {
        if (value.range[1] <= position) found = value;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found && (chainOfValue.get(found) ?? chainOfValue.get(unwrap(found)));
  };
  const tails = new Map<Chain, ChainLink[]>();
  const prefixOf = (chain: Chain, depth: number): ChainLink[] => {
    const holder = chain.headVariable && model.holderOf(chain.headVariable);
    if (!holder || depth > 64) return [];
    const stored = storedBefore(holder, chain.head.range[0]);
    return stored && stored !== chain ? tailOf(stored, depth + 1) : [];
  };
  const tailOf = (chain: Chain, depth: number): ChainLink[] => {
    const cached = tails.get(chain);
    if (cached) return cached;
    const full = [...prefixOf(chain, depth), ...chain.links];
    let start = 0;
    for (let i = full.length - 1; i >= 0; i--) {
      if (receivesValue(full[i]!)) {
        start = i;
        break;
      }
    }
    const tail = full.slice(start);
    tails.set(chain, tail);
    return tail;
  };
  for (const chain of model.chains) {
    const holder = chain.headVariable && model.holderOf(chain.headVariable);
    if (holder && mutatingHolders.has(holder)) continue;
    sequences.push([...prefixOf(chain, 0), ...chain.links]);
  }
  for (const holder of mutatingHolders) sequences.push(holderLinks(holder));
  return sequences;
}

/** Does the link's handler receive the value flowing down the chain (and so end a value's trip)? */
function receivesValue(link: ChainLink): boolean {
  if (link.side === 'error') return false;
  if (link.side === 'both' && !link.transforms) return false;
  return true;
}

/**
 * The link that receives the value the link at `index` produces: the next link with a success
 * handler (a success or pair link, or a both link that sees the result, such as `addBoth`),
 * skipping error-only links and both links that let the value pass (`finally`, `always`).
 */
export function nextValueReader(links: readonly ChainLink[], index: number): ChainLink | undefined {
  for (let i = index + 1; i < links.length; i++) {
    const link = links[i]!;
    if (receivesValue(link)) return link.success ? link : undefined;
  }
  return undefined;
}

/** A call used as a statement whose type says it returns a deferred or a promise: a chain with no links. */
export interface FloatingCall {
  readonly call: TSESTree.CallExpression;
  /** The call with its optional-chain and type wrappers. */
  readonly outermost: TSESTree.Expression;
  /**
   * The chain styles of the returned value, object styles (deferreds) first: a value that is both
   * (a Twisted `Deferred` with `then` for `await`) is a deferred.
   */
  readonly styles: readonly Style[];
  /** Is it a deferred (an object style: Twisted, jQuery), rather than only a promise? */
  readonly deferred: boolean;
}

const NO_FLOATING_CALLS: readonly FloatingCall[] = Object.freeze([]);
const floatingCache = new WeakMap<object, Map<StyleTable, readonly FloatingCall[]>>();

/**
 * With type information: calls whose value is dropped (`fetchThing();`) and whose type is a
 * deferred or a promise, in source order. Link and fire method calls (`d.addCallback(f);`,
 * `d.resolve(v);`, which returns the deferred) are the chain model's business, and are not asked
 * about; nor is any other call whose value is used. Empty without type information.
 */
export function findFloatingCalls(sourceCode: SourceCode, table: StyleTable): readonly FloatingCall[] {
  // Without type information there is nothing to find, nor to remember.
  if (!getTypeInfo(sourceCode, table)) return NO_FLOATING_CALLS;
  let byTable = floatingCache.get(sourceCode);
  if (!byTable) floatingCache.set(sourceCode, (byTable = new Map()));
  let found = byTable.get(table);
  if (found) return found;
  const out: FloatingCall[] = [];
  const types = getTypeInfo(sourceCode, table);
  if (types) {
    for (const call of getNodeIndex(sourceCode).calls) {
      const outermost = outermostOf(call);
      const statement = outermost.parent;
      if (statement?.type !== 'ExpressionStatement' || statement.expression !== outermost) continue;
      const callee = unwrap(call.callee);
      if (callee.type === 'MemberExpression') {
        const method = memberName(callee);
        if (method !== undefined && (table.linksNamed(method).length > 0 || table.firesNamed(method).length > 0)) continue;
      } else if (callee.type === 'Super') {
        continue;
      }
      const styles = types.returnsChain(call);
      if (styles.length === 0) continue;
      // A method of a deferred or promise that returns one (`d.addTimeout(5, clock)`,
      // `d.chainDeferred(other)`) hands back the chain its receiver still holds.
      if (callee.type === 'MemberExpression' && types.chainStyles(callee.object).length > 0) continue;
      const objects = styles.filter((style) => style.kind === 'object');
      out.push({ call, outermost, styles: objects.length > 0 ? objects : styles, deferred: objects.length > 0 });
    }
  }
  found = out;
  byTable.set(table, found);
  return found;
}
