/** The rollback routes over a test database, wired as the plugin wires them, with the teams and users of their tests. */

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
export const MANAGER = 'user:default/rita'; // release managers
export const OTHER = 'user:default/bob'; // team-other
export const LONER = 'user:default/nobody'; // in no group
export const STEP_OWNER = 'user:default/sam'; // owns a step, in no group

export const as = (user: string) => mockCredentials.user.header(user);

const entities = [
  entity('Component', 'payments-service', { owner: 'team-pay' }),
  entity('Component', 'ledger', { owner: 'team-pay' }),
  entity('Component', 'checkout', { owner: 'team-other' }, [
    ['dependsOn', 'component:default/payments-service'],
  ]),
  entity('Component', 'storefront', {
    owner: 'team-web',
  }),
  entity('Group', 'team-pay'),
  entity('Group', 'team-other'),
  entity('Group', 'team-web'),
  entity('Group', 'release-managers'),
].map(e =>
  e.metadata.name === 'checkout'
    ? {
        ...e,
        metadata: {
          ...e.metadata,
          annotations: { 'release-coordination/audience': 'customers' },
        },
      }
    : e,
);

const userInfo = userInfoWithGroups({
  [OWNER]: ['group:default/team-pay'],
  [MANAGER]: ['group:default/release-managers'],
  [OTHER]: ['group:default/team-other'],
});

/** A Markdown rollback plan listing two steps. */
export const PLAN =
  '## Rollback\n\n1. Switch the flag `payments.v2` off\n2. Redeploy 1.9.0\n\nThen tell #payments.';

/**
 * The app with every service; `seed` writes a release straight into the
 * store (released, of team-pay, with {@link PLAN} unless given).
 */
export async function createApp(options: { config?: object } = {}) {
  const { database, releaseStore: store } = await db.init();
  const { auditor, auditEvent } = mockAuditor();
  const send = jest.fn(async (_notification: any) => {});
  const services = await createTestServices({
    database,
    catalog: catalogServiceMock({ entities }),
    userInfo,
    auditor,
    notifications: { send },
    config: options.config as never,
    now: () => NOW,
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
      ownerRef: 'group:default/team-pay',
      entityRefs: [
        'component:default/ledger',
        'component:default/payments-service',
      ],
      window: {
        start: '2026-11-26T08:00:00.000Z',
        end: '2026-11-26T10:00:00.000Z',
      },
      rollbackPlan: PLAN,
      ...parts,
    });
  return {
    app: testApp(router),
    store,
    rollbackStore: services.stores.rollbackStore,
    auditor,
    auditEvent,
    send,
    seed,
  };
}

/** Decides a rollback of a release as a user. */
export const decide = (
  app: express.Express,
  release: Release,
  user: string,
  body: object = {},
) =>
  request(app)
    .post(`/releases/${release.id}/rollback-decision`)
    .set('Authorization', as(user))
    .send({
      revision: release.revision,
      reason: 'p99 latency doubled',
      ...body,
    });

/** Sets a step's status as a user. */
export const setStep = (
  app: express.Express,
  releaseId: string,
  index: number,
  user: string,
  body: object,
) =>
  request(app)
    .patch(`/releases/${releaseId}/rollback/steps/${index}`)
    .set('Authorization', as(user))
    .send(body);

/** The recipients of every notification sent, by its scope. */
export function sentByScope(send: jest.Mock): Record<string, string[]> {
  return Object.fromEntries(
    send.mock.calls.map(([notification]: any[]) => [
      notification.payload.scope,
      notification.recipients.entityRef,
    ]),
  );
}
