/*
 * Benchmark of the impact assessment (issue 4, "Speed").
 *
 * Generates a catalog of 10,000 components, 2,000 APIs, 500 systems, 50
 * domains and 300 groups with about 40,000 relations (each stored on both
 * entities, as the catalog does), serves it in-process through a catalog
 * double, and reports:
 *
 *   - graph build time (paginated bulk read with a fields projection + indexing)
 *   - retained heap of the graph (process.memoryUsage() delta around a build)
 *   - warm p50/p95 of GET /releases/:id/impact for a release of 3 components,
 *     over real HTTP (the plugin in startTestBackend)
 *   - the same through ImpactService directly (no HTTP)
 *   - the same traversal done naively: one catalog request per entity, each
 *     costing one async hop in the double
 *   - a bare in-memory breadth-first search over the same adjacency
 *
 * Run from the package folder:
 *   node --expose-gc -r @backstage/cli/config/nodeTransform.cjs scripts/bench-impact.ts
 * Options: --runs 200 (measured runs per variant), --naive-runs 20
 */
/* eslint-disable no-console */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import knexFactory from 'knex';
import { AddressInfo } from 'node:net';
import {
  CATALOG_GRAPH_FIELDS,
  CatalogGraph,
} from '../src/catalogGraph/CatalogGraph';
import { CatalogModel } from '../src/catalogGraph/CatalogModel';
import { traverseImpact } from '../src/catalogGraph/traverse';
import { releaseCoordinationPlugin } from '../src/plugin';
import {
  BENCH_USER,
  benchUserInfo,
  createBenchRelease,
  lehmer,
  time,
  timeImpactRequests,
} from './benchSupport';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 200);
const NAIVE_RUNS = arg('naive-runs', 20);
const DEPTH = 6;

const COUNTS = {
  components: 10_000,
  apis: 2_000,
  systems: 500,
  domains: 50,
  groups: 300,
};

/**
 * The catalog: components in systems in domains, owned by groups; every
 * fifth component provides an API; components depend on ~0.8 components
 * further down the list and consume ~0.8 APIs, so dependencies are layered
 * as in a real catalog (no component reaches everything).
 */
function generateCatalog(): { entities: Entity[]; relations: number } {
  const rnd = lehmer(42);
  const pick = (n: number) => Math.floor(rnd() * n);
  const byRef = new Map<string, Entity>();
  let relations = 0;
  const add = (
    kind: string,
    name: string,
    spec: object = {},
    tier?: string,
  ) => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name,
        namespace: 'default',
        ...(tier && { annotations: { 'release-coordination/tier': tier } }),
      },
      spec: spec as Entity['spec'],
      relations: [],
    };
    byRef.set(`${kind.toLocaleLowerCase('en-US')}:default/${name}`, entity);
    return entity;
  };
  const relate = (from: string, type: string, inverse: string, to: string) => {
    byRef.get(from)!.relations!.push({ type, targetRef: to });
    byRef.get(to)!.relations!.push({ type: inverse, targetRef: from });
    relations++;
  };
  const group = (i: number) => `group:default/g${i}`;
  const system = (i: number) => `system:default/s${i}`;
  const comp = (i: number) => `component:default/c${i}`;
  const api = (i: number) => `api:default/a${i}`;
  for (let i = 0; i < COUNTS.groups; i++) add('Group', `g${i}`);
  add('User', 'bench'); // creates the benchmark's release, a member of its group
  relate('user:default/bench', 'memberOf', 'hasMember', group(0));
  for (let i = 0; i < COUNTS.domains; i++) {
    add('Domain', `d${i}`, {}, ['tier-1', 'tier-2', 'tier-3'][i % 3]);
  }
  for (let i = 0; i < COUNTS.systems; i++) {
    add('System', `s${i}`, { domain: `d${i % COUNTS.domains}` });
    relate(
      system(i),
      'partOf',
      'hasPart',
      `domain:default/d${i % COUNTS.domains}`,
    );
  }
  for (let i = 0; i < COUNTS.components; i++) {
    const s = Math.floor(i / (COUNTS.components / COUNTS.systems));
    const owner = pick(COUNTS.groups);
    add('Component', `c${i}`, {
      system: `s${s}`,
      owner: `g${owner}`,
      lifecycle: 'production',
    });
    relate(comp(i), 'partOf', 'hasPart', system(s));
    relate(comp(i), 'ownedBy', 'ownerOf', group(owner));
  }
  for (let i = 0; i < COUNTS.apis; i++) {
    const provider = i * (COUNTS.components / COUNTS.apis);
    add('API', `a${i}`, {});
    relate(api(i), 'partOf', 'hasPart', system(Math.floor(provider / 20)));
    relate(comp(provider), 'providesApi', 'apiProvidedBy', api(i));
  }
  for (let i = 0; i < COUNTS.components; i++) {
    const span = COUNTS.components - i - 1;
    if (span > 0 && rnd() < 0.8) {
      relate(
        comp(i),
        'dependsOn',
        'dependencyOf',
        comp(i + 1 + pick(Math.min(200, span))),
      );
    }
    if (rnd() < 0.8) {
      const target = Math.min(
        COUNTS.apis - 1,
        Math.floor(i / 5) + 1 + pick(40),
      );
      relate(comp(i), 'consumesApi', 'apiConsumedBy', api(target));
    }
  }
  return { entities: [...byRef.values()], relations };
}

