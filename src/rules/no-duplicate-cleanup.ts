import type { TSESLint } from '@typescript-eslint/utils';
import {
  type CleanupFinding,
  findChainCleanups,
  findErrorFirstCleanup,
  findPairCallCleanups,
  findTryCleanup,
} from '../analysis/duplicate-cleanup.js';
import { hasLinkCalls } from '../analysis/chains.js';
import { errorNamedFunctions, mayHavePairCalls } from '../analysis/node-callbacks.js';
import { mergeListeners, nodeIndexListeners, tryStatementsWithCatch } from '../analysis/node-index.js';
import { getStyleTable } from '../analysis/styles.js';
import { createRule } from '../utils/create-rule.js';

export type MessageIds =
  | 'sharedEnd'
  | 'sharedEndRunsTwice'
  | 'pairCallCleanup'
  | 'sharedStart'
  | 'identicalHandlers'
  | 'identicalHandlersRunsTwice'
  | 'tryCatch'
  | 'errorFirstStart'
  | 'errorFirstEnd'
  | 'oneSided'
  | 'moveToLink'
  | 'useBothLink'
  | 'moveToFinally'
  | 'hoist';

export type Options = [{ oneSided: boolean }];

export default createRule<MessageIds, Options>({
  name: 'no-duplicate-cleanup',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Disallow the same cleanup at the end of both the success and the error handler',
      recommended: 'warn',
      strictOptions: [{ oneSided: true }],
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        description: 'What else to report.',
        properties: {
          oneSided: {
            type: 'boolean',
            description:
              'Also report cleanup done on the success side only (clearing a timer, releasing, closing, ending, destroying or unlocking a resource, removing a listener, resetting a busy flag set before the operation).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ oneSided: false }],
    messages: {
      sharedEnd:
        '`{{code}}` ends both {{success}} (line {{successLine}}) and {{error}} (line {{errorLine}}). It runs on either outcome, so it belongs in one `{{link}}` link after them; kept in two copies, the next change to one of them leaves the other outcome behind.',
      sharedEndRunsTwice:
        '`{{code}}` ends both {{success}} (line {{successLine}}) and {{error}} (line {{errorLine}}). It runs on either outcome, so it belongs in one `{{link}}` link after them. Today `{{errorLink}}` also runs when the success handler throws, so this code can run twice.',
      pairCallCleanup:
        '`{{code}}` ends both {{success}} (line {{successLine}}) and {{error}} (line {{errorLine}}) passed to `{{api}}`: it runs on either outcome, in two copies that the next change to one of them sets apart. Two separate handlers cannot share a last step; if `{{api}}` returned a deferred or a promise, this code could live once, in one {{links}} link after them.',
      sharedStart:
        '`{{code}}` starts both {{success}} (line {{successLine}}) and {{error}} (line {{errorLine}}). It runs on either outcome; write it once (not moved automatically: a `{{link}}` link would run it after the handlers, not before them).',
      identicalHandlers:
        'Both handlers run the same code ({{success}} at line {{successLine}}, {{error}} at line {{errorLine}}); one `{{link}}` link runs it on either outcome.',
      identicalHandlersRunsTwice:
        'Both handlers run the same code ({{success}} at line {{successLine}}, {{error}} at line {{errorLine}}); one `{{link}}` link runs it on either outcome. Today `{{errorLink}}` also runs when the success handler throws, so this code can run twice.',
      tryCatch:
        '`{{code}}` ends both the `try` block (line {{tryLine}}) and the `catch` block (line {{catchLine}}); a `finally` block runs it once on either outcome. Today, if it throws in the `try` block, the `catch` block runs it a second time.',
      errorFirstStart:
        '`{{code}}` starts both the error branch (line {{errorLine}}) and the success path (line {{successLine}}) of this callback; it runs on either outcome and can run once, before `if ({{test}})`.',
      errorFirstEnd:
        '`{{code}}` is repeated at the end of the error branch (line {{errorLine}}) and of the success path (line {{successLine}}) of this callback; write it once so that both outcomes keep doing the same cleanup (not moved automatically: it runs after each branch\'s own work).',
      oneSided:
        '`{{code}}` runs only in {{success}}, not in {{error}} (line {{errorLine}}): on an error {{consequence}}. Cleanup needed on either outcome belongs in {{place}}.',
      moveToLink: 'Move `{{code}}` into `.{{link}}(…)` after the handlers.',
      useBothLink: 'Use one `.{{link}}(…)` for both outcomes.',
      moveToFinally: 'Move `{{code}}` into a `finally` block.',
      hoist: 'Run `{{code}}` once, before `if ({{test}})`.',
    },
  },
  create(context, given, file) {
    // Indexed, not destructured (`[options]`): array destructuring goes through the iterator
    // protocol, on every file.
    const options = given[0];
    const sourceCode = file.sourceCode as unknown as Readonly<TSESLint.SourceCode>;
    const report = (finding: CleanupFinding | undefined): void => {
      if (!finding) return;
      const { suggestion } = finding;
      context.report({
        loc: finding.loc,
        messageId: finding.kind,
        data: finding.data,
        suggest: suggestion
          ? [
              {
                messageId: suggestion.kind,
                data: suggestion.data,
                fix: (fixer) => suggestion.edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text)),
              },
            ]
          : null,
      });
    };
    const reportAll = (findings: readonly CleanupFinding[]): void => {
      for (let i = 0; i < findings.length; i++) report(findings[i]);
    };
    return mergeListeners(nodeIndexListeners(sourceCode), {
      'Program:exit'() {
        // The try statements with a `catch` (`findTryCleanup` answers nothing for the others),
        // from the collector's catch clauses, in source order: no listener call per try statement.
        // (ESLint puts the reports in source order whichever order they come in.)
        const tries = tryStatementsWithCatch(sourceCode);
        for (let i = 0; i < tries.length; i++) report(findTryCleanup(sourceCode, tries[i]!, options));
        // Every function whose first parameter may name an error, in source order, from one pass
        // over the shared node index (shared with require-errback) rather than a listener each.
        const candidates = errorNamedFunctions(sourceCode);
        for (let i = 0; i < candidates.length; i++) report(findErrorFirstCleanup(sourceCode, candidates[i]!, options));
        const table = getStyleTable(file.settings as Record<string, unknown>);
        // No link call, no chain; no pair API declared here (nor types), no pair call: most files
        // have neither, and skip both (what each `find…` would answer with `[]`).
        if (hasLinkCalls(sourceCode, table)) reportAll(findChainCleanups(sourceCode, table, options));
        if (mayHavePairCalls(sourceCode, table)) reportAll(findPairCallCleanups(sourceCode, table));
      },
    });
  },
});
