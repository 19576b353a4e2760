import type { TSESTree } from '@typescript-eslint/utils';
import { findNonErrorFires } from '../analysis/error-values.js';
import { onFileAnalysed } from '../analysis/file-analysis.js';
import { createRule } from '../utils/create-rule.js';

export type MessageIds = 'notAnError' | 'wrapInError';
export type Options = [{ allowEmptyReject?: boolean }];

export default createRule<MessageIds, Options>({
  name: 'errback-with-error',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the error side of a callback, promise or deferred to be fired with an Error',
      recommended: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          allowEmptyReject: {
            type: 'boolean',
            description: 'Allow firing an error side with no value at all (`reject()`, `d.errback()`).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowEmptyReject: false }],
    messages: {
      notAnError:
        '`{{name}}` fires its error side with {{what}}, not an Error: the handler gets no stack trace and fails `instanceof Error` checks.',
      wrapInError: 'Wrap the value in `new Error(…)`.',
    },
  },
  create(context, options, file) {
    // Indexed, not destructured (`[options]`): array destructuring goes through the iterator
    // protocol, on every file.
    const allowEmpty = options[0].allowEmptyReject === true;
    const sourceCode = file.sourceCode;
    return onFileAnalysed(file, (analysis) => {
      for (const fire of findNonErrorFires(analysis, { allowEmpty })) {
        const argument = fire.argument as TSESTree.Node | undefined;
        const wrappable = argument !== undefined && fire.kind === 'a string';
        context.report({
          node: (argument ?? fire.call) as TSESTree.Node,
          messageId: 'notAnError',
          data: { name: fire.name, what: fire.kind },
          suggest: wrappable
            ? [
                {
                  messageId: 'wrapInError',
                  fix: (fixer) => fixer.replaceText(argument, `new Error(${sourceCode.getText(argument)})`),
                },
              ]
            : [],
        });
      }
    }) as ReturnType<NonNullable<Parameters<typeof createRule<MessageIds, Options>>[0]['create']>>;
  },
});
