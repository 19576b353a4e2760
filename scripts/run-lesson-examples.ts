/**
 * Run the nine Deferred examples of the lesson (examples/twisted-deferred/defer-1.ts … defer-9.ts)
 * on our Deferred, each in its own node process as `npx tsx` would, and print what each one
 * writes under a header (stdout indented, stderr marked with `!`). defer-4 … defer-7 end with an
 * AlreadyCalledError, like the originals; defer-8 and defer-9 run a second time with `--fail`,
 * firing the errback chain (the lesson's exercise 2).
 *
 *   npx tsx scripts/run-lesson-examples.ts
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const runs = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`examples/twisted-deferred/defer-${n}.ts`]);
runs.push(['examples/twisted-deferred/defer-8.ts', '--fail'], ['examples/twisted-deferred/defer-9.ts', '--fail']);

for (const args of runs) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, encoding: 'utf8' });
  console.log(`=== ${args.join(' ')} (exit code ${run.status ?? run.signal}) ===`);
  if (run.stdout !== '') process.stdout.write(indent(run.stdout, '  '));
  if (run.stderr !== '') process.stdout.write(indent(summarizeCrash(run.stderr), '! '));
  console.log('');
}

// Node prints an uncaught error as source excerpt, message, stack and version; keep the message
// and the first frame in user code, which is what the reader needs from the demo.
function summarizeCrash(stderr: string): string {
  const lines = stderr.split('\n');
  const errorLine = lines.findIndex((line) => /^\w*Error\b/.test(line));
  if (errorLine === -1) return stderr;
  const frame = lines.slice(errorLine + 1).find((line) => line.trim().startsWith('at '));
  const where = frame === undefined ? '' : `    ${frame.trim().replace(root, '')}\n`;
  return `Traceback (most recent call first):\n${where}${lines[errorLine]}\n`;
}

function indent(text: string, prefix: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => prefix + line)
    .join('\n')
    .concat('\n');
}
