/*
 * The steps of a run that talk to the cluster: start both replicas at once
 * (both seed the demo data: seeding must be safe when they race), wait for
 * the catalog, and prepare the release the approval reminders find.
 */
import { withDatabase } from './db';
import { demoFreezes } from '../../plugins/release-coordination-backend/src/demo/demoFreezes';
import { demoReleases } from '../../plugins/release-coordination-backend/src/demo/demoReleases';
import { demoTrains } from '../../plugins/release-coordination-backend/src/demo/demoTrains';
import { Replica, sleep } from './cluster';
import { call, must } from './http';
import { Check } from './report';
import { installRunProbe, listTasks, triggerOnBoth } from './scheduler';
import { DemoUser, guestSignIn } from './tokens';

const STARTUP_MS = 6 * 60_000;

/**
 * Starts the replicas together; returns each one's seconds to ready. Two
 * backends migrating a fresh database at once can fail (Backstage's Knex
 * migrations do not wait for each other's lock: "Migration table is already
 * locked"); a replica whose startup failed is killed, the locks it left
 * are released, and it is started again, one after the other, as an
 * orchestrator would restart its pod.
 */
export async function startTogether(replicas: Replica[], databaseUrl: string) {
  const started = Date.now();
  const elapsed = () => Math.round((Date.now() - started) / 1000);
  replicas.forEach(r => r.start());
  const probe = installRunProbe(databaseUrl, STARTUP_MS);
  const seconds = await Promise.all(
    replicas.map(async r => ((await r.waitReady(STARTUP_MS)) ? elapsed() : -1)),
  );
  const failed = replicas.filter((_, i) => seconds[i] < 0);
  for (const r of failed) await r.kill();
  if (failed.length > 0) await releaseMigrationLocks(databaseUrl);
  for (const [i, r] of replicas.entries()) {
    if (seconds[i] >= 0) continue;
    r.start();
    if (!(await r.waitReady(STARTUP_MS))) {
      throw new Error(`${r.name} failed to start twice; see ${r.logFile}`);
    }
    seconds[i] = elapsed();
  }
  await probe;
  return seconds;
}

/**
 * `knex migrate:unlock` for every plugin schema: a replica killed in the
 * middle of a migration leaves its lock taken, and two replicas creating a
 * lock table at once can leave two rows in it. Only called when no replica
 * is migrating (the others are ready or killed).
 */
