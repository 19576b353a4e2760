import type { EquivalenceCase } from './cases.js';

/** Native promise chains, and the synchronous pairs (`try`/`catch`, error-first callbacks). */
export const PROMISE_CASES: readonly EquivalenceCase[] = [
  {
    name: 'then(ok, fail) with inline handlers → finally',
    runtime: 'promise',
    messageId: 'sharedEnd',
    code: `settle(source.then(function (poem) {
  show(poem);
  stop();
}, function (err) {
  report(err);
  stop();
}));
`,
    expectedOutput: `settle(source.then(function (poem) {
  show(poem);
}, function (err) {
  report(err);
}).finally(() => {
  stop();
}));
`,
    alsoEqual: [
      { outcome: 'value', throwing: ['stop'] },
      { outcome: 'error', throwing: ['stop'] },
    ],
    differs: [
      {
        scenario: { outcome: 'value', throwing: ['show'] },
        why: 'the success handler fails before its cleanup: today the cleanup is skipped, after the move it runs (the failure still reaches the chain)',
        original: ['show("Another short poem.")', 'settled: rejected Error(show failed)'],
        fixed: ['show("Another short poem.")', 'stop()', 'settled: rejected Error(show failed)'],
      },
      {
        scenario: { outcome: 'error', throwing: ['report'] },
        why: 'the error handler fails before its cleanup: today the cleanup is skipped, after the move it runs',
        original: ['report(Error(poem download failed))', 'settled: rejected Error(report failed)'],
        fixed: ['report(Error(poem download failed))', 'stop()', 'settled: rejected Error(report failed)'],
      },
    ],
  },
  {
    name: 'then(ok).catch(fail) → finally',
    runtime: 'promise',
    messageId: 'sharedEndRunsTwice',
    code: `settle(source.then((poem) => {
  show(poem);
  spinner.hide();
}).catch((err) => {
  report(err);
  spinner.hide();
}));
`,
    expectedOutput: `settle(source.then((poem) => {
  show(poem);
}).catch((err) => {
  report(err);
}).finally(() => {
  spinner.hide();
}));
`,
    alsoEqual: [
      // `catch` sees the success handler's failure today, and runs the cleanup once: so does the fix.
      { outcome: 'value', throwing: ['show'] },
      { outcome: 'error', throwing: ['spinner.hide'] },
    ],
    differs: [
      {
        scenario: { outcome: 'value', throwing: ['spinner.hide'] },
        why: 'the cleanup itself fails in the success handler: today `catch` then runs it a second time (the message says so); after the move it runs once',
        original: [
          'show("Another short poem.")',
          'spinner.hide()',
          'report(Error(spinner.hide failed))',
          'spinner.hide()',
          'settled: rejected Error(spinner.hide failed)',
        ],
        fixed: ['show("Another short poem.")', 'spinner.hide()', 'settled: rejected Error(spinner.hide failed)'],
      },
    ],
  },
  {
    name: 'then(gotPoem, poemFailed) with handlers declared in the file',
    runtime: 'promise',
    messageId: 'sharedEnd',
    code: `function gotPoem(poem) {
  console.log(poem);
  stop();
}

function poemFailed(err) {
  console.error('poem download failed');
  console.error('I am terribly sorry');
  stop();
}

settle(source.then(gotPoem, poemFailed));
`,
    expectedOutput: `function gotPoem(poem) {
  console.log(poem);
}

function poemFailed(err) {
  console.error('poem download failed');
  console.error('I am terribly sorry');
}

settle(source.then(gotPoem, poemFailed).finally(() => {
  stop();
}));
`,
    alsoEqual: [{ outcome: 'error', throwing: ['stop'] }],
  },
  {
    name: 'identical handlers → emptied handlers and finally',
    runtime: 'promise',
    messageId: 'identicalHandlers',
    code: `settle(source.then(function () {
  log('request finished');
  spinner.hide();
}, function () {
  log('request finished');
  spinner.hide();
}));
`,
    expectedOutput: `settle(source.then(function () {}, function () {}).finally(() => {
  log('request finished');
  spinner.hide();
}));
`,
    alsoEqual: [
      { outcome: 'value', throwing: ['spinner.hide'] },
      { outcome: 'error', throwing: ['log'] },
    ],
  },
  {
    name: 'async handlers awaiting their cleanup → async finally',
    runtime: 'promise',
    messageId: 'sharedEnd',
    code: `settle(source.then(async (poem) => {
  show(poem);
  await db.close();
}, async (err) => {
  report(err);
  await db.close();
}));
`,
    expectedOutput: `settle(source.then(async (poem) => {
  show(poem);
}, async (err) => {
  report(err);
}).finally(async () => {
  await db.close();
}));
`,
    alsoEqual: [
      { outcome: 'value', throwing: ['db.close'] },
      { outcome: 'error', throwing: ['db.close'] },
    ],
  },
  {
    name: 'several shared statements with a comment, chain continuing after the pair',
    runtime: 'promise',
    messageId: 'sharedEnd',
    code: `settle(source.then((poem) => {
  show(poem);
  // the request is over either way
  ui.busy = false;
  spinner.hide();
}, (err) => {
  report(err);
  // the request is over either way
  ui.busy = false;
  spinner.hide();
}).then((value) => notify(value)));
`,
    expectedOutput: `settle(source.then((poem) => {
  show(poem);
}, (err) => {
  report(err);
}).finally(() => {
  // the request is over either way
  ui.busy = false;
  spinner.hide();
}).then((value) => notify(value)));
`,
    alsoEqual: [{ outcome: 'value', throwing: ['spinner.hide'] }],
  },
  {
    name: 'one-sided timer cleanup (oneSided) → finally',
    runtime: 'promise',
    messageId: 'oneSided',
    options: { oneSided: true },
    code: `const timer = setTimeout(() => stop(), 1000);
settle(source.then((poem) => {
  show(poem);
  clearTimeout(timer);
}, (err) => report(err)));
`,
    expectedOutput: `const timer = setTimeout(() => stop(), 1000);
settle(source.then((poem) => {
  show(poem);
}, (err) => report(err)).finally(() => {
  clearTimeout(timer);
}));
`,
    errorPathChanges: {
      original: ['report(Error(poem download failed))', 'settled: fulfilled undefined'],
      fixed: ['report(Error(poem download failed))', 'clearTimeout(1)', 'settled: fulfilled undefined'],
    },
  },
  {
    name: 'one-sided flag reset (oneSided) → finally',
    runtime: 'promise',
    messageId: 'oneSided',
    options: { oneSided: true },
    code: `ui.loading = true;
settle(source.then((poem) => {
  render(poem);
  ui.loading = false;
}, (err) => {
  report(err);
}));
`,
    expectedOutput: `ui.loading = true;
settle(source.then((poem) => {
  render(poem);
}, (err) => {
  report(err);
}).finally(() => {
  ui.loading = false;
}));
`,
    errorPathChanges: {
      original: ['ui.loading = true', 'report(Error(poem download failed))', 'settled: fulfilled undefined'],
      fixed: ['ui.loading = true', 'report(Error(poem download failed))', 'ui.loading = false', 'settled: fulfilled undefined'],
    },
  },
];