/**
 * The catalog double: the stock in-memory client, with `getEntitiesByRefs`
 * and `getEntityByRef` answered from an index (the stock one rebuilds a map
 * of every entity per call, which would measure the mock). Every call is one
 * async hop, as a request to a catalog in the same process would be at least.
 */
class CatalogDouble extends InMemoryCatalogClient {
  requests = 0;
  private readonly byRef = new Map<string, Entity>();

  constructor(entities: Entity[]) {
    super({ entities });
    for (const entity of entities) {
      const { kind, metadata } = entity;
      this.byRef.set(
        `${kind}:${metadata.namespace}/${metadata.name}`.toLocaleLowerCase(
          'en-US',
        ),
        entity,
      );
    }
  }

  /** Pages as they would arrive over the wire: copies, sharing no strings or objects with the catalog. */
  async queryEntities(
    ...args: Parameters<InMemoryCatalogClient['queryEntities']>
  ) {
    this.requests++;
    const page = await super.queryEntities(...args);
    return JSON.parse(JSON.stringify(page)) as typeof page;
  }

  async getEntitiesByRefs(request: { entityRefs: string[] }) {
    this.requests++;
    await new Promise(resolve => setImmediate(resolve));
    return { items: request.entityRefs.map(ref => this.byRef.get(ref)) };
  }

  /** Added latency per `getEntityByRef`, to model a catalog over the network. */
  latencyMs = 0;

  async getEntityByRef(ref: string | { kind: string }) {
    this.requests++;
    await new Promise(resolve =>
      this.latencyMs > 0
        ? setTimeout(resolve, this.latencyMs)
        : setImmediate(resolve),
    );
    return this.byRef.get(String(ref));
  }
}

/** The traversal a naive client does: breadth-first, one catalog request per entity. */
async function naiveImpact(catalog: CatalogDouble, changed: string[]) {
  const seen = new Set(changed);
  let frontier = [...changed];
  for (let depth = 0; depth < DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    const visit = (ref: string) => {
      if (!seen.has(ref)) {
        seen.add(ref);
        next.push(ref);
      }
    };
    for (const ref of frontier) {
      const entity = await catalog.getEntityByRef(ref);
      for (const relation of entity?.relations ?? []) {
        if (
          ['dependencyOf', 'apiConsumedBy', 'partOf'].includes(relation.type)
        ) {
          visit(relation.targetRef);
        } else if (relation.type === 'providesApi') {
          const provided = await catalog.getEntityByRef(relation.targetRef);
          for (const r of provided?.relations ?? []) {
            if (r.type === 'apiConsumedBy') visit(r.targetRef);
          }
        }
      }
    }
    frontier = next;
  }
  return seen.size - changed.length;
}

