/*
 * HTTP benchmark of the release-coordination backend (issue 3, "Speed").
 *
 * For each database (better-sqlite3 in a temp file, PostgreSQL) it starts the
 * plugin in-process over real HTTP (startTestBackend), with a catalog of about
 * 10,000 generated entities, bulk-loads releases, freezes and trains straight
 * into the plugin's tables, fills the conflicts table with the plugin's own
 * reconciliation (src/tasks/ConflictReconciliationTask.ts), and measures
 * with autocannon, run in a child process (scripts/benchLoad.ts) so that it
 * does not take the backend's thread:
 *
 *   GET /releases?from&to   one-month windows, each release with its conflicts
 *   GET /conflicts?from&to  one-month windows (read from the conflicts table)
 *   GET /gate?entityRef&at  entities and instants inside approved releases
 *   GET /api/catalog/entities/by-name/...  the yardstick: Backstage's own
 *                           catalog backend in the same process, holding the
 *                           same entities (scripts/benchYardstick.ts)
 *
 * then times the conflict detector at 1k, 10k and 100k releases in the window
 * (scripts/bench-conflicts.ts) and writes everything to bench/RESULTS.md.
 *
 * Run from the package folder (PostgreSQL on localhost:5432 for `pg`):
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/bench-http.ts
 * Options (all optional):
 *   --db sqlite,pg          databases to run (default both)
 *   --releases 100000       releases over two years
 *   --entities 10000        catalog size
 *   --freezes 1000 --trains 200
 *   --duration 10           seconds per endpoint
 *   --connections 1,4       each endpoint once per connection count
 *   --pg postgresql://postgres:postgres@localhost:5432
 *   --out bench/RESULTS.md  (--out - prints only)
 *   --skip-growth           leave out the detector growth measurement
 *   --endpoints releases,conflicts,gate,catalog   endpoints to measure (default all)
 *   --explain               print the query plans of one request per endpoint
 *   --writes 100            releases edited with and without the conflicts
 *                           table's upkeep (scripts/benchWriteCost.ts; 0: none)
 */
/* eslint-disable no-console */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  Freeze,
  RELEASE_TYPES,
  ReleaseState,
  ReleaseType,
  Train,
} from '@internal/plugin-release-coordination-common';
import knexFactory, { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { releaseCoordinationPlugin } from '../src/plugin';
import { DatabaseFreezeStore } from '../src/database/DatabaseFreezeStore';
import { DatabaseTrainStore } from '../src/database/DatabaseTrainStore';
import { windowBucket } from '../src/database/windowBuckets';
import { benchConflictGrowth, ConflictGrowthRow } from './bench-conflicts';
import { mulberry32 } from './benchSupport';
import { createStores, Stores } from '../src/database/createStores';
import { CatalogModel } from '../src/catalogGraph/CatalogModel';
import { ConflictTable } from '../src/conflicts/ConflictTable';
import { FreezeService } from '../src/freezes/FreezeService';
import { runConflictReconciliation } from '../src/tasks/ConflictReconciliationTask';
import { byNamePath, waitForCatalog, yardstickCatalog } from './benchYardstick';
import { benchWriteCost, WriteCostRow } from './benchWriteCost';
import { MonthWalk, walkConflictMonths } from './benchConflictPages';
import { measure, Measured } from './benchLoad';

// ---------------------------------------------------------------- options

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1]
    ? process.argv[index + 1]
    : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const OPTIONS = {
  dbs: option('db', 'sqlite,pg').split(',') as ('sqlite' | 'pg')[],
  releases: Number(option('releases', '100000')),
  entities: Number(option('entities', '10000')),
  freezes: Number(option('freezes', '1000')),
  trains: Number(option('trains', '200')),
  duration: Number(option('duration', '10')),
  connections: option('connections', '1,4').split(',').map(Number),
  pg: option('pg', 'postgresql://postgres:postgres@localhost:5432'),
  out: option('out', path.resolve(__dirname, '../bench/RESULTS.md')),
  growth: !flag('skip-growth'),
  endpoints: option('endpoints', 'releases,conflicts,gate,catalog').split(','),
  explain: flag('explain'),
  writes: Number(option('writes', '100')),
};

