import { z } from 'zod';
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
import type {
  ImpactEntity,
  ImpactReport,
  UpcomingImpactItem,
  ImpactGraphEdge,
  ImpactGraphNode,
} from './generated/openapi';

export type {
  ImpactGraphEdge,
  ImpactGraphNode,
  ImpactEntity,
  ImpactReport,
  UpcomingImpactItem,
};

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

/** What a node of the impact graph is to the release. @public */
export type ImpactGraphRole = ImpactGraphNode['role'];

/** How two nodes of the impact graph are related. @public */
export type ImpactGraphRelation = ImpactGraphEdge['relation'];

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
