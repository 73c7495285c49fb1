import { mockServices } from '@backstage/backend-test-utils';
import {
  CONFLICT_RECONCILIATION_TASK_ID,
  runConflictReconciliation,
  scheduleConflictReconciliation,
} from './ConflictReconciliationTask';

describe('the conflict reconciliation task', () => {
  it('logs and returns what it fixed', async () => {
    const logger = mockServices.logger.mock();
    const differences = { missing: 2, stale: 1, changed: 0 };
    const table = { reconcile: jest.fn(async () => differences) };
    expect(await runConflictReconciliation({ table, logger })).toEqual(
      differences,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'fixed 3 difference(s) in the conflicts table: 2 missing, 1 stale, 0 changed',
      ),
    );
  });

  it('stays quiet when the table was right', async () => {
    const logger = mockServices.logger.mock();
    const table = {
      reconcile: async () => ({ missing: 0, stale: 0, changed: 0 }),
    };
    await runConflictReconciliation({ table, logger });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('runs once per cluster', async () => {
    const scheduler = mockServices.scheduler.mock();
    const table = {
      reconcile: jest.fn(async () => ({ missing: 0, stale: 0, changed: 0 })),
    };
    await scheduleConflictReconciliation(scheduler, { table });
    const [task] = scheduler.scheduleTask.mock.calls[0];
    expect(task).toMatchObject({
      id: CONFLICT_RECONCILIATION_TASK_ID,
      scope: 'global',
      frequency: { minutes: 10 },
    });
    await task.fn(new AbortController().signal);
    expect(table.reconcile).toHaveBeenCalledTimes(1);
  });
});
