import type { EquivalenceCase } from './cases.js';

/**
 * Twisted-style chains on the reference Deferred. The first case is the lesson's own example
 * (Twisted intro, Part 7: defer-8.py), in JavaScript; its suggestion must produce defer-9.py's
 * refactor. `reactor.callWhenRunning(fire, d)` stands for the lesson's
 * `reactor.callWhenRunning(d.callback, 'Another short poem.')`, so that the same program can be
 * fired with a value and with an error.
 */
export const TWISTED_CASES: readonly EquivalenceCase[] = [
  {
    name: "the lesson: defer-8's gotPoem and poemFailed both stop the reactor → defer-9's addBoth link",
    runtime: 'twisted',
    messageId: 'sharedEnd',
    code: `function gotPoem(poem) {
  console.log(poem);
  reactor.stop();
}

function poemFailed(err) {
  console.error('poem download failed');
  console.error('I am terribly sorry');
  console.error('try again later?');
  reactor.stop();
}

const d = new Deferred();
d.addCallbacks(gotPoem, poemFailed);
reactor.callWhenRunning(fire, d);
reactor.run();
`,
    expectedOutput: `function gotPoem(poem) {
  console.log(poem);
}

function poemFailed(err) {
  console.error('poem download failed');
  console.error('I am terribly sorry');
  console.error('try again later?');
}

const d = new Deferred();
d.addCallbacks(gotPoem, poemFailed).addBoth((result) => {
  reactor.stop();
  return result;
});
reactor.callWhenRunning(fire, d);
reactor.run();
`,
    alsoEqual: [
      { outcome: 'value', throwing: ['reactor.stop'] },
      { outcome: 'error', throwing: ['reactor.stop'] },
    ],
    differs: [
      {
        scenario: { outcome: 'value', throwing: ['console.log'] },
        why: 'gotPoem fails before stopping the reactor: today the reactor keeps running, after the move it stops (the failure still reaches the chain)',
        original: [
          'reactor.run()',
          'console.log("Another short poem.")',
          'result: Failure(Error(console.log failed))',
        ],
        fixed: [
          'reactor.run()',
          'console.log("Another short poem.")',
          'reactor.stop()',
          'result: Failure(Error(console.log failed))',
        ],
      },
    ],
  },
  {
    name: 'inline addCallbacks, chain continuing after the pair: the addBoth link hands the result on',
    runtime: 'twisted',
    messageId: 'sharedEnd',
    code: `settle(source.addCallbacks(function (poem) {
  show(poem);
  reactor.stop();
}, function (err) {
  report(err);
  reactor.stop();
}).addCallback((value) => notify(value)));
`,
    expectedOutput: `settle(source.addCallbacks(function (poem) {
  show(poem);
}, function (err) {
  report(err);
}).addBoth((result) => {
  reactor.stop();
  return result;
}).addCallback((value) => notify(value)));
`,
    alsoEqual: [
      { outcome: 'value', throwing: ['reactor.stop'] },
      { outcome: 'error', throwing: ['reactor.stop'] },
      { outcome: 'value', throwing: ['notify'] },
    ],
    differs: [
      {
        scenario: { outcome: 'error', throwing: ['report'] },
        why: 'the errback fails before its cleanup: today the cleanup is skipped, after the move it runs',
        original: ['report(Failure(Error(poem download failed)))', 'result: Failure(Error(report failed))'],
        fixed: ['report(Failure(Error(poem download failed)))', 'reactor.stop()', 'result: Failure(Error(report failed))'],
      },
    ],
  },
  {
    name: 'addCallback(ok).addErrback(fail) → addBoth',
    runtime: 'twisted',
    messageId: 'sharedEndRunsTwice',
    code: `settle(source.addCallback((poem) => {
  show(poem);
  reactor.stop();
}).addErrback((err) => {
  report(err);
  reactor.stop();
}));
`,
    expectedOutput: `settle(source.addCallback((poem) => {
  show(poem);
}).addErrback((err) => {
  report(err);
}).addBoth((result) => {
  reactor.stop();
  return result;
}));
`,
    alsoEqual: [
      // The errback sees the callback's failure today and stops the reactor once: so does the fix.
      { outcome: 'value', throwing: ['show'] },
      { outcome: 'error', throwing: ['reactor.stop'] },
    ],
    differs: [
      {
        scenario: { outcome: 'value', throwing: ['reactor.stop'] },
        why: 'reactor.stop() fails in the callback: today the errback then runs it a second time (the message says so); after the move it runs once',
        original: [
          'show("Another short poem.")',
          'reactor.stop()',
          'report(Failure(Error(reactor.stop failed)))',
          'reactor.stop()',
          'result: Failure(Error(reactor.stop failed))',
        ],
        fixed: ['show("Another short poem.")', 'reactor.stop()', 'result: Failure(Error(reactor.stop failed))'],
      },
    ],
  },
  {
    name: 'identical handlers that print their argument → one addBoth (the lesson comment’s addBoth(out))',
    runtime: 'twisted',
    messageId: 'identicalHandlers',
    code: `settle(source.addCallbacks(function (result) {
  show(result);
}, function (result) {
  show(result);
}));
`,
    expectedOutput: `settle(source.addBoth(function (result) {
  show(result);
}));
`,
    alsoEqual: [
      { outcome: 'value', throwing: ['show'] },
      { outcome: 'error', throwing: ['show'] },
    ],
  },
  {
    name: 'identical addCallback/addErrback expression handlers → one addBoth',
    runtime: 'twisted',
    messageId: 'identicalHandlersRunsTwice',
    code: `settle(source.addCallback(() => reactor.stop()).addErrback(() => reactor.stop()));
`,
    expectedOutput: `settle(source.addBoth(() => reactor.stop()));
`,
    alsoEqual: [{ outcome: 'error', throwing: ['reactor.stop'] }],
    differs: [
      {
        scenario: { outcome: 'value', throwing: ['reactor.stop'] },
        why: 'the callback fails: today the errback runs reactor.stop() a second time (the message says so)',
        original: ['reactor.stop()', 'reactor.stop()', 'result: Failure(Error(reactor.stop failed))'],
        fixed: ['reactor.stop()', 'result: Failure(Error(reactor.stop failed))'],
      },
    ],
  },
  {
    name: 'the addBoth parameter does not shadow a name the moved code reads',
    runtime: 'twisted',
    messageId: 'sharedEnd',
    code: `const result = 'the outer result';
settle(source.addCallbacks((poem) => {
  show(poem);
  finish(result);
}, (err) => {
  report(err);
  finish(result);
}));
`,
    expectedOutput: `const result = 'the outer result';
settle(source.addCallbacks((poem) => {
  show(poem);
}, (err) => {
  report(err);
}).addBoth((result2) => {
  finish(result);
  return result2;
}));
`,
  },
  {
    name: 'one-sided release (oneSided) → addBoth',
    runtime: 'twisted',
    messageId: 'oneSided',
    options: { oneSided: true },
    code: `settle(source.addCallbacks(function (rows) {
  render(rows);
  conn.release();
}, function (err) {
  report(err);
}));
`,
    expectedOutput: `settle(source.addCallbacks(function (rows) {
  render(rows);
}, function (err) {
  report(err);
}).addBoth((result) => {
  conn.release();
  return result;
}));
`,
    errorPathChanges: {
      original: ['report(Failure(Error(poem download failed)))', 'result: undefined'],
      fixed: ['report(Failure(Error(poem download failed)))', 'conn.release()', 'result: undefined'],
    },
  },
];
