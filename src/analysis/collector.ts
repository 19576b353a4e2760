/**
 * The path collector: records, once per file, what the analyses need from ESLint's traversal and
 * code path analysis. ESLint delivers code path events only to rule listeners, so the first of our
 * rules created for a file installs the collector's listeners (see `file-analysis.ts`); every other
 * rule reuses the recording. It is the only per-node bookkeeping the plugin does: the path engine
 * and the chain and callback models all read from it (`node-index.ts` derives the node lists).
 *
 * What is recorded:
 * - every code path with its root node (program, function, static block, class field value), in
 *   the order they start (source order of the roots);
 * - for every reachable segment, the node that started it and the ordered list of *items* evaluated
 *   in it: calls and `new` (at exit, i.e. after their arguments), assignments and `return`s
 *   (parallel arrays on the path record: no map entry per segment while linting);
 * - every call, `new` and assignment of the file, in exit order, with what their callee is
 *   named and what the assignment writes (read while the node is at hand);
 * - every `catch` clause, in source order;
 * - per path, whether its end is reachable and its reachable `return` statements (what a function
 *   returns, for `returns.ts`);
 * - that the traversal reached `Program:exit` (the recording is complete from then on).
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
import { isFunctionNode } from '../utils/ast.js';
import { propertyName, unwrapExpression, type Node, type PathRoot } from './syntax.js';

export type Segment = Rule.CodePathSegment;
export type CodePath = Rule.CodePath;
export type Item = TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.AssignmentExpression | TSESTree.ReturnStatement;

/**
 * What a recorded call's callee is (see {@link PathCollector.calleeNames}); {@link CALLEE_NEW} is
 * or-ed in for `new` expressions.
 */
export type CalleeKind = number;
/** `name(…)`. */
export const CALLEE_IDENTIFIER = 1;
/** `x.name(…)`, non-computed. */
export const CALLEE_MEMBER = 2;
/** `x[k](…)`, `x.#p(…)`: a member without a plain name. */
export const CALLEE_OTHER_MEMBER = 3;
/** Anything else: `f()()`, `(0, f)()`, IIFEs, `(f as F)()`. */
export const CALLEE_OTHER = 4;
/** {@link PathRecord.shape}: the first parameter is a plain name that {@link mayNameAnError}. */
export const FIRST_MAY_NAME_ERROR = 1;
/** {@link PathRecord.shape}: a function declaration with a name, or the `init` of a `const f =`-style declarator. */
export const NAMED_FUNCTION = 2;
/** Mask of the callee kinds above. */
export const CALLEE_KIND = 7;
export const CALLEE_NEW = 8;

/**
 * The first cut of error parameter names ({@link FIRST_MAY_NAME_ERROR}), from the name's characters
 * alone: once leading underscores are left out, `e` alone or followed by `r` or `x` (`e`, `err`,
 * `error`, `ex`, `exc`, `exception`, `_err`), or a name that ends in `Err` or `Error`. Every name
 * that `isErrorParameterName` (`node-callbacks.ts`) or `isErrorName` (`duplicate-cleanup.ts`)
 * accepts passes (the tests check both); `event`, `elem`, `entry`, `el`, `_`, `_x` do not, and the
 * functions they name are no candidate the callback models read again after the traversal.
 */
export function mayNameAnError(name: string): boolean {
  let at = 0;
  let c = name.charCodeAt(0);
  while (c === 95 /* _ */) c = name.charCodeAt(++at);
  if (c === 101 /* e */) {
    const next = name.charCodeAt(at + 1);
    // `next !== next`: NaN, past the end (`e` alone).
    if (next !== next || next === 114 /* r */ || next === 120 /* x */) return true;
  }
  return name.endsWith('Err') || name.endsWith('Error');
}

const EMPTY_ITEMS: readonly Item[] = Object.freeze([]);
const EMPTY_RETURNS: readonly TSESTree.ReturnStatement[] = Object.freeze([]);

