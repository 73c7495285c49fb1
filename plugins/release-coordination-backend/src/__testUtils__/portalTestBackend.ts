/*
 * Test-only: the whole plugin as the portal wires it (startTestBackend with
 * the real plugin.ts), a small catalog of two service teams, the platform
 * team, the release managers and a user in no group, and a permission policy
 * that mirrors the portal's (freezes and trains for platform admins only).
 */
import {
  BackendFeature,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  freezeManagePermission,
  trainManagePermission,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import request from 'supertest';
import { releaseCoordinationPlugin } from '../plugin';
import { userInfoWithGroups } from '../service/__testUtils__/routerTestKit';
import { silentSignals } from './silentMessaging';

/** The five kinds of user every authorization test asks about. */
export const USERS = {
  /** Member of checkout-team, which owns checkout-service. */
  owner: 'user:default/alice',
  /** Member of payments-team, which owns payments-service. */
  otherTeam: 'user:default/bob',
  /** Member of platform-team: manages freezes and trains. */
  platformAdmin: 'user:default/carol',
  /** Member of release-managers. */
  releaseManager: 'user:default/rita',
  /** In the catalog, in no group. */
  noGroup: 'user:default/nora',
} as const;

/** A kind of user of {@link USERS}. */
export type Role = keyof typeof USERS;

/**
 * Another member of checkout-team, who creates releases that Alice then
 * acts on without being their creator (creators may not approve).
 */
export const CO_OWNER = 'user:default/olivia';

const GROUPS: Record<string, string[]> = {
  [USERS.owner]: ['group:default/checkout-team'],
  [CO_OWNER]: ['group:default/checkout-team'],
  [USERS.otherTeam]: ['group:default/payments-team'],
  [USERS.platformAdmin]: ['group:default/platform-team'],
  [USERS.releaseManager]: ['group:default/release-managers'],
};

const PLATFORM_ONLY = new Set([
  freezeManagePermission.name,
  trainManagePermission.name,
]);

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent && { parent }) },
  };
}

function component(name: string, owner: string, system: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner, system },
    relations: [
      { type: 'partOf', targetRef: `system:default/${system}` },
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
    ],
  };
}

/** The catalog of the portal test backend. */
export const PORTAL_TEST_ENTITIES: Entity[] = [
  group('engineering'),
  group('checkout-team', 'engineering'),
  group('payments-team', 'engineering'),
  group('platform-team'),
  group('release-managers'),
  ...[...Object.values(USERS), CO_OWNER].map(ref => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { memberOf: GROUPS[ref] ?? [] },
  })),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: { owner: 'checkout-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'payments-team' },
  },
  component('checkout-service', 'checkout-team', 'checkout'),
  component('cart-service', 'checkout-team', 'checkout'),
  component('payments-service', 'payments-team', 'payments'),
];

/** Config of the portal test backend: one standard change per service. */
export const PORTAL_TEST_CONFIG = {
  releaseCoordination: {
    standardChanges: [
      {
        id: 'checkout-config',
        title: 'Checkout configuration change',
        entityRefs: ['component:default/checkout-service'],
        changeKinds: ['config'],
      },
      {
        id: 'payments-config',
        title: 'Payments configuration change',
        entityRefs: ['component:default/payments-service'],
        changeKinds: ['config'],
      },
    ],
  },
};

/**
 * The portal test backend of a test file. Call it at the top level of the
 * file (it registers the database's jest hooks there); `start()` starts the
 * plugin on a fresh SQLite database, with `PORTAL_TEST_CONFIG` unless told.
 */
export function portalTestBackend() {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  return {
    start: async (
      options: Omit<Parameters<typeof startPortalTestBackend>[0], 'knex'> = {},
    ) =>
      startPortalTestBackend({
        knex: await databases.init('SQLITE_3'),
        ...options,
      }),
  };
}

/** Starts the plugin on the given database; `as(role)` sends requests as one of the five {@link USERS}. */
export async function startPortalTestBackend(options: {
  knex: Knex;
  config?: object;
  /** Another catalog than {@link PORTAL_TEST_ENTITIES}; users' groups come from its `spec.memberOf`. */
  entities?: Entity[];
  /** More features to start with the plugin (e.g. a module that uses its services). */
  features?: BackendFeature[];
}): Promise<PortalTestBackend> {
  const { knex } = options;
  const sent: NotificationSendOptions[] = [];
  const userInfo = userInfoWithGroups(
    options.entities ? groupsOfUsers(options.entities) : GROUPS,
  );
  const { server } = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (notification: NotificationSendOptions) => {
            sent.push(notification);
          },
        }),
      }),
      silentSignals,
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => userInfo,
      }),
      mockServices.permissions.mock({
        authorize: async (
          requests: { permission: { name: string } }[],
          { credentials }: { credentials: BackstageCredentials },
        ) => {
          const user = (credentials.principal as { userEntityRef?: string })
            .userEntityRef;
          const admin = user === USERS.platformAdmin;
          return requests.map(r => ({
            result:
              PLATFORM_ONLY.has(r.permission.name) && !admin
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }));
        },
        authorizeConditional: async (requests: unknown[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      } as any).factory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: options.config ?? PORTAL_TEST_CONFIG,
      }),
      catalogServiceMock.factory({
        entities: options.entities ?? PORTAL_TEST_ENTITIES,
      }),
      ...(options.features ?? []),
    ],
  });
  const api = '/api/release-coordination';
  const header = (role: Role | `user:${string}`) =>
    mockCredentials.user.header(
      role.startsWith('user:') ? role : USERS[role as Role],
    );
  return {
    server,
    sent,
    knex,
    api,
    as(role: Role | `user:${string}`) {
      const send =
        (method: 'get' | 'post' | 'patch' | 'put' | 'delete') =>
        (path: string) =>
          request(server)
            [method](`${api}${path}`)
            .set('Authorization', header(role));
      return {
        get: send('get'),
        post: send('post'),
        patch: send('patch'),
        put: send('put'),
        delete: send('delete'),
      };
    },
  };
}

/** Each user's groups, from `spec.memberOf` (default namespace). */
function groupsOfUsers(entities: Entity[]): Record<string, string[]> {
  return Object.fromEntries(
    entities
      .filter(e => e.kind === 'User')
      .map(e => [
        `user:default/${e.metadata.name}`,
        ((e.spec?.memberOf as string[]) ?? []).map(g => `group:default/${g}`),
      ]),
  );
}

/** A request builder of {@link PortalTestBackend}. */
export type RequestAs = Record<
  'get' | 'post' | 'patch' | 'put' | 'delete',
  (path: string) => request.Test
>;

/** The started plugin of {@link startPortalTestBackend}. */
export interface PortalTestBackend {
  server: Parameters<typeof request>[0];
  knex: Knex;
  /** Every notification the plugin sent, in order. */
  sent: NotificationSendOptions[];
  api: string;
  /** A request builder for the API as one of {@link USERS} or any user ref. */
  as(role: Role | `user:${string}`): RequestAs;
}

/** A release window `hoursFromNow` hours ahead, `hours` long. */
export function windowIn(hoursFromNow: number, hours = 2) {
  const start = Date.now() + hoursFromNow * 3_600_000;
  return {
    start: new Date(start).toISOString(),
    end: new Date(start + hours * 3_600_000).toISOString(),
  };
}
