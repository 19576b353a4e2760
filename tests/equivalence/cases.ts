/**
 * Programs whose `no-duplicate-cleanup` suggestion must keep behaviour. Each runs as a script with
 * the harness's recorders injected: `source` (a pending promise or Deferred the harness fires),
 * `fire(d)` (fire a Deferred the program made), `settle(chain)` (record the chain's final result),
 * recorder functions (`show`, `report`, `stop`, `cleanup`, …) and objects (`spinner.hide()`, …).
 */
import type { Scenario } from './harness.js';

export type RuntimeName = 'promise' | 'twisted' | 'plain';

export interface DocumentedDifference {
  readonly scenario: Scenario;
  /** Why the traces differ, and why that is accepted (a suggestion, not an autofix). */
  readonly why: string;
  readonly original: readonly string[];
  readonly fixed: readonly string[];
}

export interface EquivalenceCase {
  readonly name: string;
  readonly runtime: RuntimeName;
  readonly code: string;
  readonly options?: object;
  readonly messageId: string;
  /** The program after the suggestion, when the exact text matters (the lesson's refactor). */
  readonly expectedOutput?: string;
  /** Scenarios whose traces must be identical (besides plain value and error). */
  readonly alsoEqual?: readonly Scenario[];
  /** Scenarios where behaviour changes on purpose. */
  readonly differs?: readonly DocumentedDifference[];
  /** For one-sided cleanup: the error path is meant to change (the cleanup now runs there). */
  readonly errorPathChanges?: { readonly original: readonly string[]; readonly fixed: readonly string[] };
}

export const VALUE_AND_ERROR: readonly Scenario[] = [{ outcome: 'value' }, { outcome: 'error' }];
