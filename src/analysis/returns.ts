/**
 * What a function returns, from ESLint's code path analysis as the collector recorded it
 * (`collector.ts`): whether it can finish without returning a value. The facts for every function
 * are complete once the traversal is over (`Program:exit`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { dottedName } from '../utils/ast.js';
import { fileCollector } from './file-state.js';
import { type FunctionNode, type SourceCode, resolveFunction, unwrap } from './scope.js';

export interface ReturnFacts {
  /** The end of the body is reachable: some path finishes without a `return`. */
  readonly fallsOffEnd: boolean;
  /** Reachable `return;` statements without a value. */
  readonly bareReturns: readonly TSESTree.ReturnStatement[];
  /** The number of reachable `return value;` statements (1 for an expression-bodied arrow). */
  readonly valueReturns: number;
}

export interface ReturnTracker {
  /** Facts about a function whose traversal has finished. */
  factsOf(fn: FunctionNode): ReturnFacts | undefined;
}

const EXPRESSION_BODY: ReturnFacts = Object.freeze({ fallsOffEnd: false, bareReturns: Object.freeze([]), valueReturns: 1 });

/** The return facts of the file's functions, read from the file's collector. */
export function returnFacts(sourceCode: SourceCode): ReturnTracker {
  return {
    factsOf(fn) {
      const rec = fileCollector(sourceCode)?.pathOf(fn);
      if (!rec) return undefined;
      if (fn.body.type !== 'BlockStatement') return EXPRESSION_BODY;
      const bareReturns: TSESTree.ReturnStatement[] = [];
      let valueReturns = 0;
      for (const r of rec.returns) {
        if (r.argument) valueReturns++;
        else bareReturns.push(r);
      }
      return { fallsOffEnd: rec.fallsOffEnd, bareReturns, valueReturns };
    },
  };
}

/** How a handler may produce `undefined`. */
export type Nothing =
  /** No path returns a value: `(poem) => { console.log(poem); }`, `x => console.log(x)`. */
  | 'always'
  /** Some path ends without a value, others return one. */
  | 'sometimes';

/**
 * Does `fn` return nothing on some path? Block bodies ask the code path facts; an expression body
 * returns nothing only when it is `void …`, a `console.*` call, or a call of a function of this
 * file that returns nothing on every path. Any other call returns what it returns: unknown, so no.
 * Generators return an iterator: no.
 */
export function returnsNothing(
  sourceCode: SourceCode,
  tracker: ReturnTracker,
  fn: FunctionNode,
  seen: Set<FunctionNode> = new Set(),
): Nothing | undefined {
  if (fn.generator || seen.has(fn)) return undefined;
  seen.add(fn);
  if (fn.body.type !== 'BlockStatement') {
    const body = unwrap(fn.body);
    if (body.type === 'UnaryExpression' && body.operator === 'void') return 'always';
    if (body.type !== 'CallExpression') return undefined;
    if (dottedName(body.callee)?.startsWith('console.')) return 'always';
    const callee = unwrap(body.callee);
    const target = callee.type === 'Identifier' ? resolveFunction(sourceCode, callee) : undefined;
    return target && returnsNothing(sourceCode, tracker, target, seen) === 'always' ? 'always' : undefined;
  }
  const facts = tracker.factsOf(fn);
  if (!facts || (!facts.fallsOffEnd && facts.bareReturns.length === 0)) return undefined;
  return facts.valueReturns === 0 ? 'always' : 'sometimes';
}
