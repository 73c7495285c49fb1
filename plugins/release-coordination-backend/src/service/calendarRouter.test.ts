import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Freeze,
  RELEASE_STATES,
  Release,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import { sync as ical, VEvent } from 'node-ical';
import request from 'supertest';
import { expandOccurrences } from '../freezes/occurrences';
import { readFeed } from '../ical/__testUtils__/feedOccurrences';
import {
  NOW,
  createPlanningServices,
  entity,
  releaseSeeder,
  routerTestDatabase,
  testApp,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';

jest.setTimeout(30_000);

const db = routerTestDatabase();

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

const entities: Entity[] = [
  entity('System', 'payments', { owner: 'team-pay' }),
  entity(
    'Component',
    'payments-service',
    { owner: 'team-pay', system: 'payments' },
    [['partOf', 'system:default/payments']],
  ),
  entity('Component', 'tool', { owner: 'team-tools' }),
  entity('Group', 'team-pay'),
  entity('User', 'alice', {}, [['memberOf', 'group:default/team-pay']]),
  entity('User', 'bob', {}, [['memberOf', 'group:default/team-tools']]),
];

async function createApp() {
  const { knex, database, releaseStore } = await db.init();
  const catalog = catalogServiceMock({ entities });
  const userInfo = mockServices.userInfo({
    ownershipEntityRefs: [ALICE, 'group:default/team-pay'],
  });
  const { releases, calendar, stores } = await createPlanningServices({
    database,
    catalog,
    userInfo,
    app: { baseUrl: 'https://portal.example.com/' },
  });
  const { freezeStore } = stores;
  const router = await createRouter({
    releases,
    calendar,
    userInfo,
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user(ALICE),
    }),
    auditor: mockServices.auditor.mock(),
  });
  const app = testApp(router);

  const seed = releaseSeeder(releaseStore, {
    createdBy: ALICE,
    now: NOW,
    version: n => `1.${n}.0`,
  });
  const addRelease = (state: ReleaseState, parts: Partial<Release> = {}) =>
    seed({ state, ...parts });
  return { app, knex, freezeStore, addRelease };
}

/** A freeze every weekend, Friday 16:00 to Monday 08:00 Berlin time, from 27 November 2026. */
const weekendFreeze = (patch: Partial<Freeze>): Freeze => ({
  id: 'f1',
  title: 'Weekend freeze',
  description: '',
  scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
  start: '2026-11-27T15:00:00.000Z',
  end: '2026-11-30T07:00:00.000Z',
  exemptTypes: [],
  createdBy: ALICE,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  revision: 1,
  ...patch,
});

const events = (text: string) =>
  Object.values(ical.parseICS(text)).filter(
    (c): c is VEvent => c?.type === 'VEVENT',
  );

