/**
 * The per-file analysis every rule shares, and how rules obtain it.
 *
 * ESLint sends code path events only to rule listeners. The first of our rules created for a file
 * (per `SourceCode`) installs the collector's listeners; the others get none and reuse the same
 * recording. The analysis itself is lazy: discovery runs on the first query, and each completion's
 * path analysis on the first query about it; results are memoised, so enabling every rule costs
 * little more than one.
 *
 * Rules use {@link onFileAnalysed}: their callback runs at `Program:exit`, when the recording is
 * complete (after the feeder's own listener has completed it — listeners run in rule creation order).
 *
 * Public API of a {@link FileAnalysis}:
 * - `completions()` — every completion: kind (node / pair / executor / object / member), style,
 *   owner function, bindings with aliases, member key, guard (`once`/reassigned), `throws`,
 *   `idempotent`, `errorFirst`, `borrowed` (a deferred the function was given) (see `completions.ts`);
 * - `uses(c)` — its fire calls (call node, side, arguments), argument uses (the completion or a
 *   function using it passed to a call: hand-offs and inner functions), inline calls, losses, and
 *   the functions that capture it (see `uses.ts`);
 * - `paths(c)` — the path facts (see `engine.ts`): the state before every fire (`fires`: may/must
 *   counts, earlier sites, wired/repeated context), registrations as many-times listeners, the
 *   owner's exits with their state (fired / unfired / handed off / absent) and where unfired paths
 *   come from, and observations of error-first callbacks (ignored errors, success on the error path);
 * - `resolve(id)` — the variable an identifier refers to;
 * - `memo(key, compute)` — a per-file cache for rule-level derived results.
 *
 * - `types()` — the file's type information when it was parsed with a program (see `types.ts`):
 *   discovery adds deferred-typed variables and error-first-typed parameters, `error-values.ts`
 *   judges values by type. Undefined without a program; nothing requires it.
 *
 * Rule-level derivations built on it: `findDoubleFires` (`double-fire.ts`), `findHangingPaths`
 * (`hanging-paths.ts`, with `findLostErrorListeners` from `error-listeners.ts`), `findNonErrorFires`
 * (`error-values.ts`). How a callee treats a function argument (`invocations.ts`) stays syntactic:
 * a callback's type does not say how many times the callee calls it (`(err, row) => void` is also
 * the type of a per-row callback).
 */
import type { Rule, SourceCode } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { PathCollector } from './collector.js';
import { collectorCounters, feedCollector, mergeListeners, perFileMap } from './file-state.js';
import { discoverCompletions, type Completion, type Variable } from './completions.js';
import { analyseCompletion, type CompletionPaths, type EngineEnv } from './engine.js';
import { getStyleTable, type StyleTable } from './styles.js';
import { indexMemberSites, indexUses, type MemberSite, type UseIndex, type UseInput } from './uses.js';
import { GuardKeys } from './guard-keys.js';
import { phaseClock, timed } from './phase-clock.js';
import { getTypeInfo, type TypeInfo } from './types.js';

type Scope = TSESLint.Scope.Scope;

/** Minimal view of the rule context the analysis needs (works for ESLint and typescript-eslint types). */
export interface AnalysisContext {
  readonly sourceCode: unknown;
  readonly settings: unknown;
}

interface SourceCodeLike {
  getScope(node: unknown): Scope;
  getDeclaredVariables(node: unknown): readonly Variable[];
  readonly scopeManager: { acquire(node: unknown, inner?: boolean): Scope | null } | null;
}

export class FileAnalysis {
  private completionList: Completion[] | undefined;
  // The caches are made on first use: most files never ask for uses or paths (no completion).
  private useCache: Map<Completion, UseIndex> | undefined;
  private pathCache: Map<Completion, CompletionPaths> | undefined;
  private memoCache: Map<unknown, unknown> | undefined;
  /** How many times discovery ran (tests check it runs once per file). */
  discoveries = 0;

  constructor(
    readonly collector: PathCollector,
    readonly table: StyleTable,
    private readonly sourceCode: SourceCodeLike,
  ) {}

