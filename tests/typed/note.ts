/**
 * The per-rule list of docs/type-information.md, generated from the shared case tables so that it
 * says exactly what the tests show. tests/typed/both-ways.test.ts checks it; `npm run docs:types`
 * rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectedErrors, typesChange, type BothWaysCase } from './both-ways.js';
import { TABLES } from './tables.js';

export const NOTE_PAGE = fileURLToPath(new URL('../../docs/type-information.md', import.meta.url));
export const NOTE_BEGIN = '<!-- begin generated case list: npm run docs:types -->';
export const NOTE_END = '<!-- end generated case list -->';

type Case = BothWaysCase<string, readonly unknown[]>;

function reports(c: Case, mode: 'untyped' | 'typed'): string {
  const errors = expectedErrors(c, mode);
  if (errors.length === 0) return 'nothing';
  return errors.map((e) => `\`${e.messageId}\`${e.line === undefined ? '' : ` (line ${e.line})`}`).join(', ');
}

/** The generated Markdown: per rule, the cases where types change the reports, and how many do not. */
export function caseList(): string {
  const out: string[] = [];
  for (const [rule, table] of Object.entries(TABLES).sort(([a], [b]) => a.localeCompare(b))) {
    const changed = table.filter(typesChange);
    const same = table.length - changed.length;
    out.push(`### [\`${rule}\`](rules/${rule}.md)`, '');
    if (changed.length === 0) {
      out.push('Types add nothing on the shared cases.', '');
    } else {
      out.push('| case | without types | with types |', '| :-- | :-- | :-- |');
      for (const c of changed) out.push(`| ${c.name.replace(/\|/gu, '\\|')} | ${reports(c, 'untyped')} | ${reports(c, 'typed')} |`);
      out.push('');
    }
    out.push(`${same} control case${same === 1 ? '' : 's'} report${same === 1 ? 's' : ''} the same either way.`, '');
  }
  return out.join('\n').trimEnd();
}

/** The page with its generated part replaced by `list`. */
export function withCaseList(page: string, list: string): string {
  const begin = page.indexOf(NOTE_BEGIN);
  const end = page.indexOf(NOTE_END);
  if (begin < 0 || end < begin) throw new Error(`${NOTE_PAGE} has no generated case list markers`);
  return `${page.slice(0, begin + NOTE_BEGIN.length)}\n\n${list}\n\n${page.slice(end)}`;
}

if (process.argv.includes('--write')) {
  writeFileSync(NOTE_PAGE, withCaseList(readFileSync(NOTE_PAGE, 'utf8'), caseList()));
  console.log(`Wrote the case list of ${NOTE_PAGE}.`);
}
