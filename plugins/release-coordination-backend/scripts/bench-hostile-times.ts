/*
 * Benchmark of hostile times (issue 9, defect 2: far-future times stalled the
 * whole backend).
 *
 * Starts the plugin in-process over real HTTP (startTestBackend, in-memory
 * SQLite, an in-memory catalog), creates through the API daily recurring
 * freezes (every entity, a weekly and a monthly one too) and an hourly train,
 * all starting at the past edge of the time horizon (now − 5 years + 1 day),
 * and reports:
 *
 *   - p50/p95 of the worst allowed request of each time-taking endpoint, at
 *     both horizon edges (the gate, /slots, /freeze-occurrences and
 *     /conflicts over their longest range, train slots at their largest
 *     count), as a bounded loop of sequential requests;
 *   - p50/p95 of GET /health alone, and while bursts of 20 such requests run
 *     concurrently, in the same run;
 *   - that a time beyond the horizon (year 9999) is a 400;
 *   - the same year of the freezes expanded in-process without the
 *     occurrence memo (what the first request after an edit pays).
 *
 * Run from the package folder (or `yarn bench:hostile-times`):
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/bench-hostile-times.ts
 * Options: --runs 200 (sequential requests per endpoint), --bursts 20,
 *   --out bench/HOSTILE_TIMES_RESULTS.md (or - for stdout only)
 */
/* eslint-disable no-console */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import knexFactory from 'knex';
import { writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { DateTime } from 'luxon';
import { Freeze } from '@internal/plugin-release-coordination-common';
import { expandOccurrences } from '../src/freezes/occurrences';
import { releaseCoordinationPlugin } from '../src/plugin';
import { BENCH_USER, stats, time } from './benchSupport';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '200'));
const BURSTS = Number(arg('bursts', '20'));
const BURST_SIZE = 20;
const OUT = arg('out', 'bench/HOSTILE_TIMES_RESULTS.md');
const TARGET_P95_MS = 50;
const DAILY_FREEZES = 5;

