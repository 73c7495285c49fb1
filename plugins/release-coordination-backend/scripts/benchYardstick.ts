/*
 * The yardstick of the HTTP benchmark (issue 14): Backstage's own catalog
 * backend, in the same backend process as the plugin, answering
 * `GET /api/catalog/entities/by-name/{kind}/{namespace}/{name}` for the
 * benchmark's generated entities. Its throughput is what a healthy Backstage
 * endpoint sustains on this machine at that moment; the gate and the calendar's
 * month page are held to it.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import knexFactory, { Knex } from 'knex';

const LOCATION = 'url:https://bench.example.com/catalog-info.yaml';

/** Hands the catalog the entities as they would come from a file: no relations, no uid. */
class BenchEntityProvider implements EntityProvider {
  constructor(private readonly entities: Entity[]) {}

  getProviderName() {
    return 'bench-entities';
  }

  async connect(connection: EntityProviderConnection) {
    await connection.applyMutation({
      type: 'full',
      entities: this.entities.map(({ relations, ...entity }) => ({
        locationKey: 'bench',
        entity: {
          ...entity,
          // an API needs its definition to be valid
          ...(entity.kind === 'API' && {
            spec: { ...entity.spec, definition: 'openapi: 3.0.0' },
          }),
          metadata: {
            name: entity.metadata.name,
            namespace: entity.metadata.namespace,
            description: entity.metadata.description,
            annotations: {
              'backstage.io/managed-by-location': LOCATION,
              'backstage.io/managed-by-origin-location': LOCATION,
            },
          },
        },
      })),
    });
  }
}

/**
 * The catalog backend with `entities`, on a SQLite database of its own (the
 * plugin's database is the one measured), processing them once: re-processing
 * is pushed out by a day so that it takes no CPU from the measurements.
 */
export function yardstickCatalog(entities: Entity[]) {
  const catalogDb: Knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  return {
    features: [
      catalogPlugin,
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'bench-entities',
        register(env) {
          env.registerInit({
            deps: { processing: catalogProcessingExtensionPoint },
            async init({ processing }) {
              processing.addEntityProvider(new BenchEntityProvider(entities));
            },
          });
        },
      }),
    ],
    /** The database of every plugin: the catalog's own, the given one for the rest. */
    databaseFactory: (pluginDb: Knex) =>
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => {
          const knex = plugin.getId() === 'catalog' ? catalogDb : pluginDb;
          return { getClient: async () => knex };
        },
      }),
    config: {
      catalog: {
        processingInterval: { hours: 24 },
        rules: [
          {
            allow: [
              'Component',
              'API',
              'Resource',
              'System',
              'Domain',
              'Group',
              'User',
              'Location',
            ],
          },
        ],
      },
    },
    close: () => catalogDb.destroy(),
  };
}

/**
 * Resolves once the catalog holds `count` entities (each processed and
 * stitched) and then a few quiet seconds have passed; answers the seconds it took.
 */
export async function waitForCatalog(
  catalogBase: string,
  count: number,
  headers: Record<string, string>,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await fetch(`${catalogBase}/entities/by-query?limit=1`, {
      headers,
    });
    const { totalItems } = response.ok
      ? ((await response.json()) as { totalItems: number })
      : { totalItems: 0 };
    if (totalItems >= count) break;
    if (Date.now() - started > 10 * 60_000) {
      throw new Error(
        `the catalog held ${totalItems} of ${count} entities after 10 minutes`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  await new Promise(resolve => setTimeout(resolve, 5000));
  return (Date.now() - started) / 1000;
}

/** The catalog's by-name path of an entity ref. */
export function byNamePath(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/entities/by-name/${kind}/${namespace}/${name}`;
}
