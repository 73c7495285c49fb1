import { mockServices } from '@backstage/backend-test-utils';
import { portalTestBackend } from '../__testUtils__/portalTestBackend';
import { createStores } from '../database/createStores';
import { demoCatalogEntities } from './__testUtils__/demoCatalog';
import { RELEASED_DEMO_ID, seedDemoVerification } from './demoVerification';

jest.setTimeout(120_000);

const portal = portalTestBackend();

describe('demo success criteria', () => {
  it('has a verified release with criteria met and waived and a released one with open criteria, seeded once', async () => {
    const backend = await portal.start({
      entities: demoCatalogEntities(),
      config: { releaseCoordination: { demoData: { seed: true } } },
    });
    const alice = backend.as('user:default/alice');
    const verified = await alice.get(
      '/releases/00000000-0000-4000-a000-000000000001/criteria',
    );
    expect(verified.body).toMatchObject({ verifiable: true, blocking: [] });
    expect(verified.body.criteria.map((c: any) => c.outcome.result)).toEqual([
      'met',
      'waived',
    ]);

    const released = await alice.get(`/releases/${RELEASED_DEMO_ID}/criteria`);
    expect(released.body).toMatchObject({
      recordable: true,
      verifiable: false,
      blocking: [
        expect.stringContaining('(open, owner checkout-team)'),
        expect.any(String),
      ],
    });
    expect(released.body.criteria[0].proposal).toMatchObject({
      result: 'met',
      observedValue: 0.21,
    });
    const approvals = await alice.get(
      `/releases/${RELEASED_DEMO_ID}/approvals`,
    );
    expect(approvals.body.pending).toEqual([]);

    // a second start seeds nothing more
    const stores = await createStores(
      mockServices.database({ knex: backend.knex }),
    );
    await seedDemoVerification({ stores, logger: mockServices.logger.mock() });
    expect(
      await stores.verificationStore.listCriteria(RELEASED_DEMO_ID),
    ).toHaveLength(2);
  });
});
