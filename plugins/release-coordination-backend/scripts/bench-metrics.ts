/*
 * Benchmark of the delivery metrics (`GET /metrics`, issue 12).
 *
 * For each database (better-sqlite3 in a temp file, PostgreSQL in a database
 * of its own, dropped afterwards) it starts the plugin in-process over real
 * HTTP (startTestBackend) with a generated catalog of 40 systems of 25
 * components, bulk-loads two years of history straight into the plugin's
 * tables (100,000 releases with their delivery times and entities, 5,000
 * issues, rollbacks, follow-up hotfixes and train bookings), and times
 * sequential requests (one connection, after warm-up):
 *
 *   organisation, the last year, weekly       target p95 ≤ 200 ms
 *   one System, the last year, weekly         target p95 ≤ 50 ms
 *   organisation, two years, monthly          (for information)
 *   organisation, the last year, weekly, CSV  (for information)
 *
 * and writes bench/METRICS_RESULTS.md with the machine and its load average.
 *
 * Run from the package folder (PostgreSQL on localhost:5432 for `pg`):
 *   yarn bench:metrics [--db sqlite,pg] [--releases 100000] [--issues 5000]
 *     [--runs 60] [--pg postgresql://postgres:postgres@localhost:5432]
 *     [--out bench/METRICS_RESULTS.md | -] [--keep (the SQLite file or
 *     PostgreSQL database, for profiling)]
 */
/* eslint-disable no-console */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { releaseCoordinationPlugin } from '../src/plugin';
import { mulberry32, time } from './benchSupport';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1]
    ? process.argv[index + 1]
    : fallback;
}

const OPTIONS = {
  dbs: option('db', 'sqlite,pg').split(',') as ('sqlite' | 'pg')[],
  releases: Number(option('releases', '100000')),
  issues: Number(option('issues', '5000')),
  runs: Number(option('runs', '60')),
  pg: option('pg', 'postgresql://postgres:postgres@localhost:5432'),
  out: option('out', 'bench/METRICS_RESULTS.md'),
};
const PG_DATABASE = `bench_metrics_${process.pid}`;
const SYSTEMS = 40;
const COMPONENTS_PER_SYSTEM = 25;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();
const rnd = mulberry32(12);
const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];

function generateCatalog(): Entity[] {
  const entities: Entity[] = [];
  for (let s = 0; s < SYSTEMS; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `system-${s}`, namespace: 'default' },
      spec: { owner: `team-${s % 10}` },
    });
    for (let c = 0; c < COMPONENTS_PER_SYSTEM; c++) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: `service-${s}-${c}`, namespace: 'default' },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: `team-${s % 10}`,
          system: `system-${s}`,
        },
        relations: [
          { type: 'partOf', targetRef: `system:default/system-${s}` },
          { type: 'ownedBy', targetRef: `group:default/team-${s % 10}` },
        ],
      });
    }
  }
  return entities;
}

/** Inserts rows in chunks under each database's limits per statement. */
async function insertAll(db: Knex, table: string, rows: object[]) {
  const perRow = Math.max(1, Object.keys(rows[0] ?? {}).length);
  // SQLite inserts many rows as one compound SELECT of at most 500 terms
  const size =
    db.client.config.client === 'pg' ? Math.floor(60_000 / perRow) : 400;
  for (let i = 0; i < rows.length; i += size) {
    await db(table).insert(rows.slice(i, i + size));
  }
}

/** The final state of a past release, by a draw in [0, 1). */
const STATE_MIX: Array<[number, string]> = [
  [0.05, 'rolled_back'],
  [0.12, 'cancelled'],
  [0.55, 'verified'],
  [1, 'released'],
];
const pickState = (draw: number) => STATE_MIX.find(([upTo]) => draw < upTo)![1];

/**
 * Two years of history up to now: most releases released (some rolled
 * back, some hotfixes of an earlier release, a fifth on a train), the rest
 * cancelled or still to come; issues on released ones.
 */
