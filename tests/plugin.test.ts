import { readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { DOCS_BASE_URL } from '../src/utils/create-rule.js';

const ruleFiles = readdirSync(new URL('../src/rules/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('plugin object', () => {
  it('has meta with name, version and namespace from package.json', async () => {
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'callback-discipline' });
  });

  it('exports exactly the rule files, sorted', () => {
    expect(Object.keys(plugin.rules)).toEqual(ruleFiles);
  });

  it.each(ruleFiles)('%s: name, docs url, test and docs page agree', (name) => {
    const rule = plugin.rules[name]!;
    expect((rule as unknown as { name: string }).name).toBe(name);
    expect(rule.meta?.docs?.url).toBe(`${DOCS_BASE_URL}${name}.md`);
    expect(rule.meta?.docs?.description).toMatch(/^(Disallow|Require|Enforce) /);
    expect(existsSync(new URL(`./rules/${name}.test.ts`, import.meta.url))).toBe(true);
    expect(existsSync(new URL(`../docs/rules/${name}.md`, import.meta.url))).toBe(true);
  });
});

describe('configs', () => {
  type Docs = { recommended: 'error' | 'warn' | false; strictOptions?: unknown[] };
  const docsOf = (name: string) => plugin.rules[name]!.meta!.docs as unknown as Docs;

  it('name themselves and register the plugin under its namespace', () => {
    for (const [key, config] of Object.entries(plugin.configs)) {
      expect(config.name).toBe(`callback-discipline/${key}`);
      expect(config.plugins?.['callback-discipline']).toBe(plugin);
    }
  });

  it('recommended holds the rules marked recommended, at their severity', () => {
    const expected = Object.fromEntries(
      ruleFiles.filter((n) => docsOf(n).recommended).map((n) => [`callback-discipline/${n}`, docsOf(n).recommended]),
    );
    expect(plugin.configs.recommended.rules).toEqual(expected);
  });

  it('strict holds every recommended rule as an error, with strict options', () => {
    const expected = Object.fromEntries(
      ruleFiles
        .filter((n) => docsOf(n).recommended)
        .map((n) => [
          `callback-discipline/${n}`,
          docsOf(n).strictOptions ? ['error', ...docsOf(n).strictOptions!] : 'error',
        ]),
    );
    expect(plugin.configs.strict.rules).toEqual(expected);
  });

  it('all holds every rule', () => {
    expect(Object.keys(plugin.configs.all.rules ?? {}).sort()).toEqual(ruleFiles.map((n) => `callback-discipline/${n}`));
  });
});
