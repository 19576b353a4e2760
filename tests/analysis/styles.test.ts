import { describe, expect, it } from 'vitest';
import { BUILTIN_STYLES, StyleSettingsError, getStyleTable, perTable } from '../../src/analysis/styles.js';

describe('built-in style table', () => {
  const table = getStyleTable(undefined);

  it('has the five families of the design', () => {
    expect(BUILTIN_STYLES.map((s) => s.name)).toEqual(['twisted', 'promise', 'jquery', 'node', 'pair']);
  });

  it('indexes links by method name with their side', () => {
    expect(table.linksNamed('addCallbacks').map((m) => [m.style.name, m.side])).toEqual([['twisted', 'pair']]);
    expect(table.linksNamed('then').map((m) => [m.style.name, m.side])).toEqual([
      ['promise', 'success'],
      ['promise', 'pair'],
      ['jquery', 'pair'],
    ]);
    expect(table.linksNamed('always').map((m) => [m.style.name, m.side])).toEqual([['jquery', 'both']]);
    expect(table.linksNamed('toString')).toEqual([]);
  });

  it('indexes fire methods, including those shared by several families', () => {
    expect(table.firesNamed('errback').map((m) => [m.style.name, m.side])).toEqual([['twisted', 'error']]);
    expect(table.firesNamed('resolve').map((m) => m.style.name)).toEqual(['promise', 'jquery']);
  });

  it('recognises callees by dotted name', () => {
    expect(table.stylesFor('factories', '$.Deferred').map((s) => s.name)).toEqual(['jquery']);
    expect(table.stylesFor('constructors', 'Deferred').map((s) => s.name)).toEqual(['twisted', 'jquery']);
    expect(table.stylesFor('executors', 'Promise').map((s) => s.name)).toEqual(['promise']);
    expect(table.stylesFor('resolverFactories', 'Promise.withResolvers').map((s) => s.name)).toEqual(['promise']);
  });

  it('knows whose both-link handlers receive the outcome', () => {
    const seen = Object.fromEntries(BUILTIN_STYLES.slice(0, 3).map((s) => [s.name, table.bothLinkSeesOutcome(s)]));
    expect(seen).toEqual({ twisted: true, promise: false, jquery: true });
  });

  it('knows the last names of recognised callees', () => {
    expect(['ajax', 'Deferred', 'fetch', 'succeed', 'withResolvers'].every((n) => table.mayRecognise(n))).toBe(true);
    expect(table.mayRecognise('readFile')).toBe(false);
    // Every last name of every recognised callee passes the first-letter-and-length filter; names
    // of the same first letter and length that are no such name still are not recognised.
    for (const style of BUILTIN_STYLES) {
      const r = style.recognise;
      for (const callee of [...(r.constructors ?? []), ...(r.executors ?? []), ...(r.factories ?? []), ...(r.resolverFactories ?? []), ...(r.chainSources ?? [])]) {
        const tail = callee.slice(callee.lastIndexOf('.') + 1);
        expect(table.mayRecognise(tail), tail).toBe(true);
      }
    }
    expect(['ajay', 'Deferrer', 'fetcH', ''].some((n) => table.mayRecognise(n))).toBe(false);
  });

  it('knows which link names are too common to make a chain alone', () => {
    expect(['done', 'fail', 'always', 'otherwise'].filter((m) => table.isAmbiguousLink(m))).toEqual([
      'done',
      'fail',
      'always',
      'otherwise',
    ]);
    expect(['then', 'catch', 'finally', 'addCallback', 'toString'].filter((m) => table.isAmbiguousLink(m))).toEqual([]);
  });

  it('recognises callback parameter names and pairs', () => {
    for (const name of ['cb', 'callback', 'done', 'next', 'fn', 'onDoneCallback', 'writeCb', 'read_cb']) {
      expect(table.isCallbackName(name), name).toBe(true);
    }
    for (const name of ['data', 'err', 'options', 'Callback', 'cbx']) {
      expect(table.isCallbackName(name), name).toBe(false);
    }
    expect(table.pairFor('callback', 'errback')?.style.name).toBe('pair');
    expect(table.pairFor('callback', 'options')).toBeUndefined();
    expect(table.isPairSuccessName('onSuccess')).toBe(true);
    expect(table.isPairSuccessName('errback')).toBe(false);
  });
});

