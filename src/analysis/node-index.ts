/**
 * The nodes the analyses start from (calls, functions, variable declarators), collected once per
 * file. Rules spread {@link nodeIndexListeners} into their listeners so that ESLint's own
 * traversal fills the index: the first rule to ask gets the collecting listeners, every later one
 * gets none, and no analysis walks the tree again. Without them (a model asked for outside such a
 * rule) the index is built by one walk of its own.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from '../utils/ast.js';
import type { FunctionNode, SourceCode } from './scope.js';
import { walk } from './walk.js';

export interface NodeIndex {
  /** Every call, in source order. */
  readonly calls: readonly TSESTree.CallExpression[];
  /** Every function, in source order. */
  readonly functions: readonly FunctionNode[];
  /** Every variable declarator, in source order. */
  readonly declarators: readonly TSESTree.VariableDeclarator[];
}

interface Entry {
  readonly calls: TSESTree.CallExpression[];
  readonly functions: FunctionNode[];
  readonly declarators: TSESTree.VariableDeclarator[];
  subscribed: boolean;
  complete: boolean;
  /** Filled by a walk of its own: the traversal's listeners must not add nodes again. */
  walked: boolean;
  functionNames?: Set<string>;
}

const entries = new WeakMap<object, Entry>();

function entryOf(sourceCode: SourceCode): Entry {
  let entry = entries.get(sourceCode);
  if (!entry) {
    entry = { calls: [], functions: [], declarators: [], subscribed: false, complete: false, walked: false };
    entries.set(sourceCode, entry);
  }
  return entry;
}

/**
 * Listeners that fill the index during the traversal, for the first rule that asks; `{}` for the
 * others. All nodes are entered before any `Program:exit`, and the first rule's listeners run first,
 * so the index is complete for every rule's `Program:exit`.
 */
export function nodeIndexListeners(sourceCode: SourceCode): TSESLint.RuleListener {
  const entry = entryOf(sourceCode);
  if (entry.subscribed || entry.complete) return {};
  entry.subscribed = true;
  const addFunction = (node: FunctionNode): void => {
    if (!entry.walked) entry.functions.push(node);
  };
  return {
    CallExpression(node) {
      if (!entry.walked) entry.calls.push(node);
    },
    FunctionDeclaration: addFunction,
    FunctionExpression: addFunction,
    ArrowFunctionExpression: addFunction,
    VariableDeclarator(node) {
      if (!entry.walked) entry.declarators.push(node);
    },
    'Program:exit'() {
      entry.complete = true;
    },
  };
}

/**
 * The file's node index. From `Program:exit` on it is the one the traversal collected; asked for
 * earlier, it is built by a walk (and the traversal's listeners then add nothing).
 */
export function getNodeIndex(sourceCode: SourceCode): NodeIndex {
  const entry = entryOf(sourceCode);
  if (!entry.complete) {
    // Nobody collected during the traversal (or it is not over): collect now, from scratch.
    entry.calls.length = 0;
    entry.functions.length = 0;
    entry.declarators.length = 0;
    walk(sourceCode, sourceCode.ast as TSESTree.Node, (node) => {
      if (node.type === 'CallExpression') entry.calls.push(node);
      else if (node.type === 'VariableDeclarator') entry.declarators.push(node);
      else if (isFunctionNode(node)) entry.functions.push(node);
    });
    entry.complete = true;
    entry.walked = true;
  }
  return entry;
}

/** Listener objects merged key by key; handlers of the same key run in the order given. */
export function mergeListeners(...listeners: TSESLint.RuleListener[]): TSESLint.RuleListener {
  const merged: Record<string, (...args: unknown[]) => void> = {};
  for (const listener of listeners) {
    for (const [key, handler] of Object.entries(listener) as [string, ((...args: unknown[]) => void) | undefined][]) {
      if (!handler) continue;
      const before = merged[key];
      merged[key] = before
        ? (...args: unknown[]) => {
            before(...args);
            handler(...args);
          }
        : handler;
    }
  }
  return merged as TSESLint.RuleListener;
}

/**
 * Names that may be bound to a function of this file: function declarations and named function
 * expressions, and variables initialised with a function, a name or a call (`fn.bind(this)`).
 * A name outside the set cannot resolve to a function here, so callers skip the scope look-up.
 */
export function declaredFunctionNames(sourceCode: SourceCode): ReadonlySet<string> {
  const index = getNodeIndex(sourceCode);
  const entry = entryOf(sourceCode);
  if (!entry.functionNames) {
    const names = new Set<string>();
    for (const fn of index.functions) {
      if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) names.add(fn.id.name);
    }
    for (const declarator of index.declarators) {
      if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
      const init = declarator.init.type === 'ChainExpression' ? declarator.init.expression : declarator.init;
      const type = init.type;
      if (isFunctionNode(init) || type === 'Identifier' || type === 'CallExpression' || type.startsWith('TS')) {
        names.add(declarator.id.name);
      }
    }
    entry.functionNames = names;
  }
  return entry.functionNames;
}
