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
  const shape = testShape(test);
  if (!shape) return undefined;
  const key = keyOf(shape.subject);
  return key === undefined ? undefined : { key, value: shape.value };
}

/**
 * The form of a simple test, whatever the keys: the guard expression it tests (an identifier or a
 * member, unwrapped) and whether the test is truthy when that expression is. Which guards are keys
 * depends on the analysed unit; the form does not, so it is worked out once per test.
 */
export interface TestShape {
  readonly subject: Node;
  readonly value: boolean;
}

export function testShape(test: Node): TestShape | undefined {
  const t = unwrapExpression(test);
  switch (t.type) {
    case 'Identifier':
    case 'MemberExpression':
      return { subject: t, value: true };
    case 'UnaryExpression': {
      if (t.operator !== '!') return undefined;
      const inner = testShape(t.argument);
      return inner && { subject: inner.subject, value: !inner.value };
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
      const inner = testShape(subject);
      if (!inner || inner.value !== true) return undefined;
      // `x == null` / `x === false` → x is falsy; `x === true` → x is truthy.
      const constant = unwrapExpression(other);
      const truthyWhenEqual = constant.type === 'Literal' && constant.value === true;
      const value = negated ? !truthyWhenEqual : truthyWhenEqual;
      return { subject: inner.subject, value };
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

/** An out-edge of a segment whose successor starts a branch of a simple test (see {@link edgeTests}). */
export interface EdgeTest {
  readonly next: Segment;
  readonly shape: TestShape;
}

/**
 * The out-edges of `from` that enter a branch of a simple test, with the test's form and the
 * branch's polarity folded in; undefined when none does. Independent of which guards are keys, so
 * callers cache it per segment and only map subjects to keys per unit ({@link conditionsOf}).
 */
export function edgeTests(rec: PathRecord, from: Segment): readonly EdgeTest[] | undefined {
  const nexts = from.nextSegments;
  if (nexts.length < 2) return undefined;
  let out: EdgeTest[] | undefined;
  for (const next of nexts) {
    const start = rec.startNodeOf(next);
    const test = start && edgeTestAt(next, start);
    if (test) (out ??= []).push(test);
  }
  return out;
}

/**
 * The test on the edge into `next`, whose segment starts at `start`, when it enters a branch of a
 * simple test (one entry of {@link edgeTests}).
 */
export function edgeTestAt(next: Segment, start: Node): EdgeTest | undefined {
  const branch = branchOf(start);
  if (!branch) return undefined;
  const shape = testShape(branch.test);
  if (!shape) return undefined;
  return { next, shape: branch.value ? shape : { subject: shape.subject, value: !shape.value } };
}

/**
 * The conditions on the out-edges of `from` (see {@link edgeTests}) when `keyOf` decides which
 * guards are keys. An edge whose test is on a key carries the test; with two successors, the other
 * edge carries its negation. Undefined when no edge carries a condition.
 */
export function conditionsOf(
  from: Segment,
  tests: readonly EdgeTest[] | undefined,
  keyOf: KeyOf,
): ReadonlyMap<Segment, Condition> | undefined {
  if (!tests) return undefined;
  let out: Map<Segment, Condition> | undefined;
  let decided: Condition | undefined;
  let decidedTo: Segment | undefined;
  for (const { next, shape } of tests) {
    const key = keyOf(shape.subject);
    if (key === undefined) continue;
    const onEdge = { key, value: shape.value };
    out ??= new Map();
    out.set(next, onEdge);
    decided = onEdge;
    decidedTo = next;
  }
  const nexts = from.nextSegments;
  if (out && decided && nexts.length === 2) {
    const other = nexts[0] === decidedTo ? nexts[1]! : nexts[0]!;
    if (!out.has(other)) out.set(other, { key: decided.key, value: !decided.value });
  }
  return out;
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
  return conditionsOf(from, edgeTests(rec, from), keyOf);
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
