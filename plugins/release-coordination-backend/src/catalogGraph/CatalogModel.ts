import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CATALOG_GRAPH_FIELDS,
  CatalogGraph,
  GRAPH_KINDS,
} from './CatalogGraph';
import { readInBulk } from './readInBulk';
import { specRef } from './refs';

const PAGE_SIZE = 1000;

/** How often every replica re-reads the catalog by default. */
export const DEFAULT_GRAPH_REFRESH: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 10 },
};

/** The least time between two refreshes forced by an entity the graph does not know yet. */
export const FORCED_REFRESH_INTERVAL_MS = 30_000;

const GRAPH_KIND_PREFIXES = GRAPH_KINDS.map(
  kind => `${kind.toLocaleLowerCase('en-US')}:`,
);

const lower = (value: string) => value.toLocaleLowerCase('en-US');

const FACT_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.annotations',
  'spec.owner',
  'spec.parent',
];

/**
 * What {@link CatalogModel.describe} tells of an entity.
 *
 * @public
 */
export interface EntityFacts {
  /** Lower case. */
  kind: string;
  /** `spec.owner` as a full, lower-case ref (default kind group). */
  ownerRef?: string;
  /** `spec.parent` of a group, as a full, lower-case ref. */
  parentRef?: string;
  annotations: Record<string, string>;
}

/**
 * The plugin's one model of the software catalog, and the only module that
 * calls the catalog. It keeps a read-only copy of the catalog's structure
 * ({@link CatalogGraph}: entities, owners, parts, dependencies, API providers
 * and consumers, group parents, tiers, audiences), read in bulk with the
 * plugin's own credentials on a schedule local to each replica; a cache of
 * catalog data only, so several replicas each holding their own copy is
 * correct. What a user may read is asked per request ({@link CatalogModel.readable}).
 *
 * Freshness: the structure is at most one refresh interval old (5 minutes by
 * default). A ref the catalog knows but the graph does not (a new entity)
 * forces a refresh, at most once per {@link FORCED_REFRESH_INTERVAL_MS}.
 */
