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

  // Every declared option, given a value of another type, is refused by the schema before any rule
  // runs. ESLint's message shows the rule and the value (not the key: its option validator does not
  // print paths), so the value is made unique per option.
  const optionCases = withSchema.flatMap((name) => {
    const schema = plugin.rules[name]!.meta!.schema as Schema;
    const first = Array.isArray(schema) ? schema[0] : undefined;
    const properties = (first?.properties ?? {}) as Record<string, { type?: unknown }>;
    return Object.entries(properties).map(([key, property]) => [name, key, property.type] as const);
  });

  it('has options to check (the rules with options declare them as object properties)', () => {
    expect(optionCases.length).toBeGreaterThan(0);
  });

  it.each(optionCases)('%s rejects a wrong-typed `%s` (%s)', async (name, key, type) => {
    const wrong = type === 'string' ? 42 : `not-a-${String(type)}-for-${key}`;
    const error = await errorOf(lint({ [`${NAMESPACE}/${name}`]: ['error', { [key]: wrong }] }));
    expect(error.message).toContain(`Key "${NAMESPACE}/${name}"`);
    expect(error.message).toContain(`Value ${JSON.stringify(wrong)} should be ${String(type)}`);
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

  // A row that is wrong deep inside: the error names the row and the field, for every rule (each
  // reads the style table on its own).
  it.each(ruleNames)('%s names the bad field of a style row', async (name) => {
    const styles = [{ name: 'mine', kind: 'node', recognise: { parameterNames: ['reply'] } }, { name: 'bad', kind: 'object', fire: { success: 'resolve' } }];
    const error = await errorOf(lint({ [`${NAMESPACE}/${name}`]: 'error' }, { [NAMESPACE]: { styles } }));
    expect(error.message).toContain(`settings['${NAMESPACE}'].styles[1].fire.success: expected an array of non-empty strings`);
    expect(error.name).not.toBe('TypeError');
  });

  it('names a misspelt field of a style row and lists the known ones', async () => {
    const styles = [{ name: 'mine', kind: 'pair', recognize: { parameterPairs: [['onLoad', 'onError']] } }];
    const error = await errorOf(lint({ [`${NAMESPACE}/no-double-fire`]: 'error' }, { [NAMESPACE]: { styles } }));
    expect(error.message).toContain(`settings['${NAMESPACE}'].styles[0].recognize: no such field`);
    expect(error.message).toContain('recognise');
  });

  it('names an unknown setting', async () => {
    const rules = Object.fromEntries(ruleNames.map((n) => [`${NAMESPACE}/${n}`, 'error' as const]));
    const error = await errorOf(lint(rules, { [NAMESPACE]: { stlyes: [] } }));
    expect(error.message).toContain(`settings['${NAMESPACE}'].stlyes`);
  });
});
