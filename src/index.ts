import type { ESLint, Linter, Rule } from 'eslint';
import { createRequire } from 'node:module';
import { NAMESPACE, buildConfigs } from './configs.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as {
  name: string;
  version: string;
};

export interface CallbackDisciplinePlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, Rule.RuleModule>;
  configs: {
    recommended: Linter.Config;
    strict: Linter.Config;
    all: Linter.Config;
  };
}

const plugin = {
  meta: { name, version, namespace: NAMESPACE },
  rules: rules as unknown as Record<string, Rule.RuleModule>,
  configs: {} as CallbackDisciplinePlugin['configs'],
} satisfies CallbackDisciplinePlugin;

Object.assign(plugin.configs, buildConfigs(plugin, rules));

const typedPlugin = plugin as CallbackDisciplinePlugin;
export default typedPlugin;
// `require('eslint-plugin-callback-discipline')` returns the plugin itself, not a namespace with
// `.default` (Node ≥ 20.19 honours this export name when requiring an ES module).
export { typedPlugin as 'module.exports' };
