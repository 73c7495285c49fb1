import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Release,
  RiskAssessment,
} from '@internal/plugin-release-coordination-common';
import { CatalogGraph } from '../catalogGraph/CatalogGraph';
import { ConflictService } from '../conflicts/ConflictService';
import { RiskOverrideStore } from '../database/DatabaseRiskOverrideStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { FreezeService } from '../freezes/FreezeService';
import { analyseImpact, Analysis, graphRiskInput } from './analysis';
import { assessRisk, RiskConfig, RiskInput } from './assessRisk';
import { HOUR_MS, DAY_MS } from '../time';

/** A day in milliseconds. */

/**
 * The risk of stored releases: the graph's facts with their rollbacks,
 * conflicts, nearby freezes and risk override.
 */
export class ReleaseRiskAssessor {
  constructor(
    private readonly deps: {
      store: ReleaseStore;
      overrides: RiskOverrideStore;
      conflicts?: ConflictService;
      freezes?: FreezeService;
      riskConfig: RiskConfig;
      defaultMaxDepth: number;
      now: () => Date;
    },
  ) {}

  /** The risk of one release, its impact analysed already. */
  async releaseRisk(
    release: Release,
    analysis: Analysis,
    credentials: BackstageCredentials,
  ): Promise<RiskAssessment> {
    const [facts, overrides] = await Promise.all([
      this.releaseFacts(release, credentials),
      this.deps.overrides.getOverrides([release.id]),
    ]);
    return assessRisk(
      {
        ...graphRiskInput(analysis, release.changes),
        ...facts,
        override: overrides.get(release.id),
      },
      this.deps.riskConfig,
    );
  }

  /** The risk of each release, in order, analysed on the given graph at the default depth. */
  async releaseRisks(
    releases: Release[],
    graph: CatalogGraph,
    credentials: BackstageCredentials,
  ): Promise<RiskAssessment[]> {
    const overrides = await this.deps.overrides.getOverrides(
      releases.map(r => r.id),
    );
    return Promise.all(
      releases.map(async release => {
        const analysis = analyseImpact(
          graph,
          release.entityRefs,
          release.changes,
          this.deps.defaultMaxDepth,
        );
        return assessRisk(
          {
            ...graphRiskInput(analysis, release.changes),
            ...(await this.releaseFacts(release, credentials)),
            override: overrides.get(release.id),
          },
          this.deps.riskConfig,
        );
      }),
    );
  }

  /** Rollbacks, conflicts and freezes near the window, through the stores and services. */
  private async releaseFacts(
    release: Release,
    credentials: BackstageCredentials,
  ): Promise<Partial<RiskInput>> {
    const config = this.deps.riskConfig;
    const now = this.deps.now().getTime();
    const margin = config.freeze.marginHours * HOUR_MS;
    const [rolledBack, conflicts, freezes] = await Promise.all([
      this.deps.store.listReleases({
        entityRefGroups: [release.entityRefs],
        states: ['rolled_back'],
        from: new Date(now - config.rollbacks.days * DAY_MS).toISOString(),
        order: 'desc',
        limit: 50,
      }),
      this.deps.conflicts?.conflictsOf([release], credentials),
      this.deps.freezes?.freezesApplyingTo(
        release.entityRefs,
        {
          start: new Date(
            Date.parse(release.window.start) - margin,
          ).toISOString(),
          end: new Date(Date.parse(release.window.end) + margin).toISOString(),
        },
        credentials,
      ),
    ]);
    return {
      release: {
        type: release.type,
        createdAt: release.createdAt,
        windowStart: release.window.start,
      },
      rollbacks: rolledBack.items
        .filter(r => r.id !== release.id)
        .map(r => r.title),
      ...(conflicts && {
        conflicts: {
          blocking: conflicts.filter(c => c.severity === 'blocking').length,
          warning: conflicts.filter(c => c.severity === 'warning').length,
        },
      }),
      ...(freezes && {
        freezesNearby: [
          ...new Set(
            freezes
              .filter(f => !f.exemptTypes.includes(release.type))
              .map(f => f.title),
          ),
        ],
      }),
    };
  }
}
