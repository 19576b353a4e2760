/**
 * The caller's side of callback APIs: error-first callbacks handed to node-style calls
 * (`fs.readFile(f, (err, data) => …)`) and calls to success/error pair APIs declared in this file
 * (`getPoetry(host, port, gotPoem, poemFailed)`), or typed so when type information is available.
 * The callee's side — completions a function must fire — is the path engine's business.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { dottedName, isFunctionNode, memberName } from '../utils/ast.js';
import { perTable, type StyleTable } from './styles.js';
import {
  type FunctionNode,
  type SourceCode,
  isNeverReassigned,
  isPresenceCheck,
  parameterVariable,
  resolveFunction,
  resolveVariable,
  unwrap,
  type Variable,
} from './scope.js';
import { fileStore, perFileMap } from './file-state.js';
import { FIRST_MAY_NAME_ERROR, NAMED_FUNCTION, mayNameAnError } from './collector.js';
import { type NameShapes, forEachFunction, getNodeIndex, mayHaveShape, nameShapes, recordedPaths } from './node-index.js';
import { getTypeInfo, type TypeInfo } from './types.js';
import { phaseClock, timed } from './phase-clock.js';

/** What is wrong with how an error-first callback treats its error. */
export type ErrorFirstProblem =
  /** The error parameter is never read. */
  | { readonly kind: 'ignored' }
  /** The error is only ever logged, and the value is used regardless (`valueRead`). */
  | { readonly kind: 'only-logged'; readonly valueRead: TSESTree.Identifier }
  /** `if (err) log(err)` falls through to a use of the value. */
  | { readonly kind: 'used-after-check'; readonly check: TSESTree.IfStatement; readonly valueRead: TSESTree.Identifier };

export interface ErrorFirstCallback {
  readonly fn: FunctionNode;
  /** The call the callback is passed to (as its last argument). */
  readonly call: TSESTree.CallExpression;
  /** The argument as written: the function itself or a name bound to it. */
  readonly argument: TSESTree.Node;
  readonly errorParam: TSESTree.Identifier;
  /** The parameters after the error, when plain names. */
  readonly valueParams: readonly TSESTree.Identifier[];
  /** Reads of the error parameter (nested functions included). */
  readonly errorReads: readonly TSESTree.Identifier[];
  readonly problem: ErrorFirstProblem | undefined;
}

export interface PairApi {
  readonly fn: FunctionNode;
  /** The name calls use. */
  readonly name: string;
  readonly successIndex: number;
  readonly errorIndex: number;
  readonly successName: string;
  readonly errorName: string;
}

/** A call of a pair API that leaves out the error callback. */
export interface MissingErrbackCall {
  readonly call: TSESTree.CallExpression;
  /** The API as the call names it. */
  readonly name: string;
  readonly errorName: string;
  /** Where the error callback goes in the argument list. */
  readonly errorIndex: number;
  /** The API when declared in this file; undefined when known from its type only. */
  readonly api: PairApi | undefined;
}

/**
 * A call of a pair API that passes both callbacks: `getPoetry(h, p, gotPoem, poemFailed)`. The API
 * is declared in this file, or known from the type of the function called.
 */
export interface PairCall {
  readonly call: TSESTree.CallExpression;
  /** The API when declared in this file; undefined when known from its type only. */
  readonly api: PairApi | undefined;
  /** The API as the call names it. */
  readonly name: string;
  /** The success and error arguments, as written. */
  readonly success: TSESTree.Expression;
  readonly error: TSESTree.Expression;
}

export interface CallbackModel {
  /** Error-first callbacks passed to calls, one entry per function, in source order. */
  readonly errorFirst: readonly ErrorFirstCallback[];
  /** Functions of this file taking a success/error pair whose error side they use. */
  readonly pairApis: readonly PairApi[];
  readonly missingErrbacks: readonly MissingErrbackCall[];
  /** Calls of those functions (or, with type information, of any pair API) that pass both sides, in source order. */
  readonly pairCalls: readonly PairCall[];
}

const MODELS = Symbol('callback-models');

export function getCallbackModel(sourceCode: SourceCode, table: StyleTable): CallbackModel {
  const byTable = perFileMap<StyleTable, CallbackModel>(sourceCode, MODELS);
  let model = byTable.get(table);
  if (!model) byTable.set(table, (model = phaseClock.on ? timed('callback model', undefined, buildCallbackModel, sourceCode, table) : buildCallbackModel(sourceCode, table)));
  return model;
}

/**
 * Is `name` the name of an error parameter? `err`, `error`, `er`, `e`, `ex`, `exc`, `exception`,
 * with leading underscores, with a suffix (`err2`, `error_`), or a camel-case compound
 * (`readErr`, `writeError`). `e` and `ex` are also common names for events, and minified code
 * names every parameter with one letter, so they count only when a descriptively named value
 * follows them (`(e, data)`; not `(e)`, `(e, i)`, `(e, t)`).
 */
export function isErrorParameterName(name: string, nextName?: string): boolean {
  // Every such name starts with `e` once its underscores are gone, or ends in `Err`/`Error`: most
  // parameters are ruled out without a regular expression.
  let start = 0;
  while (name.charCodeAt(start) === 95 /* _ */) start++;
  if (name.charCodeAt(start) !== 101 /* e */ && !name.endsWith('Err') && !name.endsWith('Error')) return false;
  const base = start === 0 ? name : name.slice(start);
  if (base === 'e' || base === 'ex') return nextName !== undefined && nextName.length >= 2;
  // The most common names, which the first pattern below accepts, without running it.
  if (base === 'err' || base === 'error') return true;
  // The first pattern below needs a name starting with `er` or `ex`, the second one ending in
  // `Err`/`Error` (as `base` does exactly when `name` does): `event`, `el`, `entry` are ruled out
  // without running either.
  const second = base.charCodeAt(1);
  if (second !== 114 /* r */ && second !== 120 /* x */ && !name.endsWith('Err') && !name.endsWith('Error')) return false;
  return (
    /^(?:err|error|er|exc|exception)(?:[A-Z0-9_]\w*)?$/u.test(base) || /^[a-z][A-Za-z0-9]*(?:Err|Error)$/u.test(base)
  );
}

