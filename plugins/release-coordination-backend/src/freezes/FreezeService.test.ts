import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Freeze } from '@internal/plugin-release-coordination-common';
import { FreezeStore } from '../database/FreezeStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { FreezeService } from './FreezeService';

const daily = (i: number): Freeze => ({
  id: `freeze-${i}`,
  title: `Nightly ${i}`,
  description: '',
  scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
  start: '2026-01-01T17:00:00.000Z',
  end: '2026-01-01T19:00:00.000Z',
  recurrence: { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin', exdates: [] },
  exemptTypes: ['emergency'],
  createdBy: 'user:default/carol',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  revision: 1,
});

describe('FreezeService occurrences', () => {
  it('lets the event loop run between freezes while it expands a year of them', async () => {
    const freezes = Array.from({ length: 5 }, (_, i) => daily(i));
    const service = new FreezeService({
      store: {
        listFreezesInRange: async () => freezes,
      } as Partial<FreezeStore> as FreezeStore,
      releases: {} as ReleaseStore,
      catalog: new CatalogModel({
        catalog: catalogServiceMock({ entities: [] }),
        auth: mockServices.auth(),
      }),
      permissions: mockServices.permissions(),
    });
    // a turn of the event loop counted on every turn until the expansion is done
    let turns = 0;
    let done = false;
    const countTurns = () => {
      if (done) return;
      turns += 1;
      setImmediate(countTurns);
    };
    const listed = service
      .listOccurrences(
        {
          from: '2026-03-01T00:00:00.000Z',
          to: '2027-03-01T00:00:00.000Z',
          entityRef: undefined,
        },
        mockCredentials.user(),
      )
      .finally(() => {
        done = true;
      });
    setImmediate(countTurns);
    const occurrences = await listed;
    expect(occurrences).toHaveLength(5 * 365);
    // one turn before each freeze at least: a request for them cannot hold the others
    expect(turns).toBeGreaterThanOrEqual(freezes.length);
  });
});