/** One recorded code path: its reachable segments, and per segment its start node and items. */
export class PathRecord {
  /** Reachable segments in the order ESLint started them (a topological order but for back edges). */
  readonly segments: Segment[] = [];
  /** The node whose visit started each segment (`IfStatement.consequent`, a `CatchClause`, …). */
  readonly starts: Node[] = [];
  /** The items evaluated in each segment, in evaluation order. */
  readonly items: Item[][] = [];
  /** The reachable `return` statements of the path, each once, in source order. */
  returns: readonly TSESTree.ReturnStatement[] = EMPTY_RETURNS;
  /** Is the end of the path reachable (a function body that can finish without `return`)? Set when it ends. */
  fallsOffEnd = false;
  private positions: Map<Segment, number> | undefined;
  /**
   * For function roots, read when the path ends: the number of parameters, the last one's name
   * when it is a plain name (`cb`, `cb = noop`), and whether the function is a generator.
   * Discovery looks at these before it touches the function node. (At the end the traversal has
   * just visited the parameters; at the start it has not, and reading them then cost ~7% more of
   * the collector's time.)
   */
  paramCount = 0;
  lastParam: string | undefined = undefined;
  generator = false;
  /**
   * Also read when a function's path ends, for the callback models' first cut (`node-callbacks.ts`):
   * {@link FIRST_MAY_NAME_ERROR} and {@link NAMED_FUNCTION} or-ed.
   */
  shape = 0;
  /** Per-path facts derived by analyses (engine catch tables), attached here rather than in a side map. */
  derived: unknown;
  /**
   * While the path is being recorded: the segments current now, as a range of indices in
   * `segments` — the reachable segments of the last batch, which ESLint starts one after another
   * (more than one only in `finally` blocks). Kept on the record rather than in a frame object of
   * its own: one allocation less per function.
   */
  batchFrom = 0;
  batchTo = 0;
  batchNode: unknown = undefined;
  /** True while no item or nested path came since the last segment start: more starts join the batch. */
  batchOpen = false;

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


export class PathCollector {
  /** Recorded paths in start order (outer before inner). */
  readonly paths: PathRecord[] = [];
  /** All calls and `new` expressions, in exit order: discovery scans them instead of the AST. */
  readonly calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
  /**
   * Per call in `calls`: the callee's last name — the identifier (`cb`), or the property of a
   * non-computed member (`d.errback` → `errback`) — and its {@link CalleeKind}. Read while the
   * traversal has the node at hand: scanning them later touches only the calls whose name
   * matters, where reading every call node again after the traversal costs a cache miss each.
   */
  readonly calleeNames: string[] = [];
  readonly calleeKinds: CalleeKind[] = [];
  /** Every `catch` clause, reachable or not, in source order. */
  readonly catchClauses: TSESTree.CatchClause[] = [];
  /** All assignments, in exit order. */
  readonly assignments: TSESTree.AssignmentExpression[] = [];
  /**
   * Per assignment in `assignments`, read during the traversal for the same reason as
   * `calleeNames`: the property its left side writes when that is a member with a known name
   * (`x.cb = …`, `x['cb'] = …` → `cb`), else `''`.
   */
  readonly assignedProperties: string[] = [];
  /** Per assignment: for `member = name` (a plain `=`, TS wrappers around the name aside), the name; else `''`. */
  readonly assignedNames: string[] = [];
  /**
   * Is the recording complete? Set at `Program:exit`: every node has been visited, every function's
   * path has ended, and the program's current segments are its final ones.
   */
  complete = false;
  /** Has the traversal reached `Program:exit` (every node was visited)? */
  traversed = false;
  /** Has any event arrived? A collector that started but never completed belongs to an aborted run. */
  started = false;
  /** Number of events fed to this collector (tests use it to prove that one rule feeds it). */
  events = 0;
  /**
   * Run when the recording completes (at `Program:exit`), inside the feeding listener: the feeding
   * rule's own use of the recording (other rules have their own `Program:exit` listener, which ESLint
   * calls after the feeder's: listeners run in rule creation order).
   */
  whenComplete: (() => void) | undefined;

