import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type ChainLink, type Handler, getChainModel, hasLinkCalls, nextValueReader, valueSequences } from '../analysis/chains.js';
import { mergeListeners, nodeIndexListeners } from '../analysis/node-index.js';
import { type Nothing, returnFacts, returnsNothing } from '../analysis/returns.js';
import {
  type FunctionNode,
  type SourceCode,
  enclosingFunction,
  isPresenceCheck,
  parameterVariable,
  unwrap,
  walk,
} from '../analysis/scope.js';
import { getStyleTable } from '../analysis/styles.js';
import { getTypeInfo } from '../analysis/types.js';
import { createRule } from '../utils/create-rule.js';

export type MessageIds = 'resultDropped' | 'errbackRecovers' | 'returnValue';
export type Options = [{ errbacks?: boolean }];

export default createRule<MessageIds, Options>({
  name: 'no-dropped-result',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow chain links that return nothing while the next link reads the result',
      recommended: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        description: 'Which handlers to check.',
        properties: {
          errbacks: {
            type: 'boolean',
            description:
              'Report error handlers that return nothing, so that the chain recovers with `undefined` (in addition to success handlers).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ errbacks: true }],
    messages: {
      resultDropped:
        '{{producer}} returns nothing{{when}}, so {{reader}} (line {{line}}) receives `undefined` as `{{param}}`: a link\'s return value replaces the chain\'s result.',
      errbackRecovers:
        '{{producer}} handles the error but returns nothing{{when}}, so the chain carries on as a success with `undefined`: {{reader}} (line {{line}}) receives `undefined` as `{{param}}`.',
      returnValue: 'Return `{{value}}` at the end of the handler, passing the result on unchanged.',
    },
  },
  create(context, options, file) {
    // Indexed, not destructured (`[options]`): array destructuring goes through the iterator
    // protocol, on every file.
    const errbacks = options[0].errbacks !== false;
    const sourceCode = file.sourceCode;
    const table = getStyleTable(file.settings);
    return mergeListeners(nodeIndexListeners(sourceCode), {
      'Program:exit'() {
        // No link call, no chain (nor anything below made: most files have none).
        if (!hasLinkCalls(sourceCode, table)) return;
        const tracker = returnFacts(sourceCode);

        const name = (handler: Handler): string | undefined => {
          const node = unwrap(handler.node);
          return node.type === 'Identifier' || node.type === 'MemberExpression' ? sourceCode.getText(node) : undefined;
        };
        const loc = (handler: Handler, fn: FunctionNode): TSESTree.SourceLocation =>
          unwrap(handler.node) === fn ? { start: fn.loc.start, end: fn.body.loc.start } : handler.node.loc;

        const reported = new Set<string>();
        const check = (
          producer: ChainLink,
          side: 'success' | 'error',
          reader: ChainLink,
          param: string,
          later: boolean,
        ): void => {
          const handler = producer[side];
          if (!handler) return;
          const key = `${handler.node.range[0]}:${side}`;
          if (reported.has(key)) return;
          // A handler not written in this file (`import { logPoem }`, `this.log`): with type
          // information, its signatures say whether it returns anything.
          const nothing: Nothing | undefined = handler.fn
            ? returnsNothing(sourceCode, tracker, handler.fn)
            : getTypeInfo(sourceCode, table)?.returnsVoid(handler.node)
              ? 'always'
              : undefined;
          if (!nothing) return;
          reported.add(key);
          const producerName = name(handler);
          const readerName = name(reader.success!);
          context.report({
            loc: handler.fn ? loc(handler, handler.fn) : handler.node.loc,
            messageId: side === 'success' ? 'resultDropped' : 'errbackRecovers',
            data: {
              producer: producerName ? `\`${producerName}\`` : 'This handler',
              when: nothing === 'sometimes' ? ' on some paths' : '',
              reader: readerName
                ? `\`${readerName}\` in the ${later ? 'first link that reads it' : 'next link'}`
                : later
                  ? "the handler of the first link that reads it"
                  : "the next link's handler",
              line: reader.success!.node.loc.start.line,
              param,
            },
            suggest: side === 'success' && handler.fn ? returnSuggestion(sourceCode, handler.fn) : [],
          });
        };

        const model = getChainModel(sourceCode, table);
        const sequences = valueSequences(model);
        // Plain loops, no closure per sequence: this runs once per file, too rarely to be optimised.
        for (let s = 0; s < sequences.length; s++) {
          const links = sequences[s]!;
          producers: for (let index = 0; index < links.length; index++) {
            const producer = links[index]!;
            if (!producer.transforms) continue;
            // Links that only pass their argument on (`addBoth((r) => { stop(); return r; })`)
            // are transparent: the value that matters is the one the link after them reads.
            let reader: ChainLink | undefined;
            let param: string | undefined;
            let later = false;
            for (let at = index; ; at = links.indexOf(reader), later = true) {
              reader = nextValueReader(links, at);
              const readFn = reader?.success?.fn;
              if (!reader || !readFn) continue producers;
              const use = readParameter(sourceCode, readFn);
              if (use === undefined) continue producers;
              if (use === PASS_THROUGH) continue;
              param = use;
              break;
            }
            if (producer.side !== 'error') check(producer, 'success', reader, param, later);
            // A both link's single handler was checked as the success side.
            if (errbacks && (producer.side === 'error' || producer.side === 'pair') && producer.error) {
              check(producer, 'error', reader, param, later);
            }
          }
        }
      },
    });
  },
});

const PASS_THROUGH = Symbol('pass-through');

/**
 * The name of the handler's first parameter when the handler uses it as a value: not `_`-prefixed,
 * read at least once, and not only checked for presence (`if (result)` copes with `undefined`).
 * A destructuring pattern always reads it. `PASS_THROUGH` when it is only returned unchanged.
 */
function readParameter(sourceCode: SourceCode, fn: FunctionNode): string | typeof PASS_THROUGH | undefined {
  const first = fn.params[0];
  if (!first) return undefined;
  if (first.type === 'ObjectPattern' || first.type === 'ArrayPattern') return sourceCode.getText(first);
  if (first.type !== 'Identifier' || first.name.startsWith('_')) return undefined;
  const variable = parameterVariable(sourceCode, fn, first.name);
  const reads = (variable?.references ?? []).filter((r) => r.isRead()).map((r) => r.identifier as TSESTree.Identifier);
  if (reads.length === 0 || reads.every(isPresenceCheck)) return undefined;
  if (reads.every((id) => isReturnedAsIs(id, fn))) return PASS_THROUGH;
  return first.name;
}

/** `return poem;` before the end of a handler whose end is reachable and which has no `return;`. */
function returnSuggestion(sourceCode: SourceCode, fn: FunctionNode): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const first = fn.params[0];
  if (fn.body.type !== 'BlockStatement' || first?.type !== 'Identifier' || fn.async) return [];
  const body = fn.body;
  const last = body.body.at(-1);
  if (!last || containsBareReturn(sourceCode, fn)) return [];
  const lineStart = sourceCode.text.lastIndexOf('\n', last.range[0] - 1) + 1;
  const before = sourceCode.text.slice(lineStart, last.range[0]);
  const separator = /^\s*$/u.test(before) ? `\n${before}` : ' ';
  return [
    {
      messageId: 'returnValue',
      data: { value: first.name },
      fix: (fixer) => fixer.insertTextAfter(last, `${separator}return ${first.name};`),
    },
  ];
}

function isReturnedAsIs(id: TSESTree.Identifier, fn: FunctionNode): boolean {
  const parent = id.parent;
  if (parent === fn && fn.body === id) return true;
  return parent?.type === 'ReturnStatement' && parent.argument === id && enclosingFunction(parent) === fn;
}

function containsBareReturn(sourceCode: SourceCode, fn: FunctionNode): boolean {
  let found = false;
  walk(sourceCode, fn.body, (node) => {
    if (node.type === 'ReturnStatement' && !node.argument && enclosingFunction(node) === fn) found = true;
  });
  return found;
}
