/**
 * The style table: one declarative row per API family. No rule hard-codes a method name; every
 * rule asks this module. Users add rows through `settings['callback-discipline'].styles`.
 */
import { type NameShapes, mayHaveShape, nameShapes } from './node-index.js';

/** How a completion of this style is recognised in code (all optional). */
export interface StyleRecognition {
  /** `new X()` creates a completion object fired by method calls: `Deferred`, `dojo.Deferred`. */
  readonly constructors?: readonly string[];
  /** `new X((ok, fail) => …)`: the executor's first two parameters are the success and error sides. */
  readonly executors?: readonly string[];
  /** Calls returning a completion object fired by method calls: `$.Deferred`, `Q.defer`. */
  readonly factories?: readonly string[];
  /** Calls returning `{ promise, resolve, reject }`: `Promise.withResolvers`. */
  readonly resolverFactories?: readonly string[];
  /** Calls returning an already running chain the caller does not fire: `$.ajax`, `succeed`. */
  readonly chainSources?: readonly string[];
  /** node: parameter names that denote an error-first callback. */
  readonly parameterNames?: readonly string[];
  /** node: a regular expression (source) for further callback parameter names. */
  readonly parameterPattern?: string;
  /** pair: `[success, error]` parameter name pairs. */
  readonly parameterPairs?: readonly (readonly [string, string])[];
}

/** A row of the style table. Built-in rows and user rows have the same shape. */
export interface Style {
  readonly name: string;
  /**
   * - `object`: a completion object fired by methods (`d.callback(v)`), with links (`d.addCallback`);
   * - `executor`: resolver functions (`resolve(v)`, `reject(e)`), with links on the promise;
   * - `node`: one error-first function (`cb(err)`, `cb(null, v)`);
   * - `pair`: two functions, the first for success and the second for errors.
   */
  readonly kind: 'object' | 'executor' | 'node' | 'pair';
  readonly recognise: StyleRecognition;
  /** Method (object kind) names that fire each side. */
  readonly fire: { readonly success: readonly string[]; readonly error: readonly string[] };
  /** Method names that attach links to a chain. */
  readonly links: {
    readonly success: readonly string[];
    readonly error: readonly string[];
    readonly both: readonly string[];
    readonly pair: readonly string[];
  };
  /** Does the both-link pass the result through (`finally`) or replace it with its return (`addBoth`)? */
  readonly bothLink: 'passes-through' | 'replaces';
  /** Does a success link's return value become the next link's argument? (jQuery `done`: no.) */
  readonly successLinkTransforms: boolean;
  /**
   * Does a both link's handler receive the outcome? Twisted's `addBoth` gets the result or the
   * Failure, jQuery's `always` the resolve or reject arguments; a promise's `finally` gets nothing.
   * Defaults to true for both links that replace the result, false otherwise.
   */
  readonly bothLinkSeesOutcome?: boolean;
  /** What a both link looks like when the plugin suggests one. */
  readonly suggestedBothLink?: string;
  /**
   * Link methods whose names are common on unrelated objects (jQuery `done`, `fail`): one such call
   * on a receiver of unknown origin is not evidence of a chain; a known head or a second link is.
   */
  readonly ambiguousLinks?: readonly string[];
}