async function loadHistory(db: Knex) {
  await db('trains').insert({
    id: 'train-1',
    name: 'Weekly',
    description: '',
    rrule: 'FREQ=WEEKLY',
    timezone: 'UTC',
    start_at: new Date(NOW - 800 * DAY),
    slot_duration: 'PT4H',
    cutoff: 'P1D',
    scope: '{}',
    created_by: 'user:default/bench',
    created_at: new Date(NOW - 800 * DAY),
    updated_at: new Date(NOW - 800 * DAY),
    revision: 1,
  });
  const releases: object[] = [];
  const entities: object[] = [];
  const times: Array<{
    released_at: number | null;
    hotfix: boolean;
    previous_release_at: number | null;
    refs?: string[];
  }> = [];
  const bookings: object[] = [];
  const hotfixes: object[] = [];
  const released: string[] = [];
  for (let i = 0; i < OPTIONS.releases; i++) {
    const id = `00000000-0000-4000-b000-${String(i).padStart(12, '0')}`;
    const start = NOW - 730 * DAY + rnd() * 730 * DAY;
    const end = start + (1 + Math.floor(rnd() * 6)) * HOUR;
    const roll = rnd();
    const state = start > NOW - 2 * DAY ? 'approved' : pickState(rnd());
    const type = rnd() < 0.08 ? 'hotfix' : 'normal';
    const system = Math.floor(rnd() * SYSTEMS);
    const refs = [
      ...new Set(
        Array.from(
          { length: 1 + Math.floor(rnd() * 2) },
          () =>
            `component:default/service-${system}-${Math.floor(
              rnd() * COMPONENTS_PER_SYSTEM,
            )}`,
        ),
      ),
    ];
    releases.push({
      id,
      title: `Release ${i}`,
      version: '1.0.0',
      type,
      state,
      window_start: new Date(start),
      window_end: new Date(end),
      owner_ref: `group:default/team-${system % 10}`,
      description: '',
      changes: '[]',
      created_by: 'user:default/bench',
      created_at: new Date(start - 20 * DAY),
      updated_at: new Date(start),
      revision: 1,
    });
    for (const ref of refs) {
      entities.push({
        release_id: id,
        entity_ref: ref,
        window_start: new Date(start),
        window_end: new Date(end),
      });
    }
    const plannedAt = start - (1 + rnd() * 20) * DAY;
    const approvedAt = plannedAt + rnd() * (start - plannedAt);
    const isReleased = ['released', 'verified', 'rolled_back'].includes(state);
    const releasedAt = isReleased ? start + rnd() * (end - start) * 1.3 : null;
    const onTrain = isReleased && rnd() < 0.2;
    times.push({
      release_id: id,
      planned_at: Math.round(plannedAt),
      approved_at: state === 'cancelled' ? null : Math.round(approvedAt),
      started_at: isReleased ? Math.round(start - rnd() * HOUR * 0.2) : null,
      released_at: releasedAt && Math.round(releasedAt),
      rollback_at:
        state === 'rolled_back' && releasedAt
          ? Math.round(releasedAt + rnd() * 6 * HOUR)
          : null,
      window_start: isReleased ? Math.round(start) : null,
      window_end: isReleased ? Math.round(end) : null,
      hotfix: isReleased && type === 'hotfix',
      on_train: onTrain,
      previous_release_at: null as number | null,
      refs,
    });
    if (onTrain) {
      bookings.push({
        release_id: id,
        train_id: 'train-1',
        slot_start: new Date(start),
        booked_by: 'user:default/bench',
        booked_at: new Date(plannedAt),
      });
    }
    if (isReleased) {
      if (type === 'hotfix' && released.length > 0 && rnd() < 0.5) {
        hotfixes.push({
          hotfix_id: id,
          of_release_id: pick(released.slice(-50)),
          created_at: new Date(plannedAt),
        });
      }
      released.push(id);
    }
  }
  await insertAll(db, 'releases', releases);
  await insertAll(db, 'release_entities', entities);
  // a hotfix's last earlier release of one of its entities, as the event
  // path records it at release
  const lastReleased = new Map<string, number>();
  for (const row of [...times]
    .filter(t => t.released_at !== null)
    .sort((a, b) => a.released_at! - b.released_at!)) {
    if (row.hotfix) {
      const earlier = row.refs!.map(ref => lastReleased.get(ref) ?? 0);
      row.previous_release_at = Math.max(...earlier) || null;
    }
    for (const ref of row.refs!) lastReleased.set(ref, row.released_at!);
  }
  await insertAll(
    db,
    'release_delivery_times',
    times.map(({ refs, ...row }) => row),
  );
  // each entity row carries its release's times, as the event path keeps them
  await insertAll(
    db,
    'release_delivery_entities',
    times.flatMap(({ refs, hotfix, ...row }) =>
      refs!.map(ref => ({ ...row, entity_ref: ref })),
    ),
  );
  await insertAll(db, 'train_bookings', bookings);
  await insertAll(db, 'release_hotfixes', hotfixes);
  const issues: object[] = [];
  for (let i = 0; i < OPTIONS.issues; i++) {
    const createdAt = NOW - rnd() * 720 * DAY;
    const resolved = rnd() < 0.7;
    issues.push({
      id: `00000000-0000-4000-c000-${String(i).padStart(12, '0')}`,
      release_id: pick(released),
      title: `Issue ${i}`,
      severity: pick(['sev1', 'sev2', 'sev3', 'sev3', 'sev4']),
      status: resolved ? 'resolved' : 'open',
      owner_ref: 'user:default/bench',
      links: '[]',
      created_by: 'user:default/bench',
      created_at: new Date(createdAt),
      updated_at: new Date(createdAt),
      status_since: new Date(
        resolved ? createdAt + rnd() * 2 * DAY : createdAt,
      ),
      revision: 1,
    });
  }
  await insertAll(db, 'release_issues', issues);
  await db.raw('ANALYZE');
  return {
    released: released.length,
    bookings: bookings.length,
    hotfixLinks: hotfixes.length,
  };
}

