import {
  portalTestBackend,
  windowIn,
} from '../__testUtils__/portalTestBackend';

jest.setTimeout(60_000);

const portal = portalTestBackend();

describe('override notifications', () => {
  it('tells the owners when a freeze or risk override is set or cleared, not the actor', async () => {
    const backend = await portal.start();
    const alice = backend.as('owner');
    const created = await alice.post('/releases').send({
      title: 'Checkout 20',
      version: '20',
      type: 'normal',
      window: windowIn(48),
      entityRefs: ['component:default/checkout-service'],
    });
    const id = created.body.id;
    await alice.post(`/releases/${id}/transition`).send({ to: 'planned' });
    const rita = backend.as('releaseManager');
    const sentFor = (action: string) =>
      backend.sent.filter(n =>
        n.payload.scope?.startsWith(`release-coordination:${id}:${action}:`),
      );

    await rita
      .post(`/releases/${id}/freeze-override`)
      .send({ reason: 'Agreed in the CAB' })
      .expect(200);
    await rita.delete(`/releases/${id}/freeze-override`).expect(200);
    await rita
      .post(`/releases/${id}/risk-override`)
      .send({ level: 'low', reason: 'Behind a flag' })
      .expect(200);
    await rita.delete(`/releases/${id}/risk-override`).expect(200);

    for (const action of [
      'freeze-overridden',
      'freeze-override-cleared',
      'risk-overridden',
      'risk-override-cleared',
    ]) {
      const [notification, ...more] = sentFor(action);
      expect({ action, more: more.length }).toEqual({ action, more: 0 });
      expect(notification.recipients).toEqual({
        type: 'entity',
        entityRef: [
          'component:default/checkout-service',
          'group:default/checkout-team',
        ],
        excludeEntityRef: ['user:default/rita'],
      });
      expect(notification.payload.topic).toBe(`release:${id}`);
    }
    expect(sentFor('freeze-overridden')[0].payload.description).toBe(
      'By rita: Agreed in the CAB',
    );
  });
});
