import rule from '../../src/rules/no-dropped-result.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-dropped-result', rule, {
  valid: [
    // The lesson's defer-9 shape: a link that only passes its argument on reads nothing itself.
    [
      'd.addCallbacks(',
      '  (poem) => { console.log(poem); },',
      '  (err) => { console.error(err); },',
      ').addBoth((result) => { reactor.stop(); return result; });',
    ].join('\n'),
    'p.then((v) => { log(v); }).then((r) => r);',
    // The handler returns what the next link reads.
    'd.addCallback(function (poem) { console.log(poem); return poem; }).addBoth(function (result) { show(result); });',
    'p.then((r) => r.json()).then((data) => render(data));',
    'p.then(async (r) => { const body = await r.text(); return body; }).then((body) => show(body));',
    // The next link ignores its argument.
    'd.addCallback(gotPoem).addBoth(function (_) { reactor.stop(); });',
    'd.addCallback(gotPoem).addBoth(function () { reactor.stop(); });',
    'p.then(log).then((_result) => done());',
    'function gotPoem(poem) { console.log(poem); }\nd.addCallback(gotPoem).addBoth(function poemDone(_) { reactor.stop(); });',
    // The next link only checks for presence, which copes with `undefined`.
    'p.then(save).then((saved) => { if (saved) report(saved); });',
    'p.then(function (x) { log(x); }).then((y) => y?.z);',
    // A default value takes the place of `undefined`.
    'p.then(function (x) { log(x); }).then((y = {}) => y.z);',
    // Unknown return values: a call of an unknown function may return anything.
    'p.then((x) => doSomething(x)).then((y) => y.z);',
    'p.then(handler).then((y) => y.z);',
    'p.then(imported.handler).then((y) => y.z);',
    // finally / always / jQuery done pass the value through or do not transform it.
    'p.then((r) => r.json()).finally(() => { spinner.stop(); }).then((data) => render(data));',
    '$.ajax(u).done(function (data) { show(data); }).done(function (data) { cache(data); });',
    '$.ajax(u).always(function () { hide(); }).done(function (data) { show(data); });',
    // An error link between them passes the success value on untouched.
    'p.then((r) => r.json()).catch((e) => { log(e); return fallback; }).then((data) => render(data));',
    // The errback rethrows, so the chain stays on the error side.
    'd.addErrback(function (f) { log(f); throw f; }).addCallback((r) => r.length);',
    'p.catch((e) => { log(e); return []; }).then((rows) => rows.length);',
    // Generators return an iterator.
    'p.then(function* (x) { yield x; }).then((it) => it.next());',
    // A promise held in a variable branches: both links see the original value.
    'function f() { const p = fetchThing(); p.then((x) => { log(x); }); p.then((y) => y.z); }',
    // jQuery deferreds held in a variable do not mutate their value with done.
    'function f() { const d = $.Deferred(); d.done((x) => { log(x); }); d.done((y) => y.z); }',
    // errbacks: false leaves recovering errbacks alone.
    { code: 'p.catch((e) => { console.error(e); }).then((rows) => rows.length);', options: [{ errbacks: false }] },
    // The last link has no successor.
    'd.addCallback(function (poem) { console.log(poem); });',
  ],
  invalid: [
    // A pass-through link is transparent: the link after it still receives `undefined`.
    {
      code: [
        'p.then((v) => {',
        '  log(v);',
        '}).then((r) => { stop(); return r; }).then((r) => use(r.x));',
      ].join('\n'),
      errors: [
        {
          messageId: 'resultDropped',
          data: { producer: 'This handler', when: '', reader: 'the handler of the first link that reads it', line: 3, param: 'r' },
          line: 1,
          column: 8,
          endLine: 1,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'returnValue',
              data: { value: 'v' },
              output: [
                'p.then((v) => {',
                '  log(v);',
                '  return v;',
                '}).then((r) => { stop(); return r; }).then((r) => use(r.x));',
              ].join('\n'),
            },
          ],
        },
      ],
      output: null,
    },
    // Exercise 1 of the lesson: got_poem prints, poem_done reads its argument.
    {
      code: [
        'function gotPoem(poem) {',
        '  console.log(poem);',
        '}',
        'function poemDone(result) {',
        '  console.log(result);',
        '  reactor.stop();',
        '}',
        'const d = new Deferred();',
        'd.addCallback(gotPoem).addBoth(poemDone);',
      ].join('\n'),
      errors: [
        {
          messageId: 'resultDropped',
          data: { producer: '`gotPoem`', when: '', reader: '`poemDone` in the next link', line: 9, param: 'result' },
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'returnValue',
              data: { value: 'poem' },
              output: [
                'function gotPoem(poem) {',
                '  console.log(poem);',
                '  return poem;',
                '}',
                'function poemDone(result) {',
                '  console.log(result);',
                '  reactor.stop();',
                '}',
                'const d = new Deferred();',
                'd.addCallback(gotPoem).addBoth(poemDone);',
              ].join('\n'),
            },
          ],
        },
      ],
      output: null,
    },
    // The same, with the links in two statements on the deferred (Twisted links mutate `d`).
    {
      code: [
        'const d = new Deferred();',
        'd.addCallbacks(gotPoem, poemFailed);',
        'd.addBoth(poemDone);',
        'function gotPoem(poem) { console.log(poem); }',
        'function poemFailed(err) { console.error("poem download failed"); }',
        'function poemDone(result) { console.log(result); }',
      ].join('\n'),
      errors: [
        {
          messageId: 'resultDropped',
          data: { producer: '`gotPoem`', when: '', reader: '`poemDone` in the next link', line: 3, param: 'result' },
          line: 2,
          column: 16,
          suggestions: [
            {
              messageId: 'returnValue',
              data: { value: 'poem' },
              output: [
                'const d = new Deferred();',
                'd.addCallbacks(gotPoem, poemFailed);',
                'd.addBoth(poemDone);',
                'function gotPoem(poem) { console.log(poem); return poem; }',
                'function poemFailed(err) { console.error("poem download failed"); }',
                'function poemDone(result) { console.log(result); }',
              ].join('\n'),
            },
          ],
        },
        {
          messageId: 'errbackRecovers',
          data: { producer: '`poemFailed`', when: '', reader: '`poemDone` in the next link', line: 3, param: 'result' },
          line: 2,
          column: 25,
          suggestions: [],
        },
      ],
      output: null,
    },
    // Promise: `a` returns nothing on one path.
    {
      code: 'function a(x) { if (x.ok) return x.body; }\np.then(a).then((b) => b.x);',
      errors: [
        {
          messageId: 'resultDropped',
          data: { producer: '`a`', when: ' on some paths', reader: "the next link's handler", line: 2, param: 'b' },
          line: 2,
          column: 8,
          endColumn: 9,
          suggestions: [
            {
              messageId: 'returnValue',
              data: { value: 'x' },
              output: 'function a(x) { if (x.ok) return x.body; return x; }\np.then(a).then((b) => b.x);',
            },
          ],
        },
      ],
      output: null,
    },
    // An inline handler, expression-bodied: console.log returns undefined.
    {
      code: 'p.then((x) => console.log(x)).then((y) => y.z);',
      errors: [
        {
          messageId: 'resultDropped',
          data: { producer: 'This handler', when: '', reader: "the next link's handler", line: 1, param: 'y' },
          line: 1,
          column: 8,
          endColumn: 15,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      code: 'p.then((x) => void save(x)).then(({ id }) => show(id));',
      errors: [
        {
          messageId: 'resultDropped',
          data: { producer: 'This handler', when: '', reader: "the next link's handler", line: 1, param: '{ id }' },
          column: 8,
        },
      ],
      output: null,
    },
    // An expression-bodied handler calling a function of this file that returns nothing.
    {
      code: 'function print(x) { console.log(x); }\np.then((x) => print(x)).then((y) => y.z);',
      errors: [{ messageId: 'resultDropped', data: { producer: 'This handler', when: '', reader: "the next link's handler", line: 2, param: 'y' } }],
      output: null,
    },
    // `return;` is returning nothing too; no suggestion then.
    {
      code: 'p.then(function (x) { if (!x) return; return x.body; }).then((body) => body.length);',
      errors: [
        {
          messageId: 'resultDropped',
          data: { producer: 'This handler', when: ' on some paths', reader: "the next link's handler", line: 1, param: 'body' },
          column: 8,
          endColumn: 21,
          suggestions: [],
        },
      ],
      output: null,
    },
    // An errback that logs and returns nothing "recovers" with undefined.
    {
      code: 'd.addErrback(function (failure) { log(failure); }).addCallback((r) => r.length);',
      errors: [
        {
          messageId: 'errbackRecovers',
          data: { producer: 'This handler', when: '', reader: "the next link's handler", line: 1, param: 'r' },
          line: 1,
          column: 14,
          endColumn: 33,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      code: 'p.catch((e) => { console.error(e); }).then((rows) => rows.length);',
      errors: [{ messageId: 'errbackRecovers', data: { producer: 'This handler', when: '', reader: "the next link's handler", line: 1, param: 'rows' }, column: 9 }],
      output: null,
    },
    {
      code: '$.ajax(u).then(null, function (xhr) { show(xhr.status); }).done(function (data) { render(data.items); });',
      errors: [{ messageId: 'errbackRecovers', data: { producer: 'This handler', when: '', reader: "the next link's handler", line: 1, param: 'data' }, column: 22 }],
      output: null,
    },
    // addBoth replaces the result too (the lesson's subtlety), skipping error-only links on the way.
    {
      code: 'function cleanup(result) { reactor.stop(); }\nd.addBoth(cleanup).addErrback(log).addCallback((r) => r.length);',
      errors: [
        {
          messageId: 'resultDropped',
          data: { producer: '`cleanup`', when: '', reader: "the next link's handler", line: 2, param: 'r' },
          line: 2,
          column: 11,
          suggestions: [
            {
              messageId: 'returnValue',
              data: { value: 'result' },
              output: 'function cleanup(result) { reactor.stop(); return result; }\nd.addBoth(cleanup).addErrback(log).addCallback((r) => r.length);',
            },
          ],
        },
      ],
      output: null,
    },
    // A chain stored in a variable and continued from it.
    {
      code: 'function f() {\n  const p = fetchThing().then((x) => { log(x); });\n  return p.then((y) => y.z);\n}',
      errors: [
        {
          messageId: 'resultDropped',
          data: { producer: 'This handler', when: '', reader: "the next link's handler", line: 3, param: 'y' },
          line: 2,
          column: 31,
          suggestions: [
            {
              messageId: 'returnValue',
              data: { value: 'x' },
              output: 'function f() {\n  const p = fetchThing().then((x) => { log(x); return x; });\n  return p.then((y) => y.z);\n}',
            },
          ],
        },
      ],
      output: null,
    },
    // Async handler that falls through resolves to undefined.
    {
      code: 'p.then(async (x) => { await save(x); }).then((saved) => saved.id);',
      errors: [{ messageId: 'resultDropped', data: { producer: 'This handler', when: '', reader: "the next link's handler", line: 1, param: 'saved' } }],
      output: null,
    },
  ],
});
