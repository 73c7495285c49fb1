import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AUDIENCE_ANNOTATION,
  TIER_ANNOTATION,
} from '@internal/plugin-release-coordination-common';
import { Adjacency } from './Adjacency';
import { specRef } from './refs';

export { Adjacency } from './Adjacency';

/** The kinds the graph reads; relation targets of other kinds are ignored, not missing. */
export const GRAPH_KINDS = [
  'Component',
  'API',
  'Resource',
  'System',
  'Domain',
  'Group',
];

/** The catalog fields the graph needs, for a `fields` projection. */
export const CATALOG_GRAPH_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  `metadata.annotations.${TIER_ANNOTATION}`,
  `metadata.annotations.${AUDIENCE_ANNOTATION}`,
  'spec.owner',
  'spec.system',
  'spec.domain',
  'spec.parent',
  'spec.lifecycle',
  'relations',
];

const READ_KINDS = new Set(GRAPH_KINDS.map(k => k.toLocaleLowerCase('en-US')));

const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * `toLocaleLowerCase('en-US')`, as everywhere in Backstage; ASCII text (every
 * ref the catalog accepts) takes the plain, much cheaper `toLowerCase`, which
 * maps it the same.
 */
const lower = (value: string) =>
  NON_ASCII.test(value)
    ? value.toLocaleLowerCase('en-US')
    : value.toLowerCase();

/**
 * Relations the graph knows, each with the relation type and the one it is
 * the inverse of: an edge is stored once, whichever side declared it.
 */
const RELATIONS: Record<string, { rel: Rel; inverse: boolean }> = {
  dependsOn: { rel: 'dependsOn', inverse: false },
  dependencyOf: { rel: 'dependsOn', inverse: true },
  consumesApi: { rel: 'consumesApi', inverse: false },
  apiConsumedBy: { rel: 'consumesApi', inverse: true },
  providesApi: { rel: 'providesApi', inverse: false },
  apiProvidedBy: { rel: 'providesApi', inverse: true },
  partOf: { rel: 'partOf', inverse: false },
  hasPart: { rel: 'partOf', inverse: true },
  ownedBy: { rel: 'ownedBy', inverse: false },
  ownerOf: { rel: 'ownedBy', inverse: true },
  memberOf: { rel: 'memberOf', inverse: false },
  hasMember: { rel: 'memberOf', inverse: true },
  childOf: { rel: 'childOf', inverse: false },
  parentOf: { rel: 'childOf', inverse: true },
};

/** The relations stored, each as a forward and a backward adjacency. */
export type Rel =
  | 'dependsOn'
  | 'consumesApi'
  | 'providesApi'
  | 'partOf'
  | 'ownedBy'
  | 'memberOf'
  | 'childOf';

const RELS: Rel[] = [
  'dependsOn',
  'consumesApi',
  'providesApi',
  'partOf',
  'ownedBy',
  'memberOf',
  'childOf',
];

/**
 * A read-only, memory-conscious copy of the catalog's structure: entities by
 * index (ref → index map), their descriptive fields in parallel arrays, and
 * one forward and one backward adjacency per relation.
 */
export class CatalogGraph {
  readonly refs: string[] = [];
  readonly kinds: string[] = [];
  readonly names: string[] = [];
  readonly namespaces: string[] = [];
  readonly titles: (string | undefined)[] = [];
  readonly lifecycles: (string | undefined)[] = [];
  readonly ownTiers: (string | undefined)[] = [];
  readonly audiences: (string[] | undefined)[] = [];
  /** Owner ref as given by `spec.owner` or an `ownedBy` relation (may be a user, or missing). */
  readonly owners: (string | undefined)[] = [];
  /** Index of the system a node is part of (-1 none). */
  systemOf: Int32Array = new Int32Array(0);
  /** Index of the domain a node is in (directly or through its system; -1 none). */
  domainOf: Int32Array = new Int32Array(0);
  /** Relation targets of a read kind that are not in the catalog, by source index. */
  readonly missingTargets = new Map<number, string[]>();
  readonly forward = new Map<Rel, Adjacency>();
  readonly backward = new Map<Rel, Adjacency>();
  readonly builtAt = new Date();
  private readonly index = new Map<string, number>();

  static build(entities: Iterable<Entity>): CatalogGraph {
    const graph = new CatalogGraph();
    graph.load([...entities]);
    return graph;
  }

  get size(): number {
    return this.refs.length;
  }

  indexOf(ref: string): number {
    return this.index.get(ref) ?? -1;
  }

  edgeCount(): number {
    let total = 0;
    for (const adjacency of this.forward.values()) total += adjacency.edgeCount;
    return total;
  }

  /** The node's tier: its own, else its system's, else its domain's. */
  tierOf(node: number): string | undefined {
    const system = this.systemOf[node];
    const domain = this.domainOf[node];
    return (
      this.ownTiers[node] ??
      (system >= 0 ? this.ownTiers[system] : undefined) ??
      (domain >= 0 ? this.ownTiers[domain] : undefined)
    );
  }

  out(rel: Rel, node: number): Int32Array {
    return this.forward.get(rel)!.of(node);
  }

  /** Like {@link CatalogGraph.out}, calling `visit` per target (no view allocated; for hot loops). */
  forEachOut(rel: Rel, node: number, visit: (target: number) => void): void {
    this.forward.get(rel)!.forEach(node, visit);
  }

  in(rel: Rel, node: number): Int32Array {
    return this.backward.get(rel)!.of(node);
  }

