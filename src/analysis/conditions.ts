/**
 * Guards: which branch conditions the path engine understands, and on which code path edges they
 * hold.
 *
 * A *simple test* is a truthiness test of one guard key: `err`, `!err`, `err != null`,
 * `err === null`, `called === true`, `this.finished`. A key is a variable whose every write is a
 * plain assignment the engine sees, or a member path (`this.finished`, `self._called`).
 *
 * Conditions are attached to edges by looking at the node that started the successor segment:
 * ESLint starts a new segment at an `if`'s consequent and alternate, at a conditional expression's
 * branches and at the right operand of `&&` / `||`. The edge into that segment carries the test;
 * the other edge out of the test segment carries its negation.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { PathRecord, Segment } from './collector.js';
import { isNullish, unwrapExpression, type Node } from './syntax.js';

export interface Condition {
  readonly key: number;
  readonly value: boolean;
}

/** Maps a guard expression (identifier or member path) to a key id, when it can be a key. */
export type KeyOf = (node: Node) => number | undefined;

/** The condition under which `test` is truthy, when it is a simple test. */
export function simpleTest(test: Node, keyOf: KeyOf): Condition | undefined {
  const t = unwrapExpression(test);
  switch (t.type) {
    case 'Identifier':
    case 'MemberExpression': {
      const key = keyOf(t);
      return key === undefined ? undefined : { key, value: true };
    }
    case 'UnaryExpression': {
      if (t.operator !== '!') return undefined;
      const inner = simpleTest(t.argument, keyOf);
      return inner && { key: inner.key, value: !inner.value };
    }
    case 'BinaryExpression': {
      const op = t.operator;
      if (op !== '==' && op !== '!=' && op !== '===' && op !== '!==') return undefined;
      const negated = op === '!=' || op === '!==';
      let subject: Node | undefined;
      let other: Node | undefined;
      if (isKnownConstant(t.right)) {
        subject = t.left;
        other = t.right;
      } else if (isKnownConstant(t.left)) {
        subject = t.right;
        other = t.left;
      }
      if (!subject || !other) return undefined;
      const inner = simpleTest(subject, keyOf);
      if (!inner || inner.value !== true) return undefined;
      // `x == null` / `x === false` → x is falsy; `x === true` → x is truthy.
      const constant = unwrapExpression(other);
      const truthyWhenEqual = constant.type === 'Literal' && constant.value === true;
      const value = negated ? !truthyWhenEqual : truthyWhenEqual;
      return { key: inner.key, value };
    }
    default:
      return undefined;
  }
}

function isKnownConstant(node: Node): boolean {
  const n = unwrapExpression(node);
  return isNullish(n) || (n.type === 'Literal' && typeof n.value === 'boolean');
}

/** The test a segment start node branches on, with the polarity of the branch it starts. */
export function branchOf(start: Node): { test: Node; value: boolean } | undefined {
  const parent = start.parent;
  if (!parent) return undefined;
  if (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') {
    if (parent.consequent === start) return { test: parent.test, value: true };
    if (parent.alternate === start) return { test: parent.test, value: false };
    return undefined;
  }
  if (parent.type === 'LogicalExpression' && parent.right === start) {
    if (parent.operator === '&&') return { test: parent.left, value: true };
    if (parent.operator === '||') return { test: parent.left, value: false };
  }
  return undefined;
}

/**
 * Computes the conditions on the out-edges of `from`. Returns undefined when no edge carries one.
 * `keyOf` decides which guards are keys in the running analysis.
 */
export function edgeConditions(
  rec: PathRecord,
  from: Segment,
  keyOf: KeyOf,
): ReadonlyMap<Segment, Condition> | undefined {
  const nexts = from.nextSegments;
  if (nexts.length < 2) return undefined;
  let out: Map<Segment, Condition> | undefined;
  let decided: Condition | undefined;
  let decidedTo: Segment | undefined;
  for (const next of nexts) {
    const start = rec.startNodeOf(next);
    const branch = start && branchOf(start);
    if (!branch) continue;
    const cond = simpleTest(branch.test, keyOf);
    if (!cond) continue;
    const onEdge = branch.value ? cond : { key: cond.key, value: !cond.value };
    out ??= new Map();
    out.set(next, onEdge);
    decided = onEdge;
    decidedTo = next;
  }
  if (out && decided && nexts.length === 2) {
    const other = nexts[0] === decidedTo ? nexts[1]! : nexts[0]!;
    if (!out.has(other)) out.set(other, { key: decided.key, value: !decided.value });
  }
  return out;
}

/**
 * Is the test one the engine cannot interpret and that typically counts or matches
 * (`--pending === 0`, `i === last`, `count++ > n`)? A fire under such a test inside a loop or a
 * repeated callback is how code fires once after many events, so it is not reported as repeated.
 */
export function isCountingTest(test: Node, isCounter: (id: TSESTree.Identifier) => boolean): boolean {
  let counting = false;
  const visit = (node: Node): void => {
    if (counting) return;
    switch (node.type) {
      case 'UpdateExpression':
      case 'AssignmentExpression':
        counting = true;
        return;
      case 'BinaryExpression':
        if (['==', '!=', '===', '!==', '<', '>', '<=', '>='].includes(node.operator)) {
          if (!(isKnownConstant(node.right) || isKnownConstant(node.left))) {
            counting = true;
            return;
          }
        }
        if (node.left.type !== 'PrivateIdentifier') visit(node.left);
        visit(node.right);
        return;
      case 'Identifier':
        if (isCounter(node)) counting = true;
        return;
      case 'UnaryExpression':
        visit(node.argument);
        return;
      case 'LogicalExpression':
        visit(node.left);
        visit(node.right);
        return;
      case 'MemberExpression':
        visit(node.object);
        return;
      case 'CallExpression':
        // `if (isLast(i))`, `if (queue.isEmpty())`: a predicate over a changing value.
        counting = true;
        return;
      default:
        return;
    }
  };
  visit(unwrapExpression(test));
  return counting;
}
