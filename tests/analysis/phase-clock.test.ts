import { afterEach, describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import plugin from '../../src/index.js';
import { endPhase, phaseClock, resetPhaseClock, startPhase, timed } from '../../src/analysis/phase-clock.js';

afterEach(() => {
  phaseClock.on = false;
  phaseClock.rule = '';
  resetPhaseClock();
});

/** Busy-waits `ms` milliseconds (the clock measures real time). */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('phase clock', () => {
  it('bills nested phases exclusively, to the rule running', () => {
    phaseClock.on = true;
    phaseClock.rule = 'r';
    startPhase('exit');
    timed('engine', undefined, () => {
      spin(4);
      timed('uses', undefined, spin, 8);
    });
    endPhase('exit');
    const ms = phaseClock.ms.get('r')!;
    // The engine's own 4 ms, not the 12 ms it was open; the rule's whole exit keeps everything.
    expect(ms.get('uses')!).toBeGreaterThanOrEqual(8);
    expect(ms.get('engine')!).toBeGreaterThanOrEqual(4);
    expect(ms.get('engine')!).toBeLessThan(ms.get('uses')!);
    expect(ms.get('exit')!).toBeGreaterThanOrEqual(ms.get('engine')! + ms.get('uses')!);
  });

  it('rejects phases ended out of order', () => {
    phaseClock.on = true;
    startPhase('exit');
    startPhase('uses');
    expect(() => endPhase('exit')).toThrow('phase clock: exit ended while uses was open');
  });

  it('splits a real lint: discovery and uses under the rule that asks first, the engine under the rules that need it', () => {
    const code = 'function f(cb) { cb("boom"); cb(null, 1); }\n';
    const lint = (): string[] =>
      new Linter({ configType: 'flat' })
        .verify(code, [{ plugins: { cd: plugin }, rules: { 'cd/errback-with-error': 'error', 'cd/no-double-fire': 'error' } }])
        .map((m) => m.ruleId!);
    const off = lint();
    // Off, the clock records nothing.
    expect(phaseClock.ms.size).toBe(0);
    phaseClock.on = true;
    // The same reports with the clock on.
    expect(lint()).toEqual(off);
    expect(off).toEqual(['cd/errback-with-error', 'cd/no-double-fire']);
    const first = phaseClock.ms.get('errback-with-error')!;
    const second = phaseClock.ms.get('no-double-fire')!;
    expect([...first.keys()].sort()).toEqual(['discovery', 'exit', 'uses']);
    expect([...second.keys()].sort()).toEqual(['engine', 'exit']);
    expect(phaseClock.rule).toBe('');
  });

  it('bills the chain and callback models to the first rule that builds them', () => {
    phaseClock.on = true;
    const code = 'p.then(function (v) { use(v); });\nfs.readFile(f, function (err, data) { use(data); });\n';
    const messages = new Linter({ configType: 'flat' }).verify(code, [
      { plugins: { cd: plugin }, rules: { 'cd/no-dropped-result': 'error', 'cd/require-errback': 'error' } },
    ]);
    expect(messages.map((m) => m.ruleId)).toEqual(['cd/require-errback', 'cd/require-errback']);
    const phasesOf = (rule: string): string[] => [...(phaseClock.ms.get(rule)?.keys() ?? [])].sort();
    expect(phasesOf('no-dropped-result')).toEqual(['chain model', 'exit']);
    expect(phasesOf('require-errback')).toEqual(['callback model', 'exit']);
  });
});
