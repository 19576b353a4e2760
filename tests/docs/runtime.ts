/**
 * Runs a documentation example on the reference Deferred and reports what happened at run time.
 * The outcomes and the sandbox are specified in docs/CONTRIBUTING-docs.md; in short:
 *
 * - the block is transpiled with `typescript.transpileModule` to CommonJS and run in this realm
 *   (so `instanceof Error` means what it means in the Deferred), with its own `require`, timers on
 *   a virtual clock, a `reactor`, and a `console` that records instead of printing;
 * - every `new Deferred()` the block makes, and every Deferred it exports, is watched;
 * - after the block's module body ran, timers are run in time order (microtasks drained between
 *   each) until none is left — the event loop "drains" — and the watched Deferreds are inspected.
 */
import { createRequire, isBuiltin } from 'node:module';
import ts from 'typescript';
import vm from 'node:vm';

export const DEFERRED_SPECIFIER = 'eslint-plugin-callback-discipline/deferred';
export const RUNTIME_OUTCOMES = ['already-called', 'hang', 'lost-error', 'throws', 'clean'] as const;
export type RuntimeOutcome = (typeof RUNTIME_OUTCOMES)[number];

/** The parts of the reference Deferred module the sandbox relies on. */
export interface DeferredModule {
  Deferred: new (...args: never[]) => DeferredLike;
  Failure: abstract new (...args: never[]) => { value: unknown };
  AlreadyCalledError: abstract new (...args: never[]) => Error;
  setUnhandledErrorReporter(reporter: (failure: unknown, details: unknown) => void): (failure: unknown, details: unknown) => void;
  [name: string]: unknown;
}

interface DeferredLike {
  readonly called: boolean;
  readonly paused: number;
  readonly result: unknown;
  addErrback(fn: (failure: unknown) => unknown): unknown;
}

/** What a run showed. */
export interface RuntimeReport {
  outcomes: RuntimeOutcome[];
  /** Errors that escaped the module body, a timer, a microtask or a reactor call. */
  thrown: unknown[];
  /** Watched Deferreds never fired (or fired but still paused) once the queue drained. */
  pending: number;
  /** Failures left at the end of a watched Deferred's chain once the queue drained. */
  unhandled: unknown[];
  /** What the block wrote to the console. */
  output: string[];
}

/** `runtime: throws TypeError` → { outcome: 'throws', errorName: 'TypeError' }. */
export function parseRuntimeDirective(text: string): { outcome: RuntimeOutcome; errorName?: string } {
  const [outcome, errorName, ...rest] = text.trim().split(/\s+/u);
  if (!(RUNTIME_OUTCOMES as readonly string[]).includes(outcome ?? '') || rest.length > 0) {
    throw new Error(`<!-- runtime: ${text} -->: expected one of ${RUNTIME_OUTCOMES.join(' | ')} (\`throws\` may name the error)`);
  }
  if (errorName !== undefined && outcome !== 'throws') throw new Error(`<!-- runtime: ${text} -->: only \`throws\` takes an error name`);
  return errorName === undefined ? { outcome: outcome as RuntimeOutcome } : { outcome: 'throws', errorName };
}

/** Does a block import the reference Deferred (and so need a runtime directive)? */
export function importsDeferred(code: string): boolean {
  return ts.preProcessFile(code, true, true).importedFiles.some((f) => f.fileName === DEFERRED_SPECIFIER);
}

interface Timer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
  every?: number;
}

/** setTimeout & co. on a clock that jumps from one due timer to the next. */
class VirtualTimers {
  now = 0;
  #seq = 0;
  #timers = new Map<number, Timer>();

  constructor(private readonly guard: (fn: () => void) => void) {}

  add(fn: () => void, delay: unknown, every?: number): number {
    const id = ++this.#seq;
    const ms = Math.max(0, Number(delay) || 0);
    this.#timers.set(id, { id, at: this.now + ms, seq: id, fn, ...(every === undefined ? {} : { every: Math.max(1, every) }) });
    return id;
  }

