/**
 * Guard keys: the bindings whose truthiness the path engine tracks in its worlds, with their ids,
 * shared by every completion analysed in a file.
 *
 * A key is
 * - a variable every write of which is a plain assignment inside the analysed unit (owner or
 *   standalone function), worth tracking because it is a boolean flag (`called = true`), an error
 *   (`err`, a catch parameter), or never written and tested more than once
 *   (`if (data) …; if (!data) …`);
 * - a member path assigned a boolean somewhere in the file (`this.finished = true`);
 * - a *settled* key for a promise/deferred binding that receives links in more than one statement
 *   (`p.then(f); p.catch(g)`): whether it settled successfully.
 *
 * Tracking few keys keeps the number of worlds small. Results are cached per node and unit, and
 * edge conditions per segment and unit (the tests on the edges, which do not depend on the unit,
 * are worked out once per path by the engine).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Segment } from './collector.js';
import type { Variable } from './completions.js';
import { conditionsOf, type Condition, type EdgeTest } from './conditions.js';
import type { StyleTable } from './styles.js';
import { contains, isBranchTest, isErrorName, memberPath, propertyName, unwrapExpression, type Node, type PathRoot } from './syntax.js';

export class GuardKeys {
  private readonly ids = new Map<unknown, number>();
  private readonly scopes = new Map<number, Node>();
  private readonly variableFacts = new Map<Variable, VariableFacts>();
  /** Per unit: the key of each guard expression asked about, -1 when it is none. */
  private readonly nodeKeys = new Map<Node, Map<Node, number>>();
  private readonly conditions = new Map<Node, Map<Segment, ReadonlyMap<Segment, Condition> | undefined>>();
  /** Member paths that are keys, per member node (the same in every unit). */
  private readonly memberKeys = new Map<Node, number | undefined>();
  private readonly settleTokens = new Map<Variable, object>();
  private booleanMembers: Set<string> | undefined;
  /** Completion bindings (see `markBindings`), gathered on first use: most variables asked about are settled without them. */
  private bindings: Set<Variable> | undefined;
  private bindingSource: readonly CompletionBindings[] = [];

  constructor(
    private readonly resolve: (id: TSESTree.Identifier) => Variable | undefined,
    private readonly assignments: readonly TSESTree.AssignmentExpression[],
    private readonly table: StyleTable,
  ) {}

  /** The key of a guard expression (identifier or member path) in `unit`, if it is one. */
  keyOf(node: Node, unit: PathRoot): number | undefined {
    let perUnit = this.nodeKeys.get(unit);
    if (!perUnit) this.nodeKeys.set(unit, (perUnit = new Map()));
    // One lookup: "not a key" is cached as -1 (key ids are never negative).
    const cached = perUnit.get(node);
    if (cached !== undefined) return cached < 0 ? undefined : cached;
    const key = this.computeKey(node, unit);
    perUnit.set(node, key ?? -1);
    return key;
  }

  /** The key of a variable (a completion binding tested as `if (!cb)`), when it is trackable in `unit`. */
  keyOfVariable(variable: Variable, unit: PathRoot): number | undefined {
    if (this.verdict(variable, unit) === 0) return undefined;
    return this.idFor(variable, variable.scope.block as Node);
  }

  /**
   * The bindings of these completions are always worth a key, so that `if (cb) … else …` splits
   * worlds. Read when a variable's worth is first asked and not settled otherwise.
   */
  markBindings(completions: readonly CompletionBindings[]): void {
    this.bindingSource = completions;
    this.bindings = undefined;
  }

  private isBinding(variable: Variable): boolean {
    let set = this.bindings;
    if (!set) {
      set = this.bindings = new Set();
      for (const c of this.bindingSource) for (const b of c.bindings) set.add(b.variable);
    }
    return set.has(variable);
  }

  /** The node whose scope declares the key's variable (keys of a function's locals are forgotten when it returns). */
  scopeOf(key: number): Node | undefined {
    return this.scopes.get(key);
  }

  /** Conditions on the out-edges of a segment whose edge tests are known (see `conditions.ts`), for `unit`'s keys (cached). */
  conditionsOn(segment: Segment, tests: readonly EdgeTest[], unit: PathRoot): ReadonlyMap<Segment, Condition> | undefined {
    let perUnit = this.conditions.get(unit);
    if (!perUnit) this.conditions.set(unit, (perUnit = new Map()));
    let conds = perUnit.get(segment);
    if (conds === undefined && !perUnit.has(segment)) {
      conds = conditionsOf(segment, tests, (node) => this.keyOf(node, unit));
      perUnit.set(segment, conds);
    }
    return conds;
  }

  /**
   * The key "the promise/deferred held by this binding settled successfully", for a binding that
   * receives links in more than one statement (otherwise the chain simulation needs no key).
   */
  settleKey(node: Node, unit: PathRoot): number | undefined {
    if (node.type !== 'Identifier') return undefined;
    const variable = this.resolve(node);
    if (!variable || this.verdict(variable, unit) === 0) return undefined;
    let receivers = 0;
    for (const r of variable.references) {
      const parent = (r.identifier as Node).parent;
      if (parent?.type === 'MemberExpression' && parent.object === r.identifier) {
        const name = propertyName(parent);
        if (name !== undefined && this.table.linksNamed(name).length > 0) receivers++;
      }
    }
    if (receivers < 2) return undefined;
    let token = this.settleTokens.get(variable);
    if (!token) this.settleTokens.set(variable, (token = {}));
    return this.idFor(token, variable.scope.block as Node);
  }

  private computeKey(node: Node, unit: PathRoot): number | undefined {
    const n = unwrapExpression(node);
    if (n.type === 'Identifier') {
      const variable = this.resolve(n);
      if (!variable || this.verdict(variable, unit) !== 2) return undefined;
      return this.idFor(variable, variable.scope.block as Node);
    }
    if (n.type === 'MemberExpression') {
      if (this.memberKeys.has(n)) return this.memberKeys.get(n);
      const path = memberPath(n);
      const key = path === undefined || !this.flagMembers().has(path) ? undefined : this.idFor(path, undefined);
      this.memberKeys.set(n, key);
      return key;
    }
    return undefined;
  }

  /** 0: not trackable (written outside the unit or not by plain assignment); 1: trackable; 2: worth a key. */
  private verdict(variable: Variable, unit: PathRoot): number {
    const facts = this.factsOf(variable);
    const writes = facts.plainWrites;
    if (!writes) return 0;
    for (const id of writes) if (!contains(unit, id)) return 0;
    return facts.worthy ? 2 : 1;
  }

  /**
   * What the verdict needs to know about a variable whatever the unit, read from its references
   * once per file: its writes (other than the declaration's), when each is a plain `x = …`, and
   * whether it is worth a key. Only "every such write is inside the unit" depends on the unit.
   */
  private factsOf(variable: Variable): VariableFacts {
    let facts = this.variableFacts.get(variable);
    if (facts) return facts;
    let writes = 0;
    let flagWrites = 0;
    let tests = 0;
    let plainWrites: Node[] | undefined = [];
    for (const r of variable.references) {
      const id = r.identifier as Node;
      if (r.isWrite()) {
        const value = r.writeExpr as Node | null | undefined;
        if (value && isBooleanLiteral(value)) flagWrites++;
        if (r.init) continue;
        writes++;
        const parent = id.parent;
        if (parent?.type === 'AssignmentExpression' && parent.left === id && parent.operator === '=') plainWrites?.push(id);
        else plainWrites = undefined;
      } else if (isTestPosition(id)) {
        tests++;
      }
    }
    // The counts first (at hand), then the completion bindings, then the (cold) name.
    const worthy =
      (flagWrites > 0 && writes > 0) ||
      (writes === 0 && tests >= 2) ||
      this.isBinding(variable) ||
      isErrorName(variable.name) ||
      variable.defs[0]?.type === 'CatchClause';
    facts = { plainWrites, worthy };
    this.variableFacts.set(variable, facts);
    return facts;
  }

  private flagMembers(): ReadonlySet<string> {
    if (!this.booleanMembers) {
      this.booleanMembers = new Set();
      for (const a of this.assignments) {
        if (a.left.type !== 'MemberExpression' || !isBooleanLiteral(a.right)) continue;
        const path = memberPath(a.left);
        if (path !== undefined) this.booleanMembers.add(path);
      }
    }
    return this.booleanMembers;
  }

  private idFor(key: unknown, scopeNode: Node | undefined): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      if (scopeNode) this.scopes.set(id, scopeNode);
    }
    return id;
  }
}

