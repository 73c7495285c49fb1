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
import {
  NOW,
  createPlanningServices,
  entity,
  mockAuditor,
  permissionsWith,
  releaseSeeder,
  routerTestDatabase,
  testApp,
  requestWithoutCredentials,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';

jest.setTimeout(30_000);

const db = routerTestDatabase();

const CAROL = 'user:default/carol';
const asCarol = mockCredentials.user.header(CAROL);
const asPipeline = mockCredentials.service.header();

const entities: Entity[] = [
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

const oneOff = (parts: Partial<CreateFreezeRequest> = {}) => ({
  title: 'Payments freeze',
  scope: { systems: ['payments'] },
  start: '2026-12-01T10:00:00Z',
  end: '2026-12-03T10:00:00Z',
  ...parts,
});

const weekend = {
  title: 'Weekend freeze',
  scope: { all: true },
  start: '2026-11-27T15:00:00Z', // Friday 16:00 Berlin
  end: '2026-11-30T07:00:00Z', // Monday 08:00
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR', timezone: 'Europe/Berlin' },
};

async function createApp(
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

async function createFreeze(app: express.Express, body: object) {
  const res = await request(app)
    .post('/freezes')
    .set('Authorization', asCarol)
    .send(body);
  expect(res.status).toBe(201);
  return res.body as Freeze;
}

describe('freeze routes', () => {
  it.each([
    ['get', '/freezes'],
    ['post', '/freezes'],
    ['get', '/freezes/x'],
    ['patch', '/freezes/x'],
    ['post', '/freezes/x/end'],
    ['delete', '/freezes/x'],
    ['get', '/freeze-occurrences'],
    ['get', '/gate?entityRef=component:tool'],
  ] as const)(
    'rejects %s %s without credentials with 401',
    async (method, path) => {
      const { app } = await createApp();
      const res = await requestWithoutCredentials(app, method, path);
      expect(res.status).toBe(401);
    },
  );

  it('rejects services on the management routes with 403', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .post('/freezes')
      .set('Authorization', asPipeline)
      .send(oneOff());
    expect(res.status).toBe(403);
  });

  describe('POST /freezes', () => {
    it('creates a freeze with normalised scope and default exempt types, audited', async () => {
      const { app, auditor, auditEvent } = await createApp();
      const res = await request(app)
        .post('/freezes')
        .set('Authorization', asCarol)
        .send(
          oneOff({
            scope: {
              systems: ['payments'],
              domains: ['domain:default/commerce'],
              groups: ['team-tools'],
              entities: ['component:search-service'],
            },
          }),
        );
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        title: 'Payments freeze',
        description: '',
        scope: {
          all: false,
          systems: ['system:default/payments'],
          domains: ['domain:default/commerce'],
          groups: ['group:default/team-tools'],
          entities: ['component:default/search-service'],
        },
        start: '2026-12-01T10:00:00.000Z',
        end: '2026-12-03T10:00:00.000Z',
        exemptTypes: ['emergency', 'security'],
        createdBy: CAROL,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        revision: 1,
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'freeze-create' }),
      );
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { freezeId: res.body.id, revision: 1 },
      });
      const got = await request(app)
        .get(`/freezes/${res.body.id}`)
        .set('Authorization', asCarol);
      expect(got.body).toEqual(res.body);
    });

    it('creates a recurring freeze with explicit exempt types', async () => {
      const { app } = await createApp();
      const freeze = await createFreeze(app, {
        ...weekend,
        exemptTypes: ['emergency'],
      });
      expect(freeze.recurrence).toEqual({
        rrule: 'FREQ=WEEKLY;BYDAY=FR',
        timezone: 'Europe/Berlin',
        exdates: [],
      });
      expect(freeze.exemptTypes).toEqual(['emergency']);
    });

    it.each([
      [
        'a malformed RRULE',
        {
          ...weekend,
          recurrence: { ...weekend.recurrence, rrule: 'FREQ=SOMETIMES' },
        },
        /^recurrence\.rrule: not a valid RFC 5545 RRULE/,
      ],
      [
        'an RRULE with an unknown property',
        {
          ...weekend,
          recurrence: { ...weekend.recurrence, rrule: 'FREQ=WEEKLY;BYFOO=1' },
        },
        /^recurrence\.rrule:/,
      ],
      [
        'an RRULE with an invalid weekday',
        {
          ...weekend,
          recurrence: { ...weekend.recurrence, rrule: 'FREQ=WEEKLY;BYDAY=XX' },
        },
        /^recurrence\.rrule: BYDAY/,
      ],
      [
        'an unknown time zone',
        {
          ...weekend,
          recurrence: { ...weekend.recurrence, timezone: 'Mars/Olympus' },
        },
        /^recurrence\.timezone: not a known IANA time zone/,
      ],
      [
        'an end before the start',
        oneOff({ end: '2026-11-30T00:00:00Z' }),
        /^end: must be after start/,
      ],
      [
        'an occurrence shorter than 30 minutes',
        { ...weekend, end: '2026-11-27T15:20:00Z' },
        /^end: a freeze occurrence must last at least 30 minutes/,
      ],
      [
        'a start that is no occurrence of the rule',
        { ...weekend, start: '2026-11-26T15:00:00Z' },
        /^start: .* is not an occurrence of recurrence\.rrule/,
      ],
      [
        'an RRULE that never occurs (30 February)',
        {
          ...weekend,
          recurrence: {
            ...weekend.recurrence,
            rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
          },
        },
        /^start: .* is not an occurrence of recurrence\.rrule/,
      ],
      [
        'scope entities unknown to the catalog',
        oneOff({
          scope: {
            entities: ['component:ghost', 'component:tool', 'api:phantom'],
          },
        }),
        /^scope\.entities: unknown, not in the catalog: api:default\/phantom, component:default\/ghost/,
      ],
      [
        'an unknown system and group',
        oneOff({ scope: { systems: ['nowhere'], groups: ['nobody'] } }),
        /scope\.systems: unknown, not in the catalog: system:default\/nowhere; scope\.groups: unknown, not in the catalog: group:default\/nobody/,
      ],
      [
        'a ref of the wrong kind',
        oneOff({ scope: { systems: ['domain:commerce'] } }),
        /^scope\.systems\.0: "domain:commerce" is not a system/,
      ],
      [
        'an empty scope',
        oneOff({ scope: { all: false } }),
        /^scope: name at least one domain, system, group or entity/,
      ],
      [
        'an unknown field',
        oneOff({ colour: 'red' } as object),
        /unknown field\(s\): colour/,
      ],
      [
        'an unknown scope field',
        oneOff({ scope: { all: true, teams: [] } } as object),
        /unknown field\(s\): scope\.teams/,
      ],
      [
        'an unknown exempt type',
        oneOff({ exemptTypes: ['yolo'] } as object),
        /^exemptTypes\.0:/,
      ],
      ['a missing title', { ...oneOff(), title: undefined }, /^title:/],
    ])('rejects %s with 400 naming the field', async (_, body, message) => {
      const { app, auditEvent, freezeStore } = await createApp();
      const res = await request(app)
        .post('/freezes')
        .set('Authorization', asCarol)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError' });
      expect(res.body.error.message).toMatch(message);
      expect(auditEvent.fail).toHaveBeenCalled();
      expect(await freezeStore.isEmpty()).toBe(true);
    });

    it('rejects callers without the manage permission with 403', async () => {
      const { app, freezeStore } = await createApp({
        permission: AuthorizeResult.DENY,
      });
      const res = await request(app)
        .post('/freezes')
        .set('Authorization', asCarol)
        .send(oneOff());
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /release-coordination\.freeze\.manage/,
      );
      expect(await freezeStore.isEmpty()).toBe(true);
    });
  });

  describe('GET /freezes', () => {
    it('pages through freezes', async () => {
      const { app } = await createApp();
      const a = await createFreeze(app, oneOff());
      const b = await createFreeze(app, weekend);
      const c = await createFreeze(
        app,
        oneOff({ start: '2026-12-05T10:00:00Z', end: '2026-12-06T10:00:00Z' }),
      );
      const first = await request(app)
        .get('/freezes?limit=2')
        .set('Authorization', asCarol);
      expect(first.status).toBe(200);
      expect(first.body.items.map((f: Freeze) => f.id)).toEqual([b.id, a.id]);
      const second = await request(app)
        .get(`/freezes?limit=2&cursor=${first.body.nextCursor}`)
        .set('Authorization', asCarol);
      expect(second.body).toEqual({ items: [c] });
    });

    it.each([
      ['limit=0', /^limit:/],
      ['cursor=garbage', /^cursor:/],
      ['colour=red', /unknown field\(s\): colour/],
    ])('rejects %s with 400', async (query, message) => {
      const { app } = await createApp();
      const res = await request(app)
        .get(`/freezes?${query}`)
        .set('Authorization', asCarol);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('PATCH, end and DELETE', () => {
    it('updates at the current revision and answers 409 for a stale one', async () => {
      const { app, auditor } = await createApp();
      const freeze = await createFreeze(app, oneOff());
      const res = await request(app)
        .patch(`/freezes/${freeze.id}`)
        .set('Authorization', asCarol)
        .send({
          revision: 1,
          title: 'Longer freeze',
          end: '2026-12-04T10:00:00Z',
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Longer freeze',
        end: '2026-12-04T10:00:00.000Z',
        revision: 2,
      });
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({
          eventId: 'freeze-update',
          meta: { freezeId: freeze.id },
        }),
      );
      const stale = await request(app)
        .patch(`/freezes/${freeze.id}`)
        .set('Authorization', asCarol)
        .send({ revision: 1, title: 'Lost update' });
      expect(stale.status).toBe(409);

      const toRecurring = await request(app)
        .patch(`/freezes/${freeze.id}`)
        .set('Authorization', asCarol)
        .send({
          revision: 2,
          start: weekend.start,
          end: weekend.end,
          recurrence: weekend.recurrence,
        });
      expect(toRecurring.status).toBe(200);
      expect(toRecurring.body.recurrence.rrule).toBe('FREQ=WEEKLY;BYDAY=FR');
      const toOneOff = await request(app)
        .patch(`/freezes/${freeze.id}`)
        .set('Authorization', asCarol)
        .send({ revision: 3, recurrence: null });
      expect(toOneOff.status).toBe(200);
      expect(toOneOff.body.recurrence).toBeUndefined();
    });

    it.each([
      [{ revision: 1 }, /at least one field/],
      [{ title: 'x' }, /^revision:/],
      [
        { revision: 1, end: '2026-11-01T00:00:00Z' },
        /^end: must be after start/,
      ],
      [
        { revision: 1, scope: { entities: ['component:ghost'] } },
        /^scope\.entities: unknown/,
      ],
      [
        {
          revision: 1,
          recurrence: { rrule: 'FREQ=WEEKLY', timezone: 'Europe/Nowhere' },
        },
        /^recurrence\.timezone:/,
      ],
      [
        { revision: 1, createdBy: 'user:default/eve' },
        /unknown field\(s\): createdBy/,
      ],
    ])('rejects %j with 400', async (body, message) => {
      const { app } = await createApp();
      const freeze = await createFreeze(app, oneOff());
      const res = await request(app)
        .patch(`/freezes/${freeze.id}`)
        .set('Authorization', asCarol)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('ends a freeze now with a reason, once, and then refuses edits', async () => {
      const { app, auditEvent } = await createApp();
      const freeze = await createFreeze(app, weekend);
      const ended = await request(app)
        .post(`/freezes/${freeze.id}/end`)
        .set('Authorization', asCarol)
        .send({ reason: 'Holiday staffing is fine' });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({
        endedAt: NOW.toISOString(),
        endReason: 'Holiday staffing is fine',
        revision: 2,
      });
      expect(auditEvent.success).toHaveBeenLastCalledWith({
        meta: {
          freezeId: freeze.id,
          revision: 2,
          endedAt: NOW.toISOString(),
          reason: 'Holiday staffing is fine',
        },
      });
      const occurrences = await request(app)
        .get(
          '/freeze-occurrences?from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z',
        )
        .set('Authorization', asCarol);
      expect(occurrences.body).toEqual({ items: [] });

      const again = await request(app)
        .post(`/freezes/${freeze.id}/end`)
        .set('Authorization', asCarol)
        .send({});
      expect(again.status).toBe(409);
      const edit = await request(app)
        .patch(`/freezes/${freeze.id}`)
        .set('Authorization', asCarol)
        .send({ revision: 2, title: 'x' });
      expect(edit.status).toBe(409);
    });

    it('refuses to end a freeze that is already over with 409', async () => {
      const { app } = await createApp();
      const past = await createFreeze(
        app,
        oneOff({ start: '2026-10-01T00:00:00Z', end: '2026-10-02T00:00:00Z' }),
      );
      const res = await request(app)
        .post(`/freezes/${past.id}/end`)
        .set('Authorization', asCarol)
        .send({});
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/already over/);
    });

    it('deletes with 204, audited, then answers 404', async () => {
      const { app, auditor } = await createApp();
      const freeze = await createFreeze(app, oneOff());
      const res = await request(app)
        .delete(`/freezes/${freeze.id}`)
        .set('Authorization', asCarol);
      expect(res.status).toBe(204);
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({
          eventId: 'freeze-delete',
          meta: { freezeId: freeze.id },
        }),
      );
      const gone = await request(app)
        .get(`/freezes/${freeze.id}`)
        .set('Authorization', asCarol);
      expect(gone.status).toBe(404);
    });

    it('answers 404 for unknown freezes', async () => {
      const { app } = await createApp();
      const calls = [
        request(app).get('/freezes/nope'),
        request(app).patch('/freezes/nope').send({ revision: 1, title: 'x' }),
        request(app).post('/freezes/nope/end').send({}),
        request(app).delete('/freezes/nope'),
      ];
      for (const call of calls) {
        const res = await call.set('Authorization', asCarol);
        expect(res.status).toBe(404);
      }
    });

    it('answers 403 for update, end and delete without the permission', async () => {
      const { app, freezeStore } = await createApp({
        permission: AuthorizeResult.DENY,
      });
      await freezeStore.createFreeze({
        id: 'f1',
        title: 'T',
        description: '',
        scope: {
          all: true,
          domains: [],
          systems: [],
          groups: [],
          entities: [],
        },
        start: '2026-12-01T00:00:00.000Z',
        end: '2026-12-02T00:00:00.000Z',
        exemptTypes: [],
        createdBy: CAROL,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        revision: 1,
      });
      const calls = [
        request(app).patch('/freezes/f1').send({ revision: 1, title: 'x' }),
        request(app).post('/freezes/f1/end').send({}),
        request(app).delete('/freezes/f1'),
      ];
      for (const call of calls) {
        const res = await call.set('Authorization', asCarol);
        expect(res.status).toBe(403);
      }
      expect((await freezeStore.getFreeze('f1'))!.revision).toBe(1);
    });
  });

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
