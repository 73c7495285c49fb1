import request from 'supertest';
import { Release } from '@internal/plugin-release-coordination-common';
import {
  asAlice,
  asMallory,
  createApp,
  LEDGER,
  post,
  TOOL,
} from './__testUtils__/impactRoutesApp';

jest.setTimeout(30_000);

describe('GET /impact/upcoming', () => {
  it('GET /impact/upcoming lists releases touching a system directly or through its dependencies', async () => {
    const { app } = await createApp();
    const ledger = await post(app);
    const tool = await post(app, {
      entityRefs: [TOOL],
      changes: [],
      window: { start: '2026-12-02T10:00:00Z', end: '2026-12-02T12:00:00Z' },
    });
    await post(app, {
      entityRefs: [TOOL],
      window: { start: '2027-03-02T10:00:00Z', end: '2027-03-02T12:00:00Z' },
    });

    const storefront = await request(app)
      .get('/impact/upcoming?system=storefront')
      .set('Authorization', asAlice);
    expect(storefront.status).toBe(400);
    const res = await request(app)
      .get('/impact/upcoming?system=system:default/storefront')
      .set('Authorization', asAlice);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        release: expect.objectContaining({ id: ledger.id }),
        risk: { level: 'high', computedLevel: 'high' },
        touchedVia: 'dependency',
        touchedEntities: [LEDGER],
        owners: ['group:default/team-pay'],
        // which of storefront's components, through which dependency; not
        // the cart, whose path runs through an entity Alice cannot read
        affectedHere: [
          {
            entityRef: 'component:default/shop',
            path: [LEDGER, 'api:default/ledger-api', 'component:default/shop'],
          },
        ],
      },
    ]);

    const payments = await request(app)
      .get('/impact/upcoming?system=system:default/payments')
      .set('Authorization', asAlice);
    expect(payments.body.items).toEqual([
      expect.objectContaining({
        touchedVia: 'direct',
        touchedEntities: [LEDGER],
        affectedHere: [{ entityRef: LEDGER, path: [LEDGER] }],
      }),
    ]);
    // without a target there is no "here"
    expect(
      (await request(app).get('/impact/upcoming').set('Authorization', asAlice))
        .body.items[0],
    ).not.toHaveProperty('affectedHere');

    const all = await request(app)
      .get('/impact/upcoming')
      .set('Authorization', asAlice);
    expect(
      all.body.items.map((i: { release: Release }) => i.release.id),
    ).toEqual([tool.id, ledger.id]);

    for (const query of [
      'system=system:default/payments&domain=domain:default/money',
      'system=system:default/nope',
      'from=2026-12-10T00:00:00Z&to=2026-12-01T00:00:00Z',
      'owner=group:default/team-pay',
    ]) {
      const bad = await request(app)
        .get(`/impact/upcoming?${query}`)
        .set('Authorization', asAlice);
      expect(bad.status).toBe(400);
    }
  });
  it('GET /impact/upcoming shows drafts to their owners only', async () => {
    const { app } = await createApp();
    const draft = await post(app);
    const planned = await post(app, {
      entityRefs: [TOOL],
      changes: [],
      window: { start: '2026-12-02T10:00:00Z', end: '2026-12-02T12:00:00Z' },
    });
    const moved = await request(app)
      .post(`/releases/${planned.id}/transition`)
      .set('Authorization', asAlice)
      .send({ to: 'planned' });
    expect(moved.status).toBe(200);

    const ids = async (as: string) => {
      const res = await request(app)
        .get('/impact/upcoming')
        .set('Authorization', as);
      expect(res.status).toBe(200);
      return res.body.items.map((i: { release: Release }) => i.release.id);
    };
    expect(await ids(asAlice)).toEqual([planned.id, draft.id]);
    expect(await ids(asMallory)).toEqual([planned.id]);
  });
});
