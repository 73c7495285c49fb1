import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Inserts demo items if their table is empty; a database that already has
 * some is never touched. Returns how many were inserted.
 */
export async function seedOnce<T>(options: {
  /** What is seeded, plural, for the log: "demo trains". */
  what: string;
  logger: LoggerService;
  isEmpty: () => Promise<boolean>;
  items: () => T[];
  insert: (item: T) => Promise<unknown>;
}): Promise<number> {
  const { what, logger } = options;
  if (!(await options.isEmpty())) {
    logger.info(`Table not empty; not seeding ${what}`);
    return 0;
  }
  const items = options.items();
  try {
    for (const item of items) {
      await options.insert(item);
    }
  } catch (error) {
    // e.g. another replica seeding at the same moment: the fixed ids collide
    logger.warn(`Could not seed ${what}: ${error}`);
    return 0;
  }
  logger.info(`Seeded ${items.length} ${what}`);
  return items.length;
}
