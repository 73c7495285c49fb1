import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ConflictDifferences, ConflictTable } from '../conflicts/ConflictTable';

/** The scheduler task id of the conflicts table's reconciliation. */
export const CONFLICT_RECONCILIATION_TASK_ID =
  'release-coordination-conflict-reconciliation';

/**
 * How often the conflicts table is recomputed in full. Writes keep it up to
 * date; catalog changes (dependencies, systems, freeze scopes by owner)
 * reach it only this way, so a catalog change shows in `GET /conflicts`
 * within the catalog graph's refresh interval (5 minutes) plus this one.
 */
export const CONFLICT_RECONCILIATION_MINUTES = 10;

/** One reconciliation: recomputes every conflict, fixes the table, logs what differed. */
export async function runConflictReconciliation(options: {
  table: Pick<ConflictTable, 'reconcile'>;
  logger?: LoggerService;
}): Promise<ConflictDifferences> {
  const differences = await options.table.reconcile();
  const { missing, stale, changed } = differences;
  const total = missing + stale + changed;
  if (total > 0) {
    options.logger?.warn(
      `Conflict reconciliation fixed ${total} difference(s) in the conflicts table: ${missing} missing, ${stale} stale, ${changed} changed (catalog changes since the last run, or a write the table missed)`,
    );
  } else {
    options.logger?.debug('Conflict reconciliation found no difference');
  }
  return differences;
}

/**
 * Schedules the reconciliation every {@link CONFLICT_RECONCILIATION_MINUTES}
 * minutes, once per cluster (global scope: one replica runs each tick), the
 * first soon after start (releases seeded before the services existed).
 */
export async function scheduleConflictReconciliation(
  scheduler: SchedulerService,
  options: { table: Pick<ConflictTable, 'reconcile'>; logger?: LoggerService },
): Promise<void> {
  await scheduler.scheduleTask({
    id: CONFLICT_RECONCILIATION_TASK_ID,
    scope: 'global',
    frequency: { minutes: CONFLICT_RECONCILIATION_MINUTES },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      await runConflictReconciliation(options);
    },
  });
}
