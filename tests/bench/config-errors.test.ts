/**
 * Malformed options and settings must stop ESLint with a configuration error that names the bad
 * key, never surface as a crash deep inside a rule (issue 7). Generic over `plugin.rules`, so
 * every rule is covered the day it lands.
 */
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const NAMESPACE = 'callback-discipline';
const ruleNames = Object.keys(plugin.rules).sort();

async function lint(rules: Linter.RulesRecord, settings?: Record<string, unknown>): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.js'], plugins: { [NAMESPACE]: plugin }, rules, ...(settings ? { settings } : {}) }],
  });
  return eslint.lintText('function f(cb) { cb(null, 1); }\n', { filePath: 'input.js' });
}

/** The rejection's message; fails the test when linting does not throw. */
async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected ESLint to reject the configuration, but it linted');
}

type Schema = false | readonly Record<string, unknown>[] | Record<string, unknown> | undefined;

describe('invalid rule options are configuration errors', () => {
  const withSchema = ruleNames.filter((name) => {
    const schema = plugin.rules[name]!.meta?.schema as Schema;
    return schema !== undefined && schema !== false;
  });

  it('covers every rule of the plugin that declares a schema', () => {
    // Every rule must declare one (the repo's eslint-plugin config requires it); this keeps the
    // loop below honest.
    expect(withSchema).toEqual(ruleNames);
  });

  it.each(withSchema)('%s rejects an unknown option key and names it', async (name) => {
    const schema = plugin.rules[name]!.meta!.schema as Schema;
    const first = Array.isArray(schema) ? schema[0] : undefined;
    const error = await errorOf(lint({ [`${NAMESPACE}/${name}`]: ['error', { notAnOption: true }] }));
    expect(error.message).toContain(`Key "${NAMESPACE}/${name}"`);
    if (first && first.type === 'object') {
      // Objects are closed (`additionalProperties: false`): ESLint names the stray key.
      expect(error.message).toContain('Unexpected property "notAnOption"');
    } else {
      // No options (`schema: []`), or a first option that is not an object: the value is refused.
      expect(error.message).toMatch(/Value .*notAnOption.* should/);
    }
    expect(error.name).not.toBe('TypeError');
  });
});

describe("malformed settings['callback-discipline']", () => {
  if (ruleNames.length === 0) {
    it.skip('no rules exported yet: nothing reads the settings (this runs once rules land)', () => {});
    return;
  }

  it.each(ruleNames)('%s stops with an error naming settings[…].styles', async (name) => {
    const error = await errorOf(lint({ [`${NAMESPACE}/${name}`]: 'error' }, { [NAMESPACE]: { styles: 'x' } }));
    expect(error.message).toContain(`settings['${NAMESPACE}'].styles`);
    expect(error.name).not.toBe('TypeError');
  });

  it('names an unknown setting', async () => {
    const rules = Object.fromEntries(ruleNames.map((n) => [`${NAMESPACE}/${n}`, 'error' as const]));
    const error = await errorOf(lint(rules, { [NAMESPACE]: { stlyes: [] } }));
    expect(error.message).toContain(`settings['${NAMESPACE}'].stlyes`);
  });
});
