import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { Release } from '@internal/plugin-release-coordination-common';
import express from 'express';
import request from 'supertest';
import {
  entity,
  mockAuditor,
  permissionsWith,
  routerTestDatabase,
  testApp,
  userInfoWithGroups,
  requestWithoutCredentials,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';
import { createTestServices } from '../__testUtils__/testServices';

jest.setTimeout(30_000);

const db = routerTestDatabase();

const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';

const entities: Entity[] = [
  entity('Domain', 'commerce'),
  entity('System', 'checkout', { owner: 'team-a' }, [
    ['partOf', 'domain:default/commerce'],
  ]),
  entity('System', 'search', { owner: 'team-b' }),
  entity(
    'Component',
    'checkout-service',
    { owner: 'team-a', system: 'checkout' },
    [['partOf', 'system:default/checkout']],
  ),
  entity(
    'Component',
    'cart-service',
    { owner: 'group:default/team-a', system: 'checkout' },
    [['partOf', 'system:default/checkout']],
  ),
  entity('Component', 'search-service', { owner: 'team-b', system: 'search' }, [
    ['partOf', 'system:default/search'],
  ]),
  entity('Component', 'personal-tool', { owner: 'user:alice' }),
  entity('Component', 'orphan'),
  entity('Group', 'team-a'),
  entity('Group', 'team-b'),
  entity('User', 'alice'),
];

const LEAD = 'user:default/lead'; // member of both teams: sees their drafts

const userInfo = userInfoWithGroups({
  [ALICE]: ['group:default/Team-A'],
  [LEAD]: ['group:default/team-a', 'group:default/team-b'],
});

const valid = {
  title: 'Checkout 4.0',
  version: '4.0.0',
  type: 'normal',
  window: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z' },
  entityRefs: ['component:checkout-service'],
};

const asAlice = mockCredentials.user.header(ALICE);
const asMallory = mockCredentials.user.header(MALLORY);
const asLead = mockCredentials.user.header(LEAD);

async function createApp(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    linkSchemes?: string[];
  } = {},
) {
  const { database, releaseStore: store } = await db.init();
  const { auditor, auditEvent } = mockAuditor();
  const { releases, linkSchemes } = await createTestServices({
    database,
    catalog: catalogServiceMock({ entities }),
    permissions: permissionsWith(options.permission),
    userInfo,
    config: options.linkSchemes && {
      links: { allowedSchemes: options.linkSchemes },
    },
  });
  const router = await createRouter({
    releases,
    httpAuth: mockServices.httpAuth(),
    auditor,
    linkSchemes,
  });
  const app = testApp(router);
  return { app, store, auditor, auditEvent };
}

async function createRelease(
  app: express.Express,
  body: object = {},
  auth = asAlice,
): Promise<Release> {
  const res = await request(app)
    .post('/releases')
    .set('Authorization', auth)
    .send({ ...valid, ...body });
  expect(res.status).toBe(201);
  return res.body;
}

