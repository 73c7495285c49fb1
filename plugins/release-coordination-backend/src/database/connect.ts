import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-release-coordination-backend',
  'migrations',
);

/**
 * Connects to the plugin database and runs the migrations unless the backend
 * is configured to skip them.
 */
export async function connect(options: {
  database: DatabaseService;
}): Promise<Knex> {
  const { database } = options;
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
