/**
 * Where things are, and the command-line options every bench shares. Paths are computed from this
 * file, so the benches work from any working directory and in any checkout or worktree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_CACHE_DIR = join(REPO_ROOT, 'bench', '.cache');

/**
 * The corpus list: `../shared/corpus.json` beside the repository. A git worktree lives elsewhere
 * than the main checkout, so the main checkout's sibling is tried too.
 */
export function defaultCorpusPath(): string {
  const candidates = [resolve(REPO_ROOT, '..', 'shared', 'corpus.json')];
  try {
    const commonDir = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    candidates.push(resolve(dirname(commonDir), '..', 'shared', 'corpus.json'));
  } catch {
    // Not a git checkout (an unpacked tarball): only the first candidate applies.
  }
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}

/** Options understood by every bench; each script adds its own. */
export const COMMON_OPTIONS = {
  corpus: { type: 'string' },
  cache: { type: 'string' },
  rules: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const COMMON_HELP = `Common options:
  --corpus <file>   package list (default ../shared/corpus.json beside the repo; env BENCH_CORPUS)
  --cache <dir>     tarballs, unpacked packages and outputs (default bench/.cache; env BENCH_CACHE)
  --rules <list>    lint with these rules instead of ours, comma-separated: "promise/no-multiple-resolved",
                    "n/*", "callback-discipline/some-rule" (env BENCH_RULES)
  -h, --help        this text`;

export interface CommonOptions {
  corpusPath: string;
  cacheDir: string;
  /** The `--rules` override, or undefined to bench the plugin's own config. */
  rules: string | undefined;
}

/** Parses argv with the common options plus `extra`; prints `help` and exits on `--help`. */
export function parseBenchArgs<const T extends NonNullable<ParseArgsConfig['options']>>(
  extra: T,
  help: string,
): { common: CommonOptions; values: ReturnType<typeof parseArgs<{ options: T & typeof COMMON_OPTIONS }>>['values'] } {
  const options = { ...COMMON_OPTIONS, ...extra } as T & typeof COMMON_OPTIONS;
  let parsed;
  try {
    parsed = parseArgs({ options, allowPositionals: false, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${help}\n\n${COMMON_HELP}`);
    process.exit(2);
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    console.log(`${help}\n\n${COMMON_HELP}`);
    process.exit(0);
  }
  const env = process.env;
  const common: CommonOptions = {
    corpusPath: resolve((values.corpus as string | undefined) ?? env.BENCH_CORPUS ?? defaultCorpusPath()),
    cacheDir: resolve((values.cache as string | undefined) ?? env.BENCH_CACHE ?? DEFAULT_CACHE_DIR),
    rules: (values.rules as string | undefined) ?? (env.BENCH_RULES || undefined),
  };
  return { common, values: parsed.values };
}

/** Reads a positive integer option, exiting with a clear message when it is not one. */
export function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} expects a non-negative integer, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}