describe('createRouter', () => {
  it('answers health checks', async () => {
    const { app } = await createApp();
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it.each([
    ['get', '/releases'],
    ['post', '/releases'],
    ['get', '/releases/x'],
    ['patch', '/releases/x'],
    ['post', '/releases/x/transition'],
    ['get', '/releases/x/events'],
  ] as const)('rejects %s %s without a user with 401', async (method, path) => {
    const { app } = await createApp();
    const res = await requestWithoutCredentials(app, method, path);
    expect(res.status).toBe(401);
  });

  describe('POST /releases', () => {
    it('creates a draft owned by the first entity’s owner and audits it', async () => {
      const { app, auditor, auditEvent } = await createApp();
      const res = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .send({
          ...valid,
          entityRefs: [
            'component:checkout-service',
            'component:search-service',
          ],
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: 'Checkout 4.0',
        state: 'draft',
        revision: 1,
        ownerRef: 'group:default/team-a',
        createdBy: ALICE,
        window: {
          start: '2026-12-01T10:00:00.000Z',
          end: '2026-12-01T12:00:00.000Z',
        },
        entityRefs: [
          'component:default/checkout-service',
          'component:default/search-service',
        ],
        description: '',
        changes: [],
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'release-create',
          severityLevel: 'medium',
        }),
      );
      expect(auditEvent.success).toHaveBeenCalledWith({
        meta: { releaseId: res.body.id, revision: 1, state: 'draft' },
      });
      const got = await request(app)
        .get(`/releases/${res.body.id}`)
        .set('Authorization', asAlice);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
    });

    it("owns a release by the caller's group that holds its entities", async () => {
      const { app } = await createApp();
      // Alice's only group, whoever owns the entity
      expect(
        (await createRelease(app, { entityRefs: ['component:personal-tool'] }))
          .ownerRef,
      ).toBe('group:default/team-a');
      // the lead's group that owns it, or the one named
      expect(
        (
          await createRelease(
            app,
            { entityRefs: ['component:search-service'] },
            asLead,
          )
        ).ownerRef,
      ).toBe('group:default/team-b');
      expect(
        (await createRelease(app, { ownerRef: 'group:team-b' }, asLead))
          .ownerRef,
      ).toBe('group:default/team-b');
      // with several groups and none owning the entity, the owner is asked for
      const ambiguous = await request(app)
        .post('/releases')
        .set('Authorization', asLead)
        .send({ ...valid, entityRefs: ['component:orphan'] });
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.error.message).toMatch(/^ownerRef: required/);
      // a group the caller is not in is refused
      const foreign = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .send({ ...valid, ownerRef: 'group:team-b' });
      expect(foreign.status).toBe(403);
    });

    it.each([
      ['a wrong type', { title: 5 }, /^title:/],
      ['an empty title', { title: '  ' }, /^title:/],
      ['an overlong title', { title: 'x'.repeat(201) }, /^title:/],
      ['an unknown field', { colour: 'red' }, /unknown field\(s\): colour/],
      [
        'an end before the start',
        {
          window: {
            start: '2026-12-02T00:00:00Z',
            end: '2026-12-01T00:00:00Z',
          },
        },
        /^window\.end: must be after/,
      ],
      [
        'a window over 90 days',
        {
          window: {
            start: '2026-01-01T00:00:00Z',
            end: '2026-06-01T00:00:00Z',
          },
        },
        /^window\.end: window may be at most 90 days/,
      ],
      [
        'over 100 refs',
        {
          entityRefs: Array.from({ length: 101 }, (_, i) => `component:c${i}`),
        },
        /^entityRefs:/,
      ],
      ['a malformed ref', { entityRefs: ['not a ref'] }, /^entityRefs\.0:/],
      ['an unknown type', { type: 'yolo' }, /^type:/],
      [
        'unknown catalog refs',
        {
          entityRefs: [
            'component:checkout-service',
            'component:ghost',
            'component:phantom',
          ],
        },
        /^entityRefs\.1: component:default\/ghost is not in the catalog; entityRefs\.2: component:default\/phantom/,
      ],
      [
        'an unknown owner',
        { ownerRef: 'group:nobody' },
        /group:default\/nobody/,
      ],
      [
        'an owner that is no group',
        { ownerRef: 'component:orphan' },
        /^ownerRef:/,
      ],
    ])(
      'rejects %s with 400 naming it and writes nothing',
      async (_, body, message) => {
        const { app, auditEvent } = await createApp();
        const res = await request(app)
          .post('/releases')
          .set('Authorization', asAlice)
          .send({ ...valid, ...body });
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ name: 'InputError' });
        expect(res.body.error.message).toMatch(message);
        expect(auditEvent.fail).toHaveBeenCalled();
        const list = await request(app)
          .get('/releases')
          .set('Authorization', asAlice);
        expect(list.body).toEqual({ items: [] });
      },
    );

    it('rejects malformed JSON with 400', async () => {
      const { app } = await createApp();
      const res = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .set('Content-Type', 'application/json')
        .send('{"title": ');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError' });
      expect(res.body.error.message).toMatch(/not valid JSON/);
    });

    it('rejects callers without the create permission with 403', async () => {
      const { app, store } = await createApp({
        permission: AuthorizeResult.DENY,
      });
      const res = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .send(valid);
      expect(res.status).toBe(403);
      expect(await store.isEmpty()).toBe(true);
    });
  });

  describe('GET /releases', () => {
    it('filters by entity, system, domain, owner, state and type', async () => {
      const { app } = await createApp();
      const checkout = await createRelease(app, {
        entityRefs: ['component:cart-service'],
        window: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T12:00:00Z' },
      });
      const system = await createRelease(app, {
        entityRefs: ['system:checkout'],
        type: 'hotfix',
        window: { start: '2026-12-05T10:00:00Z', end: '2026-12-05T12:00:00Z' },
      });
      const search = await createRelease(
        app,
        {
          entityRefs: ['component:search-service'],
          window: {
            start: '2026-12-10T10:00:00Z',
            end: '2026-12-10T12:00:00Z',
          },
        },
        asLead,
      );
      const list = async (query: string) => {
        const res = await request(app)
          .get(`/releases?${query}`)
          .set('Authorization', asLead);
        expect(res.status).toBe(200);
        return res.body.items.map((r: Release) => r.id);
      };
      expect(await list('')).toEqual([checkout.id, system.id, search.id]);
      expect(await list('order=desc')).toEqual([
        search.id,
        system.id,
        checkout.id,
      ]);
      expect(
        await list(
          'entityRef=component:cart-service&entityRef=component:search-service',
        ),
      ).toEqual([checkout.id, search.id]);
      expect(await list('system=system:checkout')).toEqual([
        checkout.id,
        system.id,
      ]);
      expect(await list('domain=domain:commerce')).toEqual([
        checkout.id,
        system.id,
      ]);
      expect(await list('owner=group:team-b')).toEqual([search.id]);
      expect(await list('type=hotfix')).toEqual([system.id]);
      expect(await list('state=planned')).toEqual([]);
      expect(
        await list('from=2026-12-01T11:00:00Z&to=2026-12-05T09:00:00Z'),
      ).toEqual([checkout.id]);

      const first = await request(app)
        .get('/releases?limit=2')
        .set('Authorization', asLead);
      expect(first.body.items).toHaveLength(2);
      const second = await request(app)
        .get(`/releases?limit=2&cursor=${first.body.nextCursor}`)
        .set('Authorization', asLead);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ id: search.id })],
      });
    });

    it.each([
      ['limit=0', /^limit:/],
      ['state=done', /^state\.0:/],
      ['entityRef=nope', /^entityRef\.0:/],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', /^to:/],
      ['cursor=garbage', /^cursor:/],
      ['colour=red', /unknown field\(s\): colour/],
    ])('rejects %s with 400', async (query, message) => {
      const { app } = await createApp();
      const res = await request(app)
        .get(`/releases?${query}`)
        .set('Authorization', asAlice);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('GET /releases/:id', () => {
    it('answers 404 for unknown releases and their events', async () => {
      const { app } = await createApp();
      for (const path of ['/releases/nope', '/releases/nope/events']) {
        const res = await request(app).get(path).set('Authorization', asAlice);
        expect(res.status).toBe(404);
      }
    });
  });

  describe('PATCH /releases/:id', () => {
    it('updates with the current revision and records what changed', async () => {
      const { app, auditor } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({
          revision: 1,
          title: 'Checkout 4.0.1',
          entityRefs: ['component:cart-service'],
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Checkout 4.0.1',
        revision: 2,
        entityRefs: ['component:default/cart-service'],
      });
      expect(auditor.createEvent).toHaveBeenLastCalledWith(
        expect.objectContaining({
          eventId: 'release-update',
          meta: { releaseId: release.id },
        }),
      );

      const stale = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({ revision: 1, title: 'Lost update' });
      expect(stale.status).toBe(409);

      const events = await request(app)
        .get(`/releases/${release.id}/events`)
        .set('Authorization', asAlice);
      expect(events.body.items).toEqual([
        expect.objectContaining({ action: 'created', actorRef: ALICE }),
        expect.objectContaining({
          action: 'updated',
          actorRef: ALICE,
          changes: [
            { field: 'title', before: 'Checkout 4.0', after: 'Checkout 4.0.1' },
            {
              field: 'entityRefs',
              before: ['component:default/checkout-service'],
              after: ['component:default/cart-service'],
            },
          ],
        }),
      ]);
    });

    it.each([
      [{ revision: 1 }, /at least one field/],
      [{ title: 'x' }, /^revision:/],
      [
        { revision: 1, entityRefs: ['component:ghost'] },
        /component:default\/ghost/,
      ],
      [{ revision: 1, state: 'released' }, /unknown field\(s\): state/],
    ])('rejects %j with 400', async (body, message) => {
      const { app } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('answers 404, 403 for non-members and 409 for finished releases', async () => {
      const { app } = await createApp();
      const missing = await request(app)
        .patch('/releases/nope')
        .set('Authorization', asAlice)
        .send({ revision: 1, title: 'x' });
      expect(missing.status).toBe(404);

      const release = await createRelease(app);
      const hidden = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asMallory)
        .send({ revision: 1, title: 'Mine now' });
      expect(hidden.status).toBe(404);
      const planned = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'planned' });
      const foreign = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asMallory)
        .send({ revision: planned.body.revision, title: 'Mine now' });
      expect(foreign.status).toBe(403);

      const cancelled = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'cancelled' });
      const finished = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({ revision: cancelled.body.revision, title: 'Too late' });
      expect(finished.status).toBe(409);
      expect(finished.body.error.message).toMatch(/"cancelled"/);
    });

    it('answers 403 when the permission policy denies the update', async () => {
      const { app, store } = await createApp({
        permission: AuthorizeResult.DENY,
      });
      const now = new Date().toISOString();
      const release = await store.createRelease(
        {
          id: 'r1',
          title: 'T',
          version: '1',
          type: 'normal',
          // not a draft: a denied read would hide a draft (404)
          state: 'planned',
          window: { start: now, end: now },
          entityRefs: ['component:default/checkout-service'],
          ownerRef: 'group:default/team-a',
          description: '',
          changes: [],
          createdBy: ALICE,
          createdAt: now,
          updatedAt: now,
          revision: 1,
        },
        [],
      );
      const patch = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({ revision: 1, title: 'x' });
      expect(patch.status).toBe(403);
      const transition = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'approved' });
      expect(transition.status).toBe(403);
    });
  });

  describe('POST /releases/:id/transition', () => {
    it('moves a release along its lifecycle and records the reason', async () => {
      const { app, auditEvent } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'planned', reason: 'Scope agreed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'planned', revision: 2 });
      expect(auditEvent.success).toHaveBeenLastCalledWith({
        meta: { releaseId: release.id, revision: 2, state: 'planned' },
      });

      const events = await request(app)
        .get(`/releases/${release.id}/events`)
        .set('Authorization', asAlice);
      expect(events.body.items[1]).toMatchObject({
        action: 'transitioned',
        actorRef: ALICE,
        reason: 'Scope agreed',
        changes: [{ field: 'state', before: 'draft', after: 'planned' }],
      });
    });

    it('rejects transitions the lifecycle does not allow with 409 naming both states', async () => {
      const { app } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'released' });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        'Cannot move release from "draft" to "released"',
      );
    });

    it.each([
      [{ to: 'done' }, /^to:/],
      [{}, /^to:/],
      [{ to: 'planned', reason: '' }, /^reason:/],
    ])('rejects %j with 400', async (body, message) => {
      const { app } = await createApp();
      const release = await createRelease(app);
      const res = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('rejects non-members with 403 (404 while it is a draft)', async () => {
      const { app } = await createApp();
      const release = await createRelease(app);
      const hidden = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asMallory)
        .send({ to: 'planned' });
      expect(hidden.status).toBe(404);
      await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'planned' })
        .expect(200);
      const res = await request(app)
        .post(`/releases/${release.id}/transition`)
        .set('Authorization', asMallory)
        .send({ to: 'cancelled' });
      expect(res.status).toBe(403);
    });
  });
});

