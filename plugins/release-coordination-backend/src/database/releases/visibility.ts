import { ACTIVE_RELEASE_STATES } from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';

/**
 * Drafts only for the viewer `refs` (a user's ref and groups): those the
 * viewer's groups own or were offered, and those the viewer created unless
 * another group has accepted them since.
 */
export function whereDraftVisible(query: Knex.QueryBuilder, refs: string[]) {
  query.where(visible =>
    visible
      .whereNot('releases.state', 'draft')
      .orWhereIn('releases.owner_ref', refs)
      .orWhereIn('releases.pending_owner_ref', refs)
      .orWhere(created =>
        created
          .whereIn('releases.created_by', refs)
          .whereNull('releases.handed_over_at'),
      ),
  );
}

/** Active releases only; with `draftOwnerRefs`, drafts only as {@link whereDraftVisible} shows them. */
export function whereActive(
  query: Knex.QueryBuilder,
  draftOwnerRefs?: string[],
) {
  query.whereIn('releases.state', ACTIVE_RELEASE_STATES as string[]);
  if (draftOwnerRefs) whereDraftVisible(query, draftOwnerRefs);
}
