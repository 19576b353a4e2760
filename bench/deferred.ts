/**
 * Benchmarks of the reference Deferred (src/deferred), as ratios measured in one run:
 *
 *   npm run bench:deferred        (npm run build, then node --expose-gc --import tsx bench/deferred.ts)
 *
 * 1. A 10-link chain built on a pending Deferred and then fired, against the same chain on a
 *    native promise (resolved, then awaited). Deferreds run synchronously, promises take a
 *    microtask per link; both are measured end to end, in operations per second. Timed rounds
 *    alternate between the contenders and the medians are compared, so that load from other
 *    processes does not skew the ratio.
 * 2. Long chains: 100,000 and 1,000,000 links (t(1e6)/t(1e5) near 10 means linear cost), and
 *    10,000- and 100,000-deep nested Deferreds, each waiting on the next, best of 7. For nesting,
 *    the time for the innermost result to travel out to the outermost is also shown on its own.
 *    The nesting ratio is well above 10 even though the work per level is constant: 10,000 levels
 *    (about 3 MB) fit in the CPU caches and V8's young generation, 100,000 levels do not, so they
 *    pay cache misses and scavenges that copy and promote every live level.
 * 3. Heap per pending Deferred against a pending native promise, with and without one
 *    callback attached (heapUsed after a forced GC, over 100,000 objects).
 */
import { performance } from 'node:perf_hooks';

// The shipped build, not the TypeScript source: tsx's transform (esbuild with keepNames) wraps
// every function created at run time in a naming helper, which slows the closures a Deferred
// creates and would understate it by nearly half.
type DeferredModule = typeof import('../src/deferred/index.js');
const distEntry = new URL('../dist/deferred/index.js', import.meta.url).href;
const { Deferred } = (await import(distEntry).catch(() => {
  throw new Error('run `npm run build` first (npm run bench:deferred does)');
})) as DeferredModule;
type Deferred<T> = import('../src/deferred/index.js').Deferred<T>;

const gc = (globalThis as { gc?: () => void }).gc;

const inc = (x: number): number => x + 1;

function deferredChain(links: number): number {
  const d = new Deferred<number>();
  for (let i = 0; i < links; i += 1) d.addCallback(inc);
  let out = 0;
  // A benchmark of link cost: `inc` cannot fail, so there is no errback to measure.
  // eslint-disable-next-line callback-discipline/require-errback
  d.addCallback((x) => {
    out = x;
  });
  d.callback(0);
  return out;
}

async function promiseChain(links: number): Promise<number> {
  let resolve!: (value: number) => void;
  let p = new Promise<number>((r) => (resolve = r));
  for (let i = 0; i < links; i += 1) p = p.then(inc);
  resolve(0);
  return p;
}

/** Builds `depth` Deferreds each waiting on the next, fires them; returns the innermost's result as
 * seen by the outermost, and how long the innermost's result took to reach the outermost. */
function nestedDeferreds(depth: number): { out: number; propagationMs: number } {
  const deferreds: Deferred<number>[] = [];
  for (let i = 0; i < depth; i += 1) deferreds.push(new Deferred<number>());
  for (let i = 0; i < depth - 1; i += 1) {
    const next = deferreds[i + 1]!;
    deferreds[i]!.addCallback(() => next);
  }
  let out = 0;
  deferreds[0]!.addCallback((x) => {
    out = x;
  });
  for (let i = 0; i < depth - 1; i += 1) deferreds[i]!.callback(0);
  const start = performance.now();
  deferreds[depth - 1]!.callback(depth);
  return { out, propagationMs: performance.now() - start };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Best time of `measure(size)` over `rounds` rounds for each size, sizes interleaved: for one-shot
 * costs, where noise from other processes only ever adds time. Each run starts on a collected heap
 * (so garbage from the previous run is not charged to it), then re-warms the code with a small run
 * (a full collection with no Deferred alive makes V8 drop its optimized code for the Deferred
 * methods; that recompilation is not what is being measured).
 */
function bestOf(measure: (size: number) => number, sizes: number[], rounds: number): number[] {
  const best = sizes.map(() => Infinity);
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, size] of sizes.entries()) {
      gc?.();
      for (let warm = 0; warm < 20; warm += 1) measure(1_000);
      best[i] = Math.min(best[i]!, measure(size));
    }
  }
  return best;
}

function timed(fn: () => unknown): () => number {
  return () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
}

/**
 * Median time in milliseconds of each of `fns` over `rounds` rounds. The functions take turns
 * within every round, so that load from other processes affects them alike and the ratios hold.
 * No forced GC between rounds: a full collection with no Deferred alive throws away V8's
 * optimized code for the Deferred methods ("weak objects" deopts), which real programs rarely
 * see; collection pauses count in the time, as they would in a program.
 */
