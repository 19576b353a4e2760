import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import {
  bodyStatements,
  containsAwait,
  containsYield,
  declaresBindings,
  findExit,
  findOwnBindingUse,
  identifierNames,
  sameCode,
  sharedHeadLength,
  sharedTailLength,
  type FunctionNode,
} from '../../src/analysis/shared-code.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Parses `code` and runs `inspect` while ESLint still holds the file (scopes available). */
function withSource<T>(code: string, inspect: (sourceCode: SourceCode, program: TSESTree.Program) => T, ts = false): T {
  let result: { value: T } | undefined;
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      ...(ts ? { files: ['**/*.ts'] } : {}),
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', ...(ts ? { parser: tsParser } : {}) },
      plugins: {
        probe: {
          rules: {
            probe: {
              create(context) {
                return {
                  'Program:exit'(node) {
                    result = {
                      value: inspect(context.sourceCode as unknown as SourceCode, node as unknown as TSESTree.Program),
                    };
                  },
                };
              },
            },
          },
        },
      },
      rules: { 'probe/probe': 'error' },
    },
  ], ts ? 'file.ts' : 'file.js');
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(fatal.message);
  if (!result) throw new Error('probe did not run');
  return result.value;
}

const fn = (program: TSESTree.Program, index: number): FunctionNode => {
  const found: FunctionNode[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as TSESTree.Node;
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      found.push(n);
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && 'type' in value) visit(value);
    }
  };
  visit(program);
  found.sort((a, b) => a.range[0] - b.range[0]);
  return found[index]!;
};

const stmts = (f: FunctionNode) => bodyStatements(f).statements;

describe('sameCode', () => {
  it('ignores comments, whitespace and ASI semicolons', () => {
    withSource(
      `function a() { reactor.stop( /* now */ ) ;\n log('x') }
       function b() { reactor
         .stop()
         log('x');  // same
       }`,
      (sc, program) => {
        const [a1, a2] = stmts(fn(program, 0));
        const [b1, b2] = stmts(fn(program, 1));
        expect(sameCode(sc, a1!, b1!)).toBe(true);
        expect(sameCode(sc, a2!, b2!)).toBe(true);
        expect(sameCode(sc, a1!, b2!)).toBe(false);
      },
    );
  });

  it('compares nested blocks with and without semicolons', () => {
    withSource(
      `function a() { if (x) { f(); g() } }
       function b() { if (x) { f()
         g(); } }`,
      (sc, program) => {
        expect(sameCode(sc, stmts(fn(program, 0))[0]!, stmts(fn(program, 1))[0]!)).toBe(true);
      },
    );
  });

  it('tells apart different literals, names, operators and quote styles', () => {
    withSource(
      `function a() { f(1); g.x(); a + b; s('q'); }
       function b() { f(2); g.y(); a - b; s("q"); }`,
      (sc, program) => {
        const a = stmts(fn(program, 0));
        const b = stmts(fn(program, 1));
        for (let i = 0; i < a.length; i++) expect(sameCode(sc, a[i]!, b[i]!), String(i)).toBe(false);
      },
    );
  });

  it('tells statements apart by their first character, and leaves escaped names to the tokens', () => {
    withSource(
      `function a() { stop(1); x = 1; \\u0061b.close(); \\u0061b.close() }
       function b() { start(1); y = 1; ab.close(); ab.close(); }`,
      (sc, program) => {
        const a = stmts(fn(program, 0));
        const b = stmts(fn(program, 1));
        // Same type, same length, different first character: the shortcut's case.
        expect(sameCode(sc, a[0]!, b[0]!)).toBe(false);
        expect(sameCode(sc, a[1]!, b[1]!)).toBe(false);
        // `\u0061b` is the name `ab`, as the token comparison finds (different first characters, not the shortcut).
        expect(sameCode(sc, a[2]!, b[2]!)).toBe(true);
        expect(sameCode(sc, a[3]!, b[3]!)).toBe(true);
        expect(sameCode(sc, b[2]!, a[3]!)).toBe(true);
      },
    );
  });

  it('keeps the semicolons of a for head', () => {
    withSource(
      `function a() { for (let i = 0; i < n; i++) f(i); }
       function b() { for (let i = 0; i < n; i++) f(i) }`,
      (sc, program) => {
        expect(sameCode(sc, stmts(fn(program, 0))[0]!, stmts(fn(program, 1))[0]!)).toBe(true);
      },
    );
  });
});

