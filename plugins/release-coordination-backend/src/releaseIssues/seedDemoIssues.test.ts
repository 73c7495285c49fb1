import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';
import { seedDemoReleases } from '../demo/seedDemoReleases';
import { DEMO_ISSUE_ID, seedDemoIssues } from './seedDemoIssues';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('seedDemoIssues', () => {
  it('seeds one open sev2 issue on a released demo release, once', async () => {
    const knex = await databases.init('SQLITE_3');
    const stores = await createStores(mockServices.database({ knex }));
    const logger = mockServices.logger.mock();
    await seedDemoReleases({
      store: stores.releaseStore,
      approvals: stores.approvalStore,
      logger,
    });
    const seed = () =>
      seedDemoIssues({
        releases: stores.releaseStore,
        issues: stores.releaseIssueStore,
        logger,
      });
    await seed();
    await seed();
    const issue = await stores.releaseIssueStore.getIssue(DEMO_ISSUE_ID);
    expect(issue).toMatchObject({ severity: 'sev2', status: 'open' });
    const release = await stores.releaseStore.getRelease(issue!.releaseId);
    expect(release?.state).toBe('released');
    const [{ n }] = await knex('release_issues').count({ n: '*' });
    expect(Number(n)).toBe(1);
  });
});
