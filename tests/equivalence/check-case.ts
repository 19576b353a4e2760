import { expect, it } from 'vitest';
import type { EquivalenceCase } from './cases.js';
import { type Runtime, type Scenario, applySuggestion, lint, run } from './harness.js';

/**
 * The tests every suggestion case gets: it is reported with a suggestion; ESLint's application of
 * the suggestion gives the expected program; the original and the rewritten program leave the same
 * event trace when the source succeeds and when it fails (and in the case's extra scenarios); the
 * documented differences are exactly those.
 */
export function checkCase(c: EquivalenceCase, makeRuntime: () => Runtime): void {
  const options = c.options ?? {};

  it('is reported once, with a suggestion', () => {
    const messages = lint(c.code, options);
    expect(messages.map((m) => m.messageId)).toEqual([c.messageId]);
    expect(messages[0]!.suggestions).toHaveLength(1);
  });

  it('gives the expected program when ESLint applies the suggestion', () => {
    const fixed = applySuggestion(c.code, options);
    // The suggestion's own fix, applied by hand as RuleTester does, gives the same text.
    const fix = lint(c.code, options)[0]!.suggestions![0]!.fix;
    expect(c.code.slice(0, fix.range[0]) + fix.text + c.code.slice(fix.range[1])).toBe(fixed);
    if (c.expectedOutput !== undefined) expect(fixed).toBe(c.expectedOutput);
    // The rewritten program parses and no longer has this report.
    expect(lint(fixed, options).map((m) => m.messageId)).not.toContain(c.messageId);
  });

  const scenarios: Scenario[] = c.errorPathChanges
    ? [{ outcome: 'value' }]
    : [{ outcome: 'value' }, { outcome: 'error' }, ...(c.alsoEqual ?? [])];
  if (c.runtime === 'plain' && !c.errorPathChanges && !c.alsoEqual?.some((s) => s.throwing?.includes('work'))) {
    // Synchronous programs fail when their own work throws.
    scenarios.push({ outcome: 'value', throwing: ['work'] });
  }
  for (const scenario of scenarios) {
    it(`keeps the trace: ${describeScenario(scenario)}`, async () => {
      const fixed = applySuggestion(c.code, options);
      const original = await run(c.code, makeRuntime, scenario);
      const rewritten = await run(fixed, makeRuntime, scenario);
      expect(original.length).toBeGreaterThan(0);
      expect(rewritten).toEqual(original);
    });
  }

  if (c.errorPathChanges) {
    const { original, fixed } = c.errorPathChanges;
    it('changes the error path as intended: the cleanup now runs there too', async () => {
      const rewritten = applySuggestion(c.code, options);
      expect(await run(c.code, makeRuntime, { outcome: 'error' })).toEqual(original);
      expect(await run(rewritten, makeRuntime, { outcome: 'error' })).toEqual(fixed);
    });
  }

  for (const difference of c.differs ?? []) {
    it(`differs on purpose (${describeScenario(difference.scenario)}): ${difference.why}`, async () => {
      const rewritten = applySuggestion(c.code, options);
      expect(await run(c.code, makeRuntime, difference.scenario)).toEqual(difference.original);
      expect(await run(rewritten, makeRuntime, difference.scenario)).toEqual(difference.fixed);
    });
  }
}

export function describeScenario(scenario: Scenario): string {
  const fired = scenario.outcome === 'value' ? 'fired with a value' : 'fired with an error';
  return scenario.throwing?.length ? `${fired}, ${scenario.throwing.join(' and ')} throwing` : fired;
}
