import { z } from 'zod';
import type { ReleaseType } from './types';
import {
  ApprovalDecision,
  ReleaseApprovals,
  releaseApprovalsRuleValues,
} from './generated/openapi';

export type { ApprovalDecision, ReleaseApprovals };

/**
 * How a release type is approved: by the owners of its entities, by the
 * release-manager group alone (owners approve afterwards), or not at all.
 *
 * @public
 */
export const APPROVAL_RULES = releaseApprovalsRuleValues;

/** @public */
export type ApprovalRule = (typeof APPROVAL_RULES)[number];

/**
 * The approval rule of each release type unless app-config
 * (`releaseCoordination.approvals.rules.<type>`) says otherwise.
 *
 * @public
 */
export const DEFAULT_APPROVAL_RULES: Record<ReleaseType, ApprovalRule> = {
  standard: 'none',
  normal: 'owners',
  emergency: 'release-manager',
  hotfix: 'owners',
  security: 'owners',
  'out-of-band': 'owners',
};

/**
 * The group that approves emergency releases alone unless app-config
 * (`releaseCoordination.approvals.releaseManagerGroup`) names another.
 *
 * @public
 */
export const DEFAULT_RELEASE_MANAGER_GROUP = 'group:default/release-managers';

/**
 * Days the owners have to approve an emergency release after the release
 * managers approved it alone, unless app-config
 * (`releaseCoordination.approvals.emergencyFollowUp.days`) says otherwise.
 *
 * @public
 */
export const DEFAULT_EMERGENCY_FOLLOW_UP_DAYS = 5;

/** @public */
export type ApprovalDecisionValue = 'approve' | 'reject';

/**
 * Why a group has to approve a release.
 *
 * @public
 */
export type ApprovalReason = 'owner' | 'release-manager' | 'affected-dependent';

/**
 * A group whose approval a release needs, derived from the catalog.
 *
 * @public
 */
export interface RequiredApproval {
  groupRef: string;
  reason: ApprovalReason;
  /**
   * The entities of the release this group owns (empty for the release
   * manager); for `affected-dependent`, the affected dependents it owns.
   */
  entityRefs: string[];
  /** `after`: collected after an emergency release manager's approval, not needed to go ahead. */
  phase: 'before' | 'after';
  /**
   * `pending-after`: still to approve afterwards; `overdue`: that, and the
   * follow-up deadline has passed.
   */
  status: 'approved' | 'rejected' | 'pending' | 'pending-after' | 'overdue';
}

/**
 * Body of `POST /releases/:id/approvals`.
 *
 * @public
 */
export const approvalDecisionRequestSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000).default(''),
});

/** @public */
export type ApprovalDecisionRequest = z.input<
  typeof approvalDecisionRequestSchema
>;