/** A leading underscore marks a parameter as unused on purpose (`_err`), as for no-unused-vars. */
export function isOptedOut(name: string): boolean {
  return name.startsWith('_');
}

/**
 * Methods that take an element callback first (`items.map((e, i) => …)`, `$.each(…)` takes it
 * second): when the function is their first or second argument it is not an error-first callback.
 * `async.map(items, iteratee, (err, results) => …)` passes its final callback third.
 */
const ITERATION_METHODS = new Set([
  'forEach',
  'map',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'reduce',
  'reduceRight',
  'flatMap',
  'sort',
  'toSorted',
  'each',
  'replace',
  'replaceAll',
]);

/**
 * Methods whose function argument is not an error-first callback even when its first parameter
 * looks like an error: event and observer registration (the handler receives the event, or the
 * error is what is being handled), middleware registration.
 */
const NOT_ERROR_FIRST_METHODS = new Set([
  'on',
  'once',
  'off',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'removeListener',
  'addEventListener',
  'removeEventListener',
  'bind',
  'one',
  'live',
  'delegate',
  'subscribe',
  'use',
]);

/** A callee whose name says its callback handles errors: `onError(…)`, `handleFailure(…)`, `.catchError(…)`. */
const ERROR_HANDLER_CALLEE = /(?:error|fail|reject|catch|exception)/iu;

/** Object names of loggers: `console`, `log`, `logger`, `this.logger`, `winston`, … */
const LOGGER_OBJECT = /^(?:console|_?log|_?logger|logging|debug|winston|bunyan|pino|[a-z][A-Za-z]*Logger)$/u;
const LOG_FUNCTION = /^(?:log|debug|warn|info|trace|logError|logWarning|logger)$/u;

/** Is `call` a logging call: `console.error(…)`, `logger.warn(…)`, `log(…)`, `debug(…)`? */
export function isLoggingCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return LOG_FUNCTION.test(callee.name);
  if (callee.type !== 'MemberExpression') return false;
  const object = unwrap(callee.object);
  const objectName =
    object.type === 'Identifier'
      ? object.name
      : object.type === 'MemberExpression'
        ? memberName(object)
        : undefined;
  return objectName !== undefined && LOGGER_OBJECT.test(objectName);
}

/**
 * Each part is computed when first read: `no-duplicate-cleanup` asks only for the pair calls, and
 * does not need the error-first callbacks. The type checker's view of the calls (pair APIs known
 * from their signatures) serves both the missing errbacks and the pair calls, and is computed once.
 * (A class: its getters live on the prototype, so a model costs one small object per file.)
 */
class LazyCallbackModel implements CallbackModel {
  // Declared rather than initialised as class fields, which would be defined through an
  // initialiser function at every construction (once per file, in code that runs too rarely to
  // be optimised): the constructor assigns them all, in one order (one shape for every model).
  declare private readonly sourceCode: SourceCode;
  declare private readonly table: StyleTable;
  declare private errorFirstList: readonly ErrorFirstCallback[] | undefined;
  declare private problemList: readonly ErrorFirstCallback[] | undefined;
  declare private pairs: DeclaredPairs | undefined;
  declare private typed: TypedPairs | undefined;

  constructor(sourceCode: SourceCode, table: StyleTable) {
    this.sourceCode = sourceCode;
    this.table = table;
    this.errorFirstList = undefined;
    this.problemList = undefined;
    this.pairs = undefined;
    this.typed = undefined;
  }

  get errorFirst(): readonly ErrorFirstCallback[] {
    return (this.errorFirstList ??= findErrorFirst(this.sourceCode, this.table, false));
  }

  /** {@link errorFirstProblems}: `errorFirst` filtered when it is known, else found problems first. */
  problems(): readonly ErrorFirstCallback[] {
    if (!this.problemList) {
      const all = this.errorFirstList;
      this.problemList = all ? all.filter((callback) => callback.problem !== undefined) : findErrorFirst(this.sourceCode, this.table, true);
    }
    return this.problemList;
  }

  get pairApis(): readonly PairApi[] {
    return (this.pairs ??= declaredPairsOf(this.sourceCode, this.table)).pairApis;
  }

  get pairCalls(): readonly PairCall[] {
    return (this.typed ?? this.withTypes()).pairCalls;
  }

  get missingErrbacks(): readonly MissingErrbackCall[] {
    return (this.typed ?? this.withTypes()).missingErrbacks;
  }

  /** The declared pairs with the typed ones (computed once; one call layer, as this runs once per file). */
  private withTypes(): TypedPairs {
    const declared = (this.pairs ??= declaredPairsOf(this.sourceCode, this.table));
    return (this.typed = withTypedPairs(this.sourceCode, this.table, declared));
  }
}

function buildCallbackModel(sourceCode: SourceCode, table: StyleTable): CallbackModel {
  return new LazyCallbackModel(sourceCode, table);
}

const CANDIDATES = Symbol('callback-model-candidates');

/** The functions the callback model looks at, picked out in one pass over the file's functions. */
interface Candidates {
  /** First parameter a plain name that may name an error (see {@link errorNamedFunctions}). */
  readonly errorNamed: readonly FunctionNode[];
  /** Two parameters or more, and a name calls can use: what {@link pairApiOf} may accept. */
  readonly pairShaped: readonly FunctionNode[];
}

