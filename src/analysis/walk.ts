import type { TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from './scope.js';

/**
 * Visits every node below `root` (root included) in source order, following the parser's visitor
 * keys so that TypeScript nodes are covered too.
 */
export function walk(sourceCode: SourceCode, root: TSESTree.Node, enter: (node: TSESTree.Node) => void): void {
  const keys = sourceCode.visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    enter(node);
    const childKeys = keys[node.type] ?? [];
    // Pushed in reverse so that children pop in source order.
    for (let k = childKeys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[childKeys[k]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child = value[i] as TSESTree.Node | null;
          if (child && typeof child.type === 'string') stack.push(child);
        }
      } else if (value && typeof (value as TSESTree.Node).type === 'string') {
        stack.push(value as TSESTree.Node);
      }
    }
  }
}
