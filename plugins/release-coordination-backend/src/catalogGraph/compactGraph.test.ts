import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AUDIENCE_ANNOTATION,
  TIER_ANNOTATION,
} from '@internal/plugin-release-coordination-common';
import fc from 'fast-check';
import { Adjacency } from './Adjacency';
import { CatalogGraph, GRAPH_KINDS, Rel } from './CatalogGraph';
import { DependencyGraph, MAX_DEPENDENCY_DEPTH } from './DependencyGraph';
import { specRef } from './refs';

/*
 * The compact graph (typed arrays, shared strings, linear-time duplicate
 * removal) against plain reference implementations: lists of pairs, arrays
 * of arrays and a set of seen edges, on random catalogs.
 */

const lower = (value: string) => value.toLocaleLowerCase('en-US');

const RELS: Rel[] = [
  'dependsOn',
  'consumesApi',
  'providesApi',
  'partOf',
  'ownedBy',
  'memberOf',
  'childOf',
];
/** Relation type → stored relation and whether it is stored reversed. */
const TYPES: Record<string, [Rel, boolean]> = {
  dependsOn: ['dependsOn', false],
  dependencyOf: ['dependsOn', true],
  consumesApi: ['consumesApi', false],
  apiConsumedBy: ['consumesApi', true],
  providesApi: ['providesApi', false],
  apiProvidedBy: ['providesApi', true],
  partOf: ['partOf', false],
  hasPart: ['partOf', true],
  ownedBy: ['ownedBy', false],
  ownerOf: ['ownedBy', true],
  memberOf: ['memberOf', false],
  hasMember: ['memberOf', true],
  childOf: ['childOf', false],
  parentOf: ['childOf', true],
};

