import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { findFloatingCalls, getChainModel } from '../../src/analysis/chains.js';
import { getStyleTable } from '../../src/analysis/styles.js';
import { getTypeInfo, type TypeInfo } from '../../src/analysis/types.js';
import { TYPED_FIXTURE_DIR } from '../typed/both-ways.js';
import { analyse } from './helpers.js';
import { withSource } from './with-source.js';
import { SOURCE_NOT_ON_DISK } from '../typed/source-not-on-disk.js';

interface Probe {
  readonly info: TypeInfo | undefined;
  /** The expression of the statement `name;` (or the call `name(…);`). */
  expr(name: string): TSESTree.Node;
  /** The parameter `name` of a function. */
  param(name: string): TSESTree.Node;
}

/** Lints `code` as tests/fixtures/typed/file.ts, with or without a program, and keeps the type information. */
function probe(code: string, { typed = true, settings }: { typed?: boolean; settings?: Record<string, unknown> } = {}): Probe {
  let info: TypeInfo | undefined;
  const exprs = new Map<string, TSESTree.Node>();
  const params = new Map<string, TSESTree.Node>();
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: { sourceCode: unknown; settings: Record<string, unknown> }) {
      info = getTypeInfo(context.sourceCode as object, getStyleTable(context.settings));
      return {
        ExpressionStatement(node: TSESTree.ExpressionStatement) {
          const e = node.expression;
          const id = e.type === 'CallExpression' ? e.callee : e;
          if (id.type === 'Identifier') exprs.set(id.name, e);
        },
        'FunctionDeclaration > Identifier.params'(node: TSESTree.Identifier) {
          params.set(node.name, node);
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        plugins: { probe: { rules: { types: rule as never } } },
        rules: { 'probe/types': 'error' },
        ...(settings ? { settings } : {}),
        languageOptions: {
          parser: tsParser as Linter.Parser,
          parserOptions: typed ? { project: './tsconfig.json', tsconfigRootDir: TYPED_FIXTURE_DIR , ...SOURCE_NOT_ON_DISK } : {},
        },
      },
    ],
    `${TYPED_FIXTURE_DIR}file.ts`,
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  const get = (map: Map<string, TSESTree.Node>, name: string) => {
    const node = map.get(name);
    if (!node) throw new Error(`no ${name} in the probe`);
    return node;
  };
  return { info, expr: (name) => get(exprs, name), param: (name) => get(params, name) };
}

const names = (styles: readonly { name: string }[]) => styles.map((s) => s.name);

