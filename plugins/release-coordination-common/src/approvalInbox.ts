import { z } from 'zod';
import type { ImpactVia } from './impact';
import type { ReleaseApprovals, RequiredApproval } from './approvals';
import { queryIntegerSchema } from './schemas';
import type { Release, ReleaseState } from './types';

/**
 * States in which the required groups decide on a release (emergency
 * owners decide after the fact).
 *
 * @public
 */
export const DECIDABLE_STATES: readonly ReleaseState[] = [
  'planned',
  'approved',
  'in_progress',
  'released',
];

/**
 * Finished states in which only the groups approving afterwards may still
 * decide.
 *
 * @public
 */
export const AFTER_ONLY_STATES: readonly ReleaseState[] = [
  'verified',
  'rolled_back',
];

/**
 * Most releases one page of `GET /approvals/inbox` lists.
 *
 * @public
 */
export const MAX_APPROVAL_INBOX_PAGE = 50;

/**
 * Query of `GET /approvals/inbox`: the page size and the cursor of the
 * previous page.
 *
 * @public
 */
export const approvalInboxQuerySchema = z.strictObject({
  limit: queryIntegerSchema(1, MAX_APPROVAL_INBOX_PAGE).default(20),
  cursor: z.string().min(1).max(500).optional(),
});

/**
 * How an affected dependent of one of the caller's groups is reached from
 * the release: the refs from a changed entity to the dependent.
 *
 * @public
 */
export interface ApprovalInboxPath {
  entityRef: string;
  path: string[];
  via: ImpactVia;
}

/**
 * One of the caller's groups that still has to decide on a release, with the
 * entities it decides for and, for affected dependents, how they are reached.
 *
 * @public
 */
export interface ApprovalInboxGroup extends RequiredApproval {
  /** For `affected-dependent`: one dependency path per affected entity of the group. */
  paths: ApprovalInboxPath[];
}

/**
 * A release waiting for a decision of one of the caller's groups.
 *
 * @public
 */
export interface ApprovalInboxItem {
  release: Release;
  /** The release's approvals in their current round, with what the caller may decide. */
  approvals: ReleaseApprovals;
  /** The caller's groups that still have to decide. */
  groups: ApprovalInboxGroup[];
  /**
   * By when the decision is needed: the window start for approvals before
   * the release, the follow-up deadline for approvals afterwards (absent
   * while it is not set).
   */
  deadline?: string;
}
