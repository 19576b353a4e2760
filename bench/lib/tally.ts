/** Totals over linted files, and the plain-text tables the benches print. */
import type { FileLint, LintTimes, ParseFailure, RuleCrash } from './lint.js';

export interface RuleTotals {
  reports: number;
  crashes: number;
  /** Milliseconds spent in the rule (ESLint stats), over the files that parsed. */
  ms: number;
}

/** Sums file results: sizes, parse time, per-rule reports, crashes and time. */
export class Tally {
  files = 0;
  lines = 0;
  parseMs = 0;
  readonly parseFailures: ParseFailure[] = [];
  readonly crashes: RuleCrash[] = [];
  readonly rules = new Map<string, RuleTotals>();

  constructor(ruleIds: Iterable<string> = []) {
    for (const id of ruleIds) this.rule(id);
  }

  rule(id: string): RuleTotals {
    let totals = this.rules.get(id);
    if (!totals) {
      totals = { reports: 0, crashes: 0, ms: 0 };
      this.rules.set(id, totals);
    }
    return totals;
  }

  add(result: FileLint): void {
    this.files++;
    this.lines += result.lines;
    if (result.parseFailure) this.parseFailures.push(result.parseFailure);
    for (const crash of result.crashes) {
      this.crashes.push(crash);
      this.rule(crash.ruleId).crashes++;
    }
    for (const message of result.messages) this.rule(message.ruleId!).reports++;
    if (result.times) {
      this.parseMs += result.times.parse;
      for (const [id, ms] of Object.entries(result.times.rules)) this.rule(id).ms += ms;
    }
  }

  get kloc(): number {
    return this.lines / 1000;
  }

  /** Milliseconds of the given rules together. */
  msOf(ids: Iterable<string>): number {
    let total = 0;
    for (const id of ids) total += this.rules.get(id)?.ms ?? 0;
    return total;
  }
}

/**
 * Each file's fastest time over several runs, parse and every rule apart, and their sums: the
 * estimate of bench:perf and bench:compare. ESLint's times are wall clock, so a garbage
 * collection or the scheduler landing inside one listener inflates that run; the fastest run of
 * each file is the one least disturbed by the rest of the machine. A rule that did not run on a
 * file in some run (it crashed there) counts 0 for that file.
 */
export class FastestTimes {
  readonly #byFile = new Map<string, LintTimes>();

  add(file: string, times: LintTimes): void {
    const best = this.#byFile.get(file);
    if (!best) {
      this.#byFile.set(file, { parse: times.parse, rules: { ...times.rules } });
      return;
    }
    best.parse = Math.min(best.parse, times.parse);
    for (const id of new Set([...Object.keys(best.rules), ...Object.keys(times.rules)])) {
      best.rules[id] = Math.min(best.rules[id] ?? 0, times.rules[id] ?? 0);
    }
  }

  /** Each file's fastest times, in the order the files were first added. */
  byFile(): ReadonlyMap<string, Readonly<LintTimes>> {
    return this.#byFile;
  }

  /** Sums over the files: parse milliseconds, and rule id → milliseconds. */
  totals(): { files: number; parse: number; rules: Map<string, number> } {
    return this.totalsBy(() => '').get('') ?? { files: 0, parse: 0, rules: new Map<string, number>() };
  }

  /**
   * The same sums per group of files, `group` naming each file's group from its fastest times
   * (e.g. by its parse time); groups in the order they are first met.
   */
  totalsBy(group: (file: string, fastest: LintTimes) => string): Map<string, { files: number; parse: number; rules: Map<string, number> }> {
    const out = new Map<string, { files: number; parse: number; rules: Map<string, number> }>();
    for (const [file, t] of this.#byFile) {
      const key = group(file, t);
      let sums = out.get(key);
      if (!sums) out.set(key, (sums = { files: 0, parse: 0, rules: new Map<string, number>() }));
      sums.files++;
      sums.parse += t.parse;
      for (const [id, ms] of Object.entries(t.rules)) sums.rules.set(id, (sums.rules.get(id) ?? 0) + ms);
    }
    return out;
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `0.0123` → `1.23%`. */
export function pct(ratio: number, digits = 2): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(digits)}%` : '–';
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** Wall-clock seconds since `start` (from `performance.now()`). */
export function seconds(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}

export interface Column {
  header: string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

/** A plain-text table (Markdown-compatible pipes), columns padded to their widest cell. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number): string =>
    columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => cell(c, i)).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (columns[i]!.align === 'right' ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

/**
 * The per-rule table of bench:corpus and bench:perf: reports, reports per KLOC, crashes, and
 * rule time as a share of parse time, one row per rule and a total.
 */
export function ruleTable(tally: Tally, ids: readonly string[], totalLabel = 'total'): string {
  const rows = ids.map((id) => {
    const t = tally.rule(id);
    return [id, String(t.reports), fixed(t.reports / tally.kloc), String(t.crashes), pct(t.ms / tally.parseMs), fixed(t.ms, 1)];
  });
  const reports = ids.reduce((n, id) => n + tally.rule(id).reports, 0);
  const crashes = ids.reduce((n, id) => n + tally.rule(id).crashes, 0);
  const ms = tally.msOf(ids);
  rows.push([totalLabel, String(reports), fixed(reports / tally.kloc), String(crashes), pct(ms / tally.parseMs), fixed(ms, 1)]);
  return formatTable(
    [
      { header: 'rule' },
      { header: 'reports', align: 'right' },
      { header: 'per KLOC', align: 'right' },
      { header: 'crashes', align: 'right' },
      { header: 'time / parse', align: 'right' },
      { header: 'rule ms', align: 'right' },
    ],
    rows,
  );
}

/** Crashes, one paragraph each: enough to write the regression test. */
export function describeCrashes(crashes: readonly RuleCrash[]): string {
  return crashes
    .map((c) => `  ${c.ruleId} on ${c.file}${c.line === undefined ? '' : `:${c.line}`}\n    ${c.message}\n${c.stack.replace(/^/gm, '    ')}`)
    .join('\n');
}

export function describeParseFailures(failures: readonly ParseFailure[], limit = 20): string {
  const shown = failures.slice(0, limit).map((f) => `  ${f.file}:${f.line}:${f.column} (${f.mode}) ${f.message}`);
  if (failures.length > limit) shown.push(`  … and ${failures.length - limit} more`);
  return shown.join('\n');
}
