/**
 * Which rules a bench runs: by default the plugin's own flat config (read from the build in
 * `dist/`, so the benches measure what users install), or any rules named with `--rules`, ours or
 * a peer plugin's. The peer plugins are loaded only when named.
 */
import './node22-builtins.js';
import { ESLint, type Linter, type Rule } from 'eslint';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './env.js';

export const OWN_NAMESPACE = 'callback-discipline';

/** The peer rules that do work comparable to ours (issue 7). */
export const PEER_RULES = [
  'promise/no-multiple-resolved',
  'promise/catch-or-return',
  'unicorn/no-multiple-promise-resolver-calls',
  'n/callback-return',
  'n/handle-callback-err',
] as const;

/** Namespace → npm package of each peer plugin the benches can load. */
const PEER_PACKAGES: Record<string, string> = {
  promise: 'eslint-plugin-promise',
  unicorn: 'eslint-plugin-unicorn',
  n: 'eslint-plugin-n',
};

async function importPlugin(specifier: string): Promise<ESLint.Plugin> {
  const module = (await import(specifier)) as { default?: ESLint.Plugin } & ESLint.Plugin;
  return module.default ?? module;
}

export interface OwnPlugin extends ESLint.Plugin {
  rules: Record<string, Rule.RuleModule>;
  configs: Record<'recommended' | 'strict' | 'all', Linter.Config>;
}

let ownPlugin: Promise<OwnPlugin> | undefined;

/** The built plugin (`dist/index.js`). The npm scripts build first; a clear error otherwise. */
export function loadOwnPlugin(): Promise<OwnPlugin> {
  ownPlugin ??= (async () => {
    const entry = join(REPO_ROOT, 'dist', 'index.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first.`);
    return ((await import(pathToFileURL(entry).href)) as { default: OwnPlugin }).default;
  })();
  return ownPlugin;
}

/** A set of rules to lint with, and the plugin objects they need. */
export interface RuleSelection {
  /** `ns/rule` → severity and options, in a stable order. */
  rules: Linter.RulesRecord;
  plugins: Record<string, ESLint.Plugin>;
  /** Where the selection came from, for the printed header. */
  label: string;
}

export function ruleIds(selection: RuleSelection): string[] {
  return Object.keys(selection.rules);
}

async function pluginFor(namespace: string): Promise<ESLint.Plugin> {
  if (namespace === OWN_NAMESPACE) return loadOwnPlugin();
  const pkg = PEER_PACKAGES[namespace];
  if (!pkg) {
    throw new Error(
      `Unknown plugin "${namespace}" in --rules; known: ${[OWN_NAMESPACE, ...Object.keys(PEER_PACKAGES)].join(', ')}.`,
    );
  }
  return importPlugin(pkg);
}

/**
 * Resolves a comma-separated list of `ns/rule` or `ns/*` names. Our rules take their entry
 * (severity and options) from `ownConfig` when it has one, so `--rules callback-discipline/*`
 * matches the default run; everything else runs as `error` with default options.
 */
export async function resolveRuleList(list: string, ownConfig: Linter.Config | undefined): Promise<RuleSelection> {
  const rules: Linter.RulesRecord = {};
  const plugins: Record<string, ESLint.Plugin> = {};
  for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const slash = raw.indexOf('/');
    if (slash <= 0) throw new Error(`--rules: "${raw}" is not "plugin/rule" or "plugin/*".`);
    const namespace = raw.slice(0, slash);
    const name = raw.slice(slash + 1);
    const plugin = await pluginFor(namespace);
    plugins[namespace] = plugin;
    const names = name === '*' ? Object.keys(plugin.rules ?? {}).sort() : [name];
    for (const ruleName of names) {
      if (!plugin.rules?.[ruleName]) throw new Error(`--rules: plugin "${namespace}" has no rule "${ruleName}".`);
      const id = `${namespace}/${ruleName}`;
      rules[id] = (namespace === OWN_NAMESPACE ? ownConfig?.rules?.[id] : undefined) ?? 'error';
    }
  }
  return { rules, plugins, label: `--rules ${list}` };
}

/** Our config by name, or the `--rules` override when given. */
export async function selectRules(
  override: string | undefined,
  configName: 'recommended' | 'strict' | 'all',
): Promise<RuleSelection> {
  const own = await loadOwnPlugin();
  const config = own.configs[configName];
  if (override) return resolveRuleList(override, config);
  return {
    rules: Object.fromEntries(Object.entries(config.rules ?? {}).filter(([, entry]) => entry !== undefined)) as Linter.RulesRecord,
    plugins: { [OWN_NAMESPACE]: own },
    label: `${OWN_NAMESPACE} configs.${configName}`,
  };
}

/** Merges selections (ours and the peers in one run); later entries win on the same rule. */
export function mergeSelections(...selections: RuleSelection[]): RuleSelection {
  return {
    rules: Object.assign({}, ...selections.map((s) => s.rules)) as Linter.RulesRecord,
    plugins: Object.assign({}, ...selections.map((s) => s.plugins)) as Record<string, ESLint.Plugin>,
    label: selections.map((s) => s.label).join(' + '),
  };
}

/** Versions for the printed header: Node, ESLint, and each plugin a selection uses. */
export function versionLine(selection?: RuleSelection): string {
  const parts = [`Node ${process.version}`, `ESLint ${ESLint.version}`];
  for (const [namespace, plugin] of Object.entries(selection?.plugins ?? {})) {
    const version = plugin.meta?.version ?? peerVersion(namespace);
    parts.push(`${namespace} ${version ?? '?'}`);
  }
  return parts.join(', ');
}

function peerVersion(namespace: string): string | undefined {
  const pkg = PEER_PACKAGES[namespace];
  if (!pkg) return undefined;
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return undefined;
  }
}
