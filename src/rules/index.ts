import type { RuleModule } from '../utils/create-rule.js';
import noDoubleFire from './no-double-fire.js';

/** Every rule of the plugin, by name, sorted. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: Record<string, RuleModule<string, any>> = {
  'no-double-fire': noDoubleFire,
};
