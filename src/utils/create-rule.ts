import type { TSESLint } from '@typescript-eslint/utils';
import { endPhase, phaseClock, startPhase } from '../analysis/phase-clock.js';

/** Where each rule's documentation lives; the rule name is appended. */
export const DOCS_BASE_URL =
  'https://github.com/callback-discipline/eslint-plugin-callback-discipline/blob/main/docs/rules/';

/** Severity a rule has in `configs.recommended`; `false` leaves it out. */
export type RecommendedLevel = 'error' | 'warn' | false;

export interface CallbackDisciplineDocs {
  /** "Disallow …" / "Require …" / "Enforce …". */
  description: string;
  /** Severity in the recommended config, or false. */
  recommended: RecommendedLevel;
  /** Options the rule takes in the strict config (defaults otherwise). */
  strictOptions?: readonly unknown[];
  /** Always false: type information refines but is never required. */
  requiresTypeChecking: false;
}

export type RuleDocs = CallbackDisciplineDocs & { url: string };

export type RuleModule<
  MessageIds extends string,
  Options extends readonly unknown[],
> = TSESLint.RuleModule<MessageIds, Options, CallbackDisciplineDocs> & {
  name: string;
};

/** A rule with options states their defaults; a rule without options has none to state. */
type DefaultOptionsOf<Options extends readonly unknown[]> = Options extends readonly []
  ? { defaultOptions?: never }
  : { defaultOptions: Options };

/**
 * What rules read from their context, read once per rule and file by {@link createRule}. ESLint
 * makes every file's rule contexts from a new prototype, so each place in our code that reads a
 * context property misses its inline cache once per file; reading them here, in one place, leaves
 * the rules and the analysis a plain object of one shape.
 */
export interface RuleFile {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly settings: TSESLint.SharedConfigurationSettings;
}

export interface RuleDefinition<MessageIds extends string, Options extends readonly unknown[]> {
  name: string;
  meta: Omit<TSESLint.RuleMetaData<MessageIds, CallbackDisciplineDocs, Options>, 'docs' | 'defaultOptions'> & {
    docs: CallbackDisciplineDocs;
  } & DefaultOptionsOf<Options>;
  /**
   * `options` are the user's options merged over `meta.defaultOptions` (ESLint ≥ 9.15 does the
   * merge); rules never read `context.options` themselves, nor `context.sourceCode` and
   * `context.settings`: `file` has them.
   */
  create(
    context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
    options: Options,
    file: RuleFile,
  ): TSESLint.RuleListener;
}

/**
 * The one factory every rule goes through: it fixes the docs URL from the rule name and hands
 * the merged options to `create`. It adds no runtime dependency: the option merge is ESLint's.
 */
export function createRule<MessageIds extends string, Options extends readonly unknown[]>(
  definition: RuleDefinition<MessageIds, Options>,
): RuleModule<MessageIds, Options> {
  const { name, meta, create } = definition;
  const defaultOptions = ((meta as { defaultOptions?: Options }).defaultOptions ?? []) as unknown as Options;
  return {
    name,
    meta: {
      ...meta,
      docs: { ...meta.docs, url: `${DOCS_BASE_URL}${name}.md` },
    },
    defaultOptions,
    create(context) {
      // ESLint ≥ 9.15 merges meta.defaultOptions into context.options; RuleTester from
      // typescript-eslint does the same, so this is the merged list in every host.
      //
      // Read with `Reflect.get`, not `context.options`: ESLint makes every file's contexts from a
      // new, frozen prototype, so a property read here meets a new object shape on every file and
      // misses V8's inline cache, at a few microseconds a miss. `Reflect.get` looks the property
      // up without an inline cache (same result, getters included): measured over the corpus,
      // rule creation took 7 ms per pass instead of 9–12.
      const given = Reflect.get(context, 'options') as Options;
      const options = (given.length > 0 ? given : defaultOptions) as Options;
      const file: RuleFile = {
        sourceCode: Reflect.get(context, 'sourceCode') as RuleFile['sourceCode'],
        settings: Reflect.get(context, 'settings') as RuleFile['settings'],
      };
      const listeners = create(context, options, file);
      return phaseClock.on ? clocked(name, listeners) : listeners;
    },
  } as RuleModule<MessageIds, Options>;
}

/**
 * The listeners with `Program:exit` timed for the phase clock (benchmarks only, see
 * `phase-clock.ts`): the shared analyses run from there, billed to the rule running.
 */
function clocked(rule: string, listeners: TSESLint.RuleListener): TSESLint.RuleListener {
  const exit = listeners['Program:exit'];
  if (typeof exit !== 'function') return listeners;
  return {
    ...listeners,
    'Program:exit'(node) {
      const before = phaseClock.rule;
      phaseClock.rule = rule;
      startPhase('exit');
      try {
        exit(node);
      } finally {
        endPhase('exit');
        phaseClock.rule = before;
      }
    },
  };
}