/** `try`/`catch` and error-first callbacks, run synchronously. */
export const PLAIN_CASES: readonly EquivalenceCase[] = [
  {
    name: 'try/catch → finally',
    runtime: 'plain',
    messageId: 'tryCatch',
    code: `try {
  work();
  lock.release();
} catch (err) {
  report(err);
  lock.release();
}
`,
    expectedOutput: `try {
  work();
} catch (err) {
  report(err);
} finally {
  lock.release();
}
`,
    differs: [
      {
        scenario: { outcome: 'value', throwing: ['lock.release'] },
        why: 'the cleanup itself fails in the try block: today the catch block runs it a second time (the message says so)',
        original: ['work()', 'lock.release()', 'report(Error(lock.release failed))', 'lock.release()', 'program threw Error(lock.release failed)'],
        fixed: ['work()', 'lock.release()', 'program threw Error(lock.release failed)'],
      },
      {
        scenario: { outcome: 'value', throwing: ['work', 'report'] },
        why: 'the catch block fails before its cleanup: today the cleanup is skipped, a finally block runs it',
        original: ['work()', 'report(Error(work failed))', 'program threw Error(report failed)'],
        fixed: ['work()', 'report(Error(work failed))', 'lock.release()', 'program threw Error(report failed)'],
      },
    ],
  },
  {
    name: 'try/catch with an existing finally block',
    runtime: 'plain',
    messageId: 'tryCatch',
    code: `try {
  work();
  log('done');
} catch (err) {
  report(err);
  log('done');
} finally {
  cleanup();
}
`,
    expectedOutput: `try {
  work();
} catch (err) {
  report(err);
} finally {
  log('done');
  cleanup();
}
`,
  },
  {
    name: 'error-first callback: shared code first on both paths → hoisted above if (err)',
    runtime: 'plain',
    messageId: 'errorFirstStart',
    code: `function load(done) {
  readFile('poem.txt', function (err, poem) {
    if (err) {
      spinner.hide();
      return done(err);
    }
    spinner.hide();
    done(null, poem);
  });
}
load(finish);
`,
    expectedOutput: `function load(done) {
  readFile('poem.txt', function (err, poem) {
    spinner.hide();
    if (err) {
      return done(err);
    }
    done(null, poem);
  });
}
load(finish);
`,
    alsoEqual: [
      { outcome: 'value', throwing: ['spinner.hide'] },
      { outcome: 'error', throwing: ['spinner.hide'] },
      { outcome: 'error', throwing: ['finish'] },
    ],
  },
  {
    name: 'error-first callback: one-sided flag reset (oneSided) → hoisted above if (err)',
    runtime: 'plain',
    messageId: 'oneSided',
    options: { oneSided: true },
    code: `ui.busy = true;
readFile('poem.txt', (err, poem) => {
  if (err) return finish(err);
  ui.busy = false;
  finish(null, poem);
});
`,
    expectedOutput: `ui.busy = true;
readFile('poem.txt', (err, poem) => {
  ui.busy = false;
  if (err) return finish(err);
  finish(null, poem);
});
`,
    errorPathChanges: {
      original: ['ui.busy = true', 'readFile("poem.txt")', 'finish(Error(poem download failed))'],
      fixed: ['ui.busy = true', 'readFile("poem.txt")', 'ui.busy = false', 'finish(Error(poem download failed))'],
    },
  },
];
