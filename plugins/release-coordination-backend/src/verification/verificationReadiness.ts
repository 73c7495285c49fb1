import { isCriterionSettled } from '@internal/plugin-release-coordination-common';
import { ReadinessContributor } from '../readiness/readinessContributions';
import { VerificationStore } from './DatabaseVerificationStore';

/**
 * What success criteria add to a released release's readiness: how many
 * are settled (met or waived) out of all, the calendar's verification badge.
 * No checklist item: `verified` has its own guard naming what is open.
 */
export function verificationReadiness(
  store: Pick<VerificationStore, 'listCriteria'>,
): ReadinessContributor {
  return async release => {
    if (release.state !== 'released') return { items: [] };
    const criteria = await store.listCriteria(release.id);
    if (criteria.length === 0) return { items: [] };
    return {
      items: [],
      facts: {
        criteria: {
          total: criteria.length,
          settled: criteria.filter(isCriterionSettled).length,
        },
      },
    };
  };
}
