/*
 * The write cost of keeping the conflicts table up to date (issue 14): the
 * same release edits through the plugin's store with the table's upkeep in
 * the write's transaction (the listener the plugin set) and through a store
 * without it, one after the other, alternating.
 */
import { Knex } from 'knex';
import { ReleaseStore } from '../src/database/ReleaseStore';
import { DatabaseReleaseStore } from '../src/database/DatabaseReleaseStore';

/** p50 / p95 in ms of one kind of edit. */
export type WriteCostRow = {
  name: string;
  edits: number;
  p50: number;
  p95: number;
};

const HOUR = 3_600_000;

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/**
 * Moves the windows of `edits` active releases of June 2026 by an hour, each
 * release once with and once without the upkeep (alternating which goes
 * first), and times every edit. Run after the reads: the edits without the
 * upkeep leave the table behind until the next reconciliation.
 */
export async function benchWriteCost(
  db: Knex,
  withUpkeep: ReleaseStore,
  edits: number,
): Promise<WriteCostRow[]> {
  const withoutUpkeep = new DatabaseReleaseStore(db);
  const ids: string[] = await db('releases')
    .whereIn('state', ['planned', 'approved'])
    .where('window_start', '>=', new Date('2026-06-01T00:00:00Z'))
    .where('window_start', '<', new Date('2026-07-01T00:00:00Z'))
    .orderBy('id')
    .limit(edits)
    .pluck('id');
  const times = { with: [] as number[], without: [] as number[] };
  const edit = async (store: ReleaseStore, id: string) => {
    const release = (await store.getRelease(id))!;
    const shift = (iso: string) =>
      new Date(Date.parse(iso) + HOUR).toISOString();
    const started = process.hrtime.bigint();
    await store.updateRelease({
      id,
      revision: release.revision,
      fields: {
        window: {
          start: shift(release.window.start),
          end: shift(release.window.end),
        },
      },
      event: {
        action: 'updated',
        actorRef: 'user:default/bench-user',
        createdAt: new Date().toISOString(),
        changes: [],
      },
    });
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  for (const [i, id] of ids.entries()) {
    const order = i % 2 === 0 ? ['with', 'without'] : ['without', 'with'];
    for (const kind of order as ('with' | 'without')[]) {
      times[kind].push(
        await edit(kind === 'with' ? withUpkeep : withoutUpkeep, id),
      );
    }
  }
  return (['with', 'without'] as const).map(kind => {
    const sorted = [...times[kind]].sort((a, b) => a - b);
    return {
      name: `release edit (window moved), ${kind} the conflicts upkeep`,
      edits: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
    };
  });
}
