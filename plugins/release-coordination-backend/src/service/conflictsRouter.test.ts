import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Conflict,
  Release,
  Slot,
  freezeManagePermission,
} from '@internal/plugin-release-coordination-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import {
  entity,
  mockAuditor,
  routerTestDatabase,
  testApp,
  requestWithoutCredentials,
  userInfoWithGroups,
  createPlanningServices,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';

jest.setTimeout(30_000);

const db = routerTestDatabase();

const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';
const asAlice = mockCredentials.user.header(ALICE);
const asMallory = mockCredentials.user.header(MALLORY);
const asPipeline = mockCredentials.service.header();

const entities: Entity[] = [
  entity('System', 'payments', { owner: 'team-pay' }),
  entity(
    'Component',
    'payments-service',
    {
      owner: 'team-pay',
      system: 'payments',
    },
    [['consumesApi', 'api:default/ledger-api']],
  ),
  entity('Component', 'ledger-service', { owner: 'team-ledger' }, [
    ['providesApi', 'api:default/ledger-api'],
  ]),
  entity('API', 'ledger-api', { owner: 'team-ledger' }),
  entity('Component', 'tool', { owner: 'team-tools' }),
  entity('Group', 'team-pay'),
  entity('Group', 'team-ledger'),
  entity('Group', 'team-tools'),
];

const userInfo = userInfoWithGroups({
  [ALICE]: ['group:default/team-pay', 'group:default/team-ledger'],
  [MALLORY]: ['group:default/team-tools'],
});

const PAYMENTS = 'component:default/payments-service';
const LEDGER = 'component:default/ledger-service';

const window = (start: string, end: string) => ({
  start: `2026-12-${start}:00Z`,
  end: `2026-12-${end}:00Z`,
});