describe('user styles from settings', () => {
  const row = {
    name: 'bluebird-ish',
    kind: 'object',
    recognise: { factories: ['Bluebird.defer'] },
    fire: { success: ['fulfill'], error: ['reject'] },
    links: { success: ['tap'], error: ['caught'], both: ['lastly'], pair: [] },
  };

  it('adds rows after the built-in ones and caches per settings object', () => {
    const settings = { 'callback-discipline': { styles: [row] } };
    const table = getStyleTable(settings);
    expect(table.styles.map((s) => s.name).at(-1)).toBe('bluebird-ish');
    expect(table.firesNamed('fulfill').map((m) => m.side)).toEqual(['success']);
    expect(table.linksNamed('lastly').map((m) => m.side)).toEqual(['both']);
    expect(table.stylesFor('factories', 'Bluebird.defer').map((s) => s.name)).toEqual(['bluebird-ish']);
    expect(getStyleTable(settings)).toBe(table);
  });

  it('lets a user row call its own link names ambiguous', () => {
    const table = getStyleTable({ 'callback-discipline': { styles: [{ ...row, ambiguousLinks: ['tap'] }] } });
    expect(table.isAmbiguousLink('tap')).toBe(true);
    expect(table.isAmbiguousLink('caught')).toBe(false);
  });

  it.each([
    [{ styles: 'x' }, "Invalid settings['callback-discipline'].styles: expected an array of style rows."],
    [{ style: [] }, "Invalid settings['callback-discipline'].style: no such setting (known: styles)."],
    [{ styles: [{ ...row, kind: 'deferred' }] }, ".styles[0].kind: expected one of 'object', 'executor', 'node', 'pair'."],
    [{ styles: [{ ...row, name: '' }] }, '.styles[0].name: expected a non-empty string.'],
    [{ styles: [row, { ...row, fire: { success: 'fulfill' } }] }, '.styles[1].fire.success: expected an array of non-empty strings.'],
    [{ styles: [{ ...row, links: { succes: [] } }] }, '.styles[0].links.succes: no such field'],
    [{ styles: [{ ...row, recognise: { parameterPattern: '(' } }] }, '.styles[0].recognise.parameterPattern: expected a valid regular expression.'],
    [{ styles: [{ ...row, recognise: { parameterPairs: [['a']] } }] }, '.styles[0].recognise.parameterPairs: expected an array of [success, error] name pairs.'],
    [{ styles: [{ ...row, bothLink: 'sometimes' }] }, ".styles[0].bothLink: expected 'passes-through' or 'replaces'."],
    [{ styles: [{ ...row, ambiguousLinks: 'tap' }] }, '.styles[0].ambiguousLinks: expected an array of non-empty strings.'],
    [{ styles: [{ ...row, bothLinkSeesOutcome: 'yes' }] }, '.styles[0].bothLinkSeesOutcome: expected a boolean.'],
  ])('rejects %j with an error naming the field', (own, message) => {
    expect(() => getStyleTable({ 'callback-discipline': own })).toThrow(StyleSettingsError);
    expect(() => getStyleTable({ 'callback-discipline': own })).toThrow(message);
  });
});

describe('perTable (facts derived once per style table)', () => {
  it('computes once per table and answers each table with its own value, also when tables alternate', () => {
    const builtin = getStyleTable(undefined);
    const custom = getStyleTable({
      'callback-discipline': { styles: [{ name: 'x', kind: 'object', recognise: { factories: ['mk'] }, fire: { success: ['ok'], error: ['ko'] } }] },
    });
    const seen: unknown[] = [];
    const styleCount = perTable((table) => {
      seen.push(table);
      return table.styles.length;
    });
    expect([styleCount(builtin), styleCount(builtin), styleCount(custom), styleCount(builtin), styleCount(custom)]).toEqual([
      builtin.styles.length,
      builtin.styles.length,
      builtin.styles.length + 1,
      builtin.styles.length,
      builtin.styles.length + 1,
    ]);
    expect(seen).toEqual([builtin, custom]);
  });
});
