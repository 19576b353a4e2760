import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import { BOTTOM, UNFIRED, arm, assign, assume, assumptionKey, fire, fireMany, join, lose, retire, summarize, type FireSite, type State } from '../../src/analysis/fire-state.js';

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

  describe('shortcuts agree with the general path', () => {
    // A lost world rides along to force the several-world path; it is never changed by these operations.
    const withLost = (s: State): State => [...s, ...lose(UNFIRED)];
    const live = (s: State): State => s.filter((w) => !w.lost);
    const fired = fire(assume(UNFIRED, 4, true), site(7));

    it.each([
      ['refines', 5, true],
      ['keeps a known assumption', 4, true],
      ['drops a contradicted world', 4, false],
    ] as const)('assume on one world %s as on several', (_, key, value) => {
      expect(assume(fired, key, value)).toEqual(live(assume(withLost(fired), key, value)));
    });

    it('assume on one world keeps the state itself when nothing changes, and a lost world as it is', () => {
      expect(assume(fired, 4, true)).toBe(fired);
      const lost = lose(UNFIRED);
      expect(assume(lost, 1, true)).toBe(lost);
    });

    it('keys one assumption as the sorted, joined parts would', () => {
      const one = assume(UNFIRED, 12, false);
      expect(assumptionKey(one[0]!)).toBe('!12');
      // Built by assignment (no key cached at creation): the same key.
      expect(assumptionKey(assign(UNFIRED, 12, false)[0]!)).toBe('!12');
      // Several assumptions: string order, whatever the order they were made in.
      expect(assumptionKey(assume(assume(UNFIRED, 10, true), 9, false)[0]!)).toBe('!9,10');
      // Many: the order of `Array#sort` on the parts.
      const made: [number, boolean][] = [[10, true], [2, false], [1, true], [21, false], [3, true], [100, true]];
      let world: State = UNFIRED;
      for (const [k, v] of made) world = assume(world, k, v);
      const expected = made.map(([k, v]) => (v ? `${k}` : `!${k}`)).sort().join(',');
      expect(expected).toBe('!2,!21,1,10,100,3');
      expect(assumptionKey(world[0]!)).toBe(expected);
      const ab = assume(assume(UNFIRED, 1, true), 2, true);
      const ba = assume(assume(UNFIRED, 2, true), 1, true);
      expect(join(ab, ba)).toBe(ab);
    });

    it('fires a site once per world, sites by position, at most eight', () => {
      let s: State = UNFIRED;
      const three = site(3);
      for (const at of [9, 3, 5, 3, 11, 1, 2, 4, 6, 8, 0]) s = fire(s, at === 3 ? three : site(at));
      expect(counts(s)).toBe('2..2 [0,1,2,3,4,5,6,8]');
      expect(counts(fireMany(fire(UNFIRED, site(4)), site(2)))).toBe('1..2 [2,4]');
      const again = fire(UNFIRED, site(4));
      expect(again[0]!.sites).toHaveLength(1);
      // A site already there: the sites array is kept.
      expect(fire(again, again[0]!.sites[0]!)[0]!.sites).toBe(again[0]!.sites);
    });

    it('keeps a world\'s approximation mark through fire, arm and assume', () => {
      // 17 worlds with distinct assumptions exceed the bound: assumptions are dropped, counts kept.
      let many: State = BOTTOM;
      for (let k = 0; k < 17; k++) many = join(many, assume(UNFIRED, k, true));
      expect(many).toHaveLength(1);
      expect(summarize(many).approx).toBe(true);
      expect(summarize(fire(many, site(1))).approx).toBe(true);
      expect(summarize(arm(many)).approx).toBe(true);
      expect(summarize(assume(many, 3, true)).approx).toBe(true);
    });

    it('joins several worlds in first-seen order, merging equal assumptions', () => {
      const a = join(assume(UNFIRED, 1, true), assume(UNFIRED, 1, false));
      const b = join(fire(assume(UNFIRED, 1, false), site(5)), assume(UNFIRED, 2, true));
      const j = join(a, b);
      expect(j.map((w) => assumptionKey(w))).toEqual(['1', '!1', '2']);
      expect(counts(j)).toBe('0..1 [5]');
      expect(join(j, b)).toBe(j);
    });
  });
});
