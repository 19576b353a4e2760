import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  type Chain,
  type ChainLink,
  type ChainModel,
  type Holder,
  dispositionOf,
  findFloatingCalls,
  getChainModel,
  hasLinkCalls,
  holderLinks,
} from '../analysis/chains.js';
import { errorForwardTarget, forwardingHandlerText } from '../analysis/forwarding.js';
import { mergeListeners, nodeIndexListeners } from '../analysis/node-index.js';
import { type ErrorFirstCallback, type MissingErrbackCall, errorFirstProblems, getCallbackModel, mayHavePairCalls } from '../analysis/node-callbacks.js';
import { enclosingFunction, unwrap } from '../analysis/scope.js';
import { type Style, getStyleTable } from '../analysis/styles.js';
import { createRule } from '../utils/create-rule.js';

export type MessageIds =
  | 'chainWithoutErrback'
  | 'holderWithoutErrback'
  | 'rethrowOnly'
  | 'errorIgnored'
  | 'errorOnlyLogged'
  | 'valueUsedAfterError'
  | 'missingErrback'
  | 'missingTypedErrback'
  | 'floatingChain'
  | 'forwardError'
  | 'checkError'
  | 'passErrback';
export type Options = [
  {
    errorFirstCallbacks?: boolean;
    pairCalls?: boolean;
    sharedDeferreds?: boolean;
    floatingPromises?: boolean;
  },
];

