/**
 * What a function returns, from ESLint's code path analysis: whether it can finish without
 * returning a value. Rules spread {@link ReturnTracker.listeners} into their listener object; the
 * facts for every function are complete at `Program:exit`.
 */
import type { Rule } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { dottedName } from '../utils/ast.js';
import { type FunctionNode, type SourceCode, resolveFunction, unwrap } from './scope.js';

export interface ReturnFacts {
  /** The end of the body is reachable: some path finishes without a `return`. */
  readonly fallsOffEnd: boolean;
  /** Reachable `return;` statements without a value. */
  readonly bareReturns: readonly TSESTree.ReturnStatement[];
  /** The number of reachable `return value;` statements (1 for an expression-bodied arrow). */
  readonly valueReturns: number;
}

interface Frame {
  readonly segments: Set<Rule.CodePathSegment>;
  fn: FunctionNode | undefined;
  fallsOffEnd: boolean;
  readonly bareReturns: TSESTree.ReturnStatement[];
  valueReturns: number;
}

export interface ReturnTracker {
  /** Code path listeners to merge into a rule's listener object. */
  readonly listeners: TSESLint.RuleListener;
  /** Facts about a function whose traversal has finished. */
  factsOf(fn: FunctionNode): ReturnFacts | undefined;
}

export function createReturnTracker(): ReturnTracker {
  const facts = new Map<FunctionNode, ReturnFacts>();
  const frames: Frame[] = [];
  const top = (): Frame | undefined => frames.at(-1);
  const reachable = (frame: Frame): boolean => [...frame.segments].some((s) => s.reachable);
  const enterFunction = (node: FunctionNode): void => {
    const frame = top();
    if (frame && frame.fn === undefined) frame.fn = node;
  };
  const exitFunction = (node: FunctionNode): void => {
    const frame = top();
    if (frame?.fn !== node) return;
    if (node.body.type === 'BlockStatement') frame.fallsOffEnd = reachable(frame);
    else frame.valueReturns += 1;
  };
  const listeners = {
    onCodePathStart(_codePath: Rule.CodePath) {
      frames.push({ segments: new Set(), fn: undefined, fallsOffEnd: false, bareReturns: [], valueReturns: 0 });
    },
    onCodePathEnd(_codePath: Rule.CodePath) {
      const frame = frames.pop();
      if (frame?.fn) {
        facts.set(frame.fn, {
          fallsOffEnd: frame.fallsOffEnd,
          bareReturns: frame.bareReturns,
          valueReturns: frame.valueReturns,
        });
      }
    },
    onCodePathSegmentStart(segment: Rule.CodePathSegment) {
      top()?.segments.add(segment);
    },
    onCodePathSegmentEnd(segment: Rule.CodePathSegment) {
      top()?.segments.delete(segment);
    },
    onUnreachableCodePathSegmentStart(segment: Rule.CodePathSegment) {
      top()?.segments.add(segment);
    },
    onUnreachableCodePathSegmentEnd(segment: Rule.CodePathSegment) {
      top()?.segments.delete(segment);
    },
    FunctionDeclaration: enterFunction,
    FunctionExpression: enterFunction,
    ArrowFunctionExpression: enterFunction,
    'FunctionDeclaration:exit': exitFunction,
    'FunctionExpression:exit': exitFunction,
    'ArrowFunctionExpression:exit': exitFunction,
    ReturnStatement(node: TSESTree.ReturnStatement) {
      const frame = top();
      if (!frame || !reachable(frame)) return;
      if (node.argument) frame.valueReturns += 1;
      else frame.bareReturns.push(node);
    },
  };
  return { listeners: listeners as unknown as TSESLint.RuleListener, factsOf: (fn) => facts.get(fn) };
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
