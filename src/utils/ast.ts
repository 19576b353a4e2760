import type { TSESTree } from '@typescript-eslint/utils';

/**
 * The dotted name of a callee or member path — `$.Deferred`, `defer.succeed`, `this.callback` —
 * or undefined when any part is computed or not a plain name.
 */
export function dottedName(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'ThisExpression':
      return 'this';
    case 'Super':
      return 'super';
    case 'MemberExpression': {
      if (node.computed || node.property.type !== 'Identifier') return undefined;
      const object = dottedName(node.object);
      return object === undefined ? undefined : `${object}.${node.property.name}`;
    }
    case 'ChainExpression':
      return dottedName(node.expression);
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'TSTypeAssertion':
    case 'TSSatisfiesExpression':
      return dottedName(node.expression);
    default:
      return undefined;
  }
}

/** The property name of a member access `a.b` / `a['b']` when it is static. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') {
    return node.property.value;
  }
  return undefined;
}

/** Strips parentheses-free wrappers that do not change a value: `x!`, `x as T`, `<T>x`, `x satisfies T`. */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSAsExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'TSSatisfiesExpression'
  ) {
    current = current.expression;
  }
  return current;
}

export function isFunctionNode(
  node: TSESTree.Node,
): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return (
    node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression'
  );
}
