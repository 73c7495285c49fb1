import { ListingCache } from '../listingCache/ListingCache';
import { mockServices } from '@backstage/backend-test-utils';
import { createStores } from '../database/createStores';
import {
  NOW,
  releaseSeeder,
  routerTestDatabase,
} from '../service/__testUtils__/routerTestKit';
import { utcDayOf } from '../time';
import { releasesCovering } from './gateReleases';

const db = routerTestDatabase();
const PAYMENTS = 'component:default/payments-service';

describe('releasesCovering', () => {
  it('reads the instant alone when the day holds more releases than it keeps', async () => {
    const { database } = await db.init();
    const stores = await createStores(database);
    const seed = releaseSeeder(stores.releaseStore, {
      createdBy: 'user:default/alice',
      now: NOW,
    });
    const window = (start: string, end: string) => ({
      start: `2026-12-08T${start}:00.000Z`,
      end: `2026-12-08T${end}:00.000Z`,
    });
    const early = await seed({
      state: 'approved',
      window: window('08:00', '09:00'),
    });
    const late = await seed({
      state: 'in_progress',
      window: window('10:00', '12:00'),
    });
    await seed({ state: 'planned', window: window('10:00', '12:00') });
    const covering = async (at: string, dayLimit?: number) => {
      const cache = new ListingCache({
        revision: stores.listingRevision,
        permissions: mockServices.permissions(),
      });
      const query = { entityRef: PAYMENTS, at, day: utcDayOf(at) };
      const kept = await cache.atRevision();
      const found = await releasesCovering(
        stores.releaseStore,
        query,
        kept,
        dayLimit,
      );
      // what the gate that keeps nothing reads
      expect(found).toEqual(
        await releasesCovering(stores.releaseStore, query, undefined),
      );
      return found.map(r => r.id);
    };
    for (const dayLimit of [undefined, 1]) {
      expect(await covering('2026-12-08T08:30:00Z', dayLimit)).toEqual([
        early.id,
      ]);
      expect(await covering('2026-12-08T11:00:00Z', dayLimit)).toEqual([
        late.id,
      ]);
      expect(await covering('2026-12-08T09:30:00Z', dayLimit)).toEqual([]);
    }
  });
});