describe('calendar routes', () => {
  it('serves releases and freezes as RFC 5545, parsed back by node-ical', async () => {
    const { app, addRelease, freezeStore } = await createApp();
    const releases = [];
    for (const state of RELEASE_STATES) {
      releases.push(await addRelease(state));
    }
    await addRelease('approved', {
      window: {
        start: '2024-01-01T10:00:00.000Z',
        end: '2024-01-01T12:00:00.000Z',
      },
    }); // long past: not in the range
    await freezeStore.createFreeze(
      weekendFreeze({
        id: 'f1',
        recurrence: {
          rrule: 'FREQ=WEEKLY;BYDAY=FR',
          timezone: 'Europe/Berlin',
          exdates: ['2026-12-25T15:00:00.000Z'],
        },
        exemptTypes: ['emergency'],
      }),
    );

    const first = await request(app).get('/calendar.ics');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(first.text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\n/);
    expect(first.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    const second = await request(app).get('/calendar.ics');

    const parsed = events(first.text);
    const uids = parsed.map(e => e.uid).sort();
    expect(
      events(second.text)
        .map(e => e.uid)
        .sort(),
    ).toEqual(uids);
    expect(uids).toEqual(
      [
        ...releases.map(r => `${r.id}@release-coordination`),
        'freeze-f1@release-coordination',
      ].sort(),
    );

    const byUid = new Map(parsed.map(e => [e.uid, e]));
    const expected: Record<ReleaseState, string> = {
      draft: 'TENTATIVE',
      planned: 'TENTATIVE',
      approved: 'CONFIRMED',
      in_progress: 'CONFIRMED',
      released: 'CONFIRMED',
      verified: 'CONFIRMED',
      rolling_back: 'CONFIRMED',
      cancelled: 'CANCELLED',
      rolled_back: 'CANCELLED',
    };
    for (const release of releases) {
      const event = byUid.get(`${release.id}@release-coordination`)!;
      expect(event.status).toBe(expected[release.state]);
      expect(event.summary).toBe(`${release.title} ${release.version}`);
      expect(new Date(event.start!).toISOString()).toBe(release.window.start);
      expect(new Date(event.end!).toISOString()).toBe(release.window.end);
      expect(event.description).toContain(`State: ${release.state}`);
      expect(event.description).toContain(
        `https://portal.example.com/release-coordination/releases/${release.id}`,
      );
    }
    // releases in UTC
    expect(first.text).toContain('DTSTART:20261201T100000Z');

    const freeze = byUid.get('freeze-f1@release-coordination')!;
    expect(freeze.summary).toBe('Freeze: Weekend freeze');
    expect(freeze.rrule?.toString()).toContain('FREQ=WEEKLY;BYDAY=FR');
    expect(first.text).toContain('DTSTART;TZID=Europe/Berlin:20261127T160000');
    expect(first.text).toContain('EXDATE;TZID=Europe/Berlin:20261225T160000');
    expect(
      Object.values(freeze.exdate ?? {}).map(d => new Date(d).toISOString()),
    ).toContain('2026-12-25T15:00:00.000Z');
  });

  it('serves valid RFC 5545 for a COUNT freeze ended early, read back by ical.js', async () => {
    const { app, freezeStore } = await createApp();
    await freezeStore.createFreeze(
      weekendFreeze({
        id: 'f2',
        recurrence: {
          rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=5',
          timezone: 'Europe/Berlin',
          exdates: [],
        },
      }),
    );
    // ended during the second weekend
    const stored = await freezeStore.updateFreeze({
      id: 'f2',
      revision: 1,
      fields: { endedAt: '2026-12-05T12:00:00.000Z', endReason: 'done early' },
      updatedAt: '2026-12-05T12:00:00.000Z',
    });

    const res = await request(app).get('/calendar.ics');
    expect(res.status).toBe(200);
    expect(res.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const feed = readFeed(res.text);
    expect(feed.rules).toHaveLength(1);
    expect(feed.rules[0]).not.toMatch(/COUNT=/);
    expect(feed.rules[0]).toMatch(/UNTIL=20261205T115959Z/);
    const from = new Date('2026-11-01T00:00:00Z');
    const to = new Date('2027-02-01T00:00:00Z');
    const expected = expandOccurrences(stored, from, to).map(o => ({
      start: o.start.toISOString(),
      end: o.end.toISOString(),
    }));
    expect(expected).toHaveLength(2);
    expect(
      feed.occurrences('freeze-f2@release-coordination', from, to),
    ).toEqual(expected);
  });

  it('filters by entity, system and owner, and rejects unknown filters', async () => {
    const { app, addRelease } = await createApp();
    const pay = await addRelease('planned');
    const tool = await addRelease('planned', {
      entityRefs: ['component:default/tool'],
      ownerRef: 'group:default/team-tools',
    });
    const uidsOf = async (query: string) =>
      events((await request(app).get(`/calendar.ics?${query}`)).text).map(
        e => e.uid,
      );
    expect(await uidsOf('system=system:default/payments')).toEqual([
      `${pay.id}@release-coordination`,
    ]);
    expect(await uidsOf('entityRef=component:tool')).toEqual([
      `${tool.id}@release-coordination`,
    ]);
    expect(await uidsOf('owner=group:default/team-tools')).toEqual([
      `${tool.id}@release-coordination`,
    ]);
    const bad = await request(app).get('/calendar.ics?colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/unknown field\(s\): colour/);
    expect(
      (
        await request(app)
          .get('/calendar.ics')
          .set('Authorization', mockCredentials.none.header())
      ).status,
    ).toBe(401);
  });

  describe('personal feeds', () => {
    it('returns the token once, stores only its hash, serves the feed by token and revokes it', async () => {
      const { app, knex, addRelease } = await createApp();
      const draft = await addRelease('draft');
      const planned = await addRelease('planned');

      const created = await request(app)
        .post('/calendar-feeds')
        .set('Authorization', mockCredentials.user.header(ALICE))
        .send({ filters: { system: 'payments' } });
      expect(created.status).toBe(201);
      const { id, token, url } = created.body;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(url).toBe(
        `http://localhost:0/api/release-coordination/calendar-feeds/${id}/calendar.ics?token=${token}`,
      );
      expect(created.body.filters).toEqual({
        system: 'system:default/payments',
      });

      // stored hashed
      const rows = await knex('calendar_feeds').select();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

      // listed without the token
      const listed = await request(app)
        .get('/calendar-feeds')
        .set('Authorization', mockCredentials.user.header(ALICE));
      expect(listed.body.items).toEqual([
        {
          id,
          filters: { system: 'system:default/payments' },
          createdAt: NOW.toISOString(),
        },
      ]);
      expect(
        (
          await request(app)
            .get('/calendar-feeds')
            .set('Authorization', mockCredentials.user.header(BOB))
        ).body.items,
      ).toEqual([]);

      // served without a Backstage token; alice sees her group's draft
      const feed = await request(app)
        .get(`/calendar-feeds/${id}/calendar.ics`)
        .query({ token })
        .set('Authorization', mockCredentials.none.header());
      expect(feed.status).toBe(200);
      expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(
        events(feed.text)
          .map(e => e.uid)
          .sort(),
      ).toEqual(
        [draft.id, planned.id].map(r => `${r}@release-coordination`).sort(),
      );

      // a wrong token, a feed that does not exist, no token
      const wrong = await request(app)
        .get(`/calendar-feeds/${id}/calendar.ics`)
        .query({ token: `${token.slice(0, -1)}x` });
      expect(wrong.status).toBe(404);
      const unknown = await request(app)
        .get(
          '/calendar-feeds/00000000-0000-4000-8000-000000000000/calendar.ics',
        )
        .query({ token });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(wrong.body.error.message);
      expect(
        (await request(app).get(`/calendar-feeds/${id}/calendar.ics`)).status,
      ).toBe(400);

      // only its owner may revoke it
      expect(
        (
          await request(app)
            .delete(`/calendar-feeds/${id}`)
            .set('Authorization', mockCredentials.user.header(BOB))
        ).status,
      ).toBe(404);
      expect(
        (
          await request(app)
            .delete(`/calendar-feeds/${id}`)
            .set('Authorization', mockCredentials.user.header(ALICE))
        ).status,
      ).toBe(204);
      expect(
        (
          await request(app)
            .get(`/calendar-feeds/${id}/calendar.ics`)
            .query({ token })
        ).status,
      ).toBe(404);
    });

    it('hides drafts from users outside the owner group', async () => {
      const { app, addRelease } = await createApp();
      await addRelease('draft');
      const planned = await addRelease('planned');
      const created = await request(app)
        .post('/calendar-feeds')
        .set('Authorization', mockCredentials.user.header(BOB))
        .send({});
      expect(created.status).toBe(201);
      const feed = await request(app)
        .get(`/calendar-feeds/${created.body.id}/calendar.ics`)
        .query({ token: created.body.token });
      expect(events(feed.text).map(e => e.uid)).toEqual([
        `${planned.id}@release-coordination`,
      ]);
    });

    it('refuses filters sent as text/plain with 415 instead of creating an unfiltered feed', async () => {
      const { app } = await createApp();
      const res = await request(app)
        .post('/calendar-feeds')
        .set('Authorization', mockCredentials.user.header(BOB))
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ filters: { system: 'payments' } }));
      expect(res.status).toBe(415);
      const listed = await request(app)
        .get('/calendar-feeds')
        .set('Authorization', mockCredentials.user.header(BOB));
      expect(listed.body.items).toEqual([]);
    });

    it('demands a user for managing feeds', async () => {
      const { app } = await createApp();
      for (const [method, path] of [
        ['get', '/calendar-feeds'],
        ['post', '/calendar-feeds'],
        ['delete', '/calendar-feeds/x'],
      ] as const) {
        const res = await request(app)
          [method](path)
          .set('Authorization', mockCredentials.none.header())
          .send({});
        expect(res.status).toBe(401);
      }
      const service = await request(app)
        .post('/calendar-feeds')
        .set('Authorization', mockCredentials.service.header())
        .send({});
      expect(service.status).toBe(403);
    });
  });
});