const TARGETS = { monthP95: 50, gateP95: 10 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SPAN_START = Date.parse('2026-01-01T00:00:00Z');
const SPAN_END = Date.parse('2028-01-01T00:00:00Z');
const PG_DATABASE = 'bench_release_coordination';
const USER = 'user:default/bench-user';
/** A user with no drafts (a stakeholder looking at the calendar). */
const VIEWER = 'user:default/bench-viewer';

const rnd = mulberry32(42);
const pick = <T>(items: readonly T[]): T =>
  items[Math.floor(rnd() * items.length)];
const between = (min: number, max: number) =>
  min + Math.floor(rnd() * (max - min + 1));

// ---------------------------------------------------------------- catalog

/**
 * The demo catalog (3 domains, 6 systems, ~30 components/APIs/resources, a
 * handful of teams) scaled up: domains of ten systems; each system with
 * components, APIs and resources in the same proportions; dependsOn chains
 * inside a system, API consumption inside the domain and of a few shared
 * platform APIs; relations filled both ways as the catalog's processors do.
 */
function generateCatalog(total: number) {
  const domains = Math.max(3, Math.round(total / 250));
  const systems = domains * 10;
  const groups = Math.max(5, Math.round(total / 50));
  const users = Math.max(10, Math.round(total / 10));
  const perSystem = Math.max(
    3,
    Math.floor((total - domains - systems - groups - users) / systems),
  );
  // per system: 70% components, 20% APIs, 10% resources
  const apisPer = Math.max(1, Math.round(perSystem * 0.2));
  const resourcesPer = Math.max(1, Math.round(perSystem * 0.1));
  const componentsPer = perSystem - apisPer - resourcesPer;

  const byRef = new Map<string, Entity>();
  const add = (
    kind: string,
    name: string,
    spec: Record<string, unknown>,
  ): Entity => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name,
        namespace: 'default',
        uid: randomUUID(),
        description: `${kind} ${name} (generated for the benchmark)`,
      },
      spec,
      relations: [],
    };
    byRef.set(stringifyEntityRef(entity).toLocaleLowerCase('en-US'), entity);
    return entity;
  };
  const ref = (e: Entity) => stringifyEntityRef(e).toLocaleLowerCase('en-US');
  const relate = (from: Entity, type: string, to: Entity, reverse: string) => {
    from.relations!.push({ type, targetRef: ref(to) });
    to.relations!.push({ type: reverse, targetRef: ref(from) });
  };

  const groupEntities = Array.from({ length: groups }, (_, i) =>
    add('Group', `team-${i}`, { type: 'team', children: [] }),
  );
  groupEntities.forEach((group, i) => {
    if (i > 0) relate(group, 'childOf', groupEntities[0], 'parentOf');
  });
  for (let i = 0; i < users; i++) {
    const user = add('User', `user-${i}`, { memberOf: [] });
    relate(user, 'memberOf', groupEntities[i % groups], 'hasMember');
  }
  add('User', 'bench-user', { memberOf: [] });

  const owned: { ref: string; owner: string }[] = [];
  const apisByDomain: Entity[][] = [];
  const allApis: Entity[] = [];
  for (let d = 0; d < domains; d++) {
    const owner = groupEntities[d % groups];
    const domain = add('Domain', `domain-${d}`, { owner: owner.metadata.name });
    relate(domain, 'ownedBy', owner, 'ownerOf');
    apisByDomain.push([]);
    for (let s = 0; s < 10; s++) {
      const sysIndex = d * 10 + s;
      const team = groupEntities[sysIndex % groups];
      const system = add('System', `system-${sysIndex}`, {
        owner: team.metadata.name,
        domain: domain.metadata.name,
      });
      relate(system, 'ownedBy', team, 'ownerOf');
      relate(system, 'partOf', domain, 'hasPart');
      const partOfSystem = (kind: string, name: string, type: string) => {
        const entity = add(kind, name, {
          type,
          lifecycle: 'production',
          owner: team.metadata.name,
          system: system.metadata.name,
        });
        relate(entity, 'ownedBy', team, 'ownerOf');
        relate(entity, 'partOf', system, 'hasPart');
        owned.push({ ref: ref(entity), owner: ref(team) });
        return entity;
      };
      const resources = Array.from({ length: resourcesPer }, (_, i) =>
        partOfSystem('Resource', `db-${sysIndex}-${i}`, 'database'),
      );
      const apis = Array.from({ length: apisPer }, (_, i) =>
        partOfSystem('API', `api-${sysIndex}-${i}`, 'openapi'),
      );
      apisByDomain[d].push(...apis);
      allApis.push(...apis);
      const components = Array.from({ length: componentsPer }, (_, i) =>
        partOfSystem('Component', `service-${sysIndex}-${i}`, 'service'),
      );
      components.forEach((component, i) => {
        // chains: each component depends on the next one or two of its system
        for (const k of [1, 2]) {
          if (i + k < components.length && rnd() < 0.7) {
            relate(component, 'dependsOn', components[i + k], 'dependencyOf');
          }
        }
        relate(component, 'dependsOn', pick(resources), 'dependencyOf');
        if (i < apis.length) {
          relate(component, 'providesApi', apis[i], 'apiProvidedBy');
        }
        relate(component, 'consumesApi', pick(apis), 'apiConsumedBy');
      });
    }
  }
  // API consumption across systems of a domain, and of shared platform APIs
  const platformApis = apisByDomain[0].slice(0, 5);
  for (const entity of byRef.values()) {
    if (entity.kind !== 'Component') continue;
    const d = Number((entity.spec!.system as string).replace('system-', ''));
    const domainIndex = Math.floor(d / 10);
    if (rnd() < 0.3) {
      relate(
        entity,
        'consumesApi',
        pick(apisByDomain[domainIndex]),
        'apiConsumedBy',
      );
    }
    if (rnd() < 0.1) {
      relate(entity, 'consumesApi', pick(platformApis), 'apiConsumedBy');
    }
  }
  return {
    entities: [...byRef.values()],
    owned,
    domains: [...byRef.keys()].filter(r => r.startsWith('domain:')),
    systems: [...byRef.keys()].filter(r => r.startsWith('system:')),
    groups: [...byRef.keys()].filter(r => r.startsWith('group:')),
  };
}

