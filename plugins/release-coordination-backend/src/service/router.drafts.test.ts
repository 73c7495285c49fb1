import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Release } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import { createTestServices } from '../__testUtils__/testServices';
import {
  asAlice,
  asLead,
  asMallory,
  createApp,
  createRelease,
  db,
  entities,
  userInfo,
  valid,
} from './__testUtils__/releaseRoutesApp';
import {
  mockAuditor,
  switchableReleaseRead,
  testApp,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';

jest.setTimeout(30_000);

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

const asService = mockCredentials.service.header();

describe('drafts', () => {
  it('are visible only to their owners, and only if release.read allows', async () => {
    const { database } = await db.init();
    const { auditor } = mockAuditor();
    const { permissions, authorize, setRead } = switchableReleaseRead();
    const { releases } = await createTestServices({
      database,
      catalog: catalogServiceMock({ entities }),
      permissions,
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
    // a backend service (the search collator) lists every release but drafts
    expect(await list(asService)).toEqual([planned.id]);
    // …and may read nothing else: the rest stays for users
    for (const path of [
      `/releases/${planned.id}`,
      `/releases/${planned.id}/events`,
    ]) {
      expect(await statusOf(path, asService)).toBe(403);
    }
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
    setRead(AuthorizeResult.DENY);
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
