/*
 * Scale step of the impact benchmark (issue 14): the catalog graph and the
 * warm impact request at 10,000 to 100,000 catalog entities.
 *
 * The catalog is scripts/benchCatalog.ts's (the same as
 * scripts/bench-impact-catalog.ts's, scaled), with the relations the catalog's
 * processors would compute, served by a catalog double: the real catalog
 * backend's own processing takes minutes per 10,000 entities here (see
 * bench/IMPACT_SCALE_RESULTS.md), so this script measures what is ours:
 *
 *   - graph build: `CatalogModel.refresh()` (paged `queryEntities` with the
 *     `fields` projection, each page parsed from JSON as it would arrive over
 *     HTTP, then indexed), median of --builds;
 *   - graph memory: V8 heap plus array buffers with --builds - 1 graphs
 *     retained minus with them dropped, per graph (after GC: --expose-gc), and
 *     the same for the dependency view the conflict detection builds on it;
 *   - warm p50/p95 of `GET /releases/:id/impact` and `POST /impact` over HTTP
 *     to this plugin (startTestBackend, in-memory SQLite), for a release of 3
 *     components at the same relative place in the catalog at every size;
 *   - the bare traversal (`traverseImpact`, no HTTP).
 *
 * Each size runs in its own child process (a clean heap per size).
 * Run from the package folder: yarn bench:impact-scale
 * Options: --sizes 10000,25000,50000,100000 --runs 200 --builds 3
 *   --out bench/IMPACT_SCALE_RESULTS.md (- for none)
 */
/* eslint-disable no-console */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import knexFactory from 'knex';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { CatalogGraph } from '../src/catalogGraph/CatalogGraph';
import { CatalogModel } from '../src/catalogGraph/CatalogModel';
import { DependencyGraph } from '../src/catalogGraph/DependencyGraph';
import { traverseImpact } from '../src/catalogGraph/traverse';
import { releaseCoordinationPlugin } from '../src/plugin';
import {
  benchChangedRefs,
  generateCatalog,
  scaleFor,
  withCatalogRelations,
} from './benchCatalog';
import {
  BENCH_USER,
  benchUserInfo,
  createBenchRelease,
  stats,
  time,
  timeImpactRequests,
} from './benchSupport';

const argv = process.argv;
const argStr = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const SIZES = argStr('sizes', '10000,25000,50000,100000')
  .split(',')
  .map(Number);
const RUNS = Number(argStr('runs', '200'));
const BUILDS = Math.max(2, Number(argStr('builds', '3')));
const OUT = argStr('out', 'bench/IMPACT_SCALE_RESULTS.md');
const SAVE = argStr('save', '');
const BEFORE = argStr('before', '');
const DEPTH = 6;
const HAND_WRITTEN =
  '<!-- hand-written: kept when the results are regenerated -->';

/** What one size measured (a child process prints it as its last line). */
interface SizeResult {
  entities: number;
  relations: number;
  nodes: number;
  edges: number;
  buildMs: number[];
  /** CPU time (user + system) of each build: less sensitive than wall time to other work on the machine. */
  buildCpuMs: number[];
  graphMb: number;
  dependencyViewMs: number;
  dependencyViewMb: number;
  http: { p50: number; p95: number; n: number };
  /** Mean CPU time per impact request (`GET` and `POST`, client and server in this process). */
  requestCpuMs?: number;
  plan: { p50: number; p95: number; n: number };
  bfs: { p50: number; p95: number; n: number };
  dependents: number;
  reached: number;
  reportKb: number;
}

/** The entity with only the given fields (dotted paths), as the catalog's `fields` projection. */
function project(entity: Entity, fields?: string[]): Entity {
  if (!fields?.length) return entity;
  const result: Record<string, any> = {};
  for (const field of fields) {
    const steps = field.split('.');
    let from: any = entity;
    let to = result;
    for (let i = 0; i < steps.length - 1 && from !== undefined; i++) {
      from = from[steps[i]];
      if (from !== undefined) to = to[steps[i]] ??= {};
    }
    const value = from?.[steps[steps.length - 1]];
    if (value !== undefined) to[steps[steps.length - 1]] = value;
  }
  return result as Entity;
}

/**
 * The catalog double: the three calls this plugin makes, answered from JSON
 * text parsed per call (as a client parses a response body, sharing nothing
 * with the catalog). The catalog holds text only, no entity objects, so that
 * this process's heap is not much more than the plugin's (a real catalog
 * keeps its entities in its database). `queryEntities` pages of the kind
 * filter and `fields` projection asked for are made once per query, so the
 * catalog's own cost is not measured.
 */
