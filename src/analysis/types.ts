/**
 * Type information, when the file was parsed with it (typescript-eslint's
 * `parserOptions.projectService` or `project`): the questions the analyses ask the type checker.
 * Without a program every question answers "no opinion" and the untyped analysis stands alone;
 * with one, the analyses ask only about nodes their own reading leaves undecided.
 *
 * What a type says, from the style table (no method name is written here):
 * - a value belongs to a *chain style* of kind `object` (Twisted, jQuery, user rows) when its type
 *   has callable members named like the style's first success link and first error link
 *   (`addCallback` + `addErrback`; `done` + `fail`); it is a *completion object* of that style when
 *   it also has the style's first fire methods (`callback` + `errback`; `resolve` + `reject`): a
 *   Twisted Deferred, a jQuery Deferred (a jQuery promise has no `resolve`);
 * - a value belongs to a chain style of kind `executor` (promises) when its type has the style's
 *   first pair link (`then`): `PromiseLike`;
 * - a parameter is an *error-first callback* when every call signature of its type takes an Error
 *   first (`(err: Error | null, data?: T) => void`, `(err?: NodeJS.ErrnoException) => void`);
 * - a value *cannot be an Error* when every member of its type is a string, number, bigint,
 *   boolean, `null` or `undefined`. Object types are given the benefit of the doubt (a Twisted
 *   `Failure` is a fine thing to fail with, and need not extend `Error`).
 *
 * A union answers for all its members (`Deferred<T> | undefined` is a deferred; `Promise<T> | T` is
 * not); `any`, `unknown` and unconstrained type parameters give no answer. Every answer is
 * memoised per node, and every checker call is guarded: a checker that throws gives no answer.
 *
 * `typescript` is not a dependency of this package: only its types are imported. Type flags are
 * read from the checker's own intrinsic types rather than from `ts.TypeFlags`.
 */
import type * as ts from 'typescript';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Style, StyleTable } from './styles.js';

type Node = TSESTree.Node;

/** What a value's type says it is, when that is something other than an Error. */
export type TypedNonError = 'a string' | 'a number' | 'a boolean' | 'null' | 'undefined';

export interface TypeInfo {
  /** The chain styles the value's type belongs to, in table order; empty when none or unknown. */
  chainStyles(node: Node): readonly Style[];
  /** The object styles whose completion objects the value's type is (it can be fired). */
  fireStyles(node: Node): readonly Style[];
  /** A Twisted deferred: the type has the `twisted` style's links and fire methods. */
  isTwistedDeferred(node: Node): boolean;
  /** A jQuery deferred or promise: the type has the `jquery` style's links (`done`, `fail`). */
  isJQueryDeferred(node: Node): boolean;
  /** A promise: the type has the `promise` style's `then` (PromiseLike). */
  isPromiseLike(node: Node): boolean;
  /** The parameter's (or expression's) type is a function taking an Error first. */
  isErrorFirstCallbackType(node: Node): boolean;
  /**
   * The parameter's (or expression's) type is a function whose first parameter cannot be an Error
   * (`(poem: string) => void`, `(found: boolean) => void`): a value callback, not an error-first one.
   */
  isValueCallbackType(node: Node): boolean;
  /** The value's type is Error-like (`Error`, a subclass, `NodeJS.ErrnoException`). */
  isErrorType(node: Node): boolean;
  /** What the value is when its type cannot be an Error; undefined when it may be one. */
  nonErrorKind(node: Node): TypedNonError | undefined;
  /** The value is a function whose every signature returns `void` or `undefined`. */
  returnsVoid(node: Node): boolean;
  /** The chain styles of what a call returns (a promise, a deferred); empty when none or unknown. */
  returnsChain(call: TSESTree.CallExpression): readonly Style[];
  /**
   * The parameters of the signature the call resolves to, when some signature of the callee is
   * `relevant`: the checker resolves an overloaded call only then.
   */
  signatureParameters(
    call: TSESTree.CallExpression,
    relevant?: (parameters: readonly SignatureParameter[]) => boolean,
  ): readonly SignatureParameter[] | undefined;
  /** How many times the checker was asked (benchmarks and tests). */
  readonly queries: number;
}

