import type { RuleModule } from '../utils/create-rule.js';
import errbackWithError from './errback-with-error.js';
import noDoubleFire from './no-double-fire.js';
import noHangingPath from './no-hanging-path.js';

/** Every rule of the plugin, by name, sorted. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: Record<string, RuleModule<string, any>> = {
  'errback-with-error': errbackWithError,
  'no-double-fire': noDoubleFire,
  'no-hanging-path': noHangingPath,
};
