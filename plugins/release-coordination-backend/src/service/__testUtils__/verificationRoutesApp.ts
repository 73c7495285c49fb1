/** The success-criteria routes over a test database (the plugin's own wiring), with the teams and users their tests use. */

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Release } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import { createRouter } from '../router';
import {
  createPlanningServices,
  entity,
  mockAuditor,
  releaseSeeder,
  routerTestDatabase,
  testApp,
  userInfoWithGroups,
} from './routerTestKit';

const db = routerTestDatabase();

export const TEAM_A = 'group:default/team-a';
export const TEAM_B = 'group:default/team-b';
export const DAVE = 'user:default/dave'; // team-a, owns the releases
export const ALICE = 'user:default/alice'; // team-a
export const BOB = 'user:default/bob'; // team-b
export const RITA = 'user:default/rita'; // release managers
export const NORA = 'user:default/nora'; // in no group

const userInfo = userInfoWithGroups({
  [DAVE]: [TEAM_A],
  [ALICE]: [TEAM_A],
  [BOB]: [TEAM_B],
  [RITA]: ['group:default/release-managers'],
});

const entities = [
  entity('Component', 'checkout', { owner: 'team-a' }),
  ...['team-a', 'team-b', 'release-managers'].map(name =>
    entity('Group', name),
  ),
  ...['dave', 'alice', 'bob', 'rita', 'nora'].map(name => entity('User', name)),
];

export const as = (user: string) => mockCredentials.user.header(user);

/** A measurable check of the error rate over an hour. */
export const ERROR_RATE = {
  metric: 'error_rate',
  comparator: '<',
  threshold: 0.5,
  window: 'PT1H',
};

/**
 * The plugin's services and router over a fresh database; `config` is the
 * `releaseCoordination` configuration. `seed` writes a release of team-a
 * straight into the store (its window started before the clock).
 */
export async function createVerificationApp(config: object = {}) {
  const { database } = await db.init();
  const { auditor } = mockAuditor();
  const services = await createPlanningServices({
    database,
    catalog: catalogServiceMock({ entities }),
    userInfo,
    auditor,
    config,
  });
  const router = await createRouter({
    ...services,
    httpAuth: mockServices.httpAuth(),
    auditor,
  });
  const seedRelease = releaseSeeder(services.stores.releaseStore, {
    createdBy: DAVE,
    now: new Date('2026-11-20T00:00:00Z'),
  });
  const seed = (state: Release['state']) =>
    seedRelease({
      state,
      ownerRef: TEAM_A,
      entityRefs: ['component:default/checkout'],
      window: {
        start: '2026-11-25T10:00:00.000Z',
        end: '2026-11-25T12:00:00.000Z',
      },
    });
  return { app: testApp(router), services, seed };
}

type App = Awaited<ReturnType<typeof createVerificationApp>>['app'];

/** Adds a criterion as a user; the response as it came. */
export const addCriterion = (
  app: App,
  releaseId: string,
  user: string,
  body: object,
) =>
  request(app)
    .post(`/releases/${releaseId}/criteria`)
    .set('Authorization', as(user))
    .send(body);

/** Records a criterion's result as a user; the response as it came. */
export const recordResult = (
  app: App,
  releaseId: string,
  criterionId: string,
  user: string,
  body: object,
) =>
  request(app)
    .post(`/releases/${releaseId}/criteria/${criterionId}/result`)
    .set('Authorization', as(user))
    .send(body);

/** The criteria of a release as a user sees them. */
export const verificationOf = async (app: App, releaseId: string) => {
  const res = await request(app)
    .get(`/releases/${releaseId}/criteria`)
    .set('Authorization', as(ALICE));
  expect(res.status).toBe(200);
  return res.body;
};
