/**
 * Executed documentation (conventions in docs/CONTRIBUTING-docs.md):
 *
 * - every rule page has `incorrect` and `correct` examples and the agreed sections; every
 *   `incorrect` block is reported by the page's rule, every `correct` block is not;
 * - every block that imports the reference Deferred declares `<!-- runtime: … -->` and is run on
 *   it, showing the failure the rule prevents (or running clean);
 * - docs/styles.md's style table is generated from BUILTIN_STYLES, and its custom-style example
 *   works through a real eslint.config.js.
 */
import { ESLint } from 'eslint';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStyleTable } from '../src/analysis/styles.js';
import plugin from '../src/index.js';
import { lintExample } from './docs/lint.js';
import { codeBlocks, examples, headings, type CodeBlock } from './docs/markdown.js';
import {
  checkOutcome,
  importsDeferred,
  parseRuntimeDirective,
  runExample,
  type DeferredModule,
} from './docs/runtime.js';
import { STYLES_PAGE, styleTable, withTable } from './docs/style-table.js';
import { PACKAGE_NAME, REPO_ROOT, assertFreshBuild, makeTempProject } from './integration/helpers.js';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const ruleNames = Object.keys(plugin.rules).sort();
const rulePages = existsSync(path.join(REPO_ROOT, 'docs/rules'))
  ? readdirSync(path.join(REPO_ROOT, 'docs/rules')).filter((f) => f.endsWith('.md')).sort()
  : [];

