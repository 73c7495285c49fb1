/*
 * Two replicas of the portal backend on one PostgreSQL database, with a
 * crash (issue 14). Run from the repository root with `yarn replicas`
 * (scripts/replicas/run.sh makes sure PostgreSQL runs). Options:
 *   --releases 5       releases the load works on (about 40 requests each per phase)
 *   --concurrency 24   requests in flight at most
 *   --keep-db          keep the run's database (it is kept anyway when a check fails)
 * Exits non-zero when a check fails; the backends are always stopped.
 */
/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRunDatabase, createRunKey, Replica } from './cluster';
import { must } from './http';
import { isOk, Outcome, runPhase } from './load';
import { Check, RunReport, writeReport } from './report';
import { createLoadReleases, DEMO_USER_NAMES, phaseOps } from './scenario';
import {
  globalRuns,
  listTasks,
  scheduledEffects,
  triggerOnBoth,
} from './scheduler';
import * as steps from './steps';
import { demoUsers } from './tokens';
import { verify } from './verify';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const RELEASES = Number(option('releases', '5'));
const CONCURRENCY = Number(option('concurrency', '24'));
const KEEP_DB = process.argv.includes('--keep-db');
const PG_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres:postgres@localhost:5432';

/** The checks of the load and the crash. */
function loadChecks(
  phases: RunReport['phases'],
  findings: RunReport['findings'],
): Check[] {
  const all = phases.flatMap(p => p.outcomes);
  const serverErrors = all.filter(o => o.status >= 500);
  const unexpected = all.filter(
    o => o.status >= 400 && o.status < 500 && o.status !== 409,
  );
  const stale = all.filter(
    o => o.op.kind === 'edit' && o.status === 409,
  ).length;
  const outage = phases[1].outcomes.filter(o => o.duringOutage);
  const outageFailed = outage.filter(o => o.status === 0 || o.status >= 500);
  const found = (list: string[]) =>
    list.length === 0 ? 'none' : list.slice(0, 3).join('; ');
  return [
    {
      name: 'no 5xx',
      ok: serverErrors.length === 0,
      detail: `${serverErrors.length} of ${all.length}`,
    },
    {
      name: 'no 4xx but 409',
      ok: unexpected.length === 0,
      detail: found(
        unexpected.map(
          o =>
            `${o.op.kind} ${o.status} ${JSON.stringify(
              o.body?.error?.message ?? o.body,
            )}`,
        ),
      ),
    },
    {
      name: 'stale edits refused with 409',
      ok: stale > 0 && !findings.inconsistent.some(l => l.includes('got 409')),
      detail: `${stale} edits at a stale revision got 409`,
    },
    {
      name: 'every 2xx in the history exactly once',
      ok: findings.duplicates.length + findings.missing.length === 0,
      detail: `duplicates: ${found(findings.duplicates)}; missing: ${found(
        findings.missing,
      )}`,
    },
    {
      name: 'refused requests changed nothing',
      ok: findings.phantom.length === 0,
      detail: found(findings.phantom),
    },
    {
      name: 'revisions, history and bookings consistent',
      ok: findings.inconsistent.length === 0,
      detail: found(findings.inconsistent),
    },
    {
      name: 'the other replica kept answering after the SIGKILL',
      ok: outage.length > 0 && outageFailed.length === 0,
      detail: `${outage.filter(isOk).length} 2xx, ${
        outage.filter(o => o.status === 409).length
      } 409 of ${outage.length} requests during the outage; ${
        outageFailed.length
      } failed`,
    },
  ];
}

