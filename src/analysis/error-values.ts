/**
 * Error values: which fires of a completion's error side carry something that cannot be an Error,
 * judged from syntax alone. Anything that might be an Error (an identifier, a call, a member) is
 * given the benefit of the doubt; only values that are provably something else are reported:
 * literals, template strings, object and array literals, functions, arithmetic and comparisons,
 * `undefined`, no argument at all, and the few expressions that always yield a string
 * (`err.message`, `String(x)`, `x.toString()`, `JSON.stringify(x)`).
 *
 * With type information (see `types.ts`) the value's type refines this: a value whose type cannot
 * be an Error is reported even when syntax cannot judge it (`reject(reason)` with `reason: string`),
 * a value typed as an Error is accepted where a name misleads (`cb(outcome.message)` with
 * `message: Error`), a node callback fired with a value typed `null`/`undefined` is a success, and
 * a callback whose own type takes a value first (`(poem: string) => void`) is not error-first.
 * {@link ErrorTypeOracle} is the seam: tests can pass their own.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Completion } from './completions.js';
import type { FileAnalysis } from './file-analysis.js';
import type { TypeInfo } from './types.js';
import { calleeDottedName, calleeLastName, isNullish, propertyName, unwrapExpression, type Node } from './syntax.js';

/** What a non-Error value is, in words for messages. */
export type NonErrorKind =
  | 'nothing'
  | 'undefined'
  | 'null'
  | 'a string'
  | 'a number'
  | 'a boolean'
  | 'a regular expression'
  | 'an object literal'
  | 'an array'
  | 'a function'
  | 'a class';

/**
 * A typed refinement of a value: `'error'` when its type is an Error, what it is when its type
 * cannot be an Error, undefined when the type says neither (or there is no type information).
 */
export type ErrorTypeOracle = (node: Node) => NonErrorKind | 'error' | undefined;

export interface ErrorFire {
  readonly completion: Completion;
  /** The call firing the error side. */
  readonly call: TSESTree.CallExpression;
  /** The argument given to the error side, if any. */
  readonly argument: Node | undefined;
  /** What the argument provably is. */
  readonly kind: NonErrorKind;
  /** How the fire reads in source: `reject`, `cb`, `d.errback`. */
  readonly name: string;
}

const STRING_CALLS = new Set(['String', 'JSON.stringify']);
const STRING_METHODS = new Set(['toString', 'toFixed', 'join', 'toUpperCase', 'toLowerCase', 'trim', 'slice', 'substring', 'replace']);
const STRING_PROPERTIES = new Set(['message', 'stack', 'statusText']);

/** `false`, `0`, `''`: what `if (err)` reads as "no error". */
export function isFalsyLiteral(node: Node): boolean {
  const n = unwrapExpression(node);
  return n.type === 'Literal' && !n.value && !('regex' in n && n.regex);
}

/** What `node` provably is when it cannot be an Error; undefined when it may be one. */
export function nonErrorKind(node: Node | undefined, oracle?: ErrorTypeOracle): NonErrorKind | undefined {
  if (!node) return 'nothing';
  const n = unwrapExpression(node);
  switch (n.type) {
    case 'Literal':
      if (n.value === null && !('regex' in n && n.regex)) return 'null';
      if ('regex' in n && n.regex) return 'a regular expression';
      if (typeof n.value === 'string') return 'a string';
      if (typeof n.value === 'number' || typeof n.value === 'bigint') return 'a number';
      if (typeof n.value === 'boolean') return 'a boolean';
      return undefined;
    case 'TemplateLiteral':
      return 'a string';
    case 'Identifier':
      if (n.name === 'undefined') return 'undefined';
      break;
    case 'UnaryExpression':
      if (n.operator === 'void') return 'undefined';
      if (n.operator === '!') return 'a boolean';
      if (n.operator === 'typeof') return 'a string';
      if (n.operator === '-' || n.operator === '+' || n.operator === '~') return 'a number';
      break;
    case 'BinaryExpression':
      if (['==', '!=', '===', '!==', '<', '>', '<=', '>=', 'in', 'instanceof'].includes(n.operator)) return 'a boolean';
      if (n.operator === '+') {
        const left = nonErrorKind(n.left);
        const right = nonErrorKind(n.right);
        return left === 'a string' || right === 'a string' ? 'a string' : undefined;
      }
      return 'a number';
    case 'ObjectExpression':
      return 'an object literal';
    case 'ArrayExpression':
      return 'an array';
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return 'a function';
    case 'ClassExpression':
      return 'a class';
    case 'MemberExpression': {
      const name = propertyName(n);
      // Judged by its name: the type, when known, has the last word.
      if (name !== undefined && STRING_PROPERTIES.has(name)) return typedOr(oracle, n, 'a string');
      break;
    }
    case 'CallExpression': {
      const dotted = calleeDottedName(n.callee);
      if (dotted !== undefined && STRING_CALLS.has(dotted)) return 'a string';
      const last = calleeLastName(n.callee);
      if (unwrapExpression(n.callee).type === 'MemberExpression' && last !== undefined && STRING_METHODS.has(last)) return typedOr(oracle, n, 'a string');
      break;
    }
    default:
      break;
  }
  const typed = oracle?.(n);
  return typed === 'error' ? undefined : typed;
}

