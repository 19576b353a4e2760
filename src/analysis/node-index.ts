/**
 * The nodes the chain and callback models start from (calls, functions, variable declarators),
 * derived once per file from the collector's recording (`collector.ts`), which ESLint's own
 * traversal fills: no analysis walks the tree again, and no rule registers listeners of its own
 * for them. Asked for before the traversal is over, or in a file no rule of ours collected (a model
 * used outside our rules), the index is built by one walk of its own instead.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, skipTypeWrappers } from '../utils/ast.js';
import { CALLEE_IDENTIFIER, CALLEE_KIND, CALLEE_MEMBER, CALLEE_NEW, type PathCollector, type PathRecord } from './collector.js';
import { feedCollector, fileCollector, fileStore, perFile } from './file-state.js';
import type { FunctionNode, SourceCode } from './scope.js';
import { walk } from './walk.js';

export { mergeListeners } from './file-state.js';

export interface NodeIndex {
  /** Every call, in source order. */
  readonly calls: readonly TSESTree.CallExpression[];
  /** Every function, in source order. */
  readonly functions: readonly FunctionNode[];
  /** Every variable declarator that declares a variable, in source order. */
  readonly declarators: readonly TSESTree.VariableDeclarator[];
}

const INDEX = Symbol('node-index');

/**
 * The listeners a rule merges into its own so that the file's collector is fed: the collector's
 * for the first of our rules created for the file, `{}` for every other.
 */
export function nodeIndexListeners(sourceCode: SourceCode): TSESLint.RuleListener {
  return feedCollector(sourceCode).listeners as unknown as TSESLint.RuleListener;
}

/** The file's node index (see the module comment). */
export function getNodeIndex(sourceCode: SourceCode): NodeIndex {
  return perFile(sourceCode, INDEX, () => {
    const collector = fileCollector(sourceCode);
    return collector?.traversed ? new CollectedIndex(sourceCode, collector) : byWalk(sourceCode);
  });
}

/**
 * Calls `visit` on every function of the file, in the order of {@link NodeIndex.functions}: read
 * straight from the collector's recording when the index is not built yet (one pass over the
 * functions, no list of them kept), from the index otherwise (it may have been built by a walk).
 */
export function forEachFunction(sourceCode: SourceCode, visit: (fn: FunctionNode) => void): void {
  const collector = fileCollector(sourceCode);
  if (collector?.traversed && !fileStore(sourceCode).has(INDEX)) {
    // What `CollectedIndex` would list.
    for (const rec of collector.paths) {
      const root = rec.root;
      if (isFunctionNode(root)) visit(root);
    }
    return;
  }
  for (const fn of getNodeIndex(sourceCode).functions) visit(fn);
}

const NO_TRIES: readonly TSESTree.TryStatement[] = Object.freeze([]);

/**
 * Every `try` statement with a `catch` clause, in source order: read from the collector's catch
 * clauses when the traversal was recorded (no listener call per `try`), else found by a walk.
 */
export function tryStatementsWithCatch(sourceCode: SourceCode): readonly TSESTree.TryStatement[] {
  const collector = fileCollector(sourceCode);
  if (collector?.traversed) {
    const clauses = collector.catchClauses;
    // Most files have no catch clause: they share one empty list.
    if (clauses.length === 0) return NO_TRIES;
    const out: TSESTree.TryStatement[] = [];
    for (let i = 0; i < clauses.length; i++) out.push(clauses[i]!.parent);
    return out;
  }
  const out: TSESTree.TryStatement[] = [];
  walk(sourceCode, sourceCode.ast as TSESTree.Node, (node) => {
    if (node.type === 'TryStatement' && node.handler) out.push(node);
  });
  return out;
}

/**
 * The collector's path records, in the order of {@link NodeIndex.functions} for the function roots
 * among them, when the recording can stand for the index (as in {@link forEachFunction});
 * undefined otherwise. A record's parameter summary (`paramCount`, `lastParam`) rules functions out
 * without a read of their node: only function roots have parameters, so a record whose
 * `paramCount` is 0 can be passed over unread.
 */