  private load(entities: Entity[]) {
    const share = sharedValues<string>();
    const shareAudiences = sharedValues<string[] | undefined>();
    const nodeOf = new Int32Array(entities.length);
    entities.forEach((entity, position) => {
      const ref = lower(stringifyEntityRef(entity));
      const known = this.index.get(ref);
      nodeOf[position] = known ?? this.refs.length;
      if (known !== undefined) return;
      this.index.set(ref, this.refs.length);
      this.refs.push(ref);
      this.kinds.push(share(entity.kind));
      this.names.push(entity.metadata.name);
      this.namespaces.push(share(entity.metadata.namespace ?? 'default'));
      this.titles.push(entity.metadata.title || undefined);
      const annotations = entity.metadata.annotations ?? {};
      const tier = annotations[TIER_ANNOTATION]?.trim();
      this.ownTiers.push(tier ? share(lower(tier)) : undefined);
      const audience = annotations[AUDIENCE_ANNOTATION];
      this.audiences.push(
        audience === undefined
          ? undefined
          : shareAudiences(audience, () => {
              const list = audience
                .split(',')
                .map(a => a.trim())
                .filter(Boolean);
              return list.length ? list : undefined;
            }),
      );
      const lifecycle = entity.spec?.lifecycle;
      this.lifecycles.push(
        typeof lifecycle === 'string' ? share(lifecycle) : undefined,
      );
      this.owners.push(undefined);
    });

    const n = this.refs.length;
    const pairs = new Map<Rel, number[]>(RELS.map(rel => [rel, []]));
    const missing = new Map<number, Set<string>>();
    const addEdge = (rel: Rel, from: number, to: number) => {
      if (from !== to) pairs.get(rel)!.push(from, to);
    };
    const refOfSpec = sharedSpecRefs();
    this.systemOf = new Int32Array(n).fill(-1);
    this.domainOf = new Int32Array(n).fill(-1);
    const specDomains: [number, string][] = [];

    entities.forEach((entity, position) => {
      const source = nodeOf[position];
      const namespace = entity.metadata.namespace ?? 'default';
      this.owners[source] = refOfSpec(entity.spec?.owner, 'group', namespace);
      const system = refOfSpec(entity.spec?.system, 'system', namespace);
      if (system !== undefined) this.systemOf[source] = this.indexOf(system);
      const domain = refOfSpec(entity.spec?.domain, 'domain', namespace);
      if (domain !== undefined) specDomains.push([source, domain]);
      const parent = refOfSpec(entity.spec?.parent, 'group', namespace);
      const parentIndex = parent === undefined ? -1 : this.indexOf(parent);
      if (parentIndex >= 0) addEdge('childOf', source, parentIndex);

      for (const relation of entity.relations ?? []) {
        const known = RELATIONS[relation.type];
        const rawTarget = relation.targetRef;
        if (!known || typeof rawTarget !== 'string') continue;
        // refs are lower case, so a ref with capitals is found lowered
        const target =
          this.index.get(rawTarget) ?? this.indexOf(lower(rawTarget));
        if (target < 0) {
          const targetRef = lower(rawTarget);
          const kind = targetRef.split(':', 1)[0];
          if (READ_KINDS.has(kind) && known.rel !== 'memberOf') {
            const list = missing.get(source) ?? new Set<string>();
            list.add(targetRef);
            missing.set(source, list);
          }
          continue;
        }
        if (known.inverse) addEdge(known.rel, target, source);
        else addEdge(known.rel, source, target);
        if (relation.type === 'ownedBy' && !this.owners[source]) {
          this.owners[source] = this.refs[target];
        }
      }
    });

    for (const rel of RELS) {
      const { forward, backward } = Adjacency.bothWays(pairs.get(rel)!, n);
      this.forward.set(rel, forward);
      this.backward.set(rel, backward);
    }
    for (const [source, targets] of missing) {
      this.missingTargets.set(source, [...targets].sort());
    }
    this.placeInSystemsAndDomains(specDomains);
  }

  /** Systems from `partOf` where `spec.system` gave none; domains from the node or its system. */
  private placeInSystemsAndDomains(specDomains: [number, string][]) {
    const isKind = (node: number, kind: string) => this.kinds[node] === kind;
    for (let node = 0; node < this.size; node++) {
      this.forEachOut('partOf', node, target => {
        if (this.systemOf[node] < 0 && isKind(target, 'System')) {
          this.systemOf[node] = target;
        }
        if (this.domainOf[node] < 0 && isKind(target, 'Domain')) {
          this.domainOf[node] = target;
        }
      });
    }
    for (const [node, domainRef] of specDomains) {
      const domain = this.indexOf(domainRef);
      if (domain >= 0) this.domainOf[node] = domain;
    }
    for (let node = 0; node < this.size; node++) {
      const system = this.systemOf[node];
      if (this.domainOf[node] < 0 && system >= 0) {
        this.domainOf[node] = this.domainOf[system];
      }
    }
  }
}

/**
 * One value per key for the whole build: many entities share a kind, a
 * namespace, a lifecycle, a tier or an audience list, and the graph then holds
 * one copy of each instead of one per entity.
 */
function sharedValues<T>() {
  const values = new Map<string, T>();
  return (key: string, make: () => T = () => key as T): T => {
    if (values.has(key)) return values.get(key)!;
    const value = make();
    values.set(key, value);
    return value;
  };
}

/** {@link specRef}, computed once per value, default kind and namespace (owners, systems and domains repeat). */
function sharedSpecRefs() {
  const share = sharedValues<string | undefined>();
  return (value: unknown, defaultKind: string, namespace: string) =>
    typeof value === 'string' && value
      ? share(`${defaultKind}\u0000${namespace}\u0000${value}`, () =>
          specRef(value, defaultKind, namespace),
        )
      : undefined;
}