describe('user-supplied links', () => {
  /* eslint-disable no-script-url -- hostile links are the input under test */
  const changes = (link: string) => [{ kind: 'fix', title: 'Fix', link }];

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '\u0001javascript:alert(1)',
  ])(
    'refuses the change link %j with 400 naming it, on create and update',
    async link => {
      const { app } = await createApp();
      const created = await request(app)
        .post('/releases')
        .set('Authorization', asAlice)
        .send({ ...valid, changes: changes(link) });
      expect(created.status).toBe(400);
      expect(created.body.error.message).toBe(
        'changes.0.link: must be an http(s) URL',
      );
      const release = await createRelease(app);
      const updated = await request(app)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({ revision: release.revision, changes: changes(link) });
      expect(updated.status).toBe(400);
      expect(updated.body.error.message).toBe(
        'changes.0.link: must be an http(s) URL',
      );
      const list = await request(app)
        .get('/releases')
        .set('Authorization', asAlice);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: release.id, changes: [] }),
      ]);
    },
  );

  it('accepts the schemes releaseCoordination.links.allowedSchemes names', async () => {
    const { app } = await createApp({ linkSchemes: ['https', 'mailto'] });
    const release = await createRelease(app, {
      changes: changes('mailto:payments@example.com'),
    });
    expect(release.changes[0].link).toBe('mailto:payments@example.com');
    const http = await request(app)
      .post('/releases')
      .set('Authorization', asAlice)
      .send({ ...valid, changes: changes('http://example.com/pr/1') });
    expect(http.status).toBe(400);
    expect(http.body.error.message).toBe(
      'changes.0.link: must be a URL with scheme https or mailto',
    );
  });
});