type Catalog = ReturnType<typeof generateCatalog>;

/**
 * The in-memory catalog of @backstage/catalog-client/testUtils, but with
 * `getEntitiesByRefs` answered from an index: the stock mock rebuilds a map
 * of all 10,000 entities on every call, which would measure the mock rather
 * than the plugin. (A real catalog answers it with one indexed query.)
 */
class IndexedCatalog extends InMemoryCatalogClient {
  private readonly index: Map<string, Entity>;
  constructor(entities: Entity[]) {
    super({ entities });
    this.index = new Map(
      entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
    );
  }
  async getEntitiesByRefs(request: { entityRefs: string[] }) {
    return {
      items: request.entityRefs.map(r =>
        this.index.get(r.toLocaleLowerCase('en-US')),
      ),
    };
  }
}

// ---------------------------------------------------------------- data

const STATE_MIX: [ReleaseState, number][] = [
  ['draft', 0.12],
  ['planned', 0.18],
  ['approved', 0.25],
  ['in_progress', 0.05],
  ['released', 0.15],
  ['verified', 0.15],
  ['rolled_back', 0.02],
  ['cancelled', 0.08],
];
function pickState(): ReleaseState {
  let x = rnd();
  for (const [state, share] of STATE_MIX) {
    x -= share;
    if (x < 0) return state;
  }
  return 'draft';
}
const TYPE_MIX: ReleaseType[] = [
  'standard',
  'standard',
  'normal',
  'normal',
  'normal',
  'normal',
  'hotfix',
  'emergency',
  'security',
  'out-of-band',
];

async function loadReleases(db: Knex, catalog: Catalog, count: number) {
  const CHUNK = 5_000;
  const lastOfEntity = new Map<string, string>();
  const createdAt = new Date(SPAN_START - 30 * DAY);
  for (let offset = 0; offset < count; offset += CHUNK) {
    const releases: object[] = [];
    const entities: object[] = [];
    const ordering: object[] = [];
    const overrides: object[] = [];
    const events: object[] = [];
    for (let i = offset; i < Math.min(count, offset + CHUNK); i++) {
      const id = randomUUID();
      const start = new Date(
        SPAN_START +
          Math.floor((rnd() * (SPAN_END - SPAN_START)) / 900_000) * 900_000,
      );
      const hours = rnd() < 0.9 ? between(1, 8) : between(24, 72);
      const end = new Date(start.getTime() + hours * HOUR);
      const bucket = windowBucket({
        start: start.toISOString(),
        end: end.toISOString(),
      });
      const first = pick(catalog.owned);
      const refs = new Set([first.ref]);
      const extra = rnd() < 0.25 ? between(1, 3) : 0;
      for (let k = 0; k < extra; k++) refs.add(pick(catalog.owned).ref);
      releases.push({
        id,
        title: `Release ${i} of ${first.ref.split('/')[1]}`,
        version: `${between(1, 9)}.${between(0, 40)}.${between(0, 20)}`,
        type: pick(TYPE_MIX),
        state: pickState(),
        window_start: start,
        window_end: end,
        window_bucket: bucket,
        owner_ref: first.owner,
        description: 'Generated for the HTTP benchmark.',
        changes: JSON.stringify([
          { kind: 'deploy', description: 'Roll out the new version' },
        ]),
        created_by: USER,
        created_at: createdAt,
        updated_at: createdAt,
        revision: 1,
      });
      for (const entityRef of refs) {
        entities.push({
          release_id: id,
          entity_ref: entityRef,
          window_start: start,
          window_end: end,
          window_bucket: bucket,
        });
      }
      const previous = lastOfEntity.get(first.ref);
      if (previous && rnd() < 0.05) {
        ordering.push({ release_id: id, after_id: previous });
      }
      lastOfEntity.set(first.ref, id);
      if (rnd() < 0.01) {
        overrides.push({
          release_id: id,
          reason: 'Approved by the CAB',
          set_by: USER,
          set_at: createdAt,
        });
      }
      events.push({
        release_id: id,
        action: 'created',
        actor_ref: USER,
        created_at: createdAt,
        changes: '[]',
        reason: null,
      });
    }
    // SQLite takes at most 500 rows per multi-row insert
    const size = db.client.config.client === 'pg' ? 1000 : 400;
    await db.transaction(async tx => {
      for (const [table, rows] of [
        ['releases', releases],
        ['release_entities', entities],
        ['release_ordering', ordering],
        ['release_freeze_overrides', overrides],
        ['release_events', events],
      ] as const) {
        for (let i = 0; i < rows.length; i += size) {
          await tx(table).insert(rows.slice(i, i + size));
        }
      }
    });
  }
}