/** The file's candidates, found on first use (no closure made per call, as `perFile` takes: this is asked several times per file). */
function candidatesOf(sourceCode: SourceCode): Candidates {
  const store = fileStore(sourceCode);
  let candidates = store.get(CANDIDATES) as Candidates | undefined;
  if (!candidates) {
    candidates = findCandidates(sourceCode);
    store.set(CANDIDATES, candidates);
  }
  return candidates;
}

function findCandidates(sourceCode: SourceCode): Candidates {
  const errorNamed: FunctionNode[] = [];
  const pairShaped: FunctionNode[] = [];
  const records = recordedPaths(sourceCode);
  if (records) {
    // From the flags the collector read when each function's path ended, while the traversal
    // had just visited its parameters (`PathRecord.shape`: `FIRST_MAY_NAME_ERROR` is
    // `mayNameAnError` of a plain first parameter, `NAMED_FUNCTION` is `functionName` defined):
    // the functions are not read again here. Other roots have no flags.
    for (let i = 0; i < records.length; i++) {
      const rec = records[i]!;
      const shape = rec.shape;
      if (shape === 0) continue;
      const fn = rec.root as FunctionNode;
      if ((shape & FIRST_MAY_NAME_ERROR) !== 0) errorNamed.push(fn);
      if (rec.paramCount >= 2 && (shape & NAMED_FUNCTION) !== 0) pairShaped.push(fn);
    }
  } else {
    forEachFunction(sourceCode, (fn) => {
      const params = fn.params;
      const first = params[0];
      if (first?.type === 'Identifier' && mayNameAnError(first.name)) errorNamed.push(fn);
      if (params.length >= 2 && functionName(fn) !== undefined) pairShaped.push(fn);
    });
  }
  return { errorNamed, pairShaped };
}

/**
 * Can the file have calls of a pair API ({@link CallbackModel.pairCalls}, `missingErrbacks`)? With
 * type information, any call may be one of a typed API. Without, only a call of a pair API declared
 * in this file can be one: not without a function of two parameters or more that calls can name
 * (what {@link pairApiOf} needs, from the candidate pass), nor when none of those is a pair API
 * (almost every file that has some). Answered without the callback model; the declared APIs found
 * are the model's (see {@link declaredPairsOf}).
 */
export function mayHavePairCalls(sourceCode: SourceCode, table: StyleTable): boolean {
  if (candidatesOf(sourceCode).pairShaped.length > 0 && declaredPairsOf(sourceCode, table).pairApis.length > 0) return true;
  return getTypeInfo(sourceCode, table) !== undefined;
}

const DECLARED_PAIRS = Symbol('declared-pairs');

/** A file's declared pairs for one style table; a file linted with several tables (never in one run) chains them. */
interface DeclaredPairsEntry {
  readonly table: StyleTable;
  readonly pairs: DeclaredPairs;
  readonly next: DeclaredPairsEntry | undefined;
}

/**
 * The pair APIs declared in the file and their calls, found once per file and table: asked by
 * {@link mayHavePairCalls} in every file that has a candidate, and by the callback model.
 */
function declaredPairsOf(sourceCode: SourceCode, table: StyleTable): DeclaredPairs {
  const store = fileStore(sourceCode);
  const first = store.get(DECLARED_PAIRS) as DeclaredPairsEntry | undefined;
  for (let entry = first; entry; entry = entry.next) if (entry.table === table) return entry.pairs;
  const pairs = findDeclaredPairs(sourceCode, table);
  store.set(DECLARED_PAIRS, { table, pairs, next: first });
  return pairs;
}

/**
 * The functions of the file whose first parameter is a plain name that may name an error
 * (`mayNameAnError`, `collector.ts`: `e`, `err…`, `ex…` once leading underscores are left out, or
 * a name that ends in `Err` or `Error`) — in source order: a loose first cut, found
 * in one pass (with the functions that may be pair APIs), for the error-first callbacks here and
 * the error-first cleanups of `duplicate-cleanup.ts` (each applies its own test to the name).
 */
export function errorNamedFunctions(sourceCode: SourceCode): readonly FunctionNode[] {
  return candidatesOf(sourceCode).errorNamed;
}

/** What a file without error-first callbacks has (shared: the list is read-only). */
const NO_ERROR_FIRST: readonly ErrorFirstCallback[] = Object.freeze([]);

/**
 * The error-first callbacks of the file whose handling of the error has a problem: what
 * `getCallbackModel(…).errorFirst` filtered by `problem` gives, in the same order, found the other
 * way round (what `require-errback` reports; almost no callback has a problem). A callback's
 * problem depends on the function alone, not on the call it is passed to, and the test that finds
 * the call has no side effects: so the functions can be judged first, and the calls looked for
 * only for the few functions with a problem.
 */
export function errorFirstProblems(sourceCode: SourceCode, table: StyleTable): readonly ErrorFirstCallback[] {
  // Only a function whose first parameter may name an error can be one (`findErrorFirst` starts
  // from these candidates): a file without any (most files) has none, answered from the candidate
  // pass without making the callback model.
  if (errorNamedFunctions(sourceCode).length === 0) return NO_ERROR_FIRST;
  return (getCallbackModel(sourceCode, table) as LazyCallbackModel).problems();
}

/**
 * The error-first callbacks of the file, in source order of their calls; with `onlyProblems`,
 * only those whose `problem` is set (see {@link errorFirstProblems}).
 */
