import {
  CriterionComparator,
  CriterionOutcome,
  CriterionProposal,
  CriterionResult,
  MeasurableCheck,
  SuccessCriterion,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { isUniqueViolation, Timestamp, toIso } from '../database/rows';

const TABLE = 'release_success_criteria';

type CriterionRow = {
  id: string;
  release_id: string;
  position: number;
  text: string;
  metric: string | null;
  comparator: string | null;
  threshold: number | null;
  observation_window: string | null;
  owner_ref: string;
  result: string | null;
  evidence: string | null;
  observed_value: string | null;
  waiver_reason: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp | null;
  proposed_result: string | null;
  proposed_value: number | null;
  proposal_error: string | null;
  proposal_checker: string | null;
  checked_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
};

/**
 * A criterion to store: its text, check and owner, who adds it and when.
 *
 * @public
 */
export interface NewCriterion {
  id: string;
  text: string;
  check?: MeasurableCheck;
  ownerRef: string;
  createdBy: string;
  createdAt: string;
}

/**
 * The fields of a criterion an edit changes; `check: null` removes the check.
 *
 * @public
 */
export interface CriterionChange {
  text?: string;
  check?: MeasurableCheck | null;
  ownerRef?: string;
  updatedAt: string;
}

const checkColumns = (check: MeasurableCheck | null | undefined) =>
  check === undefined
    ? {}
    : {
        metric: check?.metric ?? null,
        comparator: check?.comparator ?? null,
        threshold: check?.threshold ?? null,
        observation_window: check?.window ?? null,
      };

function toCriterion(row: CriterionRow): SuccessCriterion {
  const check: MeasurableCheck | undefined = row.metric
    ? {
        metric: row.metric,
        comparator: row.comparator as CriterionComparator,
        threshold: Number(row.threshold),
        window: row.observation_window!,
      }
    : undefined;
  const outcome: CriterionOutcome | undefined =
    row.result && row.recorded_by && row.recorded_at
      ? {
          result: row.result as CriterionResult,
          ...(row.evidence && { evidence: row.evidence }),
          ...(row.observed_value && { observedValue: row.observed_value }),
          ...(row.waiver_reason && { waiverReason: row.waiver_reason }),
          recordedBy: row.recorded_by,
          recordedAt: toIso(row.recorded_at),
        }
      : undefined;
  const proposal: CriterionProposal | undefined =
    row.checked_at && row.proposal_checker
      ? {
          ...(row.proposed_result && {
            result: row.proposed_result as 'met' | 'not_met',
          }),
          ...(row.proposed_value !== null && {
            observedValue: Number(row.proposed_value),
          }),
          ...(row.proposal_error && { error: row.proposal_error }),
          checker: row.proposal_checker,
          checkedAt: toIso(row.checked_at),
        }
      : undefined;
  return {
    id: row.id,
    releaseId: row.release_id,
    text: row.text,
    ...(check && { check }),
    ownerRef: row.owner_ref,
    ...(outcome && { outcome }),
    ...(proposal && { proposal }),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/**
 * The success criteria of releases (`release_success_criteria`) and the
 * observation-window notices sent about them (`release_criterion_notices`).
 *
 * @public
 */
export class DatabaseVerificationStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  /** The criteria of a release, in the order they were added. */
  async listCriteria(releaseId: string): Promise<SuccessCriterion[]> {
    const rows = await this.db<CriterionRow>(TABLE)
      .where({ release_id: releaseId })
      .orderBy('position');
    return rows.map(toCriterion);
  }

  async getCriterion(
    releaseId: string,
    id: string,
  ): Promise<SuccessCriterion | undefined> {
    const row = await this.db<CriterionRow>(TABLE)
      .where({ release_id: releaseId, id })
      .first();
    return row && toCriterion(row);
  }

  /** Appends criteria to a release, after those it has. */
  async addCriteria(
    releaseId: string,
    criteria: NewCriterion[],
  ): Promise<void> {
    if (criteria.length === 0) return;
    await this.db.transaction(async tx => {
      const [{ last }] = await tx(TABLE)
        .where({ release_id: releaseId })
        .max('position as last');
      const start = last === null || last === undefined ? 0 : Number(last) + 1;
      await tx(TABLE).insert(
        criteria.map((criterion, index) => ({
          id: criterion.id,
          release_id: releaseId,
          position: start + index,
          text: criterion.text,
          ...checkColumns(criterion.check ?? null),
          owner_ref: criterion.ownerRef,
          created_by: criterion.createdBy,
          created_at: new Date(criterion.createdAt),
          updated_at: new Date(criterion.createdAt),
        })),
      );
    });
  }

  /** Changes a criterion's text, check or owner; false if it does not exist. */
  async updateCriterion(
    releaseId: string,
    id: string,
    change: CriterionChange,
  ): Promise<boolean> {
    const updated = await this.db(TABLE)
      .where({ release_id: releaseId, id })
      .update({
        ...(change.text !== undefined && { text: change.text }),
        ...(change.ownerRef !== undefined && { owner_ref: change.ownerRef }),
        ...checkColumns(change.check),
        updated_at: new Date(change.updatedAt),
      });
    return updated > 0;
  }

  /** Removes a criterion; false if it did not exist. */
  async deleteCriterion(releaseId: string, id: string): Promise<boolean> {
    return (
      (await this.db(TABLE).where({ release_id: releaseId, id }).delete()) > 0
    );
  }

  /** Records (replacing) what the owner found. */
  async recordOutcome(
    releaseId: string,
    id: string,
    outcome: CriterionOutcome,
  ): Promise<void> {
    await this.db(TABLE)
      .where({ release_id: releaseId, id })
      .update({
        result: outcome.result,
        evidence: outcome.evidence ?? null,
        observed_value: outcome.observedValue ?? null,
        waiver_reason: outcome.waiverReason ?? null,
        recorded_by: outcome.recordedBy,
        recorded_at: new Date(outcome.recordedAt),
      });
  }

  /** Stores an automatic checker's latest proposal for a criterion. */
  async setProposal(id: string, proposal: CriterionProposal): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .update({
        proposed_result: proposal.result ?? null,
        proposed_value: proposal.observedValue ?? null,
        proposal_error: proposal.error ?? null,
        proposal_checker: proposal.checker,
        checked_at: new Date(proposal.checkedAt),
      });
  }

  /** The criteria without a recorded result of the releases in state `released`. */
  async listOpenOfReleased(): Promise<SuccessCriterion[]> {
    const rows = await this.db<CriterionRow>(`${TABLE} as c`)
      .join('releases as r', 'r.id', 'c.release_id')
      .where('r.state', 'released')
      .whereNull('c.result')
      .select('c.*')
      .orderBy(['c.release_id', 'c.position']);
    return rows.map(toCriterion);
  }

  /**
   * Claims the notice of a kind about a criterion: true for exactly one of
   * several racing callers, false once it was claimed.
   */
  async claimNotice(
    criterionId: string,
    kind: 'owner' | 'managers',
    at: Date,
  ): Promise<boolean> {
    try {
      await this.db('release_criterion_notices').insert({
        criterion_id: criterionId,
        kind,
        sent_at: at,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}

/**
 * What services may use of the verification store.
 *
 * @public
 */
export type VerificationStore = Pick<
  DatabaseVerificationStore,
  keyof DatabaseVerificationStore
>;
