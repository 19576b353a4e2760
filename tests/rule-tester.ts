import { RuleTester } from '@typescript-eslint/rule-tester';

/** A RuleTester for plain JavaScript (espree-compatible parsing through typescript-eslint's parser). */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
    },
  });
}
