import {
  ACTIVE_RELEASE_STATES,
  ReviewSettings,
} from '@internal/plugin-release-coordination-common';
import { ReadinessContributor } from '../readiness/readinessContributions';
import { ReviewStore } from './DatabaseReviewStore';
import { DAY_MS } from '../time';

/** The id of the readiness item an overdue review of an earlier release raises. */
export const OVERDUE_REVIEWS_ITEM_ID = 'earlier-reviews-completed';

/**
 * What reviews add to the readiness of a release still to happen: when a
 * required review of an earlier release of one of its entities is overdue
 * (not completed `dueDays` after that release finished), a warning naming
 * it. It never blocks: the item passes.
 */
export function reviewReadiness(
  store: Pick<ReviewStore, 'overdueRequired'>,
  settings: Pick<ReviewSettings, 'dueDays'>,
  now: () => Date = () => new Date(),
): ReadinessContributor {
  return async release => {
    if (!ACTIVE_RELEASE_STATES.includes(release.state)) return { items: [] };
    const overdue = await store.overdueRequired({
      entityRefs: release.entityRefs.map(r => r.toLocaleLowerCase('en-US')),
      finishedBefore: new Date(now().getTime() - settings.dueDays * DAY_MS),
      exceptId: release.id,
    });
    if (overdue.length === 0) return { items: [] };
    return {
      items: [
        {
          id: OVERDUE_REVIEWS_ITEM_ID,
          label: 'Required reviews of earlier releases completed',
          kind: 'automatic',
          passed: true,
          warning: true,
          facts: overdue.map(
            r =>
              `Overdue review: ${r.title} (finished ${r.finishedAt.slice(
                0,
                10,
              )})`,
          ),
        },
      ],
    };
  };
}
