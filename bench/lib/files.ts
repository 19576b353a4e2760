/** File listing and the size measures the benches report. */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const LINTABLE = /\.(?:js|mjs|cjs|ts)$/;

/** A JS or TS file the benches lint (`.d.ts` included; callers filter it when they want). */
export function isLintable(name: string): boolean {
  return LINTABLE.test(name);
}

export function isDeclarationFile(name: string): boolean {
  return /\.d\.(?:ts|mts|cts)$/.test(name) || /\.d\.[^/.]+\.ts$/.test(name);
}

/**
 * Every lintable file under `path` (or `path` itself), depth first, sorted per folder. Symbolic
 * links are not followed (node_modules/.bin, workspace links), so nothing is visited twice.
 * `skipNodeModules` leaves out nested `node_modules` folders (a package's own vendored deps).
 */
export function walkFiles(path: string, skipNodeModules = true): string[] {
  const out: string[] = [];
  const visit = (p: string): void => {
    const stat = lstatSync(p);
    if (stat.isFile()) {
      if (isLintable(p)) out.push(p);
      return;
    }
    if (!stat.isDirectory()) return;
    const entries = readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (skipNodeModules && entry.name === 'node_modules') continue;
        if (entry.name === '.git') continue;
        visit(join(p, entry.name));
      } else if (entry.isFile() && isLintable(entry.name)) {
        out.push(join(p, entry.name));
      }
    }
  };
  visit(path);
  return out;
}

/** Lines holding something other than white space. KLOC = this / 1000. */
export function countNonBlankLines(text: string): number {
  let count = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (!blank) count++;
      blank = true;
      // \r\n is one line end.
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    } else if (blank && c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 0xfeff && c !== 0xa0) {
      blank = false;
    }
  }
  return blank ? count : count + 1;
}

/**
 * A minified or generated bundle: lines far longer than anyone writes by hand. Such files say
 * little about our rules and cost a lot to lint, so the robustness bench may skip them (counted).
 */
export function looksMinified(name: string, text: string): boolean {
  if (/[.-]min\.[cm]?js$/.test(name)) return true;
  const lines = countNonBlankLines(text);
  if (lines === 0) return false;
  const averageLength = text.length / lines;
  return averageLength > 300 || (text.length > 20_000 && lines < 10);
}
