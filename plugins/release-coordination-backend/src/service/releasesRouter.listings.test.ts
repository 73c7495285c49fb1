import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Release } from '@internal/plugin-release-coordination-common';
import request from 'supertest';
import { createTestServices } from '../__testUtils__/testServices';
import {
  asAlice,
  asMallory,
  createRelease,
  entities,
  userInfo,
} from './__testUtils__/releaseRoutesApp';
import {
  mockAuditor,
  routerTestDatabase,
  switchableReleaseRead,
  testApp,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';

jest.setTimeout(60_000);

const db = routerTestDatabase(['SQLITE_3', 'POSTGRES_15']);

describe.each(db.eachSupportedId())(
  'release listings kept between writes, two replicas on %p',
  id => {
    it('serve each caller their own listing, follow writes through the other replica and permission decisions', async () => {
      const { database } = await db.init(id);
      const { permissions, setRead } = switchableReleaseRead();
      // two backend replicas: each its own services, router and memory
      const replica = async () => {
        const services = await createTestServices({
          database,
          catalog: catalogServiceMock({ entities }),
          permissions,
          userInfo,
        });
        const listed = jest.spyOn(services.releases, 'listReleases');
        const app = testApp(
          await createRouter({
            ...services,
            userInfo,
            httpAuth: mockServices.httpAuth(),
            auditor: mockAuditor().auditor,
          }),
        );
        return { app, listed };
      };
      const a = await replica();
      const b = await replica();

      const planned = await createRelease(a.app, {
        window: { start: '2026-12-02T10:00:00Z', end: '2026-12-02T12:00:00Z' },
      });
      expect(
        (
          await request(a.app)
            .post(`/releases/${planned.id}/transition`)
            .set('Authorization', asAlice)
            .send({ to: 'planned' })
        ).status,
      ).toBe(200);
      const list = async (
        app: typeof a.app,
        auth: string,
      ): Promise<{ items: Release[]; etag: string }> => {
        const res = await request(app)
          .get('/releases')
          .set('Authorization', auth);
        expect(res.status).toBe(200);
        return { items: res.body.items, etag: res.headers.etag };
      };
      const ids = (items: Release[]) => items.map(r => r.id).sort();

      // Alice's listing holds no draft, and is kept: the second request is
      // answered without listing again, with the same entity tag
      const first = await list(a.app, asAlice);
      expect(ids(first.items)).toEqual([planned.id]);
      const calls = a.listed.mock.calls.length;
      expect((await list(a.app, asAlice)).etag).toBe(first.etag);
      expect(a.listed).toHaveBeenCalledTimes(calls);
      // the browser's revalidation: 304 without a body
      const revalidated = await request(a.app)
        .get('/releases')
        .set('Authorization', asAlice)
        .set('If-None-Match', first.etag);
      expect(revalidated.status).toBe(304);
      // a browser accepts gzip: the same listing, compressed, same tag
      const asBrowser = () =>
        request(a.app)
          .get('/releases')
          .set('Authorization', asAlice)
          .set('Accept-Encoding', 'gzip, deflate, br');
      const compressed = await asBrowser();
      expect(compressed.status).toBe(200);
      expect(compressed.headers['content-encoding']).toBe('gzip');
      expect(compressed.headers.vary).toMatch(/Accept-Encoding/);
      expect(compressed.headers.etag).toBe(first.etag);
      expect(compressed.body.items).toEqual(first.items);
      expect((await asBrowser().set('If-None-Match', first.etag)).status).toBe(
        304,
      );
      expect(a.listed).toHaveBeenCalledTimes(calls);

      // a draft of Alice's group created through the other replica: Mallory
      // lists first, and her listing (no draft of hers, no permission asked)
      // is kept at the new revision...
      const draft = await createRelease(b.app);
      expect(ids((await list(a.app, asMallory)).items)).toEqual([planned.id]);
      // ...and Alice, asking the same, is not served it
      expect(ids((await list(a.app, asAlice)).items)).toEqual(
        [draft.id, planned.id].sort(),
      );

      // an edit of a field no conflict depends on, through replica B
      const edited = await request(b.app)
        .patch(`/releases/${planned.id}`)
        .set('Authorization', asAlice)
        .send({ revision: planned.revision + 1, description: 'Moved' });
      expect(edited.status).toBe(200);
      expect(
        (await list(a.app, asMallory)).items.find(r => r.id === planned.id)
          ?.description,
      ).toBe('Moved');

      // Alice's listing asks for the decision on her draft: it is kept, and
      // served while the same question gets the same answer...
      expect(ids((await list(a.app, asAlice)).items)).toEqual(
        [draft.id, planned.id].sort(),
      );
      const computed = a.listed.mock.calls.length;
      expect(ids((await list(a.app, asAlice)).items)).toEqual(
        [draft.id, planned.id].sort(),
      );
      expect(a.listed).toHaveBeenCalledTimes(computed);
      // ...so with the read permission now denied, and no write at all, it is
      // computed again without the draft
      setRead(AuthorizeResult.DENY);
      expect(ids((await list(a.app, asAlice)).items)).toEqual([planned.id]);
    });
  },
);
