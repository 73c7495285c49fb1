import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  CAROL,
  asCarol,
  createApp,
  createFreeze,
  oneOff,
  weekend,
} from './__testUtils__/freezeRoutesApp';
import { NOW } from './__testUtils__/routerTestKit';

jest.setTimeout(30_000);

describe('freeze routes', () => {
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
});
