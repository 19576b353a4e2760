/**
 * The style table of docs/styles.md, generated from BUILTIN_STYLES so that it cannot drift.
 * tests/docs.test.ts checks it; `npm run docs:styles` rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILTIN_STYLES, type Style } from '../../src/analysis/styles.js';

export const STYLES_PAGE = fileURLToPath(new URL('../../docs/styles.md', import.meta.url));
export const TABLE_BEGIN = '<!-- begin generated style table: npm run docs:styles -->';
export const TABLE_END = '<!-- end generated style table -->';

const code = (s: string) => `\`${s.replace(/\|/gu, '\\|')}\``;
const list = (items: readonly string[]) => (items.length ? items.map(code).join(', ') : '—');

function recognition(style: Style): string {
  const r = style.recognise;
  const parts: string[] = [];
  if (r.constructors?.length) parts.push(r.constructors.map((c) => code(`new ${c}()`)).join(', '));
  if (r.executors?.length) parts.push(`executor of ${r.executors.map((c) => code(`new ${c}(…)`)).join(', ')}`);
  if (r.factories?.length) parts.push(`the result of ${r.factories.map((c) => code(`${c}()`)).join(', ')}`);
  if (r.resolverFactories?.length) parts.push(`resolvers of ${r.resolverFactories.map((c) => code(`${c}()`)).join(', ')}`);
  if (r.chainSources?.length) parts.push(`chains from ${r.chainSources.map((c) => code(`${c}()`)).join(', ')}`);
  if (r.parameterNames?.length) parts.push(`parameters named ${list(r.parameterNames)}`);
  if (r.parameterPattern) parts.push(`or matching ${code(`/${r.parameterPattern}/`)}`);
  if (r.parameterPairs?.length) parts.push(`parameter pairs ${r.parameterPairs.map(([a, b]) => code(`(${a}, ${b})`)).join(', ')}`);
  return parts.join('; ') || '—';
}

function fires(style: Style, side: 'success' | 'error'): string {
  switch (style.kind) {
    case 'node':
      return side === 'success' ? `${code('cb()')}, ${code('cb(null, value)')}` : code('cb(err)');
    case 'pair':
      return side === 'success' ? 'the first function' : 'the second function';
    case 'executor':
      return `${list(style.fire[side])} (executor parameter ${side === 'success' ? 1 : 2})`;
    case 'object':
      return list(style.fire[side].map((m) => `.${m}()`));
  }
}

function both(style: Style): string {
  if (style.links.both.length === 0) return '—';
  const effect = style.bothLink === 'replaces' ? 'its return value replaces the result' : 'passes the result through';
  return `${list(style.links.both)} (${effect})`;
}

/** The Markdown table, one row per built-in style. */
export function styleTable(styles: readonly Style[] = BUILTIN_STYLES): string {
  const header = [
    '| style | kind | a completion is | success fire | error fire | success link | error link | both link | pair link |',
    '| :-- | :-- | :-- | :-- | :-- | :-- | :-- | :-- | :-- |',
  ];
  const rows = styles.map((s) =>
    [
      code(s.name),
      code(s.kind),
      recognition(s),
      fires(s, 'success'),
      fires(s, 'error'),
      list(s.links.success) + (s.links.success.length && !s.successLinkTransforms ? ' (result passes through)' : ''),
      list(s.links.error),
      both(s),
      list(s.links.pair),
    ].join(' | '),
  );
  return [...header, ...rows.map((r) => `| ${r} |`)].join('\n');
}

/** The page with the section between the markers replaced by `table`. */
export function withTable(page: string, table: string): string {
  const begin = page.indexOf(TABLE_BEGIN);
  const end = page.indexOf(TABLE_END);
  if (begin === -1 || end < begin) throw new Error(`docs/styles.md has no ${TABLE_BEGIN} … ${TABLE_END} section`);
  return `${page.slice(0, begin + TABLE_BEGIN.length)}\n\n${table}\n\n${page.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--write')) {
  writeFileSync(STYLES_PAGE, withTable(readFileSync(STYLES_PAGE, 'utf8'), styleTable()));
  console.log('Updated the style table in docs/styles.md.');
}
