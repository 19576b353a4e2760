// Part 7, twisted-deferred/defer-8.py: the callback and the errback both stop the reactor.
import { Deferred, type Failure } from '../../src/deferred/index.js';
import { reactor } from './reactor.js';
import { runIfMain } from './run-if-main.js';

function gotPoem(poem: string): void {
  console.log(poem);
  reactor.stop();
}

function poemFailed(_err: Failure): void {
  console.error('poem download failed');
  console.error('I am terribly sorry');
  console.error('try again later?');
  reactor.stop();
}

/** `fail: true` fires the errback chain with an Error instead (the lesson's exercise 2). */
export async function main({ fail = false }: { fail?: boolean } = {}): Promise<void> {
  const d = new Deferred<string>();

  d.addCallbacks(gotPoem, poemFailed);

  if (fail) reactor.callWhenRunning(d.errback, new Error('Connection refused'));
  else reactor.callWhenRunning(d.callback, 'Another short poem.');

  await reactor.run();
}

runIfMain(import.meta.url, () => main({ fail: process.argv.includes('--fail') }));