export const BUILTIN_STYLES: readonly Style[] = [
  {
    name: 'twisted',
    kind: 'object',
    recognise: {
      constructors: ['Deferred', 'defer.Deferred', 'MochiKit.Async.Deferred'],
      chainSources: [
        'succeed',
        'fail',
        'maybeDeferred',
        'defer.succeed',
        'defer.fail',
        'defer.maybeDeferred',
        'Deferred.fromPromise',
        'DeferredList',
        'gatherResults',
        'defer.gatherResults',
      ],
    },
    fire: { success: ['callback'], error: ['errback'] },
    links: { success: ['addCallback'], error: ['addErrback'], both: ['addBoth'], pair: ['addCallbacks'] },
    bothLink: 'replaces',
    successLinkTransforms: true,
    suggestedBothLink: 'addBoth',
  },
  {
    name: 'promise',
    kind: 'executor',
    recognise: {
      executors: ['Promise'],
      resolverFactories: ['Promise.withResolvers'],
      factories: ['Q.defer', 'Promise.defer'],
      chainSources: ['fetch', 'Promise.resolve', 'Promise.reject', 'Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any'],
    },
    fire: { success: ['resolve'], error: ['reject'] },
    links: { success: ['then'], error: ['catch'], both: ['finally'], pair: ['then'] },
    bothLink: 'passes-through',
    successLinkTransforms: true,
    suggestedBothLink: 'finally',
  },
  {
    name: 'jquery',
    kind: 'object',
    recognise: {
      constructors: ['Deferred', 'dojo.Deferred'],
      factories: ['$.Deferred', 'jQuery.Deferred'],
      chainSources: [
        '$.ajax',
        '$.get',
        '$.post',
        '$.getJSON',
        '$.getScript',
        '$.when',
        'jQuery.ajax',
        'jQuery.get',
        'jQuery.post',
        'jQuery.getJSON',
        'jQuery.getScript',
        'jQuery.when',
      ],
    },
    fire: { success: ['resolve', 'resolveWith'], error: ['reject', 'rejectWith'] },
    links: { success: ['done'], error: ['fail', 'otherwise'], both: ['always'], pair: ['then'] },
    bothLink: 'passes-through',
    successLinkTransforms: false,
    bothLinkSeesOutcome: true,
    suggestedBothLink: 'always',
    ambiguousLinks: ['done', 'fail', 'otherwise', 'always'],
  },
  {
    name: 'node',
    kind: 'node',
    recognise: {
      parameterNames: ['cb', 'callback', 'done', 'next', 'fn', 'cont', 'continuation', 'callback_', 'cb_', '_cb', '_callback'],
      parameterPattern: '^(?:[a-z][A-Za-z0-9]*(?:Callback|Cb)|[a-z0-9_]+_(?:cb|callback))$',
    },
    fire: { success: [], error: [] },
    links: { success: [], error: [], both: [], pair: [] },
    bothLink: 'replaces',
    successLinkTransforms: true,
  },
  {
    name: 'pair',
    kind: 'pair',
    recognise: {
      parameterPairs: [
        ['callback', 'errback'],
        ['cb', 'eb'],
        ['onSuccess', 'onError'],
        ['onSuccess', 'onFailure'],
        ['success', 'failure'],
        ['success', 'error'],
        ['successCallback', 'errorCallback'],
        ['callback', 'errorCallback'],
        ['onResolve', 'onReject'],
        ['onFulfilled', 'onRejected'],
        ['resolve', 'reject'],
        ['ok', 'fail'],
      ],
    },
    fire: { success: [], error: [] },
    links: { success: [], error: [], both: [], pair: [] },
    bothLink: 'replaces',
    successLinkTransforms: true,
  },
];

/** The side of a chain a link method handles. */
export type LinkSide = 'success' | 'error' | 'both' | 'pair';
export type FireSide = 'success' | 'error';

export interface LinkMatch {
  readonly style: Style;
  readonly side: LinkSide;
}

export interface FireMatch {
  readonly style: Style;
  readonly side: FireSide;
}

/** The table with its look-ups precomputed. One instance per distinct settings object. */
export class StyleTable {
  readonly styles: readonly Style[];
  /** What discovery derives from the table once (see `completions.ts`), kept here rather than in a side map looked up per file. */
  discoveryFacts: unknown = undefined;
  private readonly linkIndex = new Map<string, LinkMatch[]>();
  private readonly fireIndex = new Map<string, FireMatch[]>();
  private readonly recognitionIndex = new Map<string, Map<keyof StyleRecognition, Style[]>>();
  private readonly nodeParameterNames = new Set<string>();
  private readonly nodeParameterPatterns: RegExp[] = [];
  private readonly pairIndex = new Map<string, { style: Style; pair: readonly [string, string] }[]>();
  private readonly ambiguous = new Map<string, Set<Style>>();
  /** The last segment of every recognised callee (`ajax` of `$.ajax`): a cheap first filter. */
  private readonly recognitionTails = new Set<string>();
  /**
   * Their first letters and lengths (see `nameShapes`): most names are ruled out from two reads,
   * without hashing them (the chain model asks about the callee of every call of its files).
   */
  private readonly recognitionShapes: NameShapes;

