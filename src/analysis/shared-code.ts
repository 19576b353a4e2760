/**
 * Structural questions about statement sequences, asked by `no-duplicate-cleanup`: are two
 * statements the same code, how many statements do two lists share at their end or start, can a
 * list be left before its end, and does code use bindings that belong to the place it would be
 * moved out of.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from '../utils/ast.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type Scope = TSESLint.Scope.Scope;
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Calls `visit` on each direct child node of `node` (ESLint's visitor keys, so TS nodes too). */
export function forEachChild(sourceCode: SourceCode, node: Node, visit: (child: Node) => void): void {
  const keys = sourceCode.visitorKeys[node.type] ?? [];
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * The tokens that carry meaning: comments and whitespace are not tokens; a semicolon that ends a
 * statement is dropped, since `stop()` and `stop();` are the same statement under ASI.
 */
function significantTokens(sourceCode: SourceCode, node: Node): TSESTree.Token[] {
  const tokens = sourceCode.getTokens(node);
  if (tokens.length === 0) return tokens;
  const terminators = new Set<number>();
  const collect = (n: Node): void => {
    if (endsWithOwnSemicolon(n)) terminators.add(n.range[1]);
    forEachChild(sourceCode, n, collect);
  };
  collect(node);
  if (terminators.size === 0) return tokens;
  return tokens.filter((t) => !(t.type === 'Punctuator' && t.value === ';' && terminators.has(t.range[1])));
}

const SEMICOLON_STATEMENTS = new Set<string>([
  'ExpressionStatement',
  'VariableDeclaration',
  'ReturnStatement',
  'ThrowStatement',
  'BreakStatement',
  'ContinueStatement',
  'DebuggerStatement',
  'DoWhileStatement',
  'ImportDeclaration',
  'ExportNamedDeclaration',
  'ExportDefaultDeclaration',
  'ExportAllDeclaration',
  'PropertyDefinition',
]);

function endsWithOwnSemicolon(node: Node): boolean {
  if (!SEMICOLON_STATEMENTS.has(node.type)) return false;
  // A `for (let i = 0; …)` head declaration has no terminator of its own.
  if (node.type === 'VariableDeclaration' && node.parent && /^For/.test(node.parent.type)) return false;
  return true;
}

/** Are `a` and `b` the same code: the same tokens, ignoring comments, whitespace and ASI semicolons? */
export function sameCode(sourceCode: SourceCode, a: Node, b: Node): boolean {
  if (a === b) return true;
  if (a.type !== b.type) return false;
  // Ranges indexed, not destructured (the iterator protocol, for every pair compared).
  const a0 = a.range[0];
  const b0 = b.range[0];
  const length = a.range[1] - a0;
  const text = sourceCode.text;
  // The same text, compared in place when the lengths agree (most pairs differ in length): what
  // comparing the two slices answers, without making them.
  if (b.range[1] - b0 === length && sameRun(text, a0, b0, length)) return true;
  // Cheaper still: a node starts with its first token, never a `;` (no node here starts with
  // one but `;` itself, whose texts agree), and tokens are compared by their text, so a different
  // first character means a different first token. A `\` may start an escaped name (`\u0061`),
  // which the token's value may spell otherwise: left to the token comparison.
  const ca = text.charCodeAt(a0);
  const cb = text.charCodeAt(b0);
  if (ca !== cb && ca !== 92 /* \ */ && cb !== 92) return false;
  // Cheap rejection, without the tree walk below: the same tokens have the same tokens other than
  // semicolons, and most pairs differ in their first few.
  if (!sameTokensButSemicolons(sourceCode, a, b)) return false;
  const firstA = sourceCode.getFirstToken(a);
  const firstB = sourceCode.getFirstToken(b);
  if (firstA?.value !== firstB?.value) return false;
  const ta = significantTokens(sourceCode, a);
  const tb = significantTokens(sourceCode, b);
  if (ta.length !== tb.length) return false;
  for (let i = 0; i < ta.length; i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    if (x.type !== y.type || x.value !== y.value) return false;
  }
  return true;
}

/** Are the `length` characters of `text` from `a` and from `b` the same? */
function sameRun(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}

/** Do `a` and `b` hold the same tokens once every `;` is left out? Compared in place, nothing allocated. */
function sameTokensButSemicolons(sourceCode: SourceCode, a: Node, b: Node): boolean {
  const tokens = sourceCode.ast.tokens;
  let i = firstTokenAt(tokens, a.range[0]);
  let j = firstTokenAt(tokens, b.range[0]);
  const endA = a.range[1];
  const endB = b.range[1];
  for (;;) {
    while (i < tokens.length && tokens[i]!.range[0] < endA && isSemicolon(tokens[i]!)) i++;
    while (j < tokens.length && tokens[j]!.range[0] < endB && isSemicolon(tokens[j]!)) j++;
    const x = i < tokens.length && tokens[i]!.range[0] < endA ? tokens[i] : undefined;
    const y = j < tokens.length && tokens[j]!.range[0] < endB ? tokens[j] : undefined;
    if (!x || !y) return x === y;
    if (x.type !== y.type || x.value !== y.value) return false;
    i++;
    j++;
  }
}

function isSemicolon(token: TSESTree.Token): boolean {
  return token.value === ';' && token.type === 'Punctuator';
}

/** The index of the first token that starts at or after `offset`. */
function firstTokenAt(tokens: readonly TSESTree.Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (tokens[mid]!.range[0] < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How many statements `a` and `b` share at their end (compared with {@link sameCode}). */
export function sharedTailLength(sourceCode: SourceCode, a: readonly Node[], b: readonly Node[]): number {
  let n = 0;
  while (n < a.length && n < b.length && sameCode(sourceCode, a[a.length - 1 - n]!, b[b.length - 1 - n]!)) n++;
  return n;
}

/** How many statements `a` and `b` share at their start. */
export function sharedHeadLength(sourceCode: SourceCode, a: readonly Node[], b: readonly Node[]): number {
  let n = 0;
  while (n < a.length && n < b.length && sameCode(sourceCode, a[n]!, b[n]!)) n++;
  return n;
}

const LOOPS = new Set<string>([
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
]);

/**
 * The first statement in `nodes` that leaves them other than by falling off their end: a `return`
 * or `throw` (outside nested functions; a `throw` counts even inside a local `try`, since telling
 * whether that `try` catches it is not worth the risk), or a `break`/`continue` whose target lies
 * outside `nodes`.
 */
export function findExit(sourceCode: SourceCode, nodes: readonly Node[]): Node | undefined {
  let found: Node | undefined;
  const labels: string[] = [];
  const walk = (node: Node, loopDepth: number, breakableDepth: number): void => {
    if (found || isFunctionNode(node) || isClassBoundary(node)) return;
    switch (node.type) {
      case 'ReturnStatement':
      case 'ThrowStatement':
        found = node;
        return;
      case 'BreakStatement':
        if (node.label ? !labels.includes(node.label.name) : breakableDepth === 0) found = node;
        return;
      case 'ContinueStatement':
        if (node.label ? !labels.includes(node.label.name) : loopDepth === 0) found = node;
        return;
      case 'LabeledStatement':
        labels.push(node.label.name);
        walk(node.body, loopDepth, breakableDepth);
        labels.pop();
        return;
      default:
        break;
    }
    const isLoop = LOOPS.has(node.type);
    const isBreakable = isLoop || node.type === 'SwitchStatement';
    forEachChild(sourceCode, node, (child) =>
      walk(child, loopDepth + (isLoop ? 1 : 0), breakableDepth + (isBreakable ? 1 : 0)),
    );
  };
  for (const node of nodes) walk(node, 0, 0);
  return found;
}

function isClassBoundary(node: Node): boolean {
  // Class bodies run their own code (methods); field initialisers cannot `return`.
  return node.type === 'ClassBody';
}

/** Does `nodes` contain `await` (or `for await`) outside nested functions? */
export function containsAwait(sourceCode: SourceCode, nodes: readonly Node[]): boolean {
  return someNode(
    sourceCode,
    nodes,
    (n) => n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await),
  );
}

/** Does `nodes` contain `yield` outside nested functions? */
export function containsYield(sourceCode: SourceCode, nodes: readonly Node[]): boolean {
  return someNode(sourceCode, nodes, (n) => n.type === 'YieldExpression');
}

/** Does `nodes` declare something at their own level (a variable, function or class)? */
export function declaresBindings(nodes: readonly Node[]): boolean {
  return nodes.some(
    (n) =>
      n.type === 'VariableDeclaration' ||
      n.type === 'FunctionDeclaration' ||
      n.type === 'ClassDeclaration' ||
      n.type === 'TSEnumDeclaration' ||
      n.type === 'TSModuleDeclaration',
  );
}

function someNode(sourceCode: SourceCode, nodes: readonly Node[], test: (n: Node) => boolean): boolean {
  let hit = false;
  const walk = (node: Node): void => {
    if (hit || isFunctionNode(node)) return;
    if (test(node)) {
      hit = true;
      return;
    }
    forEachChild(sourceCode, node, walk);
  };
  for (const node of nodes) walk(node);
  return hit;
}

/** Every identifier name written in `nodes` (to choose a parameter name that shadows nothing). */
export function identifierNames(sourceCode: SourceCode, nodes: readonly Node[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    for (const token of sourceCode.getTokens(node)) {
      if (token.type === 'Identifier' || token.type === 'Keyword') names.add(token.value);
    }
  }
  return names;
}

function within(inner: Node | TSESTree.Range, outer: Node | TSESTree.Range): boolean {
  const a = 'range' in inner ? inner.range : inner;
  const b = 'range' in outer ? outer.range : outer;
  return a[0] >= b[0] && a[1] <= b[1];
}

function withinAny(range: TSESTree.Range, nodes: readonly Node[]): boolean {
  return nodes.some((n) => within(range, n));
}

/**
 * The first use in `nodes` of a binding that belongs to one of `owners` (a function's parameters
 * and locals, a block's or catch clause's declarations, including those of nested scopes), other
 * than bindings declared in `nodes` and used only there. With `newFunction` (the code would move
 * into a new arrow function), `this`, `super`, `new.target` and `arguments` of a non-arrow owner
 * count as its own bindings too.
 */
export function findOwnBindingUse(
  sourceCode: SourceCode,
  nodes: readonly Node[],
  owners: readonly Node[],
  options: { newFunction: boolean },
): Node | undefined {
  if (nodes.length === 0) return undefined;
  if (options.newFunction && owners.some((o) => isFunctionNode(o) && o.type !== 'ArrowFunctionExpression')) {
    let contextual: Node | undefined;
    const walk = (node: Node): void => {
      if (contextual) return;
      if (node.type === 'ThisExpression' || node.type === 'Super' || node.type === 'MetaProperty') {
        contextual = node;
        return;
      }
      // Arrow functions see the same `this`; other functions have their own.
      if (isFunctionNode(node) && node.type !== 'ArrowFunctionExpression') return;
      forEachChild(sourceCode, node, walk);
    };
    for (const node of nodes) walk(node);
    if (contextual) return contextual;
  }

  for (const reference of referencesWithin(sourceCode, nodes)) {
    const variable = reference.resolved;
    if (!variable || !belongsTo(variable, owners)) continue;
    // A binding declared by the moved code itself moves with it, as long as nothing else uses it.
    if (variable.defs.length > 0 && variable.defs.every((d) => withinAny((d.name as Node).range, nodes))) continue;
    return reference.identifier as Node;
  }
  for (const variable of declaredWithin(sourceCode, nodes)) {
    const outside = variable.references.find((r) => !withinAny(r.identifier.range, nodes));
    if (outside) return outside.identifier as Node;
  }
  return undefined;
}

/** Is `variable` declared in the scope of one of `owners` or in a scope nested in it? */
function belongsTo(variable: TSESLint.Scope.Variable, owners: readonly Node[]): boolean {
  for (let scope: Scope | null = variable.scope; scope; scope = scope.upper) {
    if (owners.includes(scope.block as Node)) return true;
  }
  return false;
}

/** Variables declared by `nodes` themselves, including `var`s hoisted out of their blocks. */
function declaredWithin(sourceCode: SourceCode, nodes: readonly Node[]): TSESLint.Scope.Variable[] {
  const out: TSESLint.Scope.Variable[] = [];
  const walk = (node: Node, top: boolean): void => {
    if (isFunctionNode(node) && node.type !== 'FunctionDeclaration') return;
    if (
      (top && (node.type === 'VariableDeclaration' || node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration')) ||
      (node.type === 'VariableDeclaration' && node.kind === 'var')
    ) {
      out.push(...sourceCode.getDeclaredVariables(node));
    }
    if (node.type === 'FunctionDeclaration') return;
    forEachChild(sourceCode, node, (child) => walk(child, false));
  };
  for (const node of nodes) walk(node, true);
  return out;
}

/** Every scope reference whose identifier lies inside `nodes`. */
export function referencesWithin(sourceCode: SourceCode, nodes: readonly Node[]): TSESLint.Scope.Reference[] {
  const out: TSESLint.Scope.Reference[] = [];
  const seen = new Set<Scope>();
  const visit = (scope: Scope): void => {
    if (seen.has(scope)) return;
    seen.add(scope);
    for (const reference of scope.references) {
      if (withinAny(reference.identifier.range, nodes)) out.push(reference);
    }
    for (const child of scope.childScopes) {
      if (withinAny((child.block as Node).range, nodes)) visit(child);
    }
  };
  for (const node of nodes) visit(sourceCode.getScope(node) as Scope);
  return out;
}

/**
 * The statements of a function body, and whether the body is an expression (an arrow's implicit
 * `return`). A final bare `return;` is left out: it changes nothing at the end of a function.
 */
export function bodyStatements(fn: FunctionNode): { statements: readonly TSESTree.Statement[]; expression: boolean } {
  if (fn.body.type !== 'BlockStatement') return { statements: [], expression: true };
  const statements = fn.body.body;
  const last = statements[statements.length - 1];
  if (last?.type === 'ReturnStatement' && !last.argument) return { statements: statements.slice(0, -1), expression: false };
  return { statements, expression: false };
}