function scopeFor(catalog: Catalog) {
  const x = rnd();
  const few = (refs: string[], max: number) => [
    ...new Set(Array.from({ length: between(1, max) }, () => pick(refs))),
  ];
  return {
    all: x < 0.01,
    domains: x >= 0.01 && x < 0.15 ? few(catalog.domains, 1) : [],
    systems: x >= 0.15 && x < 0.45 ? few(catalog.systems, 3) : [],
    groups: x >= 0.45 && x < 0.6 ? few(catalog.groups, 2) : [],
    entities:
      x >= 0.6
        ? few(
            catalog.owned.map(o => o.ref),
            10,
          )
        : [],
  };
}

async function loadFreezes(
  store: DatabaseFreezeStore,
  catalog: Catalog,
  count: number,
) {
  const now = new Date(SPAN_START - 30 * DAY).toISOString();
  const recurring = Math.round(count / 10);
  for (let i = 0; i < count; i++) {
    const base = {
      id: randomUUID(),
      description: 'Generated for the HTTP benchmark.',
      exemptTypes: ['emergency', 'security'] as ReleaseType[],
      createdBy: USER,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    };
    let freeze: Freeze;
    if (i < recurring) {
      // weekly (like the demo's weekend freeze) or monthly, Berlin time, as
      // the rule's own first occurrence; two of them cover everything
      const weekly = i % 2 === 0;
      const start = new Date(
        SPAN_START + between(0, 60) * DAY + (weekly ? 15 : 22) * HOUR,
      );
      const hours = weekly ? between(4, 64) : between(24, 96);
      freeze = {
        ...base,
        title: `${weekly ? 'Weekly' : 'Monthly'} freeze ${i}`,
        scope:
          i < 2
            ? { all: true, domains: [], systems: [], groups: [], entities: [] }
            : scopeFor(catalog),
        start: start.toISOString(),
        end: new Date(start.getTime() + hours * HOUR).toISOString(),
        recurrence: {
          rrule: weekly ? 'FREQ=WEEKLY' : 'FREQ=MONTHLY',
          timezone: 'Europe/Berlin',
          exdates: [],
          ...(i % 5 === 0 && {
            until: new Date(SPAN_START + 400 * DAY).toISOString(),
          }),
        },
      };
      if (i < 2) freeze.scope.all = true;
    } else {
      const start = new Date(
        SPAN_START +
          Math.floor((rnd() * (SPAN_END - SPAN_START)) / HOUR) * HOUR,
      );
      freeze = {
        ...base,
        title: `Freeze ${i}`,
        scope: scopeFor(catalog),
        start: start.toISOString(),
        end: new Date(start.getTime() + between(2, 120) * HOUR).toISOString(),
      };
    }
    await store.createFreeze(freeze);
  }
}

async function loadTrains(
  store: DatabaseTrainStore,
  catalog: Catalog,
  count: number,
) {
  const now = new Date(SPAN_START - 30 * DAY).toISOString();
  for (let i = 0; i < count; i++) {
    const start = new Date(SPAN_START + between(0, 13) * DAY + 8 * HOUR);
    const train: Train = {
      id: randomUUID(),
      name: `Train ${i}`,
      description: 'Generated for the HTTP benchmark.',
      rrule: pick(['FREQ=WEEKLY', 'FREQ=WEEKLY;INTERVAL=2', 'FREQ=DAILY']),
      timezone: 'Europe/Berlin',
      start: start.toISOString(),
      slotDuration: 'PT2H',
      cutoff: 'P1D',
      scope: {
        systems: [...new Set([pick(catalog.systems), pick(catalog.systems)])],
        entities: [],
      },
      createdBy: USER,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    };
    await store.createTrain(train);
  }
}

/** The plugin's conflict table upkeep over the bench's stores and catalog (without listening to writes). */
function benchConflictTable(stores: Stores, entities: Entity[]) {
  const catalog = new CatalogModel({
    catalog: new IndexedCatalog(entities),
    auth: mockServices.auth(),
  });
  return new ConflictTable({
    transactions: stores.transactions,
    freezes: new FreezeService({
      store: stores.freezeStore,
      releases: stores.releaseStore,
      catalog,
      permissions: mockServices.permissions(),
    }),
    catalog,
    auth: mockServices.auth(),
  });
}

// ---------------------------------------------------------------- measuring

/** The first day of each month from 2026-02 to 2027-11 (inside the data). */
function monthWindows(): { from: string; to: string }[] {
  const windows = [];
  for (let m = 1; m <= 22; m++) {
    const from = new Date(Date.UTC(2026, m, 1));
    const to = new Date(Date.UTC(2026, m + 1, 1));
    windows.push({ from: from.toISOString(), to: to.toISOString() });
  }
  return windows;
}

