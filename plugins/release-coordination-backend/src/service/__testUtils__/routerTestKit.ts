/*
 * Test-only helpers shared by the router tests in `src/service/*.test.ts`.
 *
 * This lives under `__testUtils__`, which the Backstage lint rules treat as
 * test code (dev dependencies allowed), and nothing reachable from
 * `src/index.ts` imports it, so `backstage-cli package build` does not ship it.
 */
import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { Release } from '@internal/plugin-release-coordination-common';
import express from 'express';
import request from 'supertest';
import { testEntity } from '../../catalogGraph/testCatalog';
import { ReleaseStore } from '../../database/ReleaseStore';
import { createStores } from '../../database/createStores';
import { createTestServices } from '../../__testUtils__/testServices';

/** The fixed clock most router tests run at. */
export const NOW = new Date('2026-11-26T12:00:00.000Z');

/** A catalog entity in the default namespace; relations as `[type, targetRef]`. */
export function entity(
  kind: string,
  name: string,
  spec: Record<string, string> = {},
  relations: [string, string][] = [],
): Entity {
  return testEntity(`${kind.toLocaleLowerCase('en-US')}:default/${name}`, {
    spec,
    relations,
  });
}

/**
 * The test database of a test file (SQLite unless `ids` names others). Call
 * it at the top level of the file (it registers the jest hooks there);
 * `init()` gives a fresh database with the release store (and so all
 * migrations) in place.
 */
export function routerTestDatabase(ids: TestDatabaseId[] = ['SQLITE_3']) {
  const databases = TestDatabases.create({ ids });
  return {
    /** The ids of `ids` this machine supports (for `describe.each`). */
    eachSupportedId: () => databases.eachSupportedId(),
    async init(id: TestDatabaseId = 'SQLITE_3') {
      const knex = await databases.init(id);
      const database = mockServices.database({ knex });
      const releaseStore = await createStores(database).then(
        stores => stores.releaseStore,
      );
      return { knex, database, releaseStore };
    },
  };
}

/**
 * Every service over a test database, wired as the plugin wires them
 * (`createServices`): permissions allow everything unless given, the clock
 * is `NOW` unless given.
 */
export async function createPlanningServices(
  options: Parameters<typeof createTestServices>[0],
) {
  return createTestServices({ now: () => NOW, ...options });
}

/** A user info service in which each user owns itself and its groups. */
export function userInfoWithGroups(
  groupsOf: Record<string, string[]>,
): UserInfoService {
  return {
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(groupsOf[userEntityRef] ?? []),
        ],
      };
    },
  };
}

/** An auditor whose every event is the one `auditEvent` mock. */
export function mockAuditor() {
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent),
  });
  return { auditor, auditEvent };
}

/**
 * Permissions that allow everything, or deny every release-coordination
 * permission (the catalog's stay allowed, as a policy about this plugin
 * would leave them).
 */
export function permissionsWith(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  if (result === AuthorizeResult.ALLOW) return mockServices.permissions();
  const decide = (name: string) =>
    name.startsWith('release-coordination.')
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW;
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({ result: decide(r.permission.name) })),
    authorizeConditional: async requests =>
      requests.map(r => ({ result: decide(r.permission.name) })) as any,
  });
}

/** The router mounted as the plugin mounts it, with the backend's error handler. */
export function testApp(router: express.Router): express.Express {
  return express().use(router).use(mockErrorHandler());
}

/** Sends a request without any credentials (for the 401 checks). */
export function requestWithoutCredentials(
  app: express.Express,
  method: 'get' | 'post' | 'patch' | 'delete',
  path: string,
  body: object = {},
) {
  return request(app)
    [method](path)
    .set('Authorization', mockCredentials.none.header())
    .send(body);
}

/**
 * Writes releases straight into the store, numbered from 1 per seeder: ids,
 * titles and the rest default, `parts` override.
 */
export function releaseSeeder(
  store: ReleaseStore,
  defaults: {
    createdBy: string;
    now: Date;
    version?: (n: number) => string;
  },
) {
  let counter = 0;
  return async (
    parts: Partial<Release> & Pick<Release, 'state'>,
  ): Promise<Release> => {
    counter += 1;
    return store.createRelease(
      {
        id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
        title: `Release ${counter}`,
        version: defaults.version?.(counter) ?? '1.0.0',
        type: 'normal',
        window: {
          start: '2026-12-01T10:00:00.000Z',
          end: '2026-12-01T12:00:00.000Z',
        },
        entityRefs: ['component:default/payments-service'],
        ownerRef: 'group:default/team-pay',
        description: '',
        changes: [],
        createdBy: defaults.createdBy,
        createdAt: defaults.now.toISOString(),
        updatedAt: defaults.now.toISOString(),
        revision: 1,
        ...parts,
      },
      [],
    );
  };
}

/**
 * A permissions service that allows everything but `release.read`, whose
 * decision the test switches with `setRead`; `authorize` is its mock.
 */
export function switchableReleaseRead() {
  let read: AuthorizeResult = AuthorizeResult.ALLOW;
  const authorize = jest.fn(async (requests: { permission: Permission }[]) =>
    requests.map(r => ({
      result:
        r.permission.name === 'release-coordination.release.read'
          ? read
          : AuthorizeResult.ALLOW,
    })),
  );
  const permissions = mockServices.permissions.mock({
    authorize,
    authorizeConditional: authorize,
  } as any);
  return {
    permissions,
    authorize,
    setRead: (result: AuthorizeResult) => {
      read = result;
    },
  };
}
