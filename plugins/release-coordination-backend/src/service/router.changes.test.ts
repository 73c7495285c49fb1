import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Release } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import {
  ALICE,
  asAlice,
  asLead,
  asMallory,
  createApp,
  createRelease,
} from './__testUtils__/releaseRoutesApp';
import { expectPlainWords } from '../__testUtils__/plainWords';

jest.setTimeout(30_000);

describe('createRouter', () => {
  describe('GET /releases', () => {
    it('filters by entity, system, domain, owner, state and type', async () => {
      const { app } = await createApp();
      const checkout = await createRelease(app, {
        entityRefs: ['component:cart-service'],
        window: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z' },
      });
      const system = await createRelease(app, {
        entityRefs: ['system:checkout'],
        type: 'hotfix',
        window: { start: '2026-12-05T10:00:00Z', end: '2026-12-05T12:00:00Z' },
      });
      const search = await createRelease(
        app,
        {
          entityRefs: ['component:search-service'],
          window: {
            start: '2026-12-10T10:00:00Z',
            end: '2026-12-10T12:00:00Z',
          },
        },
        asLead,
      );
      const list = async (query: string) => {
        const res = await request(app)
          .get(`/releases?${query}`)
          .set('Authorization', asLead);
        expect(res.status).toBe(200);
        return res.body.items.map((r: Release) => r.id);
      };
      expect(await list('')).toEqual([checkout.id, system.id, search.id]);
      expect(await list('order=desc')).toEqual([
        search.id,
        system.id,
        checkout.id,
      ]);
      expect(
        await list(
          'entityRef=component:cart-service&entityRef=component:search-service',
        ),
      ).toEqual([checkout.id, search.id]);
      expect(await list('system=system:checkout')).toEqual([
        checkout.id,
        system.id,
      ]);
      expect(await list('domain=domain:commerce')).toEqual([
        checkout.id,
        system.id,
      ]);
      expect(await list('owner=group:team-b')).toEqual([search.id]);
      expect(await list('type=hotfix')).toEqual([system.id]);
      expect(await list('state=planned')).toEqual([]);
      expect(
        await list('from=2026-12-01T11:00:00Z&to=2026-12-05T09:00:00Z'),
      ).toEqual([checkout.id]);

      const first = await request(app)
        .get('/releases?limit=2')
        .set('Authorization', asLead);
      expect(first.body.items).toHaveLength(2);
      const second = await request(app)
        .get(`/releases?limit=2&cursor=${first.body.nextCursor}`)
        .set('Authorization', asLead);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ id: search.id })],
      });
    });

    it.each([
      ['limit=0', /^limit:/],
      ['state=done', /^state\.0:/],
      ['entityRef=nope', /^entityRef\.0:/],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', /^to:/],
      ['cursor=garbage', /^cursor:/],
      ['colour=red', /unknown field\(s\): colour/],
    ])('rejects %s with 400', async (query, message) => {
      const { app } = await createApp();
      const res = await request(app)
        .get(`/releases?${query}`)
        .set('Authorization', asAlice);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('GET /releases/:id', () => {
    it('answers 404 for unknown releases and their events', async () => {
      const { app } = await createApp();
      for (const path of ['/releases/nope', '/releases/nope/events']) {
        const res = await request(app).get(path).set('Authorization', asAlice);
        expect(res.status).toBe(404);
      }
    });
  });

  describe('PATCH /releases/:id', () => {
    it('updates with the current revision and records what changed', async () => {
      const { app, auditor } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({
          revision: 1,
          title: 'Checkout 4.0.1',
          entityRefs: ['component:cart-service'],
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Checkout 4.0.1',
        revision: 2,
        entityRefs: ['component:default/cart-service'],
      });
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({
          eventId: 'release-update',
          meta: { releaseId: release.id },
        }),
      );

      const stale = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({ revision: 1, title: 'Lost update' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toBe(
        'Release "Checkout 4.0.1" is at revision 2, not 1; reload it and try again',
      );
      expectPlainWords(stale.body.error.message, res.body);

      const events = await request(app)
        .get(`/releases/${release.id}/events`)
        .set('Authorization', asAlice);
      expect(events.body.items).toEqual([
        expect.objectContaining({ action: 'created', actorRef: ALICE }),
        expect.objectContaining({
          action: 'updated',
          actorRef: ALICE,
          changes: [
            { field: 'title', before: 'Checkout 4.0', after: 'Checkout 4.0.1' },
            {
              field: 'entityRefs',
              before: ['component:default/checkout-service'],
              after: ['component:default/cart-service'],
            },
          ],
        }),
      ]);
    });

    it.each([
      [{ revision: 1 }, /at least one field/],
      [{ title: 'x' }, /^revision:/],
      [
        { revision: 1, entityRefs: ['component:ghost'] },
        /component:default\/ghost/,
      ],
      [{ revision: 1, state: 'released' }, /unknown field\(s\): state/],
    ])('rejects %j with 400', async (body, message) => {
      const { app } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('answers 404, 403 for non-members and 409 for finished releases', async () => {
      const { app } = await createApp();
      const missing = await request(app)
        .patch('/releases/nope')
        .set('Authorization', asAlice)
        .send({ revision: 1, title: 'x' });
      expect(missing.status).toBe(404);

      const release = await createRelease(app);
      const hidden = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asMallory)
        .send({ revision: 1, title: 'Mine now' });
      expect(hidden.status).toBe(404);
      const planned = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'planned' });
      const foreign = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asMallory)
        .send({ revision: planned.body.revision, title: 'Mine now' });
      expect(foreign.status).toBe(403);

      const cancelled = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'cancelled' });
      const finished = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({ revision: cancelled.body.revision, title: 'Too late' });
      expect(finished.status).toBe(409);
      expect(finished.body.error.message).toMatch(/"cancelled"/);
    });

    it('answers 403 when the permission policy denies the update', async () => {
      const { app, store } = await createApp({
        permission: AuthorizeResult.DENY,
      });
      const now = new Date().toISOString();
      const release = await store.createRelease(
        {
          id: 'r1',
          title: 'T',
          version: '1',
          type: 'normal',
          // not a draft: a denied read would hide a draft (404)
          state: 'planned',
          window: { start: now, end: now },
          entityRefs: ['component:default/checkout-service'],
          ownerRef: 'group:default/team-a',
          description: '',
          changes: [],
          createdBy: ALICE,
          createdAt: now,
          updatedAt: now,
          revision: 1,
        },
        [],
      );
      const patch = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({ revision: 1, title: 'x' });
      expect(patch.status).toBe(403);
      const transition = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'approved' });
      expect(transition.status).toBe(403);
    });
  });

  describe('POST /releases/:id/transition', () => {
    it('moves a release along its lifecycle and records the reason', async () => {
      const { app, auditEvent } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'planned', reason: 'Scope agreed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'planned', revision: 2 });
      expect(auditEvent.success).toHaveBeenLastCalledWith({
        meta: { releaseId: release.id, revision: 2, state: 'planned' },
      });

      const events = await request(app)
        .get(`/releases/${release.id}/events`)
        .set('Authorization', asAlice);
      expect(events.body.items[1]).toMatchObject({
        action: 'transitioned',
        actorRef: ALICE,
        reason: 'Scope agreed',
        changes: [{ field: 'state', before: 'draft', after: 'planned' }],
      });
    });

    it('rejects transitions the lifecycle does not allow with 409 naming both states', async () => {
      const { app } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'released' });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        'Cannot move release from "draft" to "released"',
      );
    });

    it.each([
      [{ to: 'done' }, /^to:/],
      [{}, /^to:/],
      [{ to: 'planned', reason: '' }, /^reason:/],
    ])('rejects %j with 400', async (body, message) => {
      const { app } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('rejects non-members with 403 (404 while it is a draft)', async () => {
      const { app } = await createApp();
      const release = await createRelease(app);
      const hidden = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asMallory)
        .send({ to: 'planned' });
      expect(hidden.status).toBe(404);
      await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'planned' })
        .expect(200);
      const res = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asMallory)
        .send({ to: 'cancelled' });
      expect(res.status).toBe(403);
    });
  });
});
