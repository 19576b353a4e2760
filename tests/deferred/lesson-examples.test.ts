import { spawnSync } from 'node:child_process';
import { format } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlreadyCalledError } from '../../src/deferred/index.js';
import { main as defer1 } from '../../examples/twisted-deferred/defer-1.js';
import { main as defer2 } from '../../examples/twisted-deferred/defer-2.js';
import { main as defer3 } from '../../examples/twisted-deferred/defer-3.js';
import { main as defer4 } from '../../examples/twisted-deferred/defer-4.js';
import { main as defer5 } from '../../examples/twisted-deferred/defer-5.js';
import { main as defer6 } from '../../examples/twisted-deferred/defer-6.js';
import { main as defer7 } from '../../examples/twisted-deferred/defer-7.js';
import { main as defer8 } from '../../examples/twisted-deferred/defer-8.js';
import { main as defer9 } from '../../examples/twisted-deferred/defer-9.js';
import { reactor } from '../../examples/twisted-deferred/reactor.js';

let stdout: string[];
let stderr: string[];
beforeEach(() => {
  stdout = [];
  stderr = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(format(...args)));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(format(...args)));
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the lesson examples on our Deferred', () => {
  it('defer-1 fires the success chain synchronously', () => {
    defer1();
    expect(stdout).toEqual(['Your poem is served:', 'This poem is short.', 'Finished']);
    expect(stderr).toEqual([]);
  });

  it('defer-2 fires the error chain with a Failure', () => {
    defer2();
    expect(stdout).toEqual(['No poetry for you.', 'Finished']);
  });

  it('defer-3 turns a plain Error into a Failure for the errback', () => {
    defer3();
    expect(stdout).toEqual(['Failure', '[Failure instance: Error: I have failed.]', 'No poetry for you.']);
  });

  it.each([
    ['defer-4 (callback, callback)', defer4, 'First result'],
    ['defer-5 (callback, errback)', defer5, 'First result'],
    ['defer-6 (errback, errback)', defer6, '[Failure instance: Error: First error]'],
    ['defer-7 (errback, callback)', defer7, '[Failure instance: Error: First error]'],
  ])('%s throws AlreadyCalledError on the second fire and never prints Finished', (_name, main, first) => {
    expect(main).toThrow(AlreadyCalledError);
    expect(stdout).toEqual([first]);
  });

  it('defer-8 stops the reactor from the callback', async () => {
    await defer8();
    expect(stdout).toEqual(['Another short poem.']);
    expect(stderr).toEqual([]);
    expect(reactor.running).toBe(false);
  });

  it('defer-8 stops the reactor from the errback when fired with an Error (exercise 2)', async () => {
    await defer8({ fail: true });
    expect(stdout).toEqual([]);
    expect(stderr).toEqual(['poem download failed', 'I am terribly sorry', 'try again later?']);
    expect(reactor.running).toBe(false);
  });

  it('defer-9 stops the reactor from one addBoth link on the success path', async () => {
    await defer9();
    expect(stdout).toEqual(['Another short poem.']);
    expect(stderr).toEqual([]);
    expect(reactor.running).toBe(false);
  });

  it('defer-9 reaches the addBoth link on the error path too (exercise 2)', async () => {
    await defer9({ fail: true });
    expect(stdout).toEqual([]);
    expect(stderr).toEqual(['poem download failed', 'I am terribly sorry', 'try again later?']);
    expect(reactor.running).toBe(false);
  });
});

describe('the reactor stand-in', () => {
  it('refuses to stop when not running, like Twisted', () => {
    expect(() => reactor.stop()).toThrow("Can't stop reactor that isn't running.");
  });

  it('rejects run() with the error of a startup function and stops', async () => {
    reactor.callWhenRunning(() => {
      throw new RangeError('startup failed');
    });
    await expect(reactor.run()).rejects.toThrow('startup failed');
    expect(reactor.running).toBe(false);
  });
});

describe('scripts/run-lesson-examples.ts', () => {
  it('runs every example in its own process and prints its output under a header', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/run-lesson-examples.ts'], {
      cwd: new URL('../..', import.meta.url),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const sections = run.stdout.split(/^=== /m).slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual([
      'examples/twisted-deferred/defer-1.ts (exit code 0) ===',
      'examples/twisted-deferred/defer-2.ts (exit code 0) ===',
      'examples/twisted-deferred/defer-3.ts (exit code 0) ===',
      'examples/twisted-deferred/defer-4.ts (exit code 1) ===',
      'examples/twisted-deferred/defer-5.ts (exit code 1) ===',
      'examples/twisted-deferred/defer-6.ts (exit code 1) ===',
      'examples/twisted-deferred/defer-7.ts (exit code 1) ===',
      'examples/twisted-deferred/defer-8.ts (exit code 0) ===',
      'examples/twisted-deferred/defer-9.ts (exit code 0) ===',
      'examples/twisted-deferred/defer-8.ts --fail (exit code 0) ===',
      'examples/twisted-deferred/defer-9.ts --fail (exit code 0) ===',
    ]);
    expect(sections[0]).toContain('  Your poem is served:\n  This poem is short.\n  Finished\n');
    expect(sections[3]).toBe(
      [
        'examples/twisted-deferred/defer-4.ts (exit code 1) ===',
        '  First result',
        '! Traceback (most recent call first):',
        '!     at main (examples/twisted-deferred/defer-4.ts:15:5)',
        '! AlreadyCalledError: Deferred has already been called',
        '',
        '',
      ].join('\n'),
    );
    expect(sections[10]).toContain('! poem download failed\n! I am terribly sorry\n! try again later?\n');
  });
});
