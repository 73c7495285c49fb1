/** The conflict routes over a test database, with the entities, users and requests their tests use. */

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Conflict,
  Release,
  freezeManagePermission,
} from '@internal/plugin-release-coordination-common';
import express from 'express';
import request from 'supertest';
import { createRouter } from '../router';
import {
  createPlanningServices,
  entity,
  mockAuditor,
  routerTestDatabase,
  testApp,
  userInfoWithGroups,
} from './routerTestKit';

const db = routerTestDatabase();

export const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';
export const asAlice = mockCredentials.user.header(ALICE);
export const asMallory = mockCredentials.user.header(MALLORY);
export const asPipeline = mockCredentials.service.header();

export const entities: Entity[] = [
  entity('System', 'payments', { owner: 'team-pay' }),
  entity(
    'Component',
    'payments-service',
    {
      owner: 'team-pay',
      system: 'payments',
    },
    [['consumesApi', 'api:default/ledger-api']],
  ),
  entity('Component', 'ledger-service', { owner: 'team-ledger' }, [
    ['providesApi', 'api:default/ledger-api'],
  ]),
  entity('API', 'ledger-api', { owner: 'team-ledger' }),
  entity('Component', 'tool', { owner: 'team-tools' }),
  entity('Group', 'team-pay'),
  entity('Group', 'team-ledger'),
  entity('Group', 'team-tools'),
];

export const userInfo = userInfoWithGroups({
  [ALICE]: ['group:default/team-pay', 'group:default/team-ledger'],
  [MALLORY]: ['group:default/team-tools'],
});

export const PAYMENTS = 'component:default/payments-service';
export const LEDGER = 'component:default/ledger-service';

export const window = (start: string, end: string) => ({
  start: `2026-12-${start}:00Z`,
  end: `2026-12-${end}:00Z`,
});

export async function createApp() {
  const { database, releaseStore: store } = await db.init();
  const { auditor, auditEvent } = mockAuditor();
  const catalog = catalogServiceMock({ entities });
  const { releases, freezes, conflicts, trains } = await createPlanningServices(
    {
      database,
      catalog,
      userInfo,
      // approving is not what these tests are about
      config: { approvals: { rules: { normal: 'none' } } },
      // Mallory is no platform admin: she may not manage freezes
      permissions: mockServices.permissions.mock({
        authorize: async (
          requests: { permission: { name: string } }[],
          { credentials }: { credentials: BackstageCredentials },
        ) =>
          requests.map(r => ({
            result:
              r.permission.name === freezeManagePermission.name &&
              (credentials.principal as { userEntityRef?: string })
                .userEntityRef === MALLORY
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async (requests: unknown[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      } as any),
    },
  );
  const router = await createRouter({
    releases,
    freezes,
    conflicts,
    httpAuth: mockServices.httpAuth(),
    auditor,
  });
  const app = testApp(router);
  return { app, auditor, auditEvent, store, trains };
}

type App = express.Express;

export async function post(app: App, body: object): Promise<Release> {
  const res = await request(app)
    .post('/releases')
    .set('Authorization', asAlice)
    .send({
      title: 'Payments 2.0',
      version: '2.0.0',
      type: 'normal',
      window: window('08T10:00', '08T12:00'),
      entityRefs: [PAYMENTS],
      ...body,
    });
  expect(res.status).toBe(201);
  return res.body;
}

export async function freeze(app: App) {
  const res = await request(app)
    .post('/freezes')
    .set('Authorization', asAlice)
    .send({
      title: 'Payments freeze',
      scope: { systems: ['payments'] },
      start: '2026-12-01T10:00:00Z',
      end: '2026-12-03T10:00:00Z',
    });
  expect(res.status).toBe(201);
}

export async function approve(app: App, release: Release) {
  for (const to of ['planned', 'approved']) {
    const res = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', asAlice)
      .send({ to });
    expect(res.status).toBe(200);
  }
}

export const kindsOf = (conflicts: Conflict[]) =>
  conflicts.map(c => c.kind).sort();