async function gatePaths(db: Knex): Promise<string[]> {
  // entities and instants inside approved or in-progress releases (the
  // expensive answers), mixed with random instants (mostly "no release")
  const rows = await db('release_entities')
    .join('releases', 'releases.id', 'release_entities.release_id')
    .whereIn('releases.state', ['approved', 'in_progress'])
    .where('releases.window_start', '>=', new Date('2026-06-01T00:00:00Z'))
    .where('releases.window_start', '<', new Date('2026-07-01T00:00:00Z'))
    .select(
      'release_entities.entity_ref',
      'releases.window_start',
      'releases.window_end',
    )
    .limit(300);
  return rows.flatMap((row, i) => {
    const start = new Date(row.window_start).getTime();
    const end = new Date(row.window_end).getTime();
    const at =
      i % 2 === 0
        ? new Date(Math.floor((start + end) / 2))
        : new Date(SPAN_START + Math.floor(rnd() * (SPAN_END - SPAN_START)));
    return [
      `/gate?entityRef=${encodeURIComponent(
        row.entity_ref,
      )}&at=${encodeURIComponent(at.toISOString())}`,
    ];
  });
}

/**
 * Sends one request, records the SQL it runs and prints each statement's
 * plan (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite).
 */
async function explain(db: Knex, base: string, requestPath: string) {
  const statements: { sql: string; bindings: readonly unknown[] }[] = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) => {
    if (/^\s*select/i.test(q.sql)) {
      statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
    }
  };
  db.on('query', listener);
  try {
    await fetch(base + requestPath, {
      headers: { authorization: mockCredentials.user.header(USER) },
    });
  } finally {
    db.off('query', listener);
  }
  const pg = db.client.config.client === 'pg';
  console.log(`\n--- ${requestPath}: ${statements.length} selects`);
  for (const { sql, bindings } of statements) {
    const prefix = pg ? 'EXPLAIN (ANALYZE, COSTS OFF) ' : 'EXPLAIN QUERY PLAN ';
    // knex reports PostgreSQL statements with $n placeholders
    const text = pg ? sql.replace(/\$\d+/g, '?') : sql;
    const result = await db.raw(prefix + text, bindings as any[]);
    const lines = pg
      ? result.rows.map((r: Record<string, string>) => r['QUERY PLAN'])
      : result.map((r: { detail: string }) => r.detail);
    const started = process.hrtime.bigint();
    const rows = await db.raw(text, bindings as any[]);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const count = pg ? rows.rows.length : rows.length;
    console.log(
      `[${ms.toFixed(1)} ms, ${count} rows] ${sql.slice(
        0,
        300,
      )}\n  ${lines.join('\n  ')}`,
    );
  }
}

// ---------------------------------------------------------------- databases

