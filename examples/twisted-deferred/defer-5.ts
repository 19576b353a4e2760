// Part 7, twisted-deferred/defer-5.py: fire a Deferred twice (callback then errback). The second fire
// throws AlreadyCalledError, so 'Finished' is never printed.
import { Deferred } from '../../src/deferred/index.js';
import { runIfMain } from './run-if-main.js';

// Python's print uses str(); a Failure prints as [Failure instance: …].
function out(s: unknown): void {
  console.log(String(s));
}

export function main(): void {
  const d = new Deferred<string>();
  d.addCallbacks(out, out);
  d.callback('First result');
  d.errback(new Error('Second error'));
  console.log('Finished');
}

runIfMain(import.meta.url, main);