describe('type information', () => {
  it('is absent without a program', () => {
    expect(probe('declare const d: Deferred<string>;\nd;', { typed: false }).info).toBeUndefined();
  });

  it('recognises deferreds and promises by the style table’s links and fire methods', () => {
    const p = probe(`
      declare const d: Deferred<string>;
      declare const maybe: Deferred<string> | undefined;
      declare const dfd: JQuery.Deferred<number>;
      declare const jqp: JQuery.Promise<number>;
      declare const promise: Promise<void>;
      declare const thenable: PromiseLike<void>;
      declare const mixed: Promise<void> | string;
      declare const resolvers: { resolve(v: string): void; reject(e: Error): void };
      declare const anything: any;
      declare const something: unknown;
      d; maybe; dfd; jqp; promise; thenable; mixed; resolvers; anything; something;
    `);
    const info = p.info!;
    const row = (name: string) => [names(info.chainStyles(p.expr(name))), names(info.fireStyles(p.expr(name)))];
    expect(row('d')).toEqual([['twisted', 'promise'], ['twisted']]);
    expect(row('maybe')).toEqual([['twisted', 'promise'], ['twisted']]);
    expect(row('dfd')).toEqual([['promise', 'jquery'], ['jquery']]);
    expect(row('jqp')).toEqual([['promise', 'jquery'], []]);
    expect(row('promise')).toEqual([['promise'], []]);
    expect(row('thenable')).toEqual([['promise'], []]);
    for (const none of ['mixed', 'resolvers', 'anything', 'something']) expect(row(none), none).toEqual([[], []]);
    expect(info.isTwistedDeferred(p.expr('d'))).toBe(true);
    expect(info.isTwistedDeferred(p.expr('dfd'))).toBe(false);
    expect(info.isJQueryDeferred(p.expr('jqp'))).toBe(true);
    expect(info.isJQueryDeferred(p.expr('d'))).toBe(false);
    expect(info.isPromiseLike(p.expr('thenable'))).toBe(true);
    expect(info.isPromiseLike(p.expr('resolvers'))).toBe(false);
  });

  it('recognises the deferreds of a custom style row', () => {
    const settings = {
      'callback-discipline': {
        styles: [
          {
            name: 'task',
            kind: 'object',
            recognise: {},
            fire: { success: ['finish'], error: ['abort'] },
            links: { success: ['whenDone'], error: ['whenFailed'], both: [], pair: [] },
            bothLink: 'passes-through',
            successLinkTransforms: false,
          },
        ],
      },
    };
    const p = probe(
      `
      interface Task { whenDone(f: () => void): Task; whenFailed(f: (e: Error) => void): Task; finish(): void; abort(e: Error): void }
      declare const task: Task;
      task;
    `,
      { settings },
    );
    expect(names(p.info!.chainStyles(p.expr('task')))).toEqual(['task']);
    expect(names(p.info!.fireStyles(p.expr('task')))).toEqual(['task']);
  });

  it('tells error-first callbacks from value callbacks', () => {
    const p = probe(`
      type Reply = (err: Error | null, line?: string) => void;
      function f(
        a: (err: Error | null, data?: string) => void,
        b: (err?: Error) => void,
        c: Reply,
        d: ((err: Error | null) => void) | undefined,
        e: (value: string | null) => void,
        g: (found: boolean) => void,
        h: (poem: { text: string }) => void,
        i: (err: any) => void,
        j: (failure: Error | string) => void,
        k: () => void,
        l: string,
      ) {}
    `);
    const info = p.info!;
    const kinds = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'g', 'h', 'i', 'j', 'k', 'l'].map((n) => [
        n,
        info.isErrorFirstCallbackType(p.param(n)) ? 'error-first' : info.isValueCallbackType(p.param(n)) ? 'value' : '—',
      ]),
    );
    expect(kinds).toEqual({ a: 'error-first', b: 'error-first', c: 'error-first', d: 'error-first', e: 'value', g: 'value', h: 'value', i: '—', j: '—', k: '—', l: '—' });
  });

  it('says what a value is when its type cannot be an Error', () => {
    const p = probe(`
      enum Code { A = 1 }
      declare const s: string; declare const lit: 'x'; declare const tpl: \`E\${number}\`; declare const n: number;
      declare const code: Code; declare const big: bigint; declare const b: boolean; declare const t: true;
      declare const nul: null; declare const und: undefined; declare const opt: string | undefined;
      declare const e: Error; declare const te: TypeError; declare const eOrS: Error | string; declare const obj: { code: number };
      declare const fail: Failure; declare const a: any; declare const u: unknown; declare const none: null | undefined;
      s; lit; tpl; n; code; big; b; t; nul; und; opt; e; te; eOrS; obj; fail; a; u; none;
    `);
    const info = p.info!;
    const kinds = Object.fromEntries(
      ['s', 'lit', 'tpl', 'n', 'code', 'big', 'b', 't', 'nul', 'und', 'opt', 'e', 'te', 'eOrS', 'obj', 'fail', 'a', 'u', 'none'].map((n) => [
        n,
        info.isErrorType(p.expr(n)) ? 'Error' : (info.nonErrorKind(p.expr(n)) ?? '?'),
      ]),
    );
    expect(kinds).toEqual({
      s: 'a string',
      lit: 'a string',
      tpl: 'a string',
      n: 'a number',
      code: 'a number',
      big: 'a number',
      b: 'a boolean',
      t: 'a boolean',
      nul: 'null',
      und: 'undefined',
      opt: 'a string',
      e: 'Error',
      te: 'Error',
      eOrS: '?',
      obj: '?',
      fail: '?',
      a: '?',
      u: '?',
      none: 'undefined',
    });
  });

  it('reads what calls return and the parameters of the signature they resolve to', () => {
    const p = probe(`
      declare function getPoem(): Deferred<string>;
      declare function fetchThing(): Promise<string>;
      declare function log(s: string): void;
      getPoem(); fetchThing(); log('x');
      getPoetry('h', 1, (poem) => log(poem));
    `);
    const info = p.info!;
    const call = (name: string) => p.expr(name) as TSESTree.CallExpression;
    expect(names(info.returnsChain(call('getPoem')))).toEqual(['twisted', 'promise']);
    expect(names(info.returnsChain(call('fetchThing')))).toEqual(['promise']);
    expect(info.returnsChain(call('log'))).toEqual([]);
    expect(info.signatureParameters(call('getPoetry'))).toEqual([
      { name: 'host', optionalByDesign: false },
      { name: 'port', optionalByDesign: false },
      { name: 'callback', optionalByDesign: false },
      { name: 'errback', optionalByDesign: false },
    ]);
  });

  it('knows functions that return nothing', () => {
    const p = probe(`
      declare const log: (s: string) => void;
      declare const count: (s: string) => number;
      declare const maybe: (s: string) => void | undefined;
      declare const later: (s: string) => Promise<void>;
      declare const value: string;
      log; count; maybe; later; value;
    `);
    const info = p.info!;
    expect(['log', 'count', 'maybe', 'later', 'value'].filter((n) => info.returnsVoid(p.expr(n)))).toEqual(['log', 'maybe']);
  });

  it('asks the checker once per node', () => {
    const p = probe('declare const d: Deferred<string>;\nd;');
    const info = p.info!;
    info.chainStyles(p.expr('d'));
    const after = info.queries;
    info.chainStyles(p.expr('d'));
    info.fireStyles(p.expr('d'));
    info.isTwistedDeferred(p.expr('d'));
    expect(info.queries).toBe(after);
  });

  it('gives no answer when the checker throws', () => {
    const checker = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('checker failure');
        },
      },
    );
    const sourceCode = {
      parserServices: { program: { getTypeChecker: () => checker }, esTreeNodeToTSNodeMap: { get: () => ({}) } },
    };
    const info = getTypeInfo(sourceCode, getStyleTable(undefined))!;
    const node = { type: 'Identifier', name: 'x' } as unknown as TSESTree.Node;
    expect(info.chainStyles(node)).toEqual([]);
    expect(info.isErrorFirstCallbackType(node)).toBe(false);
    expect(info.nonErrorKind(node)).toBeUndefined();
    expect(info.signatureParameters(node as TSESTree.CallExpression)).toBeUndefined();
  });
});

