import { ConflictError } from '@backstage/errors';
import {
  ACTIVE_RELEASE_STATES,
  Release,
  RiskAssessment,
  RiskLevel,
} from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { RiskOverrideStore } from '../database/DatabaseRiskOverrideStore';
import { NewReleaseEvent } from '../database/ReleaseStore';
import { ReleaseService } from '../releases/ReleaseService';
import { analyseImpact } from './analysis';
import { ReleaseRiskAssessor } from './ReleaseRiskAssessor';
import { UserCredentials } from '../credentials';

/** Risk levels set by a release's owners instead of the computed one, recorded in its history. */
export class RiskOverrides {
  constructor(
    private readonly deps: {
      catalog: CatalogModel;
      releases: ReleaseService;
      overrides: RiskOverrideStore;
      risk: ReleaseRiskAssessor;
      defaultMaxDepth: number;
      now: () => Date;
    },
  ) {}

  /** Sets the risk level of a release instead of the computed one; owners only, recorded in its history. */
  async setRiskOverride(
    id: string,
    input: { level: RiskLevel; reason: string },
    credentials: UserCredentials,
  ): Promise<RiskAssessment> {
    const { release, before } = await this.changeableRisk(id, credentials);
    const override = {
      level: input.level,
      reason: input.reason,
      by: credentials.principal.userEntityRef,
      at: this.deps.now().toISOString(),
    };
    const event: NewReleaseEvent = {
      action: 'risk-overridden',
      actorRef: override.by,
      createdAt: override.at,
      changes: [
        { field: 'riskLevel', before: before.level, after: input.level },
      ],
      reason: input.reason,
    };
    await this.deps.overrides.setOverride(id, override, event);
    await this.deps.releases.recordChange(release, event, credentials);
    return { ...before, level: input.level, override };
  }

  /** Removes the risk override of a release; returns the risk unchanged if it has none. */
  async clearRiskOverride(
    id: string,
    credentials: UserCredentials,
  ): Promise<RiskAssessment> {
    const { release, before } = await this.changeableRisk(id, credentials);
    if (!before.override) return before;
    const { override: _, ...rest } = before;
    const event: NewReleaseEvent = {
      action: 'risk-override-cleared',
      actorRef: credentials.principal.userEntityRef,
      createdAt: this.deps.now().toISOString(),
      changes: [
        { field: 'riskLevel', before: before.level, after: rest.computedLevel },
      ],
    };
    await this.deps.overrides.setOverride(release.id, null, event);
    await this.deps.releases.recordChange(release, event, credentials);
    return { ...rest, level: rest.computedLevel };
  }

  /** The release, if the user may change it and it is still active, with its risk now. */
  private async changeableRisk(
    id: string,
    credentials: UserCredentials,
  ): Promise<{ release: Release; before: RiskAssessment }> {
    const release = await this.deps.releases.getRelease(id);
    await this.deps.releases.authorizeChange(release, credentials);
    if (!ACTIVE_RELEASE_STATES.includes(release.state)) {
      throw new ConflictError(
        `Release in state "${release.state}" can no longer be changed`,
      );
    }
    const analysis = analyseImpact(
      await this.deps.catalog.graph(),
      release.entityRefs,
      release.changes,
      this.deps.defaultMaxDepth,
    );
    return {
      release,
      before: await this.deps.risk.releaseRisk(release, analysis, credentials),
    };
  }
}
