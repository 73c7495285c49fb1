/*
 * The generated catalog of the impact benchmarks (scripts/bench-impact-catalog.ts
 * and scripts/bench-impact-scale.ts): 10,000 components, 2,000 APIs, 500 systems,
 * 50 domains and 300 groups at scale 1 (12,851 entities, 43,144 relations),
 * every count multiplied by the scale.
 */
import { Entity } from '@backstage/catalog-model';
import { lehmer } from './benchSupport';

/** How many entities of each kind a scale gives. */
export function catalogCounts(scale: number) {
  return {
    components: Math.round(10_000 * scale),
    apis: Math.round(2_000 * scale),
    systems: Math.max(1, Math.round(500 * scale)),
    domains: Math.max(1, Math.round(50 * scale)),
    groups: Math.max(1, Math.round(300 * scale)),
  };
}

/** The scale whose catalog has about `entities` entities. */
export const scaleFor = (entities: number) => (entities - 1) / 12_850;

/** The benchmark release's three components, placed at the same relative positions at every scale. */
export function benchChangedRefs(components: number): string[] {
  return [5000, 5001, 7003].map(
    n => `component:default/c${Math.floor((n * components) / 10_000)}`,
  );
}

/**
 * The catalog as the catalog wants it: relations are left to the catalog's
 * own processors (`spec.owner`, `system`, `domain`, `dependsOn`,
 * `consumesApis`, `providesApis`); {@link withCatalogRelations} adds them as
 * those processors would. Components are in systems in domains, owned by
 * groups; every fifth component provides an API; components depend on ~0.8
 * components further down the list and consume ~0.8 APIs, so dependencies are
 * layered as in a real catalog (no component reaches everything). Every
 * system, domain and API gets an owner (the catalog requires one).
 * `relations` counts pairs (each stored on both entities).
 */
export function generateCatalog(
  scale: number,
  location: string,
): {
  entities: Entity[];
  relations: number;
  counts: ReturnType<typeof catalogCounts>;
} {
  const counts = catalogCounts(scale);
  const rnd = lehmer(42);
  const pick = (n: number) => Math.floor(rnd() * n);
  const byRef = new Map<string, Entity>();
  const add = (
    kind: string,
    name: string,
    spec: Record<string, unknown>,
    tier?: string,
  ) => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name,
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
          ...(tier && { 'release-coordination/tier': tier }),
        },
      },
      spec: spec as Entity['spec'],
    };
    byRef.set(`${kind.toLocaleLowerCase('en-US')}:default/${name}`, entity);
    return entity;
  };
  const spec = (ref: string) => byRef.get(ref)!.spec as Record<string, any>;
  const push = (ref: string, field: string, value: string) => {
    (spec(ref)[field] ??= []).push(value);
  };
  let relations = 0;
  const comp = (i: number) => `component:default/c${i}`;
  const api = (i: number) => `api:default/a${i}`;
  // the benchmark user, a member of the group owning the benchmark release
  add('User', 'bench', { memberOf: ['g0'] });
  relations++; // memberOf
  for (let i = 0; i < counts.groups; i++) {
    add('Group', `g${i}`, { type: 'team', children: [] });
  }
  for (let i = 0; i < counts.domains; i++) {
    add(
      'Domain',
      `d${i}`,
      { owner: 'g0' },
      ['tier-1', 'tier-2', 'tier-3'][i % 3],
    );
    relations++; // ownedBy
  }
  for (let i = 0; i < counts.systems; i++) {
    add('System', `s${i}`, { owner: 'g0', domain: `d${i % counts.domains}` });
    relations += 2; // ownedBy, partOf
  }
  const perSystem = counts.components / counts.systems;
  for (let i = 0; i < counts.components; i++) {
    const s = Math.floor(i / perSystem);
    const owner = pick(counts.groups);
    add('Component', `c${i}`, {
      type: 'service',
      lifecycle: 'production',
      owner: `g${owner}`,
      system: `s${s}`,
    });
    relations += 2; // partOf, ownedBy
  }
  const perApi = counts.components / counts.apis;
  for (let i = 0; i < counts.apis; i++) {
    const provider = Math.floor(i * perApi);
    add('API', `a${i}`, {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'g0',
      system: `s${Math.floor(provider / perSystem)}`,
      definition: 'openapi: 3.0.0',
    });
    push(comp(provider), 'providesApis', api(i));
    relations += 3; // partOf, ownedBy, providesApi
  }
  for (let i = 0; i < counts.components; i++) {
    const span = counts.components - i - 1;
    if (span > 0 && rnd() < 0.8) {
      push(comp(i), 'dependsOn', comp(i + 1 + pick(Math.min(200, span))));
      relations++;
    }
    if (rnd() < 0.8) {
      const target = Math.min(
        counts.apis - 1,
        Math.floor(i / 5) + 1 + pick(40),
      );
      const list = (spec(comp(i)).consumesApis ?? []) as string[];
      if (!list.includes(api(target))) {
        push(comp(i), 'consumesApis', api(target));
        relations++;
      }
    }
  }
  return { entities: [...byRef.values()], relations, counts };
}

/** Spec fields the catalog's built-in processor turns into relations: field, default kind, relation, inverse. */
const SPEC_RELATIONS: [string, string, string, string][] = [
  ['owner', 'group', 'ownedBy', 'ownerOf'],
  ['memberOf', 'group', 'memberOf', 'hasMember'],
  ['system', 'system', 'partOf', 'hasPart'],
  ['domain', 'domain', 'partOf', 'hasPart'],
  ['providesApis', 'api', 'providesApi', 'apiProvidedBy'],
  ['consumesApis', 'api', 'consumesApi', 'apiConsumedBy'],
  ['dependsOn', 'component', 'dependsOn', 'dependencyOf'],
];

/**
 * The entities with the relations the catalog's processors compute from
 * their spec, on both ends, as the catalog serves them after stitching
 * (for a catalog double that skips processing).
 */
export function withCatalogRelations(entities: Entity[]): Entity[] {
  const refOf = (kind: string, name: string) =>
    name.includes(':') ? name : `${kind}:default/${name}`;
  const relations = new Map<string, { type: string; targetRef: string }[]>();
  const list = (ref: string) => {
    let items = relations.get(ref);
    if (!items) relations.set(ref, (items = []));
    return items;
  };
  for (const entity of entities) {
    const source = refOf(
      entity.kind.toLocaleLowerCase('en-US'),
      entity.metadata.name,
    );
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    for (const [field, kind, type, inverse] of SPEC_RELATIONS) {
      const values = spec[field];
      for (const value of values === undefined ? [] : [values].flat()) {
        const target = refOf(kind, String(value));
        list(source).push({ type, targetRef: target });
        list(target).push({ type: inverse, targetRef: source });
      }
    }
  }
  return entities.map(entity => ({
    ...entity,
    relations:
      relations.get(
        refOf(entity.kind.toLocaleLowerCase('en-US'), entity.metadata.name),
      ) ?? [],
  }));
}
