/**
 * The abstract state the path engine carries along code paths for one completion.
 *
 * A state is a small set of *worlds*. A world holds what is known about the completion on the
 * paths it stands for — how many times it must / may have fired (0, 1, 2 = "twice or more"), which
 * fire sites may have run — together with the *assumptions* those paths make about guard bindings
 * (`err` is truthy, `called` is false). Worlds are what make correlated guards exact:
 * `if (e) reject(e); if (!e) resolve(v)` keeps the `e` and `!e` worlds apart, so no world fires
 * twice. A world that handed the completion to unknown code is *lost*: fires on it are not counted
 * (precision over recall), and one lost world downgrades "certain" to "potential".
 *
 * The empty state (no world) is bottom: the point is unreachable.
 */
import type { FireSide } from './styles.js';
import type { Node } from './syntax.js';

/** A place where the completion fired or was handed to code that fires it. */
export interface FireSite {
  /** The call (`cb(err)`), or the reference passed on (`fs.readFile(f, cb)`). */
  readonly node: Node;
  /** The side, when the call says it (`cb(null, v)`, `reject(e)`); `unknown` otherwise. */
  readonly side: FireSide | 'unknown';
  /** `fire`: a call; `handoff`: given to a function that will call it (`fs.readFile(f, cb)`). */
  readonly kind: 'fire' | 'handoff';
  /**
   * Fired by a function wired to run when something else happens: an event listener
   * (`on('error', …)`) or a promise/deferred link handler (`p.then(resolve)`). For idempotent
   * completions such fires racing each other is an idiom (`Promise.race`, stream promisification).
   */
  readonly wired: boolean;
  /** For wired sites: the registration (listener or link argument) that runs it. */
  readonly wiredBy?: Node;
  /** What the user wrote to fire it: `cb`, `reject`, `d.errback`, `self.callback`. */
  readonly name: string;
  /** For hand-offs: the function it was handed to (`fs.readFile`). */
  readonly callee?: string;
}

export interface World {
  /** Guard assumptions: key id → assumed truthiness. */
  readonly assume: ReadonlyMap<number, boolean>;
  /** Handed off to unknown code: the duty left this function on these paths. */
  readonly lost: boolean;
  /** Fires on every path of this world (capped at 2). */
  readonly min: number;
  /** Fires on some path of this world (capped at 2). */
  readonly max: number;
  /** Sites that may have fired on these paths, ordered by position, deduplicated. */
  readonly sites: readonly FireSite[];
  /** Assumptions were dropped to bound the number of worlds: counts may be too high. */
  readonly approx?: boolean;
  /**
   * 1 when every path of this world fired the completion or *armed* it — registered a listener or a
   * promise link that will fire it when the event comes; 0 when some path did neither. What a
   * hanging path is judged on; it does not count fires.
   */
  readonly done: number;
}

export type State = readonly World[];

export const BOTTOM: State = Object.freeze([]);
const NO_ASSUMPTIONS: ReadonlyMap<number, boolean> = new Map();
const NO_SITES: readonly FireSite[] = Object.freeze([]);

/** The state at the start of an owning function: not fired, nothing assumed. */
export const UNFIRED: State = Object.freeze([
  Object.freeze({ assume: NO_ASSUMPTIONS, lost: false, min: 0, max: 0, sites: NO_SITES, done: 0 }),
]);

/** More worlds than this and assumptions are dropped (the analysis then refuses to report certainty). */
const MAX_WORLDS = 16;
/** Sites kept per world: enough to name the earliest earlier fire. */
const MAX_SITES = 8;

/** Assumption maps are never mutated once in a world: their key is cached on them. */
const KEY = Symbol('assumption-key');
type Keyed = ReadonlyMap<number, boolean> & { [KEY]?: string };

/** A string equal for worlds with equal assumptions (`L` for lost worlds), cached on the assumption map. */
export function assumptionKey(w: World): string {
  return keyOf(w);
}