/** The scheduler checks: one run per tick for the whole cluster, each notice sent once. */
function schedulerChecks(
  initial: Map<string, number>,
  reminderTask: string,
  triggered: Map<string, number>,
  globalIds: string[],
  effects: Awaited<ReturnType<typeof scheduledEffects>>,
  pending: number,
): Check[] {
  return [
    {
      name: 'first reminder tick ran once for two replicas',
      ok: initial.get(reminderTask) === 1,
      detail: `${
        initial.get(reminderTask) ?? 0
      } run(s) of ${reminderTask} in the first tick`,
    },
    {
      name: 'a trigger on both replicas runs each global task once',
      ok: globalIds.every(id => triggered.get(id) === 1),
      detail: globalIds
        .map(id => `${id}: ${triggered.get(id) ?? 0}`)
        .join(', '),
    },
    {
      name: 'reminders claimed once per group',
      ok: pending > 0 && effects.reminders === pending,
      detail: `${effects.reminders} reminder(s) for ${pending} pending group(s); ${effects.reminderNotifications} notification(s)`,
    },
    {
      name: 'no scheduled notification sent twice',
      ok: effects.resent === 0,
      detail: `${effects.resent} re-sent; ${effects.digests} digest(s) claimed`,
    },
  ];
}

async function main() {
  const startedAt = new Date();
  const runId = startedAt.toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `replicas-${runId}-`));
  const database = await createRunDatabase(PG_URL, `replicas_${runId}`);
  const key = createRunKey(folder);
  const replicas = [7101, 7102].map(
    (port, i) =>
      new Replica(`replica-${i + 1}`, port, folder, database.url, key),
  );
  const killAll = () => replicas.forEach(r => r.killNow());
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
  console.log(
    `==> run ${runId}: database ${database.url.replace(
      /\/\/.*@/,
      '//…@',
    )}, logs in ${folder}`,
  );
  let passed = false;
  try {
    passed = await exercise({
      runId,
      startedAt,
      replicas,
      databaseUrl: database.url,
      key,
    });
  } finally {
    await Promise.all(replicas.map(r => r.stop()));
    if (passed && !KEEP_DB) {
      await database.drop();
      fs.rmSync(folder, { recursive: true, force: true });
    } else console.log(`==> kept database replicas_${runId} and ${folder}`);
  }
  process.exitCode = passed ? 0 : 1;
}

/** The second phase: replica-2 killed after a third of the requests, then started again. */
async function crashPhase(
  replicas: Replica[],
  ops: ReturnType<typeof phaseOps>,
  known: Map<string, number>,
) {
  console.log(
    `==> phase 2: ${ops.length} requests; SIGKILL of replica-2 after a third`,
  );
  const crash = {
    replica: replicas[1],
    afterFinished: Math.floor(ops.length / 3),
  };
  const phaseB = await runPhase({
    ops,
    replicas,
    known,
    concurrency: CONCURRENCY,
    crash,
  });
  const restartFrom = Date.now();
  replicas[1].start();
  if (!(await replicas[1].waitReady(6 * 60_000))) {
    throw new Error('replica-2 failed to start again after the crash');
  }
  return {
    phaseB,
    restartSeconds: Math.round((Date.now() - restartFrom) / 1000),
  };
}

