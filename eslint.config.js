// @ts-check
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import { existsSync } from 'node:fs';

// The repo lints itself with its own recommended config, from the build (`npm test` builds first).
const own = existsSync(new URL('./dist/index.js', import.meta.url))
  ? (await import('./dist/index.js')).default
  : undefined;

export default tseslint.config(
  {
    ignores: ['dist/', 'coverage/', 'bench/.cache/', 'tests/fixtures/', 'tests/**/fixtures/', 'examples/**/buggy/', 'node_modules/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        FinalizationRegistry: 'readonly',
        WeakRef: 'readonly',
        URL: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce) ' }],
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/require-meta-docs-url': 'off',
    },
  },
  ...(own ? [{ files: ['src/**/*.ts', 'scripts/**/*.{js,ts}', 'bench/**/*.{js,ts}', 'examples/poetry-client/*.ts', 'examples/**/fixed/**/*.ts'], ...own.configs.recommended }] : []),
);
