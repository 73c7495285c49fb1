import { CatalogModel } from './catalogGraph/CatalogModel';
import { ApprovalPolicy } from './approvals/approvalRules';
import type { ServiceDependencies } from './createServices';
import { FreezeService } from './freezes/FreezeService';
import { ImpactService } from './impact/ImpactService';
import { ReleaseNotifier } from './notifications/ReleaseNotifier';
import { ReadinessService } from './readiness/ReadinessService';
import { wireReleaseIssues } from './releaseIssues/wireReleaseIssues';
import { ReleaseService } from './releases/ReleaseService';
import { createRollbackService } from './rollback/createRollbackService';
import { createVerification } from './verification/createVerification';
import { verificationReadiness } from './verification/verificationReadiness';
import { createReviews } from './reviews/createReviews';
import { createReleaseNotes } from './releaseNotes/createReleaseNotes';

/**
 * The services of what happens after go-live, hooked into the release
 * lifecycle: success criteria and verification, release issues with their
 * escalation rules, rollbacks and post-release reviews.
 */
export function createAfterGoLiveServices(
  deps: ServiceDependencies,
  core: {
    releases: ReleaseService;
    catalog: CatalogModel;
    readiness: ReadinessService;
    notifier: ReleaseNotifier;
    freezes: FreezeService;
    impact: ImpactService;
    approvalPolicy: ApprovalPolicy;
  },
) {
  core.readiness.addContributor(
    verificationReadiness(deps.stores.verificationStore),
  );
  const issueServices = wireReleaseIssues({ ...deps, ...core });
  return {
    ...createReleaseNotes(deps, core),
    verification: createVerification(deps, core),
    ...issueServices,
    reviews: createReviews(deps, { ...core, issues: issueServices.issues }),
    rollbacks: createRollbackService({
      ...deps,
      releases: core.releases,
      freezes: core.freezes,
      impact: core.impact,
      notifier: core.notifier,
      approvalPolicy: core.approvalPolicy,
    }),
  };
}
