/*
 * The backend of the hostile-input tests: the plugin started with its real
 * wiring over a seeded test database.
 */
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { releaseCoordinationPlugin } from '../../plugin';
import { CATALOG, USER } from './hostileCatalog';
import { silentMessaging } from '../../__testUtils__/silentMessaging';

/** The plugin's base path in the test backend. */
export const API = '/api/release-coordination';

/**
 * The databases the hostile-input tests run on: SQLite always; PostgreSQL 15
 * too when `HOSTILE_INPUT_POSTGRES` is set (it doubles the suite's time), and
 * then only where `TestDatabases` finds one.
 */
export function hostileInputDatabases(): TestDatabaseId[] {
  return process.env.HOSTILE_INPUT_POSTGRES
    ? ['SQLITE_3', 'POSTGRES_15']
    : ['SQLITE_3'];
}

/** The plugin running on one test database, with the ids of its seeded rows. */
export interface HostileBackend {
  server: Parameters<typeof request>[0];
  knex: Knex;
  ids: {
    releases: string[];
    freezes: string[];
    trains: string[];
    feeds: string[];
  };
  /** The secret token of the feed in `ids.feeds`. */
  feedToken: string;
  stop(): Promise<void>;
}

/**
 * Starts the plugin with its real wiring (demo data seeded) on a test
 * database; the caller (user:default/mock) is a member of the checkout team.
 */
export async function startHostileBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<HostileBackend> {
  const knex = await databases.init(databaseId);
  const testBackend = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      ...silentMessaging,
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () =>
          mockServices.userInfo({
            ownershipEntityRefs: [USER, 'group:default/checkout-team'],
          }),
      }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://portal.example.com' },
          releaseCoordination: { demoData: { seed: true } },
        },
      }),
      catalogServiceMock.factory({ entities: CATALOG }),
    ],
  });
  const server = testBackend.server;
  const feed = await request(server)
    .post(`${API}/calendar-feeds`)
    .send({ filters: { system: 'checkout' } });
  if (feed.status !== 201) {
    throw new Error(`could not create a calendar feed: ${feed.status}`);
  }
  const column = async (table: string) =>
    (await knex(table).select('id').orderBy('id')).map(row => String(row.id));
  return {
    server,
    knex,
    ids: {
      releases: await column('releases'),
      freezes: await column('freezes'),
      trains: await column('trains'),
      feeds: [feed.body.id],
    },
    feedToken: feed.body.token,
    stop: () => testBackend.stop(),
  };
}
