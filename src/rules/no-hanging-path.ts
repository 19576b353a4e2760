import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { onFileAnalysed } from '../analysis/file-analysis.js';
import { findHangingPaths, type HangingFinding } from '../analysis/hanging-paths.js';
import { isFunctionValue } from '../analysis/syntax.js';
import { completionLabel, consequenceOfHang, errorSideCallee } from '../analysis/wording.js';
import { createRule } from '../utils/create-rule.js';

export type MessageIds =
  | 'hangingPath'
  | 'swallowedError'
  | 'ignoredError'
  | 'successOnErrorPath'
  | 'lostError'
  | 'lostErrorThenSuccess'
  | 'forwardError';
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
    messages: {
      hangingPath: 'This path ends without firing {{name}}, which other paths fire: {{consequence}}.',
      swallowedError: 'The error caught here never reaches {{name}} and is not rethrown: the caller never learns that the operation failed.',
      ignoredError: 'When `{{param}}` holds an error, this path ends without passing it to {{name}}: {{consequence}}.',
      successOnErrorPath:
        '{{name}} reports success where `{{param}}` may hold an error: the error is lost and the caller goes on without a result.',
      lostError: "This 'error' listener only logs `{{param}}`: the error never reaches {{name}}, and {{consequence}}.",
      lostErrorThenSuccess:
        "This 'error' listener only logs `{{param}}`: the error never reaches {{name}}, and the '{{event}}' listener (line {{line}}), which also runs after an error, reports success: the caller goes on as if nothing failed.",
      forwardError: 'Pass `{{param}}` to `{{callee}}`.',
    },
  },
  create(context, _options, file) {
    const sourceCode = file.sourceCode;
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
      // Only idempotent completions: a callback or a Twisted Deferred fired from both the 'error'
      // listener and the success listener would be a double fire (they need one deciding place).
      if (f.kind === 'lostError' && !f.successAfter && f.param && f.fn && f.completion.idempotent) {
        // A parameter of the listener with the callee's name would shadow it.
        const base = callee.split('.')[0];
        if (f.fn.params.some((p) => p.type === 'Identifier' && p.name === base)) return [];
        const param = f.param.name;
        const call = `${callee}(${param});`;
        const body = f.fn.body;
        const fix: TSESLint.ReportFixFunction =
          body.type === 'BlockStatement'
            ? (fixer) => {
                const last = body.body[body.body.length - 1]!;
                return fixer.insertTextAfter(last, `\n${' '.repeat(last.loc.start.column)}${call}`);
              }
            : (fixer) => fixer.replaceText(body, `{ ${sourceCode.getText(body)}; ${call} }`);
        return [{ messageId: 'forwardError', data: { param, callee }, fix }];
      }
      if (f.kind === 'swallowedError' && node.type === 'CatchClause' && node.body.body.length === 0) {
        const param = f.param?.name ?? 'error';
        const replacement = `catch (${param}) {\n${' '.repeat(node.loc.start.column + 2)}return ${callee}(${param});\n${' '.repeat(node.loc.start.column)}}`;
        return [{ messageId: 'forwardError', data: { param, callee }, fix: (fixer) => fixer.replaceText(node, replacement) }];
      }
      return [];
    };
    return onFileAnalysed(file, (analysis) => {
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
        if (f.kind === 'lostError') {
          const errorName = errorSide ? `\`${errorSide}\`` : name;
          const after = f.successAfter;
          if (after) {
            const data = { param, name: errorName, event: after.event, line: String(after.fire.loc.start.line) };
            context.report({ node, messageId: 'lostErrorThenSuccess', data, suggest: [] });
          } else {
            context.report({ node, messageId: 'lostError', data: { param, name: errorName, consequence }, suggest: suggestions(f) });
          }
          continue;
        }
        const data = { name: f.kind === 'successOnErrorPath' ? fired : name, consequence, param };
        context.report({ ...where, messageId: f.kind, data, suggest: suggestions(f) });
      }
    }) as ReturnType<NonNullable<Parameters<typeof createRule<MessageIds, Options>>[0]['create']>>;
  },
});