  constructor(styles: readonly Style[]) {
    this.styles = styles;
    for (const style of styles) {
      for (const side of ['success', 'error', 'both', 'pair'] as const) {
        for (const method of style.links[side]) push(this.linkIndex, method, { style, side });
      }
      if (style.kind === 'object' || style.kind === 'executor') {
        for (const side of ['success', 'error'] as const) {
          for (const method of style.fire[side]) push(this.fireIndex, method, { style, side });
        }
      }
      const r = style.recognise;
      for (const key of ['constructors', 'executors', 'factories', 'resolverFactories', 'chainSources'] as const) {
        for (const callee of r[key] ?? []) {
          let byKey = this.recognitionIndex.get(callee);
          if (!byKey) this.recognitionIndex.set(callee, (byKey = new Map()));
          push(byKey, key, style);
          this.recognitionTails.add(callee.slice(callee.lastIndexOf('.') + 1));
        }
      }
      for (const name of r.parameterNames ?? []) this.nodeParameterNames.add(name);
      if (r.parameterPattern) this.nodeParameterPatterns.push(new RegExp(r.parameterPattern, 'u'));
      for (const pair of r.parameterPairs ?? []) push(this.pairIndex, pair[0], { style, pair });
      for (const method of style.ambiguousLinks ?? []) {
        let set = this.ambiguous.get(method);
        if (!set) this.ambiguous.set(method, (set = new Set()));
        set.add(style);
      }
    }
    this.recognitionShapes = nameShapes(this.recognitionTails);
  }

  /** Styles whose `method` attaches a link, with the side it handles. */
  linksNamed(method: string): readonly LinkMatch[] {
    return this.linkIndex.get(method) ?? EMPTY;
  }

  /**
   * Is `method` a link only in styles that call its name ambiguous? Such a call, alone on a
   * receiver of unknown origin, does not make a chain.
   */
  isAmbiguousLink(method: string): boolean {
    const matches = this.linksNamed(method);
    const ambiguous = this.ambiguous.get(method);
    return matches.length > 0 && ambiguous !== undefined && matches.every((m) => ambiguous.has(m.style));
  }

  /** Styles whose object method `method` fires a side. */
  firesNamed(method: string): readonly FireMatch[] {
    return this.fireIndex.get(method) ?? EMPTY;
  }

  /** Styles that list the dotted callee `callee` (e.g. `$.Deferred`) under `key`. */
  stylesFor(key: keyof StyleRecognition, callee: string): readonly Style[] {
    return this.recognitionIndex.get(callee)?.get(key) ?? EMPTY;
  }

  /**
   * Could a callee whose last name is `name` be recognised at all? (`ajax` for `$.ajax`.) Lets
   * callers skip building the dotted name of most callees.
   */
  mayRecognise(name: string): boolean {
    return mayHaveShape(this.recognitionShapes, name) && this.recognitionTails.has(name);
  }

  /** Is `name` the name of an error-first callback parameter? */
  isCallbackName(name: string): boolean {
    // No cache of answers per name: shared by every file it grows to thousands of names, and a
    // look-up of a fresh name string in it cost more than the few names and patterns (measured).
    if (this.nodeParameterNames.has(name)) return true;
    const patterns = this.nodeParameterPatterns;
    for (let i = 0; i < patterns.length; i++) if (patterns[i]!.test(name)) return true;
    return false;
  }

  /** The `[success, error]` pair whose success name is `name` and error name is `next`, if listed. */
  pairFor(name: string, next: string): { style: Style; pair: readonly [string, string] } | undefined {
    return this.pairIndex.get(name)?.find((p) => p.pair[1] === next);
  }

  /** Does the style's both-link handler receive the outcome (see {@link Style.bothLinkSeesOutcome})? */
  bothLinkSeesOutcome(style: Style): boolean {
    return style.bothLinkSeesOutcome ?? style.bothLink === 'replaces';
  }

