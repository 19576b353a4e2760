import { Linter } from 'eslint';
import type { TSESTree } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import { fileURLToPath } from 'node:url';
import { onFileAnalysed, type FileAnalysis } from '../../src/analysis/file-analysis.js';
import type { Completion } from '../../src/analysis/completions.js';
import { SOURCE_NOT_ON_DISK } from '../typed/source-not-on-disk.js';

export interface Analysed {
  readonly analysis: FileAnalysis;
  readonly code: string;
  /** The completion declared at the first occurrence of `marker` in the code. */
  completion(name: string): Completion;
  /** The first node of `type` whose source text starts with `text`. */
  node<T extends TSESTree.Node['type']>(type: T, text: string, nth?: number): Extract<TSESTree.Node, { type: T }>;
  /** Source text of a node. */
  text(node: TSESTree.Node): string;
}

/** The typed fixture project: `typed` analyses lint the code as its file.ts, with its program. */
const TYPED_DIR = fileURLToPath(new URL('../fixtures/typed/', import.meta.url));

/** Lints `code` with a probe rule and returns the shared file analysis (`typed`: with type information). */
export function analyse(code: string, options: { settings?: Record<string, unknown>; typescript?: boolean; typed?: boolean } = {}): Analysed {
  let captured: FileAnalysis | undefined;
  const probe = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: Parameters<typeof onFileAnalysed>[0]) {
      return onFileAnalysed(context, (a) => {
        captured = a;
        // Force everything while the file is current.
        for (const c of a.completions()) a.paths(c);
      });
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      files: ['**/*.ts', '**/*.js'],
      plugins: { probe: { rules: { probe } } },
      rules: { 'probe/probe': 'error' },
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'module',
        ...(options.typescript || options.typed ? { parser: tsParser } : {}),
        ...(options.typed ? { parserOptions: { project: './tsconfig.json', tsconfigRootDir: TYPED_DIR , ...SOURCE_NOT_ON_DISK } } : {}),
      },
      ...(options.settings ? { settings: options.settings } : {}),
    },
  ], options.typed ? `${TYPED_DIR}file.ts` : options.typescript ? 'file.ts' : 'file.js');
  const fatal = messages.find((m) => m.fatal || m.ruleId === 'probe/probe');
  if (fatal) throw new Error(`lint failed: ${fatal.message}`);
  if (!captured) throw new Error('analysis not captured');
  const analysis = captured;
  const all: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node) => {
    all.push(node);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) for (const v of value) if (v && typeof v.type === 'string') visit(v);
      if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string' && key !== 'parent') {
        if (!Array.isArray(value)) visit(value as TSESTree.Node);
      }
    }
  };
  const program = analysis.collector.paths[0]!.root as TSESTree.Node;
  visit(program);
  const text = (n: TSESTree.Node) => code.slice(n.range[0], n.range[1]);
  return {
    analysis,
    code,
    completion(name) {
      const found = analysis.completions().find((c) => c.name === name);
      if (!found) throw new Error(`no completion named ${name}: ${analysis.completions().map((c) => c.name).join(', ')}`);
      return found;
    },
    node(type, start, nth = 0) {
      const matches = all.filter((n) => n.type === type && text(n).startsWith(start));
      const found = matches[nth];
      if (!found) throw new Error(`no ${type} starting with ${start}`);
      return found as never;
    },
    text,
  };
}
