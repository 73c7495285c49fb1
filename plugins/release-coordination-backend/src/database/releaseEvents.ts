import { Knex } from 'knex';
import { NewReleaseEvent } from './ReleaseStore';
import { recordDeliveryTime } from '../metrics/deliveryTimes';

/**
 * Appends an event to a release's history inside a transaction, for stores
 * that change release-related tables next to `releases` itself.
 */
export async function insertReleaseEvent(
  tx: Knex.Transaction,
  releaseId: string,
  event: NewReleaseEvent,
): Promise<void> {
  await tx('release_events').insert({
    release_id: releaseId,
    action: event.action,
    actor_ref: event.actorRef,
    created_at: new Date(event.createdAt),
    changes: JSON.stringify(event.changes),
    reason: event.reason ?? null,
  });
  await recordDeliveryTime(tx, releaseId, event);
}