/** The neighbours of each node in a list of pairs, each pair once (its first time), in list order. */
function referenceAdjacency(
  pairs: number[],
  nodeCount: number,
  reversed = false,
) {
  const lists = Array.from({ length: nodeCount }, () => [] as number[]);
  const seen = new Set<string>();
  for (let i = 0; i < pairs.length; i += 2) {
    const key = `${pairs[i]},${pairs[i + 1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (reversed) lists[pairs[i + 1]].push(pairs[i]);
    else lists[pairs[i]].push(pairs[i + 1]);
  }
  return lists;
}

const pairLists = fc.integer({ min: 1, max: 12 }).chain(nodeCount =>
  fc.record({
    nodeCount: fc.constant(nodeCount),
    pairs: fc
      .array(
        fc.tuple(
          fc.nat({ max: nodeCount - 1 }),
          fc.nat({ max: nodeCount - 1 }),
        ),
        { maxLength: 60 },
      )
      .map(list => list.flat()),
  }),
);

const KINDS = [...GRAPH_KINDS, 'User'];
const names = fc.nat({ max: 6 }).map(n => `e${n}`);
const namespaces = fc.constantFrom('default', 'other');
/** A spec field naming an entity: bare, full, in capitals, or not a ref. */
const specValues = fc.oneof(
  names,
  fc
    .tuple(fc.constantFrom(...KINDS), namespaces, names)
    .map(([kind, namespace, name]) => `${kind}:${namespace}/${name}`),
  fc.constantFrom(undefined, '', 5, 'a:b:c/d'),
);
const relations = fc.array(
  fc.record({
    type: fc.constantFrom(...Object.keys(TYPES), 'unknownRelation'),
    kind: fc.constantFrom(...KINDS),
    namespace: namespaces,
    name: names,
    capitals: fc.boolean(),
  }),
  { maxLength: 8 },
);
/** Random catalogs of up to 25 entities, with repeated refs, relations to missing entities and refs in capitals. */
const catalogs = fc.array(
  fc.record({
    kind: fc.constantFrom(...KINDS),
    namespace: namespaces,
    name: names,
    spec: fc.record(
      {
        owner: specValues,
        system: specValues,
        domain: specValues,
        parent: specValues,
        lifecycle: fc.constantFrom('production', 'experimental', 3),
      },
      { requiredKeys: [] },
    ),
    tier: fc.option(fc.constantFrom('Tier-1', ' tier-2 ', ''), {
      nil: undefined,
    }),
    audience: fc.option(fc.constantFrom('ops, sales', 'ops', ' , '), {
      nil: undefined,
    }),
    relations,
  }),
  { maxLength: 25 },
);

type GeneratedCatalog = typeof catalogs extends fc.Arbitrary<infer T>
  ? T
  : never;

function toEntities(generated: GeneratedCatalog): Entity[] {
  return generated.map(e => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: e.kind,
    metadata: {
      name: e.name,
      namespace: e.namespace,
      annotations: {
        ...(e.tier !== undefined && { [TIER_ANNOTATION]: e.tier }),
        ...(e.audience !== undefined && { [AUDIENCE_ANNOTATION]: e.audience }),
      },
    },
    spec: e.spec as Entity['spec'],
    relations: e.relations.map(r => {
      const ref = `${lower(r.kind)}:${r.namespace}/${r.name}`;
      return { type: r.type, targetRef: r.capitals ? ref.toUpperCase() : ref };
    }),
  }));
}

/** The graph read the plain way: an array of refs, a set of seen edges, arrays of arrays. */
function referenceGraph(entities: Entity[]) {
  const refs: string[] = [];
  const first = new Map<string, Entity>();
  for (const entity of entities) {
    const ref = lower(stringifyEntityRef(entity));
    if (!first.has(ref)) {
      first.set(ref, entity);
      refs.push(ref);
    }
  }
  const indexOf = (ref: string) => refs.indexOf(ref);
  const pairs = new Map<Rel, number[]>(RELS.map(rel => [rel, []]));
  const owners: (string | undefined)[] = refs.map(() => undefined);
  const systemOf = refs.map(() => -1);
  const domainOf = refs.map(() => -1);
  const missing = new Map<number, Set<string>>();
  const specDomains: [number, string][] = [];
  const add = (rel: Rel, from: number, to: number) => {
    if (from !== to) pairs.get(rel)!.push(from, to);
  };
  for (const entity of entities) {
    const source = indexOf(lower(stringifyEntityRef(entity)));
    const ns = entity.metadata.namespace!;
    owners[source] = specRef(entity.spec?.owner, 'group', ns);
    const system = specRef(entity.spec?.system, 'system', ns);
    if (system !== undefined) systemOf[source] = indexOf(system);
    const domain = specRef(entity.spec?.domain, 'domain', ns);
    if (domain !== undefined) specDomains.push([source, domain]);
    const parent = specRef(entity.spec?.parent, 'group', ns);
    if (parent !== undefined && indexOf(parent) >= 0) {
      add('childOf', source, indexOf(parent));
    }
    for (const { type, targetRef } of entity.relations ?? []) {
      if (!TYPES[type]) continue;
      const [rel, reversed] = TYPES[type];
      const target = indexOf(lower(targetRef));
      if (target < 0) {
        const kind = lower(targetRef).split(':')[0];
        if (GRAPH_KINDS.map(lower).includes(kind) && rel !== 'memberOf') {
          missing.set(
            source,
            (missing.get(source) ?? new Set()).add(lower(targetRef)),
          );
        }
        continue;
      }
      if (reversed) add(rel, target, source);
      else add(rel, source, target);
      if (type === 'ownedBy' && !owners[source])
        owners[source] = lower(targetRef);
    }
  }
  const forward = new Map(
    RELS.map(rel => [rel, referenceAdjacency(pairs.get(rel)!, refs.length)]),
  );
  const backward = new Map(
    RELS.map(rel => [
      rel,
      referenceAdjacency(pairs.get(rel)!, refs.length, true),
    ]),
  );
  refs.forEach((_, node) => {
    for (const target of forward.get('partOf')![node]) {
      const kind = first.get(refs[target])!.kind;
      if (systemOf[node] < 0 && kind === 'System') systemOf[node] = target;
      if (domainOf[node] < 0 && kind === 'Domain') domainOf[node] = target;
    }
  });
  for (const [node, domain] of specDomains) {
    if (indexOf(domain) >= 0) domainOf[node] = indexOf(domain);
  }
  refs.forEach((_, node) => {
    if (domainOf[node] < 0 && systemOf[node] >= 0) {
      domainOf[node] = domainOf[systemOf[node]];
    }
  });
  return {
    refs,
    first,
    forward,
    backward,
    owners,
    systemOf,
    domainOf,
    missing,
  };
}

/** What a search over arrays of arrays reaches, breadth-first, each node once, up to the depth bound. */
function referenceReach(lists: number[][], start: number): number[] {
  const seen = new Set([start]);
  const order: number[] = [];
  let frontier = [start];
  for (
    let depth = 0;
    depth < MAX_DEPENDENCY_DEPTH && frontier.length > 0;
    depth++
  ) {
    const next: number[] = [];
    for (const node of frontier) {
      for (const neighbour of lists[node]) {
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          order.push(neighbour);
          next.push(neighbour);
        }
      }
    }
    frontier = next;
  }
  return order;
}

describe('the compact catalog graph', () => {
  it('Adjacency.bothWays lists each pair once, in order, both ways', () => {
    fc.assert(
      fc.property(pairLists, ({ nodeCount, pairs }) => {
        const { forward, backward } = Adjacency.bothWays(pairs, nodeCount);
        const expectedForward = referenceAdjacency(pairs, nodeCount);
        const expectedBackward = referenceAdjacency(pairs, nodeCount, true);
        for (let node = 0; node < nodeCount; node++) {
          expect([...forward.of(node)]).toEqual(expectedForward[node]);
          expect([...backward.of(node)]).toEqual(expectedBackward[node]);
        }
        expect(forward.edgeCount).toBe(expectedForward.flat().length);
      }),
      { numRuns: 500 },
    );
  });

  it('answers as the plain reading of the catalog does, on random catalogs', () => {
    fc.assert(
      fc.property(catalogs, generated => {
        const entities = toEntities(generated);
        const graph = CatalogGraph.build(entities);
        const expected = referenceGraph(entities);
        expect(graph.refs).toEqual(expected.refs);
        expected.refs.forEach((ref, node) => {
          const entity = expected.first.get(ref)!;
          expect(graph.indexOf(ref)).toBe(node);
          expect(graph.kinds[node]).toBe(entity.kind);
          expect(graph.names[node]).toBe(entity.metadata.name);
          expect(graph.namespaces[node]).toBe(entity.metadata.namespace);
          const tier = entity.metadata.annotations?.[TIER_ANNOTATION]?.trim();
          expect(graph.ownTiers[node]).toBe(tier ? lower(tier) : undefined);
          const audience = entity.metadata.annotations?.[
            AUDIENCE_ANNOTATION
          ]?.split(',')
            .map(a => a.trim())
            .filter(Boolean);
          expect(graph.audiences[node]).toEqual(
            audience?.length ? audience : undefined,
          );
          const lifecycle = entity.spec?.lifecycle;
          expect(graph.lifecycles[node]).toBe(
            typeof lifecycle === 'string' ? lifecycle : undefined,
          );
          expect(graph.owners[node]).toBe(expected.owners[node]);
          expect(graph.systemOf[node]).toBe(expected.systemOf[node]);
          expect(graph.domainOf[node]).toBe(expected.domainOf[node]);
          expect(graph.missingTargets.get(node)).toEqual(
            expected.missing.has(node)
              ? [...expected.missing.get(node)!].sort()
              : undefined,
          );
          for (const rel of RELS) {
            expect([...graph.out(rel, node)]).toEqual(
              expected.forward.get(rel)![node],
            );
            expect([...graph.in(rel, node)]).toEqual(
              expected.backward.get(rel)![node],
            );
          }
        });
        expect(graph.missingTargets.size).toBe(expected.missing.size);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the dependencies and dependents a search over arrays of arrays finds', () => {
    fc.assert(
      fc.property(catalogs, generated => {
        const entities = toEntities(generated);
        const graph = CatalogGraph.build(entities);
        const view = DependencyGraph.of(graph);
        // an entity depends on what it depends on, on the APIs it consumes and on their providers
        const forward = graph.refs.map(() => [] as number[]);
        const backward = graph.refs.map(() => [] as number[]);
        const add = (from: number, to: number) => {
          if (from === to) return;
          forward[from].push(to);
          backward[to].push(from);
        };
        graph.refs.forEach((_, node) => {
          graph.out('dependsOn', node).forEach(target => add(node, target));
          graph.out('consumesApi', node).forEach(api => {
            add(node, api);
            graph
              .in('providesApi', api)
              .forEach(provider => add(node, provider));
          });
        });
        graph.refs.forEach((ref, node) => {
          // random catalogs stay within the search's size bound
          expect(view.dependenciesOf(ref)).toEqual(
            referenceReach(forward, node).map(n => graph.refs[n]),
          );
          expect(view.dependentsOf(ref)).toEqual(
            referenceReach(backward, node).map(n => graph.refs[n]),
          );
        });
      }),
      { numRuns: 300 },
    );
  });
});
