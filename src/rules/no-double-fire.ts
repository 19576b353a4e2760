import type { TSESTree } from '@typescript-eslint/utils';
import { findDoubleFires, type DoubleFire } from '../analysis/double-fire.js';
import { onFileAnalysed } from '../analysis/file-analysis.js';
import type { RepeatReason } from '../analysis/invocations.js';
import { consequenceOfSecondFire } from '../analysis/wording.js';
import { createRule } from '../utils/create-rule.js';

export type MessageIds = 'certain' | 'potential' | 'bothSides' | 'repeated' | 'afterHandOff' | 'suggestReturn';
export type Options = [];

function where(reason: RepeatReason | undefined): string {
  switch (reason?.kind) {
    case 'iteration':
      return `by \`${reason.method}\`, once per element`;
    case 'event':
      return `on every '${reason.event}' event`;
    case 'interval':
      return 'by `setInterval`, again and again';
    default:
      return 'inside a loop, so it can run more than once';
  }
}

export default createRule<MessageIds, Options>({
  name: 'no-double-fire',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow firing a callback, resolver or deferred more than once on a path',
      recommended: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      certain: '`{{name}}` was already called at line {{line}} on every path that reaches this call; {{consequence}}.',
      potential: '`{{name}}` may already have been called at line {{line}}; {{consequence}}.',
      bothSides:
        'The {{side}} side (`{{name}}`) fires here, but the {{earlierSide}} side (`{{earlier}}`) may already have fired at line {{line}}; {{consequence}}.',
      repeated: '`{{name}}` is called {{where}}; {{consequence}}.',
      afterHandOff:
        '`{{name}}` was already handed to `{{callee}}` at line {{line}}, which calls it; {{consequence}}.',
      suggestReturn: 'Return at line {{line}} so that `{{earlier}}` is the last call on that path.',
    },
  },
  create(context, _options, file) {
    const report = (d: DoubleFire): void => {
      const consequence = consequenceOfSecondFire(d.completion, d.name);
      const node = d.node as TSESTree.Node;
      const line = d.earlier ? String(d.earlier.node.loc.start.line) : '';
      switch (d.kind) {
        case 'repeated':
          context.report({ node, messageId: 'repeated', data: { name: d.name, where: where(d.reason), consequence } });
          return;
        case 'afterHandOff':
          context.report({
            node,
            messageId: 'afterHandOff',
            data: { name: d.name, callee: d.earlier?.callee ?? 'another function', line, consequence },
          });
          return;
        default: {
          const stmt = d.returnBefore;
          const suggest = stmt
            ? [
                {
                  messageId: 'suggestReturn' as const,
                  data: { line, earlier: d.earlier?.name ?? d.name },
                  fix: (fixer: Parameters<NonNullable<Parameters<typeof context.report>[0]['fix']>>[0]) =>
                    fixer.insertTextBefore(stmt.expression, 'return '),
                },
              ]
            : [];
          if (d.kind === 'bothSides') {
            context.report({
              node,
              messageId: 'bothSides',
              data: {
                side: d.side,
                name: d.name,
                earlierSide: d.earlier?.side ?? 'other',
                earlier: d.earlier?.name ?? d.name,
                line,
                consequence,
              },
              suggest,
            });
          } else {
            context.report({ node, messageId: d.kind, data: { name: d.name, line, consequence }, suggest });
          }
        }
      }
    };
    return onFileAnalysed(file, (analysis) => {
      for (const d of findDoubleFires(analysis)) report(d);
    }) as ReturnType<NonNullable<Parameters<typeof createRule<MessageIds, Options>>[0]['create']>>;
  },
});
