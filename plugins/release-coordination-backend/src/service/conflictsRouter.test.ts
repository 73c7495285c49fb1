import { Release } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import {
  LEDGER,
  PAYMENTS,
  approve,
  asAlice,
  asMallory,
  createApp,
  freeze,
  kindsOf,
  post,
  window,
} from './__testUtils__/conflictRoutesApp';
import { requestWithoutCredentials } from './__testUtils__/routerTestKit';

jest.setTimeout(30_000);

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

    it('answers a page at a time, in the order of ids, to the last page without a cursor', async () => {
      const { app } = await createApp();
      // three releases of one entity in one window: three same-entity conflicts
      await post(app, {});
      await post(app, {});
      await post(app, {});
      const range = 'from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z';
      const whole = await request(app)
        .get(`/conflicts?${range}`)
        .set('Authorization', asAlice);
      expect(whole.status).toBe(200);
      expect(whole.body.items).toHaveLength(3);
      expect(whole.body.nextCursor).toBeUndefined();
      const ids = whole.body.items.map((c: { id: string }) => c.id);
      expect(ids).toEqual([...ids].sort());

      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await request(app)
          .get(
            `/conflicts?${range}&limit=2${
              cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
            }`,
          )
          .set('Authorization', asAlice);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        paged.push(...page.body.items.map((c: { id: string }) => c.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(ids);
    });

    it.each([
      [
        'from=2026-01-01T00:00:00Z&to=2027-01-03T00:00:00Z',
        /^to: the range may be at most 366 days/,
      ],
      [
        'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&limit=1001',
        /^limit:/,
      ],
      [
        'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&cursor=%7B',
        /^cursor: not a cursor of this listing/,
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
});
