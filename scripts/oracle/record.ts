/**
 * Record oracle traces from real Twisted into tests/fixtures/oracle/.
 *
 *   npm run oracle:record            re-record every group, report what changed
 *   npm run oracle:check             re-record into memory; exit 1 if any fixture is stale
 *   … -- --group cancel              only that group (repeatable)
 *
 * Twisted is Debian's python3-twisted (22.4) under /usr/bin/python3; it is installed with apt-get
 * when `import twisted` fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FixtureFile, RecordedScenario, Scenario } from './scenario.js';
import { FIXTURE_DIR, fixturePath, formatFixture, loadGroups, readFixtures } from './sources.js';

const PYTHON = '/usr/bin/python3';
const RUNNER = fileURLToPath(new URL('./twisted_runner.py', import.meta.url));
const EXPECTED_TWISTED = '22.4.0';

function twistedVersion(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import twisted; print(twisted.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

function ensureTwisted(): string {
  let version = twistedVersion();
  if (version === null) {
    console.log('Twisted is not importable; installing python3-twisted with apt-get …');
    const install = spawnSync('apt-get', ['install', '-y', 'python3-twisted'], { stdio: 'inherit' });
    if (install.status !== 0) throw new Error('apt-get install -y python3-twisted failed');
    version = twistedVersion();
    if (version === null) throw new Error('python3-twisted installed, but `import twisted` still fails');
  }
  if (version !== EXPECTED_TWISTED) {
    console.warn(`warning: Twisted ${version}, the fixtures follow ${EXPECTED_TWISTED}; differences are expected`);
  }
  return version;
}

interface RunnerResult {
  id: string;
  trace?: string[];
  error?: string;
}

function runTwisted(scenarios: Scenario[]): Map<string, string[]> {
  const run = spawnSync(PYTHON, [RUNNER], {
    input: JSON.stringify(scenarios),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0) throw new Error(`twisted_runner.py failed (${run.status}):\n${run.stderr}`);
  const results = JSON.parse(run.stdout) as RunnerResult[];
  const errors = results.filter((r) => r.error !== undefined);
  if (errors.length > 0) {
    throw new Error(`${errors.length} scenario(s) could not run:\n${errors.map((e) => `${e.id}: ${e.error}`).join('\n')}`);
  }
  return new Map(results.map((r) => [r.id, r.trace!]));
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const only = new Set<string>();
  argv.forEach((arg, i) => {
    if (arg === '--group' && argv[i + 1] !== undefined) only.add(argv[i + 1]!);
  });

  const groups = loadGroups().filter((g) => only.size === 0 || only.has(g.group));
  if (groups.length === 0) throw new Error(`no such group: ${[...only].join(', ')}`);
  const version = ensureTwisted();
  const traces = runTwisted(groups.flatMap((g) => g.scenarios));
  const existing = readFixtures();

  let total = 0;
  let changedTotal = 0;
  const stale: string[] = [];
  mkdirSync(FIXTURE_DIR, { recursive: true });
  console.log(`Twisted ${version}`);
  console.log('group              scenarios   new  removed  program  trace');
  for (const group of groups) {
    const old = new Map((existing.get(group.group)?.scenarios ?? []).map((e) => [e.scenario.id, e]));
    const entries: RecordedScenario[] = group.scenarios.map((scenario) => ({ scenario, trace: traces.get(scenario.id)! }));
    let added = 0;
    let program = 0;
    let trace = 0;
    for (const entry of entries) {
      const before = old.get(entry.scenario.id);
      if (before === undefined) added++;
      else {
        if (JSON.stringify(before.scenario) !== JSON.stringify(entry.scenario)) program++;
        if (JSON.stringify(before.trace) !== JSON.stringify(entry.trace)) trace++;
      }
    }
    const ids = new Set(entries.map((e) => e.scenario.id));
    const removed = [...old.keys()].filter((id) => !ids.has(id)).length;
    const fixture: FixtureFile = { group: group.group, twisted: version, scenarios: entries };
    const text = formatFixture(fixture);
    const changed = added + removed + program + trace;
    total += entries.length;
    changedTotal += changed;
    console.log(
      `${group.group.padEnd(18)} ${String(entries.length).padStart(9)} ${String(added).padStart(5)} ${String(removed).padStart(8)} ${String(program).padStart(8)} ${String(trace).padStart(6)}`,
    );
    if (check) {
      if (changed > 0 || existing.get(group.group)?.twisted !== version) stale.push(group.group);
    } else {
      writeFileSync(fixturePath(group.group), text);
    }
  }
  console.log(`${total} scenarios, ${changedTotal} changed (new, removed, or with a different program or trace)`);
  if (check && stale.length > 0) {
    console.error(`stale fixtures: ${stale.join(', ')} — run npm run oracle:record`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
