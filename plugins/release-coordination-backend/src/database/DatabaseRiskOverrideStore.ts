import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  RiskLevel,
  RiskOverride,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { connect } from './connect';
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
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseRiskOverrideStore> {
    return new DatabaseRiskOverrideStore(await connect(options));
  }

  private constructor(private readonly db: Knex) {}

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
