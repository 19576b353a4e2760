/**
 * Small syntactic predicates shared by the analysis modules. Nothing here knows about styles or
 * code paths; everything is a pure function of the (parent-linked) AST.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { dottedName, isFunctionNode } from '../utils/ast.js';

export type Node = TSESTree.Node;
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/**
 * A node that owns an ESLint code path: the program, a function, a class static block, or a class
 * field initializer (ESLint gives the value of `x = …` in a class body its own code path).
 */
export type PathRoot = TSESTree.Program | FunctionNode | TSESTree.StaticBlock | TSESTree.Expression;

/** Is `node` the root of its own code path? */
export function isPathRoot(node: Node): boolean {
  if (node.type === 'Program' || node.type === 'StaticBlock' || isFunctionNode(node)) return true;
  const parent = node.parent;
  return parent?.type === 'PropertyDefinition' && parent.value === node;
}

/** The root of the code path that evaluates `node` (the node itself is not its own root). */
export function enclosingRoot(node: Node): PathRoot {
  let current = node.parent;
  while (current) {
    if (isPathRoot(current)) return current as PathRoot;
    current = current.parent;
  }
  return node as TSESTree.Program;
}

/**
 * The index of the first of `nodes` (in source order) that starts at or after `position`
 * (`nodes.length` if none does): a binary search, reading a handful of nodes.
 */
export function firstStartingAt(nodes: readonly { readonly range: readonly [number, number] }[], position: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid]!.range[0] < position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Does `test` hold for some of `nodes` (in source order, e.g. the file's `catch` clauses) inside
 * `node`? Those are the ones starting from its start to its end (ranges nest): found by binary
 * search, and only they are read. Without `test`: is any of them inside `node`?
 */
export function someWithin<T extends { readonly range: readonly [number, number] }>(nodes: readonly T[], node: Node, test?: (inside: T) => boolean): boolean {
  // Most files have no `catch` at all: `node` is not read then.
  if (nodes.length === 0) return false;
  const [start, end] = node.range;
  for (let i = firstStartingAt(nodes, start); i < nodes.length; i++) {
    const candidate = nodes[i]!;
    if (candidate.range[0] >= end) break;
    if (candidate.range[1] <= end && (test === undefined || test(candidate))) return true;
  }
  return false;
}

/** Is `inner` inside `outer` (or equal to it)? Ranges are enough: the AST nests strictly. */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Strips wrappers that do not change the value: `(x)` is not a node; `x!`, `x as T`, `x?.y()` chains are. */
export function unwrapExpression(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSTypeAssertion':
      case 'TSSatisfiesExpression':
        current = current.expression;
        continue;
      default:
        return current;
    }
  }
}

/** The nearest ancestor that is not a value-preserving wrapper, and the child we came from. */
export function valueParent(node: Node): { parent: Node | undefined; child: Node } {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === 'ChainExpression' ||
      parent.type === 'TSNonNullExpression' ||
      parent.type === 'TSAsExpression' ||
      parent.type === 'TSTypeAssertion' ||
      parent.type === 'TSSatisfiesExpression')
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** The static property name of `a.b` / `a['b']`. */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') {
    return node.property.value;
  }
  return undefined;
}

/** `(0, ns.f)` — the indirect-call form compilers emit — is the callee `ns.f`. */
function indirectCallee(callee: Node): Node {
  const c = unwrapExpression(callee);
  if (c.type === 'SequenceExpression' && c.expressions.length > 0) return unwrapExpression(c.expressions[c.expressions.length - 1]!);
  return c;
}

/** The called name: `f` for `f()`, `b` for `a.b()`, undefined for computed callees. */
export function calleeLastName(callee: Node): string | undefined {
  const c = indirectCallee(callee);
  if (c.type === 'Identifier') return c.name;
  if (c.type === 'MemberExpression') return propertyName(c);
  return undefined;
}

/** The dotted callee name (`process.nextTick`), via the shared helper. */
export function calleeDottedName(callee: Node): string | undefined {
  return dottedName(indirectCallee(callee));
}