async function openDatabase(kind: 'sqlite' | 'pg') {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-metrics-'));
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'release-coordination.sqlite') },
      useNullAsDefault: true,
    });
    return {
      db,
      describe: 'better-sqlite3, temp file',
      close: async () => {
        await db.destroy();
        if (process.argv.includes('--keep')) console.log(`kept ${dir}`);
        else fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = knexFactory({ client: 'pg', connection: OPTIONS.pg });
  await admin.raw(`CREATE DATABASE ${PG_DATABASE}`);
  const db = knexFactory({
    client: 'pg',
    connection: `${OPTIONS.pg.replace(/\/$/, '')}/${PG_DATABASE}`,
    pool: { min: 0 },
  });
  const [{ version }] = (await db.raw('select version()')).rows;
  return {
    db,
    describe: `${String(version).split(' on ')[0]}, database ${PG_DATABASE}`,
    close: async () => {
      await db.destroy();
      if (process.argv.includes('--keep')) console.log(`kept ${PG_DATABASE}`);
      else await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
      await admin.destroy();
    },
  };
}

const CASES = [
  {
    label: 'organisation, last year, weekly',
    scope: 'organisation',
    days: 365,
    interval: 'week',
    target: 200,
  },
  {
    label: 'one System (system-7), last year, weekly',
    scope: 'system:default/system-7',
    days: 365,
    interval: 'week',
    target: 50,
  },
  {
    label: 'organisation, two years, monthly',
    scope: 'organisation',
    days: 730,
    interval: 'month',
  },
  {
    label: 'organisation, last year, weekly, CSV',
    scope: 'organisation',
    days: 365,
    interval: 'week',
    format: 'csv',
  },
];

async function runDatabase(kind: 'sqlite' | 'pg') {
  console.log(`\n=== ${kind} ===`);
  const { db, describe, close } = await openDatabase(kind);
  const backend = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      mockServices.rootConfig.factory({
        data: { releaseCoordination: { demoData: { seed: false } } },
      }),
      mockServices.database.factory({ knex: db }),
      catalogServiceMock.factory({ entities: generateCatalog() }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  try {
    const started = Date.now();
    const loaded = await loadHistory(db);
    const loadSeconds = (Date.now() - started) / 1000;
    console.log(`loaded in ${loadSeconds.toFixed(1)} s`, loaded);
    const { port } = backend.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api/release-coordination`;
    const headers = { Authorization: mockCredentials.user.header() };
    const rows = [];
    const load1Before = os.loadavg()[0];
    for (const c of CASES) {
      const query = new URLSearchParams({
        scope: c.scope,
        from: new Date(NOW - c.days * DAY).toISOString(),
        to: new Date(NOW).toISOString(),
        interval: c.interval,
        ...(c.format && { format: c.format }),
      });
      let status = 0;
      const result = await time(OPTIONS.runs, async () => {
        const res = await fetch(`${base}/metrics?${query}`, { headers });
        status = res.status;
        await res.arrayBuffer();
      });
      if (status !== 200) throw new Error(`${c.label}: status ${status}`);
      console.log(c.label, result);
      rows.push({ ...c, ...result, load1: os.loadavg()[0] });
    }
    return {
      kind,
      describe,
      loaded,
      loadSeconds,
      rows,
      load1: [load1Before, os.loadavg()[0]],
    };
  } finally {
    await backend.stop();
    await close();
  }
}

/** Whether a case with a target met it. */
function verdict(row: { p95: number; target?: number }) {
  if (!row.target) return '';
  return row.p95 <= row.target ? 'met' : '**missed**';
}

function report(results: Awaited<ReturnType<typeof runDatabase>>[]) {
  const cpu = os.cpus();
  const lines = [
    '# Delivery metrics benchmark (`GET /metrics`)',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
    `- Data: ${OPTIONS.releases} releases over the two years up to the run, ${OPTIONS.issues} issues, ${SYSTEMS} systems of ${COMPONENTS_PER_SYSTEM} components; rows written straight into the plugin's tables (including the delivery tables that release events keep)`,
    `- Requests: ${OPTIONS.runs} sequential requests per case after 10 warm-up ones, one connection, the plugin in-process (startTestBackend) over real HTTP on 127.0.0.1`,
    `- Run: \`yarn bench:metrics\` in plugins/release-coordination-backend`,
    '',
  ];
  for (const r of results) {
    lines.push(
      `## ${r.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
      '',
      `${r.describe}. Loaded in ${r.loadSeconds.toFixed(1)} s: ${
        r.loaded.released
      } released, ${r.loaded.bookings} on a train, ${
        r.loaded.hotfixLinks
      } follow-up hotfix links. Load average (1 min) of the machine before and after measuring: ${r.load1
        .map(l => l.toFixed(2))
        .join(' and ')} (${cpu.length} cores, shared with other work).`,
      '',
      '| Case | p50 ms | p95 ms | target p95 | verdict | load avg after |',
      '| --- | ---: | ---: | ---: | --- | ---: |',
      ...r.rows.map(
        row =>
          `| ${row.label} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${
            row.target ? `≤ ${row.target} ms` : '–'
          } | ${verdict(row)} | ${row.load1.toFixed(2)} |`,
      ),
      '',
    );
  }
  return lines.join('\n');
}

async function main() {
  const results = [];
  for (const kind of OPTIONS.dbs) results.push(await runDatabase(kind));
  const text = report(results);
  if (OPTIONS.out === '-') console.log(text);
  else {
    fs.writeFileSync(path.resolve(__dirname, '..', OPTIONS.out), text);
    console.log(`\nwritten to ${OPTIONS.out}`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
