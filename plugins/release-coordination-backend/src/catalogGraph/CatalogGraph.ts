import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AUDIENCE_ANNOTATION,
  TIER_ANNOTATION,
} from '@internal/plugin-release-coordination-common';
import { specRef } from './refs';

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

const lower = (value: string) => value.toLocaleLowerCase('en-US');

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
 * Adjacency in compressed sparse row form: the neighbours of node `i` are
 * `targets[offsets[i]..offsets[i + 1])`.
 */
export class Adjacency {
  private static readonly NONE = new Int32Array(0);

  constructor(
    private readonly offsets: Int32Array,
    private readonly targets: Int32Array,
  ) {}

  /** Builds from a flat list of pairs `[from0, to0, from1, to1, ...]`, without duplicates. */
  static fromPairs(pairs: number[], nodeCount: number): Adjacency {
    const counts = new Int32Array(nodeCount + 1);
    for (let i = 0; i < pairs.length; i += 2) counts[pairs[i] + 1]++;
    for (let i = 0; i < nodeCount; i++) counts[i + 1] += counts[i];
    const fill = counts.slice(0, nodeCount);
    const targets = new Int32Array(pairs.length / 2);
    for (let i = 0; i < pairs.length; i += 2) {
      targets[fill[pairs[i]]++] = pairs[i + 1];
    }
    return new Adjacency(counts, targets);
  }

  of(node: number): Int32Array {
    if (node < 0 || node + 1 >= this.offsets.length) return Adjacency.NONE;
    return this.targets.subarray(this.offsets[node], this.offsets[node + 1]);
  }

  /** Calls `visit` with each neighbour of `node`, in order, without allocating a view. */
  forEach(node: number, visit: (target: number) => void): void {
    if (node < 0 || node + 1 >= this.offsets.length) return;
    const end = this.offsets[node + 1];
    for (let i = this.offsets[node]; i < end; i++) visit(this.targets[i]);
  }

  get edgeCount(): number {
    return this.targets.length;
  }
}

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
    for (const entity of entities) {
      const ref = lower(stringifyEntityRef(entity));
      if (this.index.has(ref)) continue;
      this.index.set(ref, this.refs.length);
      this.refs.push(ref);
      this.kinds.push(entity.kind);
      this.names.push(entity.metadata.name);
      this.namespaces.push(entity.metadata.namespace ?? 'default');
      this.titles.push(entity.metadata.title || undefined);
      const annotations = entity.metadata.annotations ?? {};
      const tier = annotations[TIER_ANNOTATION]?.trim();
      this.ownTiers.push(tier ? lower(tier) : undefined);
      const audience = annotations[AUDIENCE_ANNOTATION]?.split(',')
        .map(a => a.trim())
        .filter(Boolean);
      this.audiences.push(audience?.length ? audience : undefined);
      const lifecycle = entity.spec?.lifecycle;
      this.lifecycles.push(
        typeof lifecycle === 'string' ? lifecycle : undefined,
      );
      this.owners.push(undefined);
    }

    const n = this.refs.length;
    const pairs = new Map<Rel, number[]>(RELS.map(rel => [rel, []]));
    const seen = new Set<number>();
    const missing = new Map<number, Set<string>>();
    const addEdge = (rel: Rel, from: number, to: number) => {
      // a number key (rel, from, to): well below 2^53 for any catalog size
      const key = (RELS.indexOf(rel) * n + from) * n + to;
      if (from === to || seen.has(key)) return;
      seen.add(key);
      pairs.get(rel)!.push(from, to);
    };
    this.systemOf = new Int32Array(n).fill(-1);
    this.domainOf = new Int32Array(n).fill(-1);
    const specDomains: [number, string][] = [];

    entities.forEach(entity => {
      const source = this.indexOf(lower(stringifyEntityRef(entity)));
      const namespace = entity.metadata.namespace ?? 'default';
      this.owners[source] = specRef(entity.spec?.owner, 'group', namespace);
      const system = specRef(entity.spec?.system, 'system', namespace);
      if (system !== undefined) this.systemOf[source] = this.indexOf(system);
      const domain = specRef(entity.spec?.domain, 'domain', namespace);
      if (domain !== undefined) specDomains.push([source, domain]);
      const parent = specRef(entity.spec?.parent, 'group', namespace);
      const parentIndex = parent === undefined ? -1 : this.indexOf(parent);
      if (parentIndex >= 0) addEdge('childOf', source, parentIndex);

      for (const relation of entity.relations ?? []) {
        const known = RELATIONS[relation.type];
        if (!known || typeof relation.targetRef !== 'string') continue;
        const targetRef = lower(relation.targetRef);
        const target = this.indexOf(targetRef);
        if (target < 0) {
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
          this.owners[source] = targetRef;
        }
      }
    });

    for (const rel of RELS) {
      const list = pairs.get(rel)!;
      this.forward.set(rel, Adjacency.fromPairs(list, n));
      const reversed = new Array<number>(list.length);
      for (let i = 0; i < list.length; i += 2) {
        reversed[i] = list[i + 1];
        reversed[i + 1] = list[i];
      }
      this.backward.set(rel, Adjacency.fromPairs(reversed, n));
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
      for (const target of this.out('partOf', node)) {
        if (this.systemOf[node] < 0 && isKind(target, 'System')) {
          this.systemOf[node] = target;
        }
        if (this.domainOf[node] < 0 && isKind(target, 'Domain')) {
          this.domainOf[node] = target;
        }
      }
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
