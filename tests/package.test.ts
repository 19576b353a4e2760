/**
 * Package hygiene: what `npm pack` puts in the tarball, and whether that tarball works once
 * installed. The tarball is packed for real and unpacked into a throw-away consumer project whose
 * node_modules holds only the package and symlinks to its declared dependencies and peer
 * dependencies, so an undeclared import fails here instead of on a user's machine.
 *
 * Choice: `src/` ships. The build emits source maps and declaration maps that point at
 * `../src/*.ts`; shipping the sources makes "go to definition" land on real TypeScript instead of
 * a dangling map. Tests, fixtures, examples, benchmarks and scripts do not ship.
 */
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_NAME, REPO_ROOT, assertFreshBuild, builtRuleNames } from './integration/helpers.js';

interface PackageJson {
  name: string;
  version: string;
  files: string[];
  exports: Record<string, string | { types: string; default: string }>;
  main: string;
  types: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
const HAS_DEFERRED = existsSync(path.join(REPO_ROOT, 'src/deferred/index.ts'));
const PENDING_DEFERRED = 'pending: src/deferred (the reference Deferred) has not landed on this branch';

let work: string;
let consumer: string;
let installed: string;
let packed: string[];
let rules: string[];

/** Installs into the consumer project the packages a user would have: the declared ones. */
function linkDeclaredDependencies(modules: string, eslintMajor: 9 | 10): void {
  const declared = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  for (const name of declared) {
    const source = name === 'eslint' && eslintMajor === 9 ? 'eslint-v9' : name;
    const target = path.join(modules, name);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.join(REPO_ROOT, 'node_modules', source), target, 'dir');
  }
}

