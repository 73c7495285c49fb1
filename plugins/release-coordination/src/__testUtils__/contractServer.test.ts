import { ResponseError } from '@backstage/errors';
import { makeReadiness, makeRelease } from '../__fixtures__/builders';
import { setupContractServer } from './contractServer';

describe('setupContractServer', () => {
  const server = setupContractServer();

  it('answers the client with declared bodies and records its requests', async () => {
    server.respond('get', '/releases', { items: [makeRelease()] });
    server.respond('patch', '/releases/{id}', ({ body }) =>
      makeRelease({ title: body.title, revision: 2 }),
    );

    await expect(
      server.api.listReleases({ state: ['draft'], limit: 5 }),
    ).resolves.toEqual({ items: [makeRelease()] });
    await expect(
      server.api.updateRelease('r1', { title: 'Renamed', revision: 1 }),
    ).resolves.toMatchObject({ title: 'Renamed', revision: 2 });

    expect(server.queries('get', '/releases')).toEqual([
      { state: ['draft'], limit: 5 },
    ]);
    expect(server.requests('patch', '/releases/{id}')).toEqual([
      expect.objectContaining({
        params: { id: 'r1' },
        body: { title: 'Renamed', revision: 1 },
      }),
    ]);
  });

  it('answers errors with the backend error body', async () => {
    server.fail('post', '/releases/r1/transition', 409, 'Stale revision');
    const error = await server.api
      .transitionRelease('r1', { to: 'planned' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(409);
    expect(error.body.error).toEqual({
      name: 'ConflictError',
      message: 'Stale revision',
    });
  });

  it('refuses a declared body that does not match the response schema', () => {
    expect(() =>
      server.respond('get', '/releases/r1', { ...makeRelease(), state: 'x' }),
    ).toThrow(/GET \/releases\/r1 answers 200: .*state/);
    expect(() =>
      server.respond('get', '/releases/r1/readiness', {
        verdict: 'ready',
      }),
    ).toThrow(/must have required property 'items'/);
  });

  it('refuses routes and statuses the document does not have', () => {
    expect(() => server.respond('get', '/release/r1', makeRelease())).toThrow(
      'GET /release/r1 is not in the document',
    );
    expect(() => server.fail('get', '/releases/r1', 418)).toThrow(
      'the document declares no 418 response',
    );
  });

  it('fails the test on computed bodies that do not match', async () => {
    server.respond('get', '/releases/{id}/readiness', () => ({
      ...makeReadiness(),
      verdict: 'maybe',
    }));
    await expect(server.api.getReleaseReadiness('r1')).rejects.toThrow();
    expect(server.takeViolations()).toEqual([
      expect.stringMatching(
        /GET \/releases\/\{id\}\/readiness answers 200: .*verdict/,
      ),
    ]);
  });

  it('fails the test on requests nobody answers or the document lacks', async () => {
    await expect(server.api.getRelease('r1')).rejects.toThrow();
    // it goes to the network: refused, unless a portal runs on this machine
    await fetch('http://localhost:7007/api/release-coordination/nope').catch(
      () => undefined,
    );
    expect(server.takeViolations()).toEqual([
      'no answer declared for GET /releases/r1',
      'GET http://localhost:7007/api/release-coordination/nope is not a route of the document',
    ]);
  });

  it('fails the test on requests that do not match the document', async () => {
    server.respond('post', '/releases', makeRelease());
    await server.api.createRelease({ title: '' } as any);
    expect(server.takeViolations()).toEqual([
      expect.stringMatching(/POST \/releases request: body: .*/),
    ]);
  });
});
