/**
 * An optional clock for the benchmarks: how much of each rule's time goes to the shared per-file
 * analyses (discovery, use indexing, the path engine, the models) and how much is the rule's own
 * work. ESLint's `stats` give one total per rule; the shared analyses are computed by whichever
 * rule asks first, so that total mixes a rule's own cost with the bill for work every other rule
 * then reuses. `bench:perf` turns the clock on for one configuration and prints the split.
 *
 * Off (the default, and always when linting for real), each instrumented call costs one boolean
 * test. On, a phase's time is *exclusive*: a phase that runs inside another (the engine asks for
 * the use index of the completion it analyses) is billed to itself and taken off the outer one.
 * Every phase is billed to the rule whose `Program:exit` listener is running (see `create-rule.ts`).
 */

/** The phases timed, in the order printed. */
export const PHASES = ['discovery', 'uses', 'engine', 'chain model', 'callback model'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseClock {
  /** Is the clock running? Set by the benchmarks only. */
  on: boolean;
  /** The rule whose `Program:exit` listener runs now ('' outside). */
  rule: string;
  /** Milliseconds by rule, then by phase, plus `exit`: each rule's whole `Program:exit` time. */
  readonly ms: Map<string, Map<Phase | 'exit', number>>;
}

export const phaseClock: PhaseClock = { on: false, rule: '', ms: new Map() };

/** The phases running now, innermost last, with their start times. */
const open: { phase: Phase | 'exit'; start: number }[] = [];

function add(rule: string, phase: Phase | 'exit', ms: number): void {
  let byPhase = phaseClock.ms.get(rule);
  if (!byPhase) phaseClock.ms.set(rule, (byPhase = new Map()));
  byPhase.set(phase, (byPhase.get(phase) ?? 0) + ms);
}

/** Starts timing `phase` (callers test `phaseClock.on` first, so that the clock off costs nothing more). */
export function startPhase(phase: Phase | 'exit'): void {
  open.push({ phase, start: performance.now() });
}

/** Ends the innermost phase, which must be `phase`. */
export function endPhase(phase: Phase | 'exit'): void {
  const top = open.pop();
  if (top?.phase !== phase) throw new Error(`phase clock: ${phase} ended while ${top?.phase ?? 'nothing'} was open`);
  const elapsed = performance.now() - top.start;
  const rule = phaseClock.rule;
  add(rule, phase, elapsed);
  // Exclusive time: the enclosing analysis phase did not spend this (a rule's whole `exit` time
  // keeps it: the bench subtracts the phases from it).
  const outer = open.length > 0 ? open[open.length - 1]!.phase : undefined;
  if (outer !== undefined && outer !== 'exit') add(rule, outer, -elapsed);
}

/**
 * `fn.apply(self, args)`, timed as `phase`. Call sites test `phaseClock.on` first and call `fn`
 * directly when the clock is off. They pass the function and its arguments rather than a closure:
 * a closure literal in a function makes V8 allocate the variables it captures on every call of that
 * function, clock on or off.
 */
export function timed<A extends unknown[], T>(phase: Phase, self: unknown, fn: (...args: A) => T, ...args: A): T {
  startPhase(phase);
  try {
    return fn.apply(self, args);
  } finally {
    endPhase(phase);
  }
}

/** Clears the recorded times (between benchmark runs). */
export function resetPhaseClock(): void {
  phaseClock.ms.clear();
  open.length = 0;
}