function findErrorFirst(sourceCode: SourceCode, table: StyleTable, onlyProblems: boolean): readonly ErrorFirstCallback[] {
  // Made on the first callback found: most files have none, and share the empty list.
  let errorFirst: ErrorFirstCallback[] | undefined;
  // From the functions, not the calls: only a function whose first parameter is named like an
  // error can be one, and there are far fewer of those than calls.
  const candidates = errorNamedFunctions(sourceCode);
  for (let i = 0; i < candidates.length; i++) {
    const fn = candidates[i]!;
    const params = fn.params;
    const first = params[0] as TSESTree.Identifier;
    if (fn.generator) continue;
    const second = params[1];
    if (!isErrorParameterName(first.name, second?.type === 'Identifier' ? second.name : undefined)) continue;
    let callback: ErrorFirstCallback | undefined;
    if (onlyProblems) {
      // A callback that tests its error at the top of its body has no problem: told from the
      // statements, without the scope manager's variables and references.
      if (testsErrorAtTop(fn, first.name)) continue;
      const treatment = judgeFunction(sourceCode, fn);
      if (treatment.problem === undefined) continue;
      const argument = errorFirstArgument(sourceCode, table, fn);
      if (argument) callback = described(fn, argument, treatment);
    } else {
      // One entry per function: the first call that hands it an error.
      const argument = errorFirstArgument(sourceCode, table, fn);
      if (argument) callback = described(fn, argument, judgeFunction(sourceCode, fn));
    }
    if (callback) (errorFirst ??= []).push(callback);
  }
  return errorFirst ? errorFirst.sort((a, b) => a.call.range[0] - b.call.range[0]) : NO_ERROR_FIRST;
}

/** The pair APIs declared in this file and their calls, by what the calls pass. */
interface DeclaredPairs {
  readonly pairApis: readonly PairApi[];
  readonly apiByFunction: ReadonlyMap<FunctionNode, PairApi>;
  readonly missingErrbacks: readonly MissingErrbackCall[];
  readonly pairCalls: readonly PairCall[];
}

/** What a file that declares no pair API has (shared: the lists are read-only). */
const NO_DECLARED_PAIRS: DeclaredPairs = Object.freeze({
  pairApis: Object.freeze([]),
  apiByFunction: new Map(),
  missingErrbacks: Object.freeze([]),
  pairCalls: Object.freeze([]),
});

function findDeclaredPairs(sourceCode: SourceCode, table: StyleTable): DeclaredPairs {
  let pairApis: PairApi[] | undefined;
  let apiByFunction: Map<FunctionNode, PairApi> | undefined;
  const shapes = pairSuccessShapes(table);
  const pairShaped = candidatesOf(sourceCode).pairShaped;
  for (let i = 0; i < pairShaped.length; i++) {
    const fn = pairShaped[i]!;
    const api = pairApiOf(sourceCode, table, fn, shapes);
    if (api) {
      (pairApis ??= []).push(api);
      (apiByFunction ??= new Map()).set(fn, api);
    }
  }
  // No pair API declared here, so no call of one (almost every file): nothing to allocate.
  if (!pairApis || !apiByFunction) return NO_DECLARED_PAIRS;
  const missingErrbacks: MissingErrbackCall[] = [];
  const pairCalls: PairCall[] = [];
  // The index's call list is put in source order when first read: only files with a pair API read it.
  for (const call of getNodeIndex(sourceCode).calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== 'Identifier') continue;
    const fn = resolveFunction(sourceCode, callee);
    const api = fn && apiByFunction.get(fn);
    if (!api) continue;
    if (call.arguments.some((a) => a.type === 'SpreadElement')) continue;
    const success = call.arguments[api.successIndex] as TSESTree.Expression | undefined;
    const error = call.arguments[api.errorIndex] as TSESTree.Expression | undefined;
    if (success && !error) {
      missingErrbacks.push({ call, name: api.name, errorName: api.errorName, errorIndex: api.errorIndex, api });
    } else if (success && error) {
      pairCalls.push({ call, api, name: api.name, success, error });
    }
  }
  return { pairApis, apiByFunction, missingErrbacks, pairCalls };
}

/** The pair calls and missing errbacks of APIs declared here and, with type information, of any API. */
interface TypedPairs {
  readonly missingErrbacks: readonly MissingErrbackCall[];
  readonly pairCalls: readonly PairCall[];
}

function withTypedPairs(sourceCode: SourceCode, table: StyleTable, declared: DeclaredPairs): TypedPairs {
  const types = getTypeInfo(sourceCode, table);
  if (!types) return declared;
  const missingErrbacks = [...declared.missingErrbacks];
  const pairCalls = [...declared.pairCalls];
  for (const call of getNodeIndex(sourceCode).calls) {
    const typed = typedPairUse(sourceCode, table, types, call, declared.apiByFunction);
    if (typed?.kind === 'missing') missingErrbacks.push(typed.missing);
    else if (typed?.kind === 'pair') pairCalls.push(typed.pair);
  }
  const bySource = (a: { call: TSESTree.Node }, b: { call: TSESTree.Node }) => a.call.range[0] - b.call.range[0];
  return { missingErrbacks: missingErrbacks.sort(bySource), pairCalls: pairCalls.sort(bySource) };
}

/**
 * With type information: a call whose resolved signature has a success/error parameter pair
 * (`getCurrentPosition(successCallback, errorCallback?)`) — either passing the success side only
 * (a missing errback; an error parameter with a default value is optional by design), or passing
 * both. Only calls whose last argument may be a handler are asked about, which keeps the checker
 * out of most calls; APIs declared in this file are the untyped model's.
 */
