import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Conflict } from '@internal/plugin-release-coordination-common';
import { createStores } from '../database/createStores';
import { StoredConflict } from './ConflictStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const day = (d: number, hour = 10) =>
  `2026-12-${String(d).padStart(2, '0')}T${String(hour).padStart(
    2,
    '0',
  )}:00:00.000Z`;

/** A same-entity conflict of releases with these windows (days of December). */
function stored(id: string, days: number[]): StoredConflict {
  const releaseIds = days.map((_, i) => `${id}-r${i}`);
  const conflict: Conflict = {
    id,
    kind: 'same-entity',
    severity: 'blocking',
    releaseIds,
    entityRefs: ['component:default/a'],
    message: id,
    suggestion: '',
  };
  return {
    conflict,
    audience: 'all',
    draftIds: [],
    windows: days.map(d => ({ start: day(d), end: day(d, 12) })),
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseConflictStore on %p',
  databaseId => {
    it('lists the ids of a range once each, in order, a page at a time', async () => {
      const knex = await databases.init(databaseId);
      const { conflictStore } = await createStores(
        mockServices.database({ knex }),
      );
      await conflictStore.insert([
        stored('c3', [2, 3]),
        stored('c1', [2, 2]),
        stored('c4', [20, 21]),
        stored('c2', [1, 25]),
        stored('c5', [3, 4]),
      ]);
      const range = { from: day(1, 0), to: day(5, 0) };
      expect(await conflictStore.idsInRange(range, { limit: 10 })).toEqual([
        'c1',
        'c2',
        'c3',
        'c5',
      ]);
      expect(await conflictStore.idsInRange(range, { limit: 2 })).toEqual([
        'c1',
        'c2',
      ]);
      expect(
        await conflictStore.idsInRange(range, { after: 'c2', limit: 2 }),
      ).toEqual(['c3', 'c5']);
      expect(
        await conflictStore.idsInRange(range, { after: 'c5', limit: 2 }),
      ).toEqual([]);
      const listed = await conflictStore.listByIds(['c5', 'c1', 'zz']);
      expect(listed.map(c => c.id).sort()).toEqual(['c1', 'c5']);
      expect(JSON.parse(listed.find(c => c.id === 'c5')!.json)).toEqual(
        stored('c5', [3, 4]).conflict,
      );
      await knex.destroy();
    });
  },
);