export interface SignatureParameter {
  readonly name: string;
  /** Has a default value or is a rest parameter: optional by design. */
  readonly optionalByDesign: boolean;
}

interface ParserServicesLike {
  readonly program: ts.Program | null | undefined;
  readonly esTreeNodeToTSNodeMap?: { get(node: Node): ts.Node | undefined };
}

interface SourceCodeLike {
  readonly parserServices?: unknown;
}

const cache = new WeakMap<object, Map<StyleTable, TypeInfo>>();

/** Counters for benchmarks: files given type information, checker queries over all of them. */
export const typeCounters = { files: 0, queries: 0 };

/**
 * The type information of the file being linted, or undefined when it was parsed without a
 * program. One instance per `SourceCode` and style table, shared by every rule.
 */
export function getTypeInfo(sourceCode: SourceCodeLike, table: StyleTable): TypeInfo | undefined {
  // Most files are parsed without a program: answered without a cache entry per file.
  const services = sourceCode.parserServices as ParserServicesLike | undefined;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  let byTable = cache.get(sourceCode);
  if (!byTable) cache.set(sourceCode, (byTable = new Map()));
  let info = byTable.get(table);
  if (info === undefined) {
    info = new CheckerTypeInfo(services.program, services.esTreeNodeToTSNodeMap, table);
    typeCounters.files++;
    byTable.set(table, info);
  }
  return info;
}

interface Intrinsics {
  readonly anyFlags: number;
  readonly unknownFlags: number;
  readonly neverFlags: number;
  /** Flags of the primitive intrinsics, and what each means for messages. */
  readonly kinds: readonly (readonly [number, TypedNonError])[];
  readonly nullFlags: number;
  readonly undefinedFlags: number;
  /** The intrinsics `isTypeAssignableTo` compares literal-ish types with (template literals, enums). */
  readonly targets: readonly (readonly [ts.Type, TypedNonError])[];
}

const NO_STYLES: readonly Style[] = Object.freeze([]);

class CheckerTypeInfo implements TypeInfo {
  queries = 0;
  private checkerCache: ts.TypeChecker | undefined;
  private intrinsicCache: Intrinsics | undefined;
  private readonly typeCache = new Map<Node, ts.Type | null>();
  private readonly styleCache = new Map<ts.Type, { chain: readonly Style[]; fire: readonly Style[] }>();
  private readonly memberCache = new Map<ts.Type, Map<string, boolean>>();
  private readonly signatureCache = new Map<Node, readonly ts.Signature[] | null>();
  private readonly chainStylesOf: readonly Style[];
  private readonly objectStyles: readonly Style[];

  constructor(
    private readonly program: ts.Program,
    private readonly map: { get(node: Node): ts.Node | undefined },
    table: StyleTable,
  ) {
    this.chainStylesOf = table.styles.filter((s) => s.kind === 'object' || s.kind === 'executor');
    this.objectStyles = table.styles.filter((s) => s.kind === 'object');
  }

  private get checker(): ts.TypeChecker {
    this.checkerCache ??= this.program.getTypeChecker();
    return this.checkerCache;
  }

  private get intrinsics(): Intrinsics {
    if (!this.intrinsicCache) {
      const c = this.checker;
      const boolean = c.getBooleanType();
      // `boolean` is the union `true | false`: its members carry the boolean-literal flag.
      const booleanLiteral = boolean.isUnion() ? (boolean.types[0]?.flags ?? 0) : boolean.flags;
      this.intrinsicCache = {
        anyFlags: c.getAnyType().flags,
        unknownFlags: c.getUnknownType().flags,
        neverFlags: c.getNeverType().flags,
        kinds: [
          [c.getStringType().flags, 'a string'],
          [c.getNumberType().flags, 'a number'],
          [c.getBigIntType().flags, 'a number'],
          [booleanLiteral, 'a boolean'],
        ],
        nullFlags: c.getNullType().flags,
        undefinedFlags: c.getUndefinedType().flags | c.getVoidType().flags,
        targets: [
          [c.getStringType(), 'a string'],
          [c.getNumberType(), 'a number'],
          [c.getBigIntType(), 'a number'],
          [boolean, 'a boolean'],
        ],
      };
    }
    return this.intrinsicCache;
  }

