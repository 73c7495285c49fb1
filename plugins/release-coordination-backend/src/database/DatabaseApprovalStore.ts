import { ConflictError } from '@backstage/errors';
import {
  ApprovalDecision,
  ApprovalDecisionValue,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { NewReleaseEvent } from './ReleaseStore';
import { insertReleaseEvent } from './releaseEvents';
import { isUniqueViolation, Timestamp, toIso } from './rows';

type DecisionRow = {
  release_id: string;
  round: number;
  group_ref: string;
  decision: string;
  comment: string;
  decided_by: string;
  decided_at: Timestamp;
};

type CheckRow = {
  release_id: string;
  item_id: string;
  checked_by: string;
  checked_at: Timestamp;
  evidence: string | null;
};

/**
 * A manual readiness item someone checked.
 *
 * @public
 */
export interface ReadinessCheck {
  itemId: string;
  by: string;
  at: string;
  evidence?: string;
}

/**
 * Approval rounds and decisions (`release_approval_rounds`,
 * `release_approval_decisions`) and manual readiness checks
 * (`release_readiness_checks`).
 *
 * @public
 */
export class DatabaseApprovalStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  /** The current approval round of a release; 1 until a plan change starts another. */
  async getRound(releaseId: string): Promise<number> {
    const row = await this.db('release_approval_rounds')
      .where({ release_id: releaseId })
      .first('round');
    return row ? Number(row.round) : 1;
  }

  /** The decisions of a release in one round, oldest first. */
  async listDecisions(
    releaseId: string,
    round: number,
  ): Promise<ApprovalDecision[]> {
    const rows: DecisionRow[] = await this.db('release_approval_decisions')
      .where({ release_id: releaseId, round })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      groupRef: row.group_ref,
      decision: row.decision as ApprovalDecisionValue,
      comment: row.comment,
      by: row.decided_by,
      at: toIso(row.decided_at),
    }));
  }

  /**
   * Records a group's decision in a round. The unique key on (release, group,
   * round) lets exactly one of several racing decisions for a group win, on
   * any number of replicas; the others get a `ConflictError`.
   */
  async addDecision(
    releaseId: string,
    round: number,
    decision: ApprovalDecision,
  ): Promise<void> {
    try {
      await this.db('release_approval_decisions').insert({
        release_id: releaseId,
        round,
        group_ref: decision.groupRef,
        decision: decision.decision,
        comment: decision.comment,
        decided_by: decision.by,
        decided_at: new Date(decision.at),
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `${entityName(
            decision.groupRef,
          )} has already decided on this release`,
        );
      }
      throw error;
    }
  }

  /**
   * The approvals a group gave since a time, oldest first: which release,
   * in which round, when.
   */
  async listApprovalsBy(
    groupRef: string,
    since: Date,
  ): Promise<{ releaseId: string; round: number; at: string }[]> {
    const rows: Pick<DecisionRow, 'release_id' | 'round' | 'decided_at'>[] =
      await this.db('release_approval_decisions')
        .where({ group_ref: groupRef, decision: 'approve' })
        .where('decided_at', '>=', since)
        .orderBy('decided_at', 'asc')
        .select('release_id', 'round', 'decided_at');
    return rows.map(row => ({
      releaseId: row.release_id,
      round: Number(row.round),
      at: toIso(row.decided_at),
    }));
  }

  /** Deletes a group's decision of a round if `by` made it; returns whether one was deleted. */
  async deleteDecision(
    releaseId: string,
    round: number,
    groupRef: string,
    by: string,
  ): Promise<boolean> {
    const deleted = await this.db('release_approval_decisions')
      .where({
        release_id: releaseId,
        round,
        group_ref: groupRef,
        decided_by: by,
      })
      .delete();
    return deleted > 0;
  }

  /**
   * Starts the next approval round of a release (decisions of earlier rounds
   * no longer count) and appends the event saying so, in one transaction.
   * Returns the new round.
   */
  async startNewRound(
    releaseId: string,
    event: NewReleaseEvent,
  ): Promise<number> {
    return this.db.transaction(async tx => {
      // one atomic upsert: concurrent resets each get their own round
      await tx('release_approval_rounds')
        .insert({ release_id: releaseId, round: 2 })
        .onConflict('release_id')
        .merge({ round: tx.raw('?? + 1', ['release_approval_rounds.round']) });
      const { round } = await tx('release_approval_rounds')
        .where({ release_id: releaseId })
        .first('round');
      await insertReleaseEvent(tx, releaseId, event);
      return Number(round);
    });
  }

  /** The manual readiness items checked for a release. */
  async listChecks(releaseId: string): Promise<ReadinessCheck[]> {
    const rows: CheckRow[] = await this.db('release_readiness_checks').where({
      release_id: releaseId,
    });
    return rows.map(row => ({
      itemId: row.item_id,
      by: row.checked_by,
      at: toIso(row.checked_at),
      ...(row.evidence && { evidence: row.evidence }),
    }));
  }

  /** Checks (with who, when and evidence) or unchecks (`null`) a manual readiness item. */
  async setCheck(
    releaseId: string,
    itemId: string,
    check: Omit<ReadinessCheck, 'itemId'> | null,
  ): Promise<void> {
    if (!check) {
      await this.db('release_readiness_checks')
        .where({ release_id: releaseId, item_id: itemId })
        .delete();
      return;
    }
    await this.db('release_readiness_checks')
      .insert({
        release_id: releaseId,
        item_id: itemId,
        checked_by: check.by,
        checked_at: new Date(check.at),
        evidence: check.evidence ?? null,
      })
      .onConflict(['release_id', 'item_id'])
      .merge();
  }
}

/**
 * What services may use of the approval store.
 *
 * @public
 */
export type ApprovalStore = Pick<
  DatabaseApprovalStore,
  keyof DatabaseApprovalStore
>;
