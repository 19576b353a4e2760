/**
 * The use index of one completion: every syntactic place where the completion is fired, passed
 * on, captured by an inner function, or lost — each attached to the recorded *item* (call, `new`,
 * assignment, `return`) at which the path engine applies it.
 *
 * - a **fire call**: the callee is a binding (`cb(err)`, `done.call(this, e)`, `(cb || noop)()`),
 *   an object fire method (`d.errback(e)`), or a member completion (`self.callback(null, v)`);
 * - an **argument use**: a binding, a fire method (`d.callback`), a bound binding
 *   (`cb.bind(null, err)`) or a *capturing* function passed to a call — the invocation classifier
 *   decides what that means;
 * - an **inline use**: a capturing function called directly (`finish(err)`, an IIFE);
 * - a **lose**: stored, returned, put in a literal — a hand-off the engine does not follow;
 * - a **reset** (member completions): the member is assigned again.
 *
 * A function *captures* the completion when it (or a function it contains) uses it. Capturing
 * functions declared with a name (`function finish(err) { cb(err) }`, `const finish = …`) are
 * followed through the references to that name.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Binding, Completion, Variable } from './completions.js';
import { memberKey } from './completions.js';
import type { FireSide } from './styles.js';
import {
  calleeDottedName,
  enclosingRoot,
  isFunctionValue,
  isPathRoot,
  propertyName,
  unwrapExpression,
  valueParent,
  type FunctionNode,
  type Node,
  type PathRoot,
} from './syntax.js';

/** What a use refers to: the completion itself (one of its sides), or a function that uses it. */
export type UseTarget =
  | { readonly type: 'ref'; readonly side: FireSide | undefined; readonly name: string }
  | { readonly type: 'fn'; readonly fn: FunctionNode };

export interface FireCall {
  readonly node: TSESTree.CallExpression;
  /** Fixed side (executor, pair, object method); undefined: read from the arguments (node). */
  readonly side: FireSide | undefined;
  /** How the fire reads in source: `cb`, `reject`, `d.errback`. */
  readonly name: string;
  /** The arguments the completion receives; undefined for `apply` (unknown). */
  readonly args: readonly Node[] | undefined;
}

export type Use =
  | {
      readonly kind: 'arg';
      readonly index: number;
      /** The argument as written (`cb`, `cb.bind(null, e)`, `d.callback`, an arrow). */
      readonly value: Node;
      readonly target: UseTarget;
      /** Arguments fixed by `.bind(thisArg, …args)`. */
      readonly bound: readonly Node[] | undefined;
    }
  | { readonly kind: 'inline'; readonly fn: FunctionNode; readonly value: Node }
  | { readonly kind: 'lose'; readonly value: Node }
  | { readonly kind: 'reset'; readonly value: Node };

export interface UseIndex {
  readonly fireCalls: ReadonlyMap<Node, FireCall>;
  readonly uses: ReadonlyMap<Node, readonly Use[]>;
  /** Functions (other than the owner) that use the completion, directly or through inner functions. */
  readonly capturing: ReadonlySet<FunctionNode>;
  /** Path roots where the completion is used: candidates for standalone analysis. */
  readonly roots: readonly PathRoot[];
  /** A use the engine cannot place on a path (no recorded item around it): do not analyse. */
  readonly unplaceable: boolean;
}

export interface UseInput {
  readonly resolve: (id: TSESTree.Identifier) => Variable | undefined;
  /** Member fire calls and member arguments, found by scanning recorded calls. */
  readonly calls: readonly (TSESTree.CallExpression | TSESTree.NewExpression)[];
  readonly assignments: readonly TSESTree.AssignmentExpression[];
  /** Per assignment, the property its left side writes, or `''` (see `PathCollector.assignedProperties`). */
  readonly assignedProperties: readonly string[];
  /** The calls' member callees and arguments by property name (see {@link indexMemberSites}); built from `calls` if absent. */
  readonly memberSites?: ReadonlyMap<string, readonly MemberSite[]>;
}

