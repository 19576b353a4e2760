import { Linter, type Rule } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { mergeListeners, nodeIndexListeners } from '../../src/analysis/node-index.js';
import { SOURCE_NOT_ON_DISK } from '../typed/source-not-on-disk.js';

/**
 * Lints `code` with a one-off rule and returns what `inspect` computed at `Program:exit`, when the
 * AST has parents and the scope manager is ready — the state analysis modules see inside rules.
 */
export function withSource<T>(
  code: string,
  inspect: (sourceCode: TSESLint.SourceCode, context: Rule.RuleContext) => T,
  options: {
    typescript?: boolean;
    sourceType?: 'module' | 'script' | 'commonjs';
    settings?: Record<string, unknown>;
    /** Lint as file.ts of this typed project folder (its tsconfig.json), with type information. */
    typed?: string;
    /**
     * Feed the file's collector from the probe rule, as the first of our rules does: the models
     * then read its recording. Without it they find their nodes by a walk of their own.
     */
    collected?: boolean;
  } = {},
): T {
  let result: T | undefined;
  let ran = false;
  const rule: Rule.RuleModule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      const sourceCode = context.sourceCode as unknown as TSESLint.SourceCode;
      const own: Rule.RuleListener = {
        'Program:exit'() {
          result = inspect(sourceCode, context);
          ran = true;
        },
      };
      return options.collected ? (mergeListeners(nodeIndexListeners(sourceCode) as unknown as Rule.RuleListener, own) as Rule.RuleListener) : own;
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      files: ['**/*.ts', '**/*.js'],
      plugins: { probe: { rules: { inspect: rule } } },
      rules: { 'probe/inspect': 'error' },
      settings: options.settings ?? {},
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: options.sourceType ?? 'module',
        ...(options.typescript || options.typed ? { parser: tsParser as Linter.Parser } : {}),
        ...(options.typed ? { parserOptions: { project: './tsconfig.json', tsconfigRootDir: options.typed , ...SOURCE_NOT_ON_DISK } } : {}),
      },
    },
  ], options.typed ? `${options.typed}file.ts` : options.typescript ? 'snippet.ts' : 'snippet.js');
  const fatal = messages.find((m) => m.fatal || m.ruleId === 'probe/inspect');
  if (fatal) throw new Error(`${fatal.message} (line ${fatal.line})`);
  if (!ran) throw new Error('the probe rule did not run');
  return result as T;
}

/**
 * What `inspect` computes from the collector's recording (`collected`) and without it (`walked`):
 * the models must find the same either way.
 */
export function bothWays<T>(
  code: string,
  inspect: (sourceCode: TSESLint.SourceCode) => T,
  options: Omit<Parameters<typeof withSource>[2] & object, 'collected'> = {},
): { collected: T; walked: T } {
  return { collected: withSource(code, inspect, { ...options, collected: true }), walked: withSource(code, inspect, options) };
}