  /** Is `name` the success half of some `[success, error]` pair (`callback`, `onSuccess`)? */
  isPairSuccessName(name: string): boolean {
    return this.pairIndex.has(name);
  }

  /** The both-link method of the style, for suggestions. */
  bothLinkOf(style: Style): string | undefined {
    return style.suggestedBothLink ?? style.links.both[0];
  }
}

const EMPTY: readonly never[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A configuration error raised for invalid `settings['callback-discipline']`. */
export class StyleSettingsError extends Error {
  override name = 'StyleSettingsError';
}

const SETTINGS_KEY = 'callback-discipline';
const KINDS = ['object', 'executor', 'node', 'pair'] as const;
const RECOGNITION_LISTS = [
  'constructors',
  'executors',
  'factories',
  'resolverFactories',
  'chainSources',
  'parameterNames',
] as const;

/**
 * Validates one user style row. Missing lists default to empty; every error names the field, as
 * `settings['callback-discipline'].styles[1].fire.success`.
 */
export function validateStyle(raw: unknown, where: string): Style {
  const fail = (field: string, expected: string): never => {
    throw new StyleSettingsError(`Invalid ${where}${field}: expected ${expected}.`);
  };
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const strings = (v: unknown, field: string): readonly string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.length === 0)) {
      return fail(field, 'an array of non-empty strings');
    }
    return v as string[];
  };
  const onlyKeys = (v: Record<string, unknown>, keys: readonly string[], field: string) => {
    for (const key of Object.keys(v)) {
      if (!keys.includes(key)) {
        throw new StyleSettingsError(`Invalid ${where}${field}.${key}: no such field (known: ${keys.join(', ')}).`);
      }
    }
  };

  if (!isObject(raw)) return fail('', 'an object');
  onlyKeys(
    raw,
    [
      'name',
      'kind',
      'recognise',
      'fire',
      'links',
      'bothLink',
      'successLinkTransforms',
      'bothLinkSeesOutcome',
      'suggestedBothLink',
      'ambiguousLinks',
    ],
    '',
  );
  if (typeof raw.name !== 'string' || raw.name.length === 0) fail('.name', 'a non-empty string');
  if (!KINDS.includes(raw.kind as Style['kind'])) fail('.kind', `one of ${KINDS.map((k) => `'${k}'`).join(', ')}`);

  const recogniseRaw = raw.recognise ?? {};
  if (!isObject(recogniseRaw)) fail('.recognise', 'an object');
  const recognise = recogniseRaw as Record<string, unknown>;
  onlyKeys(recognise, [...RECOGNITION_LISTS, 'parameterPattern', 'parameterPairs'], '.recognise');
  const recognition: Record<string, unknown> = {};
  for (const key of RECOGNITION_LISTS) recognition[key] = strings(recognise[key], `.recognise.${key}`);
  if (recognise.parameterPattern !== undefined) {
    if (typeof recognise.parameterPattern !== 'string') fail('.recognise.parameterPattern', 'a string');
    try {
      new RegExp(recognise.parameterPattern as string, 'u');
    } catch {
      fail('.recognise.parameterPattern', 'a valid regular expression');
    }
    recognition.parameterPattern = recognise.parameterPattern;
  }
  if (recognise.parameterPairs !== undefined) {
    const pairs = recognise.parameterPairs;
    if (
      !Array.isArray(pairs) ||
      pairs.some((p) => !Array.isArray(p) || p.length !== 2 || p.some((s) => typeof s !== 'string' || s === ''))
    ) {
      fail('.recognise.parameterPairs', 'an array of [success, error] name pairs');
    }
    recognition.parameterPairs = pairs;
  }

  const fireRaw = raw.fire ?? {};
  if (!isObject(fireRaw)) fail('.fire', 'an object');
  onlyKeys(fireRaw as Record<string, unknown>, ['success', 'error'], '.fire');
  const fire = {
    success: strings((fireRaw as Record<string, unknown>).success, '.fire.success'),
    error: strings((fireRaw as Record<string, unknown>).error, '.fire.error'),
  };

  const linksRaw = raw.links ?? {};
  if (!isObject(linksRaw)) fail('.links', 'an object');
  onlyKeys(linksRaw as Record<string, unknown>, ['success', 'error', 'both', 'pair'], '.links');
  const l = linksRaw as Record<string, unknown>;
  const links = {
    success: strings(l.success, '.links.success'),
    error: strings(l.error, '.links.error'),
    both: strings(l.both, '.links.both'),
    pair: strings(l.pair, '.links.pair'),
  };

  const bothLink = raw.bothLink ?? 'passes-through';
  if (bothLink !== 'passes-through' && bothLink !== 'replaces') fail('.bothLink', "'passes-through' or 'replaces'");
  const successLinkTransforms = raw.successLinkTransforms ?? true;
  if (typeof successLinkTransforms !== 'boolean') fail('.successLinkTransforms', 'a boolean');
  if (raw.suggestedBothLink !== undefined && typeof raw.suggestedBothLink !== 'string') {
    fail('.suggestedBothLink', 'a string');
  }

  const ambiguousLinks = strings(raw.ambiguousLinks, '.ambiguousLinks');
  if (raw.bothLinkSeesOutcome !== undefined && typeof raw.bothLinkSeesOutcome !== 'boolean') {
    fail('.bothLinkSeesOutcome', 'a boolean');
  }

  return {
    name: raw.name as string,
    kind: raw.kind as Style['kind'],
    recognise: recognition as StyleRecognition,
    fire,
    links,
    bothLink: bothLink as Style['bothLink'],
    successLinkTransforms: successLinkTransforms as boolean,
    ...(raw.suggestedBothLink !== undefined ? { suggestedBothLink: raw.suggestedBothLink as string } : {}),
    ...(ambiguousLinks.length > 0 ? { ambiguousLinks } : {}),
    ...(raw.bothLinkSeesOutcome !== undefined ? { bothLinkSeesOutcome: raw.bothLinkSeesOutcome as boolean } : {}),
  };
}

