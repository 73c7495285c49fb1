/** The release routes over a test database, with the entities and users their tests use. */

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Release } from '@internal/plugin-release-coordination-common';
import express from 'express';
import request from 'supertest';
import { createTestServices } from '../../__testUtils__/testServices';
import { createRouter } from '../router';
import {
  entity,
  mockAuditor,
  permissionsWith,
  routerTestDatabase,
  testApp,
  userInfoWithGroups,
} from './routerTestKit';

export const db = routerTestDatabase();

export const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';

export const entities: Entity[] = [
  entity('Domain', 'commerce'),
  entity('System', 'checkout', { owner: 'team-a' }, [
    ['partOf', 'domain:default/commerce'],
  ]),
  entity('System', 'search', { owner: 'team-b' }),
  entity(
    'Component',
    'checkout-service',
    { owner: 'team-a', system: 'checkout' },
    [['partOf', 'system:default/checkout']],
  ),
  entity(
    'Component',
    'cart-service',
    { owner: 'group:default/team-a', system: 'checkout' },
    [['partOf', 'system:default/checkout']],
  ),
  entity('Component', 'search-service', { owner: 'team-b', system: 'search' }, [
    ['partOf', 'system:default/search'],
  ]),
  entity('Component', 'personal-tool', { owner: 'user:alice' }),
  entity('Component', 'orphan'),
  entity('Group', 'team-a'),
  entity('Group', 'team-b'),
  entity('User', 'alice'),
];

const LEAD = 'user:default/lead'; // member of both teams: sees their drafts

export const userInfo = userInfoWithGroups({
  [ALICE]: ['group:default/Team-A'],
  [LEAD]: ['group:default/team-a', 'group:default/team-b'],
});

export const valid = {
  title: 'Checkout 4.0',
  version: '4.0.0',
  type: 'normal',
  window: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z' },
  entityRefs: ['component:checkout-service'],
};

export const asAlice = mockCredentials.user.header(ALICE);
export const asMallory = mockCredentials.user.header(MALLORY);
export const asLead = mockCredentials.user.header(LEAD);

export async function createApp(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    linkSchemes?: string[];
  } = {},
) {
  const { database, releaseStore: store } = await db.init();
  const { auditor, auditEvent } = mockAuditor();
  const { releases, linkSchemes } = await createTestServices({
    database,
    catalog: catalogServiceMock({ entities }),
    permissions: permissionsWith(options.permission),
    userInfo,
    config: options.linkSchemes && {
      links: { allowedSchemes: options.linkSchemes },
    },
  });
  const router = await createRouter({
    releases,
    httpAuth: mockServices.httpAuth(),
    auditor,
    linkSchemes,
  });
  const app = testApp(router);
  return { app, store, auditor, auditEvent };
}

export async function createRelease(
  app: express.Express,
  body: object = {},
  auth = asAlice,
): Promise<Release> {
  const res = await request(app)
    .post('/releases')
    .set('Authorization', auth)
    .send({ ...valid, ...body });
  expect(res.status).toBe(201);
  return res.body;
}
