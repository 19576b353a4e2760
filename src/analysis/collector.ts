/**
 * The path collector: records, once per file, what the path engine needs from ESLint's code path
 * analysis. ESLint delivers code path events only to rule listeners, so the first of our rules
 * created for a file installs the collector's listeners (see `file-analysis.ts`); every other rule
 * reuses the recording.
 *
 * What is recorded:
 * - every code path with its root node (program, function, static block, class field value);
 * - for every reachable segment, the node that started it and the ordered list of *items* evaluated
 *   in it: calls and `new` (at exit, i.e. after their arguments), assignments and `return`s
 *   (parallel arrays on the path record: no map entry per segment while linting);
 * - loop back edges (`onCodePathSegmentLoop`).
 *
 * Segment tracking follows the documented pattern with one economy: ESLint starts every segment
 * that becomes current in one batch (all `onCodePathSegmentStart` events of one forward share the
 * node being visited), so a new batch replaces the current set and `onCodePathSegmentEnd` is not
 * needed. `onUnreachableCodePathSegmentStart` is tracked so that items of dead code are dropped.
 * Items are pushed to a plain array per current segment: the per-node cost is one listener call and
 * one array push. The collector does no analysis: that happens lazily, on the first query.
 */
import type { Rule } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Node, PathRoot } from './syntax.js';

export type Segment = Rule.CodePathSegment;
export type CodePath = Rule.CodePath;
export type Item = TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.AssignmentExpression | TSESTree.ReturnStatement;

/** One recorded code path: its reachable segments, and per segment its start node and items. */
export class PathRecord {
  /** Reachable segments in the order ESLint started them (a topological order but for back edges). */
  readonly segments: Segment[] = [];
  /** The node whose visit started each segment (`IfStatement.consequent`, a `CatchClause`, …). */
  readonly starts: Node[] = [];
  /** The items evaluated in each segment, in evaluation order. */
  readonly items: Item[][] = [];
  private positions: Map<Segment, number> | undefined;

  constructor(
    readonly codePath: CodePath,
    /** The program, function, static block or class field value the path belongs to. */
    readonly root: PathRoot,
  ) {}

  /** The position of a segment of this path in `segments` (built on first use: only analysed paths need it). */
  indexOf(segment: Segment): number | undefined {
    if (!this.positions) {
      this.positions = new Map();
      this.segments.forEach((s, i) => this.positions!.set(s, i));
    }
    return this.positions.get(segment);
  }

  /** The items of a segment of this path. */
  itemsOf(segment: Segment): readonly Item[] {
    const i = this.indexOf(segment);
    return i === undefined ? EMPTY_ITEMS : this.items[i]!;
  }

  /** The start node of a segment of this path. */
  startNodeOf(segment: Segment): Node | undefined {
    const i = this.indexOf(segment);
    return i === undefined ? undefined : this.starts[i];
  }
}

interface Frame {
  readonly record: PathRecord;
  /** Indices (in the record) of the segments current now (more than one only in `finally` blocks). */
  batch: number[];
  batchNode: unknown;
  /** True while no item or nested path came since the last segment start: more starts join the batch. */
  batchOpen: boolean;
}

const EMPTY_ITEMS: readonly Item[] = Object.freeze([]);

export class PathCollector {
  /** Recorded paths in start order (outer before inner). */
  readonly paths: PathRecord[] = [];
  /** All calls and `new` expressions, in exit order: discovery scans them instead of the AST. */
  readonly calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
  /** All assignments, in exit order. */
  readonly assignments: TSESTree.AssignmentExpression[] = [];
  /** Has the program's code path ended (the recording is complete)? */
  complete = false;
  /** Has any event arrived? A collector that started but never completed belongs to an aborted run. */
  started = false;
  /** Number of events fed to this collector (tests use it to prove that one rule feeds it). */
  events = 0;

  private readonly byRoot = new Map<Node, PathRecord>();
  private readonly loopTargets = new Set<Segment>();
  private readonly stack: Frame[] = [];
  private top: Frame | undefined;

  /** The path record of a path root (function, program, …). */
  pathOf(root: Node): PathRecord | undefined {
    return this.byRoot.get(root);
  }

  /** Is the segment the target of a loop back edge? */
  isLoopTarget(segment: Segment): boolean {
    return this.loopTargets.has(segment);
  }

  /** The listeners that feed this collector; installed by exactly one rule per file. */
  listeners(): Rule.RuleListener {
    const record = (node: Item): void => {
      this.events++;
      const frame = this.top;
      if (!frame) return;
      frame.batchOpen = false;
      const batch = frame.batch;
      const items = frame.record.items;
      for (let i = 0; i < batch.length; i++) {
        const at = batch[i]!;
        const list = items[at]!;
        if (list === EMPTY_ITEMS) items[at] = [node];
        else list.push(node);
      }
    };
    const call = (node: Rule.Node): void => {
      this.calls.push(node as unknown as TSESTree.CallExpression);
      record(node as unknown as Item);
    };
    return {
      onCodePathStart: (codePath: CodePath, node: Rule.Node) => {
        this.events++;
        this.started = true;
        if (this.top) this.top.batchOpen = false;
        const rec = new PathRecord(codePath, node as unknown as PathRoot);
        this.paths.push(rec);
        this.byRoot.set(node as unknown as Node, rec);
        const frame: Frame = { record: rec, batch: [], batchNode: undefined, batchOpen: false };
        this.stack.push(frame);
        this.top = frame;
      },
      onCodePathEnd: (codePath: CodePath) => {
        this.events++;
        this.stack.pop();
        this.top = this.stack[this.stack.length - 1];
        if (this.top) this.top.batchOpen = false;
        if (codePath.origin === 'program') this.complete = true;
      },
      onCodePathSegmentStart: (segment: Segment, node: Rule.Node) => {
        this.events++;
        const frame = this.top;
        if (!frame) return;
        const rec = frame.record;
        const at = rec.segments.length;
        rec.segments.push(segment);
        rec.starts.push(node as unknown as Node);
        rec.items.push(EMPTY_ITEMS as Item[]);
        if (frame.batchOpen && frame.batchNode === node) {
          frame.batch.push(at);
        } else {
          frame.batch = [at];
          frame.batchNode = node;
          frame.batchOpen = true;
        }
      },
      onUnreachableCodePathSegmentStart: (_segment: Segment, node: Rule.Node) => {
        this.events++;
        const frame = this.top;
        if (!frame) return;
        if (!(frame.batchOpen && frame.batchNode === node)) {
          frame.batch = [];
          frame.batchNode = node;
          frame.batchOpen = true;
        }
      },
      onCodePathSegmentLoop: (_from: Segment, to: Segment) => {
        this.events++;
        this.loopTargets.add(to);
      },
      'CallExpression:exit': call,
      'NewExpression:exit': call,
      'AssignmentExpression:exit': (node: Rule.Node) => {
        this.assignments.push(node as unknown as TSESTree.AssignmentExpression);
        record(node as unknown as Item);
      },
      'ReturnStatement:exit': (node: Rule.Node) => record(node as unknown as Item),
    } as Rule.RuleListener;
  }
}
