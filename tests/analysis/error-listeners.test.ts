import { describe, expect, it } from 'vitest';
import { findLostErrorListeners } from '../../src/analysis/error-listeners.js';
import { analyse } from './helpers.js';

/** Each lost-error listener of the completion `name`: `param @ logged call [→ success after]`. */
function lost(code: string, name: string): string[] {
  const a = analyse(code);
  return findLostErrorListeners(a.completion(name), a.analysis).map(
    (l) =>
      `${l.param.name} @ ${a.text(l.logged)}${l.successAfter ? ` → '${l.successAfter.event}' ${a.text(l.successAfter.fire)}` : ''}`,
  );
}

describe('lost errors in error listeners', () => {
  it('finds a listener that only logs, on an emitter whose other listeners fire the completion', () => {
    expect(
      lost(
        `function get(host, callback, errback) {
          const socket = net.connect(host);
          socket.once('end', () => callback(poem));
          socket.once('error', (err) => { console.error(err.message); socket.destroy(); });
        }`,
        'callback/errback',
      ),
    ).toEqual(['err @ console.error(err.message)']);
  });

  it('knows the registration forms: on/once/addListener/addEventListener, onerror, named functions, chains', () => {
    const forms = [
      "s.on('error', (e) => log(e))",
      "s.addListener('error', function (e) { console.warn(e) })",
      "s.addEventListener('error', (e) => console.log(e))",
      's.onerror = (e) => console.error(e)',
      "s.prependListener('error', onError); function onError(e) { logger.error(e) }",
      // Callees without a plain name are read (the recorded callee names cannot rule them out).
      "s['on']('error', (e) => log(e))",
      "s['onerror'] = (e) => console.error(e)",
    ];
    for (const form of forms) {
      const code = `function f(cb) { const s = open(); s.once('end', () => cb(null)); ${form}; }`;
      expect(lost(code, 'cb'), form).toHaveLength(1);
    }
    // The emitter made by a call with listeners chained on it; its callback runs on success.
    expect(
      lost(
        `new Promise((resolve, reject) => {
          https.get(url, (res) => res.on('end', () => resolve(body))).on('error', (err) => console.log(err));
        });`,
        'resolve/reject',
      ),
    ).toEqual(['err @ console.log(err)']);
  });

  it('names the success a listener that also follows an error reports instead', () => {
    expect(
      lost(
        `function f(callback, errback) {
          const s = net.connect();
          s.on('close', () => callback(poem));
          s.on('error', (err) => console.error(err));
        }`,
        'callback/errback',
      ),
    ).toEqual(["err @ console.error(err) → 'close' callback(poem)"]);
    // By reference: a resolver registered for 'close'.
    expect(
      lost(
        `new Promise((resolve, reject) => {
          const s = net.connect();
          s.on('close', resolve);
          s.on('error', (err) => console.error(err));
        });`,
        'resolve/reject',
      ),
    ).toEqual(["err @ console.error(err) → 'close' resolve"]);
  });

  it('stays silent where the error is passed on, or may still reach the completion', () => {
    const silent = [
      // forwarded, rethrown, emitted, stored
      "s.on('end', () => cb(null)); s.on('error', (e) => cb(e));",
      "s.on('end', () => cb(null)); s.on('error', (e) => { log(e); throw e; });",
      "s.on('end', () => cb(null)); s.on('error', (e) => { log(e); self.emit('error', e); });",
      "let error; s.on('error', (e) => { error = e; }); s.on('close', () => cb(error));",
      // the listener does more than log
      "s.on('end', () => cb(null)); s.on('error', (e) => { log(e); reconnect(); });",
      // the error parameter is not read: ignored on purpose
      "s.on('end', () => cb(null)); s.on('error', () => {});",
      // 'close' may report the error, a timer fires the completion, another emitter does
      "s.on('error', (e) => log(e)); s.on('close', (hadError) => cb(hadError ? new Error('x') : null));",
      "s.on('end', () => cb(null)); s.on('error', (e) => log(e)); setTimeout(() => cb(new Error('timeout')), 10);",
      "s.on('error', (e) => log(e)); other.on('end', () => cb(null));",
      // the emitter leaves the function: others can listen for its errors
      "s.on('end', () => cb(null)); s.on('error', (e) => log(e)); return s;",
      "s.on('end', () => cb(null)); s.on('error', (e) => log(e)); track(s);",
      // a helper (run where it is called) is passed to an event that may follow an error
      "function done(e) { cb(e); } s.on('close', done); s.on('error', (e) => log(e));",
    ];
    for (const body of silent) expect(lost(`function f(cb) { const s = open(); ${body} }`, 'cb'), body).toEqual([]);
    // An emitter from the caller, an error-first callback of the creating call.
    expect(lost("function f(s, cb) { s.on('end', () => cb(null)); s.on('error', (e) => log(e)); }", 'cb')).toEqual([]);
    expect(lost("function f(cmd, cb) { const c = exec(cmd, (err, out) => cb(err, out)); c.on('error', (e) => log(e)); }", 'cb')).toEqual([]);
  });
});
