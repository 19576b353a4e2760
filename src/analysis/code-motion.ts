/**
 * Text edits that move a run of statements from one place to another without losing comments:
 * the extent of a statement with its own comments, the range to delete so that the surrounding
 * code keeps its layout, the moved text re-indented for its new place.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Node = TSESTree.Node;
type Range = readonly [number, number];

export interface TextEdit {
  readonly range: Range;
  readonly text: string;
}

/**
 * A statement with the comments that belong to it: comments on their own lines right above it, and
 * comments on its last line after it.
 */
export function extentOf(sourceCode: SourceCode, node: Node): Range {
  let start = node.range[0];
  const previous = sourceCode.getTokenBefore(node);
  for (const comment of sourceCode.getCommentsBefore(node)) {
    if (!previous || comment.loc.start.line > previous.loc.end.line) {
      start = Math.min(start, comment.range[0]);
    }
  }
  let end = node.range[1];
  for (const comment of sourceCode.getCommentsAfter(node)) {
    if (comment.loc.start.line === node.loc.end.line) end = comment.range[1];
  }
  return [start, end];
}

/** The whitespace that starts the line on which `offset` lies. */
export function indentAt(sourceCode: SourceCode, offset: number): string {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * One level of indentation as the file writes it: how much deeper `inner` sits than the line of
 * `outer`, or two spaces when that cannot be told (both on one line).
 */
export function indentUnit(sourceCode: SourceCode, outer: Node, inner: Node): string {
  const a = indentAt(sourceCode, outer.range[0]);
  const b = indentAt(sourceCode, inner.range[0]);
  if (inner.loc.start.line > outer.loc.start.line && b.length > a.length && b.startsWith(a)) return b.slice(a.length);
  return '  ';
}

/** The comments inside `range`, as their text. */
export function commentsIn(sourceCode: SourceCode, range: Range): string[] {
  return sourceCode
    .getAllComments()
    .filter((c) => c.range[0] >= range[0] && c.range[1] <= range[1])
    .map((c) => c.value.trim());
}

/** The statements `list[from..to]` with their comments, as one range. */
export function runExtent(sourceCode: SourceCode, list: readonly Node[], from: number, to: number): Range {
  return [extentOf(sourceCode, list[from]!)[0], extentOf(sourceCode, list[to]!)[1]];
}

/**
 * The edit that deletes `list[from..to]` (with their comments) from the statement list that
 * `open`/`close` delimit (the braces of a block), keeping the layout of what stays.
 */
export function deleteRun(
  sourceCode: SourceCode,
  list: readonly Node[],
  from: number,
  to: number,
  braces: { open: TSESTree.Token; close: TSESTree.Token } | undefined,
): TextEdit {
  if (to < list.length - 1) {
    return { range: [extentOf(sourceCode, list[from]!)[0], extentOf(sourceCode, list[to + 1]!)[0]], text: '' };
  }
  if (from > 0) {
    return { range: [extentOf(sourceCode, list[from - 1]!)[1], extentOf(sourceCode, list[to]!)[1]], text: '' };
  }
  const runEnd = extentOf(sourceCode, list[to]!)[1];
  if (braces) {
    // The whole block goes: `{}` unless a comment stays behind.
    const inside: Range = [braces.open.range[1], braces.close.range[0]];
    const moved = runExtent(sourceCode, list, from, to);
    const staying = sourceCode
      .getAllComments()
      .some((c) => c.range[0] >= inside[0] && c.range[1] <= inside[1] && (c.range[1] <= moved[0] || c.range[0] >= moved[1]));
    if (!staying) return { range: inside, text: '' };
    return { range: [braces.open.range[1], runEnd], text: '' };
  }
  return { range: [extentOf(sourceCode, list[from]!)[0], runEnd], text: '' };
}

/**
 * The source of `list[from..to]` with its comments, each line re-indented from the run's own
 * indentation to `indent`. Left as written when a string or template literal spans lines (its
 * content must not change).
 */
export function movedText(sourceCode: SourceCode, list: readonly Node[], from: number, to: number, indent: string): string {
  const range = runExtent(sourceCode, list, from, to);
  const text = sourceCode.text.slice(range[0], range[1]);
  const multilineLiteral = list
    .slice(from, to + 1)
    .some((n) =>
      sourceCode
        .getTokens(n)
        .some((t) => (t.type === 'Template' || t.type === 'String') && t.loc.start.line !== t.loc.end.line),
    );
  if (multilineLiteral) return text;
  const original = indentAt(sourceCode, range[0]);
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0) return line;
      if (line.trim() === '') return '';
      return line.startsWith(original) ? indent + line.slice(original.length) : indent + line.trimStart();
    })
    .join('\n');
}
