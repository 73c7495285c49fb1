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
 * Connects to the plugin database and runs the migrations unless told (or
 * configured) to skip them.
 */
export async function connect(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const { database } = options;
  const client = await database.getClient();
  if (!options.skipMigrations && !database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
