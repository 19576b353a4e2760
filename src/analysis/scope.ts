import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, skipTypeWrappers } from '../utils/ast.js';
import { perFileMap } from './file-state.js';
import { declaredFunctionNames } from './node-index.js';
import { isBranchTest } from './syntax.js';

export type SourceCode = Readonly<TSESLint.SourceCode>;
export type Variable = TSESLint.Scope.Variable;
export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export { walk } from './walk.js';

/** Per file: the references of a scope by identifier, built for the scopes actually asked about. */
const REFERENCES = Symbol('references-by-scope');
/** Per file: what {@link resolveFunction} found for a name, per variable (`null`: no function). */
const FUNCTIONS = Symbol('function-of-variable');

type ReferenceMaps = Map<TSESLint.Scope.Scope, Map<TSESTree.Node, TSESLint.Scope.Reference>>;

function referenceIn(maps: ReferenceMaps, scope: TSESLint.Scope.Scope, id: TSESTree.Identifier): TSESLint.Scope.Reference | undefined {
  let map = maps.get(scope);
  if (!map) {
    map = new Map();
    for (const reference of scope.references) map.set(reference.identifier, reference);
    maps.set(scope, map);
  }
  return map.get(id);
}

/** The variable an identifier refers to, through the scope manager; undefined for globals never declared. */
export function resolveVariable(sourceCode: SourceCode, id: TSESTree.Identifier): Variable | undefined {
  const maps: ReferenceMaps = perFileMap(sourceCode, REFERENCES);
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(id); scope; scope = scope.upper) {
    const reference = referenceIn(maps, scope, id);
    if (reference) return reference.resolved ?? undefined;
  }
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(id); scope; scope = scope.upper) {
    const variable = scope.set.get(id.name);
    if (variable) return variable;
  }
  return undefined;
}

/** Is the variable written only by its declaration (a `const`, or a `let`/`var`/function never reassigned)? */
export function isNeverReassigned(variable: Variable): boolean {
  return variable.references.every((r) => !r.isWrite() || r.init === true);
}

/**
 * The function a handler expression denotes, when it is visible in this file: an inline function,
 * `fn.bind(…)` of one, or a name bound once to a function declaration or a `const f = function/arrow`.
 */
export function resolveFunction(
  sourceCode: SourceCode,
  expression: TSESTree.Node | undefined,
  seen?: Set<Variable>,
): FunctionNode | undefined {
  if (!expression) return undefined;
  const node = unwrap(expression);
  if (isFunctionNode(node)) return node;
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    !node.callee.computed &&
    node.callee.property.type === 'Identifier' &&
    node.callee.property.name === 'bind'
  ) {
    return resolveFunction(sourceCode, node.callee.object, seen);
  }
  if (node.type !== 'Identifier') return undefined;
  // Most names are not bound to functions of this file; the set answers without a scope look-up.
  if (!declaredFunctionNames(sourceCode).has(node.name)) return undefined;
  const variable = resolveVariable(sourceCode, node);
  if (!variable || seen?.has(variable)) return undefined;
  const functionOfVariable = perFileMap<Variable, FunctionNode | null>(sourceCode, FUNCTIONS);
  const cached = functionOfVariable.get(variable);
  if (cached !== undefined) return cached ?? undefined;
  // The set of names followed so far (`const a = b; const b = a`) is made only when a name is followed.
  (seen ??= new Set()).add(variable);
  let fn: FunctionNode | undefined;
  if (variable.defs.length === 1 && isNeverReassigned(variable)) {
    const def = variable.defs[0]!;
    if (def.type === 'FunctionName' && isFunctionNode(def.node)) fn = def.node;
    else if (def.type === 'Variable' && def.node.id.type === 'Identifier' && def.node.init) {
      fn = resolveFunction(sourceCode, def.node.init, seen);
    }
  }
  functionOfVariable.set(variable, fn ?? null);
  return fn;
}

/** Strips type-only wrappers and optional-chain wrappers around an expression. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = skipTypeWrappers(node);
  while (current.type === 'ChainExpression') current = skipTypeWrappers(current.expression);
  return current;
}

/** The innermost function enclosing `node` (not `node` itself), or undefined at the top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** `null`, `undefined` and `void 0`: a deliberately absent handler. */
export function isNullish(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return (
    (n.type === 'Literal' && n.value === null && !('regex' in n)) ||
    (n.type === 'Identifier' && n.name === 'undefined') ||
    (n.type === 'UnaryExpression' && n.operator === 'void' && n.argument.type === 'Literal')
  );
}

/**
 * Is this read of a name a presence check — the code expects the value may be missing: a test
 * (`if (x)`, `x ? … : …`, `!x`, `x && …`, `x || d`, `x ?? d`), a comparison with `null`/`undefined`,
 * `typeof x`, or an optional access `x?.y`?
 */
export function isPresenceCheck(id: TSESTree.Identifier): boolean {
  if (isBranchTest(id)) return true;
  const parent = id.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'LogicalExpression':
      return parent.left === id;
    case 'UnaryExpression':
      return parent.operator === '!' || parent.operator === 'typeof';
    case 'BinaryExpression': {
      const other = parent.left === id ? parent.right : parent.left;
      return ['==', '!=', '===', '!=='].includes(parent.operator) && isNullish(other as TSESTree.Node);
    }
    case 'MemberExpression':
      return parent.object === id && parent.optional;
    case 'CallExpression':
      return parent.callee === id && parent.optional;
    default:
      return false;
  }
}

/** The names bound by a function's parameters, position by position (undefined for patterns and rest). */
export function parameterNames(fn: FunctionNode): (string | undefined)[] {
  return fn.params.map((param) => {
    const p = param.type === 'TSParameterProperty' ? param.parameter : param;
    if (p.type === 'Identifier') return p.name;
    if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') return p.left.name;
    return undefined;
  });
}

/** The variable a function declares for its parameter named `name`. */
export function parameterVariable(sourceCode: SourceCode, fn: FunctionNode, name: string): Variable | undefined {
  return sourceCode.getDeclaredVariables(fn).find((v) => v.name === name && v.defs.some((d) => d.type === 'Parameter'));
}