export class CatalogModel {
  private current?: CatalogGraph;
  private loading?: Promise<CatalogGraph>;
  private lastForcedRefresh = 0;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      /**
       * Lets a user's unconditional `catalog.entity.read` decision be asked once
       * per request instead of the catalog per ref; without it, every ref is
       * checked with the catalog.
       */
      permissions?: PermissionsService;
      logger?: LoggerService;
    },
  ) {}

  /** Registers the refresh task with the scheduler (`scope: 'local'`: every replica keeps its own copy). */
  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition = DEFAULT_GRAPH_REFRESH,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'release-coordination-catalog-graph',
      scope: 'local',
      ...schedule,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /** The graph, read on first use. */
  async graph(): Promise<CatalogGraph> {
    return this.current ?? this.refresh();
  }

  /**
   * The graph, re-read first if one of the refs (which the caller has seen
   * in the catalog) is of a kind the graph keeps but missing from it, unless
   * a forced refresh ran within {@link FORCED_REFRESH_INTERVAL_MS}.
   */
  async graphCovering(refs: Iterable<string>): Promise<CatalogGraph> {
    const graph = await this.graph();
    const missing = [...refs].some(
      ref =>
        graph.indexOf(lower(ref)) < 0 &&
        GRAPH_KIND_PREFIXES.some(prefix => lower(ref).startsWith(prefix)),
    );
    if (
      !missing ||
      Date.now() - this.lastForcedRefresh < FORCED_REFRESH_INTERVAL_MS
    ) {
      return graph;
    }
    this.lastForcedRefresh = Date.now();
    return this.refresh();
  }

  /** Re-reads the catalog; concurrent calls share one read. A failed read keeps the previous graph. */
  refresh(): Promise<CatalogGraph> {
    if (!this.loading) {
      this.loading = this.read()
        .then(graph => {
          this.current = graph;
          return graph;
        })
        .finally(() => {
          this.loading = undefined;
        });
    }
    return this.loading;
  }

  /**
   * The refs the caller may read in the catalog, each with its kind (lower
   * case); unknown and hidden refs are absent. As the catalog itself does,
   * a user's `catalog.entity.read` decision is asked once: a deny makes none
   * readable, an unconditional allow makes every ref the graph knows readable
   * (so an entity deleted from the catalog disappears within a refresh);
   * other refs, every ref under a conditional decision and every ref for a
   * service principal are checked in one catalog batch with the caller's
   * credentials.
   */
  async readable(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const unique = [...new Set(refs)];
    if (unique.length === 0) return result;
    const decision = await this.readDecision(credentials);
    if (decision === AuthorizeResult.DENY) return result;
    const graph =
      decision === AuthorizeResult.ALLOW ? await this.graph() : undefined;
    const unchecked: string[] = [];
    for (const ref of unique) {
      const node = graph ? graph.indexOf(lower(ref)) : -1;
      if (node >= 0) result.set(ref, lower(graph!.kinds[node]));
      else unchecked.push(ref);
    }
    if (unchecked.length === 0) return result;
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: unchecked, fields: ['kind'] },
      { credentials },
    );
    unchecked.forEach((ref, i) => {
      const entity = items[i];
      if (entity) result.set(ref, lower(entity.kind));
    });
    return result;
  }

  /**
   * Refs (lower case) of the entities directly part of any of the given ones
   * (`partOf`), that the caller may read.
   */
  async partsOf(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (refs.length === 0) return [];
    const graph = await this.graphCovering(refs);
    const parts = new Set<string>();
    for (const ref of refs) {
      for (const part of graph.in('partOf', graph.indexOf(lower(ref)))) {
        parts.add(graph.refs[part]);
      }
    }
    const readable = await this.readable([...parts], credentials);
    return [...parts].filter(part => readable.has(part));
  }

  /**
   * What authority needs of each entity, read now with the caller's
   * credentials (never from the graph, so who may act for an entity is never
   * staler than the catalog): its kind, declared owner (`spec.owner`,
   * normalised), group parent (`spec.parent`) and annotations. Unknown and
   * hidden refs are absent.
   */
  async describe(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, EntityFacts>> {
    const result = new Map<string, EntityFacts>();
    const unique = [...new Set(refs)];
    if (unique.length === 0) return result;
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: FACT_FIELDS },
      { credentials },
    );
    unique.forEach((ref, i) => {
      const entity = items[i];
      if (!entity) return;
      const namespace = entity.metadata.namespace ?? 'default';
      result.set(ref, {
        kind: lower(entity.kind),
        ownerRef: specRef(entity.spec?.owner, 'group', namespace),
        parentRef: specRef(entity.spec?.parent, 'group', namespace),
        annotations: entity.metadata.annotations ?? {},
      });
    });
    return result;
  }

  /**
   * The groups a user is a member of (`memberOf`, lower case), read now with
   * the plugin's own credentials; undefined when the user is not in the catalog.
   */
  async groupsOfUser(userRef: string): Promise<string[] | undefined> {
    const user = await this.options.catalog.getEntityByRef(userRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    return user
      ? (user.relations ?? [])
          .filter(relation => relation.type === 'memberOf')
          .map(relation => lower(relation.targetRef))
      : undefined;
  }

  /** The user's `catalog.entity.read` decision; undefined when the catalog must be asked per ref. */
  private async readDecision(
    credentials: BackstageCredentials,
  ): Promise<AuthorizeResult | undefined> {
    const { type } = credentials.principal as { type?: string };
    if (!this.options.permissions || type !== 'user') return undefined;
    const [{ result }] = await this.options.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    return result;
  }

  private async read(): Promise<CatalogGraph> {
    const started = Date.now();
    const entities = await readInBulk(
      this.options.catalog,
      {
        kinds: GRAPH_KINDS,
        fields: CATALOG_GRAPH_FIELDS,
        pageSize: PAGE_SIZE,
      },
      await this.options.auth.getOwnServiceCredentials(),
    );
    const graph = CatalogGraph.build(entities);
    this.options.logger?.info(
      `Read the catalog graph: ${
        graph.size
      } entities, ${graph.edgeCount()} relations in ${Date.now() - started} ms`,
    );
    return graph;
  }
}