function typedPairUse(
  sourceCode: SourceCode,
  table: StyleTable,
  types: TypeInfo,
  call: TSESTree.CallExpression,
  declaredHere: ReadonlyMap<FunctionNode, PairApi>,
): { kind: 'missing'; missing: MissingErrbackCall } | { kind: 'pair'; pair: PairCall } | undefined {
  const args = call.arguments;
  const last = args.at(-1);
  if (!last || args.some((a) => a.type === 'SpreadElement')) return undefined;
  if (!mayBeHandler(sourceCode, table, last)) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') {
    const fn = resolveFunction(sourceCode, callee);
    if (fn && declaredHere.has(fn)) return undefined;
  } else if (callee.type === 'MemberExpression') {
    // Iteration, listeners and links take one handler by design: not success/error pair APIs.
    const method = memberName(callee);
    if (method !== undefined && (ITERATION_METHODS.has(method) || NOT_ERROR_FIRST_METHODS.has(method) || table.linksNamed(method).length > 0)) {
      return undefined;
    }
  }
  const hasPair = (parameters: readonly { name: string }[]): boolean =>
    parameters.some((p, i) => i + 1 < parameters.length && i + 1 <= args.length && table.pairFor(p.name, parameters[i + 1]!.name) !== undefined);
  const parameters = types.signatureParameters(call, hasPair);
  if (!parameters) return undefined;
  const name = dottedName(callee) ?? (callee.type === 'MemberExpression' ? memberName(callee) : undefined) ?? 'this function';
  const errorIndex = args.length;
  const success = parameters[errorIndex - 1];
  const error = parameters[errorIndex];
  if (success && error && table.pairFor(success.name, error.name)) {
    if (error.optionalByDesign) return undefined;
    return { kind: 'missing', missing: { call, name, errorName: error.name, errorIndex, api: undefined } };
  }
  for (let i = 0; i + 1 < args.length; i++) {
    const s = parameters[i];
    const e = parameters[i + 1];
    if (!s || !e || !table.pairFor(s.name, e.name)) continue;
    const successArg = args[i] as TSESTree.Expression;
    const errorArg = args[i + 1] as TSESTree.Expression;
    if (!mayBeHandler(sourceCode, table, successArg) || !mayBeHandler(sourceCode, table, errorArg)) return undefined;
    return { kind: 'pair', pair: { call, api: undefined, name, success: successArg, error: errorArg } };
  }
  return undefined;
}

/**
 * An argument that reads as a handler: a function (inline, or declared in this file), or a name
 * that says so (`onPosition`, `success`, `showPoem…Callback`, `errback`, `handleError`). Other
 * arguments (`push(item)`, `set(key, value)`) keep the checker out of the call.
 */
function mayBeHandler(sourceCode: SourceCode, table: StyleTable, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (isFunctionNode(n) || resolveFunction(sourceCode, n)) return true;
  const name = n.type === 'Identifier' ? n.name : n.type === 'MemberExpression' ? memberName(n) : undefined;
  if (name === undefined) return false;
  return looksLikeSuccessHandler(table, n) || table.isCallbackName(name) || /^(?:handle|on)[A-Z]|(?:err|fail|reject)/iu.test(name) || isPairName(table, name);
}

/** Is `name` either half of a pair in the table (`errback`, `errorCallback`, `onFailure`)? */
function isPairName(table: StyleTable, name: string): boolean {
  for (const style of table.styles) {
    for (const [success, error] of style.recognise.parameterPairs ?? []) if (name === success || name === error) return true;
  }
  return false;
}

/**
 * `fn` as the last argument of the first call, in source order, that hands it an error first
 * (see {@link isErrorFirstCall}): passed inline (`read(f, function (err) {…})`, also
 * `.bind(this)`-ed), or by the name it is declared under. The argument as written (wrappers
 * included; its parent is the call), or undefined. The calls are tried one by one, and the
 * declared name's references are looked up only when the inline call is not one (the test has
 * no side effects, so stopping at the first is what testing all of them in order would find).
 */
function errorFirstArgument(sourceCode: SourceCode, table: StyleTable, fn: FunctionNode): TSESTree.Node | undefined {
  let inline: TSESTree.Node = fn;
  // `function (err) {…}.bind(this)`
  const parent = fn.parent;
  if (
    parent?.type === 'MemberExpression' &&
    parent.object === fn &&
    memberName(parent) === 'bind' &&
    parent.parent?.type === 'CallExpression' &&
    parent.parent.callee === parent
  ) {
    inline = parent.parent;
  }
  const direct = asLastArgument(inline);
  if (direct && isErrorFirstCall(sourceCode, table, direct.parent as TSESTree.CallExpression, fn)) return direct;

  const declarator = parent?.type === 'VariableDeclarator' && parent.init === fn ? parent : undefined;
  let variable: Variable | undefined;
  if (fn.type === 'FunctionDeclaration') {
    for (const v of sourceCode.getDeclaredVariables(fn)) {
      if (v.defs.some((d) => d.type === 'FunctionName' && d.node === fn)) {
        variable = v;
        break;
      }
    }
  } else if (declarator) {
    variable = sourceCode.getDeclaredVariables(declarator)[0];
  }
  if (variable && variable.defs.length === 1 && isNeverReassigned(variable)) {
    for (const reference of variable.references) {
      if (!reference.isRead()) continue;
      const passed = asLastArgument(reference.identifier as TSESTree.Node);
      if (passed && isErrorFirstCall(sourceCode, table, passed.parent as TSESTree.CallExpression, fn)) return passed;
    }
  }
  return undefined;
}

/** `node`, with any type wrappers around it, when that is the last argument of a call (its parent); else undefined. */
function asLastArgument(node: TSESTree.Node): TSESTree.Node | undefined {
  let argument: TSESTree.Node = node;
  while (argument.parent && isWrapper(argument.parent)) argument = argument.parent;
  const parent = argument.parent;
  if (parent?.type !== 'CallExpression') return undefined;
  const args = parent.arguments;
  return args.length > 0 && args[args.length - 1] === argument ? argument : undefined;
}

