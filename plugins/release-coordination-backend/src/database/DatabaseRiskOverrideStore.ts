import {
  RiskLevel,
  RiskOverride,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { insertReleaseEvent } from './releaseEvents';
import { NewReleaseEvent } from './ReleaseStore';

type OverrideRow = {
  release_id: string;
  level: string;
  reason: string;
  set_by: string;
  set_at: Date | string | number;
};

const toOverride = (row: OverrideRow): RiskOverride => ({
  level: row.level as RiskLevel,
  reason: row.reason,
  by: row.set_by,
  at: new Date(row.set_at).toISOString(),
});

/**
 * Risk overrides of releases (`release_risk_overrides`). Setting or clearing
 * one appends the release event in the same transaction.
 *
 * @public
 */
export class DatabaseRiskOverrideStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  async getOverrides(releaseIds: string[]): Promise<Map<string, RiskOverride>> {
    const result = new Map<string, RiskOverride>();
    for (let i = 0; i < releaseIds.length; i += 500) {
      const rows = await this.db<OverrideRow>('release_risk_overrides').whereIn(
        'release_id',
        releaseIds.slice(i, i + 500),
      );
      for (const row of rows) result.set(row.release_id, toOverride(row));
    }
    return result;
  }

  /** Sets (`override`) or clears (`null`) the override of a release and appends the event. */
  async setOverride(
    releaseId: string,
    override: RiskOverride | null,
    event: NewReleaseEvent,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('release_risk_overrides')
        .where({ release_id: releaseId })
        .delete();
      if (override) {
        await tx('release_risk_overrides').insert({
          release_id: releaseId,
          level: override.level,
          reason: override.reason,
          set_by: override.by,
          set_at: new Date(override.at),
        });
      }
      await insertReleaseEvent(tx, releaseId, event);
    });
  }
}

/**
 * What services may use of the riskoverride store.
 *
 * @public
 */
export type RiskOverrideStore = Pick<
  DatabaseRiskOverrideStore,
  keyof DatabaseRiskOverrideStore
>;
