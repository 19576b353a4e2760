/**
 * The path engine: a forward dataflow over ESLint's code path segments that counts, per
 * completion, how many times it may / must have fired at every point (see `fire-state.ts`).
 *
 * One completion is analysed at a time, starting from its owner's initial segment with the
 * completion unfired. Per segment the engine applies the recorded items in order (the use index
 * says what each item means for this completion), joins states where paths meet, and iterates
 * loops to a fixpoint. On top of ESLint's graph it models:
 *
 * - **throws into `catch`**: ESLint forks a `try` block to its `catch` only at the first throwable
 *   node and at the end of the block. The engine ignores those edges (keeping only explicit
 *   `throw`s) and instead feeds the `catch` from every call in the `try` block: a plain call may
 *   throw before it does anything; a fire of a node or pair callback may throw *after* firing (the
 *   caller's code ran); resolvers and deferred fire methods never throw.
 * - **inner functions**, classified by `invocations.ts`: `once` runs the function's own code path
 *   in place (inlining, with the caller's state as entry), `maybe` joins "ran" and "did not run",
 *   `many` iterates to a fixpoint, `delegate` (node-style APIs) is a hand-off that counts as a fire,
 *   anything else loses the completion on that path.
 * - **chains**: `p.then(f, g)`, `.catch(h)`, `.finally(k)` and the twisted/jQuery link methods
 *   from the style table are simulated link by link with a success and an error state; a handler
 *   that throws moves to the error state, so `.then(v => cb(null, v)).catch(e => cb(e))` fires twice
 *   while `.then(cb, cb)` fires once.
 * - **guards**: edge conditions from `conditions.ts` split worlds; assignments to guard keys
 *   (`called = true`) update them.
 *
 * Every fire's state before firing is recorded (joined over every context the fire was reached
 * in); the rules turn those records into reports. Functions that use the completion but were never
 * reached from the owner (handed to unknown code) are analysed on their own, from "unfired".
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Item, PathCollector, PathRecord, Segment } from './collector.js';
import type { Completion, Variable } from './completions.js';
import type { GuardKeys } from './guard-keys.js';
import {
  BOTTOM,
  UNFIRED,
  arm,
  assign,
  assume,
  fire,
  fireMany,
  retire,
  forgetAssumptions,
  join,
  joinSummary,
  lose,
  summarize,
  assumed,
  assumptionKey,
  type FireSite,
  type State,
  type Summary,
} from './fire-state.js';
import { edgeTestAt, type EdgeTest } from './conditions.js';
import { classifyInvocation, type Invocation, type RepeatReason } from './invocations.js';
import type { FireSide, LinkSide, StyleTable } from './styles.js';
import {
  calleeDottedName,
  calleeLastName,
  enclosingRoot,
  isErrorConstruction,
  isErrorName,
  isFunctionValue,
  isNullish,
  propertyName,
  unwrapExpression,
  type FunctionNode,
  type Node,
  type PathRoot,
  someWithin,
} from './syntax.js';
import type { Use, UseIndex, UseTarget } from './uses.js';

/** The state before one fire, joined over every context that reaches it. */
export interface FireRecord {
  /** The call (`cb(err)`) or the reference passed on (`fs.readFile(f, cb)`). */
  readonly node: Node;
  readonly name: string;
  readonly side: FireSide | 'unknown';
  readonly kind: 'fire' | 'handoff';
  /** Counts and earlier sites before this fire. */
  pre: Summary;
  /** Reached only from functions wired to events or promise links (see `FireSite.wired`). */
  wired: boolean;
  /**
   * Earlier sites of the same run: not wired, seen where this fire is not wired either; or wired
   * through the same registration as this fire (sequential fires in one handler run). What a
   * double fire of an idempotent completion is judged on (resolvers wired to different events or
   * links racing is an idiom).
   */
  directSites: readonly FireSite[];
  /** Inside a function that runs many times (innermost), with the reason. */
  manyFn: FunctionNode | undefined;
  repeat: RepeatReason | undefined;
  /** The path root the fire is evaluated in. */
  readonly root: PathRoot;
  /** For hand-offs: the function it was handed to. */
  readonly callee: string | undefined;
}

/** A completion passed by reference to something that calls it many times (`on('data', resolve)`). */
export interface Registration {
  readonly node: Node;
  readonly name: string;
  readonly side: FireSide | 'unknown';
  readonly callee: string;
  readonly reason: RepeatReason;
}

/** How one exit of the owner is reached. */
export interface ExitFact {
  /** The `return` statement, or the owner itself for falling off its end / throwing out. */
  readonly node: Node;
  readonly kind: 'return' | 'end' | 'throw';
  readonly state: Summary;
  /**
   * Every live path to this exit knows a binding of the completion is absent (`if (!cb) return …`):
   * the caller did not pass one, as in dual callback-or-promise APIs.
   */
  readonly absent: boolean;
  /**
   * Where paths reaching this exit with the completion unfired (and present) come from: the exit
   * itself when every path to it is unfired, else the branches (blocks, `if`s) those paths take.
   */
  readonly unfired: readonly Node[];
}

export interface CompletionPaths {
  readonly completion: Completion;
  /** False when the completion is guarded, or a use could not be placed on a path. */
  readonly analysed: boolean;
  readonly fires: ReadonlyMap<Node, FireRecord>;
  readonly registrations: readonly Registration[];
  /** Exits of the owner (empty for members and unanalysed completions). */
  readonly exits: readonly ExitFact[];
  /** Errors handed to the owner's error-first callbacks that are lost or turned into success. */
  readonly observations: readonly ErrorObservation[];
  /** Inner functions that were analysed in place from the owner or another root. */
  readonly inlined: ReadonlySet<Node>;
}

/** Everything the engine needs from the file. */
export interface EngineEnv {
  readonly collector: PathCollector;
  readonly table: StyleTable;
  readonly resolve: (id: TSESTree.Identifier) => Variable | undefined;
  /** Guard keys of the file (shared by every completion's analysis). */
  readonly keys: GuardKeys;
  /** Boolean flags a function declares with a literal (`let called = false`), keyed, with their value. */
  readonly initialFlags: (fn: PathRoot) => readonly { readonly key: number; readonly value: boolean }[];
}

interface Ctx {
  /** The root of the unit (owner or standalone function): guard keys must be written only inside it. */
  readonly unit: PathRoot;
  readonly stack: readonly Node[];
  /**
   * The innermost registration (listener or link argument) the code runs under, if any: fires
   * under different registrations race, fires under the same one run in sequence.
   */
  readonly wiredBy: Node | undefined;
  readonly repeat: RepeatReason | undefined;
  readonly manyFn: FunctionNode | undefined;
  /** The innermost error-first callback being followed (`(err, data) => …`), if any. */
  readonly observer: Observer | undefined;
}

/** An error-first callback handed to an API: its first parameter may hold an error. */
interface Observer {
  readonly fn: FunctionNode;
  readonly param: TSESTree.Identifier;
  /** The guard key of the parameter (`if (err)` splits worlds on it). */
  readonly key: number | undefined;
  /** The parameter is never read: every path is also an error path. */
  readonly unused: boolean;
}

/**
 * What happens to an error handed to an error-first callback of the owner:
 * - `ignoredError`: a path where the parameter holds an error ends without firing the completion;
 * - `successOnErrorPath`: the success side fires where the parameter may hold an error.
 */
export interface ErrorObservation {
  readonly kind: 'ignoredError' | 'successOnErrorPath';
  /** The exit (`return`, or the callback for falling off its end), or the success fire. */
  readonly node: Node;
  readonly fn: FunctionNode;
  readonly param: TSESTree.Identifier;
}

/**
 * A remembered inlining of a function: the context (node positions, -1 for none; the kind of
 * repeat), the entry state and the result.
 */
interface InlineMemo {
  readonly needThrow: boolean;
  readonly wired: number;
  readonly repeat: RepeatReason['kind'] | undefined;
  readonly many: number;
  readonly observed: number;
  readonly entry: State;
  readonly result: RootResult;
}

