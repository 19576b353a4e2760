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