async function createApp() {
  const { database, releaseStore: store } = await db.init();
  const { auditor, auditEvent } = mockAuditor();
  const catalog = catalogServiceMock({ entities });
  const { releases, freezes, conflicts, trains } = await createPlanningServices(
    {
      database,
      catalog,
      userInfo,
      // approving is not what these tests are about
      config: { approvals: { rules: { normal: 'none' } } },
      // Mallory is no platform admin: she may not manage freezes
      permissions: mockServices.permissions.mock({
        authorize: async (
          requests: { permission: { name: string } }[],
          { credentials }: { credentials: BackstageCredentials },
        ) =>
          requests.map(r => ({
            result:
              r.permission.name === freezeManagePermission.name &&
              (credentials.principal as { userEntityRef?: string })
                .userEntityRef === MALLORY
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
        authorizeConditional: async (requests: unknown[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      } as any),
    },
  );
  const router = await createRouter({
    releases,
    freezes,
    conflicts,
    httpAuth: mockServices.httpAuth(),
    auditor,
  });
  const app = testApp(router);
  return { app, auditor, auditEvent, store, trains };
}

type App = express.Express;

async function post(app: App, body: object): Promise<Release> {
  const res = await request(app)
    .post('/releases')
    .set('Authorization', asAlice)
    .send({
      title: 'Payments 2.0',
      version: '2.0.0',
      type: 'normal',
      window: window('08T10:00', '08T12:00'),
      entityRefs: [PAYMENTS],
      ...body,
    });
  expect(res.status).toBe(201);
  return res.body;
}

async function freeze(app: App) {
  const res = await request(app)
    .post('/freezes')
    .set('Authorization', asAlice)
    .send({
      title: 'Payments freeze',
      scope: { systems: ['payments'] },
      start: '2026-12-01T10:00:00Z',
      end: '2026-12-03T10:00:00Z',
    });
  expect(res.status).toBe(201);
}

async function approve(app: App, release: Release) {
  for (const to of ['planned', 'approved']) {
    const res = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', asAlice)
      .send({ to });
    expect(res.status).toBe(200);
  }
}

const kindsOf = (conflicts: Conflict[]) => conflicts.map(c => c.kind).sort();

describe('conflict routes', () => {
  it.each([
    ['get', '/conflicts?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z'],
    ['get', `/slots?entityRef=${PAYMENTS}&duration=PT2H`],
    ['post', '/releases/x/freeze-override'],
    ['delete', '/releases/x/freeze-override'],
  ] as const)('rejects %s %s without a user with 401', async (method, path) => {
    const { app } = await createApp();
    const res = await requestWithoutCredentials(app, method, path, {
      reason: 'x',
    });
    expect(res.status).toBe(401);
  });

  describe('releases carry their conflicts', () => {
    it('shows a freeze conflict on create, on reads and lists, and none after moving out', async () => {
      const { app } = await createApp();
      await freeze(app);
      const created = await post(app, {
        window: window('02T10:00', '02T12:00'),
      });
      expect(created.conflicts).toEqual([
        expect.objectContaining({
          kind: 'freeze',
          severity: 'blocking',
          releaseIds: [created.id],
          entityRefs: [PAYMENTS],
        }),
      ]);
      const got = await request(app)
        .get(`/releases/${created.id}`)
        .set('Authorization', asAlice);
      expect(got.body.conflicts).toEqual(created.conflicts);
      const list = await request(app)
        .get('/releases')
        .set('Authorization', asAlice);
      expect(list.body.items[0].conflicts).toEqual(created.conflicts);

      const moved = await request(app)
        .patch(`/releases/${created.id}`)
        .set('Authorization', asAlice)
        .send({ revision: 1, window: window('08T10:00', '08T12:00') });
      expect(moved.status).toBe(200);
      expect(moved.body.conflicts).toEqual([]);
    });

    it('finds a dependency through API consumption read from the catalog, and same-entity overlaps', async () => {
      const { app } = await createApp();
      const ledger = await post(app, { entityRefs: [LEDGER] });
      const payments = await post(app, {});
      expect(payments.conflicts).toEqual([
        expect.objectContaining({
          kind: 'dependency',
          severity: 'warning',
          releaseIds: [ledger.id, payments.id].sort(),
          entityRefs: [LEDGER, PAYMENTS],
        }),
      ]);
      const again = await post(app, {
        entityRefs: [PAYMENTS, 'component:default/tool'],
        ownerRef: 'group:default/team-pay',
      });
      expect(kindsOf(again.conflicts!)).toEqual(['dependency', 'same-entity']);
      const list = await request(app)
        .get('/releases')
        .set('Authorization', asAlice);
      const byId = new Map<string, Release>(
        list.body.items.map((r: Release) => [r.id, r]),
      );
      expect(kindsOf(byId.get(payments.id)!.conflicts!)).toEqual([
        'dependency',
        'same-entity',
      ]);
    });

    it('validates and checks `after`, showing an ordering conflict', async () => {
      const { app } = await createApp();
      // a draft of Alice's team: drafts of others are not hers to see
      const first = await post(app, {
        entityRefs: ['component:tool'],
        ownerRef: 'group:default/team-ledger',
      });
      const res = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .send({
          title: 'Ledger',
          version: '1.0.0',
          type: 'normal',
          window: window('08T11:00', '08T13:00'),
          entityRefs: [LEDGER],
          after: ['nope'],
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^after: unknown release\(s\) nope/,
      );

      const second = await post(app, {
        entityRefs: [LEDGER],
        window: window('08T11:00', '08T13:00'),
        after: [first.id],
      });
      expect(second.after).toEqual([first.id]);
      expect(second.conflicts).toEqual([
        expect.objectContaining({ kind: 'ordering', severity: 'blocking' }),
      ]);
      const self = await request(app)
        .patch(`/releases/${second.id}`)
        .set('Authorization', asAlice)
        .send({ revision: 1, after: [second.id] });
      expect(self.status).toBe(400);
      expect(self.body.error.message).toMatch(
        /^after: a release cannot follow itself/,
      );
    });
  });

  describe('GET /conflicts', () => {
    it('lists the conflicts in a range, optionally for entities', async () => {
      const { app } = await createApp();
      const a = await post(app, {});
      const b = await post(app, { window: window('08T11:00', '08T13:00') });
      const res = await request(app)
        .get('/conflicts?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z')
        .set('Authorization', asAlice);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          kind: 'same-entity',
          releaseIds: [a.id, b.id].sort(),
        }),
      ]);
      // the conflicts of releases in the range with releases beyond it
      for (const range of [
        'from=2026-12-01T00:00:00Z&to=2026-12-08T10:30:00Z',
        'from=2026-12-08T12:30:00Z&to=2026-12-09T00:00:00Z',
      ]) {
        const edge = await request(app)
          .get(`/conflicts?${range}`)
          .set('Authorization', asAlice);
        expect(edge.body.items).toEqual([
          expect.objectContaining({ releaseIds: [a.id, b.id].sort() }),
        ]);
      }
      const other = await request(app)
        .get(
          '/conflicts?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z&entityRef=component:tool',
        )
        .set('Authorization', asAlice);
      expect(other.body.items).toEqual([]);
      const before = await request(app)
        .get('/conflicts?from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z')
        .set('Authorization', asAlice);
      expect(before.body.items).toEqual([]);
    });

    it("leaves out other people's drafts, while a draft's owners see its conflicts", async () => {
      const { app } = await createApp();
      const planned = await post(app, {});
      await approve(app, planned);
      const theirs = await request(app)
        .post('/releases')
        .set('Authorization', asMallory)
        .send({
          title: 'Payments by the tools team',
          version: '9.0.0',
          type: 'normal',
          window: window('08T11:00', '08T13:00'),
          entityRefs: [PAYMENTS],
          ownerRef: 'group:default/team-tools',
        });
      expect(theirs.status).toBe(201);
      const draft: Release = theirs.body;
      expect(draft.state).toBe('draft');
      const sameEntity = expect.objectContaining({
        kind: 'same-entity',
        releaseIds: [planned.id, draft.id].sort(),
      });
      // its owners see the conflict of their draft with the visible release
      expect(draft.conflicts).toEqual([sameEntity]);
      const range =
        '/conflicts?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z';
      const asOwner = await request(app)
        .get(range)
        .set('Authorization', asMallory);
      expect(asOwner.body.items).toEqual([sameEntity]);
      const listedForOwner = await request(app)
        .get('/releases')
        .set('Authorization', asMallory);
      expect(
        listedForOwner.body.items.find((r: Release) => r.id === planned.id)
          .conflicts,
      ).toEqual([sameEntity]);

      // others see neither the draft nor its conflicts
      const asOther = await request(app)
        .get(range)
        .set('Authorization', asAlice);
      expect(asOther.status).toBe(200);
      expect(asOther.body.items).toEqual([]);
      const listed = await request(app)
        .get('/releases')
        .set('Authorization', asAlice);
      expect(listed.body.items.map((r: Release) => r.id)).toEqual([planned.id]);
      expect(listed.body.items[0].conflicts).toEqual([]);
      const read = await request(app)
        .get(`/releases/${planned.id}`)
        .set('Authorization', asAlice);
      expect(read.body.conflicts).toEqual([]);
    });

    it.each([
      [
        'from=2026-01-01T00:00:00Z&to=2027-01-03T00:00:00Z',
        /^to: the range may be at most 366 days/,
      ],
      ['to=2026-01-01T00:00:00Z', /^from:/],
      [
        'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&entityRef=x',
        /^entityRef\.0:/,
      ],
    ])('rejects %s with 400', async (query, message) => {
      const { app } = await createApp();
      const res = await request(app)
        .get(`/conflicts?${query}`)
        .set('Authorization', asAlice);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('freeze override', () => {
    it('sets an override with a reason, audited and in the history, and clears it', async () => {
      const { app, auditor, auditEvent } = await createApp();
      await freeze(app);
      const r = await post(app, { window: window('02T10:00', '02T12:00') });
      const res = await request(app)
        .post(`/releases/${r.id}/freeze-override`)
        .set('Authorization', asAlice)
        .send({ reason: 'Regulatory deadline' });
      expect(res.status).toBe(200);
      expect(res.body.freezeOverride).toEqual({
        reason: 'Regulatory deadline',
        by: ALICE,
        at: expect.any(String),
      });
      expect(res.body.conflicts).toEqual([]);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({ eventId: 'release-freeze-override' }),
      );
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { releaseId: r.id, revision: 2, reason: 'Regulatory deadline' },
      });
      const events = await request(app)
        .get(`/releases/${r.id}/events`)
        .set('Authorization', asAlice);
      expect(events.body.items[1]).toMatchObject({
        action: 'freeze-overridden',
        actorRef: ALICE,
        reason: 'Regulatory deadline',
      });

      const cleared = await request(app)
        .delete(`/releases/${r.id}/freeze-override`)
        .set('Authorization', asAlice);
      expect(cleared.status).toBe(200);
      expect(cleared.body.freezeOverride).toBeUndefined();
      expect(kindsOf(cleared.body.conflicts)).toEqual(['freeze']);
      const after = await request(app)
        .get(`/releases/${r.id}/events`)
        .set('Authorization', asAlice);
      expect(after.body.items.map((e: { action: string }) => e.action)).toEqual(
        ['created', 'freeze-overridden', 'freeze-override-cleared'],
      );
    });

    it('answers 400 without a reason, 403 for non-members and 404 for unknown releases', async () => {
      const { app } = await createApp();
      const draft = await post(app, {});
      // someone else's draft is not found, whatever the method
      const hidden = await request(app)
        .post(`/releases/${draft.id}/freeze-override`)
        .set('Authorization', asMallory)
        .send({ reason: 'Because' });
      expect(hidden.status).toBe(404);
      const r = (
        await request(app)
          .post(`/releases/${draft.id}/transition`)
          .set('Authorization', asAlice)
          .send({ to: 'planned' })
      ).body;
      expect(r.state).toBe('planned');
      const missing = await request(app)
        .post(`/releases/${r.id}/freeze-override`)
        .set('Authorization', asAlice)
        .send({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/^reason:/);
      const stranger = await request(app)
        .post(`/releases/${r.id}/freeze-override`)
        .set('Authorization', asMallory)
        .send({ reason: 'Because' });
      expect(stranger.status).toBe(403);
      const strangerClear = await request(app)
        .delete(`/releases/${r.id}/freeze-override`)
        .set('Authorization', asMallory);
      expect(strangerClear.status).toBe(403);
      const unknown = await request(app)
        .post('/releases/nope/freeze-override')
        .set('Authorization', asAlice)
        .send({ reason: 'Because' });
      expect(unknown.status).toBe(404);
    });
  });

  describe('GET /slots', () => {
    const overlaps = (slot: Slot, w: { start: string; end: string }) =>
      Date.parse(slot.start) < Date.parse(w.end) &&
      Date.parse(w.start) < Date.parse(slot.end);

    it('never offers a window inside a freeze or overlapping a release of the entity', async () => {
      const { app } = await createApp();
      await freeze(app);
      const busy = await post(app, { window: window('03T10:00', '03T20:00') });
      const res = await request(app)
        .get(
          `/slots?entityRef=${PAYMENTS}&duration=PT4H&after=2026-12-01T09:10:00Z&count=20`,
        )
        .set('Authorization', asAlice);
      expect(res.status).toBe(200);
      const slots: Slot[] = res.body.items;
      expect(slots).toHaveLength(20);
      // the first free half hour after the freeze and the release
      expect(slots[0]).toEqual({
        start: '2026-12-03T20:00:00.000Z',
        end: '2026-12-04T00:00:00.000Z',
      });
      const frozen = window('01T10:00', '03T10:00');
      for (const slot of slots) {
        expect(overlaps(slot, frozen)).toBe(false);
        expect(overlaps(slot, busy.window)).toBe(false);
        expect(new Date(slot.start).getUTCMinutes() % 30).toBe(0);
      }
      // an exempt type may go inside the freeze; before it starts it rounds up
      const emergency = await request(app)
        .get(
          `/slots?entityRef=${PAYMENTS}&duration=PT2H&after=2026-12-01T09:10:00Z&type=emergency&count=1`,
        )
        .set('Authorization', asAlice);
      expect(emergency.body.items).toEqual([
        { start: '2026-12-01T09:30:00.000Z', end: '2026-12-01T11:30:00.000Z' },
      ]);
      // unrelated entities are free at once; `after` defaults to now
      const tool = await request(app)
        .get('/slots?entityRef=component:tool&duration=PT1H&count=2')
        .set('Authorization', asAlice);
      expect(tool.body.items).toEqual([
        { start: '2026-11-26T12:00:00.000Z', end: '2026-11-26T13:00:00.000Z' },
        { start: '2026-11-26T13:00:00.000Z', end: '2026-11-26T14:00:00.000Z' },
      ]);
    });

    it.each([
      ['duration=2h', /^duration: "2h" is not an ISO 8601 duration/],
      ['duration=PT5M', /^duration: must be between 15 minutes and 90 days/],
      ['', /^duration:/],
      ['duration=PT1H&count=50', /^count:/],
      [
        'duration=PT1H&count=1e1',
        /^count: must be a whole number in decimal digits$/,
      ],
      ['duration=PT1H&count[]=5', /^count: must be one whole number/],
      [
        'duration=PT1H&after=9999-12-31T10:00:00Z',
        /^after: must be within 5 years of now, from \S+ to \S+$/,
      ],
    ])('rejects %p with 400', async (query, message) => {
      const { app } = await createApp();
      const res = await request(app)
        .get(`/slots?entityRef=${PAYMENTS}&${query}`)
        .set('Authorization', asAlice);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('offers the free bookable slots of the entity’s release train instead', async () => {
      const slot = (start: string, end: string, bookable = true) => ({
        trainId: 'weekly',
        ...window(start, end),
        cutoffAt: '2026-11-30T00:00:00Z',
        bookable,
        releaseIds: [],
      });
      const { app, trains } = await createApp();
      // the entity rides a train with these slots
      jest
        .spyOn(trains, 'trainsFor')
        .mockImplementation(async refs =>
          refs.includes(PAYMENTS) ? [{ id: 'weekly' } as any] : [],
        );
      jest.spyOn(trains, 'slotsFor').mockImplementation(async () => [
        slot('02T10:00', '02T12:00'), // inside the freeze
        slot('04T10:00', '04T12:00', false), // past its cut-off
        slot('09T10:00', '09T12:00'),
        slot('16T10:00', '16T12:00'),
      ]);
      await freeze(app);
      const res = await request(app)
        .get(
          `/slots?entityRef=${PAYMENTS}&duration=PT1H&after=2026-12-01T00:00:00Z`,
        )
        .set('Authorization', asAlice);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          trainId: 'weekly',
          start: '2026-12-09T10:00:00.000Z',
          end: '2026-12-09T12:00:00.000Z',
        },
        {
          trainId: 'weekly',
          start: '2026-12-16T10:00:00.000Z',
          end: '2026-12-16T12:00:00.000Z',
        },
      ]);
      // an entity without a train gets half-hour slots
      const tool = await request(app)
        .get(
          '/slots?entityRef=component:tool&duration=PT1H&count=1&after=2026-12-01T00:00:00Z',
        )
        .set('Authorization', asAlice);
      expect(tool.body.items).toEqual([
        { start: '2026-12-01T00:00:00.000Z', end: '2026-12-01T01:00:00.000Z' },
      ]);
    });

    it('rejects entities not in the catalog with 400', async () => {
      const { app } = await createApp();
      const res = await request(app)
        .get('/slots?entityRef=component:ghost&duration=PT1H')
        .set('Authorization', asAlice);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^entityRef: not in the catalog/);
    });
  });

  describe('GET /gate', () => {
    it('is prevented by a blocking conflict of the covering release, naming it; another draft does not block', async () => {
      const { app } = await createApp();
      const a = await post(app, {});
      await approve(app, a);
      const at = 'entityRef=component:payments-service&at=2026-12-08T11:00:00Z';
      const alone = await request(app)
        .get(`/gate?${at}`)
        .set('Authorization', asPipeline);
      expect(alone.body.allowed).toBe(true);

      const overlapping = await post(app, {
        window: window('08T11:30', '08T13:00'),
      });
      const whileDraft = await request(app)
        .get(`/gate?${at}`)
        .set('Authorization', asPipeline);
      expect(whileDraft.body.allowed).toBe(true);

      await request(app)
        .post(`/releases/${overlapping.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'planned' })
        .expect(200);
      const res = await request(app)
        .get(`/gate?${at}`)
        .set('Authorization', asPipeline);
      expect(res.body.allowed).toBe(false);
      expect(res.body.status).toBe('prevented');
      expect(res.body.reasons).toEqual([
        expect.stringMatching(
          /^Blocking same-entity conflict of release "Payments 2.0": Releases "Payments 2.0"/,
        ),
      ]);
    });

    it('lets a release with a freeze override through the freeze', async () => {
      const { app } = await createApp();
      await freeze(app);
      const r = await post(app, { window: window('02T10:00', '02T12:00') });
      await approve(app, r);
      const at = 'entityRef=component:payments-service&at=2026-12-02T11:00:00Z';
      const frozen = await request(app)
        .get(`/gate?${at}`)
        .set('Authorization', asPipeline);
      expect(frozen.body.allowed).toBe(false);
      await request(app)
        .post(`/releases/${r.id}/freeze-override`)
        .set('Authorization', asAlice)
        .send({ reason: 'Regulatory deadline' })
        .expect(200);
      const res = await request(app)
        .get(`/gate?${at}`)
        .set('Authorization', asPipeline);
      expect(res.body.allowed).toBe(true);
      expect(res.body.reasons).toContainEqual(
        expect.stringContaining('overrides it: Regulatory deadline'),
      );
    });
  });
});
