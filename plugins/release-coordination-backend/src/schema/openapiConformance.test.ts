/*
 * Every request and response of a tour of the API over the demo data goes
 * through the OpenAPI proxy of @backstage/backend-openapi-utils
 * (`wrapServer`), which checks both against src/schema/openapi.yaml.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { wrapServer } from '@backstage/backend-openapi-utils/testUtils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { Server } from 'node:http';
import request from 'supertest';
import { createTestServices } from '../__testUtils__/testServices';
import { demoCatalogEntities } from '../demo/__testUtils__/demoCatalog';
import { seedDemoData } from '../demo/seedDemoData';
import { createRouter } from '../service/router';
import {
  routerTestDatabase,
  testApp,
} from '../service/__testUtils__/routerTestKit';

// The proxy's validator compiles the document with a bare Ajv, which knows
// no `format` (date-time, uuid, uri): give it the standard formats, as the
// validated router itself has them.
jest.mock('ajv', () => {
  const actual = jest.requireActual('ajv');
  const { default: addFormats } = jest.requireActual('ajv-formats');
  return {
    ...actual,
    __esModule: true,
    default: class AjvWithFormats extends actual.default {
      constructor(options: object) {
        super(options);
        addFormats(this);
        // an annotation of OpenAPI schema objects
        this.addKeyword('example');
      }
    },
  };
});

jest.setTimeout(120_000);

const db = routerTestDatabase();
const ALICE = 'user:default/alice';
const asAlice = mockCredentials.user.header(ALICE);
const asPipeline = mockCredentials.service.header();

/** What the proxy found wrong: its checks run after each response, outside the request. */
const violations: string[] = [];
const recordViolation = (reason: unknown) =>
  violations.push(reason instanceof Error ? reason.message : String(reason));

beforeAll(() => process.on('unhandledRejection', recordViolation));
afterAll(() => process.off('unhandledRejection', recordViolation));

async function startWrappedPortal(): Promise<Server> {
  const { database } = await db.init();
  const services = await createTestServices({
    database,
    catalog: catalogServiceMock({ entities: demoCatalogEntities() }),
    userInfo: mockServices.userInfo({
      userEntityRef: ALICE,
      ownershipEntityRefs: [ALICE, 'group:default/checkout-team'],
    }),
  });
  await seedDemoData({
    stores: services.stores,
    config: new ConfigReader({}),
    logger: mockServices.logger.mock(),
  });
  const router = await createRouter({
    ...services,
    userInfo: mockServices.userInfo(),
    httpAuth: mockServices.httpAuth(),
    auditor: mockServices.auditor.mock(),
  });
  const app = testApp(router);
  // The proxy reaches the app as `localhost`, over IPv6 when the app listens
  // there; hosts files without `::1 localhost` (these machines) cannot
  // resolve that, so the app listens on IPv4 only.
  const listen = app.listen.bind(app);
  app.listen = ((port: number) => listen(port, '127.0.0.1')) as typeof listen;
  return wrapServer(app);
}

/** Lets the proxy finish checking the responses it has seen. */
const settle = () => new Promise(resolve => setTimeout(resolve, 250));

const day = 24 * 3600_000;
/** 10:00 UTC (or `hours`) on the day `days` after today. */
const at = (days: number, hours = 10) =>
  new Date(
    Math.ceil(Date.now() / day) * day + days * day + hours * 3600_000,
  ).toISOString();

/** Requests as Alice against the wrapped portal, each expecting a status. */
function client(server: Server) {
  const send = (
    method: 'post' | 'patch' | 'delete' | 'get',
    path: string,
    body?: object,
  ) => {
    const req = request(server)[method](path).set('Authorization', asAlice);
    return body ? req.send(body) : req;
  };
  const statuses: string[] = [];
  const expectStatus = async (call: request.Test, status: number) => {
    const operation = `${call.method} ${new URL(call.url).pathname}`;
    const res = await call;
    statuses.push(`${operation} ${res.status}`);
    // the body tells why when the status is not the expected one
    expect(
      res.status === status
        ? `${operation} ${res.status}`
        : `${operation} ${res.status} ${res.text}`,
    ).toBe(`${operation} ${status}`);
    return res.body;
  };
  return { send, expectStatus, statuses };
}

