import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CATALOG_GRAPH_FIELDS,
  CatalogGraph,
  GRAPH_KINDS,
} from './CatalogGraph';
import { readInBulk } from '../catalog/readInBulk';

const PAGE_SIZE = 1000;

/** How often every replica re-reads the catalog by default. */
export const DEFAULT_GRAPH_REFRESH: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 10 },
};

/**
 * Keeps a read-only copy of the catalog's relations in memory. It reads the
 * catalog in bulk (paginated `queryEntities` with a `fields` projection) with
 * the plugin's own credentials, on a schedule local to each replica, and
 * builds it on first use if the task has not run yet. It is a cache of
 * catalog data only, so several replicas each holding their own copy is
 * correct.
 */
export class CatalogGraphService {
  private readonly catalog: CatalogService;
  private readonly auth: AuthService;
  private readonly logger?: LoggerService;
  private current?: CatalogGraph;
  private loading?: Promise<CatalogGraph>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger?: LoggerService;
  }) {
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.logger = options.logger;
  }

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

  private async read(): Promise<CatalogGraph> {
    const started = Date.now();
    const entities = await readInBulk(
      this.catalog,
      { kinds: GRAPH_KINDS, fields: CATALOG_GRAPH_FIELDS, pageSize: PAGE_SIZE },
      await this.auth.getOwnServiceCredentials(),
    );
    const graph = CatalogGraph.build(entities);
    this.logger?.info(
      `Read the catalog graph: ${
        graph.size
      } entities, ${graph.edgeCount()} relations in ${Date.now() - started} ms`,
    );
    return graph;
  }
}
