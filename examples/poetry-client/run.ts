/**
 * Runs a poetry client against a local server and shows what happens:
 *
 *   npx tsx examples/poetry-client/run.ts <buggy|fixed> [callbacks|deferred] [poem|empty|refused]
 *
 * `empty`: the server closes without a poem; `refused`: nobody listens on the port. A client that
 * is still waiting after two seconds is reported as hanging (its errback was never called).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { refusedPort, startPoetryServer } from './poetry-server.js';

const [version = 'fixed', api = 'callbacks', answer = 'poem'] = process.argv.slice(2);
const HANG_AFTER_MS = Number(process.env.POETRY_HANG_MS ?? 2000);

// One stream, in order, for whoever shows this output; an uncaught error is the client's failure,
// shown with the frame of the client code that raised it.
console.error = console.log;
process.on('uncaughtException', (error) => {
  const frame = error.stack?.split('\n').find((line) => /\/(buggy|fixed)\//u.test(line));
  const where = frame?.match(/at (?:(\S+) \()?.*?\/((?:buggy|fixed)\/[^:]+:\d+)/u);
  console.log(`✖ uncaught ${error.name}: ${error.message}${where ? ` (in ${where[1] ?? 'a handler'}, ${where[2]})` : ''}`);
  process.exit(1);
});

if (!['buggy', 'fixed'].includes(version) || !['callbacks', 'deferred'].includes(api) || !['poem', 'empty', 'refused'].includes(answer)) {
  console.error('usage: run.ts <buggy|fixed> [callbacks|deferred] [poem|empty|refused]');
  process.exit(2);
}

const file = new URL(`./${version}/${api === 'callbacks' ? 'get-poetry' : 'get-poetry-deferred'}.ts`, import.meta.url);
if (!existsSync(fileURLToPath(file))) {
  console.error(`${version}/${api}: not in this checkout`);
  process.exit(2);
}
const { main } = (await import(file.href)) as { main: (host: string, port: number) => Promise<void> };

const server = answer === 'refused' ? undefined : await startPoetryServer(answer === 'empty' ? '' : undefined);
const port = server?.port ?? (await refusedPort());
const hang = setTimeout(() => {
  console.log(`… still waiting after ${HANG_AFTER_MS / 1000} s: neither the callback nor the errback ran. Giving up.`);
  process.exit(3);
}, HANG_AFTER_MS);

await main('127.0.0.1', port);
clearTimeout(hang);
await server?.close();
