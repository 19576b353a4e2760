/**
 * Seeded random scenarios. Same seed, same scenarios, on every machine: the
 * PRNG is ours (a Weyl sequence through the murmur3 finaliser), not
 * Math.random, and the generator reads nothing else.
 *
 * The programs are valid by construction (every name they mention exists when
 * it is used; `$arg` only appears in cancellers) but otherwise unconstrained:
 * second fires, cancels of fired deferreds, handlers that fire, add to or
 * cancel other deferreds while running, deferreds returned from their own
 * chains. Runaway cycles are cut by the interpreters' MAX_DEPTH / MAX_CALLS.
 */
import type { ErrorName, Handler, Json, Ret, Scenario, Step } from './scenario.js';

export const RANDOM_SEED = 20_220_400;
export const RANDOM_COUNT = 1200;

export class Rand {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return z / 4_294_967_296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.next() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1]![0];
  }
}

const RAISABLE: readonly ErrorName[] = ['E1', 'E2', 'E3', 'E1Sub'];
const TRAPPABLE: readonly ErrorName[] = ['E1', 'E2', 'E3', 'E1Sub', 'CancelledError', 'TimeoutError', 'FirstError', 'Exception'];
const WORDS = ['a', 'b', 'ok', 'x', 'done'];

function value(r: Rand): Json {
  switch (r.weighted({ int: 6, str: 2, nul: 1, list: 1 })) {
    case 'int':
      return r.int(0, 99);
    case 'str':
      return r.pick(WORDS);
    case 'nul':
      return null;
    case 'list':
      return [r.int(0, 9), r.pick(WORDS)];
  }
}

function message(r: Rand): string {
  return r.pick(['boom', 'bad', 'oops', 'late', '']);
}

function trapTypes(r: Rand): ErrorName[] {
  const types = [r.pick(TRAPPABLE)];
  if (r.chance(0.3)) types.push(r.pick(TRAPPABLE));
  return types;
}

