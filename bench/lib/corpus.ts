/**
 * The tuning corpus: the package list, fetching with `npm pack` into the cache, unpacking, and
 * the files each package contributes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { isLintable, walkFiles } from './files.js';

const run = promisify(execFile);

export interface CorpusEntry {
  /** `name@version` as written in the list. */
  spec: string;
  /** Paths inside the package root: files, folders (walked), or `*.js`-style globs of one level. */
  paths: string[];
}

export interface CorpusPackage extends CorpusEntry {
  /** The unpacked package root in the cache (the tarball's single top folder). */
  root: string;
}

/** Reads `corpus.json`: `{ "packages": { "name@version": ["path", …] } }`. */
export function readCorpusList(listPath: string): CorpusEntry[] {
  if (!existsSync(listPath)) {
    throw new Error(`Corpus list not found at ${listPath}; pass --corpus <file> or set BENCH_CORPUS.`);
  }
  const data = JSON.parse(readFileSync(listPath, 'utf8')) as { packages?: Record<string, unknown> };
  if (!data.packages || typeof data.packages !== 'object') {
    throw new Error(`${listPath}: expected an object with a "packages" map of "name@version" to path lists.`);
  }
  return Object.entries(data.packages).map(([spec, paths]) => {
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) {
      throw new Error(`${listPath}: packages["${spec}"] must be an array of paths.`);
    }
    return { spec, paths: paths as string[] };
  });
}

/** A folder name for a spec: `@scope/name@1.0.0` → `@scope+name@1.0.0`. */
function folderName(spec: string): string {
  return spec.replace(/\//g, '+');
}

const COMPLETE_MARK = '.bench-complete';

/**
 * Makes sure one package is unpacked in `cacheDir/packages/<spec>/`, reusing the tarball and the
 * unpacked folder when present. Tarballs usually hold `package/`, but some (busboy, ssh2) hold a
 * GitHub-style `owner-name-sha/`: the root is whatever single top folder the tarball has.
 */
async function fetchPackage(entry: CorpusEntry, cacheDir: string): Promise<CorpusPackage> {
  const root = join(cacheDir, 'packages', folderName(entry.spec));
  if (existsSync(join(root, COMPLETE_MARK))) return { ...entry, root };

  const tarballs = join(cacheDir, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const tarball = join(tarballs, `${folderName(entry.spec)}.tgz`);
  if (!existsSync(tarball)) {
    const { stdout } = await run(
      'npm',
      ['pack', entry.spec, '--json', '--ignore-scripts', '--pack-destination', tarballs],
      { cwd: tarballs, maxBuffer: 64 * 1024 * 1024 },
    );
    const [info] = JSON.parse(stdout) as { filename: string }[];
    if (!info) throw new Error(`npm pack ${entry.spec} printed no tarball name`);
    // npm names scoped tarballs `scope-name-1.0.0.tgz`; keep our own name so reuse is exact.
    renameSync(join(tarballs, info.filename), tarball);
  }

  const staging = `${root}.unpacking`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', staging, '--no-same-owner']);
  const top = readdirSync(staging, { withFileTypes: true });
  const dirs = top.filter((d) => d.isDirectory());
  if (dirs.length !== 1 || top.length !== 1) {
    throw new Error(`${entry.spec}: expected one top folder in the tarball, found ${top.map((d) => d.name).join(', ')}`);
  }
  rmSync(root, { recursive: true, force: true });
  renameSync(join(staging, dirs[0]!.name), root);
  rmSync(staging, { recursive: true, force: true });
  writeFileSync(join(root, COMPLETE_MARK), `${entry.spec}\n`);
  return { ...entry, root };
}

/** Fetches every package (a few at a time), in list order. Failures are collected, not thrown. */
export async function fetchCorpus(
  entries: readonly CorpusEntry[],
  cacheDir: string,
): Promise<{ packages: CorpusPackage[]; failures: { spec: string; error: string }[] }> {
  const results: (CorpusPackage | { spec: string; error: string })[] = new Array(entries.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const i = next++;
      const entry = entries[i]!;
      try {
        results[i] = await fetchPackage(entry, cacheDir);
      } catch (error) {
        results[i] = { spec: entry.spec, error: (error as Error).message.split('\n')[0]! };
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const packages = results.filter((r): r is CorpusPackage => 'root' in r);
  const failures = results.filter((r): r is { spec: string; error: string } => 'error' in r);
  return { packages, failures };
}

/** Turns a one-level glob such as `*.js` or `lib/*.js` into a test on a file name. */
function globMatcher(pattern: string): (name: string) => boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  const re = new RegExp(`^${source}$`);
  return (name) => re.test(name);
}

/**
 * The lintable files a package's listed paths name, absolute, sorted, without duplicates. A
 * folder contributes every JS/TS file below it (nested `node_modules` excluded); a glob matches
 * names in one folder. Listed paths the package lacks are pushed to `missing`.
 */
export function listedFiles(pkg: CorpusPackage, missing: string[] = []): string[] {
  const out = new Set<string>();
  for (const path of pkg.paths) {
    if (path.includes('*')) {
      const slash = path.lastIndexOf('/');
      const dir = join(pkg.root, slash < 0 ? '' : path.slice(0, slash));
      const matches = globMatcher(path.slice(slash + 1));
      if (!existsSync(dir)) continue;
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        if (d.isFile() && matches(d.name) && isLintable(d.name)) out.add(join(dir, d.name));
      }
      continue;
    }
    const full = join(pkg.root, path);
    if (!existsSync(full)) {
      missing.push(path);
      continue;
    }
    for (const file of walkFiles(full)) out.add(file);
  }
  return [...out].sort();
}

/** A file's path inside its package, for reports: `lib/connection.js`. */
export function packageRelative(pkg: CorpusPackage, file: string): string {
  return relative(pkg.root, file).split('\\').join('/');
}

export interface PreparedPackage {
  pkg: CorpusPackage;
  /** The listed files, absolute. */
  files: string[];
}

/**
 * Reads the list, fetches what the cache lacks, and lists each package's files. Packages that
 * fail to fetch are reported in `failures` and left out of the run; listed paths a package lacks
 * are reported in `warnings`.
 */
export async function prepareCorpus(
  listPath: string,
  cacheDir: string,
): Promise<{ packages: PreparedPackage[]; failures: { spec: string; error: string }[]; warnings: string[] }> {
  const { packages, failures } = await fetchCorpus(readCorpusList(listPath), cacheDir);
  const warnings: string[] = [];
  const prepared = packages.map((pkg) => {
    const missing: string[] = [];
    const files = listedFiles(pkg, missing);
    for (const path of missing) warnings.push(`${pkg.spec}: listed path "${path}" is not in the package (skipped)`);
    if (files.length === 0) warnings.push(`${pkg.spec}: no lintable files in the listed paths`);
    return { pkg, files };
  });
  return { packages: prepared, failures, warnings };
}
