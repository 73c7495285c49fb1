import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Release,
  ReleaseState,
  Train,
} from '@internal/plugin-release-coordination-common';
import express from 'express';
import request from 'supertest';
import {
  entity,
  mockAuditor,
  createPlanningServices,
  permissionsWith,
  releaseSeeder,
  routerTestDatabase,
  testApp,
  requestWithoutCredentials,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';
import { expectPlainWords } from '../__testUtils__/plainWords';

jest.setTimeout(30_000);

const db = routerTestDatabase();

const CAROL = 'user:default/carol';
// Sunday 2026-11-29 12:00 UTC: the slot of Tuesday 12-01 10:00 Berlin closed at 09:00 UTC
const NOW = new Date('2026-11-29T12:00:00.000Z');

const entities: Entity[] = [
  entity('System', 'payments', { owner: 'team-pay' }),
  entity('System', 'search', { owner: 'team-search' }),
  entity(
    'Component',
    'payments-service',
    { owner: 'team-pay', system: 'payments' },
    [['partOf', 'system:default/payments']],
  ),
  entity(
    'Component',
    'search-service',
    { owner: 'team-pay', system: 'search' },
    [['partOf', 'system:default/search']],
  ),
  entity('Component', 'tool', { owner: 'team-pay' }),
  entity('Group', 'team-pay'),
];

// every other Tuesday 10:00 Berlin: 2026-11-17, 12-01, 12-15 (CET: 09:00 UTC)
const commerce = {
  name: 'Commerce train',
  rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
  timezone: 'Europe/Berlin',
  start: '2026-11-17T09:00:00Z',
  slotDuration: 'PT2H',
  cutoff: 'P2D',
  scope: { systems: ['payments'], entities: ['component:default/tool'] },
};

async function createApp(
  options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
) {
  const { knex, database, releaseStore } = await db.init();
  const { auditor, auditEvent } = mockAuditor();
  const catalog = catalogServiceMock({ entities });
  const { releases, trains, stores } = await createPlanningServices({
    database,
    now: () => NOW,
    catalog,
    permissions: permissionsWith(options.permission),
    userInfo: mockServices.userInfo({
      ownershipEntityRefs: [CAROL, 'group:default/team-pay'],
    }),
  });
  const trainStore = stores.trainStore;
  const router = await createRouter({
    releases,
    trains,
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user(CAROL),
    }),
    auditor,
  });
  const app = testApp(router);

  const seed = releaseSeeder(releaseStore, { createdBy: CAROL, now: NOW });
  const addRelease = (
    state: ReleaseState,
    window: { start: string; end: string },
    entityRefs = ['component:default/payments-service'],
  ) => seed({ state, window, entityRefs });
  return {
    app,
    auditor,
    auditEvent,
    knex,
    trainStore,
    releaseStore,
    addRelease,
    trains,
  };
}

async function createTrain(app: express.Express, body: object = commerce) {
  const res = await request(app).post('/trains').send(body);
  expect(res.status).toBe(201);
  return res.body as Train;
}

const DAY_WINDOW = {
  start: '2026-12-10T08:00:00Z',
  end: '2026-12-10T10:00:00Z',
};

