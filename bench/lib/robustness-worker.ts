/**
 * A bench:robustness worker thread: lints the batches of files the main thread sends and checks
 * every fix and suggestion, answering with one compact summary per file.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Linter, Rule } from 'eslint';
import { parentPort, workerData } from 'node:worker_threads';
import { looksMinified } from './files.js';
import { BenchLinter, type ParseFailure, type RuleCrash } from './lint.js';
import { selectRules } from './plugins.js';
import { checkEdits, type EditFailure } from './stability.js';

export interface WorkerInit {
  rules: string | undefined;
  maxBytes: number;
  checkFixes: boolean;
  /** Also return every report as one line (for --snapshot). */
  snapshot: boolean;
}

export interface FileSummary {
  file: string;
  skipped?: 'large' | 'minified';
  lines: number;
  parseFailure?: ParseFailure;
  crashes: RuleCrash[];
  reports: Record<string, number>;
  fixes: number;
  suggestions: number;
  editFailures: EditFailure[];
  /** With --snapshot: each report as `line:column rule message`, its fix and suggestions. */
  snapshotLines?: string[];
  /** An exception that is not a rule's (ESLint or the bench itself). */
  harnessError?: string;
}

export type ToWorker = { type: 'files'; files: string[] } | { type: 'done' };
export type FromWorker = { type: 'ready' } | { type: 'results'; results: FileSummary[] } | { type: 'fatal'; error: string };

const port = parentPort!;
const init = workerData as WorkerInit;

async function summarise(linter: BenchLinter, file: string): Promise<FileSummary> {
  const summary: FileSummary = { file, lines: 0, crashes: [], reports: {}, fixes: 0, suggestions: 0, editFailures: [] };
  try {
    if (statSync(file).size > init.maxBytes) return { ...summary, skipped: 'large' };
    const text = readFileSync(file, 'utf8');
    if (looksMinified(file, text)) return { ...summary, skipped: 'minified' };
    const lint = await linter.lintFile(file, text);
    summary.lines = lint.lines;
    if (lint.parseFailure) summary.parseFailure = lint.parseFailure;
    summary.crashes.push(...lint.crashes);
    for (const m of lint.messages) summary.reports[m.ruleId!] = (summary.reports[m.ruleId!] ?? 0) + 1;
    if (init.snapshot) summary.snapshotLines = lint.messages.map(describeMessage);
    if (init.checkFixes) {
      const stability = await checkEdits(linter, lint);
      summary.fixes = stability.fixes;
      summary.suggestions = stability.suggestions;
      summary.editFailures = stability.failures;
      summary.crashes.push(...stability.crashes);
    }
  } catch (error) {
    summary.harnessError = (error as Error).stack ?? String(error);
  }
  return summary;
}

/** One report with everything a user sees: place, rule, message, fix and suggestion edits. */
function describeMessage(m: Linter.LintMessage): string {
  const edit = (fix: Rule.Fix | undefined): string => (fix ? ` [${fix.range.join('-')}] ${JSON.stringify(fix.text)}` : '');
  const parts = [`${m.line}:${m.column}-${m.endLine ?? ''}:${m.endColumn ?? ''} ${m.ruleId} ${m.message}${edit(m.fix)}`];
  for (const s of m.suggestions ?? []) parts.push(`  suggestion ${JSON.stringify(s.desc)}${edit(s.fix)}`);
  return parts.join('\n');
}

try {
  const linter = new BenchLinter(await selectRules(init.rules, 'all'));
  port.on('message', (message: ToWorker) => {
    if (message.type === 'done') {
      port.close();
      return;
    }
    void (async () => {
      const results: FileSummary[] = [];
      for (const file of message.files) results.push(await summarise(linter, file));
      port.postMessage({ type: 'results', results } satisfies FromWorker);
    })();
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
} catch (error) {
  port.postMessage({ type: 'fatal', error: (error as Error).stack ?? String(error) } satisfies FromWorker);
}