async function timeInterleaved(fns: (() => unknown)[], rounds: number): Promise<number[]> {
  const times = fns.map((): number[] => []);
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, fn] of fns.entries()) {
      const start = performance.now();
      await fn();
      times[i]!.push(performance.now() - start);
    }
  }
  return times.map(median);
}

function heapPerObject(make: () => unknown, count: number): number {
  if (gc === undefined) return Number.NaN;
  const keep: unknown[] = new Array<unknown>(count).fill(undefined);
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i += 1) keep[i] = make();
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (keep.length !== count) throw new Error('unreachable');
  return (after - before) / count;
}

const rows: [string, string, string][] = [];
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// Warm up both implementations before measuring.
for (let i = 0; i < 20_000; i += 1) deferredChain(10);
for (let i = 0; i < 2_000; i += 1) await promiseChain(10);
if (deferredChain(10) !== 10 || (await promiseChain(10)) !== 10) throw new Error('chains compute the wrong result');

const iterations = 50_000;
const [deferredMs, promiseMs] = await timeInterleaved(
  [
    () => {
      for (let i = 0; i < iterations; i += 1) deferredChain(10);
    },
    async () => {
      for (let i = 0; i < iterations; i += 1) await promiseChain(10);
    },
  ],
  15,
);
const deferredOps = (iterations / deferredMs!) * 1000;
const promiseOps = (iterations / promiseMs!) * 1000;
rows.push(['10-link chain, Deferred (sync fire)', `${fmt(deferredOps)} ops/s`, '']);
rows.push(['10-link chain, native Promise (resolve + await)', `${fmt(promiseOps)} ops/s`, `Deferred / Promise = ${fmt(deferredOps / promiseOps, 2)}`]);

if (deferredChain(1_000_000) !== 1_000_000 || nestedDeferreds(100_000).out !== 100_000) throw new Error('wrong result');
const [chain1e5, chain1e6] = bestOf((size) => timed(() => deferredChain(size))(), [100_000, 1_000_000], 7);
rows.push(['100,000-link chain (add the links, fire)', `${fmt(chain1e5!, 1)} ms`, '']);
rows.push(['1,000,000-link chain (add the links, fire)', `${fmt(chain1e6!, 1)} ms`, `t(1e6)/t(1e5) = ${fmt(chain1e6! / chain1e5!, 2)}`]);
const [nested1e4, nested1e5] = bestOf((size) => timed(() => nestedDeferreds(size))(), [10_000, 100_000], 7);
rows.push(['10,000-deep nested Deferreds (build, fire)', `${fmt(nested1e4!, 1)} ms`, '']);
rows.push(['100,000-deep nested Deferreds (build, fire)', `${fmt(nested1e5!, 1)} ms`, `t(1e5)/t(1e4) = ${fmt(nested1e5! / nested1e4!, 2)}`]);
const [hop1e4, hop1e5] = bestOf((size) => nestedDeferreds(size).propagationMs, [10_000, 100_000], 7);
rows.push(['  innermost result reaching the outermost, 1e4 deep', `${fmt(hop1e4!, 2)} ms`, '']);
rows.push(['  innermost result reaching the outermost, 1e5 deep', `${fmt(hop1e5!, 2)} ms`, `t(1e5)/t(1e4) = ${fmt(hop1e5! / hop1e4!, 2)}`]);

const count = 100_000;
const pendingDeferred = heapPerObject(() => new Deferred<number>(), count);
const pendingPromise = heapPerObject(() => new Promise<number>(() => {}), count);
const deferredWithCallback = heapPerObject(() => new Deferred<number>().addCallbacks(inc, () => 0), count);
const promiseWithThen = heapPerObject(() => {
  const p = new Promise<number>(() => {});
  void p.then(inc, () => 0);
  return p;
}, count);
const note = gc === undefined ? 'run with --expose-gc' : '';
rows.push(['heap per pending Deferred', `${fmt(pendingDeferred)} B`, note]);
rows.push(['heap per pending Promise (new Promise(() => {}))', `${fmt(pendingPromise)} B`, `Deferred / Promise = ${fmt(pendingDeferred / pendingPromise, 2)}`]);
rows.push(['heap per pending Deferred + addCallbacks(f, g)', `${fmt(deferredWithCallback)} B`, '']);
rows.push(['heap per pending Promise + then(f, g)', `${fmt(promiseWithThen)} B`, `Deferred / Promise = ${fmt(deferredWithCallback / promiseWithThen, 2)}`]);

const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length), ['measure', 'value', 'ratio'][c]!.length));
const line = (cells: string[]): string => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
console.log(`Deferred benchmark (node ${process.version})\n`);
console.log(line(['measure', 'value', 'ratio']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