beforeAll(async () => {
  assertFreshBuild();
  rules = await builtRuleNames();
  work = mkdtempSync(path.join(tmpdir(), 'cd-pack-'));
  const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((f) => f.path).sort();

  consumer = path.join(work, 'consumer');
  installed = path.join(consumer, 'node_modules', PACKAGE_NAME);
  mkdirSync(installed, { recursive: true });
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const untar = spawnSync('tar', ['-xzf', path.join(work, info!.filename), '-C', installed, '--strip-components=1']);
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  linkDeclaredDependencies(path.join(consumer, 'node_modules'), 10);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('tarball contents', () => {
  it('holds the entry points, their types, the docs and the package files', () => {
    const required = [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/index.js',
      'dist/index.d.ts',
      'docs/styles.md',
      'docs/type-information.md',
      ...rules.map((name) => `docs/rules/${name}.md`),
    ];
    expect(packed).toEqual(expect.arrayContaining(required));
  });

  it('holds nothing but dist, src (with its READMEs), docs and the top-level package files', () => {
    const stray = packed.filter(
      (file) =>
        !/^(dist|src)\/.+\.(js|d\.ts|js\.map|d\.ts\.map|ts)$/u.test(file) &&
        !/^src\/(.+\/)?README\.md$/u.test(file) &&
        !/^docs\/(styles\.md|type-information\.md|rules\/[a-z-]+\.md)$/u.test(file) &&
        !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(file),
    );
    expect(stray).toEqual([]);
    expect(packed.filter((f) => /\.test(-d)?\.ts$|(^|\/)(tests?|fixtures|examples|bench|scripts)\//u.test(f))).toEqual([]);
  });

  it('ships each compiled module with its source, declaration and maps', () => {
    for (const js of packed.filter((f) => f.startsWith('dist/') && f.endsWith('.js'))) {
      const stem = js.slice('dist/'.length, -'.js'.length);
      expect(packed, js).toEqual(
        expect.arrayContaining([`dist/${stem}.d.ts`, `dist/${stem}.js.map`, `dist/${stem}.d.ts.map`, `src/${stem}.ts`]),
      );
    }
  });

  it('has maps whose sources are in the tarball', () => {
    for (const map of packed.filter((f) => f.endsWith('.map'))) {
      const { sources } = JSON.parse(readFileSync(path.join(installed, map), 'utf8')) as { sources: string[] };
      for (const source of sources) {
        expect(packed, `${map} → ${source}`).toContain(path.posix.join(path.posix.dirname(map), source));
      }
    }
  });

  const exportEntries = Object.entries(pkg.exports);
  const isPending = ([subpath]: [string, unknown]) => subpath === './deferred' && !HAS_DEFERRED;
  it.skip.each(exportEntries.filter(isPending))(`exports %s (${PENDING_DEFERRED})`, () => {});
  it.each(exportEntries.filter((e) => !isPending(e)))('exports %s: every target is in the tarball', (_subpath, target) => {
    const targets = typeof target === 'string' ? [target] : Object.values(target);
    for (const file of targets) expect(packed).toContain(file.replace(/^\.\//u, ''));
  });

  it('main and types agree with exports["."]', () => {
    expect(pkg.exports['.']).toEqual({ types: pkg.types, default: pkg.main });
  });
});

/** Specifiers a file imports or requires (type-only imports included in .d.ts files). */
function importsOf(file: string): string[] {
  const { importedFiles, referencedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  expect(referencedFiles, `${file}: no /// <reference path> in shipped code`).toEqual([]);
  return importedFiles.map((f) => f.fileName);
}

/**
 * Bare specifiers reachable from `entries` (package-relative paths) through relative imports:
 * what loading the package's public entry points makes Node or TypeScript resolve.
 */
function reachableBareImports(entries: readonly string[]): Map<string, string> {
  const bare = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importsOf(path.join(installed, file))) {
      if (!specifier.startsWith('.')) {
        if (!bare.has(specifier)) bare.set(specifier, file);
        continue;
      }
      let target = path.posix.join(path.posix.dirname(file), specifier);
      if (file.endsWith('.d.ts')) target = target.replace(/\.js$/u, '.d.ts');
      expect(packed, `${file} imports ${specifier}`).toContain(target);
      queue.push(target);
    }
  }
  return bare;
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('dependencies', () => {
  const builtins = new Set(builtinModules);
  const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }));
  const targets = (condition: 'types' | 'default') =>
    Object.values(pkg.exports)
      .map((t) => (typeof t === 'string' ? undefined : t[condition]))
      .filter((t): t is string => t !== undefined && existsSync(path.join(REPO_ROOT, t)))
      .map((t) => t.replace(/^\.\//u, ''));

  it.each(['default', 'types'] as const)(
    'the %s entry points reach only Node built-ins and declared packages',
    (condition) => {
      const offenders = [...reachableBareImports(targets(condition))]
        .filter(([specifier]) => !specifier.startsWith('node:') && !builtins.has(specifier))
        .filter(([specifier]) => !declared.has(packageOf(specifier)))
        .map(([specifier, file]) => `${file}: ${specifier}`);
      expect(offenders, 'add these to dependencies or peerDependencies (or keep them out of the public types)').toEqual([]);
    },
  );
});

function node(args: string[], cwd: string): { stdout: string; stderr: string; status: number | null } {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
}

describe('resolution from an installed copy', () => {
  const entryPoints = [
    { specifier: PACKAGE_NAME, probe: 'meta.name', pending: false },
    { specifier: `${PACKAGE_NAME}/deferred`, probe: 'Deferred.name', pending: !HAS_DEFERRED },
  ];

  it.skip.each(entryPoints.filter((e) => e.pending))(`$specifier (${PENDING_DEFERRED})`, () => {});
  it('require() of the plugin returns the plugin object itself (no `.default`)', () => {
    const cjs = node(
      ['-e', `const p = require(${JSON.stringify(PACKAGE_NAME)}); console.log(JSON.stringify([p.meta.namespace, Object.keys(p.configs)]));`],
      consumer,
    );
    expect(cjs.stderr).toBe('');
    expect(JSON.parse(cjs.stdout)).toEqual(['callback-discipline', ['recommended', 'strict', 'all']]);
  });

  it.each(entryPoints.filter((e) => !e.pending))('$specifier: import() from ESM and require() from CJS give the same module', ({ specifier, probe }) => {
    const esm = node(
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(specifier)}); const v = m.default ?? m; console.log(JSON.stringify(String(v.${probe})));`],
      consumer,
    );
    expect(esm.stderr).toBe('');
    expect(esm.status).toBe(0);
    const cjs = node(
      [
        '-e',
        `const m = require(${JSON.stringify(specifier)});
         const v = m.default ?? m;
         import(${JSON.stringify(specifier)}).then((e) => {
           if ((e.default ?? e) !== v) throw new Error('require() and import() gave different instances');
           console.log(JSON.stringify(String(v.${probe})));
         });`,
      ],
      consumer,
    );
    expect(cjs.stderr).toBe('');
    expect(cjs.status).toBe(0);
    expect(cjs.stdout).toBe(esm.stdout);
    expect(JSON.parse(esm.stdout)).toBe(specifier === PACKAGE_NAME ? PACKAGE_NAME : 'Deferred');
  });

  it('deep imports outside exports are refused', () => {
    const result = node(['-e', `require(${JSON.stringify(`${PACKAGE_NAME}/dist/configs.js`)})`], consumer);
    expect(result.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('the installed plugin lints with ESLint through a flat config', () => {
    const script = `
      import { Linter } from 'eslint';
      import plugin from ${JSON.stringify(PACKAGE_NAME)};
      const linter = new Linter();
      const messages = linter.verify('export const x = 1;\\n', [plugin.configs.all]);
      console.log(JSON.stringify({ messages, rules: Object.keys(plugin.configs.all.rules).length }));`;
    const result = node(['--input-type=module', '-e', script], consumer);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ messages: [], rules: rules.length });
  });
});

describe('types of the installed copy in a consumer eslint.config.ts', () => {
  const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

  function typecheckConsumer(eslintMajor: 9 | 10): string {
    const modules = path.join(consumer, 'node_modules');
    linkDeclaredDependencies(modules, eslintMajor);
    for (const name of ['typescript-eslint', '@types']) {
      const target = path.join(modules, name);
      if (!existsSync(target)) symlinkSync(path.join(REPO_ROOT, 'node_modules', name), target, 'dir');
    }
    writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          types: ['node'],
          // The consumer's code is checked against our declarations and that major's types; checking
          // every library's declarations too would triple the time for no extra signal (which
          // packages our declarations import is checked above).
          skipLibCheck: true,
        },
        files: ['eslint.config.ts'],
      }),
    );
    writeFileSync(
      path.join(consumer, 'eslint.config.ts'),
      `import { defineConfig } from 'eslint/config';
import type { Linter } from 'eslint';
import callbackDiscipline from '${PACKAGE_NAME}';

const recommended: Linter.Config = callbackDiscipline.configs.recommended;
const own: Linter.Config = {
  files: ['**/*.ts'],
  plugins: { 'callback-discipline': callbackDiscipline },
  rules: { 'callback-discipline/no-double-fire': 'error' },
  settings: { 'callback-discipline': { styles: [] } },
};
export default defineConfig([recommended, callbackDiscipline.configs.strict, own]);
`,
    );
    const result = node([tsc, '-p', 'tsconfig.json'], consumer);
    return result.stdout + result.stderr;
  }

  it.each([10, 9] as const)('compile with ESLint %i types', (major) => {
    expect(typecheckConsumer(major).trim()).toBe('');
  });
});

describe('CHANGELOG', () => {
  it('has a section for the current version', () => {
    const changelog = readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`^## ${pkg.version.replace(/\./gu, '\\.')}\\b`, 'mu'));
  });
});
