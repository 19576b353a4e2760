// Part 7, twisted-deferred/defer-3.py: errback with a plain Error; the errback still gets a Failure.
import { Deferred, type Failure } from '../../src/deferred/index.js';
import { runIfMain } from './run-if-main.js';

function gotPoem(res: string): void {
  console.log('Your poem is served:');
  console.log(res);
}

function poemFailed(err: Failure): void {
  // Python prints err.__class__ and str(err).
  console.log(err.constructor.name);
  console.log(String(err));
  console.log('No poetry for you.');
}

export function main(): void {
  const d = new Deferred<string>();

  // add a callback/errback pair to the chain
  d.addCallbacks(gotPoem, poemFailed);

  // fire the chain with an error result
  d.errback(new Error('I have failed.'));
}

runIfMain(import.meta.url, main);
