import { ROLLBACK_DECIDERS } from '@internal/plugin-release-coordination-common';
import { InputError } from '@backstage/errors';
import { ApprovalPolicy } from '../approvals/approvalRules';
import type { ServiceDependencies } from '../createServices';
import { FreezeService } from '../freezes/FreezeService';
import { ImpactService } from '../impact/ImpactService';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import { ReleaseService } from '../releases/ReleaseService';
import { RollbackNotifier } from './RollbackNotifier';
import { RollbackService } from './RollbackService';

/**
 * Builds the rollback service from the other services and
 * `releaseCoordination.rollback.deciders`, guards the rollback transitions
 * and makes the deploy gate refuse entities being rolled back.
 */
export function createRollbackService(
  deps: ServiceDependencies & {
    releases: ReleaseService;
    freezes: FreezeService;
    impact: ImpactService;
    notifier: ReleaseNotifier;
    approvalPolicy: ApprovalPolicy;
  },
): RollbackService {
  const deciders =
    deps.config.getOptionalString('releaseCoordination.rollback.deciders') ??
    'owners';
  if (!(ROLLBACK_DECIDERS as readonly string[]).includes(deciders)) {
    throw new InputError(
      `releaseCoordination.rollback.deciders must be one of ${ROLLBACK_DECIDERS.join(
        ', ',
      )}, not "${deciders}"`,
    );
  }
  const rollbacks = new RollbackService({
    releases: deps.releases,
    store: deps.stores.rollbackStore,
    notifier: new RollbackNotifier({
      notifier: deps.notifier,
      impact: deps.impact,
      releaseManagerGroup: deps.approvalPolicy.releaseManagerGroup,
      logger: deps.logger,
    }),
    auditor: deps.auditor,
    deciders: deciders as (typeof ROLLBACK_DECIDERS)[number],
    triggers: {
      criterionIds: async releaseId =>
        (await deps.stores.verificationStore.listCriteria(releaseId)).map(
          c => c.id,
        ),
      issueIds: async releaseId =>
        (await deps.stores.releaseIssueStore.issuesOf([releaseId])).map(
          i => i.id,
        ),
    },
    now: deps.now,
  });
  rollbacks.register();
  deps.freezes.addGateCheck(entityRef => rollbacks.gateReasons(entityRef));
  return rollbacks;
}
