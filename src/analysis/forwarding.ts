/**
 * Where an error observed inside a function should go: the function's own error side. Used to
 * suggest a fix that forwards instead of swallowing (`.catch((err) => cb(err))`,
 * `.addErrback(d.errback)`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { dottedName } from '../utils/ast.js';
import type { ChainModel } from './chains.js';
import type { StyleTable } from './styles.js';
import { type FunctionNode, type Variable, enclosingFunction, parameterNames, unwrap } from './scope.js';

export type ForwardTarget =
  /** A function to call with the error: an errback, a node callback, a promise's `reject`. */
  | { readonly kind: 'function'; readonly name: string }
  /** A deferred the function created, fired through its error method (`d.errback`). */
  | { readonly kind: 'deferred'; readonly name: string; readonly method: string; readonly variable: Variable };

/**
 * The error side of the function enclosing `node`, in this order: the error half of a
 * success/error parameter pair; the `reject` of a promise executor; an error-first callback
 * parameter (the last one); a deferred created in the function (other than `exclude`).
 */
export function errorForwardTarget(
  table: StyleTable,
  model: ChainModel,
  node: TSESTree.Node,
  exclude?: Variable,
): ForwardTarget | undefined {
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  const names = parameterNames(fn);
  for (let i = 0; i + 1 < names.length; i++) {
    const success = names[i];
    const error = names[i + 1];
    if (success !== undefined && error !== undefined && table.pairFor(success, error)) return { kind: 'function', name: error };
  }
  const reject = executorReject(table, fn);
  if (reject !== undefined) return { kind: 'function', name: reject };
  for (let i = names.length - 1; i >= 0; i--) {
    const name = names[i];
    if (name !== undefined && table.isCallbackName(name)) return { kind: 'function', name };
  }
  for (const holder of model.holders) {
    if (holder.variable === exclude || holder.variable.scope.variableScope.block !== fn) continue;
    const created = holder.values.some((value) => {
      const v = unwrap(value);
      const name = v.type === 'NewExpression' || v.type === 'CallExpression' ? dottedName(v.callee) : undefined;
      if (name === undefined) return false;
      return v.type === 'NewExpression'
        ? table.stylesFor('constructors', name).length > 0
        : table.stylesFor('factories', name).length > 0;
    });
    const style = holder.styles.find((s) => s.kind === 'object' && s.fire.error.length > 0);
    if (created && style) {
      return { kind: 'deferred', name: holder.variable.name, method: style.fire.error[0]!, variable: holder.variable };
    }
  }
  return undefined;
}

/** `new Promise((resolve, reject) => …)`: the name of `reject` when `fn` is such an executor. */
function executorReject(table: StyleTable, fn: FunctionNode): string | undefined {
  const parent = fn.parent;
  if (parent?.type !== 'NewExpression' || parent.arguments[0] !== fn) return undefined;
  const name = dottedName(parent.callee);
  if (name === undefined || table.stylesFor('executors', name).length === 0) return undefined;
  return parameterNames(fn)[1];
}

/** The text of a handler that forwards an error to `target`. */
export function forwardingHandlerText(target: ForwardTarget): string {
  return target.kind === 'deferred' ? `${target.name}.${target.method}` : `(err) => ${target.name}(err)`;
}
