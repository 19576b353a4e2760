/**
 * Just enough of Twisted's reactor for the poetry clients: `run()` keeps the program alive until
 * `stop()`, and a second `stop()` raises, as Twisted's does ("Can't stop reactor that isn't
 * running") — which is how a callback fired after its errback shows up at run time. `run()`
 * returns a promise that settles when the reactor stops, so a test can run a client more than once.
 */
export class Reactor {
  #stopped: (() => void) | undefined;
  #keepAlive: ReturnType<typeof setInterval> | undefined;

  get running(): boolean {
    return this.#stopped !== undefined;
  }

  run(): Promise<void> {
    if (this.running) return Promise.reject(new Error('The reactor is already running.'));
    return new Promise<void>((resolve) => {
      this.#stopped = resolve;
      this.#keepAlive = setInterval(() => {}, 1 << 30);
    });
  }

  stop(): void {
    const stopped = this.#stopped;
    if (stopped === undefined) throw new Error("Can't stop reactor that isn't running.");
    this.#stopped = undefined;
    clearInterval(this.#keepAlive);
    stopped();
  }
}

export const reactor = new Reactor();
