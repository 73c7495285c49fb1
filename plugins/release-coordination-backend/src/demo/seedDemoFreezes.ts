import { LoggerService } from '@backstage/backend-plugin-api';
import { ReleaseType } from '@internal/plugin-release-coordination-common';
import { FreezeStore } from '../database/FreezeStore';
import { demoFreezes } from './demoFreezes';

/**
 * Inserts demo freezes if the store holds none yet; a database that already
 * has freezes is never touched. Returns how many were inserted.
 *
 * @public
 */
export async function seedDemoFreezes(options: {
  store: FreezeStore;
  logger: LoggerService;
  now?: Date;
  exemptTypes?: readonly ReleaseType[];
}): Promise<number> {
  const { store, logger, now = new Date() } = options;
  if (!(await store.isEmpty())) {
    logger.info('Freezes exist already; not seeding demo freezes');
    return 0;
  }
  const freezes = demoFreezes(now, options.exemptTypes);
  try {
    for (const freeze of freezes) {
      await store.createFreeze(freeze);
    }
  } catch (error) {
    // e.g. another replica seeding at the same moment: the fixed ids collide
    logger.warn(`Could not seed demo freezes: ${error}`);
    return 0;
  }
  logger.info(`Seeded ${freezes.length} demo freezes`);
  return freezes.length;
}
