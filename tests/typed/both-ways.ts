/**
 * The same cases, linted with and without type information. Each rule has one table of cases
 * (tests/typed/cases/<rule>.ts) stating what it reports without types (`untyped`) and with them
 * (`typed`); both-ways.test.ts runs every table through two RuleTesters, and
 * docs/type-information.md lists, per rule, the cases where the two differ (generated from the
 * tables: `npm run docs:types`).
 *
 * Typed linting uses typescript-eslint's `project` on tests/fixtures/typed/: the case code replaces
 * file.ts there, next to the declarations it may use (a Twisted-style `Deferred`, jQuery's
 * deferreds, `getPoetry`). Without type information the same code is parsed by the same parser,
 * without a program.
 */
import { fileURLToPath } from 'node:url';
import { RuleTester, type InvalidTestCase, type TestCaseError, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { createRuleTester } from '../rule-tester.js';
import { SOURCE_NOT_ON_DISK } from './source-not-on-disk.js';

export const TYPED_FIXTURE_DIR = fileURLToPath(new URL('../fixtures/typed/', import.meta.url));

export interface BothWaysCase<MessageIds extends string, Options extends readonly unknown[]> {
  /** What the case shows, in a phrase the note can list ("a parameter typed `Deferred<T>` fired on both sides"). */
  readonly name: string;
  readonly code: string;
  readonly options?: Options;
  /** Errors without type information: empty when the rule stays silent. */
  readonly untyped: readonly TestCaseError<MessageIds>[];
  /** Errors with type information; `'same'` when types change nothing. */
  readonly typed: readonly TestCaseError<MessageIds>[] | 'same';
}

export type CaseTable<MessageIds extends string, Options extends readonly unknown[]> = readonly BothWaysCase<MessageIds, Options>[];

/** A RuleTester whose cases are linted with type information (typescript-eslint's `project`). */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: TYPED_FIXTURE_DIR,
        ...SOURCE_NOT_ON_DISK,
      },
    },
  });
}

/** The errors a case expects in one of the two modes. */
export function expectedErrors<M extends string, O extends readonly unknown[]>(
  c: BothWaysCase<M, O>,
  mode: 'untyped' | 'typed',
): readonly TestCaseError<M>[] {
  return mode === 'untyped' || c.typed === 'same' ? c.untyped : c.typed;
}

/** Does type information change what the rule reports on this case? */
export function typesChange<M extends string, O extends readonly unknown[]>(c: BothWaysCase<M, O>): boolean {
  return c.typed !== 'same' && JSON.stringify(c.typed) !== JSON.stringify(c.untyped);
}

/** Runs the table untyped and typed; each case is valid or invalid in each mode by its own expectations. */
export function runBothWays<M extends string, O extends readonly unknown[]>(
  ruleName: string,
  rule: RuleModule<M, O>,
  table: CaseTable<M, O>,
): void {
  const testers = { untyped: createRuleTester(), typed: createTypedRuleTester() } as const;
  for (const mode of ['untyped', 'typed'] as const) {
    const valid: ValidTestCase<O>[] = [];
    const invalid: InvalidTestCase<M, O>[] = [];
    for (const c of table) {
      const errors = expectedErrors(c, mode);
      const base = { name: c.name, code: c.code, filename: 'file.ts', ...(c.options ? { options: c.options } : {}) };
      if (errors.length === 0) valid.push(base);
      else invalid.push({ ...base, errors, output: null });
    }
    testers[mode].run(`${ruleName} (${mode})`, rule, { valid, invalid });
  }
}