function isWrapper(node: TSESTree.Node): boolean {
  return (
    node.type === 'TSAsExpression' ||
    node.type === 'TSNonNullExpression' ||
    node.type === 'TSSatisfiesExpression' ||
    node.type === 'TSTypeAssertion'
  );
}

/** Is `call`, which gets `fn` as its last argument, a call that hands `fn` an error first? */
function isErrorFirstCall(
  sourceCode: SourceCode,
  table: StyleTable,
  call: TSESTree.CallExpression,
  fn: FunctionNode,
): boolean {
  const callee = unwrap(call.callee);
  const method = calleeTail(callee);
  if (method !== undefined) {
    // Links (`.catch(e => …)`, `.addErrback(f)`) and the table's own names are chains' business.
    if (table.linksNamed(method).length > 0) return false;
    if (NOT_ERROR_FIRST_METHODS.has(method) || ERROR_HANDLER_CALLEE.test(method)) return false;
    if (ITERATION_METHODS.has(method) && call.arguments.length <= 2) return false;
  }
  // `async.filter(items, (x, cb) => { …; cb(); }, (err) => …)`: an iteratee that only ever calls
  // its callback without an error means the final callback's error is always empty.
  const args = call.arguments;
  // Kept for the pair test below, which only a callback of one parameter gets to.
  const earlierFns: (FunctionNode | undefined)[] | undefined = fn.params.length === 1 && args.length > 1 ? [] : undefined;
  for (let i = 0; i + 1 < args.length; i++) {
    const earlier = args[i]!;
    const earlierFn = earlier.type === 'SpreadElement' ? undefined : functionOfArgument(sourceCode, earlier);
    earlierFns?.push(earlierFn);
    if (earlierFn && neverPassesAnError(table, earlierFn, (param) => parameterVariable(sourceCode, earlierFn, param.name))) return false;
  }
  // `getCurrentPosition(onPosition, (error) => …)`: the error half of a success/error pair, not an
  // error-first callback. A preceding iteratee that takes its own callback (`async.each(items,
  // (item, cb) => …, (err) => …)`) does not make a pair.
  if (fn.params.length === 1) {
    for (let i = 0; i + 1 < args.length; i++) {
      const earlier = args[i]!;
      if (earlier.type === 'SpreadElement') continue;
      const earlierFn = earlierFns![i];
      if (!earlierFn) {
        if (looksLikeSuccessHandler(table, earlier)) return false;
        continue;
      }
      const lastParam = earlierFn.params.at(-1);
      const last = lastParam && parameterName(lastParam);
      if (last === undefined || !table.isCallbackName(last)) return false;
    }
  }
  return true;
}

/**
 * The last name of a callee: the method of `a.b.read(…)`, the function of `read(…)` (`this` and
 * `super` for those), undefined when it has none — what the last segment of its dotted name would
 * be, without building the name.
 */
function calleeTail(callee: TSESTree.Node): string | undefined {
  switch (callee.type) {
    case 'MemberExpression': {
      const name = memberName(callee);
      // A computed `a['x.y']` names `x.y`, whose last segment is `y`.
      return name === undefined ? undefined : name.slice(name.lastIndexOf('.') + 1);
    }
    case 'Identifier':
      return callee.name;
    case 'ThisExpression':
      return 'this';
    case 'Super':
      return 'super';
    default:
      // The callee is unwrapped: type and optional-chain wrappers, which the dotted name looks
      // through, are gone.
      return undefined;
  }
}

/**
 * {@link resolveFunction} of an argument, without the file's set of names bound to functions that
 * it rules most names out with: a look-up or two here would pay for building that set from every
 * declarator of the file. The answers are the same — the set only ever rules names out, and a
 * name in it is resolved exactly so (cycles such as `const a = b, b = a` find no function either way).
 */
export function functionOfArgument(sourceCode: SourceCode, argument: TSESTree.Node): FunctionNode | undefined {
  const node = unwrap(argument);
  if (node.type !== 'Identifier') return resolveFunction(sourceCode, node);
  const variable = resolveVariable(sourceCode, node);
  if (!variable || variable.defs.length !== 1 || !isNeverReassigned(variable)) return undefined;
  const def = variable.defs[0]!;
  if (def.type === 'FunctionName') return isFunctionNode(def.node) ? def.node : undefined;
  if (def.type === 'Variable' && def.node.id.type === 'Identifier' && def.node.init) return resolveFunction(sourceCode, def.node.init);
  return undefined;
}

/**
 * Does this iteratee take a callback (its last parameter, named like one) that it only ever calls
 * with no arguments, and never hands on? Then nothing it does can report an error. (Shared with the
 * path engine's rules, which look parameters up through their own resolver: `variableOf`.)
 */
export function neverPassesAnError(
  table: StyleTable,
  fn: FunctionNode,
  variableOf: (param: TSESTree.Identifier) => Variable | undefined,
): boolean {
  const last = fn.params.at(-1);
  if (fn.params.length < 2 || last?.type !== 'Identifier' || !table.isCallbackName(last.name)) return false;
  const reads = (variableOf(last)?.references ?? []).filter((r) => r.isRead());
  return (
    reads.length > 0 &&
    reads.every((r) => {
      const parent = r.identifier.parent;
      return parent?.type === 'CallExpression' && parent.callee === r.identifier && parent.arguments.length === 0;
    })
  );
}

/**
 * A name of unknown value that reads as a success handler: the success half of a pair in the
 * table (`onSuccess`, `success`, `callback`), `onX`, or `…Success`/`…Callback`.
 */
