/**
 * Where oracle scenarios come from (hand-written JSON groups and the seeded random group) and
 * where their recorded traces live. Shared by the record script and the replay test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateScenarios } from './generate.js';
import type { FixtureFile, Scenario, Step } from './scenario.js';

export const SCENARIO_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));
export const FIXTURE_DIR = fileURLToPath(new URL('../../tests/fixtures/oracle/', import.meta.url));
export const RANDOM_GROUP = 'random';

export interface ScenarioGroup {
  group: string;
  doc?: string;
  scenarios: Scenario[];
}

/** Every scenario group: the hand-written files in name order, then the random group. */
export function loadGroups(): ScenarioGroup[] {
  const groups: ScenarioGroup[] = [];
  for (const file of readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const group = JSON.parse(readFileSync(SCENARIO_DIR + file, 'utf8')) as ScenarioGroup;
    if (`${group.group}.json` !== file) throw new Error(`${file}: group is "${group.group}", expected the file name`);
    groups.push(group);
  }
  groups.push({ group: RANDOM_GROUP, doc: 'Seeded random programs (scripts/oracle/generate.ts).', scenarios: generateScenarios() });
  for (const group of groups) validateGroup(group);
  const ids = new Set<string>();
  for (const group of groups) {
    for (const s of group.scenarios) {
      if (ids.has(s.id)) throw new Error(`duplicate scenario id ${s.id}`);
      ids.add(s.id);
    }
  }
  return groups;
}

/** Static checks: ids, names bound before use, handlers defined. The interpreters check the rest. */
export function validateGroup(group: ScenarioGroup): void {
  for (const s of group.scenarios) {
    const where = `${group.group}: ${s.id}`;
    if (!s.id.startsWith(`${group.group}/`)) throw new Error(`${where}: id must start with "${group.group}/"`);
    const handlers = s.handlers ?? {};
    const bound = new Set<string>();
    const handler = (name: string | null | undefined): void => {
      if (name !== null && name !== undefined && !(name in handlers)) throw new Error(`${where}: unknown handler ${name}`);
    };
    for (const spec of s.deferreds ?? []) {
      const name = typeof spec === 'string' ? spec : spec.name;
      if (bound.has(name)) throw new Error(`${where}: deferred ${name} declared twice`);
      bound.add(name);
      if (typeof spec !== 'string') handler(spec.canceller);
    }
    // Names a handler may mention: declared ones plus any created by a step anywhere.
    const anywhere = new Set(bound);
    const collect = (steps: Step[]): void => {
      for (const st of steps) if ('as' in st) anywhere.add(st.as);
    };
    collect(s.steps);
    for (const h of Object.values(handlers)) collect(h.run ?? []);
    const checkSteps = (steps: Step[], names: Set<string>, inHandler: boolean): void => {
      for (const st of steps) {
        const refs: string[] = [];
        if ('d' in st) refs.push(st.d);
        if (st.op === 'chainDeferred') refs.push(st.to);
        if (st.op === 'callback' && st.deferred !== undefined) refs.push(st.deferred);
        if (st.op === 'DeferredList' || st.op === 'gatherResults') refs.push(...st.of);
        for (const ref of refs) {
          if (ref === '$arg' ? !inHandler : !names.has(ref)) throw new Error(`${where}: ${st.op} mentions unknown deferred ${ref}`);
        }
        if ('h' in st) handler(st.h);
        if (st.op === 'addCallbacks') {
          handler(st.cb);
          handler(st.eb);
        }
        if (st.op === 'addTimeout') handler(st.onTimeoutCancel);
        if (st.op === 'new') handler(st.canceller);
        if ((st.op === 'trap' || st.op === 'check') && !inHandler) throw new Error(`${where}: ${st.op} outside a handler`);
        if ('as' in st && !inHandler) names.add(st.as);
      }
    };
    checkSteps(s.steps, bound, false);
    for (const h of Object.values(handlers)) {
      checkSteps(h.run ?? [], anywhere, true);
      if (h.ret !== undefined && typeof h.ret === 'object' && 'deferred' in h.ret) {
        const ref = h.ret.deferred;
        if (ref !== '$arg' && !anywhere.has(ref)) throw new Error(`${where}: handler returns unknown deferred ${ref}`);
      }
    }
  }
}

export function fixturePath(group: string): string {
  return `${FIXTURE_DIR}${group}.json`;
}

/** Recorded fixture files, by group; missing files are absent. */
export function readFixtures(): Map<string, FixtureFile> {
  const fixtures = new Map<string, FixtureFile>();
  let files: string[];
  try {
    files = readdirSync(FIXTURE_DIR);
  } catch {
    return fixtures;
  }
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    const fixture = JSON.parse(readFileSync(FIXTURE_DIR + file, 'utf8')) as FixtureFile;
    fixtures.set(fixture.group, fixture);
  }
  return fixtures;
}

/** One scenario per line, one trace event per line: reviewable diffs, sane size. */
export function formatFixture(fixture: FixtureFile): string {
  const out: string[] = [];
  out.push('{');
  out.push(`  "group": ${JSON.stringify(fixture.group)},`);
  out.push(`  "twisted": ${JSON.stringify(fixture.twisted)},`);
  out.push('  "scenarios": [');
  fixture.scenarios.forEach((entry, i) => {
    out.push('    {');
    out.push(`      "scenario": ${JSON.stringify(entry.scenario)},`);
    out.push('      "trace": [');
    entry.trace.forEach((line, j) => out.push(`        ${JSON.stringify(line)}${j < entry.trace.length - 1 ? ',' : ''}`));
    out.push('      ]');
    out.push(`    }${i < fixture.scenarios.length - 1 ? ',' : ''}`);
  });
  out.push('  ]');
  out.push('}');
  return `${out.join('\n')}\n`;
}
