import { createExtensionPoint } from '@backstage/backend-plugin-api';
import {
  compareMetric,
  CriterionProposal,
  MeasurableCheck,
  Release,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';

/**
 * A success criterion with a measurable check, as checkers get it.
 *
 * @public
 */
export type MeasurableCriterion = SuccessCriterion & { check: MeasurableCheck };

/**
 * An automatic checker of measurable success criteria (a metrics source).
 * It measures; the plugin compares the value with the criterion's threshold
 * and stores the proposal on the criterion. The criterion's owner still
 * records the result.
 *
 * @public
 */
export interface VerificationChecker {
  /** Names the checker in the proposals it makes. */
  readonly id: string;
  /** Whether it can measure this metric. */
  supports(metric: string): boolean;
  /**
   * The value of the criterion's metric for a released release; throws
   * (with a message for the owner) when it cannot tell.
   */
  measure(request: {
    release: Release;
    criterion: MeasurableCriterion;
  }): Promise<number>;
}

/**
 * Lets a deployment add automatic checkers of success criteria.
 *
 * @public
 */
export interface VerificationCheckersExtensionPoint {
  /** Adds checkers; the first that supports a metric measures it. */
  addChecker(...checkers: VerificationChecker[]): void;
}

/**
 * The extension point of the release-coordination backend for automatic
 * verification checkers; a backend module adds its checkers here.
 *
 * @public
 */
export const releaseCoordinationVerificationCheckersExtensionPoint =
  createExtensionPoint<VerificationCheckersExtensionPoint>({
    id: 'release-coordination.verification-checkers',
  });

/** Longest error message of a checker kept on a criterion. */
const MAX_ERROR_LENGTH = 500;

/**
 * What the first checker that supports the criterion's metric proposes, or
 * undefined when the criterion has no check or no checker measures it.
 * A checker's failure is a proposal with an error, never a result.
 */
export async function proposeFor(
  checkers: readonly VerificationChecker[],
  release: Release,
  criterion: SuccessCriterion,
  now: Date,
): Promise<CriterionProposal | undefined> {
  const { check } = criterion;
  if (!check) return undefined;
  const checker = checkers.find(c => c.supports(check.metric));
  if (!checker) return undefined;
  const checkedAt = now.toISOString();
  try {
    const value = await checker.measure({
      release,
      criterion: { ...criterion, check },
    });
    if (!Number.isFinite(value)) {
      throw new Error(`measured ${value}, not a number`);
    }
    return {
      result: compareMetric(value, check.comparator, check.threshold)
        ? 'met'
        : 'not_met',
      observedValue: value,
      checker: checker.id,
      checkedAt,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      error: message.slice(0, MAX_ERROR_LENGTH),
      checker: checker.id,
      checkedAt,
    };
  }
}