export function recordedPaths(sourceCode: SourceCode): readonly PathRecord[] | undefined {
  const collector = fileCollector(sourceCode);
  return collector?.traversed && !fileStore(sourceCode).has(INDEX) ? collector.paths : undefined;
}

/**
 * The first letters and lengths of a set of names, as bit sets: per first character code (modulo
 * 64), bit `min(length, 31)` is set when some name has that first character and length. Looking a
 * name up in a `Map` or `Set` hashes it, and the names of each file are new strings, hashed on
 * their first look-up; {@link mayHaveShape} rules most names out from two reads instead.
 */
export type NameShapes = Uint32Array;

export function nameShapes(names: Iterable<string>): NameShapes {
  const shapes = new Uint32Array(64);
  for (const name of names) shapes[name.charCodeAt(0) & 63]! |= 1 << Math.min(name.length, 31);
  return shapes;
}

/** Can `name` be one of the names `shapes` was built from? False rules it out; true is only a maybe. */
export function mayHaveShape(shapes: NameShapes, name: string): boolean {
  return (shapes[name.charCodeAt(0) & 63]! & (1 << Math.min(name.length, 31))) !== 0;
}

/** The index read from a collector's recording; the call and declarator lists are built on first use (most files need neither). */
class CollectedIndex implements NodeIndex {
  readonly functions: FunctionNode[] = [];
  private callList: TSESTree.CallExpression[] | undefined;
  private declaratorList: TSESTree.VariableDeclarator[] | undefined;

  constructor(
    private readonly sourceCode: SourceCode,
    private readonly collector: PathCollector,
  ) {
    for (const rec of collector.paths) if (isFunctionNode(rec.root)) this.functions.push(rec.root);
  }

  get calls(): readonly TSESTree.CallExpression[] {
    if (!this.callList) {
      const calls: TSESTree.CallExpression[] = [];
      for (const call of this.collector.calls) if (call.type === 'CallExpression') calls.push(call);
      this.callList = inSourceOrder(calls);
    }
    return this.callList;
  }

  get declarators(): readonly TSESTree.VariableDeclarator[] {
    this.declaratorList ??= declaratorsOf(this.sourceCode);
    return this.declaratorList;
  }
}

/**
 * Sorts nodes recorded at exit (inner calls first) into source order: an outer call comes before
 * the calls it contains, which start where it starts or later and end earlier.
 */
export function inSourceOrder<T extends TSESTree.Node>(nodes: T[]): T[] {
  return nodes.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
}

/**
 * Every call of the file that passes `test`, in source order, without putting all calls in order
 * (the collector records them at exit). Read from the traversal's recording when there is one.
 * `calleeName`, when given, answers from the name of a plain callee (`f(…)`: `f`, not a member;
 * `x.m(…)`: `m`, a member) whether `test` may accept the call: false skips the call unread.
 */
export function callsWhere(
  sourceCode: SourceCode,
  test: (call: TSESTree.CallExpression) => boolean,
  calleeName?: (name: string, member: boolean) => boolean,
): TSESTree.CallExpression[] {
  const collector = fileCollector(sourceCode);
  if (!collector?.traversed) return getNodeIndex(sourceCode).calls.filter(test);
  const out: TSESTree.CallExpression[] = [];
  const { calls, calleeNames, calleeKinds } = collector;
  for (let i = 0; i < calls.length; i++) {
    const kind = calleeKinds[i]!;
    if ((kind & CALLEE_NEW) !== 0) continue;
    // The callee's name, recorded during the traversal, rules out most calls without reading them.
    if (calleeName) {
      const callee = kind & CALLEE_KIND;
      if ((callee === CALLEE_IDENTIFIER || callee === CALLEE_MEMBER) && !calleeName(calleeNames[i]!, callee === CALLEE_MEMBER)) continue;
    }
    const call = calls[i] as TSESTree.CallExpression;
    if (test(call)) out.push(call);
  }
  return inSourceOrder(out);
}

