/** Comparing a recorded Twisted trace with ours, and showing the difference to a human. */

export interface TraceDifference {
  /** Index of the first differing line. */
  line: number;
  /** Twisted's line there (`<end>` when its trace is shorter). */
  twisted: string;
  /** Our line there (`<end>` when our trace is shorter). */
  ours: string;
  /** Both traces side by side, the first difference marked, lines after it up to a limit. */
  sideBySide: string;
}

/** `null` when the traces are identical. */
export function compareTraces(twisted: readonly string[], ours: readonly string[], context = 12): TraceDifference | null {
  const length = Math.max(twisted.length, ours.length);
  let first = -1;
  for (let i = 0; i < length; i++) {
    if (twisted[i] !== ours[i]) {
      first = i;
      break;
    }
  }
  if (first === -1) return null;
  const width = Math.min(60, Math.max(8, ...twisted.map((l) => l.length)));
  const rows: string[] = [`  ${'twisted 22.4'.padEnd(width)} | ours`];
  for (let i = 0; i < Math.min(length, first + context); i++) {
    const t = twisted[i] ?? '<end>';
    const o = ours[i] ?? '<end>';
    const mark = i === first ? '>' : t === o ? ' ' : '*';
    rows.push(`${mark} ${t.padEnd(width)} | ${t === o ? '' : o}`);
  }
  if (length > first + context) rows.push(`  … ${length - first - context} more line(s)`);
  return { line: first, twisted: twisted[first] ?? '<end>', ours: ours[first] ?? '<end>', sideBySide: rows.join('\n') };
}