  /** Path records by root, filled on first use from `paths` (most files are never asked). */
  private byRoot: Map<Node, PathRecord> | undefined;
  /** How many of `paths` are in `byRoot`. */
  private indexed = 0;
  private loopTargets: Set<Segment> | undefined;
  /** The paths being recorded, outermost first (the last one is `top`). */
  private readonly stack: PathRecord[] = [];
  private top: PathRecord | undefined;

  /** The path record of a path root (function, program, …). */
  pathOf(root: Node): PathRecord | undefined {
    const paths = this.paths;
    // Paths start in the source order of their roots: a binary search for the first root starting
    // where `root` does, and of the paths starting there the last one of `root` (a class field's
    // function value roots two paths, the function's last), as the map below answers. Only when
    // none is found is the map of every path built (it answers whatever the order).
    const start = root.range[0];
    let lo = 0;
    let hi = paths.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (paths[mid]!.root.range[0] < start) lo = mid + 1;
      else hi = mid;
    }
    let found: PathRecord | undefined;
    for (let i = lo; i < paths.length && paths[i]!.root.range[0] === start; i++) if (paths[i]!.root === root) found = paths[i];
    if (found) return found;
    if (this.indexed < paths.length) {
      const byRoot = (this.byRoot ??= new Map());
      for (let i = this.indexed; i < paths.length; i++) byRoot.set(paths[i]!.root, paths[i]!);
      this.indexed = paths.length;
    }
    return this.byRoot?.get(root);
  }

  /**
   * Is the segment the target of a loop back edge? Segments start in topological order but for
   * back edges, so an edge to a segment started earlier is a back edge (what ESLint reports with
   * `onCodePathSegmentLoop`); worked out on first use rather than listened for.
   */
  isLoopTarget(segment: Segment): boolean {
    if (!this.loopTargets) {
      const targets = new Set<Segment>();
      for (const rec of this.paths) {
        rec.segments.forEach((from, i) => {
          for (const to of from.nextSegments) {
            const j = rec.indexOf(to);
            if (j !== undefined && j <= i) targets.add(to);
          }
        });
      }
      this.loopTargets = targets;
    }
    return this.loopTargets.has(segment);
  }

  /**
   * The collector fed before this one was installed, while its traversal was not over (a lint run
   * from inside another's listener): fed again when this traversal ends. Weak, so that a run that
   * was aborted (it never ends) is not kept alive by the runs after it.
   */
  private outer: WeakRef<PathCollector> | undefined;
  /** The program node of the traversal feeding this collector (set by its first code path). */
  private program: unknown;
  /**
   * Set when this collector's traversal reached its end while another collector was being fed —
   * a nested lint was aborted, so the events between went astray. Its recording is then dropped:
   * the file is analysed as if it had nothing, rather than from a recording with holes.
   */
  lost = false;

  /**
   * The listeners that feed this collector; installed by exactly one rule per file (the rules are
   * created just before the traversal, so this collector is fed from now on).
   *
   * The listener functions are the same for every file (see {@link FEED_LISTENERS}): ESLint calls
   * them through a wrapper per file and listener, and a wrapper that meets a new function object
   * on every file costs about 0.1 µs more per call — measured on the corpus with empty listeners for
   * these events, 14.3 ms a pass with functions made per file against 5.0 ms with the same ones.
   */
  listeners(): Rule.RuleListener {
    const previous = feeding;
    this.outer = previous !== undefined && previous !== this && !previous.complete ? new WeakRef(previous) : undefined;
    feed(this);
    return FEED_LISTENERS;
  }

  /** This traversal is over: feed the collector that was fed before, if its traversal goes on. */
  private handBack(): void {
    if (feeding === this) feed(this.outer?.deref());
    this.outer = undefined;
  }

  private record(node: Item): void {
    this.events++;
    const rec = this.top;
    if (!rec) return;
    rec.batchOpen = false;
    const items = rec.items;
    for (let at = rec.batchFrom; at < rec.batchTo; at++) {
      const list = items[at]!;
      if (list === EMPTY_ITEMS) items[at] = [node];
      else list.push(node);
    }
  }

