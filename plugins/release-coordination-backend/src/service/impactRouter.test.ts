import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  ALICE,
  asAlice,
  asMallory,
  createApp,
  LEDGER,
  post,
  SECRET,
  SHOP,
} from './__testUtils__/impactRoutesApp';
import {
  NOW,
  releaseSeeder,
  requestWithoutCredentials,
} from './__testUtils__/routerTestKit';

jest.setTimeout(30_000);

describe('impact routes', () => {
  it.each([
    ['post', '/impact'],
    ['get', '/impact/upcoming'],
    ['get', '/releases/x/impact'],
    ['post', '/releases/x/risk-override'],
    ['delete', '/releases/x/risk-override'],
  ] as const)('rejects %s %s without a user with 401', async (method, path) => {
    const { app } = await createApp();
    const res = await requestWithoutCredentials(app, method, path, {
      entityRefs: [LEDGER],
    });
    expect(res.status).toBe(401);
  });

  it('POST /impact answers the impact of a plan, without what the user may not read', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .post('/impact')
      .set('Authorization', asAlice)
      .send({
        entityRefs: [LEDGER],
        changes: [{ kind: 'breaking', title: 'Drop v1' }],
        maxDepth: 3,
      });
    expect(res.status).toBe(200);
    expect(res.body.changed).toEqual([
      expect.objectContaining({ entityRef: LEDGER, tier: 'tier-1' }),
    ]);
    expect(res.body.dependents).toContainEqual(
      expect.objectContaining({ entityRef: SHOP, high: true, depth: 1 }),
    );
    expect(res.body.apiConsumers).toEqual([
      { apiRef: 'api:default/ledger-api', consumerRef: SHOP, breaking: true },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(res.body.maxDepth).toBe(3);
    expect(res.body.risk.computedLevel).toBe('high');
    expect(
      res.body.risk.factors.map((f: { id: string }) => f.id),
    ).not.toContain('lead-time');
  });

  it.each([
    [
      { entityRefs: [LEDGER, 'component:default/nope'] },
      /component:default\/nope/,
    ],
    [{ entityRefs: [SECRET] }, /component:default\/secret/],
    [
      {
        entityRefs: Array.from(
          { length: 101 },
          (_, i) => `component:default/c${i}`,
        ),
      },
      /entityRefs/,
    ],
    [{ entityRefs: [] }, /entityRefs/],
    [{ entityRefs: [LEDGER], maxDepth: 0 }, /maxDepth/],
    [{ entityRefs: [LEDGER], maxDepth: 11 }, /maxDepth/],
    [{ entityRefs: [LEDGER], depth: 2 }, /unknown field\(s\): depth/],
  ])('POST /impact rejects %j with 400', async (body, message) => {
    const { app } = await createApp();
    const res = await request(app)
      .post('/impact')
      .set('Authorization', asAlice)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('GET /releases/:id/impact adds the release factors; 404 and 400 for bad input', async () => {
    const { app } = await createApp();
    const release = await post(app, {
      type: 'emergency',
      window: { start: '2026-11-27T10:00:00Z', end: '2026-11-27T12:00:00Z' },
    });
    const res = await request(app)
      .get(`/releases/${release.id}/impact?maxDepth=2`)
      .set('Authorization', asAlice);
    expect(res.status).toBe(200);
    expect(res.body.maxDepth).toBe(2);
    const ids = res.body.risk.factors.map((f: { id: string }) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining(['release-type', 'lead-time', 'breaking-changes']),
    );
    expect(res.body.risk.override).toBeUndefined();

    const missing = await request(app)
      .get('/releases/nope/impact')
      .set('Authorization', asAlice);
    expect(missing.status).toBe(404);
    for (const query of ['maxDepth=0', 'maxDepth=11', 'depth=2']) {
      const bad = await request(app)
        .get(`/releases/${release.id}/impact?${query}`)
        .set('Authorization', asAlice);
      expect(bad.status).toBe(400);
    }
  });

  it('GET /releases/:id/impact reads the release once: the draft check hands it over', async () => {
    const { app, releases } = await createApp();
    const release = await post(app); // a draft of Alice's
    const getRelease = jest.spyOn(releases, 'getRelease');
    const res = await request(app)
      .get(`/releases/${release.id}/impact`)
      .set('Authorization', asAlice);
    expect(res.status).toBe(200);
    expect(
      res.body.changed.map((e: { entityRef: string }) => e.entityRef),
    ).toEqual([LEDGER]);
    expect(getRelease).toHaveBeenCalledTimes(1);
    const hidden = await request(app)
      .get(`/releases/${release.id}/impact`)
      .set('Authorization', asMallory);
    expect(hidden.status).toBe(404);
  });

  describe("GET /releases/:id/impact by the user's catalog.entity.read decision", () => {
    const impactOf = async (decision: AuthorizeResult) => {
      const { app, readCheck, stores } = await createApp(decision);
      // stored directly: under a deny, Alice could not name the entity
      const release = await releaseSeeder(stores.releaseStore, {
        createdBy: ALICE,
        now: NOW,
      })({
        state: 'draft',
        entityRefs: [LEDGER],
        changes: [{ kind: 'breaking', title: 'Drop v1' }],
      });
      readCheck.mockClear();
      const res = await request(app)
        .get(`/releases/${release.id}/impact`)
        .set('Authorization', asAlice);
      expect(res.status).toBe(200);
      const dependents = res.body.dependents.map(
        (d: { entityRef: string }) => d.entityRef,
      );
      return { body: res.body, dependents, readCheck };
    };

    it('allow: shows every entity reached, without a catalog read check', async () => {
      const { body, dependents, readCheck } = await impactOf(
        AuthorizeResult.ALLOW,
      );
      expect(readCheck).not.toHaveBeenCalled();
      expect(body.changed).toEqual([
        expect.objectContaining({ entityRef: LEDGER }),
      ]);
      expect(dependents).toEqual(expect.arrayContaining([SHOP, SECRET]));
    });

    it('deny: shows nothing the user could not read', async () => {
      const { body, readCheck } = await impactOf(AuthorizeResult.DENY);
      expect(readCheck).not.toHaveBeenCalled();
      expect(body).toMatchObject({
        changed: [],
        dependents: [],
        apiConsumers: [],
        systems: [],
        owners: [],
        graph: { nodes: [], edges: [] },
      });
    });

    it("conditional: the catalog, asked once with the user's credentials, filters the report", async () => {
      const { body, dependents, readCheck } = await impactOf(
        AuthorizeResult.CONDITIONAL,
      );
      expect(readCheck).toHaveBeenCalledTimes(1);
      expect(readCheck.mock.calls[0][0].entityRefs).toEqual(
        expect.arrayContaining([LEDGER, SHOP, SECRET]),
      );
      expect(readCheck.mock.calls[0][1]).toEqual({
        credentials: mockCredentials.user(ALICE),
      });
      expect(dependents).toContain(SHOP);
      expect(JSON.stringify(body)).not.toContain(SECRET);
    });
  });

  it('lets owners override the risk with a reason, kept in the history and audited', async () => {
    const { app, auditEvent } = await createApp();
    const release = await post(app);
    const path = `/releases/${release.id}/risk-override`;

    // someone else's draft is not found; a planned release is theirs to change
    const hidden = await request(app)
      .post(path)
      .set('Authorization', asMallory)
      .send({ level: 'low', reason: 'Trust me' });
    expect(hidden.status).toBe(404);
    await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', asAlice)
      .send({ to: 'planned' })
      .expect(200);
    const stranger = await request(app)
      .post(path)
      .set('Authorization', asMallory)
      .send({ level: 'low', reason: 'Trust me' });
    expect(stranger.status).toBe(403);
    const noReason = await request(app)
      .post(path)
      .set('Authorization', asAlice)
      .send({ level: 'low' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/reason/);
    const badLevel = await request(app)
      .post(path)
      .set('Authorization', asAlice)
      .send({ level: 'severe', reason: 'x' });
    expect(badLevel.status).toBe(400);
    const unknown = await request(app)
      .post('/releases/nope/risk-override')
      .set('Authorization', asAlice)
      .send({ level: 'low', reason: 'x' });
    expect(unknown.status).toBe(404);

    const set = await request(app)
      .post(path)
      .set('Authorization', asAlice)
      .send({ level: 'low', reason: 'Behind a feature flag' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      level: 'low',
      computedLevel: 'high',
      override: { level: 'low', reason: 'Behind a feature flag', by: ALICE },
    });
    expect(auditEvent.success).toHaveBeenCalledWith({
      meta: expect.objectContaining({
        level: 'low',
        reason: 'Behind a feature flag',
      }),
    });

    const impact = await request(app)
      .get(`/releases/${release.id}/impact`)
      .set('Authorization', asAlice);
    expect(impact.body.risk).toMatchObject({
      level: 'low',
      computedLevel: 'high',
      override: { reason: 'Behind a feature flag' },
    });

    const cleared = await request(app)
      .delete(path)
      .set('Authorization', asAlice);
    expect(cleared.status).toBe(200);
    expect(cleared.body.level).toBe('high');
    expect(cleared.body.override).toBeUndefined();

    const events = await request(app)
      .get(`/releases/${release.id}/events`)
      .set('Authorization', asAlice);
    expect(events.body.items.slice(2)).toEqual([
      expect.objectContaining({
        action: 'risk-overridden',
        actorRef: ALICE,
        reason: 'Behind a feature flag',
        changes: [{ field: 'riskLevel', before: 'high', after: 'low' }],
      }),
      expect.objectContaining({
        action: 'risk-override-cleared',
        changes: [{ field: 'riskLevel', before: 'low', after: 'high' }],
      }),
    ]);
  });
});
