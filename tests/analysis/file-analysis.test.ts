import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { analysisCounters, onFileAnalysed, shareAnalysis, type FileAnalysis } from '../../src/analysis/file-analysis.js';
import { StyleSettingsError } from '../../src/analysis/styles.js';
import plugin from '../../src/index.js';

const code = `
function f(x, cb) { if (x) cb(new Error('x')); cb(null, x); }
new Promise((resolve, reject) => { fs.readFile(p, (err, d) => { if (err) reject(err); resolve(d); }); });
`;

function run(ruleCount: number, settings?: Record<string, unknown>) {
  const seen: FileAnalysis[] = [];
  const rules: Record<string, unknown> = {};
  for (let i = 0; i < ruleCount; i++) {
    rules[`r${i}`] = {
      meta: { type: 'problem', schema: [] },
      create: (context: Parameters<typeof onFileAnalysed>[0]) =>
        onFileAnalysed(context, (a) => {
          seen.push(a);
          for (const c of a.completions()) a.paths(c);
        }),
    };
  }
  const before = { ...analysisCounters };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      plugins: { t: { rules } as never },
      rules: Object.fromEntries(Object.keys(rules).map((r) => [`t/${r}`, 'error'])),
      ...(settings ? { settings } : {}),
    },
  ]);
  return {
    messages,
    seen,
    collectors: analysisCounters.collectors - before.collectors,
    feeders: analysisCounters.feeders - before.feeders,
  };
}

describe('shared file analysis', () => {
  it('is collected once per file however many rules ask', () => {
    const one = run(1);
    const three = run(3);
    expect(one.collectors).toBe(1);
    expect(three.collectors).toBe(1);
    expect(three.feeders).toBe(1);
    // Every rule got the same analysis object; discovery ran once.
    expect(new Set(three.seen).size).toBe(1);
    expect(three.seen[0]!.discoveries).toBe(1);
    // The one collector received exactly the events a single rule feeds: nobody fed it twice.
    expect(three.seen[0]!.collector.events).toBe(one.seen[0]!.collector.events);
    expect(three.seen[0]!.completions().map((c) => c.name)).toEqual(['cb', 'resolve/reject']);
  });

  it('is shared by the real rules: one collector for all three', () => {
    const before = analysisCounters.collectors;
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(code + "\nfunction g(cb) { cb('boom'); }\n", [
      {
        plugins: { cd: plugin },
        rules: { 'cd/errback-with-error': 'error', 'cd/no-double-fire': 'error', 'cd/no-hanging-path': 'error' },
      },
    ]);
    expect(analysisCounters.collectors - before).toBe(1);
    expect(messages.map((m) => m.ruleId).sort()).toEqual(['cd/errback-with-error', 'cd/no-double-fire', 'cd/no-double-fire']);
  });

  it('memoises path analyses per completion', () => {
    const { seen } = run(2);
    const a = seen[0]!;
    const c = a.completions()[0]!;
    expect(a.paths(c)).toBe(a.paths(c));
  });

  it('starts a fresh collection when a previous run on the same source code was aborted', () => {
    const context = { sourceCode: {}, settings: {} };
    const first = shareAnalysis(context);
    expect(Object.keys(first.listeners)).toContain('onCodePathSegmentStart');
    // A second rule of the same run feeds nothing.
    expect(Object.keys(shareAnalysis(context).listeners)).toEqual([]);
    // The run aborted mid-traversal: the next run must feed again.
    (first.listeners as { onCodePathStart: (cp: unknown, n: unknown) => void }).onCodePathStart({ origin: 'program' }, { type: 'Program' });
    expect(Object.keys(shareAnalysis(context).listeners)).toContain('onCodePathSegmentStart');
  });

  it('gives every rule but the feeding one a single Program:exit listener (no code path listeners)', () => {
    const context = { sourceCode: {}, settings: {} };
    const feeding = onFileAnalysed(context, () => {});
    expect(Object.keys(feeding)).toContain('onCodePathSegmentStart');
    expect(Object.keys(onFileAnalysed(context, () => {}))).toEqual(['Program:exit']);
    // With listeners of its own, a rule gets them plus Program:exit, which runs its own first.
    const order: string[] = [];
    const merged = onFileAnalysed(context, () => order.push('analysed'), {
      'Program:exit': () => order.push('own'),
      CallExpression: () => {},
    });
    expect(Object.keys(merged).sort()).toEqual(['CallExpression', 'Program:exit']);
    // Completing the recording (the feeder's Program:exit) lets the others run.
    (feeding as Record<string, (node: unknown) => void>)['Program:exit']!({ type: 'Program' });
    (merged as Record<string, (node: unknown) => void>)['Program:exit']!({ type: 'Program' });
    expect(order).toEqual(['own', 'analysed']);
  });

  it('runs each rule\'s callback once, at Program:exit, with the complete recording', () => {
    const calls: { rule: number; complete: boolean }[] = [];
    const rules: Record<string, unknown> = {};
    for (let i = 0; i < 3; i++) {
      rules[`r${i}`] = {
        meta: { type: 'problem', schema: [] },
        create: (context: Parameters<typeof onFileAnalysed>[0]) =>
          onFileAnalysed(context, (a) => calls.push({ rule: i, complete: a.collector.complete })),
      };
    }
    new Linter({ configType: 'flat' }).verify(code, [
      { plugins: { t: { rules } as never }, rules: Object.fromEntries(Object.keys(rules).map((r) => [`t/${r}`, 'error'])) },
    ]);
    expect(calls).toEqual([0, 1, 2].map((rule) => ({ rule, complete: true })));
  });

  it('reuses a recording that reached Program:exit even if the run failed after it', () => {
    const context = { sourceCode: {}, settings: {} };
    const first = shareAnalysis(context).listeners as Record<string, (a?: unknown, b?: unknown) => void>;
    first.onCodePathStart!({ origin: 'program' }, { type: 'Program' });
    first['Program:exit']!({ type: 'Program' });
    // A later listener threw, so the program's code path never ended: the recording is complete anyway.
    expect(Object.keys(shareAnalysis(context).listeners)).toEqual([]);
    expect(shareAnalysis(context).get().collector.complete).toBe(true);
  });

  it('rejects invalid style settings with an error naming the field', () => {
    expect(() => run(1, { 'callback-discipline': { styles: [{ name: 'x', kind: 'nope' }] } })).toThrow(StyleSettingsError);
  });
});
