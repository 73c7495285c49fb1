/*
 * Helpers shared by the benchmark scripts: seeded random numbers (so every run
 * generates the same data), latency percentiles, timed runs and the impact
 * benchmarks' release.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/** Mulberry32: a small, fast seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Park–Miller (Lehmer) seeded generator of numbers in [0, 1). */
export function lehmer(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

/** p50 and p95 of latency samples in ms. */
export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), n: samples.length };
}

/** Runs `fn` `runs` times after a warm-up and returns the latency percentiles. */
export async function time(
  runs: number,
  fn: () => Promise<unknown>,
  warmup = 10,
) {
  for (let i = 0; i < Math.min(warmup, runs); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return stats(samples);
}

/**
 * Warm latency of the impact of a saved release (`GET /releases/:id/impact`)
 * and of an unsaved plan of the same entities (`POST /impact`).
 */
export async function timeImpactRequests(options: {
  base: string;
  headers: Record<string, string>;
  releaseId: string;
  entityRefs: string[];
  runs: number;
}) {
  const { base, headers, releaseId, entityRefs, runs } = options;
  const http = await time(runs, async () => {
    const res = await fetch(`${base}/releases/${releaseId}/impact`, {
      headers,
    });
    await res.arrayBuffer();
  });
  const plan = await time(runs, async () => {
    const res = await fetch(`${base}/impact`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ entityRefs }),
    });
    await res.arrayBuffer();
  });
  return { http, plan };
}

/** The user the impact benchmarks call as; a member of {@link BENCH_GROUP}. */
export const BENCH_USER = 'user:default/bench';

/** The group that owns the impact benchmarks' release (releases are owned by groups). */
export const BENCH_GROUP = 'group:default/g0';

/** The user info service of the impact benchmarks' backend: {@link BENCH_USER}, a member of {@link BENCH_GROUP}. */
export const benchUserInfo = () =>
  createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () =>
      mockServices.userInfo({
        userEntityRef: BENCH_USER,
        ownershipEntityRefs: [BENCH_USER, BENCH_GROUP],
      }),
  });

/**
 * Creates the impact benchmarks' release of the given entities, with one
 * breaking change, owned by {@link BENCH_GROUP} so that its draft stays readable by {@link BENCH_USER}.
 */
export async function createBenchRelease(
  base: string,
  headers: Record<string, string>,
  entityRefs: string[],
): Promise<{ id: string }> {
  const created = await fetch(`${base}/releases`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      title: 'Bench',
      version: '1.0.0',
      type: 'normal',
      window: { start: '2027-01-10T10:00:00Z', end: '2027-01-10T12:00:00Z' },
      entityRefs,
      ownerRef: BENCH_GROUP,
      changes: [{ kind: 'breaking', title: 'Drop v1' }],
    }),
  });
  const release = (await created.json()) as { id: string };
  if (created.status !== 201) throw new Error(JSON.stringify(release));
  return release;
}
