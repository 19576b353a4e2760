/**
 * Per-file state: everything the analysis modules remember about the file being linted (the
 * collector's recording, the models built from it, look-up caches), in one place found from the
 * file's `SourceCode`.
 *
 * Linting is synchronous and rules are created for one file at a time, so the file asked about is
 * almost always the one asked about last: a single slot answers. When another file comes, the
 * slot's state is dropped if its lint is over (its collector complete, or none installed) — its
 * caches are pure and can be rebuilt if anyone asks again — and kept in a `WeakMap` otherwise, so
 * that callers interleaving files never lose a recording in progress. Entering every file in a
 * `WeakMap` costs microseconds per file (and the caches in it would be process-wide): caches that
 * live here are plain `Map`s that die with the file. (The slot keeps the last file's state alive
 * until the next file, as ESLint's `Linter` keeps its last `SourceCode`.)
 */
import type { Rule } from 'eslint';
import { PathCollector } from './collector.js';

/** A per-file cache entry: `key` identifies what is stored (each module owns its keys). */
export type FileStore = Map<unknown, unknown>;

const parked = new WeakMap<object, FileStore>();
let lastSourceCode: object | undefined;
let lastStore: FileStore | undefined;

/** The store of the file `sourceCode` belongs to, created on first use. */
export function fileStore(sourceCode: object): FileStore {
  if (sourceCode === lastSourceCode) return lastStore!;
  if (lastSourceCode !== undefined && lintInProgress(lastStore!)) parked.set(lastSourceCode, lastStore!);
  let store = parked.get(sourceCode);
  if (store) parked.delete(sourceCode);
  else store = new Map();
  lastSourceCode = sourceCode;
  lastStore = store;
  return store;
}

function lintInProgress(store: FileStore): boolean {
  const collector = store.get(COLLECTOR) as PathCollector | undefined;
  return collector !== undefined && !collector.complete;
}

/** `compute()` once per file and `key`. */
export function perFile<T>(sourceCode: object, key: unknown, compute: () => T): T {
  const store = fileStore(sourceCode);
  let value = store.get(key) as T | undefined;
  if (value === undefined && !store.has(key)) {
    value = compute();
    store.set(key, value);
  }
  return value as T;
}

/** A per-file `Map` stored under `key` (for caches keyed by nodes, variables, style tables). */
export function perFileMap<K, V>(sourceCode: object, key: unknown): Map<K, V> {
  const store = fileStore(sourceCode);
  let map = store.get(key) as Map<K, V> | undefined;
  if (!map) {
    map = new Map();
    store.set(key, map);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// The collector: fed by the first of our rules created for the file.

const COLLECTOR = Symbol('collector');

/** Counters for tests and benchmarks: collectors created, feeders installed. */
export const collectorCounters = { collectors: 0, feeders: 0 };

/**
 * The file's collector and the listeners that feed it: the collector's own listeners for the first
 * rule created for this file (in this run), `{}` for every later one. A collector that started but
 * never finished belongs to an aborted run (rules are all created before the traversal starts, so
 * nobody of the current run has fed it yet): it is replaced.
 */
export function feedCollector(sourceCode: object): { collector: PathCollector; listeners: Rule.RuleListener } {
  const store = fileStore(sourceCode);
  let collector = store.get(COLLECTOR) as PathCollector | undefined;
  if (collector && !(collector.started && !collector.complete)) return { collector, listeners: NO_LISTENERS };
  // Whatever was derived from an aborted run's recording goes with it.
  if (collector) store.clear();
  collector = new PathCollector();
  store.set(COLLECTOR, collector);
  collectorCounters.collectors++;
  collectorCounters.feeders++;
  return { collector, listeners: collector.listeners() };
}

/** The file's collector, if a rule installed one. */
export function fileCollector(sourceCode: object): PathCollector | undefined {
  return fileStore(sourceCode).get(COLLECTOR) as PathCollector | undefined;
}

const NO_LISTENERS: Rule.RuleListener = Object.freeze({});

type Listener = (a?: unknown, b?: unknown, c?: unknown) => void;

/**
 * Listener objects merged key by key; handlers of the same key run in the order given. Listeners
 * take at most three arguments (`onCodePathSegmentLoop`), so the merged ones pass three rather than
 * gathering a rest array on every call.
 */
export function mergeListeners<T extends object>(...listeners: T[]): T {
  if (listeners.length === 2) {
    // The common case: only one of them has listeners (every rule but the feeding one gets none).
    if (Object.keys(listeners[0]!).length === 0) return listeners[1]!;
    if (Object.keys(listeners[1]!).length === 0) return listeners[0]!;
  }
  const merged: Record<string, Listener> = {};
  for (const listener of listeners) {
    for (const key of Object.keys(listener)) {
      const handler = (listener as Record<string, Listener | undefined>)[key];
      if (typeof handler !== 'function') continue;
      const before = merged[key];
      merged[key] = before
        ? (a, b, c) => {
            before(a, b, c);
            handler(a, b, c);
          }
        : handler;
    }
  }
  return merged as T;
}