class PagedCatalogDouble {
  private readonly pages = new Map<string, string[]>();
  private readonly byRef = new Map<string, string>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      this.byRef.set(
        stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        JSON.stringify(entity),
      );
    }
  }

  async queryEntities(request: {
    cursor?: string;
    filter?: { kind?: string | string[] };
    fields?: string[];
    limit?: number;
  }) {
    if (request.cursor) {
      const { key, page } = JSON.parse(request.cursor);
      return JSON.parse(this.pages.get(key)![page]);
    }
    const key = JSON.stringify(request);
    if (!this.pages.has(key)) this.pages.set(key, this.paginate(request, key));
    return JSON.parse(this.pages.get(key)![0]);
  }

  async getEntitiesByRefs(request: {
    entityRefs: string[];
    fields?: string[];
  }) {
    return {
      items: request.entityRefs.map(ref => {
        const text = this.byRef.get(ref.toLocaleLowerCase('en-US'));
        return text ? project(JSON.parse(text), request.fields) : undefined;
      }),
    };
  }

  async getEntityByRef(ref: string) {
    const text = this.byRef.get(ref.toLocaleLowerCase('en-US'));
    return text ? (JSON.parse(text) as Entity) : undefined;
  }

  private paginate(
    request: {
      filter?: { kind?: string | string[] };
      fields?: string[];
      limit?: number;
    },
    key: string,
  ): string[] {
    const kinds = new Set(
      [request.filter?.kind ?? []]
        .flat()
        .map(k => k.toLocaleLowerCase('en-US')),
    );
    const selected: Entity[] = [];
    for (const text of this.byRef.values()) {
      const entity = JSON.parse(text) as Entity;
      if (!kinds.size || kinds.has(entity.kind.toLocaleLowerCase('en-US'))) {
        selected.push(project(entity, request.fields));
      }
    }
    const limit = request.limit ?? 1000;
    const count = Math.max(1, Math.ceil(selected.length / limit));
    return Array.from({ length: count }, (_, page) =>
      JSON.stringify({
        items: selected.slice(page * limit, (page + 1) * limit),
        totalItems: selected.length,
        pageInfo:
          page + 1 < count
            ? { nextCursor: JSON.stringify({ key, page: page + 1 }) }
            : {},
      }),
    );
  }
}

const gc = () => (global as { gc?: () => void }).gc?.();
const heap = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const MB = 1024 * 1024;

/** The generated catalog of about `size` entities in a double; the entity objects are dropped. */
function catalogOfSize(size: number) {
  const generated = generateCatalog(scaleFor(size), 'bench:scale');
  const entities = withCatalogRelations(generated.entities);
  const relationRows = entities.reduce((n, e) => n + e.relations!.length, 0);
  if (relationRows !== 2 * generated.relations) {
    throw new Error(
      `${relationRows} relation rows, expected ${2 * generated.relations}`,
    );
  }
  return {
    catalog: new PagedCatalogDouble(entities),
    counts: generated.counts,
    relations: generated.relations,
    entityCount: entities.length,
  };
}

