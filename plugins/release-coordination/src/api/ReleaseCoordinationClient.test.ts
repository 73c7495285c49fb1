import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { Freeze, Release } from '@internal/plugin-release-coordination-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReleaseCoordinationClient } from './ReleaseCoordinationClient';

const baseUrl = 'http://localhost:7007/api/release-coordination';

const release: Release = {
  id: 'r1',
  title: 'Payments 2.1',
  version: '2.1.0',
  type: 'normal',
  state: 'draft',
  window: {
    start: '2026-12-01T09:00:00.000Z',
    end: '2026-12-01T11:00:00.000Z',
  },
  entityRefs: ['component:default/payments-api'],
  ownerRef: 'group:default/payments',
  description: '',
  changes: [],
  createdBy: 'user:default/alice',
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  revision: 1,
};

describe('ReleaseCoordinationClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new ReleaseCoordinationClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });

  it('lists releases with repeatable query parameters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${baseUrl}/releases`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ items: [release], nextCursor: 'c2' });
      }),
    );

    const page = await client.listReleases({
      entityRef: ['component:default/a', 'api:default/b'],
      state: ['draft', 'planned'],
      from: '2026-01-01T00:00:00.000Z',
      order: 'asc',
      limit: 20,
      cursor: undefined,
    });

    expect(page).toEqual({ items: [release], nextCursor: 'c2' });
    expect(url!.searchParams.getAll('entityRef')).toEqual([
      'component:default/a',
      'api:default/b',
    ]);
    expect(url!.searchParams.getAll('state')).toEqual(['draft', 'planned']);
    expect(url!.searchParams.get('from')).toBe('2026-01-01T00:00:00.000Z');
    expect(url!.searchParams.get('order')).toBe('asc');
    expect(url!.searchParams.get('limit')).toBe('20');
    expect(url!.searchParams.has('cursor')).toBe(false);
  });

  it('lists without a query string when there are no filters', async () => {
    let search: string | undefined;
    server.use(
      http.get(`${baseUrl}/releases`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ items: [] });
      }),
    );
    await expect(client.listReleases()).resolves.toEqual({ items: [] });
    expect(search).toBe('');
  });

  it('creates a release posting JSON', async () => {
    let body: unknown;
    let contentType: string | null = null;
    server.use(
      http.post(`${baseUrl}/releases`, async ({ request }) => {
        body = await request.json();
        contentType = request.headers.get('content-type');
        return HttpResponse.json(release, { status: 201 });
      }),
    );
    const request = {
      title: 'Payments 2.1',
      version: '2.1.0',
      type: 'normal' as const,
      window: release.window,
      entityRefs: ['component:default/payments-api'],
    };
    await expect(client.createRelease(request)).resolves.toEqual(release);
    expect(body).toEqual(request);
    expect(contentType).toBe('application/json');
  });

  it('gets, updates and transitions a release by encoded id', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.get(`${baseUrl}/releases/a%2Fb`, () => HttpResponse.json(release)),
      http.patch(`${baseUrl}/releases/r1`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ ...release, title: 'New', revision: 2 });
      }),
      http.post(`${baseUrl}/releases/r1/transition`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ ...release, state: 'planned' });
      }),
    );

    await expect(client.getRelease('a/b')).resolves.toEqual(release);
    await expect(
      client.updateRelease('r1', { revision: 1, title: 'New' }),
    ).resolves.toMatchObject({ title: 'New', revision: 2 });
    await expect(
      client.transitionRelease('r1', { to: 'planned', reason: 'ready' }),
    ).resolves.toMatchObject({ state: 'planned' });
    expect(bodies).toEqual([
      { revision: 1, title: 'New' },
      { to: 'planned', reason: 'ready' },
    ]);
  });

  it('lists the events of a release', async () => {
    const event = {
      id: 'e1',
      releaseId: 'r1',
      action: 'created',
      actorRef: 'user:default/alice',
      createdAt: release.createdAt,
      changes: [],
    };
    server.use(
      http.get(`${baseUrl}/releases/r1/events`, () =>
        HttpResponse.json({ items: [event] }),
      ),
    );
    await expect(client.listReleaseEvents('r1')).resolves.toEqual([event]);
  });

  it('lists freeze occurrences of a range and entities', async () => {
    const occurrence = {
      freezeId: 'f1',
      title: 'Year-end freeze',
      start: '2026-12-20T00:00:00.000Z',
      end: '2027-01-04T00:00:00.000Z',
      scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
      exemptTypes: ['emergency'],
    };
    let url: URL | undefined;
    server.use(
      http.get(`${baseUrl}/freeze-occurrences`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ items: [occurrence] });
      }),
    );
    await expect(
      client.listFreezeOccurrences({
        from: '2026-12-01T00:00:00.000Z',
        to: '2027-01-01T00:00:00.000Z',
        entityRef: ['component:default/a', 'system:default/b'],
      }),
    ).resolves.toEqual([occurrence]);
    expect(url!.searchParams.get('from')).toBe('2026-12-01T00:00:00.000Z');
    expect(url!.searchParams.get('to')).toBe('2027-01-01T00:00:00.000Z');
    expect(url!.searchParams.getAll('entityRef')).toEqual([
      'component:default/a',
      'system:default/b',
    ]);
  });

  it('rejects freeze occurrences with a 404 on backends without freezes', async () => {
    server.use(
      http.get(`${baseUrl}/freeze-occurrences`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'Not found' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client
      .listFreezeOccurrences({
        from: '2026-12-01T00:00:00.000Z',
        to: '2027-01-01T00:00:00.000Z',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
  });

  describe('freezes', () => {
    const freeze: Freeze = {
      id: 'f1',
      title: 'Weekend freeze',
      description: '',
      scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
      start: '2026-11-27T15:00:00.000Z',
      end: '2026-11-30T07:00:00.000Z',
      recurrence: {
        rrule: 'FREQ=WEEKLY;BYDAY=FR',
        timezone: 'Europe/Berlin',
        exdates: [],
      },
      exemptTypes: ['emergency', 'security'],
      createdBy: 'user:default/alice',
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:00:00.000Z',
      revision: 1,
    };

    it('lists freezes a page at a time', async () => {
      let url: URL | undefined;
      server.use(
        http.get(`${baseUrl}/freezes`, ({ request }) => {
          url = new URL(request.url);
          return HttpResponse.json({ items: [freeze], nextCursor: 'n' });
        }),
      );
      await expect(
        client.listFreezes({ limit: 100, cursor: 'c1' }),
      ).resolves.toEqual({ items: [freeze], nextCursor: 'n' });
      expect(url!.searchParams.get('limit')).toBe('100');
      expect(url!.searchParams.get('cursor')).toBe('c1');
    });

    it('gets, creates, updates and ends freezes', async () => {
      const calls: Array<{ method: string; path: string; body?: unknown }> = [];
      const record = async ({ request }: { request: Request }) => {
        calls.push({
          method: request.method,
          path: new URL(request.url).pathname.replace(
            '/api/release-coordination',
            '',
          ),
          body: request.method === 'GET' ? undefined : await request.json(),
        });
        return HttpResponse.json(freeze, {
          status:
            request.method === 'POST' && !request.url.endsWith('/end')
              ? 201
              : 200,
        });
      };
      server.use(
        http.get(`${baseUrl}/freezes/a%2Fb`, record),
        http.post(`${baseUrl}/freezes`, record),
        http.patch(`${baseUrl}/freezes/f1`, record),
        http.post(`${baseUrl}/freezes/f1/end`, record),
      );
      const create = {
        title: 'Weekend freeze',
        scope: { all: true },
        start: freeze.start,
        end: freeze.end,
        recurrence: {
          rrule: 'FREQ=WEEKLY;BYDAY=FR',
          timezone: 'Europe/Berlin',
        },
      };
      await expect(client.getFreeze('a/b')).resolves.toEqual(freeze);
      await expect(client.createFreeze(create)).resolves.toEqual(freeze);
      await expect(
        client.updateFreeze('f1', { revision: 1, title: 'Weekends' }),
      ).resolves.toEqual(freeze);
      await expect(
        client.endFreeze('f1', { reason: 'Incident over' }),
      ).resolves.toEqual(freeze);
      await expect(client.endFreeze('f1')).resolves.toEqual(freeze);
      expect(calls).toEqual([
        { method: 'GET', path: '/freezes/a%2Fb', body: undefined },
        { method: 'POST', path: '/freezes', body: create },
        {
          method: 'PATCH',
          path: '/freezes/f1',
          body: { revision: 1, title: 'Weekends' },
        },
        {
          method: 'POST',
          path: '/freezes/f1/end',
          body: { reason: 'Incident over' },
        },
        { method: 'POST', path: '/freezes/f1/end', body: {} },
      ]);
    });

    it('deletes a freeze, accepting an empty 204', async () => {
      let deleted = false;
      server.use(
        http.delete(`${baseUrl}/freezes/f1`, () => {
          deleted = true;
          return new HttpResponse(null, { status: 204 });
        }),
      );
      await expect(client.deleteFreeze('f1')).resolves.toBeUndefined();
      expect(deleted).toBe(true);
    });

    it('rejects a stale update with a 409 ResponseError', async () => {
      server.use(
        http.patch(`${baseUrl}/freezes/f1`, () =>
          HttpResponse.json(
            {
              error: { name: 'ConflictError', message: 'stale revision 1' },
              response: { statusCode: 409 },
            },
            { status: 409 },
          ),
        ),
      );
      const error = await client
        .updateFreeze('f1', { revision: 1, title: 'x' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(409);
      expect(error.cause.message).toBe('stale revision 1');
    });
  });

  it.each([
    [400, 'InputError', 'title: Too small'],
    [403, 'NotAllowedError', 'not a member of group:default/payments'],
    [404, 'NotFoundError', 'no release r1'],
    [409, 'ConflictError', 'cannot move from draft to released'],
  ])('throws a ResponseError on %s', async (status, name, message) => {
    server.use(
      http.post(`${baseUrl}/releases/r1/transition`, () =>
        HttpResponse.json(
          { error: { name, message }, response: { statusCode: status } },
          { status },
        ),
      ),
    );
    const error = await client
      .transitionRelease('r1', { to: 'released' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(status);
    expect(error.cause).toMatchObject({ name, message });
  });
});
