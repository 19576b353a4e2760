import { describe, expect, it } from 'vitest';
import { Deferred, Failure } from '../../src/deferred/index.js';
import { GenericError, collectUnhandledErrors, failureResultOf, successResultOf } from './helpers.js';

collectUnhandledErrors();

describe('switching between the success and error chains', () => {
  it('a callback that throws sends the error to the next errback', () => {
    const errors: Failure[] = [];
    const d = new Deferred<number>();
    d.addCallback(() => {
      throw new RangeError('divide by zero');
    }).addErrback((f) => errors.push(f));
    d.callback(1);
    expect(errors[0]?.value).toBeInstanceOf(RangeError);
  });

  it('a callback that returns a Failure switches to the error chain', () => {
    const errors: Failure[] = [];
    const failure = new Failure(new RangeError('x'));
    const d = new Deferred<number>();
    d.addCallback(() => failure).addErrback((f) => errors.push(f));
    d.callback(1);
    expect(errors).toEqual([failure]);
  });

  it('a callback that throws a Failure switches with that very Failure', () => {
    const failure = new Failure(new RangeError('x'));
    const d = new Deferred<number>();
    d.addCallback(() => {
      throw failure;
    });
    d.callback(1);
    expect(failureResultOf(d)).toBe(failure);
  });

  it('skips callbacks on the error chain and errbacks on the success chain', () => {
    const trace: string[] = [];
    const d = new Deferred<string>();
    d.addErrback(() => trace.push('eb1'))
      .addCallback((r) => {
        trace.push(`cb1 ${r}`);
        throw new Error('e');
      })
      .addCallback(() => trace.push('cb2'))
      .addErrback((f) => {
        trace.push(`eb2 ${f.getErrorMessage()}`);
        return 'recovered';
      })
      .addCallback((r) => trace.push(`cb3 ${r}`));
    d.callback('go');
    expect(trace).toEqual(['cb1 go', 'eb2 e', 'cb3 recovered']);
  });

  it('an errback that returns nothing recovers with undefined', () => {
    const d = new Deferred<string>();
    d.addErrback(() => {});
    d.errback(new Error('x'));
    expect(successResultOf(d)).toBeUndefined();
  });

  it('an errback that rethrows keeps the error chain going with the same value', () => {
    const error = new GenericError('x');
    const d = new Deferred<string>();
    d.addErrback((f) => {
      throw f.value;
    });
    d.errback(error);
    expect(failureResultOf(d).value).toBe(error);
  });

  it('addBoth runs on both chains and its return value decides the side', () => {
    const seen: unknown[] = [];
    const ok = new Deferred<string>();
    ok.addBoth((r) => {
      seen.push(r);
      return 'after ok';
    });
    ok.callback('ok');
    const bad = new Deferred<string>();
    bad.addBoth((r) => {
      seen.push(r instanceof Failure ? r.getErrorMessage() : r);
      return r;
    });
    bad.errback(new Error('bad'));
    expect(seen).toEqual(['ok', 'bad']);
    expect(successResultOf(ok)).toBe('after ok');
    failureResultOf(bad);
  });
});

describe('trap and check', () => {
  class SubError extends GenericError {}

  it('check returns the first listed type that matches, or null', () => {
    const failure = new Failure(new SubError('x'));
    expect(failure.check(TypeError, GenericError, SubError)).toBe(GenericError);
    expect(failure.check(SubError, Error)).toBe(SubError);
    expect(failure.check(TypeError, RangeError)).toBeNull();
    expect(failure.check()).toBeNull();
  });

  it('check matches class names along the prototype chain', () => {
    const failure = new Failure(new SubError('x'));
    expect(failure.check('SubError')).toBe('SubError');
    expect(failure.check('GenericError')).toBe('GenericError');
    expect(failure.check('Error')).toBe('Error');
    expect(failure.check('TypeError')).toBeNull();
  });

  it('check matches primitive values by their constructor', () => {
    expect(new Failure('boom').check(String)).toBe(String);
    expect(new Failure('boom').check(Error)).toBeNull();
    expect(new Failure(undefined).check(Error, String)).toBeNull();
  });

  it('trap in an errback returns the type for a match and lets the chain recover', () => {
    const d = new Deferred<string>();
    const trapped: unknown[] = [];
    d.addErrback((f) => {
      trapped.push(f.trap(RangeError, GenericError));
      return 'handled';
    });
    d.errback(new SubError('x'));
    expect(trapped).toEqual([GenericError]);
    expect(successResultOf(d)).toBe('handled');
  });

  it('trap rethrows an unexpected error so the next errback sees the same value', () => {
    const error = new TypeError('not mine');
    const d = new Deferred<string>();
    const after: string[] = [];
    d.addErrback((f) => {
      f.trap(RangeError);
      after.push('not reached');
    });
    d.errback(error);
    expect(after).toEqual([]);
    const failure = failureResultOf(d);
    expect(failure.value).toBe(error);
    expect(failure.type).toBe(TypeError);
  });
});

describe('Failure', () => {
  it('exposes value, type and the error message', () => {
    const error = new RangeError('I have failed.');
    const failure = new Failure(error);
    expect(failure.value).toBe(error);
    expect(failure.type).toBe(RangeError);
    expect(failure.getErrorMessage()).toBe('I have failed.');
    expect(String(failure)).toBe('[Failure instance: RangeError: I have failed.]');
    expect(failure.getTraceback()).toBe(error.stack);
  });

  it('wraps any thrown value', () => {
    expect(String(new Failure('boom'))).toBe('[Failure instance: String: boom]');
    expect(new Failure(42).type).toBe(Number);
    expect(new Failure(null).type).toBeUndefined();
    expect(String(new Failure(undefined))).toBe('[Failure instance: undefined: undefined]');
    expect(new Failure({ code: 'E' }).getTraceback()).toBe('Object: [object Object]');
  });

  it('names errors by their name property', () => {
    class ConnectionLost extends Error {
      override name = 'ConnectionLost';
    }
    expect(String(new Failure(new ConnectionLost('gone')))).toBe('[Failure instance: ConnectionLost: gone]');
  });

  it('copies a wrapped Failure', () => {
    const error = new Error('x');
    const inner = new Failure(error);
    const outer = new Failure(inner);
    expect(outer).not.toBe(inner);
    expect(outer.value).toBe(error);
    expect(outer.type).toBe(Error);
  });

  it('with no argument wraps an Error that says so', () => {
    const failure = new Failure();
    expect(failure.type).toBe(Error);
    expect(failure.getErrorMessage()).toBe('Failure created without an error (pass the caught error explicitly)');
  });

  it('raiseException throws the value', () => {
    const error = new Error('x');
    expect(() => new Failure(error).raiseException()).toThrow(error);
  });

  it('survives values whose conversion to string throws', () => {
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(new Failure(hostile).getErrorMessage()).toBe('[object Object]');
    expect(new Failure(Object.create(null)).getErrorMessage()).toBe('[object Object]');
  });
});
