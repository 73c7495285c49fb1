import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_IMPACT_DEPTH,
  MAX_IMPACT_DEPTH,
  ImpactInput,
  ImpactReport,
  Release,
  ReleaseChange,
  RiskAssessment,
  RiskLevel,
  UpcomingImpactItem,
  UpcomingImpactQuery,
} from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ConflictService } from '../conflicts/ConflictService';
import { RiskOverrideStore } from '../database/DatabaseRiskOverrideStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { FreezeService } from '../freezes/FreezeService';
import { ReleaseService } from '../releases/ReleaseService';
import {
  analyseImpact,
  Analysis,
  candidateRefs,
  graphRiskInput,
} from './analysis';
import { assessRisk, DEFAULT_RISK_CONFIG, RiskConfig } from './assessRisk';
import { ReleaseRiskAssessor } from './ReleaseRiskAssessor';
import { buildReport } from './report/buildReport';
import { RiskOverrides } from './RiskOverrides';
import { UpcomingImpact } from './UpcomingImpact';
import { visibleRefs } from './visibleRefs';
import { UserCredentials } from '../credentials';

/**
 * Impact of releases and plans on the catalog, their risk, risk overrides
 * and the upcoming releases touching a system, domain or entity.
 *
 * @public
 */
export class ImpactService {
  private readonly catalog: CatalogModel;
  private readonly releases: ReleaseService;
  private readonly riskConfig: RiskConfig;
  private readonly defaultMaxDepth: number;
  private readonly risk: ReleaseRiskAssessor;
  private readonly riskOverrides: RiskOverrides;
  private readonly upcomingImpact: UpcomingImpact;

  constructor(options: {
    catalog: CatalogModel;
    releases: ReleaseService;
    store: ReleaseStore;
    overrides: RiskOverrideStore;
    conflicts?: ConflictService;
    freezes?: FreezeService;
    riskConfig?: RiskConfig;
    defaultMaxDepth?: number;
    now?: () => Date;
  }) {
    const { catalog, releases, store, overrides } = options;
    this.catalog = catalog;
    this.releases = releases;
    this.riskConfig = options.riskConfig ?? DEFAULT_RISK_CONFIG;
    this.defaultMaxDepth = options.defaultMaxDepth ?? DEFAULT_IMPACT_DEPTH;
    if (
      !Number.isInteger(this.defaultMaxDepth) ||
      this.defaultMaxDepth < 1 ||
      this.defaultMaxDepth > MAX_IMPACT_DEPTH
    ) {
      throw new Error(
        `releaseCoordination.impact.maxDepth must be an integer from 1 to ${MAX_IMPACT_DEPTH}`,
      );
    }
    const now = options.now ?? (() => new Date());
    const { riskConfig, defaultMaxDepth } = this;
    this.risk = new ReleaseRiskAssessor({
      store,
      overrides,
      conflicts: options.conflicts,
      freezes: options.freezes,
      riskConfig,
      defaultMaxDepth,
      now,
    });
    const risk = this.risk;
    this.riskOverrides = new RiskOverrides({
      catalog,
      releases,
      overrides,
      risk,
      defaultMaxDepth,
      now,
    });
    this.upcomingImpact = new UpcomingImpact({
      catalog,
      releases,
      store,
      risk,
      defaultMaxDepth,
      now,
    });
  }

  /** The impact of a plan not saved yet; refs the caller cannot see in the catalog are a 400. */
  async planImpact(
    input: ImpactInput,
    credentials: UserCredentials,
  ): Promise<ImpactReport> {
    const analysis = await this.analyse(
      input.entityRefs,
      input.changes,
      input.maxDepth,
    );
    const risk = assessRisk(
      graphRiskInput(analysis, input.changes),
      this.riskConfig,
    );
    const changeRefs = input.changes.flatMap((change, i) =>
      change.entityRef ? [{ i, ref: change.entityRef }] : [],
    );
    const visible = await visibleRefs(
      this.catalog,
      [...candidateRefs(analysis), ...changeRefs.map(c => c.ref)],
      credentials,
    );
    const unknown = changeRefs.filter(c => !visible.has(c.ref));
    if (unknown.length > 0) {
      throw new InputError(
        unknown
          .map(c => `changes.${c.i}.entityRef: ${c.ref} is not in the catalog`)
          .join('; '),
      );
    }
    return buildReport(analysis, risk, visible, { strict: true });
  }

  /** The impact and risk of a stored release, given as read already or by its id. */
  async releaseImpact(
    releaseOrId: Release | string,
    maxDepth: number | undefined,
    credentials: BackstageCredentials,
  ): Promise<ImpactReport> {
    const release =
      typeof releaseOrId === 'string'
        ? await this.releases.getRelease(releaseOrId)
        : releaseOrId;
    const analysis = await this.analyse(
      release.entityRefs,
      release.changes,
      maxDepth,
    );
    // the read check and the risk inputs do not depend on each other
    const [visible, risk] = await Promise.all([
      visibleRefs(this.catalog, candidateRefs(analysis), credentials),
      this.risk.releaseRisk(release, analysis, credentials),
    ]);
    return buildReport(analysis, risk, visible, { strict: false });
  }

  /** Sets the risk level of a release instead of the computed one; owners only, recorded in its history. */
  setRiskOverride(
    id: string,
    input: { level: RiskLevel; reason: string },
    credentials: UserCredentials,
  ): Promise<RiskAssessment> {
    return this.riskOverrides.setRiskOverride(id, input, credentials);
  }

  /** Removes the risk override of a release; returns the risk unchanged if it has none. */
  clearRiskOverride(
    id: string,
    credentials: UserCredentials,
  ): Promise<RiskAssessment> {
    return this.riskOverrides.clearRiskOverride(id, credentials);
  }

  /** See {@link UpcomingImpact.upcoming}. */
  upcoming(
    query: UpcomingImpactQuery,
    credentials: UserCredentials,
  ): Promise<UpcomingImpactItem[]> {
    return this.upcomingImpact.upcoming(query, credentials);
  }

  private async analyse(
    refs: string[],
    changes: ReleaseChange[],
    maxDepth: number | undefined,
  ): Promise<Analysis> {
    return analyseImpact(
      await this.catalog.graph(),
      refs,
      changes,
      maxDepth ?? this.defaultMaxDepth,
    );
  }
}
