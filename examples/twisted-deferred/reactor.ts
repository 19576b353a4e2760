/**
 * A tiny stand-in for Twisted's reactor, just enough for defer-8 and defer-9: functions queued
 * with `callWhenRunning` run when `run()` starts; `run()` keeps the process alive until `stop()`.
 * Unlike Twisted's `run()`, which blocks, ours returns a promise that settles when the reactor
 * stops (or rejects with the first error a startup function throws). It can be run again after
 * stopping, so tests can run the examples more than once.
 */
export class Reactor {
  #running = false;
  #startup: (() => void)[] = [];
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #stopped: (() => void) | undefined;

  get running(): boolean {
    return this.#running;
  }

  /** Call `fn(...args)` once the reactor is running (at once if it already is). */
  callWhenRunning<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    if (this.#running) fn(...args);
    else this.#startup.push(() => fn(...args));
  }

  /** Start the reactor and run the startup functions; settles when `stop()` is called. */
  run(): Promise<void> {
    if (this.#running) return Promise.reject(new Error('The reactor is already running'));
    this.#running = true;
    return new Promise<void>((resolve, reject) => {
      this.#stopped = resolve;
      this.#keepAlive = setInterval(() => {}, 1 << 30);
      try {
        for (const call of this.#startup.splice(0)) call();
      } catch (error) {
        this.#halt();
        reject(error);
      }
    });
  }

  /** Stop the reactor; Twisted raises if it is not running, and so do we. */
  stop(): void {
    if (!this.#running) throw new Error("Can't stop reactor that isn't running.");
    this.#halt()();
  }

  #halt(): () => void {
    this.#running = false;
    clearInterval(this.#keepAlive);
    const stopped = this.#stopped ?? (() => {});
    this.#stopped = undefined;
    return stopped;
  }
}

/** The reactor the examples use, as `from twisted.internet import reactor` in the lesson. */
export const reactor = new Reactor();
