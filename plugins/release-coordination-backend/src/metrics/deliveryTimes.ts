import { Knex } from 'knex';
import type { NewReleaseEvent } from '../database/ReleaseStore';

/** The column of `release_delivery_times` each state entry sets (its first entry). */
const COLUMN_OF_STATE: Record<string, string | undefined> = {
  planned: 'planned_at',
  approved: 'approved_at',
  in_progress: 'started_at',
  released: 'released_at',
  rolling_back: 'rollback_at',
  rolled_back: 'rollback_at',
};

/**
 * The columns of `release_delivery_times` each entity row of the release
 * carries too, so a scope's measures read only its entities' rows.
 */
const ENTITY_TIMES = [
  'approved_at',
  'released_at',
  'planned_at',
  'started_at',
  'rollback_at',
  'window_start',
  'window_end',
  'previous_release_at',
  'on_train',
];

/**
 * Keeps the delivery-metrics tables up to date with one release event, in
 * the transaction that stores it: a transition records the first time the
 * release entered its new state (and, at `released`, what it was then), and
 * rewrites the release's entity rows with its times. Other events
 * change nothing here.
 */
export async function recordDeliveryTime(
  tx: Knex.Transaction,
  releaseId: string,
  event: NewReleaseEvent,
): Promise<void> {
  if (event.action !== 'transitioned') return;
  const state = event.changes.find(change => change.field === 'state')?.after;
  const column = COLUMN_OF_STATE[String(state)];
  if (!column) return;
  await tx('release_delivery_times')
    .insert({ release_id: releaseId })
    .onConflict('release_id')
    .ignore();
  await tx('release_delivery_times')
    .where({ release_id: releaseId })
    .whereNull(column)
    .update({ [column]: Date.parse(event.createdAt) });
  if (state === 'released') {
    await recordReleaseFacts(tx, releaseId, Date.parse(event.createdAt));
  }
  await tx('release_delivery_entities')
    .where({ release_id: releaseId })
    .delete();
  await tx
    .insert(
      tx('release_entities as e')
        .join('release_delivery_times as t', 't.release_id', 'e.release_id')
        .where('e.release_id', releaseId)
        .select(
          'e.release_id',
          'e.entity_ref',
          ...ENTITY_TIMES.map(time => `t.${time}`),
        ),
    )
    .into(
      tx.raw(`?? (??, ??, ${ENTITY_TIMES.map(() => '??').join(', ')})`, [
        'release_delivery_entities',
        'release_id',
        'entity_ref',
        ...ENTITY_TIMES,
      ]),
    );
}

/**
 * What a release was when released: its window, whether a hotfix and booked
 * on a train, and for a hotfix when one of its entities was last released
 * before (for the rework rate).
 */
async function recordReleaseFacts(
  tx: Knex.Transaction,
  releaseId: string,
  releasedAt: number,
) {
  const release = await tx('releases')
    .where({ id: releaseId })
    .first('window_start', 'window_end', 'type');
  const booking = await tx('train_bookings')
    .where({ release_id: releaseId })
    .first('release_id');
  const hotfix = release.type === 'hotfix';
  const previous = hotfix
    ? await tx('release_entities as e')
        .join('release_delivery_entities as p', 'p.entity_ref', 'e.entity_ref')
        .where('e.release_id', releaseId)
        .whereNot('p.release_id', releaseId)
        .where('p.released_at', '<', releasedAt)
        .max({ at: 'p.released_at' })
        .first()
    : undefined;
  await tx('release_delivery_times')
    .where({ release_id: releaseId })
    .update({
      window_start: new Date(release.window_start).getTime(),
      window_end: new Date(release.window_end).getTime(),
      hotfix,
      on_train: booking !== undefined,
      previous_release_at: previous?.at ? Number(previous.at) : null,
    });
}
