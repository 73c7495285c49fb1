/** The freeze routes over a test database, with the entities, users and freezes their tests use. */

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CreateFreezeRequest,
  Freeze,
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import express from 'express';
import request from 'supertest';
import { createRouter } from '../router';
import {
  NOW,
  createPlanningServices,
  entity,
  mockAuditor,
  permissionsWith,
  releaseSeeder,
  routerTestDatabase,
  testApp,
} from './routerTestKit';

const db = routerTestDatabase();

export const CAROL = 'user:default/carol';
export const asCarol = mockCredentials.user.header(CAROL);
export const asPipeline = mockCredentials.service.header();

export const entities: Entity[] = [
  entity('Domain', 'commerce'),
  entity('Domain', 'platform'),
  // the domain only in relations
  entity('System', 'payments', { owner: 'team-pay' }, [
    ['partOf', 'domain:default/commerce'],
  ]),
  // the domain only in spec
  entity('System', 'checkout', { owner: 'team-pay', domain: 'commerce' }),
  entity('System', 'search', { owner: 'team-search', domain: 'platform' }),
  entity(
    'Component',
    'payments-service',
    { owner: 'team-pay', system: 'payments' },
    [
      ['partOf', 'system:default/payments'],
      ['ownedBy', 'group:default/team-pay'],
    ],
  ),
  entity('Component', 'cart-service', {
    owner: 'team-pay',
    system: 'checkout',
  }),
  entity('Component', 'search-service', {
    owner: 'group:default/team-search',
    system: 'search',
  }),
  entity('Component', 'tool', { owner: 'team-tools' }),
  entity('Group', 'team-pay'),
  entity('Group', 'team-search'),
  entity('Group', 'team-tools'),
];

export const oneOff = (parts: Partial<CreateFreezeRequest> = {}) => ({
  title: 'Payments freeze',
  scope: { systems: ['payments'] },
  start: '2026-12-01T10:00:00Z',
  end: '2026-12-03T10:00:00Z',
  ...parts,
});

export const weekend = {
  title: 'Weekend freeze',
  scope: { all: true },
  start: '2026-11-27T15:00:00Z', // Friday 16:00 Berlin
  end: '2026-11-30T07:00:00Z', // Monday 08:00
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR', timezone: 'Europe/Berlin' },
};

export async function createApp(
  options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
) {
  const { database, releaseStore } = await db.init();
  const { auditor, auditEvent } = mockAuditor();
  const catalog = catalogServiceMock({ entities });
  const { releases, freezes, stores } = await createPlanningServices({
    database,
    catalog,
    permissions: permissionsWith(options.permission),
    config: { freezes: { exemptTypes: ['emergency', 'security'] } },
  });
  const freezeStore = stores.freezeStore;
  const router = await createRouter({
    releases,
    freezes,
    httpAuth: mockServices.httpAuth(),
    auditor,
  });
  const app = testApp(router);

  const seed = releaseSeeder(releaseStore, { createdBy: CAROL, now: NOW });
  const addRelease = (
    type: ReleaseType,
    state: ReleaseState,
    window: { start: string; end: string },
    entityRefs = ['component:default/payments-service'],
  ) => seed({ type, state, window, entityRefs });
  return { app, auditor, auditEvent, catalog, freezeStore, addRelease };
}

export async function createFreeze(app: express.Express, body: object) {
  const res = await request(app)
    .post('/freezes')
    .set('Authorization', asCarol)
    .send(body);
  expect(res.status).toBe(201);
  return res.body as Freeze;
}
