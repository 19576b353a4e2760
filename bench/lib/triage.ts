/**
 * Triage files: one Markdown page per rule listing every corpus report with a verdict (true or
 * false alarm) and a one-line why. People fill in the verdicts; regenerating keeps them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OWN_NAMESPACE } from './plugins.js';

/** One report on the corpus, as written to `corpus-reports.json`. */
export interface CorpusReport {
  rule: string;
  /** `name@version`. */
  package: string;
  /** Path inside the package root. */
  file: string;
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
  messageId: string | undefined;
  message: string;
}

interface Row {
  location: string;
  message: string;
  verdict: string;
  why: string;
}

const UNJUDGED = '?';
const HEADER = '| Location | Message | Verdict | Why |';
const SEPARATOR = '| --- | --- | --- | --- |';
const GONE_HEADING = '## No longer reported';
const FIXED_HEADING = '## False alarms fixed';

/** `callback-discipline/foo` → `foo.md`; a peer's `promise/foo` → `promise--foo.md`. */
export function triageFileName(ruleId: string): string {
  const prefix = `${OWN_NAMESPACE}/`;
  return `${ruleId.startsWith(prefix) ? ruleId.slice(prefix.length) : ruleId.replace(/\//g, '--')}.md`;
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim());
}

/** Rows of every table whose header is {@link HEADER}, in file order. */
export function parseTriage(markdown: string): Row[] {
  const rows: Row[] = [];
  let inTable = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (!line.trim().startsWith('|')) {
      inTable = false;
      continue;
    }
    const cells = splitRow(line);
    if (cells[0] === 'Location' && cells[2] === 'Verdict') {
      inTable = true;
      continue;
    }
    if (!inTable || cells.every((c) => /^:?-+:?$/.test(c))) continue;
    const [location = '', message = '', verdict = '', why = ''] = cells;
    rows.push({ location, message, verdict: verdict || UNJUDGED, why });
  }
  return rows;
}

const rowKey = (row: Pick<Row, 'location' | 'message'>): string => `${row.location}\u0000${row.message}`;

function renderRows(rows: readonly Row[]): string {
  return [HEADER, SEPARATOR, ...rows.map((r) => `| ${r.location} | ${r.message} | ${r.verdict} | ${r.why} |`)].join('\n');
}

function isJudged(row: Row): boolean {
  return row.verdict !== UNJUDGED && row.verdict !== '';
}

/**
 * The new page for one rule: current reports in file/line order, each keeping the verdict and why
 * of an existing row with the same file, line and message (rows of the same key pair up in order);
 * judged rows that no longer match a report move to a "No longer reported" section.
 */
export function renderTriage(ruleId: string, reports: readonly CorpusReport[], existing: readonly Row[]): string {
  const pool = new Map<string, Row[]>();
  for (const row of existing) {
    const key = rowKey(row);
    const list = pool.get(key) ?? [];
    list.push(row);
    pool.set(key, list);
  }
  const sorted = [...reports].sort(
    (a, b) =>
      a.package.localeCompare(b.package) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  const rows: Row[] = sorted.map((r) => {
    const location = cell(`${r.package}/${r.file}:${r.line}`);
    const message = cell(r.message);
    const previous = pool.get(rowKey({ location, message }))?.shift();
    return { location, message, verdict: previous?.verdict ?? UNJUDGED, why: previous?.why ?? '' };
  });
  const gone = [...pool.values()].flat().filter(isJudged);

  const judged = rows.filter(isJudged);
  const trueCount = judged.filter((r) => /^true\b/i.test(r.verdict)).length;
  const falseCount = judged.filter((r) => /^false\b/i.test(r.verdict)).length;
  const precision = trueCount + falseCount > 0 ? `${Math.round((100 * trueCount) / (trueCount + falseCount))}%` : '–';
  const parts = [
    `# Triage: \`${ruleId}\` on the tuning corpus`,
    '',
    'Written by `npm run bench:corpus` (or `npx tsx bench/triage.ts` from the last run\'s',
    '`bench/.cache/corpus-reports.json`). Edit only the Verdict and Why columns. Verdict: `true` (the',
    'code has the defect the message describes), `false` (a false alarm: the code is correct), `?` (not',
    'judged yet); Why: one line. Regenerating keeps verdicts: rows match on rule, file, line and message.',
    '',
    `**${rows.length} reports: ${trueCount} true, ${falseCount} false, ${rows.length - judged.length} not judged. ` +
      `Precision of judged rows: ${precision}.**`,
    '',
    renderRows(rows),
    '',
  ];
  // False alarms an earlier run reported and the rule no longer does: the record of the precision
  // work, kept. Other judged rows that match no report (a message reworded, a true report lost) are
  // kept until someone has read them.
  const fixed = gone.filter((r) => /^false\b/i.test(r.verdict));
  const lost = gone.filter((r) => !/^false\b/i.test(r.verdict));
  if (fixed.length > 0) {
    parts.push(
      FIXED_HEADING,
      '',
      'False alarms judged on an earlier run that the rule no longer reports (each was fixed in the',
      'analysis and has a regression test). Kept as the record of the precision work.',
      '',
      renderRows(fixed),
      '',
    );
  }
  if (lost.length > 0) {
    parts.push(
      GONE_HEADING,
      '',
      'Judged rows that match no current report (the rule or its message changed). Kept so that no',
      'verdict is lost silently; delete them once read.',
      '',
      renderRows(lost),
      '',
    );
  }
  return parts.join('\n');
}

/**
 * Writes `dir/<rule>.md` for each of our rules in the run, and for any other rule that has reports
 * or already has a page.
 * Returns the pages written.
 */
export function writeTriage(dir: string, ruleIds: readonly string[], reports: readonly CorpusReport[]): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const ruleId of ruleIds) {
    const own = reports.filter((r) => r.rule === ruleId);
    const path = join(dir, triageFileName(ruleId));
    const exists = existsSync(path);
    // Our own rules always get a page (a rule with no report on the corpus says so); a peer only when it reports.
    if (own.length === 0 && !exists && !ruleId.startsWith(`${OWN_NAMESPACE}/`)) continue;
    const existing = exists ? parseTriage(readFileSync(path, 'utf8')) : [];
    writeFileSync(path, renderTriage(ruleId, own, existing));
    written.push(path);
  }
  return written;
}
