import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  approve,
  asAlice,
  asPipeline,
  entities,
  PAYMENTS,
  post,
  userInfo,
  window,
} from './__testUtils__/conflictRoutesApp';
import {
  createPlanningServices,
  mockAuditor,
  routerTestDatabase,
  testApp,
} from './__testUtils__/routerTestKit';
import { createRouter } from './router';

jest.setTimeout(60_000);

const db = routerTestDatabase(['SQLITE_3', 'POSTGRES_15']);

describe.each(db.eachSupportedId())(
  'the deploy gate kept between writes, two replicas on %p',
  id => {
    it('reads nothing but the revision when asked again, and follows each kind of write through the other replica', async () => {
      const { database, knex } = await db.init(id);
      // two backend replicas: each its own services, router and memory
      const replica = async () => {
        const services = await createPlanningServices({
          database,
          catalog: catalogServiceMock({ entities }),
          userInfo,
          config: { approvals: { rules: { normal: 'none' } } },
        });
        return testApp(
          await createRouter({
            ...services,
            httpAuth: mockServices.httpAuth(),
            auditor: mockAuditor().auditor,
          }),
        );
      };
      const a = await replica();
      const b = await replica();
      const gate = async (at: string) => {
        const res = await request(b)
          .get(`/gate?entityRef=${PAYMENTS}&at=${at}`)
          .set('Authorization', asPipeline);
        expect(res.status).toBe(200);
        return res.body;
      };
      const selects: string[] = [];
      knex.on('query', (q: { sql: string }) => {
        if (/^\s*select/i.test(q.sql)) selects.push(q.sql);
      });
      const selectsOf = async (at: string) => {
        selects.length = 0;
        const answer = await gate(at);
        return { answer, selects: [...selects] };
      };

      const release = await post(a, {});
      await approve(a, release);
      expect((await gate('2026-12-08T11:00:00Z')).allowed).toBe(true);
      // another instant of the same day: only the revision is read, and
      // the answer is the instant's
      const again = await selectsOf('2026-12-08T11:30:00Z');
      expect(again.selects).toEqual([
        expect.stringContaining('release_listing_revision'),
      ]);
      expect(again.answer).toMatchObject({ allowed: true });
      expect(again.answer.reasons[0]).toContain('covers 2026-12-08T11:30:00Z');
      // an instant of the day outside the window
      expect((await gate('2026-12-08T13:00:00Z')).reasons).toEqual([
        `No approved or in-progress release of ${PAYMENTS} covers 2026-12-08T13:00:00Z.`,
      ]);

      // a freeze declared through the other replica
      const declared = await request(a)
        .post('/freezes')
        .set('Authorization', asAlice)
        .send({
          title: 'Payments freeze',
          scope: { systems: ['payments'] },
          start: '2026-12-08T09:00:00Z',
          end: '2026-12-08T13:00:00Z',
        });
      expect(declared.status).toBe(201);
      const frozen = await gate('2026-12-08T11:00:00Z');
      expect(frozen).toMatchObject({
        allowed: false,
        blockedBy: [{ kind: 'freeze', id: declared.body.id }],
      });

      // the release overrides it
      await request(a)
        .post(`/releases/${release.id}/freeze-override`)
        .set('Authorization', asAlice)
        .send({ reason: 'Regulatory deadline' })
        .expect(200);
      expect((await gate('2026-12-08T11:00:00Z')).allowed).toBe(true);

      // a release planned over it: a blocking conflict, read from the table
      const overlapping = await post(a, {
        title: 'Payments 2.1',
        window: window('08T10:30', '08T13:00'),
      });
      await request(a)
        .post(`/releases/${overlapping.id}/transition`)
        .set('Authorization', asAlice)
        .send({ to: 'planned' })
        .expect(200);
      const conflicted = await gate('2026-12-08T11:00:00Z');
      expect(conflicted.allowed).toBe(false);
      expect(conflicted.reasons).toEqual([
        expect.stringMatching(/^Blocking same-entity conflict/),
      ]);

      // the release moved to another day
      const moved = await request(a)
        .patch(`/releases/${release.id}`)
        .set('Authorization', asAlice)
        .send({
          revision: (
            await request(a)
              .get(`/releases/${release.id}`)
              .set('Authorization', asAlice)
          ).body.revision,
          window: window('09T10:00', '09T12:00'),
        });
      expect(moved.status).toBe(200);
      expect((await gate('2026-12-08T11:00:00Z')).reasons).toContain(
        `No approved or in-progress release of ${PAYMENTS} covers 2026-12-08T11:00:00Z.`,
      );
    });
  },
);
