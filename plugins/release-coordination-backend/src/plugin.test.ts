import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { releaseCoordinationPlugin } from './plugin';
import { silentMessaging } from './__testUtils__/silentMessaging';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const api = '/api/release-coordination';

/** The time `years` from now. */
const yearsAhead = (years: number) =>
  new Date(Date.now() + years * 365.25 * 24 * 3600_000).toISOString();

/**
 * The plugin with its demo data seeded, on SQLite, in a catalog with the
 * checkout service and the mock user (who is in no group).
 */
async function startDemoBackend() {
  const knex = await databases.init('SQLITE_3');
  const { server } = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      ...silentMessaging,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://portal.example.com' },
          releaseCoordination: {
            demoData: { seed: true },
            freezes: { exemptTypes: ['emergency'] },
            timeHorizonYears: 20,
          },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'checkout-service', namespace: 'default' },
            spec: { owner: 'checkout-team' },
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'User',
            metadata: { name: 'mock', namespace: 'default' },
            spec: {},
          },
        ],
      }),
    ],
  });
  return server;
}

describe('releaseCoordinationPlugin', () => {
  it('serves health, seeds demo data and creates and reads releases', async () => {
    const server = await startDemoBackend();

    const health = await request(server)
      .get(`${api}/health`)
      .set('Authorization', mockCredentials.none.header());
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });

    const anonymous = await request(server)
      .get(`${api}/releases`)
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);

    const seeded = await request(server).get(`${api}/releases?limit=200`);
    expect(seeded.status).toBe(200);
    // the demo's draft belongs to a team the mock user is no member of: hidden
    expect(seeded.body.items.length).toBeGreaterThanOrEqual(14);
    expect(
      seeded.body.items.filter((r: { state: string }) => r.state === 'draft'),
    ).toEqual([]);

    // the mock user is in no group, and releases are owned by groups
    const created = await request(server)
      .post(`${api}/releases`)
      .send({
        title: 'Checkout 5.0',
        version: '5.0.0',
        type: 'normal',
        window: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z' },
        entityRefs: ['component:default/checkout-service'],
      });
    expect(created.status).toBe(403);
    expect(created.body.error.message).toMatch(/not a member of any group/);

    // approvals and readiness are wired in
    const visible = seeded.body.items.find(
      (r: { state: string }) => r.state === 'planned',
    );
    const planned = await request(server)
      .post(`${api}/releases/${visible.id}/transition`)
      .send({ to: 'approved' });
    expect(planned.status).toBe(403); // the mock user owns none of it
    const got = await request(server).get(`${api}/releases/${visible.id}`);
    expect(got.status).toBe(200);
    const approvals = await request(server).get(
      `${api}/releases/${visible.id}/approvals`,
    );
    expect(approvals.status).toBe(200);
    expect(approvals.body).toMatchObject({ rule: 'owners', mayDecide: [] });
    const readiness = await request(server).get(
      `${api}/releases/${visible.id}/readiness`,
    );
    expect(readiness.status).toBe(200);
    expect(['ready', 'not-ready']).toContain(readiness.body.verdict);

    const freezes = await request(server).get(`${api}/freezes`);
    expect(freezes.status).toBe(200);
    expect(freezes.body.items.map((f: { title: string }) => f.title)).toContain(
      'Weekend freeze',
    );
    expect(freezes.body.items[0].exemptTypes).toEqual(['emergency']);

    const gate = await request(server)
      .get(`${api}/gate?entityRef=component:checkout-service`)
      .set('Authorization', mockCredentials.service.header());
    expect(gate.status).toBe(200);
    expect(gate.body).toMatchObject({ allowed: false, status: 'prevented' });

    // request times may lie as far from now as configured, and no further
    const farGate = (years: number) =>
      request(server)
        .get(`${api}/gate`)
        .query({
          entityRef: 'component:checkout-service',
          at: yearsAhead(years),
        })
        .set('Authorization', mockCredentials.service.header());
    expect((await farGate(19)).status).toBe(200);
    const tooFar = await farGate(21);
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.error.message).toMatch(
      /^at: must be within 20 years of now, from \S+ to \S+$/,
    );

    const trains = await request(server).get(`${api}/trains`);
    expect(trains.status).toBe(200);
    expect(trains.body.items.map((t: { name: string }) => t.name)).toEqual([
      'Commerce train',
      'Platform train',
    ]);

    // a personal calendar feed works without a Backstage token…
    const feed = await request(server).post(`${api}/calendar-feeds`).send({});
    expect(feed.status).toBe(201);
    const path = new URL(feed.body.url).pathname;
    expect(path).toBe(`${api}/calendar-feeds/${feed.body.id}/calendar.ics`);
    const ics = await request(server)
      .get(path)
      .query({ token: feed.body.token })
      .set('Authorization', mockCredentials.none.header());
    expect(ics.status).toBe(200);
    const shown = seeded.body.items.find(
      (r: { state: string }) => r.state === 'released',
    );
    expect(ics.text).toContain(`UID:${shown.id}@release-coordination`);
    const wrong = await request(server)
      .get(path)
      .query({ token: 'wrong' })
      .set('Authorization', mockCredentials.none.header());
    expect(wrong.status).toBe(404);
    // …while the other calendar routes still demand one
    for (const other of ['/calendar-feeds', '/calendar.ics']) {
      const res = await request(server)
        .get(`${api}${other}`)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
  });
});

describe('releaseCoordination.links.allowedSchemes', () => {
  it('refuses to start with schemes that run code', async () => {
    const knex = await databases.init('SQLITE_3');
    await expect(
      startTestBackend({
        features: [
          releaseCoordinationPlugin,
          ...silentMessaging,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              releaseCoordination: {
                links: { allowedSchemes: ['https', 'javascript'] },
              },
            },
          }),
          catalogServiceMock.factory({ entities: [] }),
        ],
      }),
    ).rejects.toThrow(
      'releaseCoordination.links.allowedSchemes: schemes that run code or embed content are not allowed: javascript',
    );
  });
});