async function exercise(run: {
  runId: string;
  startedAt: Date;
  replicas: Replica[];
  databaseUrl: string;
  key: ReturnType<typeof createRunKey>;
}): Promise<boolean> {
  const { runId, replicas, databaseUrl } = run;
  console.log('==> starting two replicas together (both seed the demo data)');
  const startupSeconds = await steps.startTogether(replicas, databaseUrl);
  const startupRestarts = replicas.filter(r => r.starts > 1).length;
  await steps.waitForCatalog(replicas[0]);
  const users = await demoUsers(
    replicas[0].baseUrl,
    databaseUrl,
    run.key,
    DEMO_USER_NAMES,
  );
  const alice = users.get('alice')!;
  const checks: Check[] = [await steps.checkSeededOnce(databaseUrl)];
  checks.push(await steps.refreshGraphs(replicas, alice));
  const tasks = await listTasks(replicas[0], alice);
  const globalIds = tasks.filter(t => t.scope === 'global').map(t => t.taskId);
  const reminderTask = globalIds.find(id => id.includes('reminder'))!;
  console.log(
    `==> waiting for the first tick of ${reminderTask} (a minute after start)`,
  );
  await steps.waitForRun(() => globalRuns(databaseUrl), reminderTask, 150_000);
  const initial = await globalRuns(databaseUrl);

  const releases = await createLoadReleases(
    replicas[0].baseUrl,
    users,
    RELEASES,
    runId,
  );
  const reminderRelease = await steps.createReminderRelease(
    replicas[0],
    alice,
    runId,
  );
  const known = new Map<string, number>();
  for (const r of releases) {
    known.set(
      r.id,
      (await must(replicas[0].baseUrl, alice, 'GET', `/releases/${r.id}`))
        .revision,
    );
  }
  const opsA = phaseOps(releases, users, known, `${runId}a`, 1);
  console.log(
    `==> phase 1: ${opsA.length} requests, ${CONCURRENCY} at a time, both replicas`,
  );
  const phaseA = await runPhase({
    ops: opsA,
    replicas,
    known,
    concurrency: CONCURRENCY,
  });

  const pending = (
    await must(
      replicas[0].baseUrl,
      alice,
      'GET',
      `/releases/${reminderRelease}/approvals`,
    )
  ).pending.length;
  console.log(
    `==> triggering ${globalIds.join(', ')} on both replicas at once`,
  );
  const fixedBefore = steps.reconciliationFixes(replicas);
  const triggered = await triggerOnBoth({
    replicas,
    user: alice,
    databaseUrl,
    taskIds: globalIds,
  });
  const fixedAfterLoad = steps.reconciliationFixes(replicas) - fixedBefore;

  const opsB = phaseOps(releases, users, known, `${runId}b`, 2);
  const { phaseB, restartSeconds } = await crashPhase(replicas, opsB, known);

  console.log(
    '==> comparing every answer with the database, reading through the restarted replica',
  );
  const phases = [
    { name: 'both replicas', outcomes: phaseA },
    { name: 'SIGKILL of replica-2 mid-load', outcomes: phaseB },
  ];
  const all: Outcome[] = [...phaseA, ...phaseB];
  const findings = await verify({
    reader: replicas[1],
    user: alice,
    databaseUrl,
    releaseIds: releases.map(r => r.id),
    outcomes: all,
  });
  checks.push(...loadChecks(phases, findings));
  console.log('==> reconciling the conflicts table after the crash');
  const reconciliationTask = globalIds.find(id =>
    id.includes('conflict-reconciliation'),
  )!;
  const afterCrash = await steps.reconcileNow(
    replicas,
    alice,
    databaseUrl,
    reconciliationTask,
  );
  const ranAfterLoad = triggered.get(reconciliationTask) ?? 0;
  checks.push({
    name: 'the conflicts table equals a full recomputation after the load and after the crash',
    ok:
      ranAfterLoad > 0 &&
      afterCrash.runs > 0 &&
      fixedAfterLoad === 0 &&
      afterCrash.fixed === 0,
    detail: `differences fixed by the reconciliation triggered after phase 1 (${ranAfterLoad} run): ${fixedAfterLoad}; after phase 2 and the restart (${afterCrash.runs} run): ${afterCrash.fixed}`,
  });
  const effects = await scheduledEffects(databaseUrl, reminderRelease);
  checks.push(
    ...schedulerChecks(
      initial,
      reminderTask,
      triggered,
      globalIds,
      effects,
      pending,
    ),
  );
  const report: RunReport = {
    runId,
    startedAt: run.startedAt,
    seconds: Math.round((Date.now() - run.startedAt.getTime()) / 1000),
    startupSeconds,
    startupRestarts,
    restartSeconds,
    phases,
    findings,
    globalRuns: await globalRuns(databaseUrl),
    triggerRuns: triggered,
    localTasks: tasks.filter(t => t.scope === 'local').map(t => t.taskId),
    checks,
  };
  writeReport(report);
  return checks.every(c => c.ok);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
