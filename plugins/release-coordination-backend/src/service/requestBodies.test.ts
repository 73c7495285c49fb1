import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  createPlanningServices,
  entity,
  mockAuditor,
  routerTestDatabase,
  testApp,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';

jest.setTimeout(30_000);

const db = routerTestDatabase();

const ALICE = 'user:default/alice';

const release = {
  title: 'Payments 2.0',
  version: '2.0.0',
  type: 'normal',
  window: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z' },
  entityRefs: ['component:default/payments-service'],
};

async function createApp() {
  const { database, releaseStore } = await db.init();
  const catalog = catalogServiceMock({
    entities: [
      entity('Component', 'payments-service', { owner: 'team-pay' }),
      entity('Group', 'team-pay'),
    ],
  });
  const userInfo = mockServices.userInfo({
    ownershipEntityRefs: [ALICE, 'group:default/team-pay'],
  });
  const { releases, freezes, conflicts } = await createPlanningServices({
    database,
    catalog,
    userInfo,
  });
  const router = await createRouter({
    releases,
    freezes,
    conflicts,
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user(ALICE),
    }),
    auditor: mockAuditor().auditor,
  });
  return { app: testApp(router), releaseStore };
}

describe('request bodies', () => {
  it.each([
    ['post', '/releases', 'text/plain'],
    ['post', '/releases', 'application/x-www-form-urlencoded'],
    ['patch', '/releases/some-id', 'text/plain'],
    ['post', '/releases/some-id/transition', 'text/plain'],
    ['post', '/freezes', 'application/xml'],
    ['post', '/freezes/some-id/end', 'text/plain'],
    ['delete', '/releases/some-id/freeze-override', 'text/plain'],
  ] as const)(
    '%s %s with a %s body is refused with 415, not ignored',
    async (method, path, contentType) => {
      const { app, releaseStore } = await createApp();
      const res = await request(app)
        [method](path)
        .set('Content-Type', contentType)
        .send(JSON.stringify(release));
      expect(res.status).toBe(415);
      expect(res.body.error).toMatchObject({
        name: 'UnsupportedMediaTypeError',
        message: `Request body must be application/json, not ${contentType}`,
      });
      expect(
        (await releaseStore.listReleases({ order: 'asc', limit: 10 })).items,
      ).toEqual([]);
    },
  );

  it('takes JSON bodies (with a charset) and body-less requests without a content type', async () => {
    const { app } = await createApp();
    const created = await request(app)
      .post('/releases')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify(release));
    expect(created.status).toBe(201);
    // a body-less POST and DELETE, as curl sends them: not a media-type error
    const ended = await request(app).post('/freezes/nope/end');
    expect(ended.status).toBe(404);
    const cleared = await request(app).delete(
      `/releases/${created.body.id}/freeze-override`,
    );
    expect(cleared.status).toBe(200);
  });

  it('answers a body over 1 MB with 413 and a JSON error', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .post('/releases')
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({ ...release, description: 'x'.repeat(1024 * 1024) }),
      );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      error: {
        name: 'PayloadTooLargeError',
        message: 'request entity too large',
      },
      response: { statusCode: 413 },
    });
  });

  it('answers a path with a malformed percent-escape with 400 and a JSON error', async () => {
    const { app } = await createApp();
    const res = await request(app).get('/releases/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: { message: "Failed to decode param '%E0%A4%A'" },
      response: { statusCode: 400 },
    });
  });
});
