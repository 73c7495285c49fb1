import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeApprovals, makeReadiness } from '../__fixtures__/builders';
import { ReleaseCoordinationClient } from './ReleaseCoordinationClient';

const baseUrl = 'http://localhost:7007/api/release-coordination';

function errorBody(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

describe('ReleaseCoordinationClient: approvals and readiness', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new ReleaseCoordinationClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });

  it('gets the approvals of a release', async () => {
    const approvals = makeApprovals();
    server.use(
      http.get(`${baseUrl}/releases/a%2Fb/approvals`, () =>
        HttpResponse.json(approvals),
      ),
    );
    await expect(client.getReleaseApprovals('a/b')).resolves.toEqual(approvals);
  });

  it('posts a decision and returns the approvals (201)', async () => {
    let body: unknown;
    const approvals = makeApprovals({ complete: true, pending: [] });
    server.use(
      http.post(`${baseUrl}/releases/r1/approvals`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(approvals, { status: 201 });
      }),
    );
    await expect(
      client.decideReleaseApproval('r1', {
        decision: 'approve',
        comment: 'LGTM',
      }),
    ).resolves.toEqual(approvals);
    expect(body).toEqual({ decision: 'approve', comment: 'LGTM' });
  });

  it('rejects a decision with the 403 and 409 of the server', async () => {
    server.use(
      http.post(`${baseUrl}/releases/r1/approvals`, () =>
        errorBody(403, 'NotAllowedError', 'not a member'),
      ),
      http.post(`${baseUrl}/releases/r2/approvals`, () =>
        errorBody(409, 'ConflictError', 'decided already'),
      ),
    );
    const forbidden = await client
      .decideReleaseApproval('r1', { decision: 'reject', comment: 'No' })
      .catch(e => e);
    expect(forbidden).toBeInstanceOf(ResponseError);
    expect(forbidden.statusCode).toBe(403);
    const conflict = await client
      .decideReleaseApproval('r2', { decision: 'approve', comment: '' })
      .catch(e => e);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.cause.message).toBe('decided already');
  });

  it('withdraws a decision with the group ref URL-encoded', async () => {
    let path: string | undefined;
    const approvals = makeApprovals();
    server.use(
      http.delete(
        `${baseUrl}/releases/r1/approvals/:groupRef`,
        ({ request }) => {
          path = new URL(request.url).pathname;
          return HttpResponse.json(approvals);
        },
      ),
    );
    await expect(
      client.withdrawReleaseApproval('r1', 'group:default/payments'),
    ).resolves.toEqual(approvals);
    expect(path).toBe(
      '/api/release-coordination/releases/r1/approvals/group%3Adefault%2Fpayments',
    );
  });

  it('gets the readiness of a release', async () => {
    const readiness = makeReadiness();
    server.use(
      http.get(`${baseUrl}/releases/r1/readiness`, () =>
        HttpResponse.json(readiness),
      ),
    );
    await expect(client.getReleaseReadiness('r1')).resolves.toEqual(readiness);
  });

  it('checks a manual item with evidence', async () => {
    let body: unknown;
    let path: string | undefined;
    const readiness = makeReadiness();
    server.use(
      http.post(
        `${baseUrl}/releases/r1/readiness/items/:itemId`,
        async ({ request }) => {
          path = new URL(request.url).pathname;
          body = await request.json();
          return HttpResponse.json(readiness);
        },
      ),
    );
    await expect(
      client.checkReadinessItem('r1', 'rollback plan', {
        checked: true,
        evidence: 'https://example.com/plan',
      }),
    ).resolves.toEqual(readiness);
    expect(path).toBe(
      '/api/release-coordination/releases/r1/readiness/items/rollback%20plan',
    );
    expect(body).toEqual({
      checked: true,
      evidence: 'https://example.com/plan',
    });
  });

  it('asks for readiness verdicts in batches of at most 50 and concatenates them', async () => {
    const asked: string[][] = [];
    server.use(
      http.get(`${baseUrl}/readiness`, ({ request }) => {
        const ids = new URL(request.url).searchParams.getAll('releaseId');
        asked.push(ids);
        return HttpResponse.json({
          items: ids.map(releaseId => ({
            releaseId,
            verdict: 'ready',
            blocking: [],
          })),
        });
      }),
    );
    const ids = Array.from({ length: 60 }, (_, i) => `r${i}`);
    const verdicts = await client.getReadinessVerdicts(ids);
    expect(asked.map(batch => batch.length)).toEqual([50, 10]);
    expect(verdicts.map(v => v.releaseId)).toEqual(ids);
    await expect(client.getReadinessVerdicts([])).resolves.toEqual([]);
    expect(asked).toHaveLength(2);
  });

  it('rejects readiness verdicts with the error of the server', async () => {
    server.use(
      http.get(`${baseUrl}/readiness`, () =>
        errorBody(400, 'InputError', 'releaseId: too many'),
      ),
    );
    await expect(client.getReadinessVerdicts(['r1'])).rejects.toBeInstanceOf(
      ResponseError,
    );
  });
});