describe('the API as documented', () => {
  it('answers a tour of every reading route over the demo data as openapi.yaml says', async () => {
    const server = await startWrappedPortal();
    const get = (path: string, auth = asAlice) =>
      request(server).get(path).set('Authorization', auth);

    const list = await get('/releases?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(10);
    const release = list.body.items[0];
    const entityRef = release.entityRefs[0];
    const statuses: Record<string, number> = {};
    const visit = async (path: string, auth = asAlice) => {
      statuses[path] = (await get(path, auth)).status;
    };
    await visit('/health');
    await visit(`/releases/${release.id}`);
    await visit(`/releases/${release.id}/events`);
    await visit(`/releases/${release.id}/approvals`);
    await visit(`/releases/${release.id}/readiness`);
    await visit(`/releases/${release.id}/impact`);
    await visit(`/releases?entityRef=${encodeURIComponent(entityRef)}`);
    await visit('/freezes');
    await visit('/trains');
    await visit('/standard-changes');
    await visit('/readiness');
    await visit(
      `/conflicts?from=${release.window.start}&to=${release.window.end}`,
    );
    await visit(`/impact/upcoming?entityRef=${encodeURIComponent(entityRef)}`);
    await visit(`/gate?entityRef=${encodeURIComponent(entityRef)}`, asPipeline);
    await settle();
    expect(violations).toEqual([]);
    expect(Object.values(statuses).every(status => status < 500)).toBe(true);
  });

  it('answers the release routes, their refusals included, as openapi.yaml says', async () => {
    const { send, expectStatus, statuses } = client(await startWrappedPortal());
    const created = await expectStatus(
      send('post', '/releases', {
        title: 'Checkout 9.0',
        version: '9.0.0',
        type: 'normal',
        window: { start: at(40), end: at(40, 12) },
        entityRefs: ['component:default/checkout-service'],
        description: 'Faster checkout',
        rollbackPlan: '1. Redeploy 8.9',
        changes: [{ kind: 'feature', title: 'One-page checkout' }],
      }),
      201,
    );
    const id = created.id;
    await expectStatus(send('post', '/releases', { title: '' }), 400);
    await expectStatus(send('get', '/releases/no-such-release'), 404);
    await expectStatus(
      send('patch', `/releases/${id}`, {
        revision: created.revision,
        description: 'Faster, simpler checkout',
      }),
      200,
    );
    await expectStatus(
      send('patch', `/releases/${id}`, {
        revision: created.revision,
        title: 'stale',
      }),
      409,
    );
    await expectStatus(
      send('post', `/releases/${id}/transition`, { to: 'planned' }),
      200,
    );
    await expectStatus(
      send('post', `/releases/${id}/transition`, { to: 'verified' }),
      409,
    );
    await expectStatus(
      send('post', '/impact', {
        entityRefs: ['component:default/checkout-service'],
      }),
      200,
    );
    await expectStatus(
      send('post', `/releases/${id}/risk-override`, {
        level: 'high',
        reason: 'Peak season',
      }),
      200,
    );
    await expectStatus(send('delete', `/releases/${id}/risk-override`), 200);
    const readiness = await expectStatus(
      send('get', `/releases/${id}/readiness`),
      200,
    );
    const manualItem = readiness.items.find(
      (item: { kind: string }) => item.kind === 'manual',
    );
    await expectStatus(
      send('post', `/releases/${id}/readiness/items/${manualItem.id}`, {
        checked: true,
      }),
      200,
    );
    await expectStatus(
      send('post', `/releases/${id}/handover`, {
        toGroupRef: 'group:default/payments-team',
      }),
      200,
    );
    await settle();
    expect(violations).toEqual([]);
    expect(statuses.length).toBeGreaterThan(10);
  });

  it('answers the freeze, train, slot and calendar feed routes as openapi.yaml says', async () => {
    const { send, expectStatus, statuses } = client(await startWrappedPortal());
    const freeze = await expectStatus(
      send('post', '/freezes', {
        title: 'Inventory count',
        scope: { systems: ['checkout'] },
        start: at(60),
        end: at(61),
      }),
      201,
    );
    await expectStatus(
      send('patch', `/freezes/${freeze.id}`, {
        revision: freeze.revision,
        description: 'Yearly stock take',
      }),
      200,
    );
    await expectStatus(
      send(
        'get',
        `/freeze-occurrences?from=${at(0)}&to=${at(
          90,
        )}&entityRef=component:default/checkout-service`,
      ),
      200,
    );
    await expectStatus(
      send(
        'get',
        '/slots?entityRef=component:default/checkout-service&duration=PT2H&count=3',
      ),
      200,
    );
    const train = await expectStatus(
      send('post', '/trains', {
        name: 'Checkout weekly',
        rrule: 'FREQ=WEEKLY;BYDAY=TH',
        timezone: 'UTC',
        start: '2026-01-01T10:00:00.000Z',
        slotDuration: 'PT2H',
        cutoff: 'P1D',
        scope: { systems: ['checkout'] },
      }),
      201,
    );
    await expectStatus(send('get', `/trains/${train.id}/slots?count=3`), 200);
    await expectStatus(
      send('get', `/trains/${train.id}/stats?from=${at(-30)}&to=${at(0)}`),
      200,
    );
    const feed = await expectStatus(
      send('post', '/calendar-feeds', {
        filters: { system: 'checkout' },
      }),
      201,
    );
    await expectStatus(send('get', '/calendar-feeds'), 200);
    await expectStatus(send('delete', `/calendar-feeds/${feed.id}`), 204);
    await settle();
    expect(violations).toEqual([]);
    expect(statuses.length).toBeGreaterThan(8);
  });
});
