/**
 * Regenerates the triage pages from the last bench:corpus run (`<cache>/corpus-reports.json`)
 * without linting again: `npx tsx bench/triage.ts [--cache dir] [--triage-dir dir]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, parseBenchArgs } from './lib/env.js';
import { writeTriage, type CorpusReport } from './lib/triage.js';

const { common, values } = parseBenchArgs(
  { 'triage-dir': { type: 'string' } },
  'Usage: npx tsx bench/triage.ts [--cache dir] [--triage-dir dir]\n\nRewrites the triage pages from <cache>/corpus-reports.json, keeping verdicts.',
);
const jsonPath = join(common.cacheDir, 'corpus-reports.json');
if (!existsSync(jsonPath)) {
  console.error(`${jsonPath} not found: run \`npm run bench:corpus\` first.`);
  process.exit(1);
}
const data = JSON.parse(readFileSync(jsonPath, 'utf8')) as { rules: string[]; reports: CorpusReport[] };
const written = writeTriage(values['triage-dir'] ?? join(REPO_ROOT, 'bench', 'triage'), data.rules, data.reports);
console.log(written.length === 0 ? 'no pages (no reports)' : written.map((p) => relative(process.cwd(), p)).join('\n'));