  clear(id: unknown): void {
    this.#timers.delete(Number(id));
  }

  /** Runs due timers in order until none is left or `maxSteps` ran (a runaway interval). */
  async drain(maxSteps = 10_000): Promise<void> {
    for (let step = 0; step < maxSteps; step++) {
      await flushMicrotasks();
      const next = [...this.#timers.values()].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) return;
      this.now = next.at;
      if (next.every === undefined) this.#timers.delete(next.id);
      else next.at += next.every;
      this.guard(next.fn);
    }
    throw new Error(`the example still had timers after ${maxSteps} steps (a setInterval never cleared?)`);
  }
}

/** Lets every queued microtask (and what they queue) run. */
function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A stand-in for Twisted's reactor on the virtual clock: `callLater`, `callWhenRunning`, `run`, `stop`. */
class SandboxReactor {
  running = true;
  stops = 0;
  constructor(private readonly timers: VirtualTimers) {}

  callLater(delayMs: number, fn: (...args: unknown[]) => void, ...args: unknown[]) {
    let active = true;
    const id = this.timers.add(() => {
      active = false;
      fn(...args);
    }, delayMs);
    return {
      active: () => active,
      cancel: () => {
        if (!active) throw new Error('DelayedCall has already run or been cancelled');
        active = false;
        this.timers.clear(id);
      },
    };
  }

  /** Twisted's blocks until `stop()`; here the queue is drained after the module body anyway. */
  run(): void {
    this.running = true;
  }

  callWhenRunning(fn: (...args: unknown[]) => void, ...args: unknown[]): void {
    this.timers.add(() => fn(...args), 0);
  }

  stop(): void {
    // Twisted raises ReactorNotRunning on a second stop.
    if (!this.running) throw new Error("Can't stop reactor that isn't running.");
    this.running = false;
    this.stops++;
  }
}

const requireFromHere = createRequire(import.meta.url);

/**
 * Runs `code` (a `js`/`ts`/`jsx`/`tsx` example) with `deferred` as the module
 * `eslint-plugin-callback-discipline/deferred` and reports what happened.
 */
export async function runExample(code: string, lang: string, deferred: DeferredModule): Promise<RuntimeReport> {
  const { outputText, diagnostics } = ts.transpileModule(code, {
    fileName: `example.${lang}`,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      jsx: ts.JsxEmit.React,
      allowJs: true,
    },
  });
  if (diagnostics?.length) {
    throw new Error(`the example does not transpile: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n')}`);
  }

