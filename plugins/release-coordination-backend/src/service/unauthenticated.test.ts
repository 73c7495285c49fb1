import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { releaseCoordinationPlugin } from '../plugin';
import { silentMessaging } from '../__testUtils__/silentMessaging';

/*
 * The fast version of the 401 walk of packages/app/e2e-tests/unauthenticated.test.ts:
 * the plugin with Backstage's real auth and httpAuth services (not the mocks),
 * every path and method of the OpenAPI document, without a token, with a
 * garbage token and with unsigned `alg: none` JWTs.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const API = '/api/release-coordination';
const PUBLIC = [
  '/health',
  '/calendar-feeds/{id}/calendar.ics',
  '/notes-feeds/{id}/atom.xml',
];
const PATH_VALUES: Record<string, string> = {
  id: '6f1c2b7e-8d3a-4c55-9a0e-1b2c3d4e5f60',
  groupRef: encodeURIComponent('group:default/checkout-team'),
  itemId: 'rollback-plan',
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const base64url = (value: object) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

function unsignedJwt(typ: string) {
  const now = Math.floor(Date.now() / 1000);
  return `${base64url({ alg: 'none', typ })}.${base64url({
    iss: 'http://localhost:7007/api/auth',
    aud: 'backstage',
    sub: 'user:default/alice',
    ent: ['user:default/alice'],
    iat: now,
    exp: now + 3600,
  })}.`;
}

const AUTHORIZATION: [string, string | undefined][] = [
  ['no token', undefined],
  ['a garbage bearer token', 'Bearer not-a-token.at.all'],
  ['an alg:none JWT', `Bearer ${unsignedJwt('JWT')}`],
  ['an alg:none user token', `Bearer ${unsignedJwt('vnd.backstage.user')}`],
];

function operations() {
  const document = parse(
    fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
  ) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.filter(method => method in item).map(method => ({
      template,
      method,
      path: template.replace(
        /\{(\w+)\}/g,
        (_, name: string) => PATH_VALUES[name] ?? 'x',
      ),
    })),
  );
}

describe('the plugin with real token verification', () => {
  let server: Parameters<typeof request>[0];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        releaseCoordinationPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        ...silentMessaging,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(() => stop?.());

  it('answers 401 on every non-public route and method', async () => {
    const walked = operations().filter(op => !PUBLIC.includes(op.template));
    expect(walked.length).toBeGreaterThan(40);
    const answers: string[] = [];
    for (const { template, method, path: sent } of walked) {
      for (const [name, authorization] of AUTHORIZATION) {
        let req = request(server)[method](`${API}${sent}`);
        if (authorization) req = req.set('Authorization', authorization);
        const res = await (method === 'get' ? req : req.send({}));
        answers.push(`${method} ${template} with ${name}: ${res.status}`);
      }
    }
    expect(answers.filter(answer => !answer.endsWith(': 401'))).toEqual([]);
  });

  it('serves the public routes without a token and no feed to a wrong secret', async () => {
    const health = await request(server).get(`${API}/health`);
    expect(health.status).toBe(200);
    const notesFeed = await request(server)
      .get(`${API}/notes-feeds/${PATH_VALUES.id}/atom.xml`)
      .query({ token: 'wrong' });
    expect(notesFeed.status).toBe(404);
    expect(notesFeed.text).not.toContain('<feed');
    const feed = `${API}/calendar-feeds/${PATH_VALUES.id}/calendar.ics`;
    const wrong = await request(server).get(feed).query({ token: 'wrong' });
    expect(wrong.status).toBe(404);
    expect(wrong.text).not.toContain('BEGIN:VCALENDAR');
    for (const [, authorization] of AUTHORIZATION.slice(1)) {
      const forged = await request(server)
        .get(feed)
        .query({ token: 'wrong' })
        .set('Authorization', authorization!);
      expect([401, 404]).toContain(forged.status);
      expect(forged.text).not.toContain('BEGIN:VCALENDAR');
    }
  });
});
