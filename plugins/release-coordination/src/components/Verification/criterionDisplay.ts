import {
  CriterionResult,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { formatTimestamp } from '../shared/format';

/** What each recorded result reads as. */
export const RESULT_LABELS: Record<CriterionResult, string> = {
  met: 'Met',
  not_met: 'Not met',
  waived: 'Waived',
};

/** A measurable check in words: `error_rate < 0.5 over PT4H`. */
export function checkText(criterion: SuccessCriterion): string | undefined {
  const { check } = criterion;
  return (
    check &&
    `${check.metric} ${check.comparator} ${check.threshold} over ${check.window} after release`
  );
}

/** An automatic checker's proposal in words, if there is one. */
export function proposalText(criterion: SuccessCriterion): string | undefined {
  const { proposal } = criterion;
  if (!proposal) return undefined;
  const when = formatTimestamp(proposal.checkedAt);
  if (proposal.error) {
    return `Checker ${proposal.checker} could not tell (${when}): ${proposal.error}`;
  }
  return `Checker ${proposal.checker} proposes ${RESULT_LABELS[
    proposal.result ?? 'not_met'
  ].toLocaleLowerCase('en-US')}: observed ${proposal.observedValue} (${when})`;
}
