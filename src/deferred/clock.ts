/** A scheduled call that can still be cancelled: Twisted's `IDelayedCall`, reduced to what we use. */
export interface DelayedCall {
  /** True until the call has run or been cancelled. */
  active(): boolean;
  /** Stop the call from running. */
  cancel(): void;
}

/** Something that runs a function later: Twisted's `IReactorTime`, in milliseconds. */
export interface ReactorTime {
  callLater(delayMs: number, fn: () => void): DelayedCall;
}

/** The default clock of `addTimeout`: `setTimeout`. */
export const realClock: ReactorTime = {
  callLater(delayMs, fn) {
    let active = true;
    const handle = setTimeout(() => {
      active = false;
      fn();
    }, delayMs);
    return {
      active: () => active,
      cancel() {
        if (!active) throw new Error('DelayedCall has already run or been cancelled');
        active = false;
        clearTimeout(handle);
      },
    };
  },
};

interface ScheduledCall extends DelayedCall {
  readonly time: number;
  readonly seq: number;
  readonly fn: () => void;
  state: 'pending' | 'called' | 'cancelled';
}

/**
 * A clock that only moves when told to: Twisted's `twisted.internet.task.Clock`, for tests.
 * `advance(ms)` runs, in time order, every call that has come due.
 */
export class Clock implements ReactorTime {
  #now = 0;
  #seq = 0;
  #calls: ScheduledCall[] = [];

  /** Milliseconds since the clock was created, as advanced. */
  now(): number {
    return this.#now;
  }

  callLater<A extends unknown[]>(delayMs: number, fn: (...args: A) => void, ...args: A): DelayedCall {
    const calls = this.#calls;
    const call: ScheduledCall = {
      time: this.#now + delayMs,
      seq: this.#seq++,
      fn: () => fn(...args),
      state: 'pending',
      active: () => call.state === 'pending',
      cancel() {
        if (call.state !== 'pending') throw new Error(`DelayedCall has already been ${call.state}`);
        call.state = 'cancelled';
        calls.splice(calls.indexOf(call), 1);
      },
    };
    calls.push(call);
    return call;
  }

  /** Move time forward and run the calls that come due, including ones they schedule. */
  advance(ms: number): void {
    this.#now += ms;
    for (;;) {
      this.#calls.sort((a, b) => a.time - b.time || a.seq - b.seq);
      const next = this.#calls[0];
      if (next === undefined || next.time > this.#now) return;
      this.#calls.shift();
      next.state = 'called';
      next.fn();
    }
  }

  /** The calls still pending. */
  getDelayedCalls(): DelayedCall[] {
    return [...this.#calls];
  }
}
