import {
  Rollback,
  RollbackScope,
  RollbackStep,
  RollbackStepStatus,
  RollbackTriggers,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { bumpListingRevision } from '../database/listingRevision';

type RollbackRow = {
  release_id: string;
  reason: string;
  triggered_by: string;
  scope: string;
  emergency: boolean | number;
  decided_by: string;
  decided_at: Date | string | number;
  completed_at: Date | string | number | null;
  revision: number;
};

type StepRow = {
  release_id: string;
  step_index: number;
  title: string;
  owner_ref: string;
  status: string;
  note: string | null;
  updated_by: string | null;
  updated_at: Date | string | number | null;
};

const iso = (value: Date | string | number) => new Date(value).toISOString();

const toStep = (row: StepRow): RollbackStep => ({
  index: row.step_index,
  title: row.title,
  ownerRef: row.owner_ref,
  status: row.status as RollbackStepStatus,
  ...(row.note && { note: row.note }),
  ...(row.updated_by && { updatedBy: row.updated_by }),
  ...(row.updated_at && { updatedAt: iso(row.updated_at) }),
});

/** A change of one step's status at the rollback's revision. */
export interface RollbackStepChange {
  releaseId: string;
  index: number;
  /** The rollback's revision the caller saw. */
  revision: number;
  status: RollbackStepStatus;
  note?: string;
  by: string;
  at: string;
}

/**
 * Rollbacks of releases, their steps and entities, and the follow-up hotfix
 * links (`release_rollbacks`, `release_rollback_steps`,
 * `release_rollback_entities`, `release_hotfixes`).
 *
 * @public
 */
export class DatabaseRollbackStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  /** Stores a new rollback; false if the release has one already. */
  async createRollback(rollback: Omit<Rollback, 'failed'>): Promise<boolean> {
    const { releaseId, decision } = rollback;
    return this.db.transaction(async tx => {
      const existing = await tx('release_rollbacks')
        .where({ release_id: releaseId })
        .first('release_id');
      if (existing) return false;
      await tx('release_rollbacks').insert({
        release_id: releaseId,
        reason: decision.reason,
        triggered_by: JSON.stringify(decision.triggeredBy),
        scope: JSON.stringify(decision.scope),
        emergency: decision.emergency,
        decided_by: decision.decidedBy,
        decided_at: new Date(decision.decidedAt),
        completed_at: null,
        revision: rollback.revision,
      });
      await tx('release_rollback_entities').insert(
        rollback.entityRefs.map(entityRef => ({
          release_id: releaseId,
          entity_ref: entityRef,
        })),
      );
      if (rollback.steps.length > 0) {
        await tx('release_rollback_steps').insert(
          rollback.steps.map(step => ({
            release_id: releaseId,
            step_index: step.index,
            title: step.title,
            owner_ref: step.ownerRef,
            status: step.status,
          })),
        );
      }
      await bumpListingRevision(tx);
      return true;
    });
  }

  /** Removes a rollback whose release could not move (its decision is undone). */
  async deleteRollback(releaseId: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('release_rollbacks').where({ release_id: releaseId }).delete();
      await bumpListingRevision(tx);
    });
  }

  async getRollback(releaseId: string): Promise<Rollback | undefined> {
    const row = await this.db<RollbackRow>('release_rollbacks')
      .where({ release_id: releaseId })
      .first();
    if (!row) return undefined;
    const [stepRows, entityRefs] = await Promise.all([
      this.db<StepRow>('release_rollback_steps')
        .where({ release_id: releaseId })
        .orderBy('step_index'),
      this.db('release_rollback_entities')
        .where({ release_id: releaseId })
        .orderBy('entity_ref')
        .pluck('entity_ref'),
    ]);
    const steps = stepRows.map(toStep);
    return {
      releaseId,
      decision: {
        reason: row.reason,
        triggeredBy: JSON.parse(row.triggered_by) as RollbackTriggers,
        scope: JSON.parse(row.scope) as RollbackScope,
        emergency: Boolean(row.emergency),
        decidedBy: row.decided_by,
        decidedAt: iso(row.decided_at),
      },
      steps,
      entityRefs,
      failed: steps.some(step => step.status === 'failed'),
      ...(row.completed_at && { completedAt: iso(row.completed_at) }),
      revision: row.revision,
    };
  }

  /**
   * Sets a step's status if the rollback is still at the revision the caller
   * saw and not completed; false otherwise (a concurrent change won).
   */
  async updateStep(change: RollbackStepChange): Promise<boolean> {
    return this.db.transaction(async tx => {
      const bumped = await tx('release_rollbacks')
        .where({
          release_id: change.releaseId,
          revision: change.revision,
          completed_at: null,
        })
        .update({ revision: change.revision + 1 });
      if (bumped === 0) return false;
      await tx('release_rollback_steps')
        .where({ release_id: change.releaseId, step_index: change.index })
        .update({
          status: change.status,
          note: change.note ?? null,
          updated_by: change.by,
          updated_at: new Date(change.at),
        });
      return true;
    });
  }

  /** Records that the last step was done. */
  async markCompleted(releaseId: string, at: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('release_rollbacks')
        .where({ release_id: releaseId, completed_at: null })
        .update({
          completed_at: new Date(at),
          revision: tx.raw('revision + 1'),
        });
      await bumpListingRevision(tx);
    });
  }

  /**
   * Claims the one notice to the release managers that a step failed: true
   * for the first caller only, on every replica.
   */
  async claimFailureNotice(releaseId: string, index: number): Promise<boolean> {
    const claimed = await this.db('release_rollback_steps')
      .where({
        release_id: releaseId,
        step_index: index,
        failure_notified: false,
      })
      .update({ failure_notified: true });
    return claimed > 0;
  }

  /** The releases whose rollback of the entity is not completed yet. */
  async rollbacksInProgress(entityRef: string): Promise<string[]> {
    return this.db('release_rollback_entities as e')
      .join('release_rollbacks as r', 'r.release_id', 'e.release_id')
      .where('e.entity_ref', entityRef)
      .whereNull('r.completed_at')
      .orderBy('r.decided_at')
      .pluck('e.release_id');
  }

  /** Links a follow-up hotfix to the release it fixes. */
  async addHotfix(hotfixId: string, ofReleaseId: string, at: string) {
    await this.db('release_hotfixes').insert({
      hotfix_id: hotfixId,
      of_release_id: ofReleaseId,
      created_at: new Date(at),
    });
  }

  /** The release a hotfix follows up, and the hotfixes of a release, oldest first. */
  async hotfixLinks(
    releaseId: string,
  ): Promise<{ hotfixOf?: string; hotfixes: string[] }> {
    const [of, hotfixes] = await Promise.all([
      this.db('release_hotfixes')
        .where({ hotfix_id: releaseId })
        .first('of_release_id'),
      this.db('release_hotfixes')
        .where({ of_release_id: releaseId })
        .orderBy('created_at')
        .orderBy('hotfix_id')
        .pluck('hotfix_id'),
    ]);
    return { ...(of && { hotfixOf: of.of_release_id }), hotfixes };
  }

  /** Whether no rollback was stored yet (demo seeding). */
  async isEmpty(): Promise<boolean> {
    return !(await this.db('release_rollbacks').first('release_id'));
  }
}

/**
 * What services may use of the rollback store.
 *
 * @public
 */
export type RollbackStore = Pick<
  DatabaseRollbackStore,
  keyof DatabaseRollbackStore
>;
