/**
 * Replay the recorded Twisted traces on our Deferred and show where they differ.
 *
 *   npx tsx scripts/oracle/compare.ts                 summary per group, first line of each mismatch
 *   npx tsx scripts/oracle/compare.ts ID-or-prefix…   full side-by-side traces of those scenarios
 *
 * The test (tests/deferred/oracle.test.ts) does the same comparison; this is the tool for reading
 * a mismatch.
 */
import { compareTraces } from './compare-traces.js';
import { loadRuntime, runScenario } from './runner.js';
import { readFixtures } from './sources.js';

const rt = await loadRuntime();
const filters = process.argv.slice(2);
let total = 0;
let failed = 0;
for (const [group, fixture] of readFixtures()) {
  let groupFailed = 0;
  for (const { scenario, trace } of fixture.scenarios) {
    const selected = filters.length === 0 || filters.some((f) => scenario.id === f || scenario.id.startsWith(f));
    if (!selected) continue;
    total++;
    let ours: string[];
    try {
      ours = runScenario(rt, scenario);
    } catch (error) {
      ours = [`<runner threw ${String(error)}>`];
    }
    const diff = compareTraces(trace, ours);
    if (diff === null) {
      if (filters.length > 0) console.log(`ok   ${scenario.id}`);
      continue;
    }
    failed++;
    groupFailed++;
    if (filters.length === 0) {
      console.log(`FAIL ${scenario.id}: line ${diff.line}: twisted ${JSON.stringify(diff.twisted)} ours ${JSON.stringify(diff.ours)}`);
    } else {
      console.log(`FAIL ${scenario.id}${scenario.doc === undefined ? '' : ` — ${scenario.doc}`}`);
      console.log(diff.sideBySide);
    }
  }
  if (filters.length === 0) console.log(`${group}: ${fixture.scenarios.length - groupFailed}/${fixture.scenarios.length} match`);
}
console.log(`${total - failed}/${total} scenarios match Twisted ${[...readFixtures().values()][0]?.twisted ?? ''}`);
process.exitCode = failed === 0 ? 0 : 1;
