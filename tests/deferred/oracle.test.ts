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

/** Why a scenario differs from Twisted 22.4; the details are in scripts/oracle/MISMATCHES.md. */
const causes = {
  'self-return':
    'a callback returning the Deferred it is attached to: Twisted 22.4 leaves that Deferred waiting on itself (paused, result = itself); ours fails it with a TypeError',
  'failthru-arity':
    'addCallbacks(cb, null, {errbackArgs}) with a failure: Twisted\'s default errback takes one argument and raises TypeError; ours passes the failure on',
} as const;

type Cause = keyof typeof causes;

const selfReturnInRandomPrograms = [
  'random/0018', 'random/0023', 'random/0058', 'random/0086', 'random/0104', 'random/0113',
  'random/0114', 'random/0121', 'random/0131', 'random/0135', 'random/0147', 'random/0155',
  'random/0156', 'random/0166', 'random/0174', 'random/0178', 'random/0182', 'random/0193',
  'random/0206', 'random/0219', 'random/0243', 'random/0248', 'random/0255', 'random/0267',
  'random/0272', 'random/0281', 'random/0292', 'random/0303', 'random/0315', 'random/0322',
  'random/0332', 'random/0333', 'random/0338', 'random/0346', 'random/0349', 'random/0358',
  'random/0361', 'random/0362', 'random/0381', 'random/0404', 'random/0406', 'random/0408',
  'random/0417', 'random/0434', 'random/0451', 'random/0473', 'random/0517', 'random/0526',
  'random/0529', 'random/0531', 'random/0536', 'random/0549', 'random/0551', 'random/0553',
  'random/0557', 'random/0564', 'random/0566', 'random/0581', 'random/0587', 'random/0590',
  'random/0599', 'random/0614', 'random/0618', 'random/0625', 'random/0629', 'random/0638',
  'random/0644', 'random/0664', 'random/0682', 'random/0689', 'random/0695', 'random/0696',
  'random/0703', 'random/0714', 'random/0744', 'random/0746', 'random/0752', 'random/0756',
  'random/0762', 'random/0763', 'random/0776', 'random/0790', 'random/0794', 'random/0827',
  'random/0845', 'random/0854', 'random/0855', 'random/0862', 'random/0873', 'random/0881',
  'random/0886', 'random/0888', 'random/0905', 'random/0908', 'random/0911', 'random/0919',
  'random/0944', 'random/0951', 'random/0961', 'random/0971', 'random/0976', 'random/0987',
  'random/0988', 'random/1000', 'random/1011', 'random/1015', 'random/1021', 'random/1022',
  'random/1037', 'random/1046', 'random/1053', 'random/1057', 'random/1082', 'random/1098',
  'random/1103', 'random/1114', 'random/1116', 'random/1128', 'random/1137', 'random/1166',
  'random/1169',
] as const;

const knownMismatches: Record<string, Cause> = {
  'chaining/circular-self-return': 'self-return',
  'firing/add-callbacks-null-errback-with-args': 'failthru-arity',
  ...Object.fromEntries(selfReturnInRandomPrograms.map((id) => [id, 'self-return' as const])),
};

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
