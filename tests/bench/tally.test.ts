import { describe, expect, it } from 'vitest';
import { FastestTimes } from '../../bench/lib/tally.js';

describe('FastestTimes (the steady estimate of bench:perf and bench:compare)', () => {
  it("sums each file's fastest parse and each rule's fastest time, apart", () => {
    const fastest = new FastestTimes();
    fastest.add('a.js', { parse: 10, rules: { x: 3, y: 1 } });
    fastest.add('b.js', { parse: 20, rules: { x: 5, y: 2 } });
    // A disturbed run of a.js: parse faster, x slower; y faster.
    fastest.add('a.js', { parse: 8, rules: { x: 9, y: 0.5 } });
    fastest.add('b.js', { parse: 25, rules: { x: 4, y: 2 } });
    const { parse, rules } = fastest.totals();
    expect(parse).toBe(8 + 20);
    expect(Object.fromEntries(rules)).toEqual({ x: 3 + 4, y: 0.5 + 2 });
  });

  it('counts 0 for a rule that did not run on a file in some run', () => {
    const fastest = new FastestTimes();
    fastest.add('a.js', { parse: 10, rules: { x: 3 } });
    fastest.add('a.js', { parse: 11, rules: { y: 2 } });
    expect(Object.fromEntries(fastest.totals().rules)).toEqual({ x: 0, y: 0 });
  });

  it('sums per group of files, each file in the group its fastest times name', () => {
    const fastest = new FastestTimes();
    fastest.add('small.js', { parse: 1, rules: { x: 0.5 } });
    fastest.add('big.js', { parse: 30, rules: { x: 2 } });
    fastest.add('tiny.js', { parse: 0.5, rules: { x: 0.25 } });
    // A slower run of big.js does not move it: its fastest parse decides its group.
    fastest.add('big.js', { parse: 40, rules: { x: 3 } });
    const groups = fastest.totalsBy((_file, t) => (t.parse < 8 ? 'small' : 'big'));
    expect([...groups.keys()]).toEqual(['small', 'big']);
    expect(groups.get('small')).toEqual({ files: 2, parse: 1.5, rules: new Map([['x', 0.75]]) });
    expect(groups.get('big')).toEqual({ files: 1, parse: 30, rules: new Map([['x', 2]]) });
    expect(fastest.totals()).toEqual({ files: 3, parse: 31.5, rules: new Map([['x', 2.75]]) });
  });

  it("gives each file's fastest times, in the order the files came", () => {
    const fastest = new FastestTimes();
    fastest.add('b.js', { parse: 20, rules: { x: 5 } });
    fastest.add('a.js', { parse: 10, rules: { x: 3 } });
    fastest.add('b.js', { parse: 18, rules: { x: 6 } });
    expect([...fastest.byFile()]).toEqual([
      ['b.js', { parse: 18, rules: { x: 5 } }],
      ['a.js', { parse: 10, rules: { x: 3 } }],
    ]);
  });

  it('gives zero totals when no file was added', () => {
    expect(new FastestTimes().totals()).toEqual({ files: 0, parse: 0, rules: new Map() });
  });
});