function keyOf(w: World): string {
  if (w.lost) return 'L';
  const assume = w.assume as Keyed;
  if (assume.size === 0) return '';
  let key = assume[KEY];
  if (key === undefined) {
    if (assume.size === 1) {
      // One assumption: its part is the key (nothing to sort or join).
      for (const [k, v] of assume) key = v ? `${k}` : `!${k}`;
    } else {
      // The parts in string order (insertion sort with `<`, the order `Array#sort` gives strings:
      // a handful of parts), joined by commas.
      const parts: string[] = [];
      for (const [k, v] of assume) {
        const part = v ? `${k}` : `!${k}`;
        let at = parts.length;
        while (at > 0 && part < parts[at - 1]!) {
          parts[at] = parts[at - 1]!;
          at--;
        }
        parts[at] = part;
      }
      key = parts[0]!;
      for (let i = 1; i < parts.length; i++) key += `,${parts[i]!}`;
    }
    assume[KEY] = key!;
  }
  return key!;
}

/** Does some site of `sites` stand for `node`? */
function hasSite(sites: readonly FireSite[], node: Node): boolean {
  for (let i = 0; i < sites.length; i++) if (sites[i]!.node === node) return true;
  return false;
}

/** `mergeSites(a, [site])` without the one-element array (the same result: see `mergeSites`). */
function addSite(a: readonly FireSite[], site: FireSite): readonly FireSite[] {
  if (a.length === 0) return [site];
  if (hasSite(a, site.node)) return a;
  const out = a.slice();
  out.push(site);
  out.sort(byPosition);
  return out.length > MAX_SITES ? out.slice(0, MAX_SITES) : out;
}

function byPosition(x: FireSite, y: FireSite): number {
  return x.node.range[0] - y.node.range[0];
}

/**
 * `w` with other counts and sites, with the same properties in the same order as
 * `{ ...w, min, max, sites, done }` (`approx` is only ever present as `true`).
 */
function withCounts(w: World, min: number, max: number, sites: readonly FireSite[], done: number): World {
  return w.approx
    ? { assume: w.assume, lost: w.lost, min, max, sites, approx: true, done }
    : { assume: w.assume, lost: w.lost, min, max, sites, done };
}

/** `w` with other assumptions, as `{ ...w, assume }` (see `withCounts`). */
function withAssumptions(w: World, assume: ReadonlyMap<number, boolean>): World {
  return w.approx
    ? { assume, lost: w.lost, min: w.min, max: w.max, sites: w.sites, approx: true, done: w.done }
    : { assume, lost: w.lost, min: w.min, max: w.max, sites: w.sites, done: w.done };
}

function mergeSites(a: readonly FireSite[], b: readonly FireSite[]): readonly FireSite[] {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  let out: FireSite[] | undefined;
  for (const s of b) {
    if (hasSite(out ?? a, s.node)) continue;
    out ??= a.slice();
    out.push(s);
  }
  if (!out) return a;
  out.sort(byPosition);
  return out.length > MAX_SITES ? out.slice(0, MAX_SITES) : out;
}

function joinWorld(a: World, b: World): World {
  if (a.lost) return a;
  const min = Math.min(a.min, b.min);
  const max = Math.max(a.max, b.max);
  const sites = mergeSites(a.sites, b.sites);
  const approx = a.approx || b.approx;
  const done = Math.min(a.done, b.done);
  if (min === a.min && max === a.max && sites === a.sites && approx === a.approx && done === a.done) return a;
  return approx ? { assume: a.assume, lost: false, min, max, sites, approx, done } : { assume: a.assume, lost: false, min, max, sites, done };
}

/** Least upper bound: worlds with the same assumptions merge, others stay apart. */
export function join(a: State, b: State): State {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  if (a.length === 1 && b.length === 1) {
    const wa = a[0]!;
    const wb = b[0]!;
    if (wa === wb) return a;
    if (keyOf(wa) === keyOf(wb)) {
      const merged = joinWorld(wa, wb);
      return merged === wa ? a : [merged];
    }
  }
  // Worlds by key, in first-seen order (as a Map would keep them): a handful, so scanned linearly.
  const keys: string[] = [];
  const worlds: World[] = [];
  for (const w of a) addByKey(keys, worlds, w, replaceWorld);
  let changed = false;
  for (const w of b) if (addByKey(keys, worlds, w, joinWorld)) changed = true;
  if (!changed) return a;
  return cap(worlds);
}