const gc = () => (global as { gc?: () => void }).gc?.();
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function main() {
  const { entities, relations } = generateCatalog();
  console.log(`catalog: ${entities.length} entities, ${relations} relations`);
  const catalog = new CatalogDouble(entities);
  const changed = [
    'component:default/c5000',
    'component:default/c5001',
    'component:default/c7003',
  ];

  // build time and retained memory of the graph, on its own
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const graphs = new CatalogModel({
    catalog,
    auth: mockServices.auth(),
  });
  const buildStarted = Date.now();
  const graph = await graphs.refresh();
  const buildMs = Date.now() - buildStarted;
  const readStarted = Date.now();
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: 1000, fields: CATALOG_GRAPH_FIELDS }
        : { limit: 1000, fields: CATALOG_GRAPH_FIELDS },
    );
    read += page.items.length;
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  const readMs = Date.now() - readStarted;
  const indexStarted = Date.now();
  CatalogGraph.build(entities);
  const indexMs = Date.now() - indexStarted;
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(
    `graph: ${
      graph.size
    } nodes, ${graph.edgeCount()} edges, built in ${buildMs} ms (of which reading ${read} entities from the catalog double ~${readMs} ms, indexing ${indexMs} ms), ${heapMb.toFixed(
      1,
    )} MB retained heap${
      (global as { gc?: unknown }).gc
        ? ''
        : ' (run with --expose-gc for a precise figure)'
    }`,
  );

  // HTTP through the plugin
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
        factory: () => catalog,
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
    const report = (await first.json()) as {
      dependents: unknown[];
      risk: { level: string };
    };
    console.log(
      `release of 3 components: ${report.dependents.length} dependents, risk ${report.risk.level}`,
    );
    const { http, plan } = await timeImpactRequests({
      base,
      headers,
      releaseId: release.id,
      entityRefs: changed,
      runs: RUNS,
    });

    const changedIdx = changed.map(ref => graph.indexOf(ref));
    const bfs = await time(RUNS, async () =>
      traverseImpact(graph, changedIdx, DEPTH, new Set()),
    );
    const before = catalog.requests;
    const reachedNaive = await naiveImpact(catalog, changed);
    const requestsPerRun = catalog.requests - before;
    const naive = await time(NAIVE_RUNS, () => naiveImpact(catalog, changed));
    catalog.latencyMs = 1;
    const naiveSlow = await time(Math.min(NAIVE_RUNS, 10), () =>
      naiveImpact(catalog, changed),
    );
    catalog.latencyMs = 0;
    const reachedBfs =
      traverseImpact(graph, changedIdx, DEPTH, new Set()).reached.size - 3;

    console.log(`\n| Variant | p50 | p95 | runs |`);
    console.log(`| --- | --- | --- | --- |`);
    console.log(
      `| GET /releases/:id/impact over HTTP (warm) | ${ms(http.p50)} | ${ms(
        http.p95,
      )} | ${http.n} |`,
    );
    console.log(
      `| POST /impact over HTTP (warm, plan) | ${ms(plan.p50)} | ${ms(
        plan.p95,
      )} | ${plan.n} |`,
    );
    console.log(
      `| naive: one catalog request per entity (${requestsPerRun} requests, ${reachedNaive} reached) | ${ms(
        naive.p50,
      )} | ${ms(naive.p95)} | ${naive.n} |`,
    );
    console.log(
      `| naive, with 1 ms latency per catalog request (setTimeout) | ${ms(
        naiveSlow.p50,
      )} | ${ms(naiveSlow.p95)} | ${naiveSlow.n} |`,
    );
    console.log(
      `| bare in-memory BFS (${reachedBfs} reached) | ${ms(bfs.p50)} | ${ms(
        bfs.p95,
      )} | ${bfs.n} |`,
    );
    console.log(
      `\nratios (p50): naive (one hop) / HTTP ${(naive.p50 / http.p50).toFixed(
        2,
      )}×; naive (1 ms) / HTTP ${(naiveSlow.p50 / http.p50).toFixed(
        1,
      )}×; naive (one hop) / bare BFS ${(naive.p50 / bfs.p50).toFixed(
        1,
      )}×; HTTP / bare BFS ${(http.p50 / bfs.p50).toFixed(0)}×`,
    );
  } finally {
    await backend.stop();
    await db.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
