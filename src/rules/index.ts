import type { RuleModule } from '../utils/create-rule.js';
import errbackWithError from './errback-with-error.js';
import noDoubleFire from './no-double-fire.js';
import noDroppedResult from './no-dropped-result.js';
import noDuplicateCleanup from './no-duplicate-cleanup.js';
import noHangingPath from './no-hanging-path.js';
import requireErrback from './require-errback.js';

/** Every rule of the plugin, by name, sorted. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: Record<string, RuleModule<string, any>> = {
  'errback-with-error': errbackWithError,
  'no-double-fire': noDoubleFire,
  'no-dropped-result': noDroppedResult,
  'no-duplicate-cleanup': noDuplicateCleanup,
  'no-hanging-path': noHangingPath,
  'require-errback': requireErrback,
};
