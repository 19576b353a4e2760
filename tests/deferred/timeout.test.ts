import { describe, expect, it } from 'vitest';
import { CancelledError, Clock, Deferred, Failure, TimeoutError, realClock } from '../../src/deferred/index.js';
import { collectUnhandledErrors, expectNoResult, failureResultOf, successResultOf } from './helpers.js';

collectUnhandledErrors();

const overridden = (): string => 'OVERRIDDEN';

describe('addTimeout', () => {
  it('returns the Deferred, so the chain goes on', () => {
    const d = new Deferred<null>();
    expect(d.addTimeout(5, new Clock())).toBe(d);
    d.addCallback(() => 'done');
    d.callback(null);
    expect(successResultOf(d)).toBe('done');
  });

  it('fails with TimeoutError when no result comes in time', () => {
    const clock = new Clock();
    const d = new Deferred<null>();
    d.addTimeout(10, clock);
    clock.advance(9);
    expectNoResult(d);
    clock.advance(1);
    const failure = failureResultOf(d, TimeoutError);
    expect(failure.value).toMatchObject({ name: 'TimeoutError', message: 'Deferred timed out after 10 ms', timeout: 10 });
  });

  it.each([undefined, overridden])('does not cancel after a success (onTimeoutCancel: %s)', (onTimeoutCancel) => {
    const clock = new Clock();
    const d = new Deferred<string>();
    d.addTimeout(10, clock, onTimeoutCancel);
    const inner = new Deferred<null>();
    const seen: string[] = [];
    d.addCallback((r) => {
      seen.push(r);
      return inner;
    });
    d.callback('results');
    expect(seen).toEqual(['results']);
    expect(clock.getDelayedCalls()).toEqual([]);
    clock.advance(15);
    expectNoResult(inner);
  });

  it.each([undefined, overridden])('does not cancel after a failure (onTimeoutCancel: %s)', (onTimeoutCancel) => {
    const clock = new Clock();
    const d = new Deferred<null>();
    d.addTimeout(10, clock, onTimeoutCancel);
    const inner = new Deferred<null>();
    const error = new RangeError('fail');
    const seen: Failure[] = [];
    d.addErrback((f) => {
      seen.push(f);
      return inner;
    });
    d.errback(error);
    expect(seen[0]?.value).toBe(error);
    clock.advance(15);
    expectNoResult(inner);
  });

  it('uses onTimeoutCancel to translate the timeout', () => {
    const clock = new Clock();
    const d = new Deferred<null>();
    d.addTimeout(10, clock, (value, timeout) => [value instanceof Failure ? value.type : value, timeout]);
    clock.advance(15);
    expect(successResultOf(d)).toEqual([CancelledError, 10]);
  });

  it('keeps the result of a canceller that callbacks', () => {
    const clock = new Clock();
    const d = new Deferred<string>((self) => self.callback('I was cancelled!'));
    d.addTimeout(10, clock);
    clock.advance(15);
    expect(successResultOf(d)).toBe('I was cancelled!');
  });

  it('keeps a canceller failure other than CancelledError', () => {
    const clock = new Clock();
    const error = new RangeError('what!');
    const d = new Deferred<null>((self) => self.errback(error));
    d.addTimeout(10, clock);
    clock.advance(15);
    expect(failureResultOf(d, RangeError).value).toBe(error);
  });

  it('passes a canceller failure to a custom onTimeoutCancel', () => {
    const clock = new Clock();
    const d = new Deferred<null>((self) => self.errback(new RangeError('what!')));
    d.addTimeout(10, clock, overridden);
    clock.advance(15);
    expect(successResultOf(d)).toBe('OVERRIDDEN');
  });

  it.each([undefined, overridden])('leaves a manual cancel before the timeout alone (onTimeoutCancel: %s)', (onTimeoutCancel) => {
    const clock = new Clock();
    const d = new Deferred<null>();
    d.addTimeout(10, clock, onTimeoutCancel);
    const inner = new Deferred<null>();
    const seen: Failure[] = [];
    d.addErrback((f) => {
      seen.push(f);
      return inner;
    });
    d.cancel();
    expect(seen.map((f) => f.type)).toEqual([CancelledError]);
    clock.advance(15);
    expectNoResult(inner);
  });

  it('translates a CancelledError passed on by an errback added before the timeout', () => {
    const clock = new Clock();
    const d = new Deferred<null>();
    const seen: Failure[] = [];
    d.addErrback((f) => {
      seen.push(f);
      return f;
    });
    d.addTimeout(10, clock);
    clock.advance(15);
    expect(seen.map((f) => f.type)).toEqual([CancelledError]);
    failureResultOf(d, TimeoutError);
  });

  it('succeeds when an errback added before the timeout traps the CancelledError', () => {
    const clock = new Clock();
    const d = new Deferred<null>();
    d.addErrback((f) => {
      f.trap(CancelledError);
    });
    d.addTimeout(10, clock);
    clock.advance(15);
    expect(successResultOf(d)).toBeUndefined();
  });

  it('runs a custom onTimeoutCancel even after an earlier errback recovered', () => {
    const clock = new Clock();
    const d = new Deferred<null>();
    d.addErrback(() => {});
    d.addTimeout(10, clock, overridden);
    clock.advance(15);
    expect(successResultOf(d)).toBe('OVERRIDDEN');
  });

  it('lets callbacks added before the timeout run on a canceller result', () => {
    const clock = new Clock();
    const d = new Deferred<string>((self) => self.callback('success'));
    const seen: string[] = [];
    d.addCallback((r) => {
      seen.push(r);
      return r;
    });
    d.addTimeout(10, clock);
    clock.advance(15);
    expect(seen).toEqual(['success']);
    expect(successResultOf(d)).toBe('success');
  });

  it('times out with the real clock by default', async () => {
    const d = new Deferred<string>();
    d.addTimeout(1);
    await expect(d).rejects.toBeInstanceOf(TimeoutError);
  });

  it('cancels the real timer when the result comes first', () => {
    let active: (() => boolean) | undefined;
    const spyClock = {
      callLater(ms: number, fn: () => void) {
        const call = realClock.callLater(ms, fn);
        active = () => call.active();
        return call;
      },
    };
    const d = new Deferred<string>();
    d.addTimeout(60_000, spyClock);
    expect(active?.()).toBe(true);
    d.callback('fast');
    expect(active?.()).toBe(false);
  });
});

