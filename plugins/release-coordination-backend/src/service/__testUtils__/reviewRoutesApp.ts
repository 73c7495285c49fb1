/** The review routes over a test database, wired as the plugin wires them, with the teams and users of their tests and a clock they move. */

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Release } from '@internal/plugin-release-coordination-common';
import express from 'express';
import request from 'supertest';
import { createTestServices } from '../../__testUtils__/testServices';
import { createRouter } from '../router';
import {
  entity,
  mockAuditor,
  NOW,
  releaseSeeder,
  routerTestDatabase,
  testApp,
  userInfoWithGroups,
} from './routerTestKit';

export const db = routerTestDatabase();

export const OWNER = 'user:default/olga'; // team-pay, owns the releases
export const APPROVER = 'user:default/carl'; // team-other, approved some
export const MANAGER = 'user:default/rita'; // release managers
export const OTHER = 'user:default/bob'; // team-web
export const ITEM_OWNER = 'user:default/sam'; // in no group

export const as = (user: string) => mockCredentials.user.header(user);

const entities = [
  entity('Domain', 'money'),
  entity('System', 'payments', { domain: 'money' }, [
    ['partOf', 'domain:default/money'],
  ]),
  entity('Component', 'payments-service', { owner: 'team-pay' }, [
    ['partOf', 'system:default/payments'],
  ]),
  entity('Component', 'ledger', { owner: 'team-pay' }),
  entity('Group', 'team-pay'),
  entity('Group', 'team-other'),
  entity('Group', 'team-web'),
  entity('Group', 'release-managers'),
];

const userInfo = userInfoWithGroups({
  [OWNER]: ['group:default/team-pay'],
  [APPROVER]: ['group:default/team-other'],
  [MANAGER]: ['group:default/release-managers'],
  [OTHER]: ['group:default/team-web'],
});

/** A Markdown rollback plan listing two steps. */
const PLAN = '1. Switch the flag off\n2. Redeploy 1.9.0';

/**
 * The app with every service and a clock at `NOW` that `clock.set` moves;
 * `seed` writes a release straight into the store (released, of team-pay,
 * of payments-service, with a two-step rollback plan unless given).
 */
export async function createReviewApp(options: { config?: object } = {}) {
  const { database, releaseStore: store } = await db.init();
  const { auditor } = mockAuditor();
  let now = NOW;
  const send = jest.fn(async (_notification: any) => {});
  const services = await createTestServices({
    database,
    catalog: catalogServiceMock({ entities }),
    userInfo,
    auditor,
    notifications: { send },
    config: options.config as never,
    now: () => now,
  });
  const router = await createRouter({
    ...services,
    httpAuth: mockServices.httpAuth(),
    auditor,
  });
  const seeder = releaseSeeder(store, { createdBy: OWNER, now: NOW });
  const seed = (parts: Partial<Release> = {}) =>
    seeder({
      state: 'released',
      rollbackPlan: PLAN,
      ...parts,
    });
  return {
    app: testApp(router),
    services,
    auditor,
    send,
    seed,
    clock: {
      set: (at: Date) => {
        now = at;
      },
    },
  };
}

/** Sends a request as a user. */
export function call(
  app: express.Express,
  user: string,
  method: 'get' | 'post' | 'patch',
  path: string,
  body?: object,
) {
  const req = request(app)[method](path).set('Authorization', as(user));
  return body ? req.send(body) : req;
}

/** Rolls a released release back through the routes, both steps done, as its owner. */
export async function rollBack(app: express.Express, release: Release) {
  const decided = await call(
    app,
    OWNER,
    'post',
    `/releases/${release.id}/rollback-decision`,
    {
      revision: release.revision,
      reason: 'p99 doubled',
    },
  );
  if (decided.status !== 200) throw new Error(JSON.stringify(decided.body));
  for (const [index, revision] of [
    [0, 1],
    [1, 2],
  ]) {
    const res = await call(
      app,
      OWNER,
      'patch',
      `/releases/${release.id}/rollback/steps/${index}`,
      {
        revision,
        status: 'done',
      },
    );
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  }
}
