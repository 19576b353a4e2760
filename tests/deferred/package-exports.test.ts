import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package as it is published: package.json (with its "exports") and the compiled Deferred,
// built afresh into a temporary folder so that the test never sees a stale dist/. Node resolves
// the package's own name from inside its folder (self-reference), as a consumer would resolve it
// from node_modules.
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
let pkg: string;

beforeAll(() => {
  pkg = mkdtempSync(join(tmpdir(), 'callback-discipline-pkg-'));
  cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
  writeFileSync(
    join(pkg, 'tsconfig.json'),
    JSON.stringify({
      extends: join(root, 'tsconfig.build.json'),
      compilerOptions: {
        rootDir: join(root, 'src'),
        outDir: join(pkg, 'dist'),
        typeRoots: [join(root, 'node_modules/@types')],
        declarationMap: false,
        sourceMap: false,
      },
      include: [join(root, 'src/deferred')],
      exclude: [],
    }),
  );
  execFileSync(process.execPath, [tsc, '-p', join(pkg, 'tsconfig.json')], { stdio: 'pipe' });
});

afterAll(() => {
  rmSync(pkg, { recursive: true, force: true });
});

function runNode(file: string, source: string): { stdout: string; stderr: string; status: number | null } {
  writeFileSync(join(pkg, file), source);
  return spawnSync(process.execPath, [file], { cwd: pkg, encoding: 'utf8' });
}

const exercise = `
  const d = new Deferred();
  const seen = [];
  d.addCallback((x) => x + 1).addCallback((x) => seen.push(x));
  d.callback(1);
  let already = '';
  try { d.callback(2); } catch (e) { already = e instanceof AlreadyCalledError ? e.name : 'wrong'; }
  console.log(JSON.stringify({ seen, already, failure: String(new Failure(new Error('x'))) }));
`;
const expected = `${JSON.stringify({ seen: [2], already: 'AlreadyCalledError', failure: '[Failure instance: Error: x]' })}\n`;

describe('eslint-plugin-callback-discipline/deferred', () => {
  it('imports from ESM', () => {
    const run = runNode(
      'esm.mjs',
      `import { Deferred, AlreadyCalledError, Failure } from 'eslint-plugin-callback-discipline/deferred';\n${exercise}`,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
  });

  it('requires from CommonJS (require(esm), Node 20.19+)', () => {
    const run = runNode(
      'cjs.cjs',
      `const { Deferred, AlreadyCalledError, Failure } = require('eslint-plugin-callback-discipline/deferred');\n${exercise}`,
    );
    // Node 20 prints an ExperimentalWarning for require(esm); anything else on stderr is a failure.
    expect(run.stderr.replace(/^\(node:\d+\) ExperimentalWarning: .*\n(\(Use `node --trace-warnings .*\n)?/m, '')).toBe('');
    expect(run.stdout).toBe(expected);
  });

  it('ships type declarations that resolve through the exports map', () => {
    writeFileSync(
      join(pkg, 'consumer.mts'),
      `import { Deferred, gatherResults, type Failure } from 'eslint-plugin-callback-discipline/deferred';
const d = new Deferred<number>();
const next: Deferred<string> = d.addCallback((n) => String(n));
const all: Deferred<[string, number]> = gatherResults([next, new Deferred<number>()]);
export const f: (failure: Failure) => string = (failure) => failure.getErrorMessage();
export { all };
`,
    );
    writeFileSync(
      join(pkg, 'tsconfig.consumer.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] },
        files: ['consumer.mts'],
      }),
    );
    const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.consumer.json'], { cwd: pkg, encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });
});
