import { Entity } from '@backstage/catalog-model';
import {
  portalTestBackend,
  RequestAs,
} from '../__testUtils__/portalTestBackend';
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

/** A release as listed by `GET /releases`, as far as these tests read it. */
type UpcomingRelease = {
  id: string;
  entityRefs: string[];
  window: { start: string; end: string };
};

/** Plans a normal two-hour release of one entity, starting at `start`. */
async function planRelease(
  as: RequestAs,
  title: string,
  entityRef: string,
  start: number,
) {
  const res = await as.post('/releases').send({
    title,
    version: '1.0.0',
    type: 'normal',
    window: {
      start: new Date(start).toISOString(),
      end: new Date(start + 7_200_000).toISOString(),
    },
    entityRefs: [entityRef],
  });
  expect(res.status).toBe(201);
  await as
    .post(`/releases/${res.body.id}/transition`)
    .send({ to: 'planned' })
    .expect(200);
}

/**
 * For each release, the entities of its impact (its own and their
 * dependents), and those reached in one hop by depending on or consuming a
 * changed entity.
 */
async function impactsOf(alice: RequestAs, upcoming: UpcomingRelease[]) {
  const impactOf = new Map<string, Set<string>>();
  const directDependentsOf = new Map<string, Set<string>>();
  /** Per release, the path of its impact to each entity, as arrows. */
  const pathsOf = new Map<string, Map<string, string>>();
  for (const release of upcoming) {
    const report = (await alice.get(`/releases/${release.id}/impact`)).body;
    pathsOf.set(
      release.id,
      new Map([
        ...release.entityRefs.map(ref => [ref, ref] as [string, string]),
        ...report.dependents.map(
          (d: { entityRef: string; path: string[] }) =>
            [d.entityRef, d.path.join(' → ')] as [string, string],
        ),
      ]),
    );
    directDependentsOf.set(
      release.id,
      new Set(
        report.dependents
          .filter(
            (d: { depth: number; via: string }) =>
              d.depth === 1 && ['dependsOn', 'consumesApi'].includes(d.via),
          )
          .map((d: { entityRef: string }) => d.entityRef),
      ),
    );
    impactOf.set(
      release.id,
      new Set([
        ...release.entityRefs,
        ...report.dependents.map((d: { entityRef: string }) => d.entityRef),
      ]),
    );
  }
  return { impactOf, directDependentsOf, pathsOf };
}

/**
 * Where the upcoming impact of an entity and the impact of a release
 * disagree: on whether the release reaches the entity, and on the path
 * through which it reaches the entity and its parts (`affectedHere`).
 */
