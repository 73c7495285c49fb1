import { Slot } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import {
  PAYMENTS,
  asAlice,
  createApp,
  freeze,
  post,
  window,
} from './__testUtils__/conflictRoutesApp';

jest.setTimeout(30_000);

describe('conflict routes', () => {
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
});