/** The declarators that declare a variable, from the scope manager's definitions, in source order. */
function declaratorsOf(sourceCode: SourceCode): TSESTree.VariableDeclarator[] {
  const seen = new Set<TSESTree.VariableDeclarator>();
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      for (const def of variable.defs) {
        if (def.type === 'Variable' && def.node.type === 'VariableDeclarator') seen.add(def.node);
      }
    }
  }
  return [...seen].sort((a, b) => a.range[0] - b.range[0]);
}

function byWalk(sourceCode: SourceCode): NodeIndex {
  const calls: TSESTree.CallExpression[] = [];
  const functions: FunctionNode[] = [];
  const declarators: TSESTree.VariableDeclarator[] = [];
  walk(sourceCode, sourceCode.ast as TSESTree.Node, (node) => {
    if (node.type === 'CallExpression') calls.push(node);
    else if (node.type === 'VariableDeclarator') declarators.push(node);
    else if (isFunctionNode(node)) functions.push(node);
  });
  return { calls, functions, declarators };
}

/** What the scope manager's definitions tell about the file's names (see {@link declarationsOf}). */
interface Declarations {
  readonly functionNames: ReadonlySet<string>;
  readonly valueDeclarators: readonly TSESTree.VariableDeclarator[];
}

const DECLARATIONS = Symbol('declarations');

/**
 * Names that may be bound to a function of this file: function declarations and named function
 * expressions, and variables initialised with a function, a name or a call (`fn.bind(this)`).
 * A name outside the set cannot resolve to a function here, so callers skip the scope look-up.
 */
export function declaredFunctionNames(sourceCode: SourceCode): ReadonlySet<string> {
  return declarationsOf(sourceCode).functionNames;
}

/**
 * The declarators that declare one variable (`const p = …`) with a call or `new` as its value
 * (type and optional-chain wrappers aside), in source order: the only ones that can hold a chain
 * source or a deferred the chain model recognises.
 */
export function valueDeclarators(sourceCode: SourceCode): readonly TSESTree.VariableDeclarator[] {
  return declarationsOf(sourceCode).valueDeclarators;
}

/**
 * One pass over the scope manager's definitions for both: no list of every declarator of the file
 * put in order, no pass over every function. A function's name is the variable of its
 * `FunctionName` definition (named function expressions have one too, in their own scope); a
 * declarator's name is its variable's. The name set may hold more names than the functions and
 * declarators alone would give (a TS `declare function`), never fewer: it only rules names out,
 * and a name in it is resolved exactly.
 */
function declarationsOf(sourceCode: SourceCode): Declarations {
  return perFile(sourceCode, DECLARATIONS, () => {
    const functionNames = new Set<string>();
    const valueDeclarators: TSESTree.VariableDeclarator[] = [];
    for (const scope of sourceCode.scopeManager?.scopes ?? []) {
      for (const variable of scope.variables) {
        for (const def of variable.defs) {
          if (def.type === 'FunctionName') {
            functionNames.add(variable.name);
            continue;
          }
          if (def.type !== 'Variable' || def.node.type !== 'VariableDeclarator') continue;
          const declarator = def.node;
          if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
          const init = declarator.init.type === 'ChainExpression' ? declarator.init.expression : declarator.init;
          const type = init.type;
          if (isFunctionNode(init) || type === 'Identifier' || type === 'CallExpression' || type.startsWith('TS')) {
            functionNames.add(declarator.id.name);
          }
          // `unwrap` (./scope.ts), which imports this module.
          let value = skipTypeWrappers(declarator.init);
          while (value.type === 'ChainExpression') value = skipTypeWrappers(value.expression);
          // An identifier names one variable: each declarator comes once.
          if (value.type === 'CallExpression' || value.type === 'NewExpression') valueDeclarators.push(declarator);
        }
      }
    }
    valueDeclarators.sort((a, b) => a.range[0] - b.range[0]);
    return { functionNames, valueDeclarators };
  });
}
