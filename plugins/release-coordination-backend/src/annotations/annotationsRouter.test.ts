import {
  PORTAL_TEST_ENTITIES,
  portalTestBackend,
} from '../__testUtils__/portalTestBackend';

jest.setTimeout(60_000);

const kit = portalTestBackend();

const annotated = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'odd-service',
    namespace: 'default',
    annotations: {
      'release-coordination/tier': 'platinum',
      'release-coordination/audience': 'customers',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'checkout-team' },
};

describe('GET /entity-annotations', () => {
  it("reports the problems of an entity's annotations, 404 for an unknown one and 400 for a bad ref", async () => {
    const backend = await kit.start({
      entities: [...PORTAL_TEST_ENTITIES, annotated],
    });
    const { body } = await backend
      .as('otherTeam')
      .get('/entity-annotations?entityRef=component:default/odd-service')
      .expect(200);
    expect(body).toEqual({
      entityRef: 'component:default/odd-service',
      problems: [
        {
          annotation: 'release-coordination/tier',
          value: 'platinum',
          problem: expect.stringContaining('"platinum" is not a known tier'),
        },
      ],
    });
    const fine = await backend
      .as('owner')
      .get('/entity-annotations?entityRef=component:default/checkout-service')
      .expect(200);
    expect(fine.body.problems).toEqual([]);
    await backend
      .as('owner')
      .get('/entity-annotations?entityRef=component:default/nope')
      .expect(404);
    const bad = await backend
      .as('owner')
      .get('/entity-annotations?entityRef=')
      .expect(400);
    expect(bad.body.error.message).toMatch(/^entityRef: /);
  });
});
