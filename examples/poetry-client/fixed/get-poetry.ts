/**
 * Client 3.1 of the lesson, fixed: every outcome fires exactly one of `callback` and `errback`,
 * and the shared cleanup runs in one place. See ../buggy/get-poetry.ts for the bugs.
 */
import * as net from 'node:net';
import { reactor } from '../reactor.js';

export function getPoetry(
  host: string,
  port: number,
  callback: (poem: string) => void,
  errback: (err: Error) => void,
): void {
  const socket = net.connect({ host, port });
  let poem = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    poem += chunk;
  });
  let failure: Error | undefined;
  socket.on('error', (err: Error) => {
    failure = err;
  });
  // 'close' comes exactly once, after 'end' or after 'error': one place decides the outcome, and
  // the branches make sure exactly one side fires.
  socket.once('close', () => {
    if (failure) errback(failure);
    else if (poem === '') errback(new Error('The server closed the connection without a poem.'));
    else callback(poem);
  });
}

export function main(host: string, port: number): Promise<void> {
  function gotPoem(poem: string): void {
    console.log(poem);
  }

  function poemFailed(err: Error): void {
    console.error(`poem download failed: ${err.message}`);
    console.error('I am terribly sorry');
    console.error('try again later?');
  }

  // Two separate functions cannot share a last step; a promise around the pair API can, in one
  // `finally` link (the Deferred version uses `addBoth`).
  new Promise<string>((resolve, reject) => getPoetry(host, port, resolve, reject))
    .then(gotPoem, poemFailed)
    .finally(() => reactor.stop());
  return reactor.run();
}
