import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { testEntity } from '../catalogGraph/testCatalog';
import { createTestServices } from '../__testUtils__/testServices';
import { createRouter } from './router';
import {
  mockAuditor,
  NOW,
  releaseSeeder,
  requestWithoutCredentials,
  routerTestDatabase,
  testApp,
} from './__testUtils__/routerTestKit';

jest.setTimeout(60_000);

const db = routerTestDatabase();

const OWNER = 'user:default/olga';
const READER = 'user:default/bob';
const as = (user: string) => mockCredentials.user.header(user);

const entities = [
  testEntity('component:default/payments-service', {
    spec: { owner: 'team-pay', system: 'payments' },
    relations: [['partOf', 'system:default/payments']],
  }),
  testEntity('system:default/payments', {
    spec: { owner: 'team-pay' },
    title: 'Payments & billing',
  }),
  testEntity('group:default/team-pay'),
  ...[OWNER, READER].map(ref => testEntity(ref)),
];

async function createApp() {
  const { database, releaseStore } = await db.init();
  const services = await createTestServices({
    database,
    catalog: catalogServiceMock({ entities }),
    auditor: mockAuditor().auditor,
    now: () => NOW,
  });
  const router = await createRouter({
    ...services,
    httpAuth: mockServices.httpAuth(),
    auditor: mockAuditor().auditor,
    // the calendar routes too, to tell the two kinds of feed apart
    userInfo: mockServices.userInfo(),
  });
  const seed = releaseSeeder(releaseStore, { createdBy: OWNER, now: NOW });
  return { app: testApp(router), seed };
}

type App = Awaited<ReturnType<typeof createApp>>['app'];

const createFeed = (app: App, body: object, user = READER) =>
  request(app).post('/notes-feeds').set('Authorization', as(user)).send(body);

const readFeed = (app: App, id: string, token: string) =>
  requestWithoutCredentials(
    app,
    'get',
    `/notes-feeds/${id}/atom.xml?token=${token}`,
  );

describe('Atom feeds of released notes', () => {
  it("lists a System's released notes as valid Atom, for the feed's token only, until revoked", async () => {
    const { app, seed } = await createApp();
    const released = await seed({
      state: 'released',
      title: 'Payments <b>6</b>',
      version: '6.0.0',
      changes: [{ kind: 'breaking', title: 'Drop v1 charges' }],
    });
    await seed({ state: 'planned', title: 'Not yet released' });

    const created = await createFeed(app, { system: 'payments' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      system: 'system:default/payments',
      token: expect.any(String),
    });
    expect(created.body.url).toContain(
      `/notes-feeds/${created.body.id}/atom.xml?token=${created.body.token}`,
    );

    const feed = await readFeed(app, created.body.id, created.body.token);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toBe(
      'application/atom+xml; charset=utf-8',
    );
    expect(XMLValidator.validate(feed.text)).toBe(true);
    const atom = new XMLParser({ ignoreAttributes: false }).parse(feed.text);
    expect(atom.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(atom.feed.title).toBe('Release notes: Payments & billing');
    expect(atom.feed.author.name).toBe('Release Portal');
    // one entry: the planned release is not in it
    const entry = atom.feed.entry;
    expect(entry).toMatchObject({
      id: `urn:uuid:${released.id}`,
      title: 'Payments <b>6</b> 6.0.0',
      updated: released.updatedAt,
      content: { '@_type': 'html' },
    });
    const html: string = entry.content['#text'];
    expect(html).toContain('<h2>Changes that may need action</h2>');
    expect(html).toContain('Payments &lt;b&gt;6&lt;/b&gt; 6.0.0');
    expect(html).not.toMatch(/component:|system:/);

    expect((await readFeed(app, created.body.id, 'wrong')).status).toBe(404);
    // a notes feed is no calendar feed
    expect(
      (
        await requestWithoutCredentials(
          app,
          'get',
          `/calendar-feeds/${created.body.id}/calendar.ics?token=${created.body.token}`,
        )
      ).status,
    ).toBe(404);

    const mine = await request(app)
      .get('/notes-feeds')
      .set('Authorization', as(READER));
    expect(mine.body.items).toEqual([
      {
        id: created.body.id,
        system: 'system:default/payments',
        createdAt: NOW.toISOString(),
      },
    ]);
    const calendars = await request(app)
      .get('/calendar-feeds')
      .set('Authorization', as(READER));
    expect(calendars.body.items).toEqual([]);

    const revoke = (user: string) =>
      request(app)
        .delete(`/notes-feeds/${created.body.id}`)
        .set('Authorization', as(user));
    expect((await revoke(OWNER)).status).toBe(404);
    expect((await revoke(READER)).status).toBe(204);
    expect(
      (await readFeed(app, created.body.id, created.body.token)).status,
    ).toBe(404);
  });

  it('answers 400 naming the field for a System that is not one, and creates nothing', async () => {
    const { app } = await createApp();
    for (const body of [
      { system: 'component:default/payments-service' },
      { system: 'unknown' },
      {},
    ]) {
      const res = await createFeed(app, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^system: /);
    }
    const mine = await request(app)
      .get('/notes-feeds')
      .set('Authorization', as(READER));
    expect(mine.body.items).toEqual([]);
  });
});
