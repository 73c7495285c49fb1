import { z } from 'zod';
import type { RiskAssessment, RiskLevel } from './risk';
import {
  DEFAULT_TIME_HORIZON,
  entityRefSchema,
  horizonTimestampSchema,
  MAX_CHANGES,
  MAX_ENTITY_REFS,
  queryIntegerSchema,
  releaseChangeSchema,
  TimeHorizon,
} from './schemas';
import type { Release } from './types';

/** Default depth of impact traversals. @public */
export const DEFAULT_IMPACT_DEPTH = 6;
/** Deepest impact traversal allowed. @public */
export const MAX_IMPACT_DEPTH = 10;
/**
 * Annotation naming the user groups an entity serves, comma separated, e.g.
 * `release-coordination/audience: internal-ops, customers`.
 *
 * @public
 */
export const AUDIENCE_ANNOTATION = 'release-coordination/audience';
/**
 * Annotation giving the criticality of an entity, system or domain:
 * `tier-1` (most critical), `tier-2` or `tier-3`. Entities inherit it from
 * their system, systems from their domain.
 *
 * @public
 */
export const TIER_ANNOTATION = 'release-coordination/tier';

/**
 * A catalog entity as the impact report describes it.
 *
 * @public
 */
export interface ImpactEntity {
  entityRef: string;
  kind: string;
  name: string;
  title?: string;
  /** Owner entity ref. */
  owner?: string;
  /** The declared owner is not in the catalog: nobody can act for it. */
  ownerNotInCatalog?: boolean;
  system?: string;
  domain?: string;
  lifecycle?: string;
  /** The entity's own tier, else its system's, else its domain's. */
  tier?: string;
}

/** How a dependent was reached from the entity before it on its path. @public */
export type ImpactVia = 'dependsOn' | 'consumesApi' | 'partOf';

/**
 * An entity affected by a change, directly (depth 1) or transitively. Its
 * kind, name, title and lifecycle are on its node of the report's graph.
 *
 * @public
 */
export interface ImpactDependent {
  entityRef: string;
  /** Owner entity ref. */
  owner?: string;
  /** The declared owner is not in the catalog: nobody can act for it. */
  ownerNotInCatalog?: boolean;
  system?: string;
  depth: number;
  /**
   * One shortest path of refs from a changed entity to this one; an API
   * through which a consumer was reached is listed between its provider and
   * the consumer.
   */
  path: string[];
  via: ImpactVia;
  /** Consumes an API with a breaking change. */
  high: boolean;
}

/** @public */
export interface ImpactApiConsumer {
  apiRef: string;
  consumerRef: string;
  breaking: boolean;
}

/** @public */
export type ImpactGraphRole = 'changed' | 'dependent' | 'consumer' | 'context';

/** @public */
export type ImpactGraphRelation =
  | 'dependsOn'
  | 'consumesApi'
  | 'providesApi'
  | 'partOf'
  | 'ownedBy';

/**
 * A node of the impact graph: what the graph view draws and filters by (the
 * namespace is in `id`; the domain of a changed entity or dependent is in its
 * entry of the report).
 *
 * @public
 */
export interface ImpactGraphNode {
  id: string;
  kind: string;
  name: string;
  title?: string;
  /** Owner entity ref; when the owner is a node of the graph too, this is the node's `ownedBy` edge. */
  owner?: string;
  system?: string;
  lifecycle?: string;
  depth: number;
  role: ImpactGraphRole;
}

/**
 * An edge of the impact graph, between two of its nodes given by their index
 * in `nodes`. `ownedBy` edges are not listed: a node's `owner` that is a node
 * of the graph is one (see {@link impactGraphEdges}).
 *
 * @public
 */
export interface ImpactGraphEdge {
  from: number;
  to: number;
  relation: ImpactGraphRelation;
}

/**
 * An edge of the impact graph between two nodes given by their ids.
 *
 * @public
 */
export interface ImpactGraphLink {
  from: string;
  to: string;
  relation: ImpactGraphRelation;
}

/**
 * The blast radius of a release or a plan, with its risk.
 *
 * @public
 */
export interface ImpactReport {
  changed: ImpactEntity[];
  dependents: ImpactDependent[];
  apiConsumers: ImpactApiConsumer[];
  systems: { ref: string; count: number }[];
  domains: { ref: string; count: number }[];
  owners: { groupRef: string; entityRefs: string[] }[];
  audiences: { audience: string; entityRefs: string[] }[];
  /** Relation targets that are not in the catalog. */
  missing: string[];
  maxDepth: number;
  /** Whether the traversal stopped at `maxDepth` with more to go. */
  truncated: boolean;
  graph: { nodes: ImpactGraphNode[]; edges: ImpactGraphEdge[] };
  risk: RiskAssessment;
}

