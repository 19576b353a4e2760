/** The bench's linting layer: parse-mode choice and fallback, crash capture, stats. */
import type { Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { countNonBlankLines, isDeclarationFile, looksMinified } from '../../bench/lib/files.js';
import { BenchLinter, parseModes } from '../../bench/lib/lint.js';
import type { RuleSelection } from '../../bench/lib/plugins.js';
import { syntheticSource } from '../../bench/lib/synthetic.js';

/** Reports every identifier named `bad`; throws on `boom`. */
const probe: Rule.RuleModule = {
  meta: { type: 'problem', schema: [], messages: { bad: 'bad here' } },
  create(context) {
    return {
      Identifier(node) {
        if (node.name === 'boom') throw new TypeError('boom visited');
        if (node.name === 'bad') context.report({ node, messageId: 'bad' });
      },
    };
  },
};
/** Reports every `bad` too, and never throws: its reports must survive the other rule's crash. */
const steady: Rule.RuleModule = {
  meta: { type: 'problem', schema: [], messages: { bad: 'still bad' } },
  create(context) {
    return { 'Identifier[name="bad"]': (node: Rule.Node) => context.report({ node, messageId: 'bad' }) };
  },
};

const selection: RuleSelection = {
  plugins: { t: { rules: { probe, steady } } },
  rules: { 't/probe': 'error', 't/steady': 'error' },
  label: 'test',
};

describe('parseModes', () => {
  it('guesses module for import/export statements and script otherwise, with the other as fallback', () => {
    expect(parseModes('/a.js', "import x from 'y';\n")).toEqual(['module', 'commonjs']);
    expect(parseModes('/a.js', "  export default 1;\n")).toEqual(['module', 'commonjs']);
    expect(parseModes('/a.js', "var x = import('y');\nimportant();\n")).toEqual(['commonjs', 'module']);
    expect(parseModes('/a.mjs', '')).toEqual(['module']);
    expect(parseModes('/a.cjs', 'export {}')).toEqual(['commonjs']);
    expect(parseModes('/a.ts', '')).toEqual(['typescript']);
  });
});

describe('BenchLinter.lintFile', () => {
  const linter = new BenchLinter(selection, { stats: true });

  it('parses CommonJS (top-level return) and modules (import.meta) alike', async () => {
    const script = await linter.lintFile('/virtual/a.js', 'if (bad) return;\n');
    expect(script.mode).toBe('commonjs');
    expect(script.parseFailure).toBeUndefined();
    expect(script.messages.map((m) => m.ruleId)).toEqual(['t/probe', 't/steady']);

    const fallback = await linter.lintFile('/virtual/b.js', 'console.log(import.meta.url, bad);\n');
    expect(fallback.mode).toBe('module');
    expect(fallback.messages).toHaveLength(2);
  });

  it('parses TypeScript with typescript-eslint', async () => {
    const result = await linter.lintFile('/virtual/c.ts', 'const x: number = bad as number;\n');
    expect(result.parseFailure).toBeUndefined();
    expect(result.messages).toHaveLength(2);
  });

  it("records ESLint's parse failure with the first mode tried", async () => {
    const result = await linter.lintFile('/virtual/d.js', 'function (\n');
    expect(result.parseFailure).toMatchObject({ mode: 'commonjs', line: 1 });
    expect(result.parseFailure!.message).toMatch(/^Parsing error/);
    expect(result.messages).toEqual([]);
  });

  it('records a rule crash and keeps the other rules’ reports', async () => {
    const result = await linter.lintFile('/virtual/e.js', 'bad;\n\nboom;\n');
    expect(result.crashes).toEqual([
      expect.objectContaining({ ruleId: 't/probe', file: '/virtual/e.js', line: 3, message: 'TypeError: boom visited' }),
    ]);
    expect(result.messages.map((m) => m.ruleId)).toEqual(['t/steady']);
  });

  it("returns ESLint's parse and rule times", async () => {
    const result = await linter.lintFile('/virtual/f.js', 'bad;\n');
    expect(result.times!.parse).toBeGreaterThan(0);
    expect(Object.keys(result.times!.rules).sort()).toEqual(['t/probe', 't/steady']);
  });
});

describe('file measures', () => {
  it('counts non-blank lines across line-ending styles', () => {
    expect(countNonBlankLines('a\n\n  \nb\r\nc\rd')).toBe(4);
    expect(countNonBlankLines('a\n')).toBe(1);
    expect(countNonBlankLines('\n\t\n')).toBe(0);
  });

  it('recognises declaration files and minified bundles', () => {
    expect(isDeclarationFile('/x/index.d.ts')).toBe(true);
    expect(isDeclarationFile('/x/index.ts')).toBe(false);
    expect(looksMinified('/x/a.min.js', 'a')).toBe(true);
    expect(looksMinified('/x/a.js', `${'x=1;'.repeat(200)}\n`)).toBe(true);
    expect(looksMinified('/x/a.js', 'var a = 1;\nvar b = 2;\n')).toBe(false);
  });

  it('generates synthetic stress files that parse, with the requested statements', async () => {
    const text = syntheticSource(120, 30);
    const result = await new BenchLinter(selection).lintFile('/virtual/synthetic.js', text);
    expect(result.parseFailure).toBeUndefined();
    expect(result.lines).toBeGreaterThan(120 + 3 * 30);
  });
});