/** What `markBindings` reads of a completion. */
interface CompletionBindings {
  readonly bindings: readonly { readonly variable: Variable }[];
}

/** See `GuardKeys.factsOf`. */
interface VariableFacts {
  /** The writes after the declaration, when every one is a plain `x = …` (undefined otherwise). */
  readonly plainWrites: readonly Node[] | undefined;
  /** A flag, an error, a completion binding, or tested more than once and never written. */
  readonly worthy: boolean;
}

/** `true`, `false`, `!0`, `!1`. */
function isBooleanLiteral(node: Node): boolean {
  const n = unwrapExpression(node);
  if (n.type === 'Literal') return typeof n.value === 'boolean';
  return n.type === 'UnaryExpression' && n.operator === '!' && n.argument.type === 'Literal';
}

/** Is the identifier read as a condition (`if (x)`, `!x`, `x && …`, `x == null`)? */
function isTestPosition(id: Node): boolean {
  if (isBranchTest(id)) return true;
  const parent = id.parent;
  switch (parent?.type) {
    case 'LogicalExpression':
      return true;
    case 'UnaryExpression':
      return parent.operator === '!';
    case 'BinaryExpression':
      return parent.operator === '==' || parent.operator === '!=' || parent.operator === '===' || parent.operator === '!==';
    default:
      return false;
  }
}