export default createRule<MessageIds, Options>({
  name: 'require-errback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every chain, error-first callback and success/error pair call to handle the error side',
      recommended: 'error',
      strictOptions: [{ sharedDeferreds: true }],
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        description: 'Which kinds of unhandled errors to report.',
        properties: {
          errorFirstCallbacks: {
            type: 'boolean',
            description:
              'Report error-first callbacks that never read their error, or only log it and then use the value as if the call had succeeded.',
          },
          pairCalls: {
            type: 'boolean',
            description:
              'Report calls of success/error pair APIs declared in the same file (or, with type information, known from their signatures) that leave out the error callback.',
          },
          sharedDeferreds: {
            type: 'boolean',
            description:
              'Also report success-only links on a Twisted or jQuery deferred reached through a parameter or a property (`this.deferred.addCallback(f)`), which whoever shared it may give an errback later.',
          },
          floatingPromises: {
            type: 'boolean',
            description:
              'With type information, also report a call used as a statement that returns a plain promise (`fetchThing();`). Off by default: typescript-eslint’s `no-floating-promises` reports those; calls returning a deferred are reported either way.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ errorFirstCallbacks: true, pairCalls: true, sharedDeferreds: false, floatingPromises: false }],
    messages: {
      chainWithoutErrback:
        'This chain on `{{head}}` has no error link ({{errorLinks}}) and is not returned, awaited or passed on: if it fails, nothing handles the error and the failure goes unnoticed.',
      holderWithoutErrback:
        '`{{name}}` (line {{line}}) only ever gets success links and is not returned, awaited or passed on: if it fails, nothing handles the error and the failure goes unnoticed.',
      rethrowOnly:
        'The last error link of this chain only rethrows, and the chain is not returned, awaited or passed on: the rethrown error reaches no handler.',
      errorIgnored:
        '`{{error}}` is never read: if `{{callee}}` fails, this callback carries on as if it had succeeded. Handle the error, or name the parameter `_{{error}}` to ignore it on purpose.',
      errorOnlyLogged:
        '`{{error}}` is only logged: if `{{callee}}` fails, `{{value}}` is still used at line {{line}} as if the call had succeeded.',
      valueUsedAfterError:
        'The check of `{{error}}` at line {{checkLine}} only logs and falls through: if `{{callee}}` fails, `{{value}}` is still used at line {{line}} as if the call had succeeded.',
      missingErrback:
        '`{{name}}` takes an error callback `{{errback}}` (line {{line}}), but this call passes none: if it fails, nothing hears about it.',
      missingTypedErrback:
        '`{{name}}` takes an error callback `{{errback}}` (from its type), but this call passes none: if it fails, nothing hears about it.',
      floatingChain:
        '`{{head}}` returns {{what}} that is not returned, awaited or given an error link ({{errorLinks}}): if it fails, nothing handles the error and the failure goes unnoticed.',
      forwardError: 'Append `.{{link}}({{handler}})` to forward the error to `{{target}}`.',
      checkError: 'Forward `{{error}}` to `{{target}}` before going on.',
      passErrback: 'Pass `{{target}}` on as the error callback `{{errback}}`.',
    },
  },
  create(context, given, file) {
    // Indexed, not destructured (`[options]`): array destructuring goes through the iterator
    // protocol, on every file. ESLint merges meta.defaultOptions in; the comparisons keep those
    // defaults if a host does not.
    const options = given[0];
    const errorFirstCallbacks = options.errorFirstCallbacks !== false;
    const pairCalls = options.pairCalls !== false;
    const sharedDeferreds = options.sharedDeferreds === true;
    const floatingPromises = options.floatingPromises === true;
    const sourceCode = file.sourceCode;
    const table = getStyleTable(file.settings);

    const text = (node: TSESTree.Node, max = 40): string => {
      const raw = sourceCode.getText(node).replace(/\s+/gu, ' ');
      return raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
    };
    const errorLinkNames = (styles: readonly Style[]): string => {
      const style = styles[0];
      const names = style
        ? [...style.links.error.map((m) => `\`${m}\``), ...style.links.pair.map((m) => `\`${m}(…, onError)\``)]
        : [];
      return names.join(' or ') || 'none in this style';
    };
    const linkLoc = (link: ChainLink, end: TSESTree.Node): TSESTree.SourceLocation => ({
      start: link.property.loc.start,
      end: end.loc.end,
    });

    const forwardSuggestion = (
      chain: Chain,
      holder: Holder | undefined,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] =>
      forwardErrorAfter(chain.outer, chain.styles, holder?.variable ?? chain.headVariable);

    /** Appends the style's error link to `outer`, forwarding to the enclosing function's error side. */
    const forwardErrorAfter = (
      outer: TSESTree.Expression,
      styles: readonly Style[],
      exclude: Chain['headVariable'],
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] => {
      const model = getChainModel(sourceCode, table);
      const target = errorForwardTarget(table, model, outer, exclude);
      const link = styles[0]?.links.error[0];
      if (!target || link === undefined) return [];
      const handler = forwardingHandlerText(target);
      return [
        {
          messageId: 'forwardError',
          data: { link, handler, target: target.kind === 'deferred' ? `${target.name}.${target.method}` : target.name },
          fix: (fixer) => fixer.insertTextAfter(outer, `.${link}(${handler})`),
        },
      ];
    };

    /** Reports a run of links that never stops an error, or whose last error link only rethrows. */
    const checkLinks = (links: readonly ChainLink[], last: Chain, holder: Holder | undefined): void => {
      // The last link that stops errors (what `errorCatchingLinks` would end with), found without the list.
      let lastCatch: ChainLink | undefined;
      for (let i = links.length - 1; i >= 0; i--) {
        if (links[i]!.catchesErrors) {
          lastCatch = links[i];
          break;
        }
      }
      if (!lastCatch) {
        // An `always` handler that reads the outcome's arguments sees the failure and may report it.
        if (links.some((link) => link.observesErrors)) return;
        const finalLink = last.links.at(-1)!;
        if (holder) {
          const declared = holder.variable.identifiers[0];
          context.report({
            loc: linkLoc(finalLink, last.outer),
            messageId: 'holderWithoutErrback',
            data: { name: holder.variable.name, line: declared?.loc.start.line ?? finalLink.call.loc.start.line },
            suggest: forwardSuggestion(last, holder),
          });
        } else {
          context.report({
            loc: linkLoc(finalLink, last.outer),
            messageId: 'chainWithoutErrback',
            data: { head: text(last.head), errorLinks: errorLinkNames(last.styles) },
            suggest: forwardSuggestion(last, undefined),
          });
        }
        return;
      }
      if (lastCatch.error?.fn && onlyRethrows(lastCatch.error.fn)) {
        context.report({ loc: linkLoc(lastCatch, lastCatch.call), messageId: 'rethrowOnly' });
      }
    };

    const checkErrorFirst = (callback: ErrorFirstCallback): void => {
      const { problem, errorParam, call } = callback;
      if (!problem) return;
      const callee = text(call.callee, 30);
      if (problem.kind === 'ignored') {
        context.report({
          node: errorParam,
          messageId: 'errorIgnored',
          data: { error: errorParam.name, callee },
          suggest: checkErrorSuggestion(callback),
        });
      } else if (problem.kind === 'only-logged') {
        context.report({
          node: problem.valueRead,
          messageId: 'errorOnlyLogged',
          data: { error: errorParam.name, callee, value: problem.valueRead.name, line: problem.valueRead.loc.start.line },
        });
      } else {
        context.report({
          node: problem.valueRead,
          messageId: 'valueUsedAfterError',
          data: {
            error: errorParam.name,
            callee,
            value: problem.valueRead.name,
            line: problem.valueRead.loc.start.line,
            checkLine: problem.check.loc.start.line,
          },
        });
      }
    };

    /** `if (err) return cb(err);` at the top of an inline callback whose enclosing function has an error side. */
    const checkErrorSuggestion = (callback: ErrorFirstCallback): TSESLint.SuggestionReportDescriptor<MessageIds>[] => {
      const { fn, argument, errorParam } = callback;
      if (unwrap(argument) !== fn || fn.body.type !== 'BlockStatement') return [];
      const first = fn.body.body[0];
      const outer = enclosingFunction(callback.call);
      if (!first || !outer) return [];
      const target = errorForwardTarget(table, getChainModel(sourceCode, table), callback.call);
      if (!target) return [];
      const targetText = target.kind === 'deferred' ? `${target.name}.${target.method}` : target.name;
      if (targetText === errorParam.name || fn.params.some((p) => p.type === 'Identifier' && p.name === targetText)) return [];
      const lineStart = sourceCode.text.lastIndexOf('\n', first.range[0] - 1) + 1;
      const before = sourceCode.text.slice(lineStart, first.range[0]);
      const separator = /^\s*$/u.test(before) ? `\n${before}` : ' ';
      const err = errorParam.name;
      return [
        {
          messageId: 'checkError',
          data: { error: err, target: targetText },
          fix: (fixer) => fixer.insertTextBefore(first, `if (${err}) return ${targetText}(${err});${separator}`),
        },
      ];
    };

    return mergeListeners(nodeIndexListeners(sourceCode), {
      'Program:exit'() {
        // A file without link calls has no chain to check; the model is then built only if a
        // suggestion looks for a deferred to forward to. (Each part below is skipped whole when
        // the file has nothing for it, as most files have: no iteration over an empty list.)
        if (hasLinkCalls(sourceCode, table)) checkChains(getChainModel(sourceCode, table));

        // With type information: `getPoem();` drops a deferred (or, on request, a promise) whole.
        const floatingCalls = findFloatingCalls(sourceCode, table);
        for (let i = 0; i < floatingCalls.length; i++) {
          const floating = floatingCalls[i]!;
          if (!floating.deferred && !floatingPromises) continue;
          context.report({
            node: floating.call,
            messageId: 'floatingChain',
            data: {
              head: text(floating.call),
              what: floating.deferred ? 'a deferred' : 'a promise',
              errorLinks: errorLinkNames(floating.styles),
            },
            suggest: forwardErrorAfter(floating.call, floating.styles, undefined),
          });
        }

        // Only the callbacks with a problem are reported: found without looking for the calls
        // of the functions without one (almost all of them).
        if (errorFirstCallbacks) {
          const problems = errorFirstProblems(sourceCode, table);
          for (let i = 0; i < problems.length; i++) checkErrorFirst(problems[i]!);
        }
        // Most files declare no pair API (and have no types): the model is not asked.
        if (pairCalls && mayHavePairCalls(sourceCode, table)) reportMissing(getCallbackModel(sourceCode, table).missingErrbacks);
      },
    });

    function checkChains(model: ChainModel): void {
      for (const chain of model.chains) {
        if (chain.headVariable && model.holderOf(chain.headVariable)) continue;
        if (dispositionOf(chain.fate) !== 'discarded') continue;
        // `this.d.addCallback(f)`: links on a deferred object others hold; they may add the errback.
        if (!sharedDeferreds && chain.headKind === 'other' && chain.styles.every((s) => s.kind === 'object')) continue;
        checkLinks(chain.links, chain, undefined);
      }
      for (const holder of model.holders) {
        if (holder.escape && !(sharedDeferreds && holder.escape.reason === 'shared-deferred')) continue;
        const links = holderLinks(holder);
        if (links.length === 0) continue;
        const chains = [...new Set([...holder.valueChains, ...holder.chains])];
        const last = chains.reduce((a, b) => (b.outer.range[0] > a.outer.range[0] ? b : a));
        checkLinks(links, last, holder);
      }
    }

    function reportMissing(missing: readonly MissingErrbackCall[]): void {
      for (const { call, api, name, errorName, errorIndex } of missing) {
        const target = errorForwardTarget(table, getChainModel(sourceCode, table), call);
        const targetText = target && (target.kind === 'deferred' ? `${target.name}.${target.method}` : target.name);
        const lastArgument = call.arguments.at(-1)!;
        context.report({
          node: call,
          ...(api
            ? { messageId: 'missingErrback', data: { name, errback: errorName, line: api.fn.loc.start.line } }
            : { messageId: 'missingTypedErrback', data: { name, errback: errorName } }),
          suggest:
            targetText !== undefined && call.arguments.length === errorIndex && enclosingFunction(call) !== api?.fn
              ? [
                  {
                    messageId: 'passErrback',
                    data: { target: targetText, errback: errorName },
                    fix: (fixer) => fixer.insertTextAfter(lastArgument, `, ${targetText}`),
                  },
                ]
              : [],
        });
      }
    }
  },
});

/** A handler whose whole body is `throw …`: it stops nothing. */
function onlyRethrows(fn: NonNullable<ChainLink['error']>['fn']): boolean {
  if (!fn || fn.body.type !== 'BlockStatement') return false;
  const statements = fn.body.body;
  return statements.length === 1 && statements[0]!.type === 'ThrowStatement';
}
