/**
 * The poetry client with a Deferred (Part 8 of the lesson): `getPoetry(host, port)` returns a
 * Deferred that fires with the poem or fails with the error. It still has callback bugs;
 * ../fixed/get-poetry-deferred.ts is the same client without them.
 */
import * as net from 'node:net';
import { Deferred, type Failure } from 'eslint-plugin-callback-discipline/deferred';
import { reactor } from '../reactor.js';

export function getPoetry(host: string, port: number): Deferred<string> {
  const d = new Deferred<string>();
  const socket = net.connect({ host, port });
  let poem = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    poem += chunk;
  });
  socket.once('end', () => {
    // Bug (no-double-fire): no `return` after the errback; the Deferred refuses the second fire with an
    // AlreadyCalledError, thrown into the socket's event handler.
    if (poem === '') d.errback(new Error('The server closed the connection without a poem.'));
    d.callback(poem);
  });
  socket.once('error', (err: Error) => d.errback(err));
  return d;
}

// Bug (no-duplicate-cleanup): both handlers below end by stopping the reactor.
// #region handlers
export function main(host: string, port: number): Promise<void> {
  const d = getPoetry(host, port);
  d.addCallbacks(
    (poem: string) => {
      console.log(poem);
      reactor.stop();
    },
    (err: Failure) => {
      console.error(`poem download failed: ${err.getErrorMessage()}`);
      console.error('I am terribly sorry');
      console.error('try again later?');
      reactor.stop();
    },
  );
  return reactor.run();
}
// #endregion

/** Prints a second poem when it arrives. */
export function printAnother(host: string, port: number): void {
  // Bug (require-errback): no errback anywhere on this chain; a failed download is an unhandled error, reported (if
  // ever) when the Deferred is garbage-collected.
  getPoetry(host, port).addCallback((poem: string) => console.log(poem));
}
