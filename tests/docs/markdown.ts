/**
 * Code blocks of a Markdown page, with the directives written as HTML comments on the lines right
 * above them. The conventions are documented in docs/CONTRIBUTING-docs.md.
 */

export type ExampleKind = 'incorrect' | 'correct';
export const EXAMPLE_LANGUAGES = ['js', 'jsx', 'ts', 'tsx'] as const;
export type ExampleLanguage = (typeof EXAMPLE_LANGUAGES)[number];

export interface CodeBlock {
  /** The info string's first word (`js`, `ts`, `sh`, …), or '' for a bare fence. */
  lang: string;
  /** The info string's words after the language. */
  flags: string[];
  /** The block's text, without the fences, ending in a newline. */
  code: string;
  /** 1-based line of the opening fence in the page. */
  line: number;
  /** `<!-- key: value -->` comments on the lines directly above the fence, by key. */
  directives: Record<string, string>;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/u;
const DIRECTIVE = /^<!--\s*([a-z][a-z-]*)\s*:\s*(.*?)\s*-->\s*$/u;

/** Every fenced code block of `markdown`, in page order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/u);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    if (fence[0] === '`' && info.includes('`')) continue; // not a fence, an inline code span
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`, 'u');
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end]!)) end++;
    const body = lines.slice(i + 1, end).map((l) => (indent && l.startsWith(indent) ? l.slice(indent.length) : l));
    const [lang = '', ...flags] = info.trim().split(/\s+/u).filter(Boolean);
    const directives: Record<string, string> = {};
    // Directives sit above the fence, separated from it only by blank lines and other directives.
    for (let j = i - 1; j >= 0; j--) {
      if (lines[j]!.trim() === '') continue;
      const directive = DIRECTIVE.exec(lines[j]!.trim());
      if (!directive) break;
      const [, key, value] = directive as unknown as [string, string, string];
      if (key in directives) throw new Error(`line ${j + 1}: a second <!-- ${key}: … --> for the same block`);
      directives[key] = value;
    }
    blocks.push({ lang, flags, code: body.length ? `${body.join('\n')}\n` : '', line: i + 1, directives });
    i = end;
  }
  return blocks;
}

/** A block marked `incorrect` or `correct`: an example the rule must (or must not) report. */
export interface Example extends CodeBlock {
  lang: ExampleLanguage;
  kind: ExampleKind;
  /** The rule options from `<!-- options: … -->`: an array, or one object meaning `[object]`. */
  options: unknown[];
  /** Shared settings from `<!-- settings: … -->`. */
  settings: Record<string, unknown> | undefined;
  /** `<!-- types: on -->`: linted with type information (a `ts` example). */
  typed: boolean;
}

/**
 * The example blocks of a rule page. Throws on a block that looks like an example but is not
 * well-formed (unknown word after the language, a kind on an unsupported language, bad JSON), so
 * that a typo cannot silently drop an example from the tests.
 */
export function examples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const block of codeBlocks(markdown)) {
    const where = `code block at line ${block.line}`;
    const kinds = block.flags.filter((f) => f === 'incorrect' || f === 'correct');
    const strays = block.flags.filter((f) => f !== 'incorrect' && f !== 'correct');
    if (kinds.length === 0) {
      if (block.directives.options !== undefined || block.directives.settings !== undefined) {
        throw new Error(`${where}: options/settings above a block that is neither \`incorrect\` nor \`correct\``);
      }
      if (block.directives.types !== undefined) {
        throw new Error(`${where}: <!-- types: on --> above a block that is neither \`incorrect\` nor \`correct\``);
      }
      if (strays.some((f) => /^(in)?cor+ec?t$/u.test(f))) throw new Error(`${where}: misspelt kind "${strays.join(' ')}"`);
      continue;
    }
    if (kinds.length > 1 || strays.length > 0) {
      throw new Error(`${where}: the info string must be a language and exactly one of incorrect/correct, got "${[block.lang, ...block.flags].join(' ')}"`);
    }
    if (!(EXAMPLE_LANGUAGES as readonly string[]).includes(block.lang)) {
      throw new Error(`${where}: examples are ${EXAMPLE_LANGUAGES.join('/')}, got "${block.lang}"`);
    }
    const types = block.directives.types;
    if (types !== undefined && (types !== 'on' || block.lang !== 'ts')) {
      throw new Error(`${where}: <!-- types: on --> is the only types directive, on a \`ts\` example`);
    }
    out.push({
      ...block,
      lang: block.lang as ExampleLanguage,
      kind: kinds[0] as ExampleKind,
      options: parseOptions(block.directives.options, where),
      settings: parseSettings(block.directives.settings, where),
      typed: types === 'on',
    });
  }
  return out;
}

function parseJson(text: string, where: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: <!-- ${what}: … --> is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

function parseOptions(text: string | undefined, where: string): unknown[] {
  if (text === undefined) return [];
  const value = parseJson(text, where, 'options');
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return [value];
  throw new Error(`${where}: <!-- options: … --> must be an object or an array`);
}

function parseSettings(text: string | undefined, where: string): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const value = parseJson(text, where, 'settings');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: <!-- settings: … --> must be an object`);
  }
  return value as Record<string, unknown>;
}

/** The `## ` headings of a page, in order. */
export function headings(markdown: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/u)) {
    const open = FENCE.exec(line);
    if (open) {
      const marker = open[2]!;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && open[3]!.trim() === '') fence = undefined;
      continue;
    }
    if (fence === undefined && line.startsWith('## ')) out.push(line.slice(3).trim());
  }
  return out;
}
