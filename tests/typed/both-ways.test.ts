/**
 * Every rule's shared case table, linted without and with type information (see both-ways.ts).
 * A case whose two expectations differ shows what types add; docs/type-information.md lists them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { runBothWays, typesChange } from './both-ways.js';
import { NOTE_PAGE, caseList, withCaseList } from './note.js';
import { TABLES } from './tables.js';

for (const [ruleName, table] of Object.entries(TABLES)) {
  runBothWays(ruleName, plugin.rules[ruleName as keyof typeof plugin.rules] as never, table as never);
}

describe('the shared case tables', () => {
  it('cover every rule', () => {
    expect(Object.keys(TABLES).sort()).toEqual(Object.keys(plugin.rules).sort());
  });

  it('name each case once per rule', () => {
    for (const table of Object.values(TABLES)) {
      const names = table.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('show, for every rule, something types add and controls that types leave alone', () => {
    for (const [ruleName, table] of Object.entries(TABLES)) {
      expect(table.some((c) => !typesChange(c)), ruleName).toBe(true);
    }
    const gaining = Object.entries(TABLES)
      .filter(([, table]) => table.some(typesChange))
      .map(([name]) => name)
      .sort();
    expect(gaining).toEqual(Object.keys(TABLES).sort());
  });

  it('declare no rule as requiring type checking', () => {
    for (const rule of Object.values(plugin.rules)) {
      expect((rule.meta?.docs as { requiresTypeChecking?: boolean } | undefined)?.requiresTypeChecking).toBe(false);
    }
  });
});

describe('docs/type-information.md', () => {
  it('lists, per rule, what types add on the shared cases (npm run docs:types)', () => {
    const page = readFileSync(NOTE_PAGE, 'utf8');
    expect(page).toBe(withCaseList(page, caseList()));
  });
});
