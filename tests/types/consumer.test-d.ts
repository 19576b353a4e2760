/**
 * What a TypeScript user writes in `eslint.config.ts`: the plugin imported by its package name
 * (resolved through `exports` to the built declarations), in ESLint's `defineConfig` and in
 * typescript-eslint's `tseslint.config`. Checked by `npm run typecheck` and vitest's typecheck.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { defineConfig } from 'eslint/config';
import type { Linter as Linter9 } from 'eslint-v9';
import callbackDiscipline from 'eslint-plugin-callback-discipline';
import { Deferred, Failure, succeed } from 'eslint-plugin-callback-discipline/deferred';
import tseslint from 'typescript-eslint';
import { describe, expectTypeOf, it } from 'vitest';

describe('the plugin object', () => {
  it('is an ESLint plugin with meta, rules and the three configs', () => {
    expectTypeOf(callbackDiscipline).toExtend<ESLint.Plugin>();
    expectTypeOf(callbackDiscipline.meta).toEqualTypeOf<{ name: string; version: string; namespace: string }>();
    expectTypeOf(callbackDiscipline.rules).toEqualTypeOf<Record<string, Rule.RuleModule>>();
    expectTypeOf(callbackDiscipline.configs).toHaveProperty('recommended').toEqualTypeOf<Linter.Config>();
    expectTypeOf(callbackDiscipline.configs).toHaveProperty('strict').toEqualTypeOf<Linter.Config>();
    expectTypeOf(callbackDiscipline.configs).toHaveProperty('all').toEqualTypeOf<Linter.Config>();
    // @ts-expect-error -- there is no such config
    void callbackDiscipline.configs.recomended;
  });
});

describe('eslint.config.ts', () => {
  it('defineConfig from eslint/config takes the configs as they are', () => {
    const config = defineConfig([
      callbackDiscipline.configs.recommended,
      {
        files: ['**/*.ts'],
        plugins: { 'callback-discipline': callbackDiscipline },
        rules: { 'callback-discipline/no-double-fire': 'error' },
        settings: { 'callback-discipline': { styles: [] } },
      },
    ]);
    expectTypeOf(config).toEqualTypeOf<Linter.Config[]>();
    // `extends` takes the plugin and its configs by name.
    defineConfig({ files: ['**/*.js'], plugins: { 'callback-discipline': callbackDiscipline }, extends: ['callback-discipline/recommended'] });
    defineConfig({ files: ['**/*.js'], extends: [callbackDiscipline.configs.strict] });
  });

  it('tseslint.config takes the configs as they are', () => {
    const config = tseslint.config(
      ...tseslint.configs.recommended,
      callbackDiscipline.configs.recommended,
      { files: ['**/*.ts'], extends: [callbackDiscipline.configs.all] },
    );
    expectTypeOf(config).toBeArray();
  });

  it('the configs are also valid ESLint 9 configs', () => {
    expectTypeOf(callbackDiscipline.configs.recommended).toExtend<Linter9.Config>();
  });
});

describe('eslint-plugin-callback-discipline/deferred, by its package name', () => {
  it('resolves to the typed Deferred', () => {
    const d = new Deferred<string>();
    expectTypeOf(d.addCallback((poem) => poem.length)).toEqualTypeOf<Deferred<number>>();
    d.addErrback((failure) => expectTypeOf(failure).toExtend<Failure>());
    expectTypeOf(succeed(1)).toEqualTypeOf<Deferred<number>>();
  });
});
