import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ImpactReport,
  Release,
  RiskLevel,
} from '@internal/plugin-release-coordination-common';
import { ImpactService } from '../impact/ImpactService';
import { lower, ReleaseAuthority } from '../releases/ReleaseAuthority';
import {
  ApprovalPolicy,
  deriveRequiredApprovals,
  effectiveRule,
  Requirement,
} from './approvalRules';

/** Computed risk levels at which the owners of affected dependents must approve. */
const DEPENDENT_OWNER_RISK_LEVELS: readonly RiskLevel[] = ['high', 'critical'];

/**
 * Which groups a release needs approvals from: derived from the catalog's
 * owners and the policy, and with the impact service the owners of affected
 * dependents of breaking or risky releases.
 */
export class RequiredApprovals {
  constructor(
    private readonly options: {
      authority: ReleaseAuthority;
      policy: ApprovalPolicy;
      impact?: Pick<ImpactService, 'releaseImpact'>;
    },
  ) {}

  /**
   * The groups a release needs approvals from, as the caller sees the
   * catalog; `impactReport` lends the release's impact when the caller has
   * it already.
   */
  async of(
    release: Release,
    credentials: BackstageCredentials,
    impactReport?: () => Promise<ImpactReport>,
  ): Promise<Requirement[]> {
    const rule = effectiveRule(release, this.options.policy.rules);
    if (rule === 'none') {
      const foreign = await this.options.authority.foreignEntities(
        [release.ownerRef],
        release.entityRefs,
        credentials,
      );
      return deriveRequiredApprovals({
        release,
        rule,
        owners: new Map(foreign.map(f => [f.entityRef, f.ownerRef])),
        releaseManagerGroup: this.options.policy.releaseManagerGroup,
        foreignEntityRefs: foreign.map(f => f.entityRef),
      });
    }
    const owners = await this.options.authority.entityOwners(
      release.entityRefs,
      credentials,
    );
    return deriveRequiredApprovals({
      release,
      rule,
      owners,
      releaseManagerGroup: this.options.policy.releaseManagerGroup,
      dependentOwners: await this.dependentOwners(
        release,
        credentials,
        impactReport,
      ),
    });
  }

  /**
   * The owners of affected dependents (not of the release's own entities,
   * nor of the systems and domains that merely contain them),
   * when the release has a breaking change or a computed risk of high or
   * more; none when the policy or the impact service is off.
   */
  private async dependentOwners(
    release: Release,
    credentials: BackstageCredentials,
    impactReport?: () => Promise<ImpactReport>,
  ): Promise<{ groupRef: string; entityRefs: string[] }[]> {
    if (!this.options.policy.dependentOwners || !this.options.impact) return [];
    const report = await (impactReport
      ? impactReport()
      : this.options.impact.releaseImpact(release.id, undefined, credentials));
    const breaking = release.changes.some(c => c.kind === 'breaking');
    if (
      !breaking &&
      !DEPENDENT_OWNER_RISK_LEVELS.includes(report.risk.computedLevel)
    ) {
      return [];
    }
    // Only entities that depend on the release (dependsOn or API consumption)
    // count: the systems and domains containing it are not its dependents.
    const dependents = new Set(
      report.dependents
        .filter(d => d.via !== 'partOf')
        .map(d => lower(d.entityRef)),
    );
    return report.owners
      .map(({ groupRef, entityRefs }) => ({
        groupRef: lower(groupRef),
        entityRefs: entityRefs.filter(ref => dependents.has(lower(ref))),
      }))
      .filter(o => o.entityRefs.length > 0);
  }
}
