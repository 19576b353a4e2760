// Part 7, twisted-deferred/defer-2.py: fire the error chain with a Failure.
import { Deferred, Failure } from '../../src/deferred/index.js';
import { runIfMain } from './run-if-main.js';

function gotPoem(res: string): void {
  console.log('Your poem is served:');
  console.log(res);
}

function poemFailed(_err: Failure): void {
  console.log('No poetry for you.');
}

export function main(): void {
  const d = new Deferred<string>();

  // add a callback/errback pair to the chain
  d.addCallbacks(gotPoem, poemFailed);

  // fire the chain with an error result
  d.errback(new Failure(new Error('I have failed.')));

  console.log('Finished');
}

runIfMain(import.meta.url, main);
