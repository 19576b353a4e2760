import { describe, expect, it } from 'vitest';
import { everyExitFires } from '../../src/analysis/hanging-paths.js';
import { analyse } from './helpers.js';

/** The pre-check's answer, and whether the path engine reaches a normal exit with the completion unfired. */
function judge(code: string, name: string): { skip: boolean; unfiredExit: boolean } {
  const a = analyse(code);
  const c = a.completion(name);
  const skip = everyExitFires(c, a.analysis.uses(c), a.analysis);
  const unfiredExit = a.analysis.paths(c).exits.some((e) => e.kind !== 'throw' && e.unfired.length > 0);
  return { skip, unfiredExit };
}

describe('everyExitFires: completions fired on the way to every exit (no hanging path to look for)', () => {
  it.each([
    ['if / else', 'function f(x, cb) { if (!x) cb(new Error("x")); else cb(null, x); }'],
    ['a try whose block and catch end firing', 'function f(s, cb) { try { const v = JSON.parse(s); cb(null, v); } catch (e) { cb(e); } }'],
    ['a try with returns that fire', 'function f(s, cb) { try { if (!s) return cb(null); g(s); cb(null, s); } catch (e) { return cb(e); } }'],
  ])('skips %s', (_, code) => {
    expect(judge(code, 'cb')).toEqual({ skip: true, unfiredExit: false });
  });

  it.each([
    ['a catch that does not fire', 'function f(s, cb) { try { cb(null, JSON.parse(s)); } catch (e) { console.log(e); } }', true],
    ['a try without catch', 'function f(s, cb) { try { g(s); cb(null); } finally { h(); } }', false],
    ['a try with a finally', 'function f(s, cb) { try { cb(null, JSON.parse(s)); } catch (e) { cb(e); } finally { h(); } }', false],
    ['a block that may end without firing', 'function f(s, cb) { try { if (s) cb(null, s); } catch (e) { cb(e); } }', true],
  ])('keeps %s', (_, code, unfiredExit) => {
    expect(judge(code, 'cb')).toEqual({ skip: false, unfiredExit });
  });
});