interface RootResult {
  readonly exit: State;
  readonly throwExit: State;
}

const MAX_INLINE_DEPTH = 10;
const MAX_FIXPOINT_ROUNDS = 6;
const MAX_SEGMENT_VISITS = 20_000;

/**
 * Is `arg` the completion passed by reference (a name bound to it, TS wrappers aside)? How the
 * engine reads an argument that uses the completion by reference; prefilters that must agree with
 * the engine (`onlyHandsOff` in `double-fire.ts`) ask the same.
 */
export function namesCompletion(arg: Node, c: Completion, resolve: (id: TSESTree.Identifier) => Variable | undefined): boolean {
  const a = unwrapExpression(arg);
  if (a.type !== 'Identifier') return false;
  const variable = resolve(a);
  return variable !== undefined && c.bindings.some((b) => b.variable === variable);
}

/** Analyses one completion over all of its units. */
export function analyseCompletion(env: EngineEnv, completion: Completion, index: UseIndex): CompletionPaths {
  const run = new CompletionRun(env, completion, index);
  return run.run();
}

class CompletionRun {
  // What every run returns is made with the run; the rest on first use (most runs register no
  // listener, inline each function once, observe no error-first callback, and have one unit).
  private readonly fires = new Map<Node, FireRecord>();
  private readonly registrations: Registration[] = [];
  /** The nodes of `registrations` (made with the first one). */
  private registered: Set<Node> | undefined;
  private readonly inlined = new Set<Node>();
  /** Per inlined function: results by entry state and context (see `inline`). */
  private inlineMemo: Map<FunctionNode, InlineMemo[]> | undefined;
  private inlinedOnce: Set<Node> | undefined;
  private observations: Map<Node, ErrorObservation> | undefined;
  private visits = 0;
  /**
   * The guard keys of the completion's bindings, per unit (asked for every world at fires and
   * exits): the first unit asked in two fields, the others in a map.
   */
  private firstUnit: PathRoot | undefined;
  private firstUnitKeys: readonly number[] | undefined;
  private bindingKeys: Map<PathRoot, readonly number[]> | undefined;
  private exhausted = false;

  constructor(
    private readonly env: EngineEnv,
    private readonly c: Completion,
    private readonly index: UseIndex,
  ) {}

  /** The result of a run that analysed nothing (guarded, unplaceable or exhausted). */
  private unanalysed(): CompletionPaths {
    return { completion: this.c, analysed: false, fires: this.fires, registrations: this.registrations, exits: [], observations: [], inlined: this.inlined };
  }

