/**
 * Plain-words fragments for messages: what happens at run time when a completion of a given
 * style fires again.
 */
import type { Completion } from './completions.js';
import type { Style } from './styles.js';

/**
 * What a second fire does at run time. `fired` is the fire as written (`d.resolve`): for a
 * deferred recognised by several styles, the method tells which one is meant.
 */
export function consequenceOfSecondFire(c: Completion, fired: string): string {
  const source = c.kind === 'member' ? (c.source ?? c) : c;
  if (source.kind === 'node') return "the caller's callback code would run again";
  if (source.kind === 'pair') return source.idempotent ? promiseLike(source.style) : "the caller's handlers would run again";
  let style = source.style;
  if (source.kind === 'object') {
    const method = fired.slice(fired.lastIndexOf('.') + 1);
    style = source.fireMethods.get(method)?.style ?? style;
  }
  return promiseLike(style);
}

function promiseLike(style: Style): string {
  switch (style.name) {
    case 'twisted':
      return 'a second call raises AlreadyCalledError';
    case 'promise':
    case 'pair':
      return 'a promise settles only once, so any later call is silently ignored';
    case 'jquery':
      return 'a Deferred settles only once, so any later call is silently ignored';
    default:
      return `a ${style.name} completion settles only once, so any later call is ignored or rejected`;
  }
}

/** How the completion reads in a message, with backticks: `cb`, `resolve` or `reject`, `d`. */
export function completionLabel(c: Completion): string {
  if (c.kind === 'object' || c.kind === 'member') return `\`${c.name}\``;
  const names = [...new Set(c.bindings.filter((b) => !b.alias).map((b) => b.name))];
  return names.length > 0 ? names.map((n) => `\`${n}\``).join(' or ') : `\`${c.name}\``;
}

/** What happens at run time when the completion never fires. */
export function consequenceOfHang(c: Completion): string {
  const source = c.kind === 'member' ? (c.source ?? c) : c;
  switch (source.kind) {
    case 'node':
      return "the caller's callback never runs, so the caller waits forever";
    case 'pair':
      return source.idempotent
        ? 'the promise never settles, so whoever awaits it waits forever'
        : 'neither handler runs, so the caller waits forever';
    case 'executor':
      return 'the promise never settles, so whoever awaits it waits forever';
    default:
      return source.style.name === 'twisted'
        ? 'the Deferred never fires, so its callbacks never run'
        : 'the Deferred never settles, so its handlers never run';
  }
}

/** The function to call to fire the error side (`reject`, `cb`, `d.errback`), when it can be named. */
export function errorSideCallee(c: Completion): string | undefined {
  switch (c.kind) {
    case 'node':
      return c.bindings[0]?.name;
    case 'executor':
    case 'pair':
      return c.bindings.find((b) => b.side === 'error' && !b.alias)?.name;
    case 'object': {
      for (const [method, fire] of c.fireMethods) if (fire.side === 'error' && !method.endsWith('With')) return `${c.name}.${method}`;
      return undefined;
    }
    default:
      return undefined;
  }
}