describe('sharedTailLength / sharedHeadLength', () => {
  it('counts statements shared at the end and at the start', () => {
    withSource(
      `function ok(v) { start(); show(v); log('done'); reactor.stop(); }
       function fail(e) { start(); report(e); log('done'); reactor.stop() }`,
      (sc, program) => {
        const a = stmts(fn(program, 0));
        const b = stmts(fn(program, 1));
        expect(sharedTailLength(sc, a, b)).toBe(2);
        expect(sharedHeadLength(sc, a, b)).toBe(1);
      },
    );
  });

  it('is the whole list for identical bodies and zero for disjoint ones', () => {
    withSource(
      `function a() { x(); y(); } function b() { x(); y(); } function c() { z(); }`,
      (sc, program) => {
        expect(sharedTailLength(sc, stmts(fn(program, 0)), stmts(fn(program, 1)))).toBe(2);
        expect(sharedTailLength(sc, stmts(fn(program, 0)), stmts(fn(program, 2)))).toBe(0);
        expect(sharedHeadLength(sc, stmts(fn(program, 0)), [])).toBe(0);
      },
    );
  });
});

describe('findExit', () => {
  const exitOf = (body: string) =>
    withSource(`function f() { outer: for (;;) { ${body} } }`, (sc, program) => {
      const loop = stmts(fn(program, 0))[0] as TSESTree.LabeledStatement;
      const block = (loop.body as TSESTree.ForStatement).body as TSESTree.BlockStatement;
      return findExit(sc, block.body)?.type;
    });

  it('finds return and throw, but not inside nested functions', () => {
    expect(exitOf('a(); if (x) return; b();')).toBe('ReturnStatement');
    expect(exitOf('a(); if (x) throw new Error("x");')).toBe('ThrowStatement');
    expect(exitOf('a(function () { return 1; }); const g = () => { throw e; };')).toBeUndefined();
    expect(exitOf('class K { m() { return 1; } }')).toBeUndefined();
  });

  it('finds break/continue that leave the list, not those of inner loops and switches', () => {
    expect(exitOf('if (x) break;')).toBe('BreakStatement');
    expect(exitOf('continue;')).toBe('ContinueStatement');
    expect(exitOf('if (x) break outer;')).toBe('BreakStatement');
    expect(exitOf('for (const y of z) { if (y) break; else continue; }')).toBeUndefined();
    expect(exitOf('switch (x) { case 1: break; }')).toBeUndefined();
    expect(exitOf('switch (x) { case 1: continue; }')).toBe('ContinueStatement');
    expect(exitOf('inner: { if (x) break inner; }')).toBeUndefined();
    expect(exitOf('a(); b();')).toBeUndefined();
  });
});

