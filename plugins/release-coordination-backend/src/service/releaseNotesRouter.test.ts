import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Release } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import { testEntity } from '../catalogGraph/testCatalog';
import { createTestServices } from '../__testUtils__/testServices';
import { createRouter } from './router';
import { expectPlainWords } from '../__testUtils__/plainWords';
import {
  mockAuditor,
  NOW,
  releaseSeeder,
  requestWithoutCredentials,
  routerTestDatabase,
  testApp,
  userInfoWithGroups,
} from './__testUtils__/routerTestKit';

jest.setTimeout(60_000);

const db = routerTestDatabase();

const OWNER = 'user:default/olga'; // team-pay
const OTHER = 'user:default/bob'; // team-shop
const as = (user: string) => mockCredentials.user.header(user);

const entities = [
  testEntity('component:default/payments-service', {
    spec: { owner: 'team-pay', system: 'payments' },
    relations: [
      ['providesApi', 'api:default/payments-api'],
      ['partOf', 'system:default/payments'],
    ],
  }),
  testEntity('api:default/payments-api', {
    spec: { owner: 'team-pay', system: 'payments' },
    relations: [['partOf', 'system:default/payments']],
  }),
  testEntity('component:default/checkout', {
    spec: { owner: 'team-shop', system: 'shop' },
    annotations: { 'release-coordination/audience': 'customers' },
    relations: [
      ['consumesApi', 'api:default/payments-api'],
      ['partOf', 'system:default/shop'],
    ],
  }),
  testEntity('system:default/payments', {
    spec: { owner: 'team-pay' },
    title: 'Payments',
    annotations: { 'release-coordination/tier': 'tier-1' },
  }),
  testEntity('system:default/shop', {
    spec: { owner: 'team-shop' },
    title: 'Web shop',
  }),
  ...['team-pay', 'team-shop', 'customers', 'release-managers'].map(name =>
    testEntity(`group:default/${name}`),
  ),
];

const BREAKING = {
  kind: 'breaking' as const,
  title: 'Drop the v1 charge endpoint of api:default/payments-api',
  entityRef: 'component:default/payments-service',
};

async function createApp(options: { config?: object } = {}) {
  const { database, releaseStore } = await db.init();
  const { auditor } = mockAuditor();
  const send = jest.fn(async (_notification: any) => {});
  const services = await createTestServices({
    database,
    catalog: catalogServiceMock({ entities }),
    userInfo: userInfoWithGroups({
      [OWNER]: ['group:default/team-pay'],
      [OTHER]: ['group:default/team-shop'],
    }),
    auditor,
    notifications: { send },
    config: options.config as never,
    now: () => NOW,
  });
  const router = await createRouter({
    ...services,
    httpAuth: mockServices.httpAuth(),
    auditor,
  });
  const seeder = releaseSeeder(releaseStore, { createdBy: OWNER, now: NOW });
  const seed = (parts: Partial<Release> = {}) =>
    seeder({
      state: 'planned',
      title: '<script>alert(1)</script> Payments',
      version: '6.0.0',
      ownerRef: 'group:default/team-pay',
      entityRefs: ['component:default/payments-service'],
      description: 'Charges move to v2.',
      changes: [{ kind: 'fix', title: 'Retry declined cards once' }, BREAKING],
      ...parts,
    });
  return { app: testApp(router), seed, send, auditor };
}

type App = Awaited<ReturnType<typeof createApp>>['app'];

const getNotes = (app: App, id: string, query: object, user = OTHER) =>
  request(app)
    .get(`/releases/${id}/notes`)
    .query(query)
    .set('Authorization', as(user));

const saveNotes = (app: App, id: string, body: object, user = OWNER) =>
  request(app)
    .put(`/releases/${id}/notes`)
    .set('Authorization', as(user))
    .send(body);