const ENTITY = 'component:default/payments-service';
const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-service', namespace: 'default' },
    spec: { owner: 'group:default/team-pay', system: 'payments' },
    relations: [
      { type: 'partOf', targetRef: 'system:default/payments' },
      { type: 'ownedBy', targetRef: 'group:default/team-pay' },
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'group:default/team-pay' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-pay', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

async function main() {
  const load1Before = loadavg()[0];

  const db = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const backend = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      mockServices.rootConfig.factory({
        data: { releaseCoordination: { demoData: { seed: false } } },
      }),
      mockServices.database.factory({ knex: db }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => new InMemoryCatalogClient({ entities }),
      }),
    ],
  });
  // the horizon moves with the clock: the edges are taken once the backend runs
  const now = DateTime.utc().startOf('minute');
  const pastEdge = now.minus({ years: 5 }).plus({ days: 1 });
  const futureEdge = now.plus({ years: 5 }).minus({ minutes: 1 });
  const iso = (t: DateTime) => t.toISO({ suppressMilliseconds: true })!;
  const rows: string[] = [];
  let healthSection = '';
  try {
    const { port } = backend.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api/release-coordination`;
    const headers = {
      authorization: mockCredentials.user.header(BENCH_USER),
      'content-type': 'application/json',
    };
    const post = async (path: string, body: object) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      if (res.status !== 201) {
        throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      }
      return res.json();
    };

    // freezes and a train from the horizon's past edge, 18:00-20:00 UTC
    const evening = pastEdge.set({ hour: 18, minute: 0 });
    const rules = [
      ...Array.from({ length: DAILY_FREEZES }, () => 'FREQ=DAILY'),
      `FREQ=WEEKLY;BYDAY=${evening.toFormat('EEE').slice(0, 2).toUpperCase()}`,
      `FREQ=MONTHLY;BYMONTHDAY=${evening.day}`,
    ];
    for (const [i, rrule] of rules.entries()) {
      await post('/freezes', {
        title: `Freeze ${i + 1} (${rrule})`,
        scope: { all: true },
        start: iso(evening),
        end: iso(evening.plus({ hours: 2 })),
        recurrence: { rrule, timezone: 'Europe/Berlin' },
      });
    }
    const train = (await post('/trains', {
      name: 'Hourly train',
      rrule: 'FREQ=HOURLY',
      timezone: 'Europe/Berlin',
      start: iso(pastEdge.startOf('hour')),
      slotDuration: 'PT30M',
      cutoff: 'PT1H',
      scope: { entities: [ENTITY] },
    })) as { id: string };

    const get = async (path: string, auth = headers.authorization) => {
      const res = await fetch(`${base}${path}`, {
        headers: { authorization: auth },
      });
      await res.arrayBuffer();
      return res.status;
    };
    const query = (params: Record<string, string>) =>
      new URLSearchParams(params).toString();
    const yearBefore = (t: DateTime) => iso(t.minus({ days: 366 }));
    const service = mockCredentials.service.header();

    const hostile: { name: string; path: string; auth?: string }[] = [
      {
        name: '`GET /gate`, `at` = future edge',
        path: `/gate?${query({ entityRef: ENTITY, at: iso(futureEdge) })}`,
        auth: service,
      },
      {
        name: '`GET /gate`, `at` = past edge',
        path: `/gate?${query({
          entityRef: ENTITY,
          at: iso(pastEdge.minus({ days: 1 }).plus({ minutes: 10 })),
        })}`,
        auth: service,
      },
      {
        name: '`GET /slots`, `after` = future edge, PT1H, count 20',
        path: `/slots?${query({
          entityRef: ENTITY,
          duration: 'PT1H',
          after: iso(futureEdge),
          count: '20',
        })}`,
      },
      {
        name: '`GET /freeze-occurrences`, the last 366 days of the horizon',
        path: `/freeze-occurrences?${query({
          from: yearBefore(futureEdge),
          to: iso(futureEdge),
        })}`,
      },
      {
        name: '`GET /freeze-occurrences`, 366 days for the entity',
        path: `/freeze-occurrences?${query({
          from: yearBefore(futureEdge),
          to: iso(futureEdge),
          entityRef: ENTITY,
        })}`,
      },
      {
        name: '`GET /conflicts`, the last 366 days of the horizon',
        path: `/conflicts?${query({
          from: yearBefore(futureEdge),
          to: iso(futureEdge),
        })}`,
      },
      {
        name: '`GET /trains/:id/slots`, hourly train, future edge, count 200',
        path: `/trains/${train.id}/slots?${query({
          from: yearBefore(futureEdge),
          to: iso(futureEdge),
          count: '200',
        })}`,
      },
      {
        name: '`GET /releases`, the last 366 days of the horizon',
        path: `/releases?${query({
          from: yearBefore(futureEdge),
          to: iso(futureEdge),
          limit: '200',
        })}`,
      },
    ];

    for (const request of hostile) {
      const status = await get(request.path, request.auth);
      if (status !== 200) throw new Error(`${request.path}: ${status}`);
      const measured = await time(RUNS, () => get(request.path, request.auth));
      console.log(`${request.name}: p50 ${measured.p50.toFixed(2)} ms`);
      rows.push(
        `| ${request.name} | ${measured.p50.toFixed(
          2,
        )} | ${measured.p95.toFixed(2)} | ${
          measured.p95 < TARGET_P95_MS ? 'yes' : '**no**'
        } |`,
      );
    }
    const beyond = `/gate?${query({
      entityRef: ENTITY,
      at: '9999-12-31T10:00:00Z',
    })}`;
    const beyondStatus = await get(beyond, service);
    const beyondTime = await time(RUNS, () => get(beyond, service));
    rows.push(
      `| \`GET /gate\`, \`at\` = 9999-12-31 (beyond the horizon: ${beyondStatus}) | ${beyondTime.p50.toFixed(
        2,
      )} | ${beyondTime.p95.toFixed(2)} | ${
        beyondStatus === 400 && beyondTime.p95 < TARGET_P95_MS
          ? 'yes'
          : '**no**'
      } |`,
    );

    // what the memo saves: the same year expanded cold, in-process
    const listed = await fetch(`${base}/freezes?limit=100`, { headers });
    const { items: stored } = (await listed.json()) as { items: Freeze[] };
    const from = new Date(yearBefore(futureEdge));
    const to = new Date(iso(futureEdge));
    const cold = await time(RUNS, async () =>
      stored.forEach(freeze => expandOccurrences(freeze, from, to)),
    );
    rows.push(
      `| The ${
        stored.length
      } freezes expanded over the last 366 days in-process, cold (\`expandOccurrences\`, no memo) | ${cold.p50.toFixed(
        2,
      )} | ${cold.p95.toFixed(2)} | ${
        cold.p95 < TARGET_P95_MS ? 'yes' : '**no**'
      } |`,
    );

    // /health alone, then while bursts of 20 hostile requests run
    const health = () => get('/health');
    const alone = await time(RUNS, health);
    const during: number[] = [];
    const burstWalls: number[] = [];
    for (let b = 0; b < BURSTS; b++) {
      let inFlight = true;
      const started = process.hrtime.bigint();
      const burst = Promise.all(
        Array.from({ length: BURST_SIZE }, (_, i) => {
          const request = hostile[i % hostile.length];
          return get(request.path, request.auth);
        }),
      ).then(() => {
        inFlight = false;
        burstWalls.push(Number(process.hrtime.bigint() - started) / 1e6);
      });
      while (inFlight) {
        const t0 = process.hrtime.bigint();
        await health();
        if (inFlight) during.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      await burst;
    }
    const duringStats = stats(during);
    const wall = stats(burstWalls);
    healthSection = [
      '| `GET /health` | requests | p50 ms | p95 ms |',
      '| --- | ---: | ---: | ---: |',
      `| alone | ${alone.n} | ${alone.p50.toFixed(2)} | ${alone.p95.toFixed(
        2,
      )} |`,
      `| during ${BURSTS} bursts of ${BURST_SIZE} hostile requests | ${
        duringStats.n
      } | ${duringStats.p50.toFixed(2)} | ${duringStats.p95.toFixed(2)} |`,
      '',
      `Each burst (${BURST_SIZE} concurrent requests, the endpoints above in turn) took p50 ${wall.p50.toFixed(
        1,
      )} ms / p95 ${wall.p95.toFixed(1)} ms from first request to last answer.`,
    ].join('\n');
    console.log(healthSection);
  } finally {
    await backend.stop();
    await db.destroy();
  }

  const load1After = loadavg()[0];
  const report = [
    '# Hostile times benchmark',
    '',
    `Run on ${new Date().toISOString()} with`,
    '',
    '```sh',
    `node -r @backstage/cli/config/nodeTransform.cjs scripts/bench-hostile-times.ts${process.argv
      .slice(2)
      .map(a => ` ${a}`)
      .join('')}`,
    '```',
    '',
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${
      process.version
    }; 1-minute load average ${load1Before.toFixed(
      2,
    )} before, ${load1After.toFixed(
      2,
    )} after (the machine is shared with other sessions).`,
    '',
    `The plugin in-process (startTestBackend) over real HTTP on 127.0.0.1, in-memory SQLite. Created through the API: ${DAILY_FREEZES} daily freezes, a weekly and a monthly one (every entity, 18:00-20:00 Europe/Berlin) and an hourly train, all starting at the horizon's past edge (now - 5 years + 1 day). Each endpoint: ${RUNS} sequential requests after 10 warm-up ones (\`time\` of benchSupport); target p95 < ${TARGET_P95_MS} ms.`,
    '',
    '| Request (worst allowed) | p50 ms | p95 ms | p95 < 50 ms |',
    '| --- | ---: | ---: | :-: |',
    ...rows,
    '',
    '## `/health` during bursts',
    '',
    healthSection,
    '',
  ].join('\n');
  if (OUT === '-') {
    console.log(report);
  } else {
    writeFileSync(OUT, report);
    console.log(`wrote ${OUT}`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
