import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { createFreezeRequestSchema } from '@internal/plugin-release-coordination-common';
import { expandOccurrences, startMatchesRule } from '../freezes/occurrences';
import { demoFreezes } from './demoFreezes';
import { seedDemoFreezes } from './seedDemoFreezes';
import { createStores } from '../database/createStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const now = new Date('2026-11-26T12:00:00.000Z'); // a Thursday

describe('demoFreezes', () => {
  const [weekend, yearEnd, payments] = demoFreezes(now);

  it('are valid freezes whose recurring starts are occurrences of their rules', () => {
    expect([weekend, yearEnd].map(freeze => startMatchesRule(freeze))).toEqual([
      true,
      true,
    ]);
    for (const freeze of [weekend, yearEnd, payments]) {
      expect(() =>
        createFreezeRequestSchema.parse({
          title: freeze.title,
          description: freeze.description,
          scope: freeze.scope,
          start: freeze.start,
          end: freeze.end,
          recurrence: freeze.recurrence,
          exemptTypes: freeze.exemptTypes,
        }),
      ).not.toThrow();
    }
  });

  it('freeze every weekend from Friday 16:00 to Monday 08:00 Berlin time', () => {
    const next = expandOccurrences(
      weekend,
      now,
      new Date('2026-12-08T00:00:00Z'),
    );
    expect(next.map(o => [o.start.toISOString(), o.end.toISOString()])).toEqual(
      [
        ['2026-11-27T15:00:00.000Z', '2026-11-30T07:00:00.000Z'],
        ['2026-12-04T15:00:00.000Z', '2026-12-07T07:00:00.000Z'],
      ],
    );
  });

  it('freeze commerce at the end of the year and payments next week', () => {
    expect(yearEnd.scope.domains).toEqual(['domain:default/commerce']);
    expect(
      expandOccurrences(yearEnd, now, new Date('2027-02-01T00:00:00Z')).map(
        o => [o.start.toISOString(), o.end.toISOString()],
      ),
    ).toEqual([['2026-12-19T23:00:00.000Z', '2027-01-03T23:00:00.000Z']]);
    expect(payments.scope.systems).toEqual(['system:default/payments']);
    expect(payments.recurrence).toBeUndefined();
    expect(payments.start).toBe('2026-12-01T05:00:00.000Z'); // Tuesday 06:00 CET
  });
});

describe.each(databases.eachSupportedId())('seedDemoFreezes on %p', id => {
  async function createStore() {
    const knex = await databases.init(id);
    return createStores(mockServices.database({ knex })).then(
      stores => stores.freezeStore,
    );
  }

  it('seeds an empty database once, with configured exempt types', async () => {
    const store = await createStore();
    const logger = mockServices.logger.mock();
    expect(
      await seedDemoFreezes({ store, logger, now, exemptTypes: ['emergency'] }),
    ).toBe(3);
    const page = await store.listFreezes({ limit: 10 });
    expect(page.items.map(f => f.title).sort()).toEqual([
      'Acquirer migration freeze',
      'End-of-year freeze',
      'Weekend freeze',
    ]);
    expect(page.items.every(f => f.exemptTypes.join() === 'emergency')).toBe(
      true,
    );
    expect(await seedDemoFreezes({ store, logger, now })).toBe(0);
    expect((await store.listFreezes({ limit: 10 })).items).toHaveLength(3);
  });
});