describe('drafts', () => {
  it('are visible only to their owners, and only if release.read allows', async () => {
    const { database } = await db.init();
    const { auditor } = mockAuditor();
    let read: AuthorizeResult = AuthorizeResult.ALLOW;
    const authorize = jest.fn(async (requests: { permission: Permission }[]) =>
      requests.map(r => ({
        result:
          r.permission.name === 'release-coordination.release.read'
            ? read
            : AuthorizeResult.ALLOW,
      })),
    );
    const { releases } = await createTestServices({
      database,
      catalog: catalogServiceMock({ entities }),
      permissions: mockServices.permissions.mock({
        authorize,
        authorizeConditional: authorize,
      } as any),
      userInfo,
    });
    const app = testApp(
      await createRouter({
        releases,
        httpAuth: mockServices.httpAuth(),
        auditor,
      }),
    );
    // owned by team-a (Alice's group): a draft, and one moved on to planned
    const draft = await createRelease(app);
    const planned = await createRelease(app, {
      window: { start: '2026-12-02T10:00:00Z', end: '2026-12-02T12:00:00Z' },
    });
    expect(
      (
        await request(app)
          .post(`/releases/${planned.id}/transition`)
          .set('Authorization', asAlice)
          .send({ to: 'planned' })
      ).status,
    ).toBe(200);
    // a draft of team-b, which Alice is no member of
    const foreign = await createRelease(
      app,
      { entityRefs: ['component:search-service'] },
      asLead,
    );
    expect(foreign.ownerRef).toBe('group:default/team-b');

    const list = async (auth: string) => {
      const res = await request(app)
        .get('/releases')
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return res.body.items.map((r: Release) => r.id).sort();
    };
    const statusOf = async (path: string, auth: string) =>
      (await request(app).get(path).set('Authorization', auth)).status;

    // the owner sees her draft, not the foreign one; others see no drafts
    expect(await list(asAlice)).toEqual([draft.id, planned.id].sort());
    expect(await list(asMallory)).toEqual([planned.id]);
    for (const path of [
      `/releases/${draft.id}`,
      `/releases/${draft.id}/events`,
    ]) {
      expect(await statusOf(path, asAlice)).toBe(200);
      expect(await statusOf(path, asMallory)).toBe(404);
    }
    expect(await statusOf(`/releases/${foreign.id}`, asAlice)).toBe(404);
    expect(await statusOf(`/releases/${planned.id}`, asMallory)).toBe(200);

    // the read permission denied: even the owner's draft is not found
    read = AuthorizeResult.DENY;
    expect(await list(asAlice)).toEqual([planned.id]);
    expect(await statusOf(`/releases/${draft.id}`, asAlice)).toBe(404);
    expect(await statusOf(`/releases/${draft.id}/events`, asAlice)).toBe(404);
    expect(await statusOf(`/releases/${planned.id}`, asAlice)).toBe(200);
    expect(authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'release-coordination.release.read',
          }),
          resourceRef: draft.id,
        },
      ],
      expect.anything(),
    );
  });
});
