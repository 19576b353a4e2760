import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Run `main` when the module at `moduleUrl` is the script node was started with
 * (`npx tsx examples/twisted-deferred/defer-1.ts`), and not when a test imports it. Errors are
 * not caught: like the Python originals, an example that raises crashes with a traceback.
 */
export function runIfMain(moduleUrl: string, main: () => unknown): void {
  const script = process.argv[1];
  if (script !== undefined && pathToFileURL(resolve(script)).href === moduleUrl) main();
}
