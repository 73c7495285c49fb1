import request from 'supertest';
import {
  approve,
  asAlice,
  asPipeline,
  createApp,
  freeze,
  post,
  window,
} from './__testUtils__/conflictRoutesApp';

jest.setTimeout(30_000);

/** The gate of payments-service at a time of December 2026, as a pipeline asks. */
const gate = (app: Parameters<typeof request>[0], at: string) =>
  request(app)
    .get(`/gate?entityRef=component:payments-service&at=2026-12-${at}:00Z`)
    .set('Authorization', asPipeline)
    .expect(200);

describe('GET /gate links what blocks a deploy', () => {
  it('links the freeze that prevents it', async () => {
    const { app } = await createApp();
    await freeze(app);
    const release = await post(app, { window: window('02T10:00', '02T12:00') });
    await approve(app, release);
    const { body: freezes } = await request(app)
      .get('/freezes')
      .set('Authorization', asAlice);
    const { body } = await gate(app, '02T11:00');
    expect(body.status).toBe('prevented');
    expect(body.blockedBy).toEqual([
      {
        kind: 'freeze',
        id: freezes.items[0].id,
        title: 'Payments freeze',
        url: '/release-coordination?tab=freezes',
      },
    ]);
  });

  it('links the other release of a blocking conflict', async () => {
    const { app } = await createApp();
    const covering = await post(app, {});
    await approve(app, covering);
    const other = await post(app, {
      title: 'Payments 2.1',
      window: window('08T11:30', '08T13:00'),
    });
    await request(app)
      .post(`/releases/${other.id}/transition`)
      .set('Authorization', asAlice)
      .send({ to: 'planned' })
      .expect(200);
    const { body } = await gate(app, '08T11:00');
    expect(body.status).toBe('prevented');
    expect(body.blockedBy).toEqual([
      {
        kind: 'release',
        id: other.id,
        title: 'Payments 2.1',
        url: `/release-coordination/releases/${other.id}`,
      },
    ]);
  });

  it('links nothing when it allows the deploy or when no release covers it', async () => {
    const { app } = await createApp();
    const release = await post(app, {});
    await approve(app, release);
    const allowed = await gate(app, '08T11:00');
    expect(allowed.body).toMatchObject({ allowed: true, blockedBy: [] });
    const uncovered = await gate(app, '20T11:00');
    expect(uncovered.body).toMatchObject({ allowed: false, blockedBy: [] });
  });
});
