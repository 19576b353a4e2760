/**
 * The poetry client with a Deferred, fixed: one fire per download, an errback on every chain, and
 * the shared `reactor.stop()` in one `addBoth` link (the lesson's defer-9).
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
  let failure: Error | undefined;
  socket.on('error', (err: Error) => {
    failure = err;
  });
  // 'close' comes exactly once, after 'end' or after 'error': one place decides the outcome, and
  // the branches make sure exactly one side fires.
  socket.once('close', () => {
    if (failure) d.errback(failure);
    else if (poem === '') d.errback(new Error('The server closed the connection without a poem.'));
    else d.callback(poem);
  });
  return d;
}

// #region handlers
export function main(host: string, port: number): Promise<void> {
  const d = getPoetry(host, port);
  d.addCallbacks(
    (poem: string) => {
      console.log(poem);
    },
    (err: Failure) => {
      console.error(`poem download failed: ${err.getErrorMessage()}`);
      console.error('I am terribly sorry');
      console.error('try again later?');
    },
  ).addBoth((result) => {
    reactor.stop();
    return result;
  });
  return reactor.run();
}
// #endregion

/** Prints a second poem when it arrives, or says why it did not. */
export function printAnother(host: string, port: number): void {
  getPoetry(host, port).addCallbacks(
    (poem: string) => console.log(poem),
    (err: Failure) => console.error(`second poem failed: ${err.getErrorMessage()}`),
  );
}
