/*
 * Scheduled work across the cluster. A probe in the run's own database (a
 * trigger on the scheduler's task table of the plugin, in a schema of its
 * own) records every claim of a global task: one row per run, whichever
 * replica ran it. Local tasks (the catalog graph copy each replica keeps)
 * report their state per replica.
 */
import { withDatabase } from './db';
import { Replica, sleep } from './cluster';
import { call, must } from './http';
import { DemoUser } from './tokens';

const TASKS = '"release-coordination".backstage_backend_tasks__tasks';

/** Waits for the plugin's task table, then installs the run probe on it. */
export async function installRunProbe(databaseUrl: string, timeoutMs: number) {
  return withDatabase(databaseUrl, async query => {
    const until = Date.now() + timeoutMs;
    while ((await query(`SELECT to_regclass(?) AS t`, [TASKS]))[0].t === null) {
      if (Date.now() > until)
        throw new Error('the scheduler table never appeared');
      await sleep(200);
    }
    await query(`
      CREATE SCHEMA replicas_probe;
      CREATE TABLE replicas_probe.task_runs (
        task_id text NOT NULL, ticket text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT clock_timestamp());
      CREATE FUNCTION replicas_probe.record_run() RETURNS trigger AS $$
      BEGIN
        IF NEW.current_run_ticket IS NOT NULL
           AND NEW.current_run_ticket IS DISTINCT FROM OLD.current_run_ticket THEN
          INSERT INTO replicas_probe.task_runs (task_id, ticket)
          VALUES (NEW.id, NEW.current_run_ticket);
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER replicas_probe_runs AFTER UPDATE ON ${TASKS}
        FOR EACH ROW EXECUTE FUNCTION replicas_probe.record_run();`);
  });
}

/** Runs of each global task that started at or after `since`, within `windowMs` of its first such run. */
export async function globalRuns(
  databaseUrl: string,
  since = new Date(0),
  windowMs = 1e13,
): Promise<Map<string, number>> {
  return withDatabase(databaseUrl, async query => {
    const rows = await query(
      `SELECT task_id, count(*)::int AS runs FROM replicas_probe.task_runs r
       WHERE started_at >= ? AND started_at < (
         SELECT min(started_at) FROM replicas_probe.task_runs f
         WHERE f.task_id = r.task_id AND f.started_at >= ?
       ) + ? * interval '1 millisecond'
       GROUP BY task_id`,
      [since, since, windowMs],
    );
    return new Map(rows.map(r => [r.task_id as string, r.runs as number]));
  });
}

/** A task as the scheduler of one replica lists it. */
export interface TaskInfo {
  taskId: string;
  scope: 'global' | 'local';
  taskState: { status: string; lastRunEndedAt?: string } | null;
}

/** The plugin's scheduled tasks as a replica lists them. */
export async function listTasks(
  replica: Replica,
  user: DemoUser,
): Promise<TaskInfo[]> {
  const body = await must(
    replica.baseUrl,
    user,
    'GET',
    '/.backstage/scheduler/v1/tasks',
  );
  return body.tasks;
}

/**
 * How long after a task's first run since the trigger another run counts as
 * the trigger's too: less than the shortest task frequency (a minute), so
 * that the task's next tick is not taken for a second run.
 */
const TRIGGER_WINDOW_MS = 30_000;

/**
 * Triggers every global task through both replicas at the same moment and
 * waits until they ran and are idle again; returns the runs of each that
 * started within {@link TRIGGER_WINDOW_MS} of its first run since the trigger.
 */

export async function triggerOnBoth(options: {
  replicas: Replica[];
  user: DemoUser;
  databaseUrl: string;
  taskIds: string[];
}): Promise<Map<string, number>> {
  const { replicas, user, databaseUrl, taskIds } = options;
  const since = new Date();
  await Promise.all(
    taskIds.flatMap(id =>
      replicas.map(r =>
        // 409 when the other replica's trigger already started it
        call(
          r.baseUrl,
          user,
          'POST',
          `/.backstage/scheduler/v1/tasks/${id}/trigger`,
        ),
      ),
    ),
  );
  const until = Date.now() + 60_000;
  for (;;) {
    await sleep(2000);
    const runs = await globalRuns(databaseUrl, since);
    const tasks = await listTasks(replicas[0], user);
    const idle = tasks
      .filter(t => taskIds.includes(t.taskId))
      .every(t => t.taskState?.status !== 'running');
    if ((idle && taskIds.every(id => runs.has(id))) || Date.now() > until) {
      // a second claim would come within the scheduler's 5 s poll; the
      // task's next tick by its frequency (a minute at least, after the
      // triggered run) is not a second run of the trigger
      await sleep(6000);
      return globalRuns(databaseUrl, since, TRIGGER_WINDOW_MS);
    }
  }
}

/** Rows the reminder and digest tasks claimed (one per key by design), and notifications sent twice. */
export async function scheduledEffects(databaseUrl: string, releaseId: string) {
  return withDatabase(databaseUrl, async query => {
    const one = async (sql: string, params: unknown[] = []) =>
      (await query(sql, params))[0].n as number;
    return {
      reminders: await one(
        `SELECT count(*)::int AS n FROM "release-coordination".release_approval_reminders WHERE release_id = ?`,
        [releaseId],
      ),
      digests: await one(
        `SELECT count(*)::int AS n FROM "release-coordination".release_weekly_digests`,
      ),
      // the notifications backend updates a notification sent again under the same scope
      resent: await one(
        `SELECT count(*)::int AS n FROM notifications.notification
         WHERE updated IS NOT NULL AND scope LIKE 'release-coordination:%'
           AND (scope LIKE '%approval-reminder%' OR scope LIKE '%digest%')`,
      ),
      reminderNotifications: await one(
        `SELECT count(*)::int AS n FROM notifications.notification
         WHERE scope LIKE ?`,
        [`%${releaseId}:approval-reminder%`],
      ),
    };
  });
}
