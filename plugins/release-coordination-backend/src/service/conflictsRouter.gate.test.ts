import request from 'supertest';
import {
  ALICE,
  approve,
  asAlice,
  asMallory,
  asPipeline,
  createApp,
  freeze,
  kindsOf,
  post,
  window,
} from './__testUtils__/conflictRoutesApp';

jest.setTimeout(30_000);

describe('conflict routes', () => {
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

    it('is prevented by a draft it follows, not by a draft that follows it', async () => {
      const { app } = await createApp();
      const predecessor = await post(app, {
        title: 'Ledger 1.0',
        window: window('08T10:30', '08T12:30'),
      });
      const a = await post(app, { after: [predecessor.id] });
      await approve(app, a);
      await post(app, {
        title: 'Payments 2.1',
        after: [a.id],
        window: window('08T11:30', '08T13:00'),
      });
      const res = await request(app)
        .get(
          '/gate?entityRef=component:payments-service&at=2026-12-08T11:00:00Z',
        )
        .set('Authorization', asPipeline);
      expect(res.body.allowed).toBe(false);
      expect([...res.body.reasons].sort()).toEqual([
        expect.stringMatching(
          /^Blocking ordering conflict of release "Payments 2.0": Release "Payments 2.0" must follow "Ledger 1.0"/,
        ),
        expect.stringMatching(
          /^Blocking same-entity conflict of release "Payments 2.0": Releases "Payments 2.0" .* and "Ledger 1.0"/,
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