async function measureSize(size: number): Promise<SizeResult> {
  const { catalog, counts, relations, entityCount } = catalogOfSize(size);
  const auth = mockServices.auth();
  // the first query prepares the double's pages: not timed
  await new CatalogModel({ catalog: catalog as any, auth }).refresh();

  const buildMs: number[] = [];
  const buildCpuMs: number[] = [];
  let graphs: CatalogGraph[] = [];
  const before = heap();
  for (let i = 0; i < BUILDS; i++) {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    graphs.push(
      await new CatalogModel({ catalog: catalog as any, auth }).refresh(),
    );
    const { user, system } = process.cpuUsage(cpu);
    buildCpuMs.push((user + system) / 1000);
    buildMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const withGraphs = heap();
  const graphMb = (withGraphs - before) / BUILDS / MB;
  const viewStarted = process.hrtime.bigint();
  graphs.forEach(g => DependencyGraph.of(g));
  const dependencyViewMs =
    Number(process.hrtime.bigint() - viewStarted) / 1e6 / BUILDS;
  const dependencyViewMb = (heap() - withGraphs) / BUILDS / MB;
  const graph = graphs[0];
  graphs = [];

  const changed = benchChangedRefs(counts.components);
  const changedIdx = changed.map(ref => graph.indexOf(ref));
  const bfs = await time(RUNS, async () =>
    traverseImpact(graph, changedIdx, DEPTH, new Set()),
  );
  const reached =
    traverseImpact(graph, changedIdx, DEPTH, new Set()).reached.size -
    changed.length;

  const db = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const backend = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      benchUserInfo(),
      mockServices.rootConfig.factory({
        data: { releaseCoordination: { demoData: { seed: false } } },
      }),
      mockServices.database.factory({ knex: db }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog as any,
      }),
    ],
  });
  try {
    const { port } = backend.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api/release-coordination`;
    const headers = {
      authorization: mockCredentials.user.header(BENCH_USER),
      'content-type': 'application/json',
    };
    const release = await createBenchRelease(base, headers, changed);
    const first = await fetch(`${base}/releases/${release.id}/impact`, {
      headers,
    });
    const body = await first.text();
    if (first.status !== 200) throw new Error(body);
    const impactReport = JSON.parse(body) as { dependents: unknown[] };
    const cpu = process.cpuUsage();
    const { http, plan } = await timeImpactRequests({
      base,
      headers,
      releaseId: release.id,
      entityRefs: changed,
      runs: RUNS,
    });
    const { user, system } = process.cpuUsage(cpu);
    // timeImpactRequests: 10 warm-up runs and RUNS runs of each of GET and POST
    const requestCpuMs = (user + system) / 1000 / (2 * (RUNS + 10));
    return {
      requestCpuMs,
      entities: entityCount,
      relations,
      nodes: graph.size,
      edges: graph.edgeCount(),
      buildMs,
      buildCpuMs,
      graphMb,
      dependencyViewMs,
      dependencyViewMb,
      http,
      plan,
      bfs,
      dependents: impactReport.dependents.length,
      reached,
      reportKb: Buffer.byteLength(body) / 1024,
    };
  } finally {
    await backend.stop();
    await db.destroy();
  }
}

const f = (v: number, d = 1) =>
  v.toLocaleString('en-US', {
    minimumFractionDigits: d,
    maximumFractionDigits: d,
  });

const median = (samples: number[]) => stats(samples).p50;
const growth = (a: number, b: number) => `${f(b / a, 1)}×`;

/** One table row per size of a run. */
function rows(label: string, results: SizeResult[]): string[] {
  return results.map(r =>
    [
      label,
      r.entities.toLocaleString('en-US'),
      r.edges.toLocaleString('en-US'),
      `${f(median(r.buildMs) / 1000, 2)} s (${r.buildMs
        .map(ms => f(ms, 0))
        .join(', ')} ms)`,
      r.buildCpuMs ? `${f(median(r.buildCpuMs) / 1000, 2)} s` : '–',
      f(r.graphMb),
      `${f(r.dependencyViewMs, 0)} ms, ${f(r.dependencyViewMb)} MB`,
      `${f(r.http.p50, 2)} / ${f(r.http.p95, 2)}`,
      `${f(r.plan.p50, 2)} / ${f(r.plan.p95, 2)}`,
      r.requestCpuMs ? f(r.requestCpuMs, 2) : '–',
      `${f(r.bfs.p50, 3)} / ${f(r.bfs.p95, 3)}`,
      `${r.dependents} (${f(r.reportKb, 0)} KB)`,
    ].join(' | '),
  );
}

/** How each figure grows from the smallest to the largest size of a run. */
function growthLine(label: string, results: SizeResult[]): string {
  const [small, large] = [results[0], results[results.length - 1]];
  const cpu =
    small.buildCpuMs && large.buildCpuMs
      ? ` (CPU ${growth(median(small.buildCpuMs), median(large.buildCpuMs))})`
      : '';
  return `- ${label}, ${small.entities.toLocaleString(
    'en-US',
  )} → ${large.entities.toLocaleString('en-US')} entities (${growth(
    small.entities,
    large.entities,
  )}): build ${growth(
    median(small.buildMs),
    median(large.buildMs),
  )}${cpu}, graph memory ${growth(
    small.graphMb,
    large.graphMb,
  )}, dependency view memory ${growth(
    small.dependencyViewMb,
    large.dependencyViewMb,
  )}, \`GET\` p95 ${growth(
    small.http.p95,
    large.http.p95,
  )}, bare traversal p50 ${growth(small.bfs.p50, large.bfs.p50)}.`;
}

/** The targets at the largest size. */
function targets(largest: SizeResult): string {
  const met = (ok: boolean) => (ok ? '**met**' : '**missed**');
  const slowest = Math.max(...largest.buildMs);
  return `| Target at ${largest.entities.toLocaleString(
    'en-US',
  )} entities (${largest.relations.toLocaleString(
    'en-US',
  )} relations) | Measured | |
| --- | --- | --- |
| graph build ≤ 10 s | ${f(
    median(largest.buildMs) / 1000,
    2,
  )} s median, slowest ${f(slowest / 1000, 2)} s | ${met(slowest <= 10_000)} |
| graph memory ≤ 100 MB | ${f(largest.graphMb)} MB (+ ${f(
    largest.dependencyViewMb,
  )} MB dependency view) | ${met(
    largest.graphMb + largest.dependencyViewMb <= 100,
  )} |
| warm impact p95 ≤ 50 ms | \`GET\` ${f(largest.http.p95, 2)} ms, \`POST\` ${f(
    largest.plan.p95,
    2,
  )} ms | ${met(Math.max(largest.http.p95, largest.plan.p95) <= 50)} |`;
}

