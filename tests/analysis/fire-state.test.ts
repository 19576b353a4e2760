import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { BOTTOM, UNFIRED, assign, assume, fire, join, lose, retire, summarize, type FireSite } from '../../src/analysis/fire-state.js';

const node = (at: number) => ({ range: [at, at + 1] }) as unknown as TSESTree.Node;
const site = (at: number, side: FireSite['side'] = 'success'): FireSite => ({ node: node(at), side, kind: 'fire', wired: false, name: 'cb' });
const counts = (s: ReturnType<typeof join>) => {
  const x = summarize(s);
  return `${x.min}..${x.max}${x.lost ? ' lost' : ''} [${x.sites.map((t) => t.node.range[0]).join(',')}]`;
};

describe('fire state lattice', () => {
  it('counts must and may fires, capped at two', () => {
    const once = fire(UNFIRED, site(1));
    expect(counts(once)).toBe('1..1 [1]');
    expect(counts(fire(fire(once, site(2)), site(3)))).toBe('2..2 [1,2,3]');
    expect(counts(join(UNFIRED, once))).toBe('0..1 [1]');
  });

  it('treats the empty state as unreachable', () => {
    expect(join(BOTTOM, UNFIRED)).toBe(UNFIRED);
    expect(summarize(BOTTOM).reachable).toBe(false);
  });

  it('keeps worlds with different assumptions apart and drops contradicted ones', () => {
    const errTrue = fire(assume(UNFIRED, 0, true), site(1, 'error'));
    const errFalse = assume(UNFIRED, 0, false);
    const both = join(errTrue, errFalse);
    expect(both).toHaveLength(2);
    expect(counts(assume(both, 0, false))).toBe('0..0 []');
    expect(counts(assume(both, 0, true))).toBe('1..1 [1]');
  });

  it('updates assumptions on assignment', () => {
    const flagged = assign(UNFIRED, 3, true);
    expect(assume(flagged, 3, false)).toEqual([]);
    expect(assume(assign(flagged, 3, undefined), 3, false)).toHaveLength(1);
  });

  it('retires the sites of an earlier run of a registration: still counted, no longer of the new run', () => {
    const handler = node(100);
    const other = node(200);
    const wired = (at: number, by: TSESTree.Node): FireSite => ({ ...site(at), wired: true, wiredBy: by });
    const state = fire(fire(UNFIRED, wired(1, handler)), wired(2, other));
    const retired = retire(state, handler);
    expect(counts(retired)).toBe('2..2 [1,2]');
    expect(summarize(retired).sites.map((s) => [s.node.range[0], s.wired, s.wiredBy === undefined ? '-' : s.wiredBy.range[0]])).toEqual([
      [1, true, '-'],
      [2, true, 200],
    ]);
    // Nothing of that registration: the same state.
    expect(retire(retired, handler)).toBe(retired);
  });

  it('stops counting on lost paths and says so', () => {
    const lost = join(lose(UNFIRED), fire(UNFIRED, site(1)));
    expect(counts(fire(lost, site(2)))).toBe('2..2 lost [1,2]');
  });

  it('is monotone: joining a state with itself changes nothing', () => {
    const s = join(fire(UNFIRED, site(1)), UNFIRED);
    expect(join(s, s)).toBe(s);
    expect(join(s, UNFIRED)).toBe(s);
  });
});