async function openDatabase(kind: 'sqlite' | 'pg'): Promise<{
  db: Knex;
  describe: string;
  close: () => Promise<void>;
}> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rc-'));
    const filename = path.join(dir, 'release-coordination.sqlite');
    // as Backstage's SQLite connector configures it
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      pool: {
        afterCreate: (conn: any, done: (err: unknown, conn: any) => void) => {
          conn.pragma('foreign_keys = ON');
          done(null, conn);
        },
      },
    });
    return {
      db,
      describe: `better-sqlite3, file in ${dir}`,
      close: async () => {
        await db.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = knexFactory({ client: 'pg', connection: OPTIONS.pg });
  await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
  await admin.raw(`CREATE DATABASE ${PG_DATABASE}`);
  // as Backstage's PostgreSQL connector configures it
  const db = knexFactory({
    client: 'pg',
    connection: `${OPTIONS.pg.replace(/\/$/, '')}/${PG_DATABASE}`,
    pool: { min: 0 },
    useNullAsDefault: true,
  });
  const [{ version }] = (await db.raw('select version()')).rows;
  return {
    db,
    describe: `PostgreSQL (${
      String(version).split(' on ')[0]
    }), database ${PG_DATABASE}`,
    close: async () => {
      await db.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
      await admin.destroy();
    },
  };
}

type DbResult = {
  kind: string;
  describe: string;
  load: Record<string, number>;
  counts: Record<string, number>;
  monthReleases: { total: number; active: number };
  rows: Measured[];
  /** 1-minute load averages before and after measuring (other work on the machine). */
  load1: [number, number];
  writes: WriteCostRow[];
  /** 1-minute load average after the writes. */
  writesLoad1: number;
  /** Whole months of conflicts read page after page, when measured. */
  conflictWalk?: MonthWalk;
};

async function runDatabase(kind: 'sqlite' | 'pg', catalog: Catalog) {
  console.log(`\n=== ${kind} ===`);
  const { db, describe, close } = await openDatabase(kind);
  const database = mockServices.database({ knex: db });
  const yardstick = OPTIONS.endpoints.includes('catalog')
    ? yardstickCatalog(catalog.entities)
    : undefined;
  const backend = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      ...(yardstick?.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          releaseCoordination: { demoData: { seed: false } },
          ...yardstick?.config,
        },
      }),
      yardstick?.databaseFactory(db) ??
        mockServices.database.factory({ knex: db }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => new IndexedCatalog(catalog.entities),
      }),
    ],
  });
  try {
    const load: Record<string, number> = {};
    const timed = async (label: string, fn: () => Promise<void>) => {
      const started = Date.now();
      await fn();
      load[label] = (Date.now() - started) / 1000;
      console.log(`loaded ${label} in ${load[label].toFixed(1)} s`);
    };
    // the plugin ran the migrations at startup; freezes are bulk-loaded
    // like releases, past the conflicts table's upkeep on write
    const stores = await createStores(database);
    await timed(`${OPTIONS.releases} releases`, () =>
      loadReleases(db, catalog, OPTIONS.releases),
    );
    await timed(`${OPTIONS.freezes} freezes`, () =>
      loadFreezes(new DatabaseFreezeStore(db), catalog, OPTIONS.freezes),
    );
    await timed(`${OPTIONS.trains} trains`, () =>
      loadTrains(stores.trainStore, catalog, OPTIONS.trains),
    );
    // the bulk load bypassed the services: the conflicts table is filled by
    // the reconciliation the plugin schedules
    await timed('the conflicts table (full reconciliation)', async () => {
      await runConflictReconciliation({
        table: benchConflictTable(stores, catalog.entities),
      });
    });
    await db.raw('ANALYZE');

    const counts: Record<string, number> = {};
    for (const table of [
      'releases',
      'release_entities',
      'release_ordering',
      'release_freeze_overrides',
      'freezes',
      'trains',
      'release_conflicts',
      'release_conflict_members',
    ]) {
      const [{ n }] = await db(table).count({ n: '*' });
      counts[table] = Number(n);
    }
    const june = {
      from: new Date('2026-06-01T00:00:00Z'),
      to: new Date('2026-07-01T00:00:00Z'),
    };
    const inJune = db('releases')
      .where('window_end', '>=', june.from)
      .where('window_start', '<=', june.to);
    const [{ n: total }] = await inJune.clone().count({ n: '*' });
    const [{ n: active }] = await inJune
      .clone()
      .whereIn('state', ['draft', 'planned', 'approved', 'in_progress'])
      .count({ n: '*' });

    const { port } = backend.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api/release-coordination`;
    const catalogBase = `http://127.0.0.1:${port}/api/catalog`;
    if (yardstick) {
      await timed(
        `the catalog backend's ${catalog.entities.length} entities`,
        async () => {
          await waitForCatalog(catalogBase, catalog.entities.length, {
            authorization: mockCredentials.user.header(USER),
          });
        },
      );
    }
    const months = monthWindows();
    const q = (w: { from: string; to: string }) =>
      `from=${encodeURIComponent(w.from)}&to=${encodeURIComponent(w.to)}`;
    if (OPTIONS.explain) {
      const [sample] = months.slice(4, 5);
      await explain(db, base, `/releases?${q(sample)}&limit=200`);
      await explain(db, base, `/conflicts?${q(sample)}`);
      await explain(db, base, (await gatePaths(db))[0]);
    }
    const rows: Measured[] = [];
    const loadBefore = os.loadavg()[0];
    const run = async (
      name: string,
      paths: string[],
      at = base,
      users = [USER],
      headers?: Record<string, string>,
    ) => {
      if (!OPTIONS.endpoints.includes(name.split(/[ /?]+/)[1])) return;
      for (const connections of OPTIONS.connections) {
        const row = await measure({
          base: at,
          name,
          paths,
          connections,
          duration: OPTIONS.duration,
          authorizations: users.map(u => mockCredentials.user.header(u)),
          headers,
        });
        rows.push(row);
        console.log(
          `${name.padEnd(42)} c=${connections} p50 ${row.p50.toFixed(
            1,
          )} ms  p95 ${row.p95.toFixed(1)} ms  p99 ${row.p99.toFixed(
            1,
          )} ms  ${row.rps.toFixed(1)} req/s  (${row.requests} requests, ${
            row.errors
          } errors)`,
        );
      }
    };
    // the planner's own drafts are in every month: their kept listing is
    // served after asking `release.read` on them again; a viewer's listing
    // asks nothing
    for (const [limit, label] of [
      ['', 'limit 50, default'],
      ['&limit=200', 'limit 200, calendar'],
    ]) {
      const paths = months.map(w => `/releases?${q(w)}${limit}`);
      await run(`GET /releases month (${label}), planner`, paths);
      await run(`GET /releases month (${label}), viewer`, paths, base, [
        VIEWER,
      ]);
      // as a browser asks: the kept listing's compressed body
      await run(
        `GET /releases month (${label}), viewer, gzip`,
        paths,
        base,
        [VIEWER],
        { 'accept-encoding': 'gzip, deflate, br' },
      );
      // 101 viewers over 22 months: a (viewer, month) comes back only after
      // 2,222 requests, so every listing is computed
      await run(
        `GET /releases month (${label}), computed (101 viewers)`,
        paths,
        base,
        Array.from({ length: 101 }, (_, i) => `${VIEWER}-${i}`),
      );
    }
    let conflictWalk: MonthWalk | undefined;
    if (OPTIONS.endpoints.includes('conflicts')) {
      const walked = await walkConflictMonths(
        base,
        months.map(w => `/conflicts?${q(w)}`),
        { authorization: mockCredentials.user.header(USER) },
      );
      conflictWalk = walked.walk;
      console.log(
        `GET /conflicts whole month, page after page: p50 ${walked.walk.p50.toFixed(
          1,
        )} ms  p95 ${walked.walk.p95.toFixed(1)} ms  (${
          walked.walk.pages.min
        }–${walked.walk.pages.max} pages, ${walked.walk.conflicts.min}–${
          walked.walk.conflicts.max
        } conflicts a month)`,
      );
      await run(
        'GET /conflicts month, every page (limit 500, default)',
        walked.paths,
      );
    }
    await run('GET /gate', await gatePaths(db));
    await run(
      'GET /catalog entity by name (yardstick)',
      catalog.owned.slice(0, 500).map(({ ref }) => byNamePath(ref)),
      catalogBase,
    );
    const loadAfterReads = os.loadavg()[0];
    // last: the edits without the upkeep leave the table behind
    const writes = OPTIONS.writes
      ? await benchWriteCost(db, stores.releaseStore, OPTIONS.writes)
      : [];
    for (const w of writes) {
      console.log(
        `${w.name.padEnd(58)} p50 ${w.p50.toFixed(1)} ms  p95 ${w.p95.toFixed(
          1,
        )} ms  (${w.edits} edits)`,
      );
    }
    return {
      kind,
      describe,
      load,
      counts,
      monthReleases: { total: Number(total), active: Number(active) },
      rows,
      load1: [loadBefore, loadAfterReads],
      writes,
      writesLoad1: os.loadavg()[0],
      conflictWalk,
    } as DbResult;
  } finally {
    // let requests autocannon gave up on finish before the pool closes
    await new Promise(resolve => setTimeout(resolve, 2000));
    await backend.stop();
    await yardstick?.close();
    await close();
  }
}

