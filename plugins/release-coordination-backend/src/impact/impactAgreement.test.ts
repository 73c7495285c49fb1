import { Entity } from '@backstage/catalog-model';
import { portalTestBackend } from '../__testUtils__/portalTestBackend';
import { demoCatalogEntities } from '../demo/__testUtils__/demoCatalog';

jest.setTimeout(180_000);

const portal = portalTestBackend();

/** The demo catalog plus a subcomponent of checkout-service. */
function catalog(): Entity[] {
  const entities = demoCatalogEntities();
  const checkout = 'component:default/checkout-service';
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-pricing', namespace: 'default' },
    spec: {
      type: 'library',
      lifecycle: 'production',
      owner: 'checkout-team',
      subcomponentOf: 'checkout-service',
    },
    relations: [
      { type: 'partOf', targetRef: checkout },
      { type: 'ownedBy', targetRef: 'group:default/checkout-team' },
    ],
  });
  entities
    .find(e => e.metadata.name === 'checkout-service')!
    .relations!.push({
      type: 'hasPart',
      targetRef: 'component:default/checkout-pricing',
    });
  return entities;
}

describe('impact and upcoming impact (#10 defect 3)', () => {
  it('agree on the demo catalog: X is in the impact of R exactly when R is in the upcoming impact of X', async () => {
    const entities = catalog();
    const backend = await portal.start({
      entities,
      config: { releaseCoordination: { demoData: { seed: true } } },
    });
    const alice = backend.as('user:default/alice');
    // a release of the subcomponent, planned so everyone sees it
    const created = await alice.post('/releases').send({
      title: 'Pricing 2',
      version: '2.0.0',
      type: 'normal',
      window: {
        start: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        end: new Date(Date.now() + 3 * 86_400_000 + 7_200_000).toISOString(),
      },
      entityRefs: ['component:default/checkout-pricing'],
    });
    expect(created.status).toBe(201);
    await alice
      .post(`/releases/${created.body.id}/transition`)
      .send({ to: 'planned' })
      .expect(200);

    const upcoming = (
      await alice.get(
        '/releases?limit=200&state=planned&state=approved&state=in_progress',
      )
    ).body.items as { id: string; entityRefs: string[] }[];
    expect(upcoming.length).toBeGreaterThan(3);
    const impactOf = new Map<string, Set<string>>();
    for (const release of upcoming) {
      const report = (await alice.get(`/releases/${release.id}/impact`)).body;
      impactOf.set(
        release.id,
        new Set([
          ...release.entityRefs,
          ...report.dependents.map((d: { entityRef: string }) => d.entityRef),
        ]),
      );
    }
    const components = entities
      .filter(e => ['Component', 'API', 'Resource'].includes(e.kind))
      .map(
        e => `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
      );
    const disagreements: string[] = [];
    for (const ref of components) {
      const listed = new Set(
        (
          await alice.get(
            `/impact/upcoming?entityRef=${encodeURIComponent(
              ref,
            )}&to=${encodeURIComponent(
              new Date(Date.now() + 80 * 86_400_000).toISOString(),
            )}`,
          )
        ).body.items.map((i: { release: { id: string } }) => i.release.id),
      );
      for (const release of upcoming) {
        const inImpact = impactOf.get(release.id)!.has(ref);
        if (inImpact !== listed.has(release.id)) {
          disagreements.push(
            `${ref} ${inImpact ? 'in' : 'not in'} the impact of ${
              release.id
            } but ${listed.has(release.id) ? '' : 'not '}listed as upcoming`,
          );
        }
      }
    }
    expect(disagreements).toEqual([]);
    // the case found by outsiders: the parent and its consumers see the subcomponent's release
    expect(
      impactOf.get(created.body.id)!.has('component:default/checkout-service'),
    ).toBe(true);
  });
});
