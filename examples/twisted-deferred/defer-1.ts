// Part 7, twisted-deferred/defer-1.py: add a callback/errback pair and fire the success chain.
import { Deferred, type Failure } from '../../src/deferred/index.js';
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

  // fire the chain with a normal result
  d.callback('This poem is short.');

  console.log('Finished');
}

runIfMain(import.meta.url, main);
