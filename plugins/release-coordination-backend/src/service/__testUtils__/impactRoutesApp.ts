/*
 * Test-only: the impact routes over a small catalog (payments and storefront
 * systems, a ledger with an API the shop consumes, a component hidden from
 * users), shared by the impact route tests.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Release } from '@internal/plugin-release-coordination-common';
import express from 'express';
import request from 'supertest';
import {
  permissionedCatalog,
  testEntity,
} from '../../catalogGraph/testCatalog';
import { catalogReadPermissions } from '../../impact/__testUtils__/catalogReadPermissions';
import {
  mockAuditor,
  routerTestDatabase,
  testApp,
  userInfoWithGroups,
  createPlanningServices,
} from './routerTestKit';
import { createRouter } from '../router';

export const db = routerTestDatabase();

export const ALICE = 'user:default/alice';
export const asAlice = mockCredentials.user.header(ALICE);
export const asMallory = mockCredentials.user.header('user:default/mallory');

export const LEDGER = 'component:default/ledger';
export const SHOP = 'component:default/shop';
export const TOOL = 'component:default/tool';
export const SECRET = 'component:default/secret';
export const CART = 'component:default/cart';

export const entities = [
  testEntity('domain:default/money', {
    annotations: { 'release-coordination/tier': 'tier-1' },
  }),
  testEntity('system:default/payments', {
    spec: { owner: 'team-pay', domain: 'money' },
    relations: [['partOf', 'domain:default/money']],
  }),
  testEntity('system:default/storefront', { spec: { owner: 'team-shop' } }),
  testEntity(LEDGER, {
    spec: { owner: 'team-pay', system: 'payments' },
    relations: [
      ['partOf', 'system:default/payments'],
      ['providesApi', 'api:default/ledger-api'],
      ['ownedBy', 'group:default/team-pay'],
    ],
  }),
  testEntity('api:default/ledger-api', {
    spec: { owner: 'team-pay', system: 'payments' },
    relations: [['partOf', 'system:default/payments']],
  }),
  testEntity(SHOP, {
    spec: { owner: 'team-shop', system: 'storefront' },
    annotations: { 'release-coordination/audience': 'customers' },
    relations: [
      ['partOf', 'system:default/storefront'],
      ['consumesApi', 'api:default/ledger-api'],
    ],
  }),
  testEntity(SECRET, {
    spec: { owner: 'team-shop' },
    relations: [['dependsOn', LEDGER]],
  }),
  // reaches the ledger only through the hidden SECRET
  testEntity(CART, {
    spec: { owner: 'team-shop', system: 'storefront' },
    relations: [
      ['partOf', 'system:default/storefront'],
      ['dependsOn', SECRET],
    ],
  }),
  testEntity(TOOL, { spec: { owner: 'team-tools' } }),
  testEntity('group:default/team-pay'),
  testEntity('group:default/team-shop'),
  testEntity('group:default/team-tools'),
];

export const userInfo = userInfoWithGroups({
  [ALICE]: ['group:default/team-pay', 'group:default/team-tools'],
});

/**
 * The impact routes over a catalog that hides SECRET from users; the users'
 * `catalog.entity.read` decision is conditional unless said otherwise.
 * `readCheck` records the read checks the impact service asks the catalog for.
 */
export async function createApp(
  decision: AuthorizeResult = AuthorizeResult.CONDITIONAL,
) {
  const { database } = await db.init();
  const { auditor, auditEvent } = mockAuditor();
  const catalog = permissionedCatalog(entities, [SECRET]);
  const readCheck = jest.fn(catalog.getEntitiesByRefs);
  const impactCatalog = new Proxy(catalog, {
    get: (target, property) =>
      property === 'getEntitiesByRefs'
        ? readCheck
        : Reflect.get(target, property),
  });
  const { releases, freezes, conflicts, impact, stores } =
    await createPlanningServices({
      database,
      catalog: impactCatalog,
      userInfo,
      permissions: catalogReadPermissions(decision),
    });
  const router = await createRouter({
    releases,
    freezes,
    conflicts,
    impact,
    httpAuth: mockServices.httpAuth(),
    auditor,
  });
  const app = testApp(router);
  return { app, auditor, auditEvent, readCheck, releases, stores };
}

export type App = express.Express;

/** Creates a draft release of the ledger as Alice (a breaking change by default). */
export async function post(app: App, body: object = {}): Promise<Release> {
  const res = await request(app)
    .post('/releases')
    .set('Authorization', asAlice)
    .send({
      title: 'Ledger 2.0',
      version: '2.0.0',
      type: 'normal',
      window: {
        start: '2026-12-08T10:00:00Z',
        end: '2026-12-08T12:00:00Z',
      },
      entityRefs: [LEDGER],
      changes: [{ kind: 'breaking', title: 'Drop v1' }],
      ...body,
    });
  expect(res.status).toBe(201);
  return res.body;
}
