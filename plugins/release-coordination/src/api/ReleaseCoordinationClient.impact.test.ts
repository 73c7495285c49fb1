import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  makeImpactReport,
  makeUpcomingImpact,
} from '../__fixtures__/impactFixtures';
import { ReleaseCoordinationClient } from './ReleaseCoordinationClient';

const baseUrl = 'http://localhost:7007/api/release-coordination';

describe('ReleaseCoordinationClient: impact and risk', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new ReleaseCoordinationClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });
  const report = makeImpactReport();

  it('posts a plan to /impact', async () => {
    let body: unknown;
    server.use(
      http.post(`${baseUrl}/impact`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(report);
      }),
    );
    const request = {
      entityRefs: ['component:default/payments-api'],
      changes: [{ kind: 'breaking' as const, title: 'Drop v1' }],
      maxDepth: 3,
    };
    await expect(client.getImpact(request)).resolves.toEqual(report);
    expect(body).toEqual(request);
  });

  it('gets the impact of a release with an optional depth', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/releases/a%2Fb/impact`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(report);
      }),
    );
    await expect(client.getReleaseImpact('a/b')).resolves.toEqual(report);
    await expect(
      client.getReleaseImpact('a/b', { maxDepth: 2 }),
    ).resolves.toEqual(report);
    expect(urls.map(u => u.search)).toEqual(['', '?maxDepth=2']);
  });

  it('sets and removes a risk override', async () => {
    const calls: Array<{ method: string; body?: unknown }> = [];
    server.use(
      http.post(`${baseUrl}/releases/r1/risk-override`, async ({ request }) => {
        calls.push({ method: 'POST', body: await request.json() });
        return HttpResponse.json(report.risk);
      }),
      http.delete(`${baseUrl}/releases/r1/risk-override`, () => {
        calls.push({ method: 'DELETE' });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await expect(
      client.overrideRisk('r1', { level: 'low', reason: 'Dark launch' }),
    ).resolves.toBeUndefined();
    await expect(client.clearRiskOverride('r1')).resolves.toBeUndefined();
    expect(calls).toEqual([
      { method: 'POST', body: { level: 'low', reason: 'Dark launch' } },
      { method: 'DELETE' },
    ]);
  });

  it('rejects a risk override by a non-owner with a 403', async () => {
    server.use(
      http.post(`${baseUrl}/releases/r1/risk-override`, () =>
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
      .overrideRisk('r1', { level: 'low', reason: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });

  it('lists the upcoming impact of a system in a range', async () => {
    const item = makeUpcomingImpact();
    let url: URL | undefined;
    server.use(
      http.get(`${baseUrl}/impact/upcoming`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ items: [item] });
      }),
    );
    await expect(
      client.listUpcomingImpact({
        system: 'system:default/shop',
        from: '2030-01-01T00:00:00.000Z',
      }),
    ).resolves.toEqual([item]);
    expect(url!.searchParams.get('system')).toBe('system:default/shop');
    expect(url!.searchParams.get('from')).toBe('2030-01-01T00:00:00.000Z');
    expect(url!.searchParams.has('domain')).toBe(false);
    await client.listUpcomingImpact();
    expect(url!.search).toBe('');
  });
});
