/**
 * Built-ins that Node 22 has and Node 20 lacks, for the benchmark process only:
 * eslint-plugin-unicorn targets Node 22 and calls the ES2025 `Set` methods and iterator helpers
 * (`generator().some(…)`). Our plugin never relies on them. Each method is added only when
 * missing, with the spec's results for the ordinary cases unicorn exercises; the "set-like"
 * protocol and iterator closing on early exit are simplified.
 */

type SetLike<T> = { has(value: T): boolean; keys(): Iterator<T>; size: number };

function* iterate<T>(it: Iterator<T>): Generator<T> {
  for (let r = it.next(); !r.done; r = it.next()) yield r.value;
}

const setMethods: Record<string, (this: Set<unknown>, other: SetLike<unknown>) => unknown> = {
  union(other) {
    const out = new Set(this);
    for (const v of iterate(other.keys())) out.add(v);
    return out;
  },
  intersection(other) {
    return new Set([...this].filter((v) => other.has(v)));
  },
  difference(other) {
    return new Set([...this].filter((v) => !other.has(v)));
  },
  symmetricDifference(other) {
    const out = new Set(this);
    for (const v of iterate(other.keys())) {
      if (this.has(v)) out.delete(v);
      else out.add(v);
    }
    return out;
  },
  isSubsetOf(other) {
    return [...this].every((v) => other.has(v));
  },
  isSupersetOf(other) {
    for (const v of iterate(other.keys())) if (!this.has(v)) return false;
    return true;
  },
  isDisjointFrom(other) {
    return ![...this].some((v) => other.has(v));
  },
};

type Fn = (value: unknown, index: number) => unknown;

/** Methods of %IteratorPrototype%: every built-in iterator and every generator inherits them. */
const iteratorMethods: Record<string, (this: Iterator<unknown>, ...args: never[]) => unknown> = {
  *map(fn: Fn) {
    let i = 0;
    for (const v of iterate(this)) yield fn(v, i++);
  },
  *filter(fn: Fn) {
    let i = 0;
    for (const v of iterate(this)) if (fn(v, i++)) yield v;
  },
  *flatMap(fn: Fn) {
    let i = 0;
    for (const v of iterate(this)) yield* fn(v, i++) as Iterable<unknown>;
  },
  *take(limit: number) {
    if (limit <= 0) return;
    let n = 0;
    for (const v of iterate(this)) {
      yield v;
      if (++n >= limit) return;
    }
  },
  *drop(count: number) {
    let n = 0;
    for (const v of iterate(this)) if (n++ >= count) yield v;
  },
  some(fn: Fn) {
    let i = 0;
    for (const v of iterate(this)) if (fn(v, i++)) return true;
    return false;
  },
  every(fn: Fn) {
    let i = 0;
    for (const v of iterate(this)) if (!fn(v, i++)) return false;
    return true;
  },
  find(fn: Fn) {
    let i = 0;
    for (const v of iterate(this)) if (fn(v, i++)) return v;
    return undefined;
  },
  forEach(fn: Fn) {
    let i = 0;
    for (const v of iterate(this)) fn(v, i++);
  },
  toArray() {
    return [...iterate(this)];
  },
  reduce(...args: never[]) {
    const [fn, ...initial] = args as unknown as [(acc: unknown, v: unknown, i: number) => unknown, ...unknown[]];
    const it = iterate(this);
    let i = 0;
    let acc: unknown;
    if (initial.length > 0) acc = initial[0];
    else {
      const first = it.next();
      if (first.done) throw new TypeError('Reduce of empty iterator with no initial value');
      acc = first.value;
      i = 1;
    }
    for (const v of it) acc = fn(acc, v, i++);
    return acc;
  },
};

function install(target: object, methods: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(methods)) {
    if (!(name in target)) Object.defineProperty(target, name, { value, writable: true, configurable: true });
  }
}

install(Set.prototype, setMethods);
install(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object, iteratorMethods);

export {};
