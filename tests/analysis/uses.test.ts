import { describe, expect, it } from 'vitest';
import { indexMemberSites, indexUses, type UseInput } from '../../src/analysis/uses.js';
import { analyse } from './helpers.js';

const code = `
  function Req(opts, callback) {
    var self = this;
    self.callback = callback;
    self.callback(null, self.callback);
    go(self.callback, this['callback'], other.callback);
    new Thing(self.callback);
    self.callback = null;
  }
`;

describe('use index of a member completion', () => {
  it('finds fires (callee only), arguments and resets through the per-file member sites', () => {
    const a = analyse(code);
    const member = a.analysis.completions().find((c) => c.kind === 'member')!;
    expect(member.name).toBe('this.callback');
    const index = a.analysis.uses(member);
    expect([...index.fireCalls.values()].map((f) => [a.text(f.node), f.name])).toEqual([
      ['self.callback(null, self.callback)', 'self.callback'],
    ]);
    expect(
      [...index.uses].flatMap(([item, uses]) => uses.map((u) => `${a.text(item)} ${u.kind}${u.kind === 'arg' ? ` ${u.index}` : ''}`)),
    ).toEqual([
      "go(self.callback, this['callback'], other.callback) arg 0",
      "go(self.callback, this['callback'], other.callback) arg 1",
      'new Thing(self.callback) arg 0',
      // Every assignment of the member is a reset, the one that made it too (the engine places it).
      'self.callback = callback reset',
      'self.callback = null reset',
    ]);
  });

  it('reads the same without the shared member sites (built from the calls)', () => {
    const a = analyse(code);
    const member = a.analysis.completions().find((c) => c.kind === 'member')!;
    const { calls, assignments, assignedProperties } = a.analysis.collector;
    const input: UseInput = { resolve: (id) => a.analysis.resolve(id), calls, assignments, assignedProperties };
    const alone = indexUses(member, input);
    const shared = indexUses(member, { ...input, memberSites: indexMemberSites(input.calls) });
    expect([...alone.fireCalls.keys()]).toEqual([...shared.fireCalls.keys()]);
    expect([...alone.uses]).toEqual([...shared.uses]);
    expect(alone.roots).toEqual(shared.roots);
  });

  it('indexes member callees and arguments by property name, callee first', () => {
    const a = analyse('a.x(b.x, c[d], e["x"]); new F(g.y); h.x.y();');
    const sites = indexMemberSites(a.analysis.collector.calls);
    expect([...sites.keys()].sort()).toEqual(['x', 'y']);
    expect(sites.get('x')!.map((s) => [a.text(s.call).slice(0, 4), s.index, a.text(s.member)])).toEqual([
      ['a.x(', -1, 'a.x'],
      ['a.x(', 0, 'b.x'],
      ['a.x(', 2, 'e["x"]'],
    ]);
    expect(sites.get('y')!.map((s) => [a.text(s.call), s.index])).toEqual([
      ['new F(g.y)', 0],
      ['h.x.y()', -1],
    ]);
  });
});