  /** Every completion of the file, in source order. */
  completions(): readonly Completion[] {
    if (!this.completionList) {
      this.assertComplete();
      this.discoveries++;
      this.completionList = phaseClock.on ? timed('discovery', this, this.discover) : this.discover();
    }
    return this.completionList;
  }

  private discover(): Completion[] {
    return discoverCompletions({
      collector: this.collector,
      table: this.table,
      declaredVariables: (node) => this.sourceCode.getDeclaredVariables(node),
      resolve: this.resolver(),
      types: this.types(),
    });
  }

  /** Type information for the file, when it was parsed with a program (see `types.ts`). */
  types(): TypeInfo | undefined {
    return getTypeInfo(this.sourceCode as { parserServices?: unknown }, this.table);
  }

  /** Member sites of the file's calls by property name, for member completions (built on first use). */
  private memberSites: Map<string, MemberSite[]> | undefined;

  /** `resolve` as a function, made once per file (every completion's use index and paths take it). */
  private resolveFn: ((id: TSESTree.Identifier) => Variable | undefined) | undefined;
  private resolver(): (id: TSESTree.Identifier) => Variable | undefined {
    return (this.resolveFn ??= (id) => this.resolve(id));
  }

  /** What `indexUses` reads, once per file: without member sites, and with them (member completions). */
  private useInput: UseInput | undefined;
  private memberUseInput: UseInput | undefined;

  /** Where the completion is fired, passed, captured or lost. */
  uses(c: Completion): UseIndex {
    let index = this.useCache?.get(c);
    if (!index) {
      let input = this.useInput;
      if (!input) {
        const { calls, assignments, assignedProperties } = this.collector;
        input = this.useInput = { resolve: this.resolver(), calls, assignments, assignedProperties, memberSites: undefined };
      }
      if (c.memberKey !== undefined) {
        input = this.memberUseInput ??= { ...input, memberSites: (this.memberSites ??= indexMemberSites(this.collector.calls)) };
      }
      index = phaseClock.on ? timed('uses', undefined, indexUses, c, input) : indexUses(c, input);
      (this.useCache ??= new Map()).set(c, index);
    }
    return index;
  }

  /** The path facts of a completion. */
  paths(c: Completion): CompletionPaths {
    let paths = this.pathCache?.get(c);
    if (!paths) {
      paths = phaseClock.on ? timed('engine', this, this.analysePaths, c) : this.analysePaths(c);
      (this.pathCache ??= new Map()).set(c, paths);
    }
    return paths;
  }

  private analysePaths(c: Completion): CompletionPaths {
    let input = this.engineInput;
    if (!input) {
      const keys = new GuardKeys(this.resolver(), this.collector.assignments, this.table);
      keys.markBindings(this.completions());
      input = this.engineInput = {
        collector: this.collector,
        table: this.table,
        resolve: this.resolver(),
        keys,
        initialFlags: (fn) => this.initialFlags(fn, keys),
      };
    }
    return analyseCompletion(input, c, this.uses(c));
  }

  /** What the path engine reads, once per file (with the file's guard keys). */
  private engineInput: EngineEnv | undefined;

  private flagCache: Map<unknown, readonly { key: number; value: boolean }[]> | undefined;

  /** `let called = false` declared directly in `fn`: guard keys with their initial value. */
  private initialFlags(fn: TSESTree.Node, keys: GuardKeys): readonly { key: number; value: boolean }[] {
    let flags = this.flagCache?.get(fn);
    if (!flags) {
      const found: { key: number; value: boolean }[] = [];
      const scope = this.sourceCode.scopeManager?.acquire(fn, true);
      for (const variable of scope?.variables ?? []) {
        const def = variable.defs[0];
        const init = def?.type === 'Variable' && def.node.type === 'VariableDeclarator' ? def.node.init : undefined;
        if (init?.type !== 'Literal' || typeof init.value !== 'boolean') continue;
        const key = keys.keyOf(def!.name as TSESTree.Node, fn as never);
        if (key !== undefined) found.push({ key, value: init.value });
      }
      flags = found;
      (this.flagCache ??= new Map()).set(fn, flags);
    }
    return flags;
  }