/** Generates scenario `index` of the random group; independent of every other index. */
export function generateScenario(index: number, seed = RANDOM_SEED): Scenario {
  const r = new Rand((seed ^ Math.imul(index + 1, 0x27d4eb2d)) >>> 0);
  // Burn a few values so that neighbouring seeds diverge at once.
  for (let i = 0; i < 4; i++) r.next();

  const initial = Array.from({ length: r.int(1, 4) }, (_, i) => `d${i + 1}`);
  const handlers: Record<string, Handler> = {};
  const deferreds: Scenario['deferreds'] = [];

  for (const name of initial) {
    if (!r.chance(0.3)) {
      deferreds.push(name);
      continue;
    }
    const c = `c${name.slice(1)}`;
    switch (r.weighted({ record: 1, callback: 2, errback: 2, raise: 1 })) {
      case 'record':
        handlers[c] = { ret: 'none' };
        break;
      case 'callback':
        handlers[c] = { run: [{ op: 'callback', d: '$arg', value: value(r) }], ret: 'none' };
        break;
      case 'errback':
        handlers[c] = { run: [{ op: 'errback', d: '$arg', error: r.pick(RAISABLE), msg: 'cancelled' }], ret: 'none' };
        break;
      case 'raise':
        handlers[c] = { ret: { raise: r.pick(RAISABLE), msg: 'canceller' } };
        break;
    }
    deferreds.push({ name, canceller: c });
  }

  const handlerCount = r.int(3, 7);
  const pool: string[] = [];
  for (let i = 1; i <= handlerCount; i++) {
    const name = `h${i}`;
    const handler: Handler = {};
    let ret: Ret;
    switch (r.weighted({ arg: 4, value: 3, wrap: 2, add: 1, raise: 3, failure: 2, deferred: 3, none: 1, trap: 2 })) {
      case 'arg':
        ret = 'arg';
        break;
      case 'value':
        ret = { value: value(r) };
        break;
      case 'wrap':
        ret = { wrap: name };
        break;
      case 'add':
        ret = { add: r.int(1, 9) };
        break;
      case 'raise':
        ret = { raise: r.pick(RAISABLE), msg: message(r) };
        break;
      case 'failure':
        ret = { failure: r.pick(RAISABLE), msg: message(r) };
        break;
      case 'deferred':
        ret = { deferred: r.pick(initial) };
        break;
      case 'none':
        ret = 'none';
        break;
      case 'trap':
        handler.run = [{ op: 'trap', types: trapTypes(r) }];
        ret = r.chance(0.5) ? { value: `trapped-${name}` } : 'arg';
        break;
    }
    if (r.chance(0.25)) {
      // Reentrancy: act on another deferred (or this chain's own) while running.
      const target = r.pick(initial);
      let inner: Step;
      switch (r.weighted({ callback: 3, errback: 2, add: pool.length > 0 ? 3 : 0, cancel: 1, pause: 1, check: 1 })) {
        case 'callback':
          inner = { op: 'callback', d: target, value: value(r) };
          break;
        case 'errback':
          inner = { op: 'errback', d: target, error: r.pick(RAISABLE), msg: 'inner' };
          break;
        case 'add':
          // Only earlier handlers: no handler adds itself, so chains stay finite.
          inner = { op: r.pick(['addCallback', 'addErrback', 'addBoth'] as const), d: target, h: r.pick(pool) };
          break;
        case 'cancel':
          inner = { op: 'cancel', d: target };
          break;
        case 'pause':
          // Paired, so the unpause reenters the target's callback loop.
          handler.run = [...(handler.run ?? []), { op: 'pause', d: target }];
          inner = { op: 'unpause', d: target };
          break;
        case 'check':
          inner = { op: 'check', types: trapTypes(r) };
          break;
      }
      handler.run = [...(handler.run ?? []), inner];
    }
    handler.ret = ret;
    handlers[name] = handler;
    pool.push(name);
  }

  const live = [...initial];
  const steps: Step[] = [];
  let created = 0;
  let timeouts = 0;
  // Top-level unpause only follows a pause of the same deferred: Twisted lets
  // `paused` go negative (and then never runs callbacks), which the `pause`
  // group covers by hand; at random it would drown everything else.
  const pauses = new Map<string, number>();
  const gathered = new Set<string>();
  const stepCount = r.int(4, 14);
  for (let i = 0; i < stepCount; i++) {
    const d = r.pick(live);
    const kind = r.weighted({
      add: 9,
      addCallbacks: 3,
      callback: 5,
      errback: 3,
      failCallback: 1,
      pause: 2,
      unpause: pauses.size > 0 ? 2 : 0,
      cancel: 2,
      chain: 1,
      create: 2,
      list: 1,
      gather: 1,
      maybe: 1,
      timeout: 1,
      advance: timeouts > 0 ? 2 : 0,
      debug: 0.2,
    });
    switch (kind) {
      case 'add': {
        const step: Step = { op: r.pick(['addCallback', 'addErrback', 'addBoth'] as const), d, h: r.pick(pool) };
        if (r.chance(0.15)) step.args = [value(r)];
        steps.push(step);
        break;
      }
      case 'addCallbacks': {
        const step: Step = { op: 'addCallbacks', d, cb: r.pick(pool), eb: r.chance(0.2) ? null : r.pick(pool) };
        if (r.chance(0.2)) step.cbArgs = [value(r)];
        // Twisted's default errback takes exactly one argument, so errbackArgs with no errback
        // raise a Python arity TypeError; firing/add-callbacks-null-errback-with-args covers that.
        if (step.eb !== null && r.chance(0.2)) step.ebArgs = [value(r)];
        steps.push(step);
        break;
      }
      case 'callback':
        // A gatherResults Deferred fired by hand with a non-list makes its result parser fail
        // with whatever the language raises for a bad unpacking; keep to the members.
        steps.push({ op: 'callback', d: gathered.has(d) ? r.pick(initial) : d, value: value(r) });
        break;
      case 'errback':
        steps.push({ op: 'errback', d, error: r.pick(RAISABLE), msg: message(r), ...(r.chance(0.3) ? { wrap: true } : {}) });
        break;
      case 'failCallback':
        steps.push({ op: 'callback', d, failure: r.pick(RAISABLE), msg: 'via callback' });
        break;
      case 'pause':
        pauses.set(d, (pauses.get(d) ?? 0) + 1);
        steps.push({ op: 'pause', d });
        break;
      case 'unpause': {
        const target = r.pick([...pauses.keys()]);
        const left = (pauses.get(target) ?? 1) - 1;
        if (left > 0) pauses.set(target, left);
        else pauses.delete(target);
        steps.push({ op: 'unpause', d: target });
        break;
      }
      case 'cancel':
        steps.push({ op: 'cancel', d });
        break;
      case 'chain': {
        const to = r.pick(live.filter((x) => !gathered.has(x)));
        steps.push({ op: 'chainDeferred', d, to });
        break;
      }
      case 'create': {
        const as = `n${++created}`;
        switch (r.weighted({ new: 2, succeed: 2, fail: 1 })) {
          case 'new':
            steps.push({ op: 'new', as });
            break;
          case 'succeed':
            steps.push({ op: 'succeed', as, value: value(r) });
            break;
          case 'fail':
            steps.push({ op: 'fail', as, error: r.pick(RAISABLE), msg: message(r) });
            break;
        }
        live.push(as);
        break;
      }
      case 'list':
      case 'gather': {
        const as = `l${++created}`;
        const of = Array.from({ length: r.int(1, 3) }, () => r.pick(live));
        if (kind === 'list') {
          const step: Step = { op: 'DeferredList', as, of };
          if (r.chance(0.3)) step.fireOnOneCallback = true;
          if (r.chance(0.3)) step.fireOnOneErrback = true;
          if (r.chance(0.4)) step.consumeErrors = true;
          steps.push(step);
        } else {
          steps.push({ op: 'gatherResults', as, of, ...(r.chance(0.4) ? { consumeErrors: true } : {}) });
          gathered.add(as);
        }
        live.push(as);
        break;
      }
      case 'maybe': {
        const as = `m${++created}`;
        steps.push({ op: 'maybeDeferred', as, h: r.pick(pool), args: r.chance(0.5) ? [value(r)] : [] });
        live.push(as);
        break;
      }
      case 'timeout': {
        timeouts++;
        const step: Step = { op: 'addTimeout', d, timeout: r.int(1, 10) };
        if (r.chance(0.3)) step.onTimeoutCancel = r.pick(pool);
        steps.push(step);
        break;
      }
      case 'advance':
        steps.push({ op: 'advance', by: r.int(1, 12) });
        break;
      case 'debug':
        steps.push({ op: 'setDebugging', on: r.chance(0.5) });
        break;
    }
  }
  // Finale: fire some of the initial deferreds (a second fire when the
  // program already fired them) and maybe let pending timeouts expire.
  for (const d of initial) {
    if (!r.chance(0.6)) continue;
    steps.push(r.chance(0.7) ? { op: 'callback', d, value: value(r) } : { op: 'errback', d, error: r.pick(RAISABLE), msg: 'end' });
  }
  if (timeouts > 0 && r.chance(0.5)) steps.push({ op: 'advance', by: 20 });

  return { id: `random/${String(index).padStart(4, '0')}`, deferreds, handlers, steps };
}

export function generateScenarios(count = RANDOM_COUNT, seed = RANDOM_SEED): Scenario[] {
  return Array.from({ length: count }, (_, i) => generateScenario(i, seed));
}
