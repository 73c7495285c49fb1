import { LoggerService } from '@backstage/backend-plugin-api';
import { ApprovalStore } from '../database/DatabaseApprovalStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { demoReleases } from './demoReleases';

/**
 * Inserts demo release plans if the store holds none yet; a database that
 * already has plans is never touched. Returns how many were inserted.
 *
 * @public
 */
export async function seedDemoReleases(options: {
  store: ReleaseStore;
  /** Where the approvals of the releases that went past `planned` go. */
  approvals: Pick<ApprovalStore, 'addDecision'>;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const { store, approvals, logger, now = new Date() } = options;
  if (!(await store.isEmpty())) {
    logger.info('Release plans exist already; not seeding demo data');
    return 0;
  }
  const demos = demoReleases(now);
  try {
    for (const { release, events, decisions } of demos) {
      await store.createRelease(release, events);
      for (const decision of decisions) {
        await approvals.addDecision(release.id, 1, decision);
      }
    }
  } catch (error) {
    // e.g. another replica seeding at the same moment: the fixed ids collide
    logger.warn(`Could not seed demo release plans: ${error}`);
    return 0;
  }
  logger.info(`Seeded ${demos.length} demo release plans`);
  return demos.length;
}