  /** @internal A call (`isNew` 0) or `new` ({@link CALLEE_NEW}) was exited. */
  onCall(node: TSESTree.CallExpression | TSESTree.NewExpression, isNew: number): void {
    this.calls.push(node);
    const callee = node.callee;
    if (callee.type === 'Identifier') {
      this.calleeNames.push(callee.name);
      this.calleeKinds.push(CALLEE_IDENTIFIER | isNew);
    } else if (callee.type === 'MemberExpression') {
      const property = callee.property;
      const plain = !callee.computed && property.type === 'Identifier';
      this.calleeNames.push(plain ? property.name : '');
      this.calleeKinds.push((plain ? CALLEE_MEMBER : CALLEE_OTHER_MEMBER) | isNew);
    } else {
      this.calleeNames.push('');
      this.calleeKinds.push(CALLEE_OTHER | isNew);
    }
    this.record(node);
  }

  /** @internal */
  onAssignment(assignment: TSESTree.AssignmentExpression): void {
    this.assignments.push(assignment);
    const left = assignment.left;
    if (left.type === 'MemberExpression') {
      this.assignedProperties.push(propertyName(left) ?? '');
      const right = assignment.operator === '=' ? unwrapExpression(assignment.right) : undefined;
      this.assignedNames.push(right?.type === 'Identifier' ? right.name : '');
    } else {
      this.assignedProperties.push('');
      this.assignedNames.push('');
    }
    this.record(assignment);
  }

  /** @internal */
  onReturn(node: TSESTree.ReturnStatement): void {
    this.record(node);
    const rec = this.top;
    if (rec && rec.batchTo > rec.batchFrom) {
      if (rec.returns === EMPTY_RETURNS) rec.returns = [node];
      else (rec.returns as TSESTree.ReturnStatement[]).push(node);
    }
  }

  /** @internal */
  onCatchClause(node: TSESTree.CatchClause): void {
    this.catchClauses.push(node);
  }

  /** @internal */
  onPathStart(codePath: CodePath, node: PathRoot): void {
    this.events++;
    this.started = true;
    if (this.top) this.top.batchOpen = false;
    else if (this.stack.length === 0 && this.paths.length === 0) this.program = node;
    const rec = new PathRecord(codePath, node);
    this.paths.push(rec);
    this.stack.push(rec);
    this.top = rec;
  }

  /** @internal */
  onPathEnd(): void {
    this.events++;
    const ended = this.stack.pop();
    if (ended) {
      // The current segments at the end are the last batch: reachable ones mean the body can
      // finish without `return`.
      ended.fallsOffEnd = ended.batchTo > ended.batchFrom;
      // The parameter summary, read now that the traversal has just visited the parameters
      // (for most functions, a few hundred nodes ago) rather than at the start, before they
      // were visited.
      const root = ended.root as TSESTree.Node;
      if (isFunctionNode(root)) {
        const params = root.params;
        const count = params.length;
        ended.paramCount = count;
        ended.generator = root.generator;
        let shape = 0;
        if (count > 0) {
          const last = params[count - 1]!;
          if (last.type === 'Identifier') ended.lastParam = last.name;
          else if (last.type === 'AssignmentPattern' && last.left.type === 'Identifier') ended.lastParam = last.left.name;
          const first = params[0]!;
          if (first.type === 'Identifier' && mayNameAnError(first.name)) shape |= FIRST_MAY_NAME_ERROR;
        }
        if (root.type === 'FunctionDeclaration') {
          if (root.id) shape |= NAMED_FUNCTION;
        } else {
          const parent = root.parent;
          if (parent?.type === 'VariableDeclarator' && parent.init === root && parent.id.type === 'Identifier') shape |= NAMED_FUNCTION;
        }
        ended.shape = shape;
      }
    }
    const stack = this.stack;
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    this.top = top;
    if (top) top.batchOpen = false;
    // The program's path ends last (after Program:exit): the traversal is over.
    else this.handBack();
  }