  const thrown: unknown[] = [];
  const output: string[] = [];
  const guard = (fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      thrown.push(error);
    }
  };
  const timers = new VirtualTimers(guard);
  const reactor = new SandboxReactor(timers);

  const watched = new Set<DeferredLike>();
  const WatchedDeferred = new Proxy(deferred.Deferred, {
    construct(target, args, newTarget) {
      const d = Reflect.construct(target, args, newTarget) as DeferredLike;
      watched.add(d);
      return d;
    },
  });
  const sandboxModules: Record<string, unknown> = {
    [DEFERRED_SPECIFIER]: { ...deferred, Deferred: WatchedDeferred, __esModule: true },
  };
  const sandboxRequire = (specifier: string): unknown => {
    if (specifier in sandboxModules) return sandboxModules[specifier];
    if (isBuiltin(specifier)) return requireFromHere(specifier);
    throw new Error(`examples may import only ${DEFERRED_SPECIFIER} and Node built-ins, not "${specifier}"`);
  };
  const record = (stream: string) => (...args: unknown[]) => {
    output.push(`${stream}${args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ')}`);
  };
  const sandboxConsole = { log: record(''), info: record(''), warn: record('! '), error: record('! '), debug: record('') };
  const globals = {
    console: sandboxConsole,
    setTimeout: (fn: () => void, ms?: number, ...args: unknown[]) => timers.add(() => fn(...(args as [])), ms),
    setInterval: (fn: () => void, ms?: number, ...args: unknown[]) => timers.add(() => fn(...(args as [])), ms, Number(ms) || 0),
    setImmediate: (fn: () => void, ...args: unknown[]) => timers.add(() => fn(...(args as [])), 0),
    clearTimeout: (id: unknown) => timers.clear(id),
    clearInterval: (id: unknown) => timers.clear(id),
    clearImmediate: (id: unknown) => timers.clear(id),
    queueMicrotask: (fn: () => void) => queueMicrotask(() => guard(fn)),
    process: {
      nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => guard(() => fn(...args))),
      env: {},
      stdout: { write: (s: string) => output.push(s) },
      stderr: { write: (s: string) => output.push(`! ${s}`) },
    },
    reactor,
  };

  const module = { exports: {} as Record<string, unknown> };
  const names = ['exports', 'require', 'module', ...Object.keys(globals)];
  const wrapper = vm.runInThisContext(`(function (${names.join(', ')}) {${outputText}\n})`, {
    filename: `docs-example.${lang}`,
  }) as (...args: unknown[]) => void;

  const previousReporter = deferred.setUnhandledErrorReporter(() => {});
  try {
    guard(() => wrapper(module.exports, sandboxRequire, module, ...Object.values(globals)));
    await timers.drain();
  } finally {
    deferred.setUnhandledErrorReporter(previousReporter);
  }

  for (const value of Object.values(module.exports)) {
    if (value instanceof deferred.Deferred) watched.add(value as DeferredLike);
  }
  let pending = 0;
  const unhandled: unknown[] = [];
  for (const d of watched) {
    if (!d.called || d.paused !== 0) pending++;
    else if (d.result instanceof deferred.Failure) {
      unhandled.push(d.result.value);
      // Handled now, so that its garbage collection reports nothing later in the test run.
      d.addErrback(() => null);
    }
  }

  const isAlreadyCalled = (e: unknown) => e instanceof deferred.AlreadyCalledError;
  const outcomes: RuntimeOutcome[] = [];
  if (thrown.some(isAlreadyCalled) || unhandled.some(isAlreadyCalled)) outcomes.push('already-called');
  if (pending > 0) outcomes.push('hang');
  if (unhandled.some((e) => !isAlreadyCalled(e))) outcomes.push('lost-error');
  if (thrown.some((e) => !isAlreadyCalled(e))) outcomes.push('throws');
  if (outcomes.length === 0) outcomes.push('clean');
  return { outcomes, thrown, pending, unhandled, output };
}

/** Does `report` show `expected`? Returns a reason when it does not. */
export function checkOutcome(
  report: RuntimeReport,
  expected: { outcome: RuntimeOutcome; errorName?: string },
): string | undefined {
  const describe = () =>
    `observed ${report.outcomes.join(', ')}; thrown: [${report.thrown.map(errorText).join('; ')}]; ` +
    `unhandled: [${report.unhandled.map(errorText).join('; ')}]; pending Deferreds: ${report.pending}` +
    (report.output.length ? `; output:\n${report.output.join('\n')}` : '');
  const { outcome, errorName } = expected;
  if (outcome === 'clean') return report.outcomes.length === 1 && report.outcomes[0] === 'clean' ? undefined : describe();
  if (!report.outcomes.includes(outcome)) return `expected ${outcome}, ${describe()}`;
  // An unexpected exception (a typo, a missing declaration) would make any other outcome meaningless.
  if (outcome !== 'throws' && report.outcomes.includes('throws')) return `expected ${outcome} without other errors, ${describe()}`;
  if (errorName !== undefined && !report.thrown.some((e) => e instanceof Error && e.name === errorName)) {
    return `expected a thrown ${errorName}, ${describe()}`;
  }
  return undefined;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