/**
 * Adds `w` to `worlds`, kept by assumption key in first-seen order (`keys` in step; a handful, so
 * scanned linearly): a new key is appended, an old one's world becomes `merge(old, w)`. True when
 * the list changed.
 */
function addByKey(keys: string[], worlds: World[], w: World, merge: (prev: World, next: World) => World): boolean {
  const k = keyOf(w);
  const at = keys.indexOf(k);
  if (at < 0) {
    keys.push(k);
    worlds.push(w);
    return true;
  }
  const prev = worlds[at]!;
  const merged = merge(prev, w);
  if (merged === prev) return false;
  worlds[at] = merged;
  return true;
}

/** For {@link addByKey}: the later world of a key replaces the earlier one. */
const replaceWorld = (_prev: World, next: World): World => next;

function cap(worlds: World[]): State {
  if (worlds.length <= MAX_WORLDS) return worlds;
  // Too many guard combinations: forget the assumptions, keep the counts.
  let merged: World | undefined;
  let lost: World | undefined;
  for (const w of worlds) {
    if (w.lost) lost = w;
    else merged = merged ? joinWorld(merged, { ...w, assume: NO_ASSUMPTIONS, approx: true }) : { ...w, assume: NO_ASSUMPTIONS, approx: true };
  }
  return [merged, lost].filter((w): w is World => w !== undefined);
}

/** Is `b` contained in `a` (used to stop fixpoints)? */
export function subsumes(a: State, b: State): boolean {
  return join(a, b) === a;
}

/** The completion fires once more at `site` on every live world. */
export function fire(state: State, site: FireSite, certain = true): State {
  let changed = false;
  const out: World[] = [];
  for (let i = 0; i < state.length; i++) {
    const w = state[i]!;
    if (w.lost) {
      out.push(w);
      continue;
    }
    changed = true;
    out.push(withCounts(w, certain ? Math.min(2, w.min + 1) : w.min, Math.min(2, w.max + 1), addSite(w.sites, site), certain ? 1 : w.done));
  }
  return changed ? dedupe(out) : state;
}

/** The completion may have fired many times at `site` (a listener that runs on every event). */
export function fireMany(state: State, site: FireSite): State {
  return state.map((w) => (w.lost ? w : withCounts(w, w.min, 2, addSite(w.sites, site), 1)));
}

/** A listener or link that will fire the completion was registered on every live path. */
export function arm(state: State): State {
  let changed = false;
  const out = state.map((w) => {
    if (w.lost || w.done === 1) return w;
    changed = true;
    return withCounts(w, w.min, w.max, w.sites, 1);
  });
  return changed ? out : state;
}

/**
 * The registration `by` runs anew: sites an earlier run of it fired stay counted, but no longer
 * belong to the run that starts (they keep `wired`, lose `wiredBy`).
 */
export function retire(state: State, by: Node): State {
  let changed = false;
  const out = state.map((w) => {
    if (w.lost || !w.sites.some((s) => s.wiredBy === by)) return w;
    changed = true;
    return { ...w, sites: w.sites.map((s) => (s.wiredBy === by ? { node: s.node, side: s.side, kind: s.kind, wired: true, name: s.name, ...(s.callee === undefined ? {} : { callee: s.callee }) } : s)) };
  });
  return changed ? dedupe(out) : state;
}

/** The completion was handed to unknown code: stop tracking on these paths. */
export function lose(state: State): State {
  if (state.length === 0) return state;
  if (state.length === 1 && state[0]!.lost) return state;
  return [LOST_WORLD];
}

const LOST_WORLD: World = Object.freeze({ assume: NO_ASSUMPTIONS, lost: true, min: 0, max: 0, sites: NO_SITES, done: 1 });

/** Keeps the worlds compatible with `key` being `value`, and records the assumption. */
export function assume(state: State, key: number, value: boolean): State {
  if (state.length === 1) {
    // One world: kept, refined or dropped; no other world to merge with.
    const w = state[0]!;
    if (w.lost) return state;
    const known = w.assume.get(key);
    if (known === value) return state;
    if (known !== undefined) return BOTTOM;
    return [withAssumptions(w, extended(w.assume, key, value))];
  }
  const out: World[] = [];
  let changed = false;
  for (const w of state) {
    if (w.lost) {
      out.push(w);
      continue;
    }
    const known = w.assume.get(key);
    if (known === value) {
      out.push(w);
    } else if (known === undefined) {
      out.push(withAssumptions(w, extended(w.assume, key, value)));
      changed = true;
    } else {
      changed = true;
    }
  }
  return changed ? dedupe(out) : state;
}