/** The markdown of a run, with the figures of an earlier run (`--before`) beside it. */
function report(
  results: SizeResult[],
  before: SizeResult[] | undefined,
  loads: number[][],
  seconds: number,
) {
  const cpus = os.cpus();
  const table = [
    ...(before ? rows('before', before) : []),
    ...rows(before ? 'after' : 'this run', results),
  ];
  return `# Impact benchmark at scale (catalog graph, 10k → 100k entities)

Generated by \`scripts/bench-impact-scale.ts\` (\`yarn bench:impact-scale\`) on ${new Date()
    .toISOString()
    .slice(0, 10)}; machine: ${
    cpus.length
  } cores (${cpus[0]?.model.trim()}), Node ${
    process.version
  }, CPU shared with other work. The run took ${f(
    seconds,
    0,
  )} s. Load average (1, 5, 15 min) before each size: ${loads
    .map(l => l.map(x => f(x, 2)).join(', '))
    .join('; ')}.${
    before
      ? ` The \`before\` rows are an earlier run (\`--before ${BEFORE}\`), of the code before this change.`
      : ''
  }

Catalog: \`scripts/benchCatalog.ts\` (the shape of \`bench-impact-catalog.ts\`, every count scaled; about 3.35
relations per entity), with the relations the catalog's processors compute, served by a catalog double whose
\`queryEntities\` pages are parsed from JSON per call (the real catalog's own cost is not in these figures).
Build = \`CatalogModel.refresh()\` (paged read with the \`fields\` projection, then indexing), median of the
wall times of ${BUILDS} builds, and the median CPU time (user + system) of the same builds; memory = heap + array buffers per
retained graph after GC; the dependency view is \`DependencyGraph.of(graph)\` (built for conflict detection), its
build time and memory. Requests: warm, ${RUNS} runs each, over HTTP to this plugin, a release of 3 components at the
same relative place at every size (so the number of dependents differs), depth ${DEPTH}; CPU per request is the
process's CPU time (user + system: client and server, this process) over all \`GET\` and \`POST\` runs, divided by
their number, which other work on the machine changes less than it changes latency.

| Code | Entities | Edges | Graph build (wall) | Build CPU | Graph MB | Dependency view | \`GET /releases/:id/impact\` p50 / p95 (ms) | \`POST /impact\` p50 / p95 (ms) | CPU per request (ms) | bare traversal p50 / p95 (ms) | Dependents (report) |
| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |
${table.map(r => `| ${r} |`).join('\n')}

Growth:

${[
  ...(before ? [growthLine('before', before)] : []),
  growthLine(before ? 'after' : 'this run', results),
].join('\n')}

${targets(results[results.length - 1])}

## How to run

\`\`\`sh
cd plugins/release-coordination-backend
yarn bench:impact-scale
# options: --sizes 10000,25000,50000,100000 --runs 200 --builds 3 --out bench/IMPACT_SCALE_RESULTS.md (- for none)
#   --save FILE (this run's figures as JSON) --before FILE (an earlier run's, shown beside)
\`\`\`
`;
}

async function main() {
  const size = argv.indexOf('--size');
  if (size >= 0) {
    const result = await measureSize(Number(argv[size + 1]));
    console.log(JSON.stringify(result));
    return;
  }
  const started = Date.now();
  const results: SizeResult[] = [];
  const loads: number[][] = [];
  for (const entities of SIZES) {
    loads.push(os.loadavg());
    const output = execFileSync(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        '--size',
        String(entities),
        '--runs',
        String(RUNS),
        '--builds',
        String(BUILDS),
      ],
      {
        encoding: 'utf8',
        maxBuffer: 64 * MB,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const result = JSON.parse(output.trim().split('\n').pop()!) as SizeResult;
    console.log(JSON.stringify(result));
    results.push(result);
  }
  if (SAVE) fs.writeFileSync(SAVE, `${JSON.stringify(results, null, 1)}\n`);
  const before = BEFORE
    ? (JSON.parse(fs.readFileSync(BEFORE, 'utf8')) as SizeResult[])
    : undefined;
  const md = report(results, before, loads, (Date.now() - started) / 1000);
  console.log(md);
  if (OUT !== '-') {
    const previous = fs.existsSync(path.resolve(OUT))
      ? fs.readFileSync(path.resolve(OUT), 'utf8')
      : '';
    const kept = previous.indexOf(HAND_WRITTEN);
    fs.writeFileSync(
      path.resolve(OUT),
      kept >= 0 ? `${md}\n${previous.slice(kept)}` : md,
    );
    console.log(`wrote ${OUT}`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
