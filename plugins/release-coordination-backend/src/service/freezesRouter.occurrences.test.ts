import express from 'express';
import request from 'supertest';
import {
  asCarol,
  asPipeline,
  createApp,
  createFreeze,
  oneOff,
  weekend,
} from './__testUtils__/freezeRoutesApp';

jest.setTimeout(30_000);

describe('freeze routes', () => {
  describe('GET /freeze-occurrences', () => {
    it('lists occurrences in a range, narrowed to the entities they apply to', async () => {
      const { app, catalog } = await createApp();
      const payments = await createFreeze(app, oneOff());
      const commerce = await createFreeze(
        app,
        oneOff({ title: 'Commerce freeze', scope: { domains: ['commerce'] } }),
      );
      const tools = await createFreeze(
        app,
        oneOff({ title: 'Tools freeze', scope: { groups: ['team-tools'] } }),
      );
      const search = await createFreeze(
        app,
        oneOff({
          title: 'Search freeze',
          scope: { entities: ['component:search-service'] },
        }),
      );
      const all = await createFreeze(app, weekend);
      const list = async (query: string) => {
        const res = await request(app)
          .get(
            `/freeze-occurrences?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z${query}`,
          )
          .set('Authorization', asCarol);
        expect(res.status).toBe(200);
        return res.body.items as { freezeId: string; start: string }[];
      };

      const everything = await list('');
      expect(everything.map(o => [o.freezeId, o.start])).toEqual(
        expect.arrayContaining([
          [all.id, '2026-11-30T00:00:00.000Z'.replace('11-30T00', '11-27T15')],
          [all.id, '2026-12-04T15:00:00.000Z'],
          [payments.id, '2026-12-01T10:00:00.000Z'],
        ]),
      );
      expect(everything).toHaveLength(6);
      expect(everything[0]).toEqual({
        freezeId: all.id,
        title: 'Weekend freeze',
        start: '2026-11-27T15:00:00.000Z',
        end: '2026-11-30T07:00:00.000Z',
        scope: {
          all: true,
          domains: [],
          systems: [],
          groups: [],
          entities: [],
        },
        exemptTypes: ['emergency', 'security'],
      });

      const ids = async (ref: string) =>
        [
          ...new Set((await list(`&entityRef=${ref}`)).map(o => o.freezeId)),
        ].sort();
      const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
      // a system freeze and a domain freeze cover the components of the system
      expect(await ids('component:payments-service')).toEqual(
        [payments.id, commerce.id, all.id].sort(),
      );
      // the domain only via the system's spec.domain
      expect(await ids('component:cart-service')).toEqual(
        [commerce.id, all.id].sort(),
      );
      // the system itself
      expect(await ids('system:payments')).toEqual(
        [payments.id, commerce.id, all.id].sort(),
      );
      // owned by a listed group; listed directly
      expect(await ids('component:tool')).toEqual([tools.id, all.id].sort());
      expect(await ids('component:search-service')).toEqual(
        [search.id, all.id].sort(),
      );
      // placed from the catalog model's graph: a user who may read the
      // whole catalog costs no catalog request per call
      getEntitiesByRefs.mockClear();
      expect(
        await ids(
          'component:tool&entityRef=component:payments-service&entityRef=component:cart-service',
        ),
      ).toEqual([payments.id, commerce.id, tools.id, all.id].sort());
      expect(getEntitiesByRefs).not.toHaveBeenCalled();
    });

    it.each([
      [
        'from=2026-01-01T00:00:00Z&to=2027-01-03T00:00:00Z',
        /^to: the range may be at most 366 days/,
      ],
      [
        'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
        /^to: must not be before from/,
      ],
      ['to=2026-01-01T00:00:00Z', /^from:/],
      [
        'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&entityRef=nope',
        /^entityRef\.0:/,
      ],
    ])('rejects %s with 400', async (query, message) => {
      const { app } = await createApp();
      const res = await request(app)
        .get(`/freeze-occurrences?${query}`)
        .set('Authorization', asCarol);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('GET /gate', () => {
    const gate = (app: express.Express, query: string, auth = asPipeline) =>
      request(app).get(`/gate?${query}`).set('Authorization', auth);

    it('refuses times beyond the five-year horizon with a 400 naming the field and the range', async () => {
      const { app } = await createApp();
      const far = await gate(
        app,
        'entityRef=component:payments-service&at=9999-12-31T10:00:00Z',
      );
      expect(far.status).toBe(400);
      expect(far.body.error.message).toMatch(
        /^at: must be within 5 years of now, from \d{4}-\S+Z to \d{4}-\S+Z$/,
      );
      const occurrences = await request(app)
        .get('/freeze-occurrences')
        .query({ from: '9999-12-01T00:00:00Z', to: '9999-12-31T00:00:00Z' })
        .set('Authorization', asCarol);
      expect(occurrences.status).toBe(400);
      expect(occurrences.body.error.message).toMatch(
        /^from: must be within 5 years of now, .*; to: must be within 5 years of now, /,
      );
    });

    it('prevents a deploy that no approved or in-progress release covers', async () => {
      const { app, addRelease } = await createApp();
      await addRelease('normal', 'planned', {
        start: '2026-12-08T10:00:00.000Z',
        end: '2026-12-08T12:00:00.000Z',
      });
      const res = await gate(
        app,
        'entityRef=component:payments-service&at=2026-12-08T11:00:00Z',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        allowed: false,
        status: 'prevented',
        reasons: [
          'No approved or in-progress release of component:default/payments-service covers 2026-12-08T11:00:00Z.',
        ],
        blockedBy: [],
      });
    });

    it('allows a deploy inside an approved release window, for a service caller', async () => {
      const { app, addRelease } = await createApp();
      await addRelease('normal', 'approved', {
        start: '2026-12-08T10:00:00.000Z',
        end: '2026-12-08T12:00:00.000Z',
      });
      const res = await gate(
        app,
        'entityRef=component:payments-service&at=2026-12-08T11:00:00Z',
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        allowed: true,
        status: 'allowed',
        reasons: [
          'Release "Release 1" (normal, approved) of component:default/payments-service covers 2026-12-08T11:00:00Z (window 2026-12-08T10:00:00Z to 2026-12-08T12:00:00Z).',
        ],
        blockedBy: [],
      });
      const asUser = await gate(
        app,
        'entityRef=component:payments-service&at=2026-12-08T11:00:00Z',
        asCarol,
      );
      expect(asUser.body.allowed).toBe(true);
    });

    it('prevents a deploy inside a freeze of its system, even with an approved release', async () => {
      const { app, addRelease } = await createApp();
      await createFreeze(app, oneOff());
      await addRelease('normal', 'in_progress', {
        start: '2026-12-02T10:00:00.000Z',
        end: '2026-12-02T12:00:00.000Z',
      });
      const res = await gate(
        app,
        'entityRef=component:payments-service&at=2026-12-02T11:00:00Z',
      );
      expect(res.body).toEqual({
        allowed: false,
        status: 'prevented',
        reasons: [
          'Freeze "Payments freeze" applies to component:default/payments-service from 2026-12-01T10:00:00Z to 2026-12-03T10:00:00Z; only releases of type emergency or security are exempt.',
        ],
        blockedBy: [
          {
            kind: 'freeze',
            id: expect.any(String),
            title: 'Payments freeze',
            url: '/release-coordination?tab=freezes',
          },
        ],
      });
      // another system is not frozen
      const other = await gate(
        app,
        'entityRef=component:search-service&at=2026-12-02T11:00:00Z',
      );
      expect(other.body.reasons).toEqual([
        'No approved or in-progress release of component:default/search-service covers 2026-12-02T11:00:00Z.',
      ]);
    });

    it('lets an exempt release type through a freeze', async () => {
      const { app, addRelease } = await createApp();
      await createFreeze(app, weekend);
      await addRelease('emergency', 'approved', {
        start: '2026-12-05T10:00:00.000Z',
        end: '2026-12-05T12:00:00.000Z',
      });
      const res = await gate(
        app,
        'entityRef=component:payments-service&at=2026-12-05T11:00:00Z',
      );
      expect(res.body.allowed).toBe(true);
      expect(res.body.status).toBe('allowed');
      expect(res.body.reasons).toContain(
        'Freeze "Weekend freeze" applies to component:default/payments-service from 2026-12-04T15:00:00Z to 2026-12-07T07:00:00Z, but release "Release 1" is of the exempt type emergency.',
      );
      // outside the weekend the freeze does not count; outside the release nothing covers
      const monday = await gate(
        app,
        'entityRef=component:payments-service&at=2026-12-07T08:00:00Z',
      );
      expect(monday.body.reasons).toEqual([
        'No approved or in-progress release of component:default/payments-service covers 2026-12-07T08:00:00Z.',
      ]);
    });

    it('defaults at to now', async () => {
      const { app, addRelease } = await createApp();
      await addRelease('normal', 'approved', {
        start: '2026-11-26T11:00:00.000Z',
        end: '2026-11-26T13:00:00.000Z',
      });
      const res = await gate(app, 'entityRef=component:payments-service');
      expect(res.body.allowed).toBe(true);
    });

    it.each([
      ['', /^entityRef:/],
      [
        'entityRef=component:ghost',
        /^entityRef: component:default\/ghost is not in the catalog/,
      ],
      ['entityRef=component:tool&at=yesterday', /^at:/],
    ])('rejects %s with 400', async (query, message) => {
      const { app } = await createApp();
      const res = await gate(app, query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });
});