// ---------------------------------------------------------------- report

function verdict(row: Measured, target: number) {
  return `${row.connections} connection${row.connections > 1 ? 's' : ''}: ${
    row.p95 <= target
      ? `met (p95 ${row.p95.toFixed(1)} ms ≤ ${target} ms)`
      : `**missed** (p95 ${row.p95.toFixed(1)} ms > ${target} ms)`
  }`;
}

/**
 * Whether the gate and the calendar's month page each sustain at least the
 * throughput of the catalog's by-name endpoint, measured in the same run and
 * process at the same connection count.
 */
function yardstickVerdicts(rows: Measured[]): string[] {
  return rows
    .filter(row => row.name.includes('(yardstick)'))
    .flatMap(yardstick =>
      rows
        .filter(
          row =>
            row.connections === yardstick.connections &&
            (row.name === 'GET /gate' || row.name.includes('(limit 200')),
        )
        .map(
          row =>
            `- ${row.name} against the catalog's by-name endpoint, ${
              row.connections
            } connection${row.connections > 1 ? 's' : ''}: ${row.rps.toFixed(
              1,
            )} / ${yardstick.rps.toFixed(1)} req/s = ${(
              row.rps / yardstick.rps
            ).toFixed(2)}× (${
              row.rps >= yardstick.rps ? 'met' : '**missed**'
            }: at least 1× wanted)`,
        ),
    );
}

/** Whole months of conflicts read through their pages, when measured. */
function conflictWalkLines(r: DbResult): string[] {
  const walk = r.conflictWalk;
  if (!walk) return [];
  return [
    `- GET /conflicts, a whole month page after page (\`scripts/benchConflictPages.ts\`: each of ${
      walk.months
    } months walked by its cursors, one request after the other, second walk timed; ${
      walk.pages.min
    }–${walk.pages.max} pages and ${walk.conflicts.min}–${
      walk.conflicts.max
    } conflicts a month): p50 ${walk.p50.toFixed(1)} ms, p95 ${walk.p95.toFixed(
      1,
    )} ms`,
  ];
}

/** The write cost of the conflicts upkeep, when measured. */
function writeCostLines(r: DbResult): string[] {
  if (r.writes.length === 0) return [];
  return [
    `Write cost of the conflicts upkeep (\`scripts/benchWriteCost.ts\`: each release's window moved by an hour through the store, once with the upkeep in the write's transaction and once without, alternating; sequential, after the reads; load average at the end ${r.writesLoad1.toFixed(
      2,
    )}):`,
    '',
    '| Write | edits | p50 ms | p95 ms |',
    '| --- | ---: | ---: | ---: |',
    ...r.writes.map(
      w =>
        `| ${w.name} | ${w.edits} | ${w.p50.toFixed(1)} | ${w.p95.toFixed(
          1,
        )} |`,
    ),
    '',
  ];
}

