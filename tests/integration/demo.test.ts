/**
 * The demo's logic (scripts/demo.ts), step by step, and the example it teaches with:
 * examples/poetry-client/buggy is reported for each annotated bug (`// Bug (rule): …`) by rules the
 * recommended config has, the no-duplicate-cleanup suggestion turns the buggy handlers into exactly
 * the fixed ones, the fixed client is clean — and the fixed clients really download a poem.
 */
import plugin from 'eslint-plugin-callback-discipline';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPoetryServer, refusedPort, POEM, type PoetryServer } from '../../examples/poetry-client/poetry-server.js';
import {
  CLEANUP_RULE,
  EXAMPLE_DIR,
  annotatedBugs,
  applyFix,
  createLinter,
  demoMode,
  findCleanupSuggestion,
  lineDiff,
  lintVersion,
  region,
  runClient,
  runDemo,
} from '../../scripts/demo.js';
import { assertFreshBuild } from './helpers.js';

const recommended = new Set(Object.keys(plugin.configs.recommended.rules ?? {}));
const LINTS = demoMode() === 'lint';

describe('demo mode', () => {
  it('lints when the recommended config has rules, and shows the lesson examples otherwise', () => {
    expect(demoMode({ configs: { recommended: { rules: {} } } })).toBe('lesson');
    expect(demoMode({ configs: { recommended: {} } })).toBe('lesson');
    expect(demoMode({ configs: { recommended: { rules: { 'callback-discipline/x': 'error' } } } })).toBe('lint');
  });
});

describe('lineDiff', () => {
  it('shows removed, added and kept lines with their old and new numbers', () => {
    expect(lineDiff('a\nb\nc\nd\ne', 'a\nb\nC\nd\nx\ne')).toEqual([
      '  2 2 │ b',
      '- 3   │ c',
      '+   3 │ C',
      '  4 4 │ d',
      '+   5 │ x',
      '  5 6 │ e',
    ]);
  });
});

describe('the poetry client, linted', () => {
  let buggy: Awaited<ReturnType<typeof lintVersion>>;
  let fixed: Awaited<ReturnType<typeof lintVersion>>;

  beforeAll(async () => {
    assertFreshBuild();
    const eslint = createLinter();
    [buggy, fixed] = await Promise.all([lintVersion(eslint, 'buggy'), lintVersion(eslint, 'fixed')]);
  });

  it('annotates at least the lesson’s three bugs', () => {
    expect(annotatedBugs().map((b) => b.rule)).toEqual(expect.arrayContaining(['no-double-fire', 'no-hanging-path', 'no-duplicate-cleanup']));
  });

  it.skipIf(!LINTS)('reports in each buggy file exactly the rules of its annotated bugs (those in the recommended config)', () => {
    for (const result of buggy) {
      const expected = new Set(
        annotatedBugs()
          .filter((b) => b.file === result.filePath && recommended.has(`callback-discipline/${b.rule}`))
          .map((b) => `callback-discipline/${b.rule}`),
      );
      const reported = new Set(result.messages.map((m) => m.ruleId));
      expect(reported, path.relative(EXAMPLE_DIR, result.filePath)).toEqual(expected);
    }
  });

  it.skipIf(!recommended.has(CLEANUP_RULE))('the no-duplicate-cleanup suggestion yields the fixed handlers', () => {
    const found = findCleanupSuggestion(buggy);
    expect(found, 'a no-duplicate-cleanup report with a suggestion').toBeDefined();
    const buggyFile = found!.filePath;
    const fixedFile = buggyFile.replace(`${path.sep}buggy${path.sep}`, `${path.sep}fixed${path.sep}`);
    const after = applyFix(readFileSync(buggyFile, 'utf8'), found!.suggestion.fix);
    expect(region(after, 'handlers')).toBe(region(readFileSync(fixedFile, 'utf8'), 'handlers'));
  });

  it('finds the fixed client clean (and parseable)', () => {
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`))).toEqual([]);
  });

  it('parses the buggy client', () => {
    expect(buggy.flatMap((r) => r.messages.filter((m) => m.fatal))).toEqual([]);
  });
});

describe.skipIf(!LINTS)('runDemo', () => {
  it('prints the three steps and the clean result', async () => {
    const lines: string[] = [];
    await runDemo((line) => lines.push(line), { runClients: false });
    const text = lines.join('\n');
    expect(text).toContain('examples/poetry-client/buggy, linted with callbackDiscipline.configs.recommended');
    expect(text).toContain('examples/poetry-client/fixed, linted the same way');
    expect(text).toMatch(/✔ No problems in \d+ files\./u);
  });
});

describe('runClient (the demo’s run-time step)', () => {
  it('shows the callback fired after the errback, and the fixed client errbacking once', async () => {
    const [buggy, fixed] = await Promise.all([runClient('buggy', 'callbacks', 'empty'), runClient('fixed', 'callbacks', 'empty')]);
    expect(buggy.status).toBe(1);
    expect(buggy.output).toContain('poem download failed: The server closed the connection without a poem.');
    expect(buggy.output).toContain("✖ uncaught Error: Can't stop reactor that isn't running. (in gotPoem, buggy/get-poetry.ts:");
    expect(fixed).toEqual({
      status: 0,
      output: 'poem download failed: The server closed the connection without a poem.\nI am terribly sorry\ntry again later?',
    });
  });
});

/** The fixed clients, run against a local poetry server. */
const clients = [
  ['callbacks', path.join(EXAMPLE_DIR, 'fixed/get-poetry.ts')],
  ['Deferred', path.join(EXAMPLE_DIR, 'fixed/get-poetry-deferred.ts')],
] as const;

describe.each(clients)('the fixed %s client, run', (_name, file) => {
  let server: PoetryServer;
  let empty: PoetryServer;
  let main: (host: string, port: number) => Promise<void>;
  const output = { log: [] as string[], error: [] as string[] };

  beforeAll(async () => {
    if (!existsSync(file)) return;
    ({ main } = (await import(file)) as { main: typeof main });
    [server, empty] = await Promise.all([startPoetryServer(), startPoetryServer('')]);
    vi.spyOn(console, 'log').mockImplementation((...args) => void output.log.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args) => void output.error.push(args.join(' ')));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await Promise.all([server?.close(), empty?.close()]);
  });
  const run = async (port: number) => {
    output.log = [];
    output.error = [];
    await main('127.0.0.1', port);
    return output;
  };

  it.skipIf(!existsSync(file))('prints the poem and stops', async () => {
    expect(await run(server.port)).toEqual({ log: [POEM], error: [] });
  });

  it.skipIf(!existsSync(file))('reports an empty answer through the errback once, and stops', async () => {
    const { log, error } = await run(empty.port);
    expect(log).toEqual([]);
    expect(error).toEqual([
      'poem download failed: The server closed the connection without a poem.',
      'I am terribly sorry',
      'try again later?',
    ]);
  });

  it.skipIf(!existsSync(file))('reports a refused connection through the errback, and stops', async () => {
    const { log, error } = await run(await refusedPort());
    expect(log).toEqual([]);
    expect(error[0]).toMatch(/^poem download failed: .*ECONNREFUSED/u);
  });
});