async function upcomingDisagreements(
  alice: RequestAs,
  components: string[],
  upcoming: UpcomingRelease[],
  { impactOf, pathsOf }: Awaited<ReturnType<typeof impactsOf>>,
) {
  const disagreements: string[] = [];
  for (const ref of components) {
    const items = (
      await alice.get(
        `/impact/upcoming?entityRef=${encodeURIComponent(
          ref,
        )}&to=${encodeURIComponent(
          new Date(Date.now() + 80 * 86_400_000).toISOString(),
        )}`,
      )
    ).body.items as {
      release: { id: string };
      affectedHere: { entityRef: string; path: string[] }[];
    }[];
    for (const item of items) {
      const here = item.affectedHere.map(a => a.entityRef);
      if (impactOf.get(item.release.id)?.has(ref) && !here.includes(ref)) {
        disagreements.push(`${item.release.id} reaches ${ref}, not shown`);
      }
      const paths = pathsOf.get(item.release.id);
      if (!paths) continue; // not among the releases compared
      for (const { entityRef, path } of item.affectedHere) {
        const expected = paths.get(entityRef);
        if (path.join(' → ') !== expected) {
          disagreements.push(
            `${item.release.id} reaches ${entityRef} through ${path.join(
              ' → ',
            )}, its impact says ${expected}`,
          );
        }
      }
    }
    const listed = new Set(items.map(item => item.release.id));
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
  return disagreements;
}

/**
 * The paths through which the upcoming impact of two systems says each
 * release reaches their entities, each checked to be its impact's path.
 */
async function systemPathsAgreeing(
  alice: RequestAs,
  { pathsOf }: Awaited<ReturnType<typeof impactsOf>>,
): Promise<string[]> {
  const systemPaths: string[] = [];
  for (const system of ['storefront', 'checkout']) {
    const { items } = (
      await alice.get(
        `/impact/upcoming?system=system:default/${system}&to=${encodeURIComponent(
          new Date(Date.now() + 80 * 86_400_000).toISOString(),
        )}`,
      )
    ).body as {
      items: {
        release: { id: string };
        affectedHere: { entityRef: string; path: string[] }[];
      }[];
    };
    for (const item of items) {
      const paths = pathsOf.get(item.release.id);
      if (!paths) continue;
      expect(item.affectedHere.length).toBeGreaterThan(0);
      for (const { entityRef, path } of item.affectedHere) {
        expect(path.join(' → ')).toBe(paths.get(entityRef));
        systemPaths.push(path.join(' → '));
      }
    }
  }
  return systemPaths;
}

/** The conflicts of the next 80 days. */
async function conflictsAhead(alice: RequestAs) {
  return (
    await alice.get(
      `/conflicts?from=${encodeURIComponent(
        new Date().toISOString(),
      )}&to=${encodeURIComponent(
        new Date(Date.now() + 80 * 86_400_000).toISOString(),
      )}`,
    )
  ).body.items as { kind: string; releaseIds: string[]; message: string }[];
}

describe('impact, upcoming impact and conflicts (#10: one catalog model)', () => {
  it('agree on the demo catalog: X is in the impact of R exactly when R is in the upcoming impact of X, and dependency conflicts match the impact', async () => {
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

    // two overlapping releases where one entity depends on the other
    const day5 = Date.now() + 5 * 86_400_000;
    await planRelease(
      alice,
      'Checkout 9',
      'component:default/checkout-service',
      day5,
    );
    await planRelease(
      backend.as('user:default/dave'),
      'Storefront BFF 9',
      'component:default/storefront-bff',
      day5 + 3_600_000,
    );

    const upcoming = (
      await alice.get(
        '/releases?limit=200&state=planned&state=approved&state=in_progress',
      )
    ).body.items as UpcomingRelease[];
    expect(upcoming.length).toBeGreaterThan(3);
    const impacts = await impactsOf(alice, upcoming);
    const { impactOf, directDependentsOf } = impacts;
    const components = entities
      .filter(e => ['Component', 'API', 'Resource'].includes(e.kind))
      .map(
        e => `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
      );
    const disagreements = await upcomingDisagreements(
      alice,
      components,
      upcoming,
      impacts,
    );
    expect(disagreements).toEqual([]);

    // a System's upcoming impact names, for each release, which of its own
    // entities the release reaches and through which path: its impact's
    const systemPaths = await systemPathsAgreeing(alice, impacts);
    // among them paths through a dependency, not only changed entities
    expect(systemPaths.some(path => path.includes(' → '))).toBe(true);

    // conflicts read the same model: a dependency conflict between two
    // releases (not of one system) has one in the other's impact, and two
    // overlapping releases where one's entity directly depends on the
    // other's have a dependency conflict
    const conflicts = await conflictsAhead(alice);
    const byId = new Map(upcoming.map(r => [r.id, r]));
    const touches = (impactId: string, otherId: string) =>
      byId
        .get(otherId)!
        .entityRefs.some(ref => impactOf.get(impactId)!.has(ref));
    const dependencyPairs = new Set<string>();
    const conflictDisagreements: string[] = [];
    for (const conflict of conflicts.filter(c => c.kind === 'dependency')) {
      const [x, y] = conflict.releaseIds;
      if (!byId.has(x) || !byId.has(y)) continue;
      dependencyPairs.add([x, y].sort().join(' '));
      if (/system/.test(conflict.message)) continue;
      if (!touches(x, y) && !touches(y, x)) {
        conflictDisagreements.push(
          `${conflict.message}: neither impact has the other`,
        );
      }
    }
    const overlap = (a: string, b: string) =>
      Date.parse(byId.get(a)!.window.start) <
        Date.parse(byId.get(b)!.window.end) &&
      Date.parse(byId.get(b)!.window.start) <
        Date.parse(byId.get(a)!.window.end);
    for (const x of byId.keys()) {
      for (const y of byId.keys()) {
        if (x === y || !overlap(x, y)) continue;
        const direct = byId
          .get(y)!
          .entityRefs.some(ref => directDependentsOf.get(x)!.has(ref));
        if (direct && !dependencyPairs.has([x, y].sort().join(' '))) {
          conflictDisagreements.push(
            `${y} depends on ${x} in the impact, overlaps it, but has no dependency conflict`,
          );
        }
      }
    }
    expect(conflictDisagreements).toEqual([]);
    // the demo data holds dependency conflicts to compare
    expect(dependencyPairs.size).toBeGreaterThan(0);
    // the case found by outsiders: the parent and its consumers see the subcomponent's release
    expect(
      impactOf.get(created.body.id)!.has('component:default/checkout-service'),
    ).toBe(true);
  });
});
