import { LoggerService } from '@backstage/backend-plugin-api';
import {
  REVIEWABLE_STATES,
  ReviewSettings,
} from '@internal/plugin-release-coordination-common';
import { Stores } from '../database/createStores';
import { reviewRequirement } from './reviewRequirement';
import { DAY_MS } from '../time';

/** "Ledger service 4.2" of the demo rollbacks: its review is completed, with action items. */
export const DEMO_COMPLETED_REVIEW_RELEASE_ID =
  '00000000-0000-4000-b000-000000000001';

/**
 * Seeds the reviews of every demo release that went live, once: required
 * ones (such as the rolled-back "Order service hotfix", left open for
 * people to write) and optional ones, and one completed review with action
 * items, one done and one open ("Ledger service 4.2").
 */
export async function seedDemoReviews(options: {
  stores: Stores;
  settings: ReviewSettings;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const { stores, settings, logger, now = new Date() } = options;
  const store = stores.reviewStore;
  if (!(await store.isEmpty())) {
    logger.info('Table not empty; not seeding demo reviews');
    return 0;
  }
  const { items: releases } = await stores.releaseStore.listReleases({
    states: [...REVIEWABLE_STATES],
    order: 'asc',
    limit: 200,
  });
  try {
    for (const release of releases) {
      const [events, issues] = await Promise.all([
        stores.releaseStore.listEvents(release.id),
        stores.releaseIssueStore.issuesOf([release.id]),
      ]);
      const requirement = reviewRequirement(
        release,
        events,
        issues.map(i => i.severity),
        settings,
      );
      if (requirement) await store.syncRequirement(requirement);
    }
    await writeCompletedReview(stores, now);
  } catch (error) {
    // e.g. another replica seeding at the same moment
    logger.warn(`Could not seed demo reviews: ${error}`);
    return 0;
  }
  logger.info(`Seeded ${releases.length} demo reviews`);
  return releases.length;
}

/** Writes the demo's completed review of "Ledger service 4.2". */
async function writeCompletedReview(stores: Stores, now: Date) {
  const store = stores.reviewStore;
  const releaseId = DEMO_COMPLETED_REVIEW_RELEASE_ID;
  if (!(await store.getReview(releaseId))) return;
  const by = 'user:default/bob';
  const at = new Date(now.getTime() - DAY_MS).toISOString();
  const date = (days: number) =>
    new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  const change = (revision: number) => ({ releaseId, revision, by, at });
  await store.updateReview(change(1), {
    wentWell:
      'The rollback decision came within two hours and both steps were done by the payments team without help.',
    wentWrong:
      'Double postings at month end were not caught by the staging data, which holds no month-end batch.',
    lessons:
      '- Replay a month-end batch in staging before releasing ledger changes\n- Keep the `ledger.batch-post` flag until a full month has passed',
    status: 'completed',
  });
  const item = (id: string, title: string, ownerRef: string, due: number) => ({
    id,
    title,
    ownerRef,
    dueDate: date(due),
    status: 'open' as const,
    createdBy: by,
    createdAt: at,
  });
  await store.addActionItem(
    change(2),
    item(
      '00000000-0000-4000-c000-000000000001',
      'Add a month-end batch to the staging data set',
      'group:default/payments-team',
      14,
    ),
  );
  await store.addActionItem(
    change(3),
    item(
      '00000000-0000-4000-c000-000000000002',
      'Alert on duplicate ledger postings',
      'user:default/grace',
      -1,
    ),
  );
  await store.updateActionItem(
    change(4),
    '00000000-0000-4000-c000-000000000002',
    { status: 'done' },
  );
}
