/**
 * Stable fixes and suggestions: each edit a rule offers is applied alone to the original text; the
 * result must parse, the report must be gone, and the same rule must not report anew where the
 * edit landed.
 */
import type { Linter } from 'eslint';
import type { BenchLinter, FileLint, RuleCrash } from './lint.js';

export type EditProblem = 'does not parse' | 'report not gone' | 'new report at the same place' | 'rule crashed';

export interface EditFailure {
  ruleId: string;
  file: string;
  kind: 'fix' | 'suggestion';
  /** The suggestion's description, or the report's message for a fix. */
  description: string;
  /** Where the original report starts. */
  line: number;
  column: number;
  problem: EditProblem;
  /** The parse error, the lingering or new report's message, or the crash. */
  detail: string;
}

export interface StabilityResult {
  fixes: number;
  suggestions: number;
  failures: EditFailure[];
  /** Crashes while linting edited text (also listed in `failures`). */
  crashes: RuleCrash[];
}

/** Offsets of line starts, to turn ESLint's 1-based line/column into string offsets. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10) || c === 0x2028 || c === 0x2029) starts.push(i + 1);
  }
  return starts;
}

function offsetOf(starts: readonly number[], line: number, column: number): number {
  return (starts[line - 1] ?? starts[starts.length - 1]!) + column - 1;
}

function span(starts: readonly number[], m: Linter.LintMessage): [number, number] {
  const start = offsetOf(starts, m.line, m.column);
  const end = m.endLine === undefined ? start : offsetOf(starts, m.endLine, m.endColumn ?? m.column);
  return [start, Math.max(start, end)];
}

/** Reports compare by rule message id (or text) and start offset. */
const keyOf = (m: Linter.LintMessage, start: number): string => `${m.messageId ?? m.message}@${start}`;

interface Edit {
  kind: 'fix' | 'suggestion';
  description: string;
  fix: Linter.LintMessage['fix'] & object;
}

function editsOf(m: Linter.LintMessage): Edit[] {
  const edits: Edit[] = [];
  if (m.fix) edits.push({ kind: 'fix', description: m.message, fix: m.fix });
  for (const s of m.suggestions ?? []) edits.push({ kind: 'suggestion', description: s.desc, fix: s.fix });
  return edits;
}

/** Checks every fix and suggestion of every report in `lint` (a file that parsed). */
export async function checkEdits(linter: BenchLinter, lint: FileLint, onlyRules?: ReadonlySet<string>): Promise<StabilityResult> {
  const result: StabilityResult = { fixes: 0, suggestions: 0, failures: [], crashes: [] };
  if (lint.parseFailure) return result;
  const { text, file, mode } = lint;
  const starts = lineStarts(text);
  const excluded = new Set(lint.crashes.map((c) => c.ruleId));

  for (const report of lint.messages) {
    const ruleId = report.ruleId!;
    if (onlyRules && !onlyRules.has(ruleId)) continue;
    const [reportStart, reportEnd] = span(starts, report);
    for (const edit of editsOf(report)) {
      if (edit.kind === 'fix') result.fixes++;
      else result.suggestions++;
      const [r0, r1] = edit.fix.range;
      const inserted = edit.fix.text.length;
      const delta = inserted - (r1 - r0);
      const map = (o: number): number => (o <= r0 ? o : o >= r1 ? o + delta : r0);
      const edited = text.slice(0, r0) + edit.fix.text + text.slice(r1);
      const fail = (problem: EditProblem, detail: string): void => {
        result.failures.push({
          ruleId,
          file,
          kind: edit.kind,
          description: edit.description,
          line: report.line,
          column: report.column,
          problem,
          detail,
        });
      };

      const outcome = await linter.lintAs(edited, file, mode, excluded);
      if (outcome.kind === 'crash') {
        result.crashes.push(outcome.crash);
        fail('rule crashed', `${outcome.crash.ruleId}: ${outcome.crash.message}`);
        continue;
      }
      if (outcome.fatal) {
        fail('does not parse', `${outcome.fatal.line}:${outcome.fatal.column} ${outcome.fatal.message}`);
        continue;
      }

      // The rule's other reports, moved by the edit, are expected again; anything else it reports
      // where the edit or the original report was is a failure.
      const expected = new Map<string, number>();
      for (const other of lint.messages) {
        if (other === report || other.ruleId !== ruleId) continue;
        const key = keyOf(other, map(span(starts, other)[0]));
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const place: [number, number] = [Math.min(r0, map(reportStart)), Math.max(r0 + inserted, map(reportEnd))];
      const editedStarts = lineStarts(edited);
      for (const after of outcome.messages) {
        if (after.ruleId !== ruleId) continue;
        const [s, e] = span(editedStarts, after);
        const key = keyOf(after, s);
        const left = expected.get(key) ?? 0;
        if (left > 0) {
          expected.set(key, left - 1);
          continue;
        }
        if (e < place[0] || s > place[1]) continue;
        // The same message where the report was: the edit did not remove it (it may have moved).
        const same = (after.messageId ?? after.message) === (report.messageId ?? report.message);
        fail(
          same ? 'report not gone' : 'new report at the same place',
          `${after.line}:${after.column} ${after.message}`,
        );
        break;
      }
    }
  }
  return result;
}
