// Part 7, twisted-deferred/defer-9.py: the shared reactor.stop() moves into one addBoth link.
import { Deferred, type Failure } from '../../src/deferred/index.js';
import { reactor } from './reactor.js';
import { runIfMain } from './run-if-main.js';

function gotPoem(poem: string): void {
  console.log(poem);
}

function poemFailed(_err: Failure): void {
  console.error('poem download failed');
  console.error('I am terribly sorry');
  console.error('try again later?');
}

function poemDone(_: unknown): void {
  reactor.stop();
}

/** `fail: true` fires the errback chain with an Error instead (the lesson's exercise 2). */
export async function main({ fail = false }: { fail?: boolean } = {}): Promise<void> {
  const d = new Deferred<string>();

  d.addCallbacks(gotPoem, poemFailed);
  d.addBoth(poemDone);

  if (fail) reactor.callWhenRunning(d.errback, new Error('Connection refused'));
  else reactor.callWhenRunning(d.callback, 'Another short poem.');

  await reactor.run();
}

runIfMain(import.meta.url, () => main({ fail: process.argv.includes('--fail') }));