/**
 * Every edge of an impact graph between node ids: those listed, and an
 * `ownedBy` edge from each node whose owner is a node of the graph.
 *
 * @public
 */
export function impactGraphEdges(graph: {
  nodes: ImpactGraphNode[];
  edges: ImpactGraphEdge[];
}): ImpactGraphLink[] {
  const { nodes } = graph;
  const ids = new Set(nodes.map(node => node.id));
  const links: ImpactGraphLink[] = graph.edges.map(edge => ({
    from: nodes[edge.from].id,
    to: nodes[edge.to].id,
    relation: edge.relation,
  }));
  for (const node of nodes) {
    if (node.owner && ids.has(node.owner)) {
      links.push({ from: node.id, to: node.owner, relation: 'ownedBy' });
    }
  }
  return links;
}

const maxDepthSchema = queryIntegerSchema(1, MAX_IMPACT_DEPTH);

/**
 * Body of `POST /impact`: the impact of a plan not saved yet.
 *
 * @public
 */
export const impactRequestSchema = z.strictObject({
  entityRefs: z
    .array(entityRefSchema)
    .min(1)
    .max(MAX_ENTITY_REFS)
    .transform(refs => [...new Set(refs)]),
  changes: z.array(releaseChangeSchema).max(MAX_CHANGES).default([]),
  maxDepth: z.int().min(1).max(MAX_IMPACT_DEPTH).optional(),
});

/** @public */
export type ImpactRequest = z.input<typeof impactRequestSchema>;
/** @public */
export type ImpactInput = z.output<typeof impactRequestSchema>;

/**
 * Query of `GET /releases/:id/impact`.
 *
 * @public
 */
export const impactQuerySchema = z.strictObject({
  maxDepth: maxDepthSchema.optional(),
});

/**
 * Query of `GET /impact/upcoming` with `from` and `to` within `horizon`: at
 * most one of `system`, `domain`, `entityRef`; none means every upcoming release.
 *
 * @public
 */
export function upcomingImpactQuerySchemaWithin(horizon: TimeHorizon) {
  const timestamp = horizonTimestampSchema(horizon);
  return z
    .strictObject({
      system: entityRefSchema.optional(),
      domain: entityRefSchema.optional(),
      entityRef: entityRefSchema.optional(),
      from: timestamp.optional(),
      to: timestamp.optional(),
    })
    .superRefine((query, ctx) => {
      const given = [query.system, query.domain, query.entityRef].filter(
        Boolean,
      );
      if (given.length > 1) {
        ctx.addIssue({
          code: 'custom',
          message: 'give at most one of system, domain and entityRef',
        });
      }
      if (query.from && query.to && query.from > query.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'must not be before from',
        });
      }
    });
}

/**
 * Query of `GET /impact/upcoming`: at most one of `system`, `domain`,
 * `entityRef`; none means every upcoming release.
 *
 * @public
 */
export const upcomingImpactQuerySchema =
  upcomingImpactQuerySchemaWithin(DEFAULT_TIME_HORIZON);

/** @public */
export type UpcomingImpactQuery = z.output<typeof upcomingImpactQuerySchema>;

/**
 * An upcoming release that touches what was asked about.
 *
 * @public
 */
export interface UpcomingImpactItem {
  release: Release;
  risk: { level: RiskLevel; computedLevel: RiskLevel };
  /** `direct`: it changes the entity, system or domain or one of its parts; `dependency`: something they depend on. */
  touchedVia: 'direct' | 'dependency';
  touchedEntities: string[];
  /** The release's owner and the owners of the touched entities. */
  owners: string[];
  /**
   * With a target: its own entities (itself and its parts) that the release
   * reaches, each with the path from a changed entity to it, as the
   * release's impact shows it (`path[0]` changed, the last one this entity;
   * an API between a provider and its consumer is in the path).
   */
  affectedHere?: AffectedHere[];
}

/**
 * An entity of the asked-about target that a release reaches, and through
 * which dependency.
 *
 * @public
 */
export interface AffectedHere {
  entityRef: string;
  /** From a changed entity to `entityRef`, both included. */
  path: string[];
}

/** Answer of `GET /impact/upcoming`. @public */
export interface UpcomingImpactResponse {
  items: UpcomingImpactItem[];
}
