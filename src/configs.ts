import type { Linter } from 'eslint';
import type { RuleModule } from './utils/create-rule.js';

export const NAMESPACE = 'callback-discipline';

type AnyRule = RuleModule<string, readonly unknown[]>;
type ConfigName = 'recommended' | 'strict' | 'all';

/**
 * The flat configs, derived from each rule's `meta.docs` so that a rule's place in a config is
 * stated once, beside the rule:
 * - `recommended`: rules whose `docs.recommended` is a severity, at that severity, default options;
 * - `strict`: every recommended rule as an error, with `docs.strictOptions` where given;
 * - `all`: every rule as an error, with strict options.
 */
export function buildConfigs(
  plugin: object,
  rules: Readonly<Record<string, AnyRule>>,
): Record<ConfigName, Linter.Config> {
  const names = Object.keys(rules).sort();
  const entries = (pick: (rule: AnyRule) => Linter.RuleEntry | undefined): Linter.RulesRecord => {
    const out: Linter.RulesRecord = {};
    for (const name of names) {
      const entry = pick(rules[name]!);
      if (entry !== undefined) out[`${NAMESPACE}/${name}`] = entry;
    }
    return out;
  };
  const strictEntry = (rule: AnyRule): Linter.RuleEntry =>
    rule.meta.docs?.strictOptions ? ['error', ...rule.meta.docs.strictOptions] : 'error';
  const make = (name: ConfigName, rulesRecord: Linter.RulesRecord): Linter.Config => ({
    name: `${NAMESPACE}/${name}`,
    plugins: { [NAMESPACE]: plugin as NonNullable<Linter.Config['plugins']>[string] },
    rules: rulesRecord,
  });
  return {
    recommended: make(
      'recommended',
      entries((rule) => (rule.meta.docs?.recommended ? rule.meta.docs.recommended : undefined)),
    ),
    strict: make('strict', entries((rule) => (rule.meta.docs?.recommended ? strictEntry(rule) : undefined))),
    all: make('all', entries(strictEntry)),
  };
}