describe('findOwnBindingUse', () => {
  const use = (code: string, index: number, from: number, newFunction = true) =>
    withSource(code, (sc, program) => {
      const f = fn(program, index);
      const s = stmts(f).slice(from);
      return findOwnBindingUse(sc, s, [f], { newFunction }) ? sc.getText(findOwnBindingUse(sc, s, [f], { newFunction })!) : undefined;
    });

  it('flags parameters and locals of the handler', () => {
    expect(use('function ok(poem) { show(poem); log(poem); }', 0, 1)).toBe('poem');
    expect(use('function ok(p) { const n = p.length; report(n); }', 0, 1)).toBe('n');
    expect(use('function ok({ a }) { f(); g(a); }', 0, 1)).toBe('a');
    expect(use('function ok(p) { f(); items.forEach((x) => use(x, p)); }', 0, 1)).toBe('p');
  });

  it('allows outer bindings, globals and bindings the moved code declares and uses alone', () => {
    expect(use('const reactor = {}; function ok(poem) { show(poem); reactor.stop(); }', 0, 1)).toBeUndefined();
    expect(use('function ok(poem) { show(poem); console.log("done"); }', 0, 1)).toBeUndefined();
    expect(use('function ok(poem) { show(poem); const t = Date.now(); log(t); }', 0, 1)).toBeUndefined();
    expect(use('function ok(poem) { show(poem); items.forEach((x) => use(x)); }', 0, 1)).toBeUndefined();
  });

  it('flags a binding declared by the moved code but used before it', () => {
    expect(use('function ok(poem) { helper(); function helper() {} }', 0, 1)).toBe('helper');
  });

  it('counts this, super, new.target and arguments of a non-arrow handler when moving into a new function', () => {
    expect(use('function ok(poem) { show(poem); this.done = true; }', 0, 1)).toBe('this');
    expect(use('function ok(poem) { show(poem); log(arguments.length); }', 0, 1)).toBe('arguments');
    expect(use('function ok(poem) { show(poem); this.done = true; }', 0, 1, false)).toBeUndefined();
    expect(use('function ok(poem) { show(poem); list.map(function () { return this; }); }', 0, 1)).toBeUndefined();
    expect(use('function outer() { const ok = (poem) => { show(poem); this.done = true; }; }', 1, 1)).toBeUndefined();
  });

  it('checks block owners (try and catch blocks)', () => {
    withSource('try { const t = 1; f(t); } catch (e) { g(); h(e); }', (sc, program) => {
      const tryStatement = program.body[0] as TSESTree.TryStatement;
      const handler = tryStatement.handler!;
      expect(findOwnBindingUse(sc, tryStatement.block.body.slice(1), [tryStatement.block], { newFunction: false })).toBeDefined();
      expect(findOwnBindingUse(sc, handler.body.body.slice(1), [handler], { newFunction: false })).toBeDefined();
      expect(findOwnBindingUse(sc, handler.body.body.slice(0, 1), [handler], { newFunction: false })).toBeUndefined();
    });
  });

  it('works on TypeScript', () => {
    expect(
      withSource(
        'function ok(poem: string): void { show(poem as string); log(poem!); }',
        (sc, program) => {
          const f = fn(program, 0);
          return findOwnBindingUse(sc, stmts(f).slice(1), [f], { newFunction: true })?.type;
        },
        true,
      ),
    ).toBe('Identifier');
  });
});

describe('small predicates', () => {
  it('containsAwait / containsYield look through blocks but not nested functions', () => {
    withSource(
      `async function a() { if (x) { await f(); } }
       async function b() { g(async () => { await f(); }); for await (const x of y) {} }
       function* c() { yield 1; }`,
      (sc, program) => {
        expect(containsAwait(sc, stmts(fn(program, 0)))).toBe(true);
        expect(containsAwait(sc, stmts(fn(program, 1)).slice(0, 1))).toBe(false);
        expect(containsAwait(sc, stmts(fn(program, 1)).slice(1))).toBe(true);
        expect(containsYield(sc, stmts(fn(program, 3)))).toBe(true);
        expect(containsYield(sc, stmts(fn(program, 0)))).toBe(false);
      },
    );
  });

  it('declaresBindings sees declarations at the list level only', () => {
    withSource('function a() { const x = 1; } function b() { if (y) { const x = 1; } }', (_sc, program) => {
      expect(declaresBindings(stmts(fn(program, 0)))).toBe(true);
      expect(declaresBindings(stmts(fn(program, 1)))).toBe(false);
    });
  });

  it('identifierNames lists the names written in the code', () => {
    withSource('function a() { log(result, r.x); }', (sc, program) => {
      expect([...identifierNames(sc, stmts(fn(program, 0)))].sort()).toEqual(['log', 'r', 'result', 'x']);
    });
  });

  it('bodyStatements drops a final bare return and marks expression bodies', () => {
    withSource('function a() { f(); return; } const b = () => f(); function c() { return f(); }', (_sc, program) => {
      expect(bodyStatements(fn(program, 0)).statements).toHaveLength(1);
      expect(bodyStatements(fn(program, 1))).toEqual({ statements: [], expression: true });
      expect(bodyStatements(fn(program, 2)).statements).toHaveLength(1);
    });
  });
});