describe('train routes', () => {
  it.each([
    ['get', '/trains'],
    ['post', '/trains'],
    ['get', '/trains/x'],
    ['patch', '/trains/x'],
    ['delete', '/trains/x'],
    ['get', '/trains/x/slots'],
    ['get', '/trains/x/stats'],
    ['post', '/releases/x/train-slot'],
    ['delete', '/releases/x/train-slot'],
  ] as const)(
    'rejects %s %s without credentials with 401',
    async (method, path) => {
      const { app } = await createApp();
      const res = await requestWithoutCredentials(app, method, path);
      expect(res.status).toBe(401);
    },
  );

  it('creates a train with normalised scope, audited, and reads, lists, edits and deletes it', async () => {
    const { app, auditor } = await createApp();
    const train = await createTrain(app);
    expect(train).toEqual({
      id: expect.any(String),
      name: 'Commerce train',
      description: '',
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
      timezone: 'Europe/Berlin',
      start: '2026-11-17T09:00:00.000Z',
      slotDuration: 'PT2H',
      cutoff: 'P2D',
      scope: {
        systems: ['system:default/payments'],
        entities: ['component:default/tool'],
      },
      createdBy: CAROL,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      revision: 1,
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'train-create' }),
    );
    expect((await request(app).get('/trains')).body.items).toEqual([train]);
    expect((await request(app).get(`/trains/${train.id}`)).body).toEqual(train);

    const patched = await request(app)
      .patch(`/trains/${train.id}`)
      .send({ revision: 1, cutoff: 'P3D' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ cutoff: 'P3D', revision: 2 });

    const stale = await request(app)
      .patch(`/trains/${train.id}`)
      .send({ revision: 1, name: 'Old' });
    expect(stale.status).toBe(409);

    expect((await request(app).delete(`/trains/${train.id}`)).status).toBe(204);
    expect((await request(app).get(`/trains/${train.id}`)).status).toBe(404);
    expect((await request(app).delete(`/trains/${train.id}`)).status).toBe(404);
    expect(
      (
        await request(app)
          .patch(`/trains/${train.id}`)
          .send({ revision: 1, name: 'X' })
      ).status,
    ).toBe(404);
  });

  it.each([
    ['a malformed RRULE', { rrule: 'FREQ=SOMETIMES' }, /^rrule: /],
    [
      'an unknown zone',
      { timezone: 'Mars/Olympus' },
      /^timezone: not a known IANA/,
    ],
    ['a bad slot duration', { slotDuration: '2 hours' }, /^slotDuration: /],
    ['a zero cut-off', { cutoff: 'PT0S' }, /^cutoff: must be longer than zero/],
    ['an unknown field', { colour: 'red' }, /unknown field\(s\): colour/],
    ['a start off the rule', { start: '2026-11-18T09:00:00Z' }, /^start: /],
    [
      'an RRULE that never occurs (30 February)',
      { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' },
      /^start: .* is not an occurrence of rrule/,
    ],
    [
      'an unknown system',
      { scope: { systems: ['nope'] } },
      /scope\.systems: unknown.*system:default\/nope/,
    ],
    [
      'a scope entity that is a system kind mismatch',
      { scope: { systems: ['component:default/tool'] } },
      /scope\.systems/,
    ],
    ['an empty scope', { scope: { systems: [] } }, /^scope: name at least one/],
  ])('rejects %s with 400 naming the field', async (_name, change, message) => {
    const { app } = await createApp();
    const res = await request(app)
      .post('/trains')
      .send({ ...commerce, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('needs the train.manage permission to manage trains (403), audited as failed', async () => {
    const { app, auditEvent } = await createApp({
      permission: AuthorizeResult.DENY,
    });
    const res = await request(app).post('/trains').send(commerce);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /release-coordination\.train\.manage/,
    );
    expect(auditEvent.fail).toHaveBeenCalled();
    expect((await request(app).get('/trains')).status).toBe(200);
  });

  it('lists upcoming slots with cut-off, bookability and booked releases', async () => {
    const { app, addRelease } = await createApp();
    const train = await createTrain(app);
    const release = await addRelease('planned', DAY_WINDOW);
    expect(
      (
        await request(app)
          .post(`/releases/${release.id}/train-slot`)
          .send({ trainId: train.id, slotStart: '2026-12-15T09:00:00Z' })
      ).status,
    ).toBe(200);
    const res = await request(app).get(`/trains/${train.id}/slots?count=2`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        trainId: train.id,
        start: '2026-12-01T09:00:00.000Z',
        end: '2026-12-01T11:00:00.000Z',
        cutoffAt: '2026-11-29T09:00:00.000Z',
        bookable: false,
        releaseIds: [],
      },
      {
        trainId: train.id,
        start: '2026-12-15T09:00:00.000Z',
        end: '2026-12-15T11:00:00.000Z',
        cutoffAt: '2026-12-13T09:00:00.000Z',
        bookable: true,
        releaseIds: [release.id],
      },
    ]);
    expect((await request(app).get('/trains/nope/slots')).status).toBe(404);
    expect(
      (await request(app).get(`/trains/${train.id}/slots?count=0`)).status,
    ).toBe(400);
  });

  describe('booking', () => {
    it('books a release onto a slot, moving its window, and unbooks it', async () => {
      const { app, addRelease, auditor, trainStore } = await createApp();
      const train = await createTrain(app);
      const release = await addRelease('planned', DAY_WINDOW);
      const res = await request(app)
        .post(`/releases/${release.id}/train-slot`)
        .send({ trainId: train.id, slotStart: '2026-12-15T10:00:00+01:00' });
      expect(res.status).toBe(200);
      expect(res.body.booking).toMatchObject({
        releaseId: release.id,
        trainId: train.id,
        slotStart: '2026-12-15T09:00:00.000Z',
        bookedBy: CAROL,
      });
      expect(res.body.release).toMatchObject({
        window: {
          start: '2026-12-15T09:00:00.000Z',
          end: '2026-12-15T11:00:00.000Z',
        },
        revision: 2,
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'release-train-book' }),
      );

      expect(
        (await request(app).delete(`/releases/${release.id}/train-slot`))
          .status,
      ).toBe(204);
      expect(await trainStore.getBooking(release.id)).toBeUndefined();
      const notBooked = await request(app).delete(
        `/releases/${release.id}/train-slot`,
      );
      expect(notBooked.status).toBe(404);
      expect(notBooked.body.error.message).toMatch(/is not booked on a train$/);
      expectPlainWords(notBooked.body.error.message, release);
    });

    it('accepts entities in scope directly, and rejects entities outside it with 400', async () => {
      const { app, addRelease } = await createApp();
      const train = await createTrain(app);
      const direct = await addRelease('planned', DAY_WINDOW, [
        'component:default/tool',
      ]);
      const body = { trainId: train.id, slotStart: '2026-12-15T09:00:00Z' };
      expect(
        (
          await request(app)
            .post(`/releases/${direct.id}/train-slot`)
            .send(body)
        ).status,
      ).toBe(200);

      const outside = await addRelease('planned', DAY_WINDOW, [
        'component:default/payments-service',
        'component:default/search-service',
      ]);
      const res = await request(app)
        .post(`/releases/${outside.id}/train-slot`)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'entityRefs: component:default/search-service not in the scope of train "Commerce train"',
      );
    });

    it('rejects a slot after its cut-off with 409 and an unknown slot or train with 400', async () => {
      const { app, addRelease } = await createApp();
      const train = await createTrain(app);
      const release = await addRelease('planned', DAY_WINDOW);
      const closed = await request(app)
        .post(`/releases/${release.id}/train-slot`)
        .send({ trainId: train.id, slotStart: '2026-12-01T09:00:00Z' });
      expect(closed.status).toBe(409);
      expect(closed.body.error.message).toMatch(
        /closed for bookings at 2026-11-29T09:00:00.000Z/,
      );

      const offWeek = await request(app)
        .post(`/releases/${release.id}/train-slot`)
        .send({ trainId: train.id, slotStart: '2026-12-08T09:00:00Z' });
      expect(offWeek.status).toBe(400);
      expect(offWeek.body.error.message).toMatch(/^slotStart: /);

      const noTrain = await request(app)
        .post(`/releases/${release.id}/train-slot`)
        .send({ trainId: 'nope', slotStart: '2026-12-15T09:00:00Z' });
      expect(noTrain.status).toBe(400);
      expect(noTrain.body.error.message).toMatch(/^trainId: /);

      const bad = await request(app)
        .post(`/releases/${release.id}/train-slot`)
        .send({ trainId: train.id, slotStart: 'tuesday', extra: 1 });
      expect(bad.status).toBe(400);

      const missing = await request(app)
        .post('/releases/nope/train-slot')
        .send({ trainId: train.id, slotStart: '2026-12-15T09:00:00Z' });
      expect(missing.status).toBe(404);
    });

    it('checks that the caller may change the release before looking for the slot (403, not 400)', async () => {
      const { app, releaseStore } = await createApp();
      const train = await createTrain(app);
      const seed = releaseSeeder(releaseStore, { createdBy: CAROL, now: NOW });
      const theirs = await seed({
        state: 'planned',
        window: DAY_WINDOW,
        ownerRef: 'group:default/team-search',
      });
      const res = await request(app)
        .post(`/releases/${theirs.id}/train-slot`)
        .send({ trainId: train.id, slotStart: '2026-12-08T09:00:00Z' });
      expect(res.status).toBe(403);
    });

    it('refuses finished releases with 409', async () => {
      const { app, addRelease } = await createApp();
      const train = await createTrain(app);
      const done = await addRelease('released', DAY_WINDOW);
      const res = await request(app)
        .post(`/releases/${done.id}/train-slot`)
        .send({ trainId: train.id, slotStart: '2026-12-15T09:00:00Z' });
      expect(res.status).toBe(409);
    });
  });

  it('counts releases that rode, slipped and went out of band', async () => {
    const { app, addRelease, trainStore, releaseStore } = await createApp();
    const train = await createTrain(app);
    const slot = {
      start: '2026-11-17T09:00:00.000Z',
      end: '2026-11-17T11:00:00.000Z',
    };
    const book = (releaseId: string) =>
      trainStore.book({
        releaseId,
        trainId: train.id,
        slotStart: slot.start,
        bookedBy: CAROL,
        bookedAt: NOW.toISOString(),
      });
    const transition = async (r: Release, at: string) =>
      releaseStore.updateRelease({
        id: r.id,
        revision: r.revision,
        fields: { state: 'released' },
        event: {
          action: 'transitioned',
          actorRef: CAROL,
          createdAt: at,
          changes: [
            { field: 'state', before: 'in_progress', after: 'released' },
          ],
        },
      });
    // rode: released inside the slot
    const rode = await addRelease('in_progress', slot);
    await transition(rode, '2026-11-17T10:00:00.000Z');
    await book(rode.id);
    // slipped: released after the slot's end
    const late = await addRelease('in_progress', slot);
    await transition(late, '2026-11-17T15:00:00.000Z');
    await book(late.id);
    // slipped: moved off the slot, not released yet
    const moved = await addRelease('planned', DAY_WINDOW);
    await book(moved.id);
    // out of band: released, in scope (through its system), not booked
    await addRelease('released', {
      start: '2026-11-20T09:00:00.000Z',
      end: '2026-11-20T10:00:00.000Z',
    });
    // not counted: out of scope, or not released
    await addRelease('released', slot, ['component:default/search-service']);
    await addRelease('cancelled', slot);

    const res = await request(app).get(
      `/trains/${train.id}/stats?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      trainId: train.id,
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      rode: 1,
      slipped: 2,
      outOfBand: 1,
    });
    expect(
      (
        await request(app).get(
          `/trains/${train.id}/stats?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
        )
      ).status,
    ).toBe(400);
  });

  it('tells which trains serve some entities', async () => {
    const { app, trains } = await createApp();
    const train = await createTrain(app);
    const credentials = mockCredentials.user(CAROL);
    expect(
      (
        await trains.trainsFor(
          ['component:default/payments-service'],
          credentials,
        )
      ).map(t => t.id),
    ).toEqual([train.id]);
    expect(
      await trains.trainsFor(['component:default/search-service'], credentials),
    ).toEqual([]);
  });
});
