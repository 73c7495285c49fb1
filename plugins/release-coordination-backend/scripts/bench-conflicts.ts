/*
 * Times the conflict detector on 1k, 10k and 100k generated releases in one
 * two-year window and prints the times and the growth per 10× more releases
 * (n log n gives about 11-13×, n² would give 100×).
 *
 * Run from the package folder (`bench-http.ts` imports `benchConflictGrowth`):
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/bench-conflicts.ts
 */
import { Release } from '@internal/plugin-release-coordination-common';
import { detectConflicts } from '../src/conflicts/ConflictDetector';
import { CatalogGraph } from '../src/catalogGraph/CatalogGraph';
import { DependencyGraph } from '../src/catalogGraph/DependencyGraph';
import { mulberry32 } from './benchSupport';

const HOUR = 3_600_000;
const SPAN_MS = 2 * 365 * 24 * HOUR;
const FROM = Date.parse('2026-01-01T00:00:00Z');
const STATES = ['draft', 'planned', 'approved', 'in_progress'] as const;

/**
 * n releases of 1-8 hours over two years; the catalog scales with them (one
 * entity per 10 releases, a system per 10 entities, an owner per 50 releases),
 * so the density stays the same. Dependencies are layered like a real
 * catalog: each entity depends on the next two of its system (a chain of up
 * to 10 levels) and on a shared platform entity (a hub every entity reaches).
 */
function generate(n: number) {
  const rnd = mulberry32(n);
  const entityCount = Math.max(10, Math.floor(n / 10));
  const ref = (i: number) => `component:default/c${i}`;
  const entities = Array.from({ length: entityCount }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `c${i}`, namespace: 'default' },
    spec: { system: `s${Math.floor(i / 10)}` },
    relations: [
      ...[1, 2]
        .filter(k => (i % 10) + k < 10 && i + k < entityCount)
        .map(k => ({ type: 'dependsOn', targetRef: ref(i + k) })),
      ...(i > 0 ? [{ type: 'dependsOn', targetRef: ref(0) }] : []),
    ],
  }));
  const releases: Release[] = Array.from({ length: n }, (_, i) => {
    const start = FROM + Math.floor((rnd() * SPAN_MS) / HOUR) * HOUR;
    const end = start + (1 + Math.floor(rnd() * 8)) * HOUR;
    return {
      id: `r${i}`,
      title: `Release ${i}`,
      version: '1.0.0',
      type: 'normal',
      state: STATES[i % STATES.length],
      window: {
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
      },
      entityRefs: [ref(Math.floor(rnd() * entityCount))],
      ownerRef: `group:default/g${Math.floor(rnd() * Math.max(1, n / 50))}`,
      description: '',
      changes: [],
      createdBy: 'user:default/bench',
      createdAt: new Date(FROM).toISOString(),
      updatedAt: new Date(FROM).toISOString(),
      revision: 1,
      ...(i > 0 && i % 20 === 0 && { after: [`r${i - 1}`] }),
    };
  });
  // 1,000 freeze occurrences over the span, each covering 20 entities
  const freezes = Array.from({ length: 1000 }, (_, i) => {
    const start = FROM + Math.floor(rnd() * SPAN_MS);
    return {
      freezeId: `f${i}`,
      title: `Freeze ${i}`,
      start: new Date(start).toISOString(),
      end: new Date(start + 48 * HOUR).toISOString(),
      exemptTypes: ['emergency' as const],
      entityRefs: Array.from({ length: 20 }, () =>
        ref(Math.floor(rnd() * entityCount)),
      ),
    };
  });
  return { releases, freezes, entities };
}

function time(n: number): { ms: number; conflicts: number } {
  const { releases, freezes, entities } = generate(n);
  // a fresh catalog graph per pass (built before it is timed), so that the
  // dependency view's memo starts empty, as after each catalog refresh
  const graphs = Array.from({ length: 4 }, () => CatalogGraph.build(entities));
  let pass = 0;
  const run = () =>
    detectConflicts({
      releases,
      freezes,
      graph: DependencyGraph.of(graphs[pass++]),
    }).length;
  run(); // warm up
  const runs: number[] = [];
  let conflicts = 0;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    conflicts = run();
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[1], conflicts };
}

/** One size of the growth measurement. */
export interface ConflictGrowthRow {
  releases: number;
  /** Median of three passes, milliseconds. */
  ms: number;
  conflicts: number;
  /** Time relative to the previous (10× smaller) size. */
  ratio?: number;
}

/**
 * Times the detector at each size (1k, 10k, 100k releases in the window by
 * default) and the growth per step; `log` is called after each size.
 */
export function benchConflictGrowth(
  sizes: number[] = [1_000, 10_000, 100_000],
  log: (row: ConflictGrowthRow) => void = () => {},
): ConflictGrowthRow[] {
  const rows: ConflictGrowthRow[] = [];
  for (const n of sizes) {
    const { ms, conflicts } = time(n);
    const previous = rows[rows.length - 1];
    const row: ConflictGrowthRow = {
      releases: n,
      ms,
      conflicts,
      ...(previous && { ratio: ms / previous.ms }),
    };
    rows.push(row);
    log(row);
  }
  return rows;
}

if (require.main === module) {
  benchConflictGrowth(undefined, ({ releases, ms, conflicts, ratio }) =>
    // eslint-disable-next-line no-console
    console.log(
      `${String(releases).padStart(7)} releases: ${ms
        .toFixed(1)
        .padStart(8)} ms (median of 3), ${conflicts} conflicts${
        ratio ? ` ratio ${ratio.toFixed(1)}×` : ''
      }`,
    ),
  );
}