describe('Clock', () => {
  it('runs due calls in time order, with their arguments, including calls they schedule', () => {
    const clock = new Clock();
    const log: string[] = [];
    clock.callLater(20, (s: string) => log.push(s), 'b');
    clock.callLater(10, (s: string) => {
      log.push(s);
      // time has already moved to 15: a call due by then runs in the same advance
      clock.callLater(0, () => log.push('nested'));
      clock.callLater(1, () => log.push('later'));
    }, 'a');
    clock.callLater(10, () => log.push('a2'));
    clock.advance(15);
    expect(log).toEqual(['a', 'a2', 'nested']);
    expect(clock.now()).toBe(15);
    clock.advance(5);
    expect(log).toEqual(['a', 'a2', 'nested', 'later', 'b']);
  });

  it('cancels calls, and refuses to cancel twice or after running', () => {
    const clock = new Clock();
    const log: string[] = [];
    const call = clock.callLater(1, () => log.push('x'));
    expect(clock.getDelayedCalls()).toHaveLength(1);
    call.cancel();
    expect(call.active()).toBe(false);
    expect(() => call.cancel()).toThrow('DelayedCall has already been cancelled');
    const ran = clock.callLater(1, () => log.push('y'));
    clock.advance(1);
    expect(log).toEqual(['y']);
    expect(() => ran.cancel()).toThrow('DelayedCall has already been called');
  });
});
