/** The shared case tables of every rule, by rule name (see both-ways.ts). */
import type { BothWaysCase } from './both-ways.js';
import { cases as errbackWithError } from './cases/errback-with-error.js';
import { cases as noDoubleFire } from './cases/no-double-fire.js';
import { cases as noDroppedResult } from './cases/no-dropped-result.js';
import { cases as noDuplicateCleanup } from './cases/no-duplicate-cleanup.js';
import { cases as noHangingPath } from './cases/no-hanging-path.js';
import { cases as requireErrback } from './cases/require-errback.js';

export const TABLES: Readonly<Record<string, readonly BothWaysCase<string, readonly unknown[]>[]>> = {
  'errback-with-error': errbackWithError,
  'no-double-fire': noDoubleFire,
  'no-dropped-result': noDroppedResult,
  'no-duplicate-cleanup': noDuplicateCleanup,
  'no-hanging-path': noHangingPath,
  'require-errback': requireErrback,
};
