/**
 * The command line, in a throw-away copy of the fixture project laid out as after `npm install`
 * (see makeConsumerProject): `--concurrency` and `--cache` give the same reports as a plain run,
 * a second cached run reads the cache, and a new plugin version invalidates it.
 *
 * How ESLint keys its cache: each file's entry stores a hash of ESLint's version, Node's version
 * and the file's config serialised with `Config#toJSON()`, which writes every plugin as
 * `namespace:meta.name@meta.version` (ESLint 9 and 10, lib/config/config.js and
 * lib/cli-engine/lint-result-cache.js). A plugin without `meta` cannot be cached at all; a plugin
 * whose version changes invalidates every entry. The tests check both halves: the serialised config
 * names our plugin with its version, and a cached result survives until the version changes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ESLINT_BIN,
  PACKAGE_NAME,
  REPO_ROOT,
  assertFreshBuild,
  makeConsumerProject,
  normalizeResults,
  readExpectations,
  type Expectations,
  type LintResultLike,
  type ReportsByFile,
} from './helpers.js';

type Major = 9 | 10;

/**
 * Runs ESLint's command line in `cwd` with the JSON formatter. ESLint 10 is run through
 * `node_modules/.bin/eslint`, as a user's npm script would; the ESLint 9 alias has no bin link.
 */
function cli(major: Major, cwd: string, args: string[]): { reports: ReportsByFile; status: number | null; stderr: string } {
  const [command, argv] =
    major === 10
      ? [path.join(REPO_ROOT, 'node_modules/.bin/eslint'), args]
      : [process.execPath, [ESLINT_BIN[9], ...args]];
  const child = spawnSync(command, [...argv, '--format', 'json', 'src'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '--no-warnings' },
  });
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`eslint exited with ${child.status}:\n${child.stderr}`);
  }
  const results = JSON.parse(child.stdout) as LintResultLike[];
  return { reports: normalizeResults(results, cwd), status: child.status, stderr: child.stderr };
}

function errorCount(reports: ReportsByFile): number {
  return Object.values(reports).reduce((n, list) => n + list.filter((r) => r.severity === 2).length, 0);
}

let expectations: Expectations;

beforeAll(() => {
  assertFreshBuild();
  expectations = readExpectations();
});

describe.each([10, 9] as const)('ESLint %i command line', (major) => {
  let project: ReturnType<typeof makeConsumerProject>;

  beforeAll(() => {
    project = makeConsumerProject();
  });
  afterAll(() => project.dispose());

  it('plain run: the expected reports and exit status', () => {
    const { reports, status } = cli(major, project.dir, []);
    expect(reports).toEqual(expectations.files);
    expect(status).toBe(errorCount(reports) > 0 ? 1 : 0);
  });

  it('--concurrency=2 (worker threads) gives the same reports', () => {
    expect(cli(major, project.dir, ['--concurrency=2']).reports).toEqual(expectations.files);
  });

  it('--concurrency=auto gives the same reports', () => {
    // "auto" starts threads only for more than 50 files per worker and at most half the cores; on a
    // small project it lints in the main thread. It must still load and run the same.
    expect(cli(major, project.dir, ['--concurrency=auto']).reports).toEqual(expectations.files);
  });

  it('the config ESLint hashes for its cache names the plugin with its version', async () => {
    const { ESLint } = (major === 10 ? await import('eslint') : await import('eslint-v9')) as typeof import('eslint');
    const eslint = new ESLint({ cwd: project.dir });
    const config = (await eslint.calculateConfigForFile(path.join(project.dir, 'src/deferred.js'))) as {
      toJSON?: () => unknown;
    };
    const version = (JSON.parse(readFileSync(path.join(project.pluginDir, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(JSON.stringify(config)).toContain(`"callback-discipline:${PACKAGE_NAME}@${version}"`);
  });

  it('--cache: the second run reads the cache; a new plugin version invalidates it', () => {
    const cacheArgs = ['--cache', '--cache-location', '.cache/eslint/'];
    const target = path.join(project.dir, 'src/deferred.js');
    const original = readFileSync(target, 'utf8');
    // Whole seconds, so that restoring the time after an edit is exact.
    const mtime = new Date(Math.floor(statSync(target).mtimeMs / 1000) * 1000 - 60_000);
    utimesSync(target, mtime, mtime);

    const first = cli(major, project.dir, cacheArgs);
    expect(first.reports).toEqual(expectations.files);
    expect(existsSync(path.join(project.dir, '.cache/eslint'))).toBe(true);

    // Same size, same modification time, but no longer parseable: only a run that trusts the
    // cache ("metadata" strategy, the default) still reports what the first run found.
    const broken = `}${original.slice(1)}`;
    writeFileSync(target, broken);
    utimesSync(target, mtime, mtime);
    const second = cli(major, project.dir, cacheArgs);
    expect(second.reports, 'the second run should come from the cache').toEqual(first.reports);

    const pkgFile = path.join(project.pluginDir, 'package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
    writeFileSync(pkgFile, JSON.stringify({ ...pkg, version: `${pkg.version}-next` }));
    const third = cli(major, project.dir, cacheArgs);
    const messages = third.reports['src/deferred.js'] ?? [];
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([[null, 1, 1]]);
    expect(messages[0]?.message).toMatch(/^Parsing error/);
    expect(third.status).toBe(1);

    const { ['src/deferred.js']: _, ...others } = third.reports;
    const { ['src/deferred.js']: __, ...expectedOthers } = expectations.files;
    expect(others).toEqual(expectedOthers);

    writeFileSync(pkgFile, JSON.stringify(pkg));
    writeFileSync(target, original);
  });
});