const DEFAULT_TABLE = new StyleTable(BUILTIN_STYLES);
const tableCache = new WeakMap<object, StyleTable>();

/**
 * `compute(table)` once per style table, remembered per table; the last table asked about answers
 * without a look-up (every file of a run has the same table, and a `WeakMap` look-up per file is
 * what this saves).
 */
export function perTable<T>(compute: (table: StyleTable) => T): (table: StyleTable) => T {
  const byTable = new WeakMap<StyleTable, { value: T }>();
  let lastTable: StyleTable | undefined;
  let last: T | undefined;
  return (table) => {
    if (table === lastTable) return last as T;
    let entry = byTable.get(table);
    if (!entry) byTable.set(table, (entry = { value: compute(table) }));
    lastTable = table;
    last = entry.value;
    return entry.value;
  };
}

/**
 * The style table for a lint run's shared settings: the built-in rows, then the user's rows from
 * `settings['callback-discipline'].styles`. Cached per settings object; throws
 * {@link StyleSettingsError} naming the bad field.
 */
export function getStyleTable(settings: Readonly<Record<string, unknown>> | undefined): StyleTable {
  const own = settings?.[SETTINGS_KEY];
  if (own === undefined) return DEFAULT_TABLE;
  if (typeof own !== 'object' || own === null || Array.isArray(own)) {
    throw new StyleSettingsError(`Invalid settings['${SETTINGS_KEY}']: expected an object.`);
  }
  const cached = tableCache.get(own);
  if (cached) return cached;
  const { styles, ...rest } = own as Record<string, unknown>;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0) {
    throw new StyleSettingsError(
      `Invalid settings['${SETTINGS_KEY}'].${unknownKeys[0]}: no such setting (known: styles).`,
    );
  }
  let table = DEFAULT_TABLE;
  if (styles !== undefined) {
    if (!Array.isArray(styles)) {
      throw new StyleSettingsError(`Invalid settings['${SETTINGS_KEY}'].styles: expected an array of style rows.`);
    }
    const extra = styles.map((row, i) => validateStyle(row, `settings['${SETTINGS_KEY}'].styles[${i}]`));
    table = new StyleTable([...BUILTIN_STYLES, ...extra]);
  }
  tableCache.set(own, table);
  return table;
}
