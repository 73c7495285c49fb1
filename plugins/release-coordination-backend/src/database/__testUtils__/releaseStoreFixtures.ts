/** Releases, events and stores over each test database, for the DatabaseReleaseStore tests. */

import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { Release } from '@internal/plugin-release-coordination-common';
import { createStores } from '../createStores';

export const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
});

let counter = 0;
export function release(overrides: Partial<Release> = {}): Release {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    id,
    title: `Release ${counter}`,
    version: `1.${counter}.0`,
    type: 'normal',
    state: 'draft',
    window: {
      start: '2026-12-01T10:00:00.000Z',
      end: '2026-12-01T12:00:00.000Z',
    },
    entityRefs: ['component:default/a'],
    ownerRef: 'group:default/team-a',
    description: '# Notes',
    changes: [{ kind: 'feature', title: 'New thing' }],
    createdBy: 'user:default/alice',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

export const created = (at = '2026-11-01T08:00:00.000Z') => ({
  action: 'created' as const,
  actorRef: 'user:default/alice',
  createdAt: at,
  changes: [],
});

export const updateEvent = {
  action: 'updated' as const,
  actorRef: 'user:default/alice',
  createdAt: '2026-11-02T08:00:00.000Z',
  changes: [],
};

/** A release store over a fresh, migrated database of the given kind. */
export async function createStore(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const { releaseStore: store } = await createStores(
    mockServices.database({ knex }),
  );
  return { knex, store };
}
