import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Stores } from '../database/createStores';
import { readExemptTypes } from '../settings';
import { seedDemoFreezes } from './seedDemoFreezes';
import { seedDemoReleases } from './seedDemoReleases';
import { seedDemoRollbacks } from './seedDemoRollbacks';
import { seedDemoTrains } from './seedDemoTrains';
import { seedDemoVerification } from './demoVerification';
import { seedDemoIssues } from '../releaseIssues/seedDemoIssues';
import { seedDemoReviews } from '../reviews/seedDemoReviews';
import { readReviewSettings } from '../reviews/reviewSettings';
import { seedDemoMetricsHistory } from './demoMetricsHistory';

/** Seeds the demo releases (with their approvals), freezes and trains, each once. */
export async function seedDemoData(options: {
  stores: Stores;
  config: Config;
  logger: LoggerService;
}): Promise<void> {
  const { stores, config, logger } = options;
  await seedDemoReleases({
    store: stores.releaseStore,
    approvals: stores.approvalStore,
    logger,
  });
  await seedDemoFreezes({
    store: stores.freezeStore,
    logger,
    exemptTypes: readExemptTypes(config),
  });
  await seedDemoTrains({ store: stores.trainStore, logger });
  await seedDemoVerification({ stores, logger });
  await seedDemoIssues({
    releases: stores.releaseStore,
    issues: stores.releaseIssueStore,
    logger,
  });
  await seedDemoRollbacks({ stores, logger });
  await seedDemoMetricsHistory({ stores, logger });
  await seedDemoReviews({
    stores,
    settings: readReviewSettings(config),
    logger,
  });
}
