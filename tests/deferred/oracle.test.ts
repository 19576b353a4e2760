/**
 * Oracle tests: every scenario recorded from real Twisted 22.4 (tests/fixtures/oracle/, recorded by
 * `npm run oracle:record` from scripts/oracle/) is replayed on our Deferred, and the two traces must
 * be identical line for line. No Python is needed here.
 *
 * Scenarios on which our Deferred is known to differ from Twisted are listed in `knownMismatches`
 * below, with the cause (scripts/oracle/MISMATCHES.md has the diagnosis). They are printed, and they
 * must keep differing: once a cause is fixed, its entries fail here until they are removed. The list
 * is meant to become empty.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { compareTraces } from '../../scripts/oracle/compare-traces.js';
import { loadRuntime, runScenario } from '../../scripts/oracle/runner.js';
import { loadGroups, readFixtures } from '../../scripts/oracle/sources.js';

/**
 * Why a scenario differs from Twisted 22.4, when one must be accepted; the diagnosis goes in
 * scripts/oracle/MISMATCHES.md. Empty: every recorded scenario matches.
 */
const causes: Record<string, string> = {};

type Cause = string;

const knownMismatches: Record<string, Cause> = {};

const rt = await loadRuntime();
const fixtures = readFixtures();
const sources = loadGroups();

describe('oracle fixtures', () => {
  it('are recorded for every scenario group', () => {
    expect([...fixtures.keys()].sort()).toEqual(sources.map((g) => g.group).sort());
  });

  it.each(sources.map((g) => [g.group, g] as const))('%s: the recorded programs are the current scenarios (else run npm run oracle:record)', (_, group) => {
    const recorded = fixtures.get(group.group)?.scenarios.map((e) => e.scenario) ?? [];
    expect(JSON.parse(JSON.stringify(recorded))).toEqual(JSON.parse(JSON.stringify(group.scenarios)));
  });

  it('list only existing scenarios as known mismatches', () => {
    const ids = new Set(sources.flatMap((g) => g.scenarios.map((s) => s.id)));
    expect(Object.keys(knownMismatches).filter((id) => !ids.has(id))).toEqual([]);
  });
});

const seenKnown = new Map<Cause, string[]>();

for (const [group, fixture] of fixtures) {
  describe(`oracle: ${group} (Twisted ${fixture.twisted})`, () => {
    for (const { scenario, trace } of fixture.scenarios) {
      const cause = knownMismatches[scenario.id];
      if (cause === undefined) {
        it(scenario.id, () => {
          const ours = runScenario(rt, scenario);
          const diff = compareTraces(trace, ours);
          expect(ours, diff === null ? undefined : `${scenario.doc ?? scenario.id}\n${diff.sideBySide}`).toEqual(trace);
        });
      } else {
        it(`${scenario.id} [known mismatch: ${cause}]`, () => {
          seenKnown.set(cause, [...(seenKnown.get(cause) ?? []), scenario.id]);
          const diff = compareTraces(trace, runScenario(rt, scenario));
          expect(diff, `${scenario.id} now matches Twisted: remove it from knownMismatches`).not.toBeNull();
        });
      }
    }
  });
}

afterAll(() => {
  if (seenKnown.size === 0) return;
  const lines = [`Known mismatches with Twisted 22.4 (${Object.keys(knownMismatches).length}; see scripts/oracle/MISMATCHES.md):`];
  for (const [cause, ids] of seenKnown) {
    lines.push(`  ${cause} (${ids.length}): ${causes[cause]}`);
    lines.push(`    ${ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, … ${ids.length - 8} more` : ids.join(', ')}`);
  }
  console.warn(lines.join('\n'));
});