describe('release notes routes', () => {
  it('serves the notes of each audience in Markdown and in escaped HTML', async () => {
    const { app, seed } = await createApp();
    const release = await seed();

    const engineering = await getNotes(app, release.id, {});
    expect(engineering.status).toBe(200);
    expect(engineering.body).toMatchObject({
      releaseId: release.id,
      audience: 'engineering',
      format: 'markdown',
      revision: 0,
      editable: true,
    });
    const text: string = engineering.body.content;
    expect(text.indexOf('## Breaking changes')).toBeLessThan(
      text.indexOf('## Fixes'),
    );
    expect(text).toContain(
      '`component:default/checkout` consumes `api:default/payments-api`',
    );

    const business = await getNotes(app, release.id, {
      audience: 'business',
      format: 'html',
    });
    expect(business.status).toBe(200);
    const html: string = business.body.content;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Payments (tier-1)');
    expect(html).toContain('Systems that use what changes: Web shop.');
    expect(html).toContain('Customers');
    expect(html).not.toMatch(/(component|api|system|group):/);
    expect(html).not.toContain(release.id);
  });

  it('answers 400 naming the field for a bad query or body, and writes nothing', async () => {
    const { app, seed } = await createApp();
    const release = await seed();
    const badQuery = await getNotes(app, release.id, { audience: 'board' });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/^audience: /);
    const badFormat = await getNotes(app, release.id, { format: 'pdf' });
    expect(badFormat.body.error.message).toMatch(/^format: /);

    for (const [body, field] of [
      [{ audience: 'business', markdown: '  ', revision: 0 }, 'markdown'],
      [{ audience: 'business', markdown: 'x', revision: -1 }, 'revision'],
      [{ audience: 'all', markdown: 'x', revision: 0 }, 'audience'],
    ] as const) {
      const res = await saveNotes(app, release.id, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}: `));
    }
    const unknown = await saveNotes(app, release.id, {
      audience: 'business',
      markdown: 'x',
      revision: 0,
      by: OTHER,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('by');
    const after = await getNotes(app, release.id, { audience: 'business' });
    expect(after.body.revision).toBe(0);
    expect(after.body.edit).toBeUndefined();
  });

  it('saves an edit of those who may change the release, refuses a stale revision (409) and shows the difference from regenerated notes', async () => {
    const { app, seed } = await createApp();
    const release = await seed();
    const edit = {
      audience: 'business',
      markdown: '# Payments 6\n\nFaster charges.',
      revision: 0,
    };

    const foreign = await saveNotes(app, release.id, edit, OTHER);
    expect(foreign.status).toBe(403);
    const saved = await saveNotes(app, release.id, edit);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      revision: 1,
      content: edit.markdown,
      edit: {
        markdown: edit.markdown,
        editedBy: OWNER,
        generatedChanged: false,
      },
    });
    const stale = await saveNotes(app, release.id, {
      ...edit,
      markdown: 'Overwrites the first edit',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(
      /^The business notes of release ".*" changed since revision 0; reload them$/,
    );
    expectPlainWords(stale.body.error.message, release);

    const read = await getNotes(app, release.id, { audience: 'business' });
    expect(read.body.content).toBe(edit.markdown);
    expect(read.body.edit.diff).toEqual(
      expect.arrayContaining([
        { kind: 'removed', text: 'Faster charges.' },
        { kind: 'added', text: '## Changes that may need action' },
      ]),
    );
    // the engineering notes are not edited
    expect((await getNotes(app, release.id, {})).body.revision).toBe(0);
  });

  it('refuses edits once the release is released (409) and hides drafts from others (404)', async () => {
    const { app, seed } = await createApp();
    const released = await seed({ state: 'released' });
    const res = await saveNotes(app, released.id, {
      audience: 'engineering',
      markdown: 'Too late',
      revision: 0,
    });
    expect(res.status).toBe(409);
    expect((await getNotes(app, released.id, {})).body.editable).toBe(false);

    const draft = await seed({ state: 'draft' });
    expect((await getNotes(app, draft.id, {}, OTHER)).status).toBe(404);
    expect((await getNotes(app, draft.id, {}, OWNER)).status).toBe(200);
    expect(
      (
        await saveNotes(
          app,
          draft.id,
          { audience: 'engineering', markdown: 'x', revision: 0 },
          OTHER,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await requestWithoutCredentials(
          app,
          'get',
          `/releases/${released.id}/notes`,
        )
      ).status,
    ).toBe(401);
  });

  it('passes "Release notes present" only with real notes: a change inventory or an edit saying more than the description', async () => {
    const { app, seed } = await createApp();
    const release = await seed({ changes: [], description: 'Charges move.' });
    const notesItem = async () =>
      (
        await request(app)
          .get(`/releases/${release.id}/readiness`)
          .set('Authorization', as(OWNER))
      ).body.items.find(
        (i: { id: string }) => i.id === 'release-notes-present',
      );
    expect(await notesItem()).toMatchObject({ passed: false });
    await saveNotes(app, release.id, {
      audience: 'engineering',
      markdown: 'Charges move.',
      revision: 0,
    });
    expect(await notesItem()).toMatchObject({ passed: false });
    await saveNotes(app, release.id, {
      audience: 'engineering',
      markdown: 'Charges move to v2; retry declined cards once.',
      revision: 1,
    });
    expect(await notesItem()).toMatchObject({ passed: true, facts: [] });
  });
});

describe('announcements', () => {
  it('previews a message per audience to owners and audience groups, less the opted-out groups', async () => {
    const { app, seed } = await createApp({
      config: { announcements: { optOutGroups: ['customers'] } },
    });
    const release = await seed();
    const preview = await request(app)
      .get(`/releases/${release.id}/announcements/preview`)
      .set('Authorization', as(OTHER));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      moment: 'approved',
      optedOut: ['group:default/customers'],
      messages: [
        {
          audience: 'engineering',
          recipients: ['group:default/team-pay', 'group:default/team-shop'],
          topic: `release:${release.id}`,
        },
        {
          audience: 'business',
          recipients: [],
          topic: `release:${release.id}`,
        },
      ],
    });
    expect(preview.body.messages[1].description).not.toMatch(/component:/);
    const bad = await request(app)
      .get(`/releases/${release.id}/announcements/preview`)
      .query({ moment: 'planned' })
      .set('Authorization', as(OTHER));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^moment: /);
  });

  it('announces a release when it is released, per audience on the release topic', async () => {
    const { app, seed, send } = await createApp();
    const release = await seed({
      state: 'in_progress',
      window: {
        start: '2026-11-26T11:00:00.000Z',
        end: '2026-11-26T13:00:00.000Z',
      },
    });
    const moved = await request(app)
      .post(`/releases/${release.id}/transition`)
      .set('Authorization', as(OWNER))
      .send({ to: 'released' });
    expect(moved.status).toBe(200);
    const announcements = send.mock.calls
      .map(([notification]) => notification)
      .filter(n => n.payload.scope.includes(':announcement:'));
    expect(
      announcements.map(n => [n.payload.scope, n.recipients.entityRef]),
    ).toEqual([
      [
        `release-coordination:${release.id}:announcement:released:engineering`,
        ['group:default/team-pay', 'group:default/team-shop'],
      ],
      [
        `release-coordination:${release.id}:announcement:released:business`,
        ['group:default/customers'],
      ],
    ]);
    for (const n of announcements) {
      expect(n.payload.topic).toBe(`release:${release.id}`);
      expect(n.payload.title).toContain('6.0.0 is released');
    }
    expect(announcements[1].payload.description).toContain(
      '## Changes that may need action',
    );
  });
});
