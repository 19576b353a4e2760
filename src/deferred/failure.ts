/**
 * A class that `Failure.check`/`Failure.trap` can match: any constructor (matched with
 * `instanceof`, or by identity with `type` for primitive values), or a class name (matched against
 * the names of the value's constructor and of every constructor up its prototype chain, as Twisted
 * matches fully-qualified names).
 */
export type ErrorClass = abstract new (...args: never[]) => unknown;
export type ErrorMatcher = ErrorClass | string;

/**
 * An error travelling down a Deferred's errback chain: Twisted's `twisted.python.failure.Failure`.
 *
 * Errbacks always receive a `Failure`; `value` is the thing that was thrown or passed to
 * `errback()`. JavaScript throws any value, so unlike Python a `Failure` wraps non-`Error` values
 * too (strings, `undefined`, …); `type` is then the value's constructor (`String`, …) or
 * `undefined` for `null`/`undefined`.
 */
export class Failure<E = unknown> {
  /** The thrown value (usually an `Error`). */
  readonly value: E;
  /** The constructor of `value`: for an `Error`, its class. */
  readonly type: ErrorClass | undefined;

  /**
   * Wrap `error`. Wrapping another `Failure` copies it (Twisted does the same). Called with no
   * argument at all, there is no "current exception" in JavaScript to fall back on as Twisted does,
   * so the failure wraps a new `Error` saying so, whose stack shows where it was created.
   */
  constructor(...args: [error?: E]) {
    if (args.length === 0) {
      this.value = new Error('Failure created without an error (pass the caught error explicitly)') as E;
    } else {
      const error = args[0] as E;
      this.value = error instanceof Failure ? (error.value as E) : error;
    }
    this.type = constructorOf(this.value);
  }

  /**
   * The first of `types` that the value is an instance of, else `null`. Strings match class names
   * along the prototype chain.
   */
  check<const C extends readonly ErrorMatcher[]>(...types: C): C[number] | null {
    for (const type of types) {
      if (typeof type === 'string') {
        if (classNames(this.value).includes(type)) return type;
      } else if (typeof this.value === 'object' && this.value !== null) {
        if (this.value instanceof (type as unknown as new () => unknown)) return type;
      } else if (this.type === type) {
        return type;
      }
    }
    return null;
  }

  /**
   * In an errback: return the matching type if the value is one of `types`; otherwise rethrow the
   * value, so the failure goes on down the errback chain (a thrown value becomes a new `Failure`
   * with the same `value`, as in Twisted on Python 3).
   */
  trap<const C extends readonly ErrorMatcher[]>(...types: C): C[number] {
    const match = this.check(...types);
    if (match === null) this.raiseException();
    return match;
  }

  /**
   * Let go of the objects the value's stack trace refers to. V8 keeps the functions and receivers
   * of an error's stack frames until `stack` is first read; a Deferred on that stack would then be
   * kept alive by its own failure and never reported as unhandled (Twisted cleans failures for
   * the same reason). Reading `stack` formats it and drops them.
   */
  cleanFailure(): void {
    const value: unknown = this.value;
    if (value instanceof Error) void value.stack;
  }

  /** Throw the wrapped value. */
  raiseException(): never {
    throw this.value;
  }

  /** The error's message (`error.message` for an `Error`, else the value as a string). */
  getErrorMessage(): string {
    const value: unknown = this.value;
    if (value instanceof Failure) return value.getErrorMessage();
    if (value instanceof Error) return value.message;
    return safeString(value);
  }

  /** The value's stack trace when it has one, else `Type: message`. */
  getTraceback(): string {
    const value: unknown = this.value;
    if (value instanceof Error && typeof value.stack === 'string' && value.stack !== '') return value.stack;
    return `${this.typeName()}: ${this.getErrorMessage()}`;
  }

  /** `[Failure instance: TypeName: message]`, the analogue of Twisted's `str(failure)`. */
  toString(): string {
    return `[Failure instance: ${this.typeName()}: ${this.getErrorMessage()}]`;
  }

  private typeName(): string {
    const value: unknown = this.value;
    if (value instanceof Error && typeof value.name === 'string' && value.name !== '') return value.name;
    return this.type?.name ?? String(value);
  }
}

function constructorOf(value: unknown): ErrorClass | undefined {
  if (value === null || value === undefined) return undefined;
  const ctor: unknown = (Object(value) as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' ? (ctor as ErrorClass) : undefined;
}

function classNames(value: unknown): string[] {
  const names: string[] = [];
  if (value === null || value === undefined) return names;
  for (let proto: unknown = Object.getPrototypeOf(Object(value)); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const ctor: unknown = (proto as { constructor?: unknown }).constructor;
    if (typeof ctor === 'function' && ctor.name !== '') names.push(ctor.name);
  }
  return names;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
