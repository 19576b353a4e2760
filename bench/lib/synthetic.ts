/**
 * Synthetic stress files for bench:perf: one function holding `statements` statements of the
 * kinds our analysis follows (callback calls on branches, error-first callbacks, deferred and
 * promise links, executors, try/catch, loops, switch), ending in a pyramid of `depth` nested
 * error-first callbacks. Growing both shows whether cost per KLOC stays flat.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATES: readonly ((i: number) => string)[] = [
  (i) => `if (state === ${i}) { cb(null, state); return; }`,
  (i) => `fs.readFile(name + ${i}, function (err, data) { if (err) { return cb(err); } state += data.length; });`,
  (i) => `try { state += compute(${i}); } catch (e) { done(e); return; }`,
  (i) => `d.addCallback(function (v) { return v + ${i}; });`,
  (i) => `p = p.then(function (v) { return v + ${i}; }, function (e) { log(e); throw e; });`,
  (i) => `for (var k${i} = 0; k${i} < 3; k${i}++) { state += k${i}; }`,
  (i) => `switch (state % 3) { case 0: state += ${i}; break; case 1: done(null, state); return; default: state--; }`,
  (i) => `state = state > ${i} ? state - 1 : state + 1;`,
  (i) => `pending.push(new Promise(function (resolve, reject) { if (state > ${i}) { resolve(state); } else { reject(new Error('low')); } }));`,
  (i) => `$.ajax(url + ${i}).done(function (r) { state += r.length; }).fail(function (x) { log(x); }).always(tick);`,
  (i) => `var d${i} = new Deferred(); d${i}.addCallbacks(ok, fail); d${i}.addBoth(tick);`,
  (i) => `while (state > ${i * 10}) { state = Math.floor(state / 2); if (!state) { break; } }`,
];

/** The source text; deterministic for given sizes. */
export function syntheticSource(statements: number, depth: number): string {
  const out: string[] = [
    "'use strict';",
    'var fs = require("fs");',
    'module.exports = function big(name, url, cb, done) {',
    '  var state = 0;',
    '  var p = Promise.resolve(0);',
    '  var d = new Deferred();',
    '  var pending = [];',
  ];
  for (let i = 0; i < statements; i++) out.push(`  ${TEMPLATES[i % TEMPLATES.length]!(i)}`);
  // Indentation stops growing after a few levels: deep text must not grow with depth squared.
  const indent = (level: number): string => '  '.repeat(Math.min(level, 8));
  for (let level = 1; level <= depth; level++) {
    const pad = indent(level);
    out.push(`${pad}step(${level}, function (err${level}, r${level}) {`);
    out.push(`${pad}  if (err${level}) { return cb(err${level}); }`);
    out.push(`${pad}  state += r${level};`);
  }
  out.push(`${indent(depth + 1)}cb(null, state);`);
  for (let level = depth; level >= 1; level--) out.push(`${indent(level)}});`);
  out.push('};', '');
  return out.join('\n');
}

export interface SyntheticFile {
  statements: number;
  depth: number;
  path: string;
}

/** Writes the series of stress files into `dir` and returns them, smallest first. */
export function writeSyntheticFiles(dir: string, sizes: readonly [statements: number, depth: number][]): SyntheticFile[] {
  mkdirSync(dir, { recursive: true });
  return sizes.map(([statements, depth]) => {
    const path = join(dir, `synthetic-${statements}-statements-depth-${depth}.js`);
    writeFileSync(path, syntheticSource(statements, depth));
    return { statements, depth, path };
  });
}