/**
 * A member expression (`x.done`, `this['cb']`) at a call: its callee (`index` -1, only for calls,
 * not `new`) or an argument (`index` ≥ 0).
 */
export interface MemberSite {
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly index: number;
  readonly member: TSESTree.MemberExpression;
}

/**
 * The member sites of the calls by property name, in call order and, per call, callee first then
 * arguments in order: what every member completion looks for, indexed once per file rather than
 * scanned per completion.
 */
export function indexMemberSites(calls: readonly (TSESTree.CallExpression | TSESTree.NewExpression)[]): Map<string, MemberSite[]> {
  const sites = new Map<string, MemberSite[]>();
  const add = (call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, node: Node): void => {
    const n = unwrapExpression(node);
    if (n.type !== 'MemberExpression') return;
    const prop = propertyName(n);
    if (prop === undefined) return;
    const site = { call, index, member: n };
    const list = sites.get(prop);
    if (list) list.push(site);
    else sites.set(prop, [site]);
  };
  for (const call of calls) {
    if (call.type === 'CallExpression') add(call, -1, call.callee);
    const args = call.arguments;
    for (let i = 0; i < args.length; i++) add(call, i, args[i]!);
  }
  return sites;
}

const NO_SITES: readonly MemberSite[] = Object.freeze([]);

const ITEM_TYPES = new Set(['CallExpression', 'NewExpression', 'AssignmentExpression', 'ReturnStatement']);