  /** @internal */
  onSegmentStart(segment: Segment, node: Node): void {
    this.events++;
    const rec = this.top;
    if (!rec) return;
    const at = rec.segments.length;
    rec.segments.push(segment);
    rec.starts.push(node);
    rec.items.push(EMPTY_ITEMS as Item[]);
    if (!(rec.batchOpen && rec.batchNode === node)) {
      rec.batchFrom = at;
      rec.batchNode = node;
      rec.batchOpen = true;
    }
    rec.batchTo = at + 1;
  }

  /** @internal */
  onUnreachableSegmentStart(node: Node): void {
    this.events++;
    const rec = this.top;
    if (!rec) return;
    if (!(rec.batchOpen && rec.batchNode === node)) {
      rec.batchFrom = rec.batchTo = rec.segments.length;
      rec.batchNode = node;
      rec.batchOpen = true;
    }
  }

  // ESLint emits `Program:exit` before it ends the program's code path, with nothing in
  // between that the recording depends on: every function's path has ended, and ending the
  // program's path starts no segment (it only emits segment ends and the path end). So the
  // recording is complete here, and every rule can run its analysis from `Program:exit` rather
  // than listen to (and be billed for) the end of every function's code path.
  /** @internal */
  onProgramExit(node: unknown): void {
    if (node !== this.program && this.program !== undefined) {
      // A nested lint that was aborted left its collector fed: this program belongs to one fed
      // before it, whose recording has holes. That one is completed empty (see `lost`).
      for (let c = this.outer?.deref(); c; c = c.outer?.deref()) {
        if (c.program !== node) continue;
        this.handBack();
        c.dropRecording();
        feed(c);
        c.finish();
        return;
      }
    }
    this.finish();
  }

  private finish(): void {
    this.events++;
    this.traversed = true;
    const program = this.top;
    if (program) program.fallsOffEnd = program.batchTo > program.batchFrom;
    this.complete = true;
    this.whenComplete?.();
  }

  private dropRecording(): void {
    this.lost = true;
    for (const list of [this.paths, this.calls, this.calleeNames, this.calleeKinds, this.catchClauses, this.assignments, this.assignedProperties, this.assignedNames, this.stack] as unknown[][]) list.length = 0;
    this.top = undefined;
  }
}

/** The collector that {@link FEED_LISTENERS} feed: the one installed last whose traversal is not over. */
let feeding: PathCollector | undefined;

function feed(collector: PathCollector | undefined): void {
  feeding = collector;
}

/**
 * The collector's listeners, one set for every file: each passes the event to the collector being
 * fed (none between lints: the events of a lint without our rules go nowhere).
 */
const FEED_LISTENERS: Rule.RuleListener = Object.freeze({
  onCodePathStart: (codePath: CodePath, node: Rule.Node) => feeding?.onPathStart(codePath, node as unknown as PathRoot),
  onCodePathEnd: () => feeding?.onPathEnd(),
  onCodePathSegmentStart: (segment: Segment, node: Rule.Node) => feeding?.onSegmentStart(segment, node as unknown as Node),
  onUnreachableCodePathSegmentStart: (_segment: Segment, node: Rule.Node) => feeding?.onUnreachableSegmentStart(node as unknown as Node),
  'CallExpression:exit': (node: Rule.Node) => feeding?.onCall(node as unknown as TSESTree.CallExpression, 0),
  'NewExpression:exit': (node: Rule.Node) => feeding?.onCall(node as unknown as TSESTree.NewExpression, CALLEE_NEW),
  'AssignmentExpression:exit': (node: Rule.Node) => feeding?.onAssignment(node as unknown as TSESTree.AssignmentExpression),
  CatchClause: (node: Rule.Node) => feeding?.onCatchClause(node as unknown as TSESTree.CatchClause),
  'ReturnStatement:exit': (node: Rule.Node) => feeding?.onReturn(node as unknown as TSESTree.ReturnStatement),
  'Program:exit': (node: unknown) => feeding?.onProgramExit(node),
}) as unknown as Rule.RuleListener;
