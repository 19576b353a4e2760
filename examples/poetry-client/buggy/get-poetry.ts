/**
 * Client 3.1 of the lesson, in TypeScript: `getPoetry(host, port, callback, errback)` downloads a
 * poem over a socket and hands it to `callback`, or an error to `errback`. It has the lesson's
 * callback bugs; ../fixed/get-poetry.ts is the same client without them.
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
  socket.once('end', () => {
    // Bug (no-double-fire): no `return` after the errback, so an empty poem fires the errback *and* the callback.
    if (poem === '') errback(new Error('The server closed the connection without a poem.'));
    callback(poem);
  });
  socket.once('error', (err: Error) => {
    // Bug (no-hanging-path): the error is printed but never reaches the errback: the caller waits forever.
    console.error(`poetry connection error: ${err.message}`);
  });
}

export function main(host: string, port: number): Promise<void> {
  // Bug (no-duplicate-cleanup): the lesson's duplicate code, both handlers end by stopping the reactor.
  function gotPoem(poem: string): void {
    console.log(poem);
    reactor.stop();
  }

  function poemFailed(err: Error): void {
    console.error(`poem download failed: ${err.message}`);
    console.error('I am terribly sorry');
    console.error('try again later?');
    reactor.stop();
  }

  getPoetry(host, port, gotPoem, poemFailed);
  return reactor.run();
}