/** `null`, `undefined`, `void 0`. */
export function isNullish(node: Node): boolean {
  const n = unwrapExpression(node);
  return (
    (n.type === 'Literal' && n.value === null && !('regex' in n && n.regex)) ||
    (n.type === 'Identifier' && n.name === 'undefined') ||
    (n.type === 'UnaryExpression' && n.operator === 'void')
  );
}

const ERROR_NAME = /^(?:e|er|err|error|ex|exc|exception|reason|\w*Err|\w*Error|\w*_err|\w*_error|errors?)$/;

/** Does the identifier name read like an error (`err`, `error`, `readErr`, `e`)? */
export function isErrorName(name: string): boolean {
  return ERROR_NAME.test(name);
}

/** `new Error(…)`, `new TypeError(…)`, `Error(…)`, `new Failure(…)`, `createError(…)`. */
export function isErrorConstruction(node: Node): boolean {
  const n = unwrapExpression(node);
  if (n.type !== 'NewExpression' && n.type !== 'CallExpression') return false;
  const name = calleeLastName(n.callee);
  return name !== undefined && (/Error$/.test(name) || name === 'Failure' || /^(?:create|make)Error$/.test(name));
}

/** Is the node a function (declaration, expression or arrow)? */
export function isFunctionValue(node: Node): node is FunctionNode {
  return isFunctionNode(node);
}

/** Position used to order reports and sites: the start offset of the node. */
export function position(node: Node): number {
  return node.range[0];
}

/** The loop statement types: a body of one of these may run many times. */
export function isLoop(node: Node): boolean {
  return (
    node.type === 'ForStatement' ||
    node.type === 'ForInStatement' ||
    node.type === 'ForOfStatement' ||
    node.type === 'WhileStatement' ||
    node.type === 'DoWhileStatement'
  );
}

/** Is `node` the condition of an `if`, a `? :`, or a `while` / `do` / `for` loop? */
export function isBranchTest(node: Node): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
      return parent.test === node;
    default:
      return false;
  }
}

/** `this.x` / `self.x` / `a.b.c` as a stable string; computed members are not keys. */
export function memberPath(node: TSESTree.MemberExpression): string | undefined {
  const prop = propertyName(node);
  if (prop === undefined) return undefined;
  const object = unwrapExpression(node.object);
  if (object.type === 'ThisExpression') return `this.${prop}`;
  if (object.type === 'Identifier') return `${object.name}.${prop}`;
  if (object.type === 'MemberExpression') {
    const inner = memberPath(object);
    return inner === undefined ? undefined : `${inner}.${prop}`;
  }
  return undefined;
}


const LOGGERS = /^(?:log|warn|error|info|debug|trace|fatal|verbose|silly|notice)$/;

/** A call that logs: `console.error(…)`, `log(…)`, `logger.warn(…)`, `this.log.debug(…)`. */
export function isLogging(expr: Node): boolean {
  const e = unwrapExpression(expr);
  if (e.type !== 'CallExpression') return false;
  const dotted = calleeDottedName(e.callee) ?? '';
  const last = calleeLastName(e.callee) ?? '';
  return dotted.startsWith('console.') || LOGGERS.test(last) || /(?:^|\.)(?:log|logger|debug)$/.test(dotted.slice(0, dotted.lastIndexOf('.')));
}

/**
 * The logging call `id` is an argument of, possibly through a property, a template or a
 * concatenation: `console.error(err)`, `log('failed', err.message)`, `` log(`failed: ${err}`) ``.
 */
export function isLoggingArgument(id: Node): TSESTree.CallExpression | undefined {
  let node = id;
  while (node.parent && (node.parent.type === 'MemberExpression' || node.parent.type === 'TemplateLiteral' || node.parent.type === 'BinaryExpression')) {
    node = node.parent;
  }
  const call = node.parent;
  return call?.type === 'CallExpression' && call.arguments.includes(node as TSESTree.CallExpressionArgument) && isLogging(call) ? call : undefined;
}