/** What the type says of a value syntax judged by a name only; `byName` without an opinion. */
function typedOr(oracle: ErrorTypeOracle | undefined, node: Node, byName: NonErrorKind): NonErrorKind | undefined {
  const typed = oracle?.(node);
  if (typed === 'error') return undefined;
  return typed ?? byName;
}

/** The oracle of the file's type information, when it has some. */
export function typedErrorOracle(analysis: FileAnalysis): ErrorTypeOracle | undefined {
  const types = analysis.types();
  if (!types) return undefined;
  return (node) => (types.isErrorType(node) ? 'error' : types.nonErrorKind(node));
}

/**
 * Every fire of an error side whose value cannot be an Error. Node callbacks: the first argument
 * is the error, and `cb()` / `cb(null, v)` / `cb(undefined, v)` are success fires. `allowEmpty`
 * accepts an error side fired with no argument (`reject()`).
 */
export function findNonErrorFires(analysis: FileAnalysis, options: { allowEmpty: boolean; oracle?: ErrorTypeOracle }): ErrorFire[] {
  const out: ErrorFire[] = [];
  const oracle = options.oracle ?? typedErrorOracle(analysis);
  const types = analysis.types();
  for (const c of analysis.completions()) {
    const kind = c.kind === 'member' ? c.source?.kind : c.kind;
    for (const fire of analysis.uses(c).fireCalls.values()) {
      const args = fire.args;
      if (!args) continue;
      let side = fire.side;
      let argument = args[0];
      if (argument?.type === 'SpreadElement') continue;
      if (side === undefined) {
        if (kind !== 'node') continue;
        // A node callback's first argument is its error: callers test it with `if (err)`, so a
        // nullish or falsy literal (`cb(null, v)`, `cb(false)`) is a success.
        if (!argument || isNullish(argument) || isFalsyLiteral(argument)) continue;
        const typed = oracle?.(argument);
        if (typed === 'null' || typed === 'undefined') continue;
        side = 'error';
      }
      if (side !== 'error') continue;
      // jQuery's rejectWith(context, args): the value is in the second argument's list.
      if (c.kind === 'object' && fire.name.endsWith('With')) continue;
      if (!argument && options.allowEmpty) continue;
      argument = argument ?? undefined;
      const what = nonErrorKind(argument, oracle);
      if (!what) continue;
      // The callback's own type takes a value first: it is not an error side at all.
      if (types && (kind === 'node' || kind === 'pair') && declaredAsValueCallback(c, fire.name, types)) continue;
      out.push({ completion: c, call: fire.node, argument, kind: what, name: fire.name });
    }
  }
  return out.sort((a, b) => a.call.range[0] - b.call.range[0]);
}

/** Is the binding fired as `name` declared with a function type whose first parameter is no Error? */
function declaredAsValueCallback(c: Completion, name: string, types: TypeInfo): boolean {
  const source = c.kind === 'member' ? c.source : c;
  const binding = source?.bindings.find((b) => b.name === name) ?? (c.kind === 'member' ? source?.bindings.find((b) => b.side !== 'success') : undefined);
  const declared = binding?.variable.identifiers[0];
  return declared !== undefined && types.isValueCallbackType(declared as Node);
}