async function releaseMigrationLocks(databaseUrl: string) {
  await withDatabase(databaseUrl, async query => {
    const tables = await query(
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE table_name LIKE '%knex_migrations_lock'`,
    );
    for (const t of tables) {
      const table = [t.table_schema, t.table_name];
      // two backends creating the lock table at once can each insert its
      // row; knex then never gets the lock (it wants exactly one row)
      await query(
        `DELETE FROM ??.?? WHERE index > (SELECT min(index) FROM ??.??)`,
        [...table, ...table],
      );
      await query(`UPDATE ??.?? SET is_locked = 0`, table);
    }
  });
}

/** Waits until the catalog has ingested the demo users (the guest sign-in resolves alice). */
export async function waitForCatalog(replica: Replica) {
  const until = Date.now() + 3 * 60_000;
  for (;;) {
    try {
      const guest = await guestSignIn(replica.baseUrl);
      if (guest.identity.ownershipEntityRefs.length > 1) return;
    } catch {
      // the auth backend may still be waiting for the catalog
    }
    if (Date.now() > until) throw new Error('the catalog never resolved alice');
    await sleep(2000);
  }
}

/**
 * Both replicas seeded at once: the demo data must be there exactly once —
 * every demo freeze and train once, and no release twice (the demo's
 * releases come from several capabilities: plans, verification, issues,
 * rollbacks; each title and version must appear once, the plans' all).
 */
export async function checkSeededOnce(databaseUrl: string): Promise<Check> {
  return withDatabase(databaseUrl, async query => {
    const one = async (sql: string) => (await query(sql))[0].n as number;
    const count = (table: string) =>
      one(`SELECT count(*)::int AS n FROM "release-coordination".${table}`);
    const now = new Date();
    const plans = demoReleases(now).length;
    const releases = await count('releases');
    const distinct = await one(
      `SELECT count(DISTINCT (title, version))::int AS n FROM "release-coordination".releases`,
    );
    const expected = [demoFreezes(now).length, demoTrains(now).length];
    const found = [await count('freezes'), await count('trains')];
    return {
      name: 'demo data seeded once by two replicas starting together',
      ok:
        releases === distinct &&
        releases >= plans &&
        found.every((n, i) => n === expected[i]),
      detail: `releases: ${releases} (${distinct} distinct, at least ${plans} planned); freezes, trains: ${found.join(
        ', ',
      )} (expected ${expected.join(', ')})`,
    };
  });
}

/**
 * Refreshes each replica's catalog graph (a local task) now that the catalog
 * is complete, and checks each ran it.
 */
export async function refreshGraphs(
  replicas: Replica[],
  user: DemoUser,
): Promise<Check> {
  const local = (await listTasks(replicas[0], user)).filter(
    t => t.scope === 'local',
  );
  for (const r of replicas) {
    for (const t of local) {
      await call(
        r.baseUrl,
        user,
        'POST',
        `/.backstage/scheduler/v1/tasks/${t.taskId}/trigger`,
      );
    }
  }
  await sleep(8000);
  const ran = await Promise.all(
    replicas.map(async r =>
      (await listTasks(r, user))
        .filter(t => t.scope === 'local')
        .every(t => t.taskState?.lastRunEndedAt !== undefined),
    ),
  );
  return {
    name: 'local tasks run on every replica',
    ok: local.length > 0 && ran.every(Boolean),
    detail: `${local.map(t => t.taskId).join(', ')}: ran on ${
      ran.filter(Boolean).length
    } of ${replicas.length} replicas`,
  };
}

/**
 * A planned release of checkout-service starting in six hours, so the
 * approval reminders have groups to remind; returns its id.
 */
export async function createReminderRelease(
  replica: Replica,
  alice: DemoUser,
  runId: string,
) {
  const start = new Date(Date.now() + 6 * 3600_000);
  const created = await must(replica.baseUrl, alice, 'POST', '/releases', {
    title: `Replicas ${runId} reminder`,
    version: '9.99.0',
    type: 'normal',
    window: {
      start: start.toISOString(),
      end: new Date(start.getTime() + 3600_000).toISOString(),
    },
    entityRefs: ['component:default/cart-service'],
  });
  await must(
    replica.baseUrl,
    alice,
    'POST',
    `/releases/${created.id}/transition`,
    {
      to: 'planned',
    },
  );
  return created.id as string;
}

/** Waits for the first run of a global task (at most `ms`); false if none came. */
export async function waitForRun(
  runs: () => Promise<Map<string, number>>,
  taskId: string,
  ms: number,
) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if ((await runs()).has(taskId)) return true;
    await sleep(2000);
  }
  return false;
}

/** What the conflict reconciliation logs when the table differed from a full recomputation. */
const RECONCILIATION_FIXED = 'Conflict reconciliation fixed';

/** How often the replicas' reconciliations found the conflicts table different, so far. */
export function reconciliationFixes(replicas: Replica[]): number {
  return replicas
    .map(r => r.logs().split(RECONCILIATION_FIXED).length - 1)
    .reduce((a, b) => a + b, 0);
}

/**
 * Triggers the conflict reconciliation on both replicas; its runs, and the
 * differences it logged (none when every write kept the table up to date).
 */
export async function reconcileNow(
  replicas: Replica[],
  user: DemoUser,
  databaseUrl: string,
  taskId: string,
): Promise<{ runs: number; fixed: number }> {
  const before = reconciliationFixes(replicas);
  const runs = await triggerOnBoth({
    replicas,
    user,
    databaseUrl,
    taskIds: [taskId],
  });
  return {
    runs: runs.get(taskId) ?? 0,
    fixed: reconciliationFixes(replicas) - before,
  };
}
