import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { onFileAnalysed } from '../analysis/file-analysis.js';
import { findHangingPaths, type HangingFinding } from '../analysis/hanging-paths.js';
import { isFunctionValue } from '../analysis/syntax.js';
import { completionLabel, consequenceOfHang, errorSideCallee } from '../analysis/wording.js';
import { createRule } from '../utils/create-rule.js';

export type MessageIds = 'hangingPath' | 'swallowedError' | 'ignoredError' | 'successOnErrorPath' | 'forwardError';
export type Options = [];

export default createRule<MessageIds, Options>({
  name: 'no-hanging-path',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every path of a function that owns a callback, resolver or deferred to fire it, and every error to reach its error side',
      recommended: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    schema: [],
    // createRule's typing asks every rule for defaultOptions, even an empty list.
    // eslint-disable-next-line eslint-plugin/require-meta-default-options
    defaultOptions: [],
    messages: {
      hangingPath: 'This path ends without firing {{name}}, which other paths fire: {{consequence}}.',
      swallowedError: 'The error caught here never reaches {{name}} and is not rethrown: the caller never learns that the operation failed.',
      ignoredError: 'When `{{param}}` holds an error, this path ends without passing it to {{name}}: {{consequence}}.',
      successOnErrorPath:
        '{{name}} reports success where `{{param}}` may hold an error: the error is lost and the caller goes on without a result.',
      forwardError: 'Pass `{{param}}` to `{{callee}}`.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const suggestions = (f: HangingFinding): TSESLint.ReportSuggestionArray<MessageIds> => {
      const callee = errorSideCallee(f.completion);
      if (!callee) return [];
      const node = f.node as TSESTree.Node;
      if (f.kind === 'ignoredError' && f.param && node.type === 'ReturnStatement' && !node.argument) {
        const param = f.param.name;
        return [{ messageId: 'forwardError', data: { param, callee }, fix: (fixer) => fixer.replaceText(node, `return ${callee}(${param});`) }];
      }
      if (f.kind === 'successOnErrorPath' && f.param && f.fn && node.type === 'CallExpression') {
        const param = f.param.name;
        const fn = f.fn;
        if (fn.body === node) {
          const text = `(${param} ? ${callee}(${param}) : ${sourceCode.getText(node)})`;
          return [{ messageId: 'forwardError', data: { param, callee }, fix: (fixer) => fixer.replaceText(node, text) }];
        }
        const stmt = node.parent;
        if (stmt?.type === 'ExpressionStatement' && stmt.parent === fn.body) {
          const indent = ' '.repeat(stmt.loc.start.column);
          return [
            {
              messageId: 'forwardError',
              data: { param, callee },
              fix: (fixer) => fixer.insertTextBefore(stmt, `if (${param}) return ${callee}(${param});\n${indent}`),
            },
          ];
        }
      }
      if (f.kind === 'swallowedError' && node.type === 'CatchClause' && node.body.body.length === 0) {
        const param = f.param?.name ?? 'error';
        const replacement = `catch (${param}) {\n${' '.repeat(node.loc.start.column + 2)}return ${callee}(${param});\n${' '.repeat(node.loc.start.column)}}`;
        return [{ messageId: 'forwardError', data: { param, callee }, fix: (fixer) => fixer.replaceText(node, replacement) }];
      }
      return [];
    };
    return onFileAnalysed(context, (analysis) => {
      for (const f of findHangingPaths(analysis)) {
        const node = f.node as TSESTree.Node;
        // Lost errors name the error side (`reject`, `cb`, `d.errback`); hanging paths the completion.
        const errorSide = errorSideCallee(f.completion);
        const name = (f.kind === 'ignoredError' || f.kind === 'swallowedError') && errorSide ? `\`${errorSide}\`` : completionLabel(f.completion);
        const consequence = consequenceOfHang(f.completion);
        // A function falling off its end: point at its closing brace, not at the whole function.
        const last = f.atEnd && isFunctionValue(node) ? sourceCode.getLastToken(node.body) : null;
        const where = last ? { loc: last.loc } : { node };
        const param = f.param?.name ?? 'error';
        const fired = f.kind === 'successOnErrorPath' && node.type === 'CallExpression' ? `\`${sourceCode.getText(node.callee)}\`` : name;
        const data = { name: f.kind === 'successOnErrorPath' ? fired : name, consequence, param };
        context.report({ ...where, messageId: f.kind, data, suggest: suggestions(f) });
      }
    }) as ReturnType<NonNullable<Parameters<typeof createRule<MessageIds, Options>>[0]['create']>>;
  },
});