function looksLikeSuccessHandler(table: StyleTable, node: TSESTree.Node): boolean {
  const n = unwrap(node);
  const name = n.type === 'Identifier' ? n.name : n.type === 'MemberExpression' ? memberName(n) : undefined;
  if (name === undefined) return false;
  return table.isPairSuccessName(name) || /^on[A-Z]/u.test(name) || /(?:Success|Callback|Handler)$/u.test(name);
}

/** What an error-first callback does with its parameters (the part of {@link ErrorFirstCallback} the function alone decides). */
interface Treatment {
  readonly errorParam: TSESTree.Identifier;
  readonly valueParams: readonly TSESTree.Identifier[];
  readonly errorReads: readonly TSESTree.Identifier[];
  readonly problem: ErrorFirstProblem | undefined;
}

/** The entry for `fn` passed as `argument` (its parent is the call). Written out rather than spread: this runs for every callback found. */
function described(fn: FunctionNode, argument: TSESTree.Node, t: Treatment): ErrorFirstCallback {
  const call = argument.parent as TSESTree.CallExpression;
  return { fn, call, argument, errorParam: t.errorParam, valueParams: t.valueParams, errorReads: t.errorReads, problem: t.problem };
}

/**
 * Does a statement of the body (`if (err) return cb(err);`, `if (!err) …`, `if (err != null) …`)
 * test the error parameter `name` as its `if` condition, or as an operand of it? Then {@link judge}
 * finds no problem: that read of the error is not inside a logging call (its parents up to the
 * statement are the test, or the `!`/comparison, and the `if`), so not every read is logged; and
 * it is no check that only logs and falls through — `if (name) <only logging>` without `else`,
 * which does not count here — so no such check has every other read inside a logging call, and
 * the error is read, so it is not ignored. A name in a statement of the body is the parameter's
 * variable (the body is the function's scope; `var name` or `function name` there declare the
 * same variable). Only the body's own statements are looked at, not nested ones.
 */
function testsErrorAtTop(fn: FunctionNode, name: string): boolean {
  const body = fn.body;
  if (body.type !== 'BlockStatement') return false;
  const statements = body.body;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    if (statement.type !== 'IfStatement') continue;
    const test = statement.test;
    if (test.type === 'Identifier') {
      if (test.name === name && (statement.alternate || !onlyLogs(statement.consequent))) return true;
    } else if (test.type === 'UnaryExpression') {
      if (test.operator === '!' && isNamedIdentifier(test.argument, name)) return true;
    } else if (test.type === 'BinaryExpression') {
      if (isNamedIdentifier(test.left, name) || isNamedIdentifier(test.right, name)) return true;
    }
  }
  return false;
}

function isNamedIdentifier(node: TSESTree.Node, name: string): boolean {
  return node.type === 'Identifier' && node.name === name;
}

function judgeFunction(sourceCode: SourceCode, fn: FunctionNode): Treatment {
  const params = fn.params;
  const errorParam = params[0] as TSESTree.Identifier;
  const valueParams: TSESTree.Identifier[] = [];
  for (let i = 1; i < params.length; i++) {
    const param = params[i]!;
    if (param.type === 'Identifier') valueParams.push(param);
  }
  // The function's variables, looked up once for all its parameters (what `parameterVariable` does per name).
  const declared = sourceCode.getDeclaredVariables(fn);
  const errorReads = readsOf(parameterIn(declared, errorParam.name));
  const problem = judge(sourceCode, fn, declared, errorParam, valueParams, errorReads);
  return { errorParam, valueParams, errorReads, problem };
}

/** {@link parameterVariable} among the variables a function declares. */
function parameterIn(declared: readonly Variable[], name: string): Variable | undefined {
  // Indexed loops here and below: these run for every candidate function, in code run too
  // rarely per file to be optimised, where `for…of` costs an iterator per loop.
  for (let i = 0; i < declared.length; i++) {
    const v = declared[i]!;
    if (v.name !== name) continue;
    const defs = v.defs;
    for (let j = 0; j < defs.length; j++) if (defs[j]!.type === 'Parameter') return v;
  }
  return undefined;
}

/** The identifiers that read a variable, in the scope manager's order. */
function readsOf(variable: Variable | undefined): TSESTree.Identifier[] {
  const reads: TSESTree.Identifier[] = [];
  if (variable) {
    const references = variable.references;
    for (let i = 0; i < references.length; i++) {
      const reference = references[i]!;
      if (reference.isRead()) reads.push(reference.identifier as TSESTree.Identifier);
    }
  }
  return reads;
}

/**
 * The value parameters' reads made without any presence check, in source order — if the code
 * checks `data` anywhere, it expects it may be missing, which is how the error case shows — and
 * whether some value parameter is checked (or reassigned: a value reassigned on the error path,
 * `data = fallback`, is not used as if nothing failed).
 */
function valueUse(
  declared: readonly Variable[],
  valueParams: readonly TSESTree.Identifier[],
): { readonly reads: TSESTree.Identifier[]; readonly checked: boolean } {
  const reads: TSESTree.Identifier[] = [];
  let checked = false;
  for (let i = 0; i < valueParams.length; i++) {
    const param = valueParams[i]!;
    const variable = parameterIn(declared, param.name);
    const own = readsOf(variable);
    if (own.some(isPresenceCheck) || variable?.references.some((r) => r.isWrite())) {
      checked = true;
      continue;
    }
    for (const read of own) reads.push(read);
  }
  // In source order (several parameters' reads come one list after the other).
  if (reads.length > 1) reads.sort((a, b) => a.range[0] - b.range[0]);
  return { reads, checked };
}

