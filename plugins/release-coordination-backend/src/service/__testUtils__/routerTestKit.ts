/*
 * Test-only helpers shared by the router tests in `src/service/*.test.ts`.
 *
 * This lives under `__testUtils__`, which the Backstage lint rules treat as
 * test code (dev dependencies allowed), and nothing reachable from
 * `src/index.ts` imports it, so `backstage-cli package build` does not ship it.
 */
import {
  AuthService,
  DatabaseService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Release } from '@internal/plugin-release-coordination-common';
import express from 'express';
import request from 'supertest';
import { testEntity } from '../../catalogGraph/testCatalog';
import { ConflictService } from '../../conflicts/ConflictService';
import { DatabaseFreezeStore } from '../../database/DatabaseFreezeStore';
import { DatabaseReleaseStore } from '../../database/DatabaseReleaseStore';
import { FreezeService } from '../../freezes/FreezeService';
import { ReleaseService } from '../../releases/ReleaseService';

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
 * The SQLite test database of a test file. Call it at the top level of the
 * file (it registers the jest hooks there); `init()` gives a fresh database
 * with the release store (and so all migrations) in place.
 */
export function routerTestDatabase() {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  return {
    async init() {
      const knex = await databases.init('SQLITE_3');
      const database = mockServices.database({ knex });
      const releaseStore = await DatabaseReleaseStore.create({ database });
      return { knex, database, releaseStore };
    },
  };
}

/**
 * The release, freeze and conflict services over a test database, wired as
 * the plugin wires them: permissions allow everything, the clock is `NOW`.
 */
export async function createPlanningServices(options: {
  database: DatabaseService;
  releaseStore: DatabaseReleaseStore;
  catalog: CatalogService;
  userInfo: UserInfoService;
  auth?: AuthService;
  trains?: ConstructorParameters<typeof ConflictService>[0]['trains'];
  /** Allow everything unless given. */
  permissions?: PermissionsService;
}) {
  const { releaseStore: store, catalog } = options;
  const permissions = options.permissions ?? mockServices.permissions();
  const freezeStore = await DatabaseFreezeStore.create({
    database: options.database,
    skipMigrations: true,
  });
  const releases = new ReleaseService({
    store,
    catalog,
    permissions,
    userInfo: options.userInfo,
  });
  const freezes = new FreezeService({
    store: freezeStore,
    releases: store,
    catalog,
    permissions,
    now: () => NOW,
  });
  const conflicts = new ConflictService({
    store,
    freezes,
    catalog,
    auth: options.auth ?? mockServices.auth(),
    trains: options.trains,
    visibility: releases,
    now: () => NOW,
  });
  return { releases, freezes, conflicts };
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

/** Permissions that allow everything, or deny every request. */
export function permissionsWith(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return result === AuthorizeResult.DENY
    ? mockServices.permissions.mock({
        authorize: async () => [{ result: AuthorizeResult.DENY }],
      })
    : mockServices.permissions();
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
  store: DatabaseReleaseStore,
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