function report(
  results: DbResult[],
  growth: ConflictGrowthRow[],
  entityCount: number,
): string {
  const lines: string[] = [];
  const cpu = os.cpus();
  lines.push(
    `# release-coordination backend: HTTP benchmark results`,
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim()}), ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`,
    `- Sizes: ${entityCount} catalog entities, ${
      OPTIONS.releases
    } releases over two years (2026–2027), ${
      OPTIONS.freezes
    } freezes (${Math.round(OPTIONS.freezes / 10)} recurring), ${
      OPTIONS.trains
    } trains`,
    `- Load: autocannon in a child process of its own (scripts/benchLoad.ts), ${OPTIONS.connections.join(
      ' and ',
    )} connections, ${
      OPTIONS.duration
    } s per endpoint (no request cap, so that throughputs compare), after 5 warm-up requests; the plugin in-process (startTestBackend) over real HTTP on 127.0.0.1; in-memory catalog (indexed by ref) for the plugin; the yardstick is Backstage's catalog backend (\`@backstage/plugin-catalog-backend\`) in the same process, holding the same entities on an in-memory SQLite database, reading 500 of them by name`,
    `- Run: \`node -r @backstage/cli/config/nodeTransform.cjs scripts/bench-http.ts ${process.argv
      .slice(2)
      .join(' ')}\``,
    '',
  );
  for (const r of results) {
    lines.push(
      `## ${r.kind === 'pg' ? 'PostgreSQL' : 'SQLite'}`,
      '',
      `${r.describe}. Loaded: ${Object.entries(r.load)
        .map(([k, v]) => `${k} in ${v.toFixed(1)} s`)
        .join(', ')}. Rows: ${Object.entries(r.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}. A month (June 2026) holds ${
        r.monthReleases.total
      } releases, ${
        r.monthReleases.active
      } active. Load average (1 min) of the machine before and after measuring: ${r.load1
        .map(l => l.toFixed(2))
        .join(' and ')} (${
        os.cpus().length
      } cores; other work on it slows every figure).`,
      '',
      '| Endpoint | connections | p50 ms | p95 ms | p99 ms | req/s | requests | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...r.rows.map(
        row =>
          `| ${row.name} | ${row.connections} | ${row.p50.toFixed(
            1,
          )} | ${row.p95.toFixed(1)} | ${row.p99.toFixed(
            1,
          )} | ${row.rps.toFixed(1)} | ${row.requests} | ${row.errors} |`,
      ),
      '',
      'Targets:',
      '',
      ...r.rows
        .filter(row => row.name.startsWith('GET /releases'))
        .map(row => `- ${row.name}: ${verdict(row, TARGETS.monthP95)}`),
      ...r.rows
        .filter(row => row.name.startsWith('GET /conflicts'))
        .map(row => `- ${row.name}: ${verdict(row, TARGETS.monthP95)}`),
      ...r.rows
        .filter(row => row.name.startsWith('GET /gate'))
        .map(row => `- ${row.name}: ${verdict(row, TARGETS.gateP95)}`),
      ...conflictWalkLines(r),
      ...yardstickVerdicts(r.rows),
      '',
      ...writeCostLines(r),
    );
  }
  if (growth.length) {
    lines.push(
      '## Conflict detection growth',
      '',
      'The detector alone (`scripts/bench-conflicts.ts`: generated releases in one window, catalog and freezes scaled with them; median of three passes). n log n gives about 11–13× per 10× more releases, n² would give 100×.',
      '',
      '| Releases in the window | ms | conflicts | ratio to previous |',
      '| ---: | ---: | ---: | ---: |',
      ...growth.map(
        g =>
          `| ${g.releases} | ${g.ms.toFixed(1)} | ${g.conflicts} | ${
            g.ratio ? `${g.ratio.toFixed(1)}×` : ''
          } |`,
      ),
      '',
    );
  }
  return lines.join('\n');
}

async function main() {
  const started = Date.now();
  const catalog = generateCatalog(OPTIONS.entities);
  console.log(
    `catalog: ${catalog.entities.length} entities (${catalog.owned.length} components, APIs and resources)`,
  );
  const results: DbResult[] = [];
  for (const kind of OPTIONS.dbs) {
    results.push(await runDatabase(kind, catalog));
  }
  let growth: ConflictGrowthRow[] = [];
  if (OPTIONS.growth) {
    console.log('\n=== conflict detection growth ===');
    growth = benchConflictGrowth(undefined, g =>
      console.log(
        `${String(g.releases).padStart(7)} releases: ${g.ms.toFixed(1)} ms, ${
          g.conflicts
        } conflicts${g.ratio ? `, ratio ${g.ratio.toFixed(1)}×` : ''}`,
      ),
    );
  }
  const text = report(results, growth, catalog.entities.length);
  console.log(`\n${text}`);
  if (OPTIONS.out !== '-') {
    fs.mkdirSync(path.dirname(OPTIONS.out), { recursive: true });
    fs.writeFileSync(OPTIONS.out, text);
    console.log(`written to ${OPTIONS.out}`);
  }
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch(error => {
  // knex puts the whole statement into the message: keep it readable
  console.error(String(error?.stack ?? error).slice(0, 2000));
  process.exit(1);
});