/**
 * What is wrong with how the callback treats its error. The value parameters are looked at only
 * when the answer depends on them: a callback whose error is read other than by logging (almost
 * every one) has no problem, whatever it does with its values.
 */
function judge(
  sourceCode: SourceCode,
  fn: FunctionNode,
  declared: readonly Variable[],
  errorParam: TSESTree.Identifier,
  valueParams: readonly TSESTree.Identifier[],
  errorReads: readonly TSESTree.Identifier[],
): ErrorFirstProblem | undefined {
  if (errorReads.length === 0) {
    if (isOptedOut(errorParam.name) || valueUse(declared, valueParams).checked) return undefined;
    // `function (err) { cb.apply(null, arguments) }` passes the error on without naming it.
    if (usesArguments(sourceCode, fn)) return undefined;
    // `(err) => {}`: nothing happens on either outcome; the error is discarded on purpose.
    if (fn.body.type === 'BlockStatement' && fn.body.body.length === 0) return undefined;
    return { kind: 'ignored' };
  }
  // Both problems below need a value read without a check (none: no problem).
  if (errorReads.every(isInsideLoggingCall)) {
    const valueReads = valueUse(declared, valueParams).reads;
    return valueReads.length === 0 ? undefined : { kind: 'only-logged', valueRead: valueReads[0]! };
  }

  // `if (err) console.error(err);` then the value is used: the error path falls through.
  let valueReads: readonly TSESTree.Identifier[] | undefined;
  for (let i = 0; i < errorReads.length; i++) {
    const read = errorReads[i]!;
    const check = read.parent;
    if (check?.type !== 'IfStatement' || check.test !== read || check.alternate) continue;
    if (!onlyLogs(check.consequent)) continue;
    if (!errorReads.every((r) => r === read || isInsideLoggingCall(r))) continue;
    valueReads ??= valueUse(declared, valueParams).reads;
    if (valueReads.length === 0) return undefined;
    const after = valueReads.find((v) => v.range[0] >= check.range[1] && followsInSameList(check, v));
    if (after) return { kind: 'used-after-check', check, valueRead: after };
  }
  return undefined;
}

function usesArguments(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (fn.type === 'ArrowFunctionExpression') return false;
  const argumentsVariable = sourceCode.getScope(fn).set.get('arguments');
  return (argumentsVariable?.references.length ?? 0) > 0;
}

function isInsideLoggingCall(id: TSESTree.Identifier): boolean {
  let node: TSESTree.Node = id;
  for (let parent: TSESTree.Node | undefined = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'CallExpression' && parent.callee !== node && isLoggingCall(parent)) return true;
    if (isFunctionNode(parent) || parent.type.endsWith('Statement') || parent.type === 'VariableDeclarator') return false;
    node = parent;
  }
  return false;
}

/** A statement that does nothing but log (and so does not leave the callback). */
function onlyLogs(statement: TSESTree.Statement): boolean {
  const statements = statement.type === 'BlockStatement' ? statement.body : [statement];
  return statements.every(
    (s) => s.type === 'ExpressionStatement' && unwrap(s.expression).type === 'CallExpression' && isLoggingCall(unwrap(s.expression) as TSESTree.CallExpression),
  );
}

/** Is `node` inside a statement that comes after `statement` in the same statement list? */
function followsInSameList(statement: TSESTree.Statement, node: TSESTree.Node): boolean {
  const list = statement.parent;
  if (!list || (list.type !== 'BlockStatement' && list.type !== 'Program' && list.type !== 'SwitchCase')) return false;
  const body = list.type === 'SwitchCase' ? list.consequent : list.body;
  const index = body.indexOf(statement as never);
  return body.slice(index + 1).some((s) => s.range[0] <= node.range[0] && node.range[1] <= s.range[1]);
}

function pairApiOf(sourceCode: SourceCode, table: StyleTable, fn: FunctionNode, shapes: NameShapes): PairApi | undefined {
  const params = fn.params;
  if (params.length < 2) return undefined;
  for (let i = 0; i + 1 < params.length; i++) {
    const successName = parameterName(params[i]!);
    if (successName === undefined || !mayHaveShape(shapes, successName) || !table.isPairSuccessName(successName)) continue;
    const errorName = parameterName(params[i + 1]!);
    if (errorName === undefined || !table.pairFor(successName, errorName)) continue;
    // A default (`errback = logFailure`) makes the error side optional by design.
    if (fn.params[i + 1]!.type !== 'Identifier') return undefined;
    // An API that never calls its errback loses nothing when it is left out.
    const errorVariable = parameterVariable(sourceCode, fn, errorName);
    if (!errorVariable || !errorVariable.references.some((r) => r.isRead())) return undefined;
    // The name calls use, looked up last: the candidates all have one (see `candidatesOf`), and
    // the functions that get here are few.
    const name = functionName(fn);
    if (name === undefined) return undefined;
    return { fn, name, successIndex: i, errorIndex: i + 1, successName, errorName };
  }
  return undefined;
}

/** The first letters and lengths of each table's pair success names (see `nameShapes`), built once per table. */
const pairSuccessShapes = perTable((table): NameShapes => {
  const names: string[] = [];
  for (const style of table.styles) for (const pair of style.recognise.parameterPairs ?? []) names.push(pair[0]);
  return nameShapes(names);
});

/** A parameter's name, as `parameterNames` (./scope.ts) gives it, without building the whole list. */
function parameterName(param: TSESTree.Parameter): string | undefined {
  const p = param.type === 'TSParameterProperty' ? param.parameter : param;
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier') return p.left.name;
  return undefined;
}

/** The name a function is called by in this file: its declaration's, or the `const` it is bound to. */
function functionName(fn: FunctionNode): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') return parent.id.name;
  return undefined;
}
