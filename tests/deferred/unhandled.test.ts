import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DebugInfo, reportIfUnhandled } from '../../src/deferred/debug.js';
import { Failure, defaultUnhandledErrorReporter, setUnhandledErrorReporter } from '../../src/deferred/index.js';

describe('unhandled errors of garbage-collected Deferreds (real GC, in a child process)', () => {
  // The child forces collection with --expose-gc; vitest's own process cannot.
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL('./gc/unhandled-child.ts', import.meta.url))], {
    encoding: 'utf8',
  });
  const reports = child.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { message: string; error: string; creationStack: boolean; firstFireStack: boolean });

  it('runs', () => {
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
  });

  it('reports exactly the Deferreds left with a failure nobody handled', () => {
    expect(reports.map((r) => r.error).sort()).toEqual(
      ['callback throws', 'debug stacks', 'errback rethrows', 'fail() with nobody listening', 'new failure after await'].sort(),
    );
    expect(new Set(reports.map((r) => r.message))).toEqual(new Set(['Unhandled error in Deferred:']));
  });

  it('includes the creation and first-fire stacks when debugging was on', () => {
    expect(reports.filter((r) => r.creationStack && r.firstFireStack).map((r) => r.error)).toEqual(['debug stacks']);
  });
});

describe('the registry callback and the reporter (in process)', () => {
  afterEach(() => {
    setUnhandledErrorReporter(defaultUnhandledErrorReporter);
    vi.restoreAllMocks();
  });

  it('reports a remembered failure once, with the debug stacks', () => {
    const reporter = vi.fn();
    setUnhandledErrorReporter(reporter);
    const info = new DebugInfo();
    const failure = new Failure(new Error('lost'));
    info.failure = failure;
    info.creationStack = '    at creator';
    reportIfUnhandled(info);
    reportIfUnhandled(info);
    expect(reporter).toHaveBeenCalledTimes(1);
    expect(reporter).toHaveBeenCalledWith(failure, { message: 'Unhandled error in Deferred:', creationStack: '    at creator' });
  });

  it('reports nothing once the failure was handled', () => {
    const reporter = vi.fn();
    setUnhandledErrorReporter(reporter);
    reportIfUnhandled(new DebugInfo());
    expect(reporter).not.toHaveBeenCalled();
  });

  it('returns the previous reporter and refuses a non-function', () => {
    const mine = vi.fn();
    expect(setUnhandledErrorReporter(mine)).toBe(defaultUnhandledErrorReporter);
    expect(setUnhandledErrorReporter(defaultUnhandledErrorReporter)).toBe(mine);
    expect(() => setUnhandledErrorReporter('nope' as never)).toThrow(TypeError);
  });

  it('by default writes the message, the traceback and the debug stacks to stderr', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failure = new Failure('plain');
    defaultUnhandledErrorReporter(failure, { message: 'Unhandled error in Deferred:' });
    defaultUnhandledErrorReporter(failure, { message: 'Unhandled error in Deferred:', firstFireStack: '    at somewhere' });
    expect(error.mock.calls).toEqual([
      ['Unhandled error in Deferred:\nString: plain'],
      ['Unhandled error in Deferred:\nString: plain\n(debug:\n I: First Invoker was:\n I:    at somewhere\n)'],
    ]);
  });
});
