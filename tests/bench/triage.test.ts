/** Triage pages: regenerating keeps verdicts, adds new rows as `?`, never drops a verdict silently. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTriage, renderTriage, triageFileName, writeTriage, type CorpusReport } from '../../bench/lib/triage.js';

const report = (file: string, line: number, message: string): CorpusReport => ({
  rule: 'callback-discipline/x',
  package: 'async@3.2.5',
  file,
  line,
  column: 3,
  endLine: line,
  endColumn: 9,
  messageId: 'm',
  message,
});

describe('triage pages', () => {
  it('names pages after the rule', () => {
    expect(triageFileName('callback-discipline/no-double-fire')).toBe('no-double-fire.md');
    expect(triageFileName('promise/no-multiple-resolved')).toBe('promise--no-multiple-resolved.md');
  });

  it('lists new reports as not judged, sorted by file and line, with pipes escaped', () => {
    const page = renderTriage('callback-discipline/x', [report('b.js', 2, 'b'), report('a.js', 9, 'x | y')], []);
    const rows = parseTriage(page);
    expect(rows).toEqual([
      { location: 'async@3.2.5/a.js:9', message: 'x \\| y', verdict: '?', why: '' },
      { location: 'async@3.2.5/b.js:2', message: 'b', verdict: '?', why: '' },
    ]);
    expect(page).toContain('**2 reports: 0 true, 0 false, 2 not judged.');
  });

  it('keeps verdicts on regeneration, marks new rows `?`, and keeps judged rows that disappeared', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-'));
    const first = [report('a.js', 1, 'one'), report('a.js', 5, 'five | pipe'), report('c.js', 7, 'gone')];
    writeTriage(dir, ['callback-discipline/x'], first);
    const path = join(dir, 'x.md');
    // A person judges the rows.
    const judged = readFileSync(path, 'utf8')
      .replace('| async@3.2.5/a.js:1 | one | ? |  |', '| async@3.2.5/a.js:1 | one | true | fires twice on error |')
      .replace('| async@3.2.5/a.js:5 | five \\| pipe | ? |  |', '| async@3.2.5/a.js:5 | five \\| pipe | false | once() wrapper |')
      .replace('| async@3.2.5/c.js:7 | gone | ? |  |', '| async@3.2.5/c.js:7 | gone | true | real |');
    writeFileSync(path, judged);

    writeTriage(dir, ['callback-discipline/x'], [report('a.js', 5, 'five | pipe'), report('a.js', 1, 'one'), report('b.js', 3, 'new')]);
    const page = readFileSync(path, 'utf8');
    const [current, gone] = page.split('## No longer reported');
    expect(parseTriage(current!)).toEqual([
      { location: 'async@3.2.5/a.js:1', message: 'one', verdict: 'true', why: 'fires twice on error' },
      { location: 'async@3.2.5/a.js:5', message: 'five \\| pipe', verdict: 'false', why: 'once() wrapper' },
      { location: 'async@3.2.5/b.js:3', message: 'new', verdict: '?', why: '' },
    ]);
    expect(parseTriage(gone!)).toEqual([{ location: 'async@3.2.5/c.js:7', message: 'gone', verdict: 'true', why: 'real' }]);
    expect(page).toContain('**3 reports: 1 true, 1 false, 1 not judged. Precision of judged rows: 50%.**');

    // A row judged, gone, and back again gets its verdict back. A false alarm that is gone was
    // fixed: it is kept apart as the record of the precision work, and read again next time.
    writeTriage(dir, ['callback-discipline/x'], [report('c.js', 7, 'gone')]);
    const again = readFileSync(path, 'utf8');
    const sections = again.split(/\n(?=## )/);
    expect(sections.map((s) => s.split('\n')[0])).toEqual([
      '# Triage: `callback-discipline/x` on the tuning corpus',
      '## False alarms fixed',
      '## No longer reported',
    ]);
    expect(parseTriage(sections[0]!)).toEqual([{ location: 'async@3.2.5/c.js:7', message: 'gone', verdict: 'true', why: 'real' }]);
    expect(parseTriage(sections[1]!)).toEqual([
      { location: 'async@3.2.5/a.js:5', message: 'five \\| pipe', verdict: 'false', why: 'once() wrapper' },
    ]);
    expect(parseTriage(sections[2]!)).toEqual([
      { location: 'async@3.2.5/a.js:1', message: 'one', verdict: 'true', why: 'fires twice on error' },
    ]);
    writeTriage(dir, ['callback-discipline/x'], [report('c.js', 7, 'gone')]);
    expect(readFileSync(path, 'utf8')).toBe(again);
  });

  it('writes a page for each of our rules, saying when it reported nothing; none for a quiet peer rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-'));
    expect(writeTriage(dir, ['callback-discipline/quiet', 'promise/quiet'], [])).toEqual([join(dir, 'quiet.md')]);
    const page = readFileSync(join(dir, 'quiet.md'), 'utf8');
    expect(page).toContain('**0 reports: 0 true, 0 false, 0 not judged. Precision of judged rows: –.**');
    expect(parseTriage(page)).toEqual([]);
  });
});
