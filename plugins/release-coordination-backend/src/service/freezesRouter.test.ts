import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Freeze } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import {
  CAROL,
  asCarol,
  asPipeline,
  createApp,
  createFreeze,
  oneOff,
  weekend,
} from './__testUtils__/freezeRoutesApp';
import { NOW, requestWithoutCredentials } from './__testUtils__/routerTestKit';

jest.setTimeout(30_000);

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
});
