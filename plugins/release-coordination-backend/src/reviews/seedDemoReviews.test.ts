import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { REVIEWABLE_STATES } from '@internal/plugin-release-coordination-common';
import { ConfigReader } from '@backstage/config';
import { createStores } from '../database/createStores';
import { seedDemoData } from '../demo/seedDemoData';
import { DEMO_COMPLETED_REVIEW_RELEASE_ID } from './seedDemoReviews';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** "Order service hotfix" of the demo releases: rolled back, its review for people to write. */
const ORDER_HOTFIX_ID = '00000000-0000-4000-a000-000000000003';

describe('seedDemoReviews', () => {
  it('gives every demo release that went live its review, once: the rolled-back order hotfix an open required one, Ledger 4.2 a completed one with action items', async () => {
    const knex = await databases.init('SQLITE_3');
    const stores = await createStores(mockServices.database({ knex }));
    const seed = () =>
      seedDemoData({
        stores,
        config: new ConfigReader({}),
        logger: mockServices.logger.mock(),
      });
    await seed();
    await seed();
    const hotfix = await stores.releaseStore.getRelease(ORDER_HOTFIX_ID);
    expect(hotfix).toMatchObject({
      title: 'Order service hotfix',
      state: 'rolled_back',
      ownerRef: 'group:default/checkout-team',
    });
    expect(await stores.reviewStore.getReview(ORDER_HOTFIX_ID)).toMatchObject({
      required: true,
      requiredBecause: ['rolled-back'],
      status: 'open',
      lessons: '',
      actionItems: [],
      revision: 1,
    });
    const ledger = await stores.reviewStore.getReview(
      DEMO_COMPLETED_REVIEW_RELEASE_ID,
    );
    expect(ledger).toMatchObject({
      required: true,
      status: 'completed',
      completedBy: 'user:default/bob',
    });
    expect(ledger?.actionItems.map(i => i.status)).toEqual(['open', 'done']);

    const { items: live } = await stores.releaseStore.listReleases({
      states: [...REVIEWABLE_STATES],
      order: 'asc',
      limit: 200,
    });
    const { items: reviews } = await stores.reviewStore.listReviews({
      limit: 200,
    });
    expect(reviews.map(r => r.releaseId).sort()).toEqual(
      live.map(r => r.id).sort(),
    );
    expect(reviews.some(r => !r.required)).toBe(true);
  });
});