  /** A per-file memo for results derived by rules (e.g. the list of double fires). */
  memo<T>(key: unknown, compute: () => T): T {
    const cache = (this.memoCache ??= new Map());
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    cache.set(key, value);
    return value;
  }

  /**
   * The variable an identifier refers to (or declares): the nearest enclosing scope that declares
   * the name. Cheaper than indexing every scope's references, and the same for the bindings the
   * analysis asks about (`with` and direct `eval` aside).
   */
  resolve(id: TSESTree.Identifier): Variable | undefined {
    // Asked again and again for the same identifiers (per completion, per unit): remembered.
    const resolved = (this.resolved ??= new Map());
    let variable = resolved.get(id);
    if (variable === undefined) {
      variable = null;
      for (let scope: Scope | null = this.sourceCode.getScope(id); scope; scope = scope.upper) {
        const found = scope.set.get(id.name);
        if (found) {
          variable = found;
          break;
        }
      }
      resolved.set(id, variable);
    }
    return variable ?? undefined;
  }

  private resolved: Map<TSESTree.Identifier, Variable | null> | undefined;

  private assertComplete(): void {
    if (!this.collector.complete) {
      throw new Error('callback-discipline: the file analysis was queried before the traversal reached Program:exit.');
    }
  }
}

const ANALYSES = Symbol('analyses');

/** Counters for tests and benchmarks: collectors created, feeders installed (one of each per file). */
export const analysisCounters = collectorCounters;

/**
 * The shared analysis of the linted file: `listeners` are the collector's listeners for the first
 * rule created for this file (empty for the others); `get()` returns the analysis once the program's
 * code path has ended.
 */
export function shareAnalysis(context: AnalysisContext): { listeners: Rule.RuleListener; get: () => FileAnalysis } {
  const { listeners, get } = share(context);
  return { listeners, get };
}

function share(context: AnalysisContext): { listeners: Rule.RuleListener; get: () => FileAnalysis; collector: PathCollector } {
  const sourceCode = context.sourceCode as SourceCode & SourceCodeLike;
  const table = getStyleTable(context.settings as Record<string, unknown> | undefined);
  const { collector, listeners } = feedCollector(sourceCode);
  return {
    listeners,
    collector,
    get: () => {
      const analyses = perFileMap<StyleTable, FileAnalysis>(sourceCode, ANALYSES);
      let analysis = analyses.get(table);
      if (!analysis) {
        analysis = new FileAnalysis(collector, table, sourceCode);
        analyses.set(table, analysis);
      }
      return analysis;
    },
  };
}

const NO_EXTRA: Rule.RuleListener = Object.freeze({});

/**
 * The listeners a rule returns to receive the file analysis: `callback` runs once, at `Program:exit`
 * (the recording is complete then; see `collector.ts`). `extra` are the rule's own listeners, merged
 * (feeding runs first, the callback after the rule's own `Program:exit`).
 */
export function onFileAnalysed(
  context: AnalysisContext,
  callback: (analysis: FileAnalysis) => void,
  extra: Rule.RuleListener = NO_EXTRA,
): Rule.RuleListener {
  const { listeners, get, collector } = share(context);
  const plain = extra === NO_EXTRA || Object.keys(extra).length === 0;
  // The feeding rule runs its callback from the collector's own `Program:exit` listener: one
  // listener object, built once per file, and no wrapper around every event.
  if (plain && listeners['Program:exit']) {
    collector.whenComplete = () => callback(get());
    return listeners;
  }
  // One listener call per file, where listening for code path ends would be billed for every function.
  const end = (): void => callback(get());
  if (plain) return { 'Program:exit': end };
  const merged = mergeListeners(listeners, extra);
  const before = merged['Program:exit'] as ((node: unknown) => void) | undefined;
  return {
    ...merged,
    'Program:exit': before
      ? (node: unknown) => {
          before(node);
          end();
        }
      : end,
  };
}
