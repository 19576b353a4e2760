/**
 * Runs oracle scenarios over our Deferred (src/deferred) and records the same trace
 * scripts/oracle/twisted_runner.py records over Twisted. README.md specifies both; keep the two
 * interpreters in step when changing either.
 *
 * Unhandled errors: Twisted reports them when a Deferred holding an unhandled Failure is garbage
 * collected (the Python runner forces that with gc.collect() at the end of a scenario). Ours
 * reports through a FinalizationRegistry, whose callbacks no test can force. So the runtime is
 * loaded with a FinalizationRegistry of our own in place of the global one; it keeps every
 * registration, and at the end of a scenario the runner plays the collector: it drops the
 * scenario's Deferreds and calls the cleanup callback for each registration, exactly what the
 * engine would do once they are unreachable. The reports reach the trace through the public
 * replaceable reporter.
 */
import type * as DeferredModule from '../../src/deferred/index.js';
import {
  MAX_CALLS,
  MAX_DEPTH,
  RETURNING_OPS,
  SCENARIO_ERRORS,
  stepHead,
  type ErrorName,
  type Handler,
  type LibraryErrorName,
  type ScenarioErrorName,
  type Json,
  type Ret,
  type Scenario,
  type Step,
} from './scenario.js';

type Runtime = typeof DeferredModule;
type AnyDeferred = DeferredModule.Deferred<unknown>;
type AnyFailure = DeferredModule.Failure;
type HandlerFunction = (...args: unknown[]) => unknown;

/** A malformed scenario: a bug in the scenario, never part of a trace. */
export class ScenarioError extends Error {
  static {
    this.prototype.name = 'ScenarioError';
  }
}

// Scenario error classes: the JS twins of the Python classes in twisted_runner.py.
export class E1 extends Error {
  static {
    this.prototype.name = 'E1';
  }
}
export class E2 extends Error {
  static {
    this.prototype.name = 'E2';
  }
}
export class E3 extends Error {
  static {
    this.prototype.name = 'E3';
  }
}
export class E1Sub extends E1 {
  static {
    this.prototype.name = 'E1Sub';
  }
}
export class Runaway extends Error {
  static {
    this.prototype.name = 'Runaway';
  }
}

const SCENARIO_CLASSES: Record<ScenarioErrorName, new (message?: string) => Error> = {
  E1,
  E2,
  E3,
  E1Sub,
  Runaway,
};

// ---------------------------------------------------------------------------------------------
// Loading the runtime with an observable FinalizationRegistry.

interface Registration {
  target: object;
  held: unknown;
  cleanup: (held: unknown) => void;
}

let registrations: Registration[] = [];

class RecordingFinalizationRegistry {
  readonly #cleanup: (held: unknown) => void;
  readonly #byToken = new Map<object, Registration[]>();

  constructor(cleanup: (held: unknown) => void) {
    this.#cleanup = cleanup;
  }

  register(target: object, held: unknown, token?: object): void {
    const registration = { target, held, cleanup: this.#cleanup };
    registrations.push(registration);
    if (token !== undefined) this.#byToken.set(token, [...(this.#byToken.get(token) ?? []), registration]);
  }

  unregister(token: object): boolean {
    const registered = this.#byToken.get(token);
    if (registered === undefined) return false;
    this.#byToken.delete(token);
    registrations = registrations.filter((r) => !registered.includes(r));
    return true;
  }
}

let runtimePromise: Promise<Runtime> | undefined;

/**
 * Load src/deferred with the recording FinalizationRegistry. It must be the first load of the
 * module in this module graph (the registry is created when the module is evaluated); that is
 * checked, not assumed.
 */
export function loadRuntime(): Promise<Runtime> {
  runtimePromise ??= (async () => {
    const original = globalThis.FinalizationRegistry;
    globalThis.FinalizationRegistry = RecordingFinalizationRegistry as unknown as FinalizationRegistryConstructor;
    let runtime: Runtime;
    try {
      runtime = await import('../../src/deferred/index.js');
    } finally {
      globalThis.FinalizationRegistry = original;
    }
    const before = registrations.length;
    const probe = new runtime.Deferred<unknown>();
    probe.errback(new E1('probe'));
    const registered = registrations.length > before;
    registrations = [];
    if (!registered) {
      throw new Error(
        'src/deferred did not register its failing Deferred with the recording FinalizationRegistry: ' +
          'it was loaded before the oracle runner, or no longer reports through a FinalizationRegistry',
      );
    }
    return runtime;
  })();
  return runtimePromise;
}

// ---------------------------------------------------------------------------------------------
// The interpreter.

function copyJson(value: Json | undefined): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

class Run {
  readonly trace: string[] = [];
  readonly unhandled: string[] = [];
  readonly #rt: Runtime;
  readonly #scenario: Scenario;
  readonly #handlers: Record<string, Handler>;
  readonly #env = new Map<string, AnyDeferred>();
  readonly #names = new Map<AnyDeferred, string>();
  readonly #order: string[] = [];
  readonly #functions = new Map<string, HandlerFunction>();
  readonly #libraryClasses: Record<LibraryErrorName, abstract new (...args: never[]) => unknown>;
  #clock: DeferredModule.Clock | null;
  #depth = 0;
  #calls = 0;

