/**
 * The executed-docs harness itself: if it misread a page or misjudged a run, tests/docs.test.ts
 * would pass for the wrong reason.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME, REPO_ROOT } from '../integration/helpers.js';
import { lintExample } from './lint.js';
import { codeBlocks, examples, headings } from './markdown.js';
import { checkOutcome, importsDeferred, parseRuntimeDirective, runExample, type DeferredModule } from './runtime.js';

const fence = '```';

describe('codeBlocks', () => {
  it('reads fences of both kinds and lengths, with the directives above them', () => {
    const page = [
      '<!-- options: {"b": 2} -->', // 1: text in between ends the directives
      '# Title', // 2
      '<!-- options: {"a": 1} -->', // 3
      '', // 4: blank lines do not
      '<!-- runtime: hang -->', // 5
      '<!-- settings: {} -->', // 6
      `${fence}ts incorrect`, // 7
      'const a = 1;', // 8
      `${fence}`, // 9
      '~~~~js', // 10
      '```not a close', // 11
      '~~~~', // 12
      `${fence}`, // 13
      '', // 14
      `${fence}`, // 15
    ].join('\n');
    expect(codeBlocks(page)).toEqual([
      { lang: 'ts', flags: ['incorrect'], code: 'const a = 1;\n', line: 7, directives: { options: '{"a": 1}', runtime: 'hang', settings: '{}' } },
      { lang: 'js', flags: [], code: '```not a close\n', line: 10, directives: {} },
      { lang: '', flags: [], code: '\n', line: 13, directives: {} },
    ]);
  });

  it('refuses the same directive twice on one block', () => {
    expect(() => codeBlocks(`<!-- runtime: hang -->\n<!-- runtime: clean -->\n${fence}js\nx\n${fence}\n`)).toThrow(
      'a second <!-- runtime: … -->',
    );
  });
});

describe('examples', () => {
  const block = (info: string, before = '') => `${before}${fence}${info}\nx();\n${fence}\n`;

  it('keeps incorrect/correct blocks with their options and settings', () => {
    const page =
      block('sh') +
      block('js incorrect', '<!-- options: {"oneSided": true} -->\n') +
      block('tsx correct', '<!-- options: ["a", {"b": 2}] -->\n<!-- settings: {"x": 1} -->\n');
    expect(examples(`<!-- types: on -->\n\`\`\`ts incorrect\nx();\n\`\`\`\n`).map((e) => e.typed)).toEqual([true]);
    expect(examples(page).map((e) => [e.lang, e.kind, e.options, e.settings])).toEqual([
      ['js', 'incorrect', [{ oneSided: true }], undefined],
      ['tsx', 'correct', ['a', { b: 2 }], { x: 1 }],
    ]);
  });

  it.each([
    [block('js incorect'), 'misspelt kind'],
    [block('js incorrect correct'), 'exactly one of incorrect/correct'],
    [block('js incorrect extra'), 'exactly one of incorrect/correct'],
    [block('python correct'), 'examples are js/jsx/ts/tsx'],
    [block('js', '<!-- options: {} -->\n'), 'options/settings above a block'],
    [block('js correct', '<!-- options: {oneSided: true} -->\n'), 'is not JSON'],
    [block('js correct', '<!-- options: 3 -->\n'), 'must be an object or an array'],
    [block('js correct', '<!-- settings: [] -->\n'), 'must be an object'],
    [block('ts', '<!-- types: on -->\n'), 'types: on --> above a block'],
    [block('js correct', '<!-- types: on -->\n'), 'on a `ts` example'],
    [block('ts correct', '<!-- types: yes -->\n'), 'the only types directive'],
  ])('refuses %j', (page, message) => {
    expect(() => examples(page)).toThrow(message);
  });
});

describe('headings', () => {
  it('lists level-2 headings outside code blocks', () => {
    expect(headings(`# T\n## Rule details\n${fence}md\n## not a heading\n${fence}\n### sub\n## Options\n`)).toEqual([
      'Rule details',
      'Options',
    ]);
  });
});

describe('lintExample', () => {
  // A rule that reports every program and echoes what it was given.
  const probe = {
    rules: {
      probe: {
        meta: { schema: [{ type: 'object' }] },
        create: (context: { options: unknown[]; settings: unknown; report(d: object): void }) => ({
          Program: (node: object) =>
            context.report({ node, message: JSON.stringify({ options: context.options, settings: context.settings }) }),
        }),
      },
    },
  };

  it.each([
    ['js', 'export const a = 1;\n'],
    ['jsx', 'export const a = <div />;\n'],
    ['ts', 'export const a: number = 1;\n'],
    ['tsx', 'export const a: JSX.Element = <div />;\n'],
  ] as const)('lints a %s block with the rule, its options and settings', (lang, code) => {
    const messages = lintExample(probe, 'probe', { lang, code, options: [{ a: 1 }], settings: { s: 2 } });
    expect(messages.map((m) => [m.ruleId, m.message])).toEqual([
      ['callback-discipline/probe', JSON.stringify({ options: [{ a: 1 }], settings: { s: 2 } })],
    ]);
  });

  it('reports a parse error as a message without a rule', () => {
    const messages = lintExample(probe, 'probe', { lang: 'js', code: 'const a: number = 1;', options: [], settings: undefined });
    expect(messages.map((m) => [m.ruleId, m.fatal])).toEqual([[null, true]]);
  });
});

describe('runtime directives', () => {
  it.each([
    ['hang', { outcome: 'hang' }],
    [' already-called ', { outcome: 'already-called' }],
    ['throws TypeError', { outcome: 'throws', errorName: 'TypeError' }],
  ])('parses %j', (text, expected) => {
    expect(parseRuntimeDirective(text)).toEqual(expected);
  });

  it.each(['hangs', 'clean now', 'hang TypeError', ''])('refuses %j', (text) => {
    expect(() => parseRuntimeDirective(text)).toThrow('<!-- runtime:');
  });

  it('knows which blocks import the Deferred', () => {
    expect(importsDeferred(`import { Deferred } from '${PACKAGE_NAME}/deferred';`)).toBe(true);
    expect(importsDeferred(`import type { Failure } from '${PACKAGE_NAME}/deferred';`)).toBe(true);
    expect(importsDeferred(`import plugin from '${PACKAGE_NAME}';`)).toBe(false);
  });
});

/**
 * Plain code needs no Deferred; a module whose classes nothing constructs lets the sandbox itself
 * (timers, errors, imports) be tested before the reference Deferred exists.
 */