  run(): CompletionPaths {
    if (this.c.guard || this.index.unplaceable) return this.unanalysed();
    let exits: ExitFact[] = [];
    if (this.c.owner) {
      const ctx: Ctx = { unit: this.c.owner, stack: [this.c.owner], wiredBy: undefined, repeat: undefined, manyFn: undefined, observer: undefined };
      // `let called = false` runs before the listeners that test it: start from the declared value.
      let entry: State = UNFIRED;
      for (const flag of this.env.initialFlags(this.c.owner)) entry = assume(entry, flag.key, flag.value);
      exits = this.analyseRoot(this.c.owner, entry, ctx, true, false).exits;
    }
    for (const root of this.index.roots) {
      if (this.inlined.has(root) || this.exhausted) continue;
      if (root.type === 'Program') continue;
      const ctx: Ctx = { unit: root, stack: [root], wiredBy: undefined, repeat: undefined, manyFn: undefined, observer: undefined };
      this.inlined.add(root);
      this.analyseRoot(root, UNFIRED, ctx, false, false);
    }
    if (this.exhausted) return this.unanalysed();
    return {
      completion: this.c,
      analysed: true,
      fires: this.fires,
      registrations: this.registrations,
      exits,
      observations: this.observations ? [...this.observations.values()] : [],
      inlined: this.inlined,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Segment dataflow over one path root

  private analyseRoot(root: Node, entry: State, ctx: Ctx, wantExits: boolean, needThrow: boolean): RootResult & { exits: ExitFact[] } {
    const rec = this.env.collector.pathOf(root);
    if (!rec) return { exit: entry, throwExit: BOTTOM, exits: [] };
    const info = rootInfo(rec, this.env.collector.catchClauses);
    const segments = rec.segments;
    const n = segments.length;
    const flow = new RootFlow(info, root, needThrow, n);
    const inState = flow.inState;
    const outState: (State | undefined)[] = new Array<State | undefined>(n);
    const pending = flow.pending;
    const throwPoint: ThrowSink = flow;

    inState[0] = entry;
    pending[0] = 1;
    while (flow.cursor < n && !this.exhausted) {
      const i = flow.cursor++;
      if (!pending[i]) continue;
      pending[i] = 0;
      if (++this.visits > MAX_SEGMENT_VISITS) {
        this.exhausted = true;
        break;
      }
      let state = inState[i] ?? BOTTOM;
      const items = rec.items[i]!;
      for (let k = 0; k < items.length && state.length > 0; k++) {
        state = this.transfer(items[k]!, state, ctx, throwPoint);
      }
      outState[i] = state;
      if (state.length === 0) continue;
      const edges = info.edges[i]!;
      // `assume` leaves lost worlds as they are: with no live world, the edge conditions (and the
      // guard keys they ask for) cannot change what flows, and the edge tests are not worked out.
      const tests = info.tests[i] !== undefined && hasLive(state) ? testsOf(info, rec, i) : undefined;
      const conds = tests ? this.env.keys.conditionsOn(segments[i]!, tests, ctx.unit) : undefined;
      const targets = info.edgeTargets[i]!;
      for (let e = 0; e < edges.length; e++) {
        const cond = conds?.get(targets[e]!);
        const flowing = cond ? assume(state, cond.key, cond.value) : state;
        if (flowing.length > 0) flow.flowInto(edges[e]!, flowing);
      }
    }

    let exit: State = BOTTOM;
    const exits: ExitFact[] = [];
    const observed = ctx.observer?.fn === root ? this.observeExits(rec, outState, ctx.observer, root, ctx.unit) : undefined;
    const returnedSegments = rec.codePath.returnedSegments;
    for (let r = 0; r < returnedSegments.length; r++) {
      const seg = returnedSegments[r]!;
      const j = info.returned[r]!;
      let s = (j < 0 ? undefined : outState[j]) ?? BOTTOM;
      // Error paths already reported as ignored errors are not reported again as hanging paths.
      if (observed) s = observed(s);
      exit = join(exit, s);
      if (wantExits && s.length > 0) {
        const items = j < 0 ? [] : rec.items[j]!;
        const last = items[items.length - 1];
        const node = last?.type === 'ReturnStatement' ? last : root;
        exits.push({
          node,
          kind: node === root ? 'end' : 'return',
          state: summarize(s),
          absent: this.absent(s, ctx.unit),
          unfired: this.unfiredPaths(rec, seg, s, inState, outState, node, ctx.unit),
        });
      }
    }
    let thrown: State = BOTTOM;
    for (const j of info.thrown) thrown = join(thrown, (j < 0 ? undefined : outState[j]) ?? BOTTOM);
    if (wantExits && thrown.length > 0) exits.push({ node: root, kind: 'throw', state: summarize(thrown), absent: false, unfired: [] });
    return { exit, throwExit: join(flow.uncaught, thrown), exits };
  }

  // ---------------------------------------------------------------------------------------------
  // Items

  private transfer(item: Item, state: State, ctx: Ctx, throwPoint: ThrowSink): State {
    switch (item.type) {
      case 'CallExpression':
      case 'NewExpression':
        return this.transferCall(item, state, ctx, throwPoint);
      case 'AssignmentExpression':
        return this.transferAssignment(item, state, ctx);
      default:
        return this.applySimpleUses(item, state);
    }
  }

  private applySimpleUses(item: Node, state: State): State {
    const uses = this.index.uses.get(item);
    if (!uses) return state;
    for (const use of uses) {
      if (use.kind === 'lose') state = lose(state);
      else if (use.kind === 'reset') state = resetState(state);
    }
    return state;
  }

  private transferAssignment(item: TSESTree.AssignmentExpression, state: State, ctx: Ctx): State {
    // `assign` leaves lost worlds as they are: without a live world the guard key is not needed.
    if (hasLive(state)) {
      const key = this.keyOf(item.left, ctx.unit);
      if (key !== undefined) state = assign(state, key, item.operator === '=' ? truthiness(item.right) : undefined);
    }
    return this.applySimpleUses(item, state);
  }

  private transferCall(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    state: State,
    ctx: Ctx,
    throwPoint: ThrowSink,
  ): State {
    const fc = this.index.fireCalls.get(call);
    if (fc) {
      const side = this.sideOf(fc.side, fc.args, state, ctx);
      const site = this.site(call, side, 'fire', fc.name, ctx, undefined);
      state = this.doFire(site, state, ctx);
      if (this.c.throws && (throwPoint.catches || throwPoint.wanted)) throwPoint.add(call, state);
      return state;
    }
    const uses = this.index.uses.get(call);
    // A call that does not use the completion, when no link call uses it (so no chain is
    // simulated): a throw from it lands where it lands, and it arms the state when it passes an
    // error on, unless it is an inner link of a chain (what the general path below does, in an
    // order that reads the callee only for the rare call that passes an error, and nothing when
    // arming cannot change the state: every live world fired or armed already, or none is live).
    if (!uses && !this.linkUses()) {
      if (throwPoint.catches || throwPoint.wanted) throwPoint.add(call, state);
      if (armable(state) && passesError(call) && !(call.type === 'CallExpression' && this.isLink(call) && this.outerLink(call))) state = arm(state);
      return state;
    }
    if (call.type === 'CallExpression' && this.isLink(call)) {
      // A chain is simulated once, at its outermost link; inner links wait for it.
      if (this.outerLink(call)) {
        if (!uses && (throwPoint.catches || throwPoint.wanted)) throwPoint.add(call, state);
        return state;
      }
      if (this.chainUses(call)) return this.simulateChain(call, state, ctx);
    }
    if (throwPoint.catches || throwPoint.wanted) throwPoint.add(call, state);
    // Handing an observed error on (`return this.onError(err)`, `emitter.emit('error', err)`):
    // someone else now reports the failure, so the path is not left hanging.
    // Arming changes only live worlds some path of which has not fired yet: checked first, so that
    // the arguments of every other call are not read (`arm` would return the state unchanged).
    if (armable(state) && passesError(call)) state = arm(state);
    if (!uses) return state;
    for (let i = 0; i < uses.length && state.length > 0; i++) {
      const use = uses[i]!;
      // Several uses in one argument come from its branches (`strict ? cb : (e) => cb(e)`): one runs.
      if (use.kind === 'arg' && hasOtherArgUse(uses, i)) {
        const branches = uses.filter((u) => u.kind === 'arg' && u.index === use.index);
        if (branches[0] !== use) continue;
        let joined: State = BOTTOM;
        for (const branch of branches) joined = join(joined, this.applyUse(call, branch, state, ctx, throwPoint));
        state = joined;
        continue;
      }
      state = this.applyUse(call, use, state, ctx, throwPoint);
    }
    return state;
  }

  private applyUse(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    use: Use,
    state: State,
    ctx: Ctx,
    throwPoint: ThrowSink,
  ): State {
    switch (use.kind) {
      case 'lose':
        return lose(state);
      case 'reset':
        return resetState(state);
      case 'inline': {
        // Runs now: its throws land where a throw from this call would.
        const root = ctx.stack[ctx.stack.length - 1]!;
        const rec = this.env.collector.pathOf(root);
        const needThrow = throwPoint.wanted || (throwPoint.catches && (rec ? catchOf(rootInfo(rec, this.env.collector.catchClauses), call, root) : catchTarget(call, root)) !== undefined);
        const r = this.inline(use.fn, state, ctx, undefined, needThrow);
        if (needThrow) throwPoint.add(call, r.throwExit);
        return r.exit;
      }
      case 'arg': {
        const inv = classifyInvocation(call, use.index, this.env.table, (arg) => this.sameValue(arg, use.target));
        return this.invoke(call, inv, use, state, ctx);
      }
    }
  }

  /** Applies what `inv` does with the argument `use` of `call`. */
  private invoke(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    inv: Invocation,
    use: Extract<Use, { kind: 'arg' }>,
    state: State,
    ctx: Ctx,
  ): State {
    const target = use.target;
    if (target.type === 'ref') {
      const extra = inv.kind === 'once' ? schedulerArgs(call) : undefined;
      const args = use.bound ?? extra;
      switch (inv.kind) {
        case 'once': {
          const side = this.sideOf(target.side, args, state, ctx);
          return this.doFire(this.site(use.value, side, 'fire', target.name, ctx, undefined), state, ctx);
        }
        case 'delegate': {
          // Only an error-first callback is handed to node-style APIs to be called; a resolver or
          // one side of a pair passed on is forwarded to code we do not follow.
          if (target.side !== undefined) return lose(state);
          const side = use.bound ? this.sideOf(undefined, use.bound, state, ctx) : 'unknown';
          return this.doFire(this.site(use.value, side, 'handoff', target.name, ctx, inv.callee), state, ctx);
        }
        case 'maybe': {
          const side = inv.event === 'error' ? 'error' : this.sideOf(target.side, use.bound, state, ctx);
          const inner: Ctx = { ...ctx, wiredBy: inv.event !== undefined || inv.cancellable === true ? use.value : ctx.wiredBy };
          return join(arm(state), this.doFire(this.site(use.value, side, 'fire', target.name, inner, undefined), state, inner));
        }
        case 'many': {
          const side = this.sideOf(target.side, use.bound, state, ctx);
          const site = this.site(use.value, side, 'fire', target.name, ctx, undefined);
          this.record(site, state, { ...ctx, repeat: inv.reason });
          const registered = (this.registered ??= new Set());
          if (!registered.has(use.value) && summarize(state).live) {
            registered.add(use.value);
            this.registrations.push({ node: use.value, name: target.name, side, callee: inv.callee, reason: inv.reason });
          }
          return fireMany(state, site);
        }
        case 'inspect':
          return state;
        case 'link':
        case 'guard':
        case 'unknown':
          return lose(state);
      }
    }
    const fn = target.fn;
    switch (inv.kind) {
      case 'once':
      case 'delegate': {
        // Later (or, for an executor, now): what it fired counts from here on.
        const observed = inv.kind === 'delegate' ? this.observe(fn, state, ctx) : ctx;
        const r = this.inline(fn, state, observed, undefined, false);
        // A callback that throws ends its path in the event loop: nothing is left to fire there.
        return join(r.exit, lose(r.throwExit));
      }
      case 'maybe': {
        const wiring = inv.event !== undefined || inv.cancellable === true;
        const inner: Ctx = { ...ctx, wiredBy: wiring ? use.value : ctx.wiredBy };
        const r = this.inline(fn, wiring ? retire(state, use.value) : state, inner, undefined, false);
        return join(arm(state), join(r.exit, lose(r.throwExit)));
      }
      case 'many':
        return this.inlineMany(fn, arm(state), ctx, inv.reason);
      case 'inspect':
        return state;
      case 'link':
      case 'guard':
      case 'unknown':
        return lose(state);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Inner functions

  private inline(fn: FunctionNode, state: State, ctx: Ctx, repeat: RepeatReason | undefined, needThrow: boolean): RootResult {
    // The worlds of a state have distinct assumption keys (every state comes out of `join`,
    // `dedupe` or a key-preserving map), so splitting off the lost world is a filter, not a join.
    let live: State = state;
    let lost: State = BOTTOM;
    for (const w of state) {
      if (!w.lost) continue;
      live = state.filter((x) => !x.lost);
      lost = [w];
      break;
    }
    if (live.length === 0) return { exit: state, throwExit: BOTTOM };
    if (ctx.stack.includes(fn) || ctx.stack.length > MAX_INLINE_DEPTH) {
      // Recursion: the function calls itself (an async loop); follow it no further.
      return { exit: lose(state), throwExit: BOTTOM };
    }
    this.inlined.add(fn);
    const entry = this.forgetLocals(live, fn);
    const inner: Ctx = {
      unit: ctx.unit,
      stack: [...ctx.stack, fn],
      wiredBy: ctx.wiredBy,
      repeat: repeat ?? ctx.repeat,
      manyFn: repeat ? fn : ctx.manyFn,
      observer: ctx.observer,
    };
    // The same function entered in the same state and context does the same: reuse the result
    // (keyed only once a function is inlined a second time: most are inlined once).
    const once = (this.inlinedOnce ??= new Set());
    const again = once.has(fn);
    once.add(fn);
    // Memoised per function (no two functions of a file start at the same offset, so this is the
    // same as keying by its start), then by context and entry state: the context by the positions
    // of its nodes and the kind of repeat, the state by its worlds' signatures (see `sameSignature`).
    let memo: InlineMemo[] | undefined;
    let wired = -1;
    let many = -1;
    let observed = -1;
    let r: RootResult | undefined;
    if (again) {
      const memos = (this.inlineMemo ??= new Map());
      memo = memos.get(fn);
      if (!memo) memos.set(fn, (memo = []));
      wired = inner.wiredBy?.range[0] ?? -1;
      many = inner.manyFn?.range[0] ?? -1;
      observed = inner.observer?.fn.range[0] ?? -1;
      const repeatKind = inner.repeat?.kind;
      for (let i = 0; i < memo.length; i++) {
        const m = memo[i]!;
        if (m.needThrow === needThrow && m.wired === wired && m.repeat === repeatKind && m.many === many && m.observed === observed && sameSignature(m.entry, entry)) {
          r = m.result;
          break;
        }
      }
    }
    if (!r) {
      const full = this.analyseRoot(fn, entry, inner, false, needThrow);
      r = { exit: this.forgetLocals(full.exit, fn), throwExit: this.forgetLocals(full.throwExit, fn) };
      if (memo) memo.push({ needThrow, wired, repeat: inner.repeat?.kind, many, observed, entry, result: r });
    }
    return { exit: join(r.exit, lost), throwExit: r.throwExit };
  }

  /** Forgets the assumptions on `fn`'s own locals (keys whose scope node lies inside `fn`). */
  private forgetLocals(state: State, fn: FunctionNode): State {
    // Without any assumption there is nothing to forget: no predicate is made (what
    // `forgetAssumptions` would return is the state itself).
    if (!hasAssumptions(state)) return state;
    const keys = this.env.keys;
    const [from, to] = fn.range;
    return forgetAssumptions(state, (key) => {
      const scopeNode = keys.scopeOf(key);
      return !scopeNode || scopeNode.range[0] < from || scopeNode.range[1] > to;
    });
  }

  private inlineMany(fn: FunctionNode, state: State, ctx: Ctx, reason: RepeatReason): State {
    let current = state;
    for (let round = 0; round < MAX_FIXPOINT_ROUNDS; round++) {
      const r = this.inline(fn, current, ctx, reason, false);
      const next = join(current, join(r.exit, r.throwExit));
      if (next === current) break;
      current = next;
    }
    return current;
  }

  // ---------------------------------------------------------------------------------------------
  // Chains

  private hasLinkUses: boolean | undefined;

  /** Does some link call use the completion (then chains may be simulated)? Asked once per completion. */
  private linkUses(): boolean {
    if (this.hasLinkUses === undefined) {
      this.hasLinkUses = false;
      for (const item of this.index.uses.keys()) {
        if (item.type === 'CallExpression' && this.isLink(item)) {
          this.hasLinkUses = true;
          break;
        }
      }
    }
    return this.hasLinkUses;
  }

  private isLink(call: TSESTree.CallExpression): boolean {
    const callee = unwrapExpression(call.callee);
    if (callee.type !== 'MemberExpression') return false;
    const name = propertyName(callee);
    return name !== undefined && this.env.table.linksNamed(name).length > 0;
  }

  /** The link call this call is the receiver of (`p.then(f)` in `p.then(f).catch(g)`). */
  private outerLink(call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
    let child: Node = call;
    let parent = call.parent;
    while (parent && (parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression')) {
      child = parent;
      parent = parent.parent;
    }
    if (parent?.type !== 'MemberExpression' || parent.object !== child) return undefined;
    const outer = parent.parent;
    if (outer?.type === 'CallExpression' && outer.callee === parent && this.isLink(outer)) return outer;
    return undefined;
  }

  /** The link calls of the chain ending at `outermost`, innermost first. */
  private chainLinks(outermost: TSESTree.CallExpression): TSESTree.CallExpression[] {
    const links: TSESTree.CallExpression[] = [];
    let current: Node = outermost;
    while (current.type === 'CallExpression' && this.isLink(current)) {
      links.unshift(current);
      const callee = unwrapExpression(current.callee) as TSESTree.MemberExpression;
      current = unwrapExpression(callee.object);
    }
    return links;
  }

  private chainUses(outermost: TSESTree.CallExpression): boolean {
    return this.chainLinks(outermost).some((link) => this.index.uses.has(link));
  }

  private simulateChain(outermost: TSESTree.CallExpression, state: State, ctx: Ctx): State {
    const links = this.chainLinks(outermost);
    const first = links[0]!;
    const receiver = unwrapExpression((unwrapExpression(first.callee) as TSESTree.MemberExpression).object);
    // Links attached to the same promise in separate statements see one outcome: a key for
    // "the receiver settled successfully" keeps `p.then(f); p.catch(g)` exclusive.
    const settled = this.env.keys.settleKey(receiver, ctx.unit);
    let ok = settled === undefined ? state : assume(state, settled, true);
    let err = settled === undefined ? state : assume(state, settled, false);
    let mutates = false;
    for (const link of links) {
      const name = propertyName(unwrapExpression(link.callee) as TSESTree.MemberExpression)!;
      const matches = this.env.table.linksNamed(name);
      const side = linkSide(matches.map((m) => m.side), link.arguments.length);
      const bothReplaces = matches.some((m) => m.side === 'both' && m.style.bothLink === 'replaces');
      // jQuery's done/fail/always attach to the same deferred: a throwing handler rejects nothing.
      const transforms = matches.some((m) => m.style.successLinkTransforms);
      mutates ||= matches.some((m) => m.style.kind === 'object' && m.style.successLinkTransforms);
      const run = (argIndex: number, input: State): RootResult => {
        const r = this.runHandler(link, argIndex, input, ctx);
        return transforms ? r : { exit: r.exit, throwExit: BOTTOM };
      };
      switch (side) {
        case 'success': {
          const r = run(0, ok);
          ok = r.exit;
          err = join(err, r.throwExit);
          break;
        }
        case 'error': {
          const r = run(0, err);
          ok = transforms ? join(ok, r.exit) : ok;
          err = transforms ? r.throwExit : r.exit;
          break;
        }
        case 'pair': {
          const a = run(0, ok);
          const b = run(1, err);
          ok = join(a.exit, b.exit);
          err = join(a.throwExit, b.throwExit);
          break;
        }
        case 'both': {
          const a = run(0, ok);
          const b = run(0, err);
          if (bothReplaces) {
            ok = join(a.exit, b.exit);
            err = join(a.throwExit, b.throwExit);
          } else {
            ok = a.exit;
            err = join(b.exit, join(a.throwExit, b.throwExit));
          }
          break;
        }
      }
    }
    // A twisted Deferred *is* its chain: later `d.addErrback(g)` continues from here.
    if (settled !== undefined && mutates) {
      ok = assign(ok, settled, true);
      err = assign(err, settled, false);
    }
    // The duty is wired to the chain: whichever way it settles was decided by the links.
    return arm(join(ok, err));
  }

  /** Runs the handler at `argIndex` of a link call, at most once, from `input`. */
  private runHandler(link: TSESTree.CallExpression, argIndex: number, input: State, ctx: Ctx): RootResult {
    if (input.length === 0) return { exit: BOTTOM, throwExit: BOTTOM };
    const arg = link.arguments[argIndex];
    if (!arg || isNullish(arg)) return { exit: input, throwExit: BOTTOM };
    const use = this.index.uses.get(link)?.find((u): u is Extract<Use, { kind: 'arg' }> => u.kind === 'arg' && u.index === argIndex);
    if (!use) return { exit: input, throwExit: input };
    const target = use.target;
    if (target.type === 'ref') {
      const linkName = propertyName(unwrapExpression(link.callee) as TSESTree.MemberExpression) ?? '';
      const errorLink = this.env.table.linksNamed(linkName).some((m) => m.side === 'error') && link.arguments.length === 1;
      const side = use.bound
        ? this.sideOf(target.side, use.bound, input, ctx)
        : target.side ?? (errorLink || argIndex === 1 ? 'error' : 'unknown');
      const wiredCtx: Ctx = { ...ctx, wiredBy: use.value };
      const out = this.doFire(this.site(use.value, side, 'fire', target.name, wiredCtx, undefined), input, wiredCtx);
      return { exit: out, throwExit: this.c.throws ? out : BOTTOM };
    }
    // Registered again (a loop, a handler running many times): what the last run fired is not this run's.
    return this.inline(target.fn, retire(input, use.value), { ...ctx, wiredBy: use.value }, undefined, true);
  }

  // ---------------------------------------------------------------------------------------------
  // Fires

  private site(node: Node, side: FireSide | 'unknown', kind: 'fire' | 'handoff', name: string, ctx: Ctx, callee: string | undefined): FireSite {
    // The same properties, in the same order, as spreading `{ wired, wiredBy? }` between `kind` and `name`.
    const wiredBy = ctx.wiredBy;
    if (wiredBy === undefined) return callee === undefined ? { node, side, kind, wired: false, name } : { node, side, kind, wired: false, name, callee };
    return callee === undefined ? { node, side, kind, wired: true, wiredBy, name } : { node, side, kind, wired: true, wiredBy, name, callee };
  }

  private doFire(site: FireSite, state: State, ctx: Ctx): State {
    this.record(site, state, ctx);
    const observer = ctx.observer;
    if (observer && site.side === 'success' && !this.observations?.has(site.node)) {
      // The success side fires on a path where the error parameter holds an error, before
      // anything else fired (else it is a double fire, another rule's business).
        const onErrorPath = state.some(
        (w) => !w.lost && w.max === 0 && !this.absentIn(w, ctx.unit) && (observer.unused || (observer.key !== undefined && w.assume.get(observer.key) === true)),
      );
      if (onErrorPath) (this.observations ??= new Map()).set(site.node, { kind: 'successOnErrorPath', node: site.node, fn: observer.fn, param: observer.param });
    }
    return fire(state, site);
  }

  /** The context for following `fn` when it is an error-first callback entered unfired. */
  private observe(fn: FunctionNode, state: State, ctx: Ctx): Ctx {
    const first = fn.params[0];
    const param = first?.type === 'Identifier' && isErrorName(first.name) ? first : undefined;
    // No error parameter: it runs on the paths of the callback around it, which still observes.
    if (!param) return ctx;
    const entry = summarize(state);
    if (!entry.live || entry.max > 0) return ctx.observer ? { ...ctx, observer: undefined } : ctx;
    const variable = this.env.resolve(param);
    // An error passed on (`this.emit('error', err)`, `errors.push(err)`, `return handle(err)`) is
    // handled; one tested with a deliberate answer (`err ? fallback : out`, a branch that does
    // more than log) is handled on purpose. Only careless handling is observed.
    if (variable && !variable.references.every((r) => carelessUse(r.identifier as Node))) return ctx.observer ? { ...ctx, observer: undefined } : ctx;
    const observer: Observer = {
      fn,
      param,
      key: this.keyOf(param, ctx.unit),
      unused: variable !== undefined && variable.references.length === 0,
    };
    return { ...ctx, observer };
  }

  /**
   * At the exits of an observed callback: error paths that fired nothing, if others do fire.
   * Returns how to mark those paths in the exit state (armed: reported here already), if any.
   */
  private observeExits(
    rec: PathRecord,
    outState: readonly (State | undefined)[],
    observer: Observer,
    root: Node,
    unit: PathRoot,
  ): ((s: State) => State) | undefined {
    const errorWorld = (w: State[number]): boolean =>
      !w.lost && !this.absentIn(w, unit) && (observer.unused || (observer.key !== undefined && w.assume.get(observer.key) === true));
    let firesSomewhere = false;
    const silent: Node[] = [];
    for (const j of rootInfo(rec, this.env.collector.catchClauses).returned) {
      const s = (j < 0 ? undefined : outState[j]) ?? BOTTOM;
      if (s.some((w) => !w.lost && w.max > 0)) firesSomewhere = true;
      if (s.some((w) => errorWorld(w) && w.max === 0 && w.done === 0)) {
        const items = j < 0 ? [] : rec.items[j]!;
        const last = items[items.length - 1];
        silent.push(last?.type === 'ReturnStatement' ? last : root);
      }
    }
    if (!firesSomewhere || silent.length === 0) return undefined;
    for (const node of silent) {
      const observations = (this.observations ??= new Map());
      if (!observations.has(node)) observations.set(node, { kind: 'ignoredError', node, fn: observer.fn, param: observer.param });
    }
    return (s) => (s.some((w) => errorWorld(w) && w.max === 0 && w.done === 0) ? s.map((w) => (errorWorld(w) && w.max === 0 ? { ...w, done: 1 } : w)) : s);
  }

  /** Is there a live world with a path that has not fired, and that does not know the completion is absent? */
  private hasUnfiredWorld(state: State, unit: PathRoot): boolean {
    for (let i = 0; i < state.length; i++) {
      const w = state[i]!;
      if (!w.lost && w.done === 0 && !this.absentIn(w, unit)) return true;
    }
    return false;
  }

  /** See `ExitFact.unfired`. */
  private unfiredPaths(
    rec: PathRecord,
    exit: Segment,
    state: State,
    inState: readonly (State | undefined)[],
    outState: readonly (State | undefined)[],
    exitNode: Node,
    unit: PathRoot,
  ): readonly Node[] {
    if (!this.hasUnfiredWorld(state, unit)) return NO_NODES;
    if (state.every((w) => w.lost || (w.max === 0 && w.done === 0))) return [exitNode];
    // Mixed: look one step back for the branches that arrive unfired.
    const out: Node[] = [];
    void inState;
    for (const prev of exit.prevSegments) {
      const p = positionOf(rec, prev, 0);
      const prevOut = p === undefined ? undefined : outState[p];
      if (!prevOut || !this.hasUnfiredWorld(prevOut, unit)) continue;
      const start = rec.starts[p!];
      // The false edge of `if (x) fire()` (no else) leaves from the test segment: point at the `if`.
      const skipped = prev.nextSegments.map((n) => startNodeOf(rec, n)).find((n) => n && n !== exitNode && n.parent?.type === 'IfStatement' && n.parent.consequent === n);
      const where = skipped?.parent ?? (start && start !== rec.root && start.type !== 'Program' ? start : exitNode);
      if (!out.includes(where)) out.push(where);
    }
    return out.length > 0 ? out : [exitNode];
  }

  /** Does every live world assume one of the completion's bindings is absent (falsy)? */
  private absent(state: State, unit: PathRoot): boolean {
    let live = false;
    for (let i = 0; i < state.length; i++) {
      const w = state[i]!;
      if (w.lost) continue;
      live = true;
      if (!this.absentIn(w, unit)) return false;
    }
    return live;
  }

  /** Does the live world `w` assume one of the completion's bindings is absent (`absent([w])`, without the array)? */
  private absentIn(w: State[number], unit: PathRoot): boolean {
    // A world without assumptions assumes no binding absent: the binding keys are not needed.
    if (w.assume.size === 0) return false;
    const keys = this.bindingKeysOf(unit);
    for (let k = 0; k < keys.length; k++) if (w.assume.get(keys[k]!) === false) return true;
    return false;
  }

  /** The guard keys of the completion's bindings in `unit` (cached per unit). */
  private bindingKeysOf(unit: PathRoot): readonly number[] {
    if (unit === this.firstUnit) return this.firstUnitKeys!;
    let keys = this.bindingKeys?.get(unit);
    if (!keys) {
      const found: number[] = [];
      const bindings = this.c.bindings;
      for (let i = 0; i < bindings.length; i++) {
        const key = this.env.keys.keyOfVariable(bindings[i]!.variable, unit);
        if (key !== undefined) found.push(key);
      }
      keys = found;
      if (this.firstUnit === undefined) {
        this.firstUnit = unit;
        this.firstUnitKeys = keys;
      } else {
        (this.bindingKeys ??= new Map()).set(unit, keys);
      }
    }
    return keys;
  }

  private record(site: FireSite, state: State, ctx: Ctx): void {
    const summary = summarize(state);
    // Under a registration, only what ran before in the same handler run counts; the fire itself
    // reached again is the handler registered anew (`for (const p of ps) p.then(resolve)`).
    // No earlier site (the first fire of most paths): nothing to filter.
    const direct =
      summary.sites.length === 0
        ? NO_SITES
        : ctx.wiredBy === undefined
          ? summary.sites.filter((s) => !s.wired)
          : summary.sites.filter((s) => s.wiredBy === ctx.wiredBy && s.node !== site.node);
    const prev = this.fires.get(site.node);
    if (prev) {
      prev.pre = joinSummary(prev.pre, summary);
      prev.wired = prev.wired && ctx.wiredBy !== undefined;
      prev.repeat ??= ctx.repeat;
      prev.manyFn ??= ctx.manyFn;
      for (const s of direct) if (!prev.directSites.includes(s)) prev.directSites = [...prev.directSites, s];
      return;
    }
    this.fires.set(site.node, {
      node: site.node,
      name: site.name,
      side: site.side,
      kind: site.kind,
      pre: summary,
      wired: ctx.wiredBy !== undefined,
      directSites: direct,
      manyFn: ctx.manyFn,
      repeat: ctx.repeat,
      root: rootOf(site.node, ctx),
      callee: site.callee,
    });
  }

  /** The side a call fires: fixed by the binding, or read from a node callback's first argument. */
  private sideOf(fixed: FireSide | undefined, args: readonly Node[] | undefined, state: State, ctx: Ctx): FireSide | 'unknown' {
    if (fixed) return fixed;
    if (!args) return 'unknown';
    const first = args[0];
    if (!first) return 'success';
    if (first.type === 'SpreadElement') return 'unknown';
    const value = unwrapExpression(first);
    if (isNullish(value) || (value.type === 'Literal' && !value.value && !('regex' in value && value.regex))) return 'success';
    if (isErrorConstruction(value)) return 'error';
    if (value.type === 'Literal' || value.type === 'TemplateLiteral') return 'error';
    // `assumed` knows nothing without a live world: the guard key is not needed then.
    const key = hasLive(state) ? this.keyOf(value, ctx.unit) : undefined;
    if (key !== undefined) {
      const known = assumed(state, key);
      if (known !== undefined) return known ? 'error' : 'success';
    }
    if (value.type === 'Identifier') {
      const def = this.env.resolve(value)?.defs[0];
      if (def?.type === 'CatchClause') return 'error';
      if (def?.type === 'Parameter' && this.isErrorHandler(def.node as Node, def.name as Node)) return 'error';
    }
    return 'unknown';
  }

  /** Is `param` the first parameter of a handler on the error side of a link (`.catch(e => …)`)? */
  private isErrorHandler(fn: Node, param: Node): boolean {
    if (!isFunctionValue(fn) || fn.params[0] !== param) return false;
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || !this.isLink(call)) return false;
    const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
    const name = propertyName(unwrapExpression(call.callee) as TSESTree.MemberExpression) ?? '';
    const side = linkSide(this.env.table.linksNamed(name).map((m) => m.side), call.arguments.length);
    return (side === 'error' && index === 0) || (side === 'pair' && index === 1);
  }

  private sameValue(arg: Node, target: UseTarget): boolean {
    if (target.type === 'fn') return unwrapExpression(arg) === target.fn;
    return namesCompletion(arg, this.c, this.env.resolve);
  }

  // ---------------------------------------------------------------------------------------------
  // Guard keys

  private keyOf(node: Node, unit: PathRoot): number | undefined {
    return this.env.keys.keyOf(node, unit);
  }
}

/**
 * `enclosingRoot(node)` for a fire site, without walking up the tree: the root being analysed.
 * Fires are items of its path (or arguments of them), and an item's enclosing root is the root of
 * the path that records it — but for a class field value that is itself the site (`x = cb()`): a
 * node is not its own enclosing root.
 */
function rootOf(node: Node, ctx: Ctx): PathRoot {
  const top = ctx.stack[ctx.stack.length - 1] as PathRoot;
  return top === node ? enclosingRoot(node) : top;
}

/** Where the calls of one function body may throw to. */
interface ThrowSink {
  /** The function has `try … catch` blocks. */
  readonly catches: boolean;
  /** The caller wants the states at which the function may throw out. */
  readonly wanted: boolean;
  add(node: Node, state: State): void;
}

/**
 * The worklist of one analysis of a path root, and where its calls may throw: into the enclosing
 * catch of the function, or out of it (when wanted). One object rather than closures per root.
 */
class RootFlow implements ThrowSink {
  readonly inState: (State | undefined)[];
  /** 1 for the segments whose entry state changed since they were last visited. */
  readonly pending: number[];
  /** The lowest segment that may be pending (segments are visited in order from here). */
  cursor = 0;
  /** What throws out of the function (collected only when wanted). */
  uncaught: State = BOTTOM;
  readonly catches: boolean;

  constructor(
    private readonly info: RootInfo,
    private readonly root: Node,
    readonly wanted: boolean,
    n: number,
  ) {
    this.inState = new Array<State | undefined>(n);
    this.pending = new Array<number>(n).fill(0);
    this.catches = info.catches.size > 0;
  }

  flowInto(index: number, state: State): void {
    const prev = this.inState[index] ?? BOTTOM;
    const merged = join(prev, state);
    if (merged !== prev) {
      this.inState[index] = merged;
      this.pending[index] = 1;
      if (index < this.cursor) this.cursor = index;
    }
  }

  add(node: Node, state: State): void {
    if (state.length === 0) return;
    const handler = this.catches ? catchOf(this.info, node, this.root) : undefined;
    if (!handler) {
      if (this.wanted) this.uncaught = join(this.uncaught, state);
      return;
    }
    const entries = this.info.catches.get(handler);
    if (entries) for (const index of entries) this.flowInto(index, state);
  }
}

/**
 * Per code path facts shared by every analysis of it (whatever the completion, unit or context):
 * where `catch` clauses start, the successor edges worth following from each segment (as indices),
 * which segments branch on a simple test, the exits, and the catch clause each throwing node lands in.
 */
interface RootInfo {
  /** The segments each `catch` clause starts (empty for the many paths without one). */
  readonly catches: ReadonlyMap<Node, readonly number[]>;
  /** Per segment: the indices of the successors to flow into (ESLint's try→catch edges left out). */
  readonly edges: readonly (readonly number[])[];
  /** Per segment: the successor segments of `edges`, in the same order (edge conditions are keyed by them). */
  readonly edgeTargets: readonly (readonly Segment[])[];
  /**
   * Per segment: the tests on its out-edges, when some successor starts a branch of a simple test
   * (see `edgeTests`); {@link TESTS_PENDING} until first asked for (`testsOf`), undefined for
   * segments with fewer than two successors.
   */
  readonly tests: (readonly EdgeTest[] | undefined | typeof TESTS_PENDING)[];
  /** The recorded segments the path returns from / throws from, as indices. */
  readonly returned: readonly number[];
  readonly thrown: readonly number[];
  /** Where a throw at a node lands within this path (`null`: no enclosing `catch`); made on first use. */
  catchOf: Map<Node, TSESTree.CatchClause | null> | undefined;
}

/** Shared by every path without `catch` clauses, and by segments without successors / paths without exits. */
const NO_CATCHES: ReadonlyMap<Node, readonly number[]> = new Map();
const NO_INDICES: readonly number[] = Object.freeze([]);
const NO_SEGMENTS: readonly Segment[] = Object.freeze([]);

function rootInfo(rec: PathRecord, clauses: readonly TSESTree.CatchClause[]): RootInfo {
  const cached = rec.derived as RootInfo | undefined;
  if (cached) return cached;
  const starts = rec.starts;
  let catches: Map<Node, number[]> | undefined;
  // A segment of the path starts at a `catch` clause only if one lies inside its root: without one
  // (most paths), the start nodes are not read.
  for (let i = someWithin(clauses, rec.root) ? 0 : starts.length; i < starts.length; i++) {
    const start = starts[i]!;
    if (start.type !== 'CatchClause') continue;
    catches ??= new Map();
    const list = catches.get(start);
    if (list) list.push(i);
    else catches.set(start, [i]);
  }
  const segments = rec.segments;
  const n = segments.length;
  const edges: (readonly number[])[] = new Array<readonly number[]>(n);
  const edgeTargets: (readonly Segment[])[] = new Array<readonly Segment[]>(n);
  const tests: (readonly EdgeTest[] | undefined | typeof TESTS_PENDING)[] = new Array<readonly EdgeTest[] | undefined | typeof TESTS_PENDING>(n);
  for (let i = 0; i < n; i++) {
    const seg = segments[i]!;
    const nexts = seg.nextSegments;
    let to: number[] | undefined;
    let targets: Segment[] | undefined;
    for (let k = 0; k < nexts.length; k++) {
      const next = nexts[k]!;
      const j = positionOf(rec, next, i + 1);
      if (j === undefined) continue;
      // ESLint's try→catch edges stand for "something threw"; the engine feeds catches itself.
      if (catches !== undefined && starts[j]?.type === 'CatchClause' && nexts.length !== 1) continue;
      (to ??= []).push(j);
      (targets ??= []).push(next);
    }
    edges[i] = to ?? NO_INDICES;
    edgeTargets[i] = targets ?? NO_SEGMENTS;
    tests[i] = nexts.length > 1 ? TESTS_PENDING : undefined;
  }
  const info: RootInfo = {
    catches: catches ?? NO_CATCHES,
    edges,
    edgeTargets,
    tests,
    returned: indicesOf(rec, rec.codePath.returnedSegments),
    thrown: indicesOf(rec, rec.codePath.thrownSegments),
    catchOf: undefined,
  };
  rec.derived = info;
  return info;
}

/** {@link RootInfo.tests} of a segment not worked out yet. */
const TESTS_PENDING = Symbol('tests-pending');

/**
 * The tests on the out-edges of segment `i` (`edgeTests(rec, segments[i])`), worked out on first
 * use: segments only ever reached by lost worlds do not need them. The same list as `edgeTests`:
 * the successors left out of `edges` are not recorded (no start node) or start a `catch` clause
 * (no branch), which `edgeTests` skips too; and the start nodes are the recorded ones at hand.
 */
function testsOf(info: RootInfo, rec: PathRecord, i: number): readonly EdgeTest[] | undefined {
  const known = info.tests[i];
  if (known !== TESTS_PENDING) return known;
  const targets = info.edgeTargets[i]!;
  const to = info.edges[i]!;
  let out: EdgeTest[] | undefined;
  for (let e = 0; e < to.length; e++) {
    const test = edgeTestAt(targets[e]!, rec.starts[to[e]!]!);
    if (test) (out ??= []).push(test);
  }
  info.tests[i] = out;
  return out;
}

/** The positions of `list`'s segments in `rec` (-1 for a segment not recorded). */
function indicesOf(rec: PathRecord, list: readonly Segment[]): readonly number[] {
  if (list.length === 0) return NO_INDICES;
  const last = rec.segments.length - 1;
  const out: number[] = [];
  for (let k = 0; k < list.length; k++) {
    const j = positionOf(rec, list[k]!, last);
    out.push(j === undefined ? -1 : j);
  }
  return out;
}

/**
 * The position of a segment in its record, trying the likely one first: segments are recorded in
 * start order, so a successor is most often the next one and an exit the last (no map is built for
 * the straight-line paths of most callbacks).
 */
function positionOf(rec: PathRecord, seg: Segment, likely: number): number | undefined {
  const segments = rec.segments;
  if (segments[likely] === seg) return likely;
  // A short path is searched (a segment is recorded once): cheaper than building the record's map
  // of every segment for the one or two lookups it gets.
  if (segments.length <= SCAN_LIMIT) {
    const at = segments.indexOf(seg);
    return at < 0 ? undefined : at;
  }
  return rec.indexOf(seg);
}

/** The start node of a segment of `rec` (`rec.startNodeOf`, found by `positionOf`). */
function startNodeOf(rec: PathRecord, seg: Segment): Node | undefined {
  const i = positionOf(rec, seg, 0);
  return i === undefined ? undefined : rec.starts[i];
}

/** Paths with at most this many segments are searched rather than indexed (see `positionOf`). */
const SCAN_LIMIT = 64;

/** The `catch` clause a throw at `node` lands in, within the path `root` (cached per path). */
function catchOf(info: RootInfo, node: Node, root: Node): TSESTree.CatchClause | undefined {
  const cache = (info.catchOf ??= new Map());
  let clause = cache.get(node);
  if (clause === undefined) {
    clause = catchTarget(node, root) ?? null;
    cache.set(node, clause);
  }
  return clause ?? undefined;
}

/**
 * Could the engine follow `fn` as an observed error-first callback (see `observe`)? Its first
 * parameter is error-named and nothing but careless uses read it. Without such a function among a
 * completion's uses, the engine makes no error observation for it.
 */
export function mayObserveErrors(fn: FunctionNode, resolve: (id: TSESTree.Identifier) => Variable | undefined): boolean {
  const first = fn.params[0];
  if (first?.type !== 'Identifier' || !isErrorName(first.name)) return false;
  const variable = resolve(first);
  return !variable || variable.references.every((r) => carelessUse(r.identifier as Node));
}

/**
 * A use of an error parameter that does not handle it: a logging argument, or the test of an `if`
 * whose error branch only logs, returns nothing, or is empty (`if (err) console.log(err)`,
 * `if (err) return;`, `if (!err) resolve(data)`).
 */
function carelessUse(id: Node): boolean {
  let node = id;
  let negated = false;
  while (node.parent?.type === 'UnaryExpression' && node.parent.operator === '!') {
    negated = !negated;
    node = node.parent;
  }
  const parent = node.parent;
  if (parent?.type === 'IfStatement' && parent.test === node) {
    const errorBranch = negated ? parent.alternate : parent.consequent;
    return !errorBranch || onlyLogsOrReturns(errorBranch);
  }
  if (parent?.type === 'CallExpression' && parent.callee !== node) return !handsOn(id);
  return false;
}

function onlyLogsOrReturns(stmt: Node): boolean {
  if (stmt.type === 'BlockStatement') return stmt.body.every(onlyLogsOrReturns);
  if (stmt.type === 'EmptyStatement') return true;
  if (stmt.type === 'ReturnStatement') return !stmt.argument || stmt.argument.type === 'Literal';
  if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'CallExpression') {
    const name = calleeLastName(stmt.expression.callee) ?? '';
    return (calleeDottedName(stmt.expression.callee) ?? '').startsWith('console.') || /^(?:log|warn|info|debug|trace|error)$/.test(name);
  }
  return false;
}

/** Does the call pass an error-named identifier to something other than a logger? */
function passesError(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  for (const arg of call.arguments) {
    if (arg.type === 'Identifier' && isErrorName(arg.name)) return handsOn(arg);
  }
  return false;
}

/** Is the error value passed on: an argument of a call that does not just log it, thrown, stored, returned? */
function handsOn(id: Node): boolean {
  let node = id;
  while (node.parent && (node.parent.type === 'ChainExpression' || node.parent.type === 'TSNonNullExpression')) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'CallExpression' || parent.type === 'NewExpression') {
    if (parent.callee === node) return false;
    const name = calleeLastName(parent.callee) ?? '';
    const dotted = calleeDottedName(parent.callee) ?? '';
    return !(dotted.startsWith('console.') || /^(?:log|warn|info|debug|trace)$/.test(name));
  }
  if (parent.type === 'ThrowStatement' || parent.type === 'ReturnStatement') return true;
  if (parent.type === 'AssignmentExpression') return parent.right === node;
  if (parent.type === 'VariableDeclarator') return parent.init === node;
  if (parent.type === 'Property' || parent.type === 'ArrayExpression') return true;
  return false;
}

/** Does a live world of the state assume anything? */
function hasAssumptions(state: State): boolean {
  for (let i = 0; i < state.length; i++) {
    const w = state[i]!;
    if (!w.lost && w.assume.size > 0) return true;
  }
  return false;
}

/** Does the state have a live (not lost) world? */
function hasLive(state: State): boolean {
  for (let i = 0; i < state.length; i++) if (!state[i]!.lost) return true;
  return false;
}

/** Would `arm` change the state: a live world some path of which neither fired nor armed? */
function armable(state: State): boolean {
  for (let i = 0; i < state.length; i++) {
    const w = state[i]!;
    if (!w.lost && w.done !== 1) return true;
  }
  return false;
}

const NO_NODES: readonly Node[] = Object.freeze([]);
const NO_SITES: readonly FireSite[] = Object.freeze([]);

/**
 * Do two states have the same signature — `signature(a) === signature(b)` — without building the
 * strings? The signature is the sorted list of the worlds' signatures (`worldSignature`), so the
 * states must have the same worlds' signatures as a multiset; each world's is equal exactly when
 * `sameWorldSignature` says so.
 */
export function sameSignature(a: State, b: State): boolean {
  if (a === b) return true;
  const n = a.length;
  if (n !== b.length) return false;
  if (n === 1) return sameWorldSignature(a[0]!, b[0]!);
  if (n > 30) return signature(a) === signature(b);
  // Each world of `a` matched with a distinct world of `b` (bit k: b[k] taken; a handful of worlds).
  let taken = 0;
  for (let i = 0; i < n; i++) {
    let found = false;
    for (let k = 0; k < n; k++) {
      if ((taken & (1 << k)) === 0 && sameWorldSignature(a[i]!, b[k]!)) {
        taken |= 1 << k;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/**
 * `worldSignature(x) === worldSignature(y)`, field by field: the parts are separated so that equal
 * strings mean equal fields (counts are single digits; each site starts with `;`, and its position
 * digits are followed by letters).
 */
function sameWorldSignature(x: State[number], y: State[number]): boolean {
  if (x === y) return true;
  if (x.lost !== y.lost) return false;
  if (!x.lost && (x.min !== y.min || x.max !== y.max || !x.approx !== !y.approx || assumptionKey(x) !== assumptionKey(y))) return false;
  const xs = x.sites;
  const ys = y.sites;
  if (xs.length !== ys.length) return false;
  for (let i = 0; i < xs.length; i++) {
    const s = xs[i]!;
    const t = ys[i]!;
    if (s === t) continue;
    if (s.node.range[0] !== t.node.range[0] || s.kind[0] !== t.kind[0] || s.side[0] !== t.side[0]) return false;
    if (s.wiredBy ? !t.wiredBy || s.wiredBy.range[0] !== t.wiredBy.range[0] : !!t.wiredBy) return false;
  }
  return true;
}

/** A string that is equal for equal states (what inlining is memoised on: see `sameSignature`). */
export function signature(state: State): string {
  // One world: its part is the signature (nothing to sort or join).
  if (state.length === 1) return worldSignature(state[0]!);
  const parts: string[] = [];
  for (const w of state) parts.push(worldSignature(w));
  return parts.sort().join('/');
}

/** The part of one world in a state's signature. */
function worldSignature(w: State[number]): string {
  // The assumption part is the world's cached key (one string per assumption map, not rebuilt here).
  let s = w.lost ? 'L' : `${assumptionKey(w)}:${w.min}${w.max}${w.approx ? '~' : ''}`;
  for (const site of w.sites) s += `;${site.node.range[0]}${site.kind[0]}${site.side[0]}${site.wiredBy ? `w${site.wiredBy.range[0]}` : ''}`;
  return s;
}

/** Does another use than `uses[i]` (an argument use) stand for the same argument? A plain loop: asked for every use. */
function hasOtherArgUse(uses: readonly Use[], i: number): boolean {
  const use = uses[i] as Extract<Use, { kind: 'arg' }>;
  for (let j = 0; j < uses.length; j++) {
    const u = uses[j]!;
    if (j !== i && u.kind === 'arg' && u.index === use.index) return true;
  }
  return false;
}

/** After `this.callback = next`: the member holds a fresh completion. */
function resetState(state: State): State {
  if (state.length === 0) return state;
  return UNFIRED;
}

/** The truthiness of an assigned value, when it is evident. */
function truthiness(node: Node): boolean | undefined {
  const n = unwrapExpression(node);
  switch (n.type) {
    case 'Literal':
      return Boolean(n.value);
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'NewExpression':
    case 'ClassExpression':
      return true;
    case 'UnaryExpression':
      if (n.operator === '!' && n.argument.type === 'Literal') return !n.argument.value;
      if (n.operator === 'void') return false;
      return undefined;
    case 'Identifier':
      return n.name === 'undefined' ? false : undefined;
    default:
      return undefined;
  }
}



/** Arguments a scheduler passes to its function: `setImmediate(cb, err)`, `setTimeout(cb, ms, v)`. */
function schedulerArgs(call: TSESTree.CallExpression | TSESTree.NewExpression): readonly Node[] | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  if (name === 'setTimeout' || name === 'setInterval') return call.arguments.slice(2);
  if (name === 'setImmediate' || name === 'nextTick') return call.arguments.slice(1);
  return [];
}

/** Which side a link handles, given its method's table entries and argument count. */
function linkSide(sides: readonly LinkSide[], argCount: number): LinkSide {
  if (sides.includes('pair') && (argCount >= 2 || sides.length === 1)) return 'pair';
  if (sides.includes('success')) return 'success';
  if (sides.includes('error')) return 'error';
  if (sides.includes('both')) return 'both';
  return 'pair';
}

/** The `catch` clause a throw at `node` lands in, within `root`. */
function catchTarget(node: Node, root: Node): TSESTree.CatchClause | undefined {
  let child: Node = node;
  let parent = node.parent;
  while (parent && parent !== root) {
    if (parent.type === 'TryStatement' && parent.block === child && parent.handler) return parent.handler;
    if (isFunctionValue(parent)) return undefined;
    child = parent;
    parent = parent.parent;
  }
  return undefined;
}