  constructor(rt: Runtime, scenario: Scenario) {
    this.#rt = rt;
    this.#scenario = scenario;
    this.#handlers = scenario.handlers ?? {};
    this.#clock = new rt.Clock();
    this.#libraryClasses = {
      CancelledError: rt.CancelledError,
      TimeoutError: rt.TimeoutError,
      AlreadyCalledError: rt.AlreadyCalledError,
      FirstError: rt.FirstError,
      Exception: Error,
    };
  }

  emit(line: string): void {
    this.trace.push(line);
  }

  // -- recording ------------------------------------------------------------------------------

  show(v: unknown): string {
    const rt = this.#rt;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map((x) => this.show(x)).join(',')}]`;
    if (v instanceof rt.Failure) return `F(${this.showError(v.value)})`;
    if (v instanceof rt.Deferred) return `D(${this.#names.get(v) ?? '?'})`;
    if (v instanceof Error) return `X(${this.showError(v)})`;
    if (typeof v === 'function') return `T(${v === Error ? 'Exception' : v.name})`;
    if (typeof v === 'object') {
      const record = v as Record<string, unknown>;
      return `{${Object.keys(record)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${this.show(record[k])}`)
        .join(',')}}`;
    }
    return `?${typeof v}`;
  }

  showError(e: unknown): string {
    const rt = this.#rt;
    if (e instanceof rt.Failure) return this.showError(e.value);
    if (e instanceof rt.FirstError) return `FirstError#${e.index}<${this.show(e.subFailure)}>`;
    if (e instanceof Error) {
      // The stack overflowing is RecursionError in Python, "RangeError: Maximum call stack size
      // exceeded" in JS (cancel() of a Deferred waiting on itself recurses forever in both).
      if (e instanceof RangeError && /call stack/i.test(e.message)) return 'RecursionError';
      const name = e.constructor.name;
      if ((SCENARIO_ERRORS as readonly string[]).includes(name)) return e.message === '' ? name : `${name}:${e.message}`;
      return name === 'Error' ? 'Exception' : name;
    }
    return `?${typeof e}`;
  }

  state(): string {
    const parts = this.#order.map((name) => {
      const d = this.#env.get(name)!;
      const r = d.called ? this.show(d.result) : '-';
      return `${name}=${r}${d.paused !== 0 ? ` p${d.paused}` : ''}`;
    });
    return `= ${parts.join(' ')}`;
  }

  // -- naming ---------------------------------------------------------------------------------

  bind(name: string, d: AnyDeferred): void {
    if (this.#env.has(name)) throw new ScenarioError(`deferred name reused: ${name}`);
    this.#env.set(name, d);
    const existing = this.#names.get(d);
    if (existing !== undefined) {
      this.emit(`alias ${name}=${existing}`);
    } else {
      this.#names.set(d, name);
      this.#order.push(name);
    }
  }

  deferred(ref: string, arg: unknown): AnyDeferred {
    if (ref === '$arg') {
      if (!(arg instanceof this.#rt.Deferred)) throw new ScenarioError('$arg is not a Deferred');
      return arg;
    }
    const d = this.#env.get(ref);
    if (d === undefined) throw new ScenarioError(`unknown deferred ${ref}`);
    return d;
  }

  makeError(name: ErrorName, msg: string | undefined): Error {
    if (name === 'FirstError') throw new ScenarioError('FirstError cannot be raised by a scenario');
    if (name in SCENARIO_CLASSES) return new SCENARIO_CLASSES[name as keyof typeof SCENARIO_CLASSES](msg ?? '');
    const rt = this.#rt;
    switch (name) {
      case 'CancelledError':
        return msg ? new rt.CancelledError(msg) : new rt.CancelledError();
      case 'TimeoutError':
        return msg ? new rt.TimeoutError(msg) : new rt.TimeoutError();
      case 'AlreadyCalledError':
        return msg ? new rt.AlreadyCalledError(msg) : new rt.AlreadyCalledError();
      case 'Exception':
        return new Error(msg ?? '');
      default:
        throw new ScenarioError(`unknown error class ${String(name)}`);
    }
  }

  trapClass(name: ErrorName): abstract new (...args: never[]) => unknown {
    if (name in SCENARIO_CLASSES) return SCENARIO_CLASSES[name as ScenarioErrorName];
    if (name in this.#libraryClasses) return this.#libraryClasses[name as LibraryErrorName];
    throw new ScenarioError(`unknown error class ${String(name)}`);
  }

  // -- handlers -------------------------------------------------------------------------------

  handler(name: string): HandlerFunction;
  handler(name: string | null | undefined): HandlerFunction | null;
  handler(name: string | null | undefined): HandlerFunction | null {
    if (name === null || name === undefined) return null;
    const spec = this.#handlers[name];
    if (spec === undefined) throw new ScenarioError(`unknown handler ${name}`);
    let fn = this.#functions.get(name);
    if (fn === undefined) {
      fn = (...args: unknown[]): unknown => {
        this.emit(`${name}(${args.map((a) => this.show(a)).join(',')})`);
        this.#calls += 1;
        if (this.#depth >= MAX_DEPTH || this.#calls > MAX_CALLS) {
          this.emit(`${name} runaway`);
          throw new Runaway();
        }
        this.#depth += 1;
        try {
          const arg = args.length > 0 ? args[0] : null;
          const run = spec.run ?? [];
          for (const step of run) this.step(step, arg, name);
          if (run.length > 0) this.emit(`${name} end`);
          return this.ret(spec.ret ?? 'arg', arg);
        } finally {
          this.#depth -= 1;
        }
      };
      this.#functions.set(name, fn);
    }
    return fn;
  }

  ret(r: Ret, arg: unknown): unknown {
    if (r === 'arg') return arg;
    if (r === 'none') return undefined;
    if ('value' in r) return copyJson(r.value);
    if ('wrap' in r) return [r.wrap, arg];
    if ('add' in r) return typeof arg === 'number' ? arg + r.add : ['add', arg];
    if ('raise' in r) throw this.makeError(r.raise, r.msg);
    if ('failure' in r) return new this.#rt.Failure(this.makeError(r.failure, r.msg));
    if ('deferred' in r) return this.deferred(r.deferred, arg);
    throw new ScenarioError(`bad ret ${JSON.stringify(r)}`);
  }

  // -- steps ----------------------------------------------------------------------------------

  /** Inside a handler an exception is recorded and rethrown (the handler raises); at top level it is recorded only. */
  step(st: Step, arg: unknown, inside: string | null): void {
    try {
      this.execute(st, arg, inside);
    } catch (error) {
      if (error instanceof ScenarioError) throw error;
      if (inside === null) {
        this.emit(`! ${this.showError(error)}`);
      } else {
        this.emit(`${inside} ! ${st.op} ${this.showError(error)}`);
        throw error;
      }
    }
  }

  execute(st: Step, arg: unknown, inside: string | null): void {
    const rt = this.#rt;
    let r: unknown = undefined;
    switch (st.op) {
      case 'addCallback':
      case 'addErrback':
      case 'addBoth': {
        const d = this.deferred(st.d, arg);
        r = d[st.op](this.handler(st.h), ...(st.args ?? []));
        break;
      }
      case 'addCallbacks': {
        const d = this.deferred(st.d, arg);
        r = d.addCallbacks(this.handler(st.cb), this.handler(st.eb), {
          callbackArgs: st.cbArgs ?? [],
          errbackArgs: st.ebArgs ?? [],
        });
        break;
      }
      case 'callback': {
        const d = this.deferred(st.d, arg);
        if (st.deferred !== undefined) d.callback(this.deferred(st.deferred, arg));
        else if (st.failure !== undefined) d.callback(new rt.Failure(this.makeError(st.failure, st.msg)));
        else d.callback(copyJson(st.value));
        break;
      }
      case 'errback': {
        const d = this.deferred(st.d, arg);
        const e = this.makeError(st.error, st.msg);
        d.errback(st.wrap ? new rt.Failure(e) : e);
        break;
      }
      case 'pause':
      case 'unpause':
      case 'cancel':
        this.deferred(st.d, arg)[st.op]();
        break;
      case 'chainDeferred':
        r = this.deferred(st.d, arg).chainDeferred(this.deferred(st.to, arg));
        break;
      case 'addTimeout':
        r = this.deferred(st.d, arg).addTimeout(st.timeout, this.#clock!, this.handler(st.onTimeoutCancel));
        break;
      case 'advance':
        this.#clock!.advance(st.by);
        break;
      case 'new':
        this.bind(st.as, new rt.Deferred<unknown>(this.handler(st.canceller)));
        break;
      case 'succeed':
        this.bind(st.as, rt.succeed<unknown>(copyJson(st.value)));
        break;
      case 'fail': {
        const e = this.makeError(st.error, st.msg);
        this.bind(st.as, rt.fail(st.wrap ? new rt.Failure(e) : e));
        break;
      }
      case 'maybeDeferred':
        this.bind(st.as, rt.maybeDeferred(this.handler(st.h), ...(st.args ?? [])) as AnyDeferred);
        break;
      case 'DeferredList': {
        const ds = st.of.map((x) => this.deferred(x, arg));
        const list = new rt.DeferredList(ds, {
          fireOnOneCallback: st.fireOnOneCallback ?? false,
          fireOnOneErrback: st.fireOnOneErrback ?? false,
          consumeErrors: st.consumeErrors ?? false,
        });
        this.bind(st.as, list as unknown as AnyDeferred);
        break;
      }
      case 'gatherResults': {
        const ds = st.of.map((x) => this.deferred(x, arg));
        this.bind(st.as, rt.gatherResults(ds, { consumeErrors: st.consumeErrors ?? false }) as unknown as AnyDeferred);
        break;
      }
      case 'setDebugging':
        rt.setDebugging(st.on);
        break;
      case 'trap':
      case 'check': {
        if (inside === null) throw new ScenarioError(`${st.op} outside a handler`);
        if (!(arg instanceof rt.Failure)) {
          this.emit(`${inside} ${st.op} skipped`);
          return;
        }
        const failure = arg as AnyFailure;
        const types = st.types.map((t) => this.trapClass(t));
        if (st.op === 'trap') failure.trap(...types);
        else this.emit(`${inside} check ${this.show(failure.check(...types))}`);
        break;
      }
      default:
        throw new ScenarioError(`unknown op ${(st as { op: string }).op}`);
    }
    if (RETURNING_OPS.has(st.op) && inside === null) this.emit(`ret ${this.show(r)}`);
  }

  run(): void {
    for (const spec of this.#scenario.deferreds ?? []) {
      const { name, canceller } = typeof spec === 'string' ? { name: spec, canceller: undefined } : spec;
      this.bind(name, new this.#rt.Deferred<unknown>(this.handler(canceller)));
    }
    if (this.#scenario.debug) this.#rt.setDebugging(true);
    this.#scenario.steps.forEach((st, i) => {
      this.emit(stepHead(i, st));
      this.step(st, null, null);
      this.emit(this.state());
    });
  }

  /** Forget the scenario's objects, then collect them (see the module comment). */
  finish(): string[] {
    this.#env.clear();
    this.#names.clear();
    this.#functions.clear();
    this.#clock = null;
    const collected = registrations;
    registrations = [];
    for (const { held, cleanup } of collected) cleanup(held);
    return [...this.unhandled].sort();
  }
}

/** Run one scenario over our Deferred; returns its trace, or throws ScenarioError. */
export function runScenario(rt: Runtime, scenario: Scenario): string[] {
  const run = new Run(rt, scenario);
  registrations = [];
  const previous = rt.setUnhandledErrorReporter((failure, details) => {
    if (details.message === 'Unhandled error in Deferred:') run.unhandled.push(run.show(failure));
    else run.emit(`log ${run.show(failure)}`);
  });
  rt.setDebugging(false);
  try {
    try {
      run.run();
    } catch (error) {
      run.finish();
      throw error;
    }
    for (const u of run.finish()) run.trace.push(`unhandled ${u}`);
    return run.trace;
  } finally {
    rt.setUnhandledErrorReporter(previous);
    rt.setDebugging(false);
  }
}
