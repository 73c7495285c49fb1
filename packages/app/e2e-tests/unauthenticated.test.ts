import { test, expect, APIRequestContext } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
// the workspace's yaml (a dev dependency of the backend plugin, hoisted); not
// declared by the app so that yarn.lock stays as it is
// eslint-disable-next-line @backstage/no-undeclared-imports
import { parse } from 'yaml';

/*
 * The 401 walk: every path and method of the release-coordination OpenAPI
 * document, sent to the running backend (real token verification) without a
 * token, with a garbage bearer token and with an unsigned `alg: none` JWT,
 * answers 401, except the public paths the plugin allows unauthenticated
 * (plugin.ts addAuthPolicy): /health and the calendar and release-notes
 * feeds, which check their own secret and must not leak with a wrong one.
 */

const BACKEND = 'http://localhost:7007/api/release-coordination';

const OPENAPI = path.resolve(
  __dirname,
  '../../../plugins/release-coordination-backend/src/schema/openapi.yaml',
);

/** Plausible values of the path parameters (ids of rows that need not exist). */
const PATH_VALUES: Record<string, string> = {
  id: '6f1c2b7e-8d3a-4c55-9a0e-1b2c3d4e5f60',
  groupRef: encodeURIComponent('group:default/checkout-team'),
  itemId: 'rollback-plan',
};

const PUBLIC = {
  health: '/health',
  feeds: [
    {
      template: '/calendar-feeds/{id}/calendar.ics',
      marker: 'BEGIN:VCALENDAR',
    },
    { template: '/notes-feeds/{id}/atom.xml', marker: '<feed' },
  ],
};

const isPublic = (template: string) =>
  template === PUBLIC.health ||
  PUBLIC.feeds.some(feed => feed.template === template);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const base64url = (value: object) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned JWT (`alg: none`, empty signature) claiming to be Alice. */
function unsignedJwt(typ: string) {
  const now = Math.floor(Date.now() / 1000);
  return `${base64url({ alg: 'none', typ })}.${base64url({
    iss: 'http://localhost:7007/api/auth',
    aud: 'backstage',
    sub: 'user:default/alice',
    ent: ['user:default/alice', 'group:default/checkout-team'],
    iat: now,
    exp: now + 3600,
  })}.`;
}

const CREDENTIALS: { name: string; headers: Record<string, string> }[] = [
  { name: 'no token', headers: {} },
  {
    name: 'a garbage bearer token',
    headers: { Authorization: 'Bearer not-a-token.at.all' },
  },
  {
    name: 'an alg:none JWT',
    headers: { Authorization: `Bearer ${unsignedJwt('JWT')}` },
  },
  {
    name: 'an alg:none Backstage user token',
    headers: { Authorization: `Bearer ${unsignedJwt('vnd.backstage.user')}` },
  },
];

/** Every path and method of the OpenAPI document, path parameters filled in. */
function operations() {
  const document = parse(fs.readFileSync(OPENAPI, 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.filter(method => method in item).map(method => ({
      template,
      method,
      url: `${BACKEND}${template.replace(
        /\{(\w+)\}/g,
        (_, name: string) => PATH_VALUES[name] ?? 'x',
      )}`,
    })),
  );
}

async function send(
  request: APIRequestContext,
  method: string,
  url: string,
  headers: Record<string, string>,
) {
  return request.fetch(url, {
    method: method.toUpperCase(),
    headers: { ...headers, 'Content-Type': 'application/json' },
    ...(method !== 'get' && { data: {} }),
    failOnStatusCode: false,
  });
}

test('every non-public route answers 401 without valid credentials', async ({
  request,
}) => {
  const walked = operations().filter(op => !isPublic(op.template));
  expect(walked.length).toBeGreaterThan(40);
  const answers: string[] = [];
  for (const { template, method, url } of walked) {
    for (const { name, headers } of CREDENTIALS) {
      const res = await send(request, method, url, headers);
      answers.push(
        `${method.toUpperCase()} ${template} with ${name}: ${res.status()}`,
      );
    }
  }
  expect(answers.filter(answer => !answer.endsWith(': 401'))).toEqual([]);
});

test('the public routes answer without a token and do not leak with a wrong secret', async ({
  request,
}) => {
  const health = await request.get(`${BACKEND}/health`);
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });

  for (const { template, marker } of PUBLIC.feeds) {
    const feedUrl = `${BACKEND}${template.replace('{id}', PATH_VALUES.id)}`;
    // no Backstage token: the feed's own secret decides, and a wrong one finds nothing
    for (const query of ['?token=wrong', `?token=${'a'.repeat(64)}`]) {
      const res = await request.get(`${feedUrl}${query}`);
      expect(res.status(), `${template}${query}`).toBe(404);
      expect(await res.text()).not.toContain(marker);
    }
    // no secret at all is a client error, not a feed
    const bare = await request.get(feedUrl);
    expect(bare.status(), template).toBe(400);
    expect(await bare.text()).not.toContain(marker);

    // a forged token on the public routes is refused or ignored, never trusted
    for (const { headers } of CREDENTIALS.slice(1)) {
      const feed = await send(
        request,
        'get',
        `${feedUrl}?token=wrong`,
        headers,
      );
      expect([401, 404]).toContain(feed.status());
      expect(await feed.text()).not.toContain(marker);
    }
  }
  for (const { headers } of CREDENTIALS.slice(1)) {
    const probe = await send(request, 'get', `${BACKEND}/health`, headers);
    expect([200, 401]).toContain(probe.status());
  }
});
