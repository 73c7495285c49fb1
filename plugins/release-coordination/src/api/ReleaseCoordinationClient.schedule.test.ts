import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReleaseCoordinationClient } from './ReleaseCoordinationClient';

const baseUrl = 'http://localhost:7007/api/release-coordination';

describe('ReleaseCoordinationClient: conflicts, slots, trains and feeds', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new ReleaseCoordinationClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });

  it('lists conflicts of a range and entities', async () => {
    let url: URL | undefined;
    const conflict = {
      id: 'c1',
      kind: 'freeze',
      severity: 'blocking',
      releaseIds: ['r1'],
      entityRefs: ['component:default/a'],
      message: 'in a freeze',
      suggestion: 'move it',
    };
    server.use(
      http.get(`${baseUrl}/conflicts`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ items: [conflict], nextCursor: 'next' });
      }),
    );
    await expect(
      client.listConflicts({
        from: '2030-01-01T00:00:00.000Z',
        to: '2030-02-01T00:00:00.000Z',
        entityRef: ['component:default/a', 'component:default/b'],
        limit: 100,
        cursor: 'previous',
      }),
    ).resolves.toEqual({ items: [conflict], nextCursor: 'next' });
    expect(url!.searchParams.get('from')).toBe('2030-01-01T00:00:00.000Z');
    expect(url!.searchParams.get('limit')).toBe('100');
    expect(url!.searchParams.get('cursor')).toBe('previous');
    expect(url!.searchParams.getAll('entityRef')).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
  });

  it('asks for slots', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${baseUrl}/slots`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          items: [
            { start: '2030-01-02T09:00:00.000Z', end: '2030-01-02T11:00:00Z' },
          ],
        });
      }),
    );
    const slots = await client.suggestSlots({
      entityRef: ['component:default/a'],
      duration: 'PT2H',
      type: 'normal',
      count: 5,
    });
    expect(slots).toHaveLength(1);
    expect(url!.searchParams.getAll('entityRef')).toEqual([
      'component:default/a',
    ]);
    expect(url!.searchParams.get('duration')).toBe('PT2H');
    expect(url!.searchParams.get('type')).toBe('normal');
    expect(url!.searchParams.get('count')).toBe('5');
    expect(url!.searchParams.has('after')).toBe(false);
  });

  it('overrides and clears freeze overrides', async () => {
    let body: unknown;
    const methods: string[] = [];
    server.use(
      http.post(
        `${baseUrl}/releases/r%201/freeze-override`,
        async ({ request }) => {
          methods.push('POST');
          body = await request.json();
          return HttpResponse.json({ id: 'r 1' });
        },
      ),
      http.delete(`${baseUrl}/releases/r%201/freeze-override`, () => {
        methods.push('DELETE');
        return HttpResponse.json({ id: 'r 1' });
      }),
    );
    await expect(
      client.overrideFreeze('r 1', { reason: 'hotfix for a bank' }),
    ).resolves.toEqual({ id: 'r 1' });
    expect(body).toEqual({ reason: 'hotfix for a bank' });
    await expect(client.clearFreezeOverride('r 1')).resolves.toEqual({
      id: 'r 1',
    });
    expect(methods).toEqual(['POST', 'DELETE']);
  });

  it('rejects a forbidden override with a ResponseError', async () => {
    server.use(
      http.post(`${baseUrl}/releases/r1/freeze-override`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'not an owner' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const error = await client
      .overrideFreeze('r1', { reason: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });

  it('lists trains, their slots and stats, and books a slot', async () => {
    const urls: URL[] = [];
    let body: unknown;
    server.use(
      http.get(`${baseUrl}/trains`, () =>
        HttpResponse.json({ items: [{ id: 't1', name: 'Commerce train' }] }),
      ),
      http.get(`${baseUrl}/trains/t1/slots`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({ items: [{ trainId: 't1' }] });
      }),
      http.get(`${baseUrl}/trains/t1/stats`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({ trainId: 't1', rode: 3 });
      }),
      http.post(`${baseUrl}/releases/r1/train-slot`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ booking: {}, release: { id: 'r1' } });
      }),
    );
    expect(await client.listTrains()).toEqual([
      { id: 't1', name: 'Commerce train' },
    ]);
    expect(await client.listTrainSlots('t1', { count: 3 })).toEqual([
      { trainId: 't1' },
    ]);
    expect(
      await client.getTrainStats('t1', {
        from: '2030-01-01T00:00:00.000Z',
        to: '2030-02-01T00:00:00.000Z',
      }),
    ).toEqual({ trainId: 't1', rode: 3 });
    expect(urls[0].searchParams.get('count')).toBe('3');
    expect(urls[1].searchParams.get('to')).toBe('2030-02-01T00:00:00.000Z');
    const booked = await client.bookTrainSlot('r1', {
      trainId: 't1',
      slotStart: '2030-01-07T09:00:00.000Z',
    });
    expect(booked.release).toEqual({ id: 'r1' });
    expect(body).toEqual({
      trainId: 't1',
      slotStart: '2030-01-07T09:00:00.000Z',
    });
  });

  it('creates, lists and revokes calendar feeds', async () => {
    let body: unknown;
    let deleted = false;
    server.use(
      http.get(`${baseUrl}/calendar-feeds`, () =>
        HttpResponse.json({ items: [{ id: 'feed1' }] }),
      ),
      http.post(`${baseUrl}/calendar-feeds`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          { id: 'feed2', url: 'https://x/feed.ics?token=t' },
          { status: 201 },
        );
      }),
      http.delete(`${baseUrl}/calendar-feeds/feed1`, () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    expect(await client.listCalendarFeeds()).toEqual([{ id: 'feed1' }]);
    expect(
      await client.createCalendarFeed({ system: 'system:default/payments' }),
    ).toEqual({ id: 'feed2', url: 'https://x/feed.ics?token=t' });
    expect(body).toEqual({ filters: { system: 'system:default/payments' } });
    await expect(client.deleteCalendarFeed('feed1')).resolves.toBeUndefined();
    expect(deleted).toBe(true);
  });

  it('downloads the iCalendar file with the filters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${baseUrl}/calendar.ics`, ({ request }) => {
        url = new URL(request.url);
        return new HttpResponse('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', {
          headers: { 'Content-Type': 'text/calendar' },
        });
      }),
    );
    const blob = await client.getCalendarIcs({
      owner: 'group:default/payments',
    });
    expect(await blob.text()).toContain('BEGIN:VCALENDAR');
    expect(url!.searchParams.get('owner')).toBe('group:default/payments');
    expect(url!.searchParams.has('system')).toBe(false);
  });
});