describe('rule pages', () => {
  it('exist for the rules and only for them', () => {
    expect(rulePages).toEqual(ruleNames.map((name) => `${name}.md`));
  });

  describe.each(ruleNames)('docs/rules/%s.md', (rule) => {
    // A missing page fails the test above, not the whole file.
    const page = existsSync(path.join(REPO_ROOT, `docs/rules/${rule}.md`)) ? read(`docs/rules/${rule}.md`) : '';
    const blocks = examples(page);
    const schema = plugin.rules[rule]!.meta?.schema;
    const hasOptions = Array.isArray(schema) ? schema.length > 0 : schema !== undefined && schema !== false;

    it('has at least one incorrect and one correct example', () => {
      expect(blocks.filter((b) => b.kind === 'incorrect').length, 'incorrect examples').toBeGreaterThan(0);
      expect(blocks.filter((b) => b.kind === 'correct').length, 'correct examples').toBeGreaterThan(0);
    });

    it('has the sections users look for', () => {
      const sections = headings(page).map((h) => h.toLowerCase());
      const required = ['rule details', ...(hasOptions ? ['options'] : []), 'when not to use it', 'related rules'];
      for (const section of required) expect(sections, `## ${section}`).toContain(section);
    });

    it('points to the custom-style settings (docs/styles.md)', () => {
      expect(page, 'a link to ../styles.md, where adding a style for your own API is explained').toMatch(/\]\(\.\.\/styles\.md(#[\w-]+)?\)/u);
    });

    it.each(blocks.map((b) => [`line ${b.line}: ${b.lang} ${b.kind}`, b] as const))('%s', (_name, block) => {
      const messages = lintExample(plugin, rule, block);
      const notFromRules = messages.filter((m) => m.ruleId === null);
      expect(notFromRules.map((m) => m.message), 'the example must parse (and be linted at all)').toEqual([]);
      const own = messages.filter((m) => m.ruleId === `callback-discipline/${rule}`);
      if (block.kind === 'incorrect') {
        expect(own.length, `an incorrect example must be reported by ${rule}`).toBeGreaterThan(0);
      } else {
        expect(own.map((m) => `${m.line}:${m.column} ${m.message}`), `a correct example must not be reported`).toEqual([]);
      }
      // A typed example shows what types change: without them the rule says the opposite.
      if (block.typed) {
        const untyped = lintExample(plugin, rule, { ...block, typed: false }).filter((m) => m.ruleId === `callback-discipline/${rule}`);
        expect(untyped.length > 0, `without types, this ${block.kind} example must ${block.kind === 'incorrect' ? 'not ' : ''}be reported`).toBe(block.kind === 'correct');
      }
    });
  });
});

/** Pages whose code blocks may run on the reference Deferred. */
const runtimePages = [
  ...rulePages.map((f) => `docs/rules/${f}`),
  ...readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  'README.md',
];
const runtimeBlocks: { page: string; block: CodeBlock }[] = runtimePages.flatMap((page) =>
  codeBlocks(read(page))
    .filter((block) => block.directives.runtime !== undefined || (['js', 'jsx', 'ts', 'tsx'].includes(block.lang) && importsDeferred(block.code)))
    .map((block) => ({ page, block })),
);
/** The rule names fixed by the design; the custom-style example must name one of them. */
const DESIGN_RULES = [
  'errback-with-error',
  'no-double-fire',
  'no-dropped-result',
  'no-duplicate-cleanup',
  'no-hanging-path',
  'require-errback',
];
const HAS_DEFERRED = existsSync(path.join(REPO_ROOT, 'src/deferred/index.ts'));

describe.skipIf(!HAS_DEFERRED)('examples run on the reference Deferred', () => {
  let deferred: DeferredModule;

  beforeAll(async () => {
    assertFreshBuild();
    // Through the package's name, as the examples import it: dist/deferred.
    const specifier = `${PACKAGE_NAME}/deferred`;
    deferred = (await import(specifier)) as DeferredModule;
  });

  it.each(runtimeBlocks.map(({ page, block }) => [`${page}:${block.line}`, block] as const))('%s', async (_where, block) => {
    const directive = block.directives.runtime;
    expect(directive, 'a block that imports the Deferred declares <!-- runtime: … --> (docs/CONTRIBUTING-docs.md)').toBeDefined();
    const expected = parseRuntimeDirective(directive!);
    const report = await runExample(block.code, block.lang, deferred);
    expect(checkOutcome(report, expected)).toBeUndefined();
  });
});

describe('docs/styles.md', () => {
  const page = readFileSync(STYLES_PAGE, 'utf8');

  it('shows the style table generated from BUILTIN_STYLES (npm run docs:styles)', () => {
    expect(page).toBe(withTable(page, styleTable()));
  });

  describe('the custom style example', () => {
    const blocks = codeBlocks(page).filter((b) => b.directives['custom-style'] !== undefined);
    const config = blocks.find((b) => b.directives['custom-style'] === 'config');
    const code = blocks.find((b) => b.directives['custom-style']!.startsWith('reported-by '));
    const rule = code?.directives['custom-style']!.slice('reported-by '.length).trim() ?? '';
    let project: ReturnType<typeof makeTempProject>;

    beforeAll(() => {
      assertFreshBuild();
      expect(config, '<!-- custom-style: config --> block').toBeDefined();
      expect(code, '<!-- custom-style: reported-by <rule> --> block').toBeDefined();
      project = makeTempProject({
        'eslint.config.mjs': config!.code,
        'without-style.config.mjs': `import callbackDiscipline from '${PACKAGE_NAME}';\nexport default [callbackDiscipline.configs.recommended];\n`,
        [`src/example.${code!.lang}`]: code!.code,
      });
    });
    afterAll(() => project?.dispose());

    it('is a valid style row', async () => {
      const eslint = new ESLint({ cwd: project.dir });
      const resolved = (await eslint.calculateConfigForFile(path.join(project.dir, `src/example.${code!.lang}`))) as {
        settings?: Record<string, unknown>;
      };
      expect(resolved.settings?.['callback-discipline']).toBeDefined();
      const table = getStyleTable(resolved.settings);
      expect(table.styles.length).toBeGreaterThan(getStyleTable(undefined).styles.length);
    });

    it('names one of the plugin’s rules', () => {
      expect(DESIGN_RULES).toContain(rule);
    });

    it.skipIf(!ruleNames.includes(rule))(`is reported by ${rule} with the style, and not without it`, async () => {
      const lint = async (overrideConfigFile?: string) => {
        const eslint = new ESLint({ cwd: project.dir, ...(overrideConfigFile ? { overrideConfigFile } : {}) });
        const [result] = await eslint.lintFiles([`src/example.${code!.lang}`]);
        return result!.messages.filter((m) => m.ruleId === `callback-discipline/${rule}`);
      };
      expect((await lint()).length, `the example should be reported by ${rule} once the style is added`).toBeGreaterThan(0);
      expect(await lint('without-style.config.mjs'), 'without the custom style the example is not recognised').toEqual([]);
    });
  });
});