describe('typed analyses', () => {
  const discovered = (code: string, typed: boolean) =>
    analyse(code, { typed, typescript: true })
      .analysis.completions()
      .map((c) => `${c.kind}:${c.style.name}:${c.name}${c.byType ? ' (by type)' : ''}`);

  it('discovery: deferred-typed variables the code fires, error-first-typed parameters of any name', () => {
    const code = `
      declare function request(url: string, cb: (failure: Error | null, body: string) => void): void;
      const pending = new Map<number, Deferred<string>>();
      export function onReply(id: number, line: string): void {
        const d = pending.get(id)!;
        d.callback(line);
      }
      export function settle(dfd: JQuery.Deferred<number>): void { dfd.resolve(1); }
      export function fetchPoem(url: string, deliver: (err: Error | null, poem?: string) => void, retries = 0): void {
        request(url, (failure, body) => deliver(failure, body));
      }
      export function each(items: string[], visit: (item: string) => void): void { items.forEach((i) => visit(i)); }
      export function unused(d: Deferred<string>, reply: (err: Error | null) => void): void { void d; void reply; }
      export function named(cb: (err?: Error | null) => void): void { cb(); }
    `;
    expect(discovered(code, false)).toEqual(['node:node:cb']);
    expect(discovered(code, true)).toEqual([
      'object:twisted:d (by type)',
      'object:jquery:dfd (by type)',
      'node:node:deliver (by type)',
      'node:node:cb',
    ]);
  });

  it('chains: one ambiguous link on a typed head is a chain; calls dropping a deferred or a promise float', () => {
    const code = `
      declare function loadUser(id: string): JQuery.Promise<string>;
      declare function getPoem(): Deferred<string>;
      declare function fetchThing(): Promise<string>;
      declare const job: { done(f: () => void): void };
      declare function show(v: unknown): void;
      loadUser('a').done(show);
      job.done(() => show(1));
      getPoem();
      fetchThing();
      getPoem().addCallback(show);
      $.Deferred<number>().resolve(1);
      show(getPoem());
    `;
    const read = (typed: boolean) =>
      withSource(
        code,
        (sourceCode, context) => {
          const table = getStyleTable(context.settings);
          return {
            chains: getChainModel(sourceCode, table).chains.map((c) => `${sourceCode.getText(c.outer as never)} [${c.evidence}]`),
            floating: findFloatingCalls(sourceCode, table).map((f) => `${sourceCode.getText(f.call as never)} ${f.deferred ? 'deferred' : 'promise'} [${names(f.styles)}]`),
          };
        },
        typed ? { typed: TYPED_FIXTURE_DIR } : { typescript: true },
      );
    expect(read(false)).toEqual({ chains: ['getPoem().addCallback(show) [method]'], floating: [] });
    expect(read(true)).toEqual({
      chains: ["loadUser('a').done(show) [type]", 'getPoem().addCallback(show) [method]'],
      floating: ['getPoem() deferred [twisted]', 'fetchThing() promise [promise]'],
    });
  });
});