/** A copy of `assume` with `key` set to `value` (its cached key set when it is the only one). */
function extended(assume: ReadonlyMap<number, boolean>, key: number, value: boolean): Keyed {
  const next: Keyed = new Map(assume).set(key, value);
  if (assume.size === 0) next[KEY] = value ? `${key}` : `!${key}`;
  return next;
}

/** The binding behind `key` was assigned: `value` if known (`called = true`), else forgotten. */
export function assign(state: State, key: number, value: boolean | undefined): State {
  let changed = false;
  const out = state.map((w) => {
    if (w.lost || (value === undefined ? !w.assume.has(key) : w.assume.get(key) === value)) return w;
    const next = new Map(w.assume);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    changed = true;
    return withAssumptions(w, next);
  });
  return changed ? dedupe(out) : state;
}

/** Forgets every assumption (used where a function's guards mean nothing to its caller). */
export function forgetAssumptions(state: State, keep: (key: number) => boolean): State {
  let needed = false;
  for (const w of state) {
    if (w.lost || w.assume.size === 0) continue;
    for (const k of w.assume.keys()) {
      if (!keep(k)) {
        needed = true;
        break;
      }
    }
    if (needed) break;
  }
  if (!needed) return state;
  const out = state.map((w) => {
    if (w.lost || w.assume.size === 0) return w;
    let next: Map<number, boolean> | undefined;
    for (const k of w.assume.keys()) {
      if (!keep(k)) {
        next ??= new Map(w.assume);
        next.delete(k);
      }
    }
    return next ? withAssumptions(w, next) : w;
  });
  return dedupe(out);
}

function dedupe(worlds: World[]): State {
  // One world has nothing to merge with (and `cap` keeps a single world as it is).
  if (worlds.length === 1) return worlds;
  // Worlds by key, in first-seen order, merged in order (as a Map would): scanned linearly.
  const keys: string[] = [];
  const out: World[] = [];
  for (const w of worlds) addByKey(keys, out, w, joinWorld);
  return out.length === worlds.length ? worlds : cap(out);
}

/** The live (not lost) worlds' counts joined, and whether some world is lost. */
export interface Summary {
  readonly reachable: boolean;
  readonly lost: boolean;
  readonly live: boolean;
  readonly min: number;
  readonly max: number;
  readonly sites: readonly FireSite[];
  /** Some world lost its assumptions to the world bound: do not trust the counts. */
  readonly approx: boolean;
}

export function summarize(state: State): Summary {
  let lost = false;
  let live = false;
  let approx = false;
  let min = 2;
  let max = 0;
  let sites: readonly FireSite[] = NO_SITES;
  for (const w of state) {
    if (w.lost) {
      lost = true;
      continue;
    }
    live = true;
    approx ||= w.approx === true;
    min = Math.min(min, w.min);
    max = Math.max(max, w.max);
    sites = mergeSites(sites, w.sites);
  }
  return { reachable: state.length > 0, lost, live, min: live ? min : 0, max, sites, approx };
}

/** Joins two summaries (the same fire reached in several contexts). */
export function joinSummary(a: Summary, b: Summary): Summary {
  if (!a.live) return { ...b, lost: a.lost || b.lost, reachable: a.reachable || b.reachable };
  if (!b.live) return { ...a, lost: a.lost || b.lost, reachable: a.reachable || b.reachable };
  return {
    reachable: true,
    lost: a.lost || b.lost,
    live: true,
    approx: a.approx || b.approx,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    sites: mergeSites(a.sites, b.sites),
  };
}

/** The value of an assumption shared by every live world, if any. */
export function assumed(state: State, key: number): boolean | undefined {
  let value: boolean | undefined;
  let any = false;
  for (const w of state) {
    if (w.lost) continue;
    const v = w.assume.get(key);
    if (v === undefined) return undefined;
    if (any && v !== value) return undefined;
    value = v;
    any = true;
  }
  return value;
}