export function indexUses(c: Completion, input: UseInput): UseIndex {
  const fireCalls = new Map<Node, FireCall>();
  const uses = new Map<Node, Use[]>();
  const capturing = new Set<FunctionNode>();
  const named = new Map<Variable, FunctionNode>();
  // A completion has one to a few bindings: looked up in the list, with no set built per completion.
  const bindings = c.bindings;
  const isBinding = (variable: Variable): boolean => {
    for (let i = 0; i < bindings.length; i++) if (bindings[i]!.variable === variable) return true;
    return false;
  };
  const rootsSet = new Set<PathRoot>();
  let unplaceable = false;
  const pendingFns: FunctionNode[] = [];

  const addUse = (item: Node, use: Use): void => {
    const list = uses.get(item);
    if (list) list.push(use);
    else uses.set(item, [use]);
  };

  /** Marks the functions between `node` and the owner as capturing; remembers the innermost root. */
  const reach = (node: Node): void => {
    const root = enclosingRoot(node);
    rootsSet.add(root);
    let current: Node | undefined = root;
    while (current && current !== c.owner && current.type !== 'Program') {
      if (isFunctionValue(current)) {
        if (capturing.has(current)) return;
        capturing.add(current);
        pendingFns.push(current);
      }
      current = current.parent ? enclosingRootOrUndefined(current) : undefined;
    }
  };

  const lose = (from: Node): void => {
    const item = anchorOf(from);
    if (item) addUse(item, { kind: 'lose', value: from });
    else unplaceable = true;
  };

  /** Places a value use: the completion (`ref`) or a capturing function (`fn`). */
  const place = (value: Node, target: UseTarget, bound: readonly Node[] | undefined): void => {
    const { parent, child } = valueParent(value);
    if (!parent) return;
    switch (parent.type) {
      case 'CallExpression': {
        if (parent.callee === child) {
          if (target.type === 'ref') {
            fireCalls.set(parent, { node: parent, side: target.side, name: target.name, args: bound ? [...bound, ...parent.arguments] : parent.arguments });
          } else {
            addUse(parent, { kind: 'inline', fn: target.fn, value });
          }
          return;
        }
        const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
        if (index >= 0) addUse(parent, { kind: 'arg', index, value, target, bound });
        return;
      }
      case 'NewExpression': {
        const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
        if (index >= 0) addUse(parent, { kind: 'arg', index, value, target, bound });
        else lose(parent);
        return;
      }
      case 'MemberExpression': {
        if (parent.object !== child) return;
        const prop = propertyName(parent);
        const { parent: outer, child: outerChild } = valueParent(parent);
        if (outer?.type === 'CallExpression' && outer.callee === outerChild) {
          if (prop === 'call' || prop === 'apply') {
            if (target.type === 'ref') {
              fireCalls.set(outer, {
                node: outer,
                side: target.side,
                name: target.name,
                args: prop === 'call' && !bound ? outer.arguments.slice(1) : undefined,
              });
            } else {
              addUse(outer, { kind: 'inline', fn: target.fn, value });
            }
            return;
          }
          if (prop === 'bind') {
            place(outer, target, outer.arguments.slice(1));
            return;
          }
        }
        // cb.length, fn.name: reading a property does not fire or hand off.
        return;
      }
      case 'UnaryExpression':
      case 'BinaryExpression':
      case 'IfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'SwitchStatement':
      case 'SwitchCase':
      case 'ExpressionStatement':
      case 'AwaitExpression':
        return;
      case 'ConditionalExpression':
        if (parent.test === child) return;
        place(parent, target, bound);
        return;
      case 'LogicalExpression':
        // `cb && cb()`: the left operand of && is only tested.
        if (parent.operator === '&&' && parent.left === child) return;
        place(parent, target, bound);
        return;
      case 'VariableDeclarator': {
        if (parent.init === child && parent.id.type === 'Identifier') {
          const variable = input.resolve(parent.id);
          if (variable && (isBinding(variable) || named.has(variable))) return;
        }
        lose(parent);
        return;
      }
      case 'AssignmentExpression': {
        if (parent.left === child) return;
        if (parent.left.type === 'Identifier') {
          const variable = input.resolve(parent.left);
          if (variable && isBinding(variable)) return;
        }
        addUse(parent, { kind: 'lose', value });
        return;
      }
      case 'ReturnStatement':
        addUse(parent, { kind: 'lose', value });
        return;
      case 'SequenceExpression':
        if (parent.expressions[parent.expressions.length - 1] === child) place(parent, target, bound);
        return;
      default:
        lose(parent);
    }
  };

  // Function bindings and their aliases.
  /** The side of the last binding of `variable` (two bindings may share a variable). */
  const sideOf = (variable: Variable): Binding['side'] => {
    let side: Binding['side'] | undefined;
    for (let i = 0; i < bindings.length; i++) if (bindings[i]!.variable === variable) side = bindings[i]!.side;
    return side!;
  };
  for (const b of c.bindings) {
    // One target per binding, shared by its references (uses keep it, never change it).
    const target: UseTarget = { type: 'ref', side: sideOf(b.variable), name: b.name };
    for (const ref of b.variable.references) {
      if (ref.isWrite()) continue;
      const id = ref.identifier as Node;
      reach(id);
      place(id, target, undefined);
    }
  }

  // Object completions: `d.callback(v)` fires, `foo(d)` and stores hand it off, `return d` does not.
  if (c.object) {
    for (const ref of c.object.references) {
      if (ref.isWrite()) continue;
      const id = ref.identifier as Node;
      const { parent, child } = valueParent(id);
      if (!parent) continue;
      if (parent.type === 'MemberExpression' && parent.object === child) {
        const method = propertyName(parent);
        const fire = method === undefined ? undefined : c.fireMethods.get(method);
        if (!fire) continue;
        reach(id);
        place(parent, { type: 'ref', side: fire.side, name: `${c.name}.${method}` }, undefined);
        continue;
      }
      if (
        parent.type === 'ReturnStatement' ||
        parent.type === 'AwaitExpression' ||
        parent.type === 'IfStatement' ||
        parent.type === 'UnaryExpression' ||
        parent.type === 'BinaryExpression' ||
        parent.type === 'ExpressionStatement' ||
        (parent.type === 'VariableDeclarator' && parent.init === child && parent.id.type !== 'Identifier') ||
        (parent.type === 'LogicalExpression' && parent.left === child)
      ) {
        continue;
      }
      reach(id);
      if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee !== child) {
        addUse(parent, { kind: 'lose', value: id });
      } else {
        lose(id);
      }
    }
  }

  // Member completions: scan calls whose callee (or an argument) is the member path.
  if (c.memberKey !== undefined) {
    const key = c.memberKey;
    const prop = key.slice(key.lastIndexOf('.') + 1);
    const sites = (input.memberSites ?? indexMemberSites(input.calls)).get(prop) ?? NO_SITES;
    // A call whose callee is the member fires it; its arguments are not looked at.
    let fired: Node | undefined;
    for (const site of sites) {
      const call = site.call;
      if (call === fired || memberKey(site.member, input.resolve) !== key) continue;
      if (site.index < 0) {
        // Only calls have a callee site (see `indexMemberSites`).
        const fire = call as TSESTree.CallExpression;
        fired = call;
        reach(call);
        fireCalls.set(fire, { node: fire, side: c.memberSide, name: calleeDottedName(fire.callee) ?? key, args: fire.arguments });
        continue;
      }
      const arg = call.arguments[site.index]!;
      reach(arg);
      addUse(call, { kind: 'arg', index: site.index, value: arg, target: { type: 'ref', side: c.memberSide, name: key }, bound: undefined });
    }
    const matches = (node: Node): node is TSESTree.MemberExpression => {
      const n = unwrapExpression(node);
      return n.type === 'MemberExpression' && propertyName(n) === prop && memberKey(n, input.resolve) === key;
    };
    const { assignments, assignedProperties } = input;
    for (let i = 0; i < assignments.length; i++) {
      if (assignedProperties[i] !== prop) continue;
      const assignment = assignments[i]!;
      if (assignment.left.type === 'MemberExpression' && matches(assignment.left)) {
        addUse(assignment, { kind: 'reset', value: assignment });
      }
    }
  }

  // Capturing functions: place each where it is used; named ones through their references.
  while (pendingFns.length > 0) {
    const fn = pendingFns.pop()!;
    const parent = fn.parent;
    let nameVar: Variable | undefined;
    if (fn.type === 'FunctionDeclaration' && fn.id) {
      nameVar = input.resolve(fn.id);
    } else if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') {
      const variable = input.resolve(parent.id);
      if (variable && variable.references.filter((r) => r.isWrite()).length === 1) nameVar = variable;
    }
    // A named function expression refers to itself by its name (`function retry() { … retry … }`).
    const selfName = fn.type === 'FunctionExpression' && fn.id ? input.resolve(fn.id) : undefined;
    const target: UseTarget = { type: 'fn', fn };
    for (let v = 0; v < 2; v++) {
      const variable = v === 0 ? nameVar : selfName;
      if (!variable || named.has(variable)) continue;
      named.set(variable, fn);
      for (const ref of variable.references) {
        if (ref.isWrite()) continue;
        const id = ref.identifier as Node;
        reach(id);
        place(id, target, undefined);
      }
    }
    if (nameVar || fn.type === 'FunctionDeclaration') continue;
    place(fn, target, undefined);
  }

  // Both sets in insertion order, without the owner, then by position (as a sort of their union).
  const roots: PathRoot[] = [];
  for (const r of rootsSet) if (r !== c.owner) roots.push(r);
  for (const r of capturing) if (r !== c.owner && !rootsSet.has(r)) roots.push(r);
  if (roots.length > 1) roots.sort((a, b) => a.range[0] - b.range[0]);
  return { fireCalls, uses, capturing, roots, unplaceable };
}

function enclosingRootOrUndefined(node: Node): Node | undefined {
  let current = node.parent;
  while (current) {
    if (isPathRoot(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** The nearest recorded item around `node`, within its code path. */
function anchorOf(node: Node): Node | undefined {
  let current: Node | undefined = node;
  while (current) {
    if (ITEM_TYPES.has(current.type)) return current;
    if (current !== node && isPathRoot(current)) return undefined;
    current = current.parent;
  }
  return undefined;
}