  /** The type of a node, or undefined (no TS node, or the checker failed). */
  private typeOf(node: Node): ts.Type | undefined {
    const cached = this.typeCache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    let type: ts.Type | null = null;
    const tsNode = this.map.get(node);
    if (tsNode) {
      this.queries++;
      typeCounters.queries++;
      try {
        type = this.checker.getTypeAtLocation(tsNode);
      } catch {
        type = null;
      }
    }
    this.typeCache.set(node, type);
    return type ?? undefined;
  }

  private isTop(type: ts.Type): boolean {
    const { anyFlags, unknownFlags } = this.intrinsics;
    return (type.flags & (anyFlags | unknownFlags)) !== 0;
  }

  private isNever(type: ts.Type): boolean {
    return (type.flags & this.intrinsics.neverFlags) !== 0;
  }

  /** The members of a union (or the type itself), `null`/`undefined`/`void`/`never` removed. */
  private members(type: ts.Type): ts.Type[] {
    const all = type.isUnion() ? type.types : [type];
    return all.filter((t) => this.nullishKind(t) === undefined && !this.isNever(t));
  }

  private nullishKind(type: ts.Type): 'null' | 'undefined' | undefined {
    if (this.isTop(type)) return undefined;
    const { nullFlags, undefinedFlags } = this.intrinsics;
    if ((type.flags & nullFlags) !== 0) return 'null';
    if ((type.flags & undefinedFlags) !== 0) return 'undefined';
    return undefined;
  }