const noDeferred: DeferredModule = {
  Deferred: class {} as never,
  Failure: class {} as never,
  AlreadyCalledError: class extends Error {},
  setUnhandledErrorReporter: () => () => {},
};

describe('the sandbox', () => {
  it('runs timers on a virtual clock, in time order, with microtasks in between', async () => {
    const report = await runExample(
      `setTimeout(() => console.log('late'), 60_000);
       setTimeout(() => { console.log('soon'); queueMicrotask(() => console.log('micro')); }, 10);
       setImmediate(() => console.log('immediate'));
       Promise.resolve().then(() => console.log('promise'));
       const t = setTimeout(() => console.log('cancelled'), 5); clearTimeout(t);
       let n = 0; const i = setInterval(() => { if (++n === 3) clearInterval(i); }, 1000);
       process.nextTick(() => console.log('tick'));`,
      'js',
      noDeferred,
    );
    expect(report.output).toEqual(['promise', 'tick', 'immediate', 'soon', 'micro', 'late']);
    expect(report.outcomes).toEqual(['clean']);
  });

  it('catches what the module body and the callbacks throw', async () => {
    const report = await runExample(
      `setTimeout(() => { throw new RangeError('in a timer'); }, 5);
       queueMicrotask(() => { throw new SyntaxError('in a microtask'); });
       reactor.callWhenRunning(() => { reactor.stop(); reactor.stop(); });
       reactor.run();
       throw new TypeError('in the body');`,
      'ts',
      noDeferred,
    );
    expect(report.thrown.map((e) => (e as Error).message)).toEqual([
      'in the body',
      'in a microtask',
      "Can't stop reactor that isn't running.",
      'in a timer',
    ]);
    expect(report.outcomes).toEqual(['throws']);
    expect(checkOutcome(report, { outcome: 'throws', errorName: 'TypeError' })).toBeUndefined();
    expect(checkOutcome(report, { outcome: 'throws', errorName: 'EvalError' })).toMatch(/^expected a thrown EvalError/);
    expect(checkOutcome(report, { outcome: 'clean' })).toMatch(/^observed throws/);
  });

  it('transpiles TypeScript and JSX, and refuses imports other than the Deferred and built-ins', async () => {
    const ts = await runExample(
      `import { EventEmitter } from 'node:events';
       const e: EventEmitter = new EventEmitter();
       e.on('x', (v: number) => console.log(v satisfies number));
       e.emit('x', 1);`,
      'ts',
      noDeferred,
    );
    expect(ts.output).toEqual(['1']);
    const other = await runExample(`import x from 'left-pad';`, 'js', noDeferred);
    expect(String(other.thrown[0])).toContain('examples may import only');
  });
});

const HAS_DEFERRED = existsSync(`${REPO_ROOT}src/deferred/index.ts`);

describe.skipIf(!HAS_DEFERRED)('outcomes on the reference Deferred', () => {
  const load = async () => (await import(`${PACKAGE_NAME}/deferred`)) as DeferredModule;
  const header = `import { Deferred, succeed } from '${PACKAGE_NAME}/deferred';\n`;

  it.each([
    ['a second fire', `const d = new Deferred(); d.callback(1); d.callback(2);`, ['already-called']],
    [
      'a second fire inside another chain',
      `const d = new Deferred(); const outer = succeed(0); outer.addCallback(() => { d.callback(1); d.callback(2); }); export { outer };`,
      ['already-called'],
    ],
    ['a Deferred nobody fires', `const d = new Deferred(); d.addCallback(console.log);`, ['hang']],
    [
      'a chain paused on a Deferred nobody fires',
      `const inner = new Deferred(); export const d = succeed(1).addCallback(() => inner);`,
      ['hang'],
    ],
    ['a failure at the end of a chain', `const d = new Deferred(); d.addCallback(console.log); d.errback(new Error('x'));`, ['lost-error']],
    [
      'an errback that recovers with undefined, then a link that breaks on it',
      `export const d = new Deferred(); d.addErrback(() => undefined).addCallback((poem) => poem.length); d.errback(new Error('x'));`,
      ['lost-error'],
    ],
    [
      'a handled failure',
      `const d = new Deferred(); d.addErrback((f) => console.log(f.getErrorMessage())); d.errback(new Error('x'));`,
      ['clean'],
    ],
    ['an exported chain from succeed()', `export const d = succeed(1).addCallback((n) => n + 1);`, ['clean']],
  ])('%s', async (_name, body, outcomes) => {
    const report = await runExample(header + body, 'ts', await load());
    expect(report.outcomes).toEqual(outcomes);
  });
});
