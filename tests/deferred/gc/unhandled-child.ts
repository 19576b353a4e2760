/**
 * Run by unhandled.test.ts as `node --expose-gc --import tsx unhandled-child.ts`: builds
 * Deferreds that end in a failure, drops them, forces garbage collection, and prints the reports
 * as JSON lines. Every scenario's error message names the scenario.
 */
import { Deferred, DeferredList, fail, setDebugging, setUnhandledErrorReporter, succeed } from '../../../src/deferred/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const reports: { message: string; error: string; creationStack: boolean; firstFireStack: boolean }[] = [];
setUnhandledErrorReporter((failure, details) => {
  reports.push({
    message: details.message,
    error: failure.getErrorMessage(),
    creationStack: details.creationStack !== undefined,
    firstFireStack: details.firstFireStack !== undefined,
  });
});

const scenarios: Record<string, () => unknown> = {
  // reported
  'callback throws'() {
    const d = new Deferred<number>();
    d.addCallback(() => {
      throw new RangeError('callback throws');
    });
    d.callback(1);
  },
  'fail() with nobody listening'() {
    fail(new Error('fail() with nobody listening'));
  },
  'errback rethrows'() {
    const d = new Deferred();
    d.addErrback((f) => f);
    d.errback(new Error('errback rethrows'));
  },
  'new failure after await'() {
    const d = fail(new Error('awaited'));
    d.then(undefined, () => {});
    d.addErrback(() => {
      throw new Error('new failure after await');
    });
  },
  'debug stacks'() {
    setDebugging(true);
    fail(new Error('debug stacks'));
    setDebugging(false);
  },
  // not reported
  'handled by an errback'() {
    fail(new Error('handled by an errback')).addErrback(() => null);
  },
  'handed to an outer Deferred'() {
    const d = new Deferred<null>();
    d.addCallback(() => fail(new Error('handed to an outer Deferred')));
    d.callback(null);
    d.addErrback(() => null);
  },
  'cleared by chaining'() {
    const good = new Deferred();
    fail(new Error('cleared by chaining')).addErrback(() => good);
  },
  'awaited'() {
    fail(new Error('awaited')).then(undefined, () => {});
  },
  'consumed by a DeferredList'() {
    new DeferredList([fail(new Error('consumed by a DeferredList')), succeed(1)], { consumeErrors: true });
  },
  'handed on by chainDeferred'() {
    const target = new Deferred();
    target.addErrback(() => null);
    const source = new Deferred();
    source.chainDeferred(target);
    source.errback(new Error('handed on by chainDeferred'));
  },
};

for (const scenario of Object.values(scenarios)) scenario();

// FinalizationRegistry callbacks run as tasks after a collection; give them a few turns.
for (let round = 0; round < 5; round += 1) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
for (const report of reports) console.log(JSON.stringify(report));
