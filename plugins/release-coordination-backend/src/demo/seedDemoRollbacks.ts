import { LoggerService } from '@backstage/backend-plugin-api';
import { Stores } from '../database/createStores';
import { demoRollbacks } from './demoRollbacks';
import { seedOnce } from './seedOnce';

/** Seeds the demo rollbacks, their releases and the follow-up hotfix link, once. */
export async function seedDemoRollbacks(options: {
  stores: Stores;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const { stores, logger, now = new Date() } = options;
  return seedOnce({
    what: 'demo rollbacks',
    logger,
    isEmpty: () => stores.rollbackStore.isEmpty(),
    items: () => demoRollbacks(now),
    insert: async ({ release, events, decisions, rollback, hotfixOf }) => {
      await stores.releaseStore.createRelease(release, events);
      for (const decision of decisions) {
        await stores.approvalStore.addDecision(release.id, 1, decision);
      }
      if (rollback) {
        await stores.rollbackStore.createRollback(rollback);
        if (rollback.completedAt) {
          await stores.rollbackStore.markCompleted(
            release.id,
            rollback.completedAt,
          );
        }
      }
      if (hotfixOf) {
        await stores.rollbackStore.addHotfix(
          release.id,
          hotfixOf,
          release.createdAt,
        );
      }
    },
  });
}