  /** What a non-union type is when it is a primitive: string, number, bigint, boolean, null, undefined. */
  private primitiveKind(type: ts.Type): TypedNonError | undefined {
    if (this.isTop(type) || isTypeParameter(type)) return undefined;
    const nullish = this.nullishKind(type);
    if (nullish) return nullish;
    for (const [flags, kind] of this.intrinsics.kinds) if ((type.flags & flags) !== 0) return kind;
    if (type.isStringLiteral()) return 'a string';
    if (type.isNumberLiteral()) return 'a number';
    // Template literal types, string mappings, enums: ask the checker where it can answer.
    const checker = this.checker;
    if (typeof checker.isTypeAssignableTo === 'function' && type.getCallSignatures().length === 0) {
      try {
        for (const [target, kind] of this.intrinsics.targets) if (checker.isTypeAssignableTo(type, target)) return kind;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** Does the type have a callable member of that name? */
  private hasMethod(type: ts.Type, name: string): boolean {
    let byName = this.memberCache.get(type);
    if (!byName) this.memberCache.set(type, (byName = new Map()));
    let has = byName.get(name);
    if (has === undefined) {
      has = false;
      try {
        const apparent = this.checker.getApparentType(type);
        const symbol = apparent.getProperty(name);
        if (symbol) {
          const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
          const member = declaration ? this.checker.getTypeOfSymbolAtLocation(symbol, declaration) : this.checker.getTypeOfSymbol(symbol);
          has = this.checker.getNonNullableType(member).getCallSignatures().length > 0;
        }
      } catch {
        has = false;
      }
      byName.set(name, has);
    }
    return has;
  }

  private stylesOfType(type: ts.Type): { chain: readonly Style[]; fire: readonly Style[] } {
    let found = this.styleCache.get(type);
    if (found) return found;
    found = { chain: NO_STYLES, fire: NO_STYLES };
    const members = this.isTop(type) ? [] : this.members(type);
    if (members.length > 0 && members.every((m) => !this.isTop(m) && !isTypeParameter(m) && !this.primitiveKind(m))) {
      const chain = this.chainStylesOf.filter((style) => members.every((m) => this.matchesChainStyle(m, style)));
      const fire = this.objectStyles.filter((style) => chain.includes(style) && members.every((m) => this.matchesFireStyle(m, style)));
      found = { chain, fire };
    }
    this.styleCache.set(type, found);
    return found;
  }

  private matchesChainStyle(type: ts.Type, style: Style): boolean {
    const needed =
      style.kind === 'executor' ? [style.links.pair[0]] : [style.links.success[0], style.links.error[0]];
    return needed.every((name) => name !== undefined) && needed.every((name) => this.hasMethod(type, name!));
  }

  private matchesFireStyle(type: ts.Type, style: Style): boolean {
    const success = style.fire.success[0];
    const error = style.fire.error[0];
    return success !== undefined && error !== undefined && this.hasMethod(type, success) && this.hasMethod(type, error);
  }

  chainStyles(node: Node): readonly Style[] {
    const type = this.typeOf(node);
    return type ? this.stylesOfType(type).chain : NO_STYLES;
  }

  fireStyles(node: Node): readonly Style[] {
    const type = this.typeOf(node);
    return type ? this.stylesOfType(type).fire : NO_STYLES;
  }

  private named(styles: readonly Style[], name: string): boolean {
    return styles.some((s) => s.name === name);
  }

  isTwistedDeferred(node: Node): boolean {
    return this.named(this.fireStyles(node), 'twisted');
  }

  isJQueryDeferred(node: Node): boolean {
    return this.named(this.chainStyles(node), 'jquery');
  }

  isPromiseLike(node: Node): boolean {
    return this.named(this.chainStyles(node), 'promise');
  }

  /** Is every member of the type Error-like (has `message` and `name`)? */
  private errorLike(type: ts.Type): boolean {
    const members = this.isTop(type) ? [] : this.members(type);
    return (
      members.length > 0 &&
      members.every((m) => {
        if (this.isTop(m) || isTypeParameter(m) || this.primitiveKind(m)) return false;
        try {
          const apparent = this.checker.getApparentType(m);
          return apparent.getProperty('message') !== undefined && apparent.getProperty('name') !== undefined;
        } catch {
          return false;
        }
      })
    );
  }

  /** Can no member of the type be an Error? Primitives, and object types without `message`. */
  private neverError(type: ts.Type): boolean {
    if (this.isTop(type)) return false;
    const members = this.members(type);
    return members.every((m) => {
      if (this.isTop(m) || isTypeParameter(m)) return false;
      if (this.primitiveKind(m)) return true;
      try {
        const apparent = this.checker.getApparentType(m);
        // `{}` and `object` accept an Error too.
        if (apparent.getProperties().length === 0) return false;
        return apparent.getProperty('message') === undefined;
      } catch {
        return false;
      }
    });
  }

  /** The types of the first parameter of every call signature of the node's type. */
  private firstParameterTypes(node: Node): ts.Type[] | undefined {
    const type = this.typeOf(node);
    if (!type || this.isTop(type)) return undefined;
    const tsNode = this.map.get(node);
    if (!tsNode) return undefined;
    const signatures: ts.Signature[] = [];
    for (const member of this.members(type)) {
      const own = member.getCallSignatures();
      if (own.length === 0) return undefined;
      signatures.push(...own);
    }
    if (signatures.length === 0) return undefined;
    const firsts: ts.Type[] = [];
    try {
      for (const signature of signatures) {
        const first = signature.getParameters()[0];
        if (!first) return undefined;
        firsts.push(this.checker.getTypeOfSymbolAtLocation(first, tsNode));
      }
    } catch {
      return undefined;
    }
    return firsts;
  }

  isErrorFirstCallbackType(node: Node): boolean {
    const firsts = this.firstParameterTypes(node);
    return firsts !== undefined && firsts.every((t) => this.errorLike(t));
  }

  isValueCallbackType(node: Node): boolean {
    const firsts = this.firstParameterTypes(node);
    return firsts !== undefined && firsts.every((t) => this.neverError(t));
  }

  isErrorType(node: Node): boolean {
    const type = this.typeOf(node);
    return type !== undefined && this.errorLike(type);
  }

  nonErrorKind(node: Node): TypedNonError | undefined {
    const type = this.typeOf(node);
    if (!type || this.isTop(type)) return undefined;
    const all = type.isUnion() ? type.types : [type];
    let nullish: TypedNonError | undefined;
    let other: TypedNonError | undefined;
    for (const member of all) {
      if (this.isNever(member)) continue;
      const kind = this.primitiveKind(member);
      if (!kind) return undefined;
      if (kind === 'null' || kind === 'undefined') nullish ??= kind;
      else other ??= kind;
    }
    return other ?? nullish;
  }

  /**
   * The call signatures of the callee's type (every member of a union). Reading them costs far
   * less than resolving the call, which type-checks its arguments (function bodies included).
   */
  private calleeSignatures(call: TSESTree.CallExpression): readonly ts.Signature[] | undefined {
    const cached = this.signatureCache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    let signatures: readonly ts.Signature[] | null = null;
    const type = this.typeOf(call.callee);
    if (type && !this.isTop(type)) {
      try {
        const all = this.members(type).flatMap((m) => m.getCallSignatures());
        if (all.length > 0) signatures = all;
      } catch {
        signatures = null;
      }
    }
    this.signatureCache.set(call, signatures);
    return signatures ?? undefined;
  }

  returnsVoid(node: Node): boolean {
    const type = this.typeOf(node);
    if (!type || this.isTop(type)) return false;
    try {
      const signatures = this.members(type).flatMap((m) => m.getCallSignatures());
      return (
        signatures.length > 0 &&
        signatures.every((signature) => {
          const returned = signature.getReturnType();
          const all = returned.isUnion() ? returned.types : [returned];
          return all.every((t) => this.nullishKind(t) === 'undefined');
        })
      );
    } catch {
      return false;
    }
  }

  returnsChain(call: TSESTree.CallExpression): readonly Style[] {
    const signatures = this.calleeSignatures(call);
    if (!signatures) return NO_STYLES;
    let found: readonly Style[] | undefined;
    try {
      for (const signature of signatures) {
        const styles = this.stylesOfType(signature.getReturnType()).chain;
        if (found === undefined) found = styles;
        // Overloads that disagree: only the call's own resolution can say which one applies.
        else if (styles.length !== found.length || styles.some((s, i) => s !== found![i])) return this.chainStyles(call);
      }
    } catch {
      return NO_STYLES;
    }
    return found ?? NO_STYLES;
  }

  signatureParameters(
    call: TSESTree.CallExpression,
    relevant: (parameters: readonly SignatureParameter[]) => boolean = () => true,
  ): readonly SignatureParameter[] | undefined {
    const signatures = this.calleeSignatures(call);
    if (!signatures) return undefined;
    const candidates = signatures.map(parametersOf);
    const useful = candidates.filter(relevant);
    if (useful.length === 0) return undefined;
    if (candidates.length === 1) return candidates[0];
    // Overloads: the one the call resolves to.
    const tsCall = this.map.get(call);
    if (!tsCall) return undefined;
    this.queries++;
    typeCounters.queries++;
    try {
      const signature = this.checker.getResolvedSignature(tsCall as ts.CallExpression);
      return signature ? parametersOf(signature) : undefined;
    } catch {
      return undefined;
    }
  }
}

function parametersOf(signature: ts.Signature): SignatureParameter[] {
  return signature.getParameters().map((symbol) => {
    const declaration = symbol.valueDeclaration as (ts.Node & { initializer?: unknown; dotDotDotToken?: unknown }) | undefined;
    return { name: symbol.name, optionalByDesign: Boolean(declaration?.initializer || declaration?.dotDotDotToken) };
  });
}

/** Not a type guard: `Type.isTypeParameter` narrows a plain `Type` to `never` on its false branch. */
function isTypeParameter(type: ts.Type): boolean {
  return type.isTypeParameter();
}
