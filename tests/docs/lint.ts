/** Lints one documentation example with one rule of the plugin, as docs/CONTRIBUTING-docs.md says. */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import type { Example } from './markdown.js';
import { SOURCE_NOT_ON_DISK } from '../typed/source-not-on-disk.js';

const linter = new Linter({ configType: 'flat' });

/**
 * Typed examples (`<!-- types: on -->`) are linted as file.ts of the typed test project, whose
 * declarations they may use: a Twisted-style `Deferred` and `Failure`, jQuery's `JQuery.Deferred`
 * and `JQuery.Promise`, `$`, `getPoetry`.
 */
const TYPED_DIR = fileURLToPath(new URL('../fixtures/typed/', import.meta.url));

export function lintExample(
  plugin: { rules: Record<string, unknown> },
  rule: string,
  example: Pick<Example, 'lang' | 'code' | 'options' | 'settings'> & { typed?: boolean },
): Linter.LintMessage[] {
  const typescript = example.lang === 'ts' || example.lang === 'tsx';
  const jsx = example.lang === 'jsx' || example.lang === 'tsx';
  const config: Linter.Config = {
    // A specific pattern: `**/*` alone is "universal" and would leave a .ts file unlinted.
    files: [`**/*.${example.lang}`],
    plugins: { 'callback-discipline': plugin as never },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      ...(typescript ? { parser: tsParser } : {}),
      ...(jsx && !typescript ? { parserOptions: { ecmaFeatures: { jsx: true } } } : {}),
      ...(example.typed ? { parserOptions: { project: './tsconfig.json', tsconfigRootDir: TYPED_DIR , ...SOURCE_NOT_ON_DISK } } : {}),
    },
    ...(example.settings ? { settings: example.settings } : {}),
    rules: { [`callback-discipline/${rule}`]: ['error', ...example.options] as Linter.RuleEntry },
  };
  return linter.verify(example.code, config, { filename: example.typed ? `${TYPED_DIR}file.ts` : `example.${example.lang}` });
}
