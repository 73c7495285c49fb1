import { z } from 'zod';
import type { ImpactVia } from './impact';
import type { RequiredApproval } from './approvals';
import { groupRefSchema, queryIntegerSchema } from './schemas';
import type { ReleaseState } from './types';
import type { ApprovalInboxItem } from './generated/openapi';

export type { ApprovalInboxItem };

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
 * Query of `GET /approvals/inbox`: the page size, the cursor of the previous
 * page and, on a group's page, the group whose decisions to list.
 *
 * @public
 */
export const approvalInboxQuerySchema = z.strictObject({
  limit: queryIntegerSchema(1, MAX_APPROVAL_INBOX_PAGE).default(20),
  cursor: z.string().min(1).max(500).optional(),
  groupRef: groupRefSchema.optional(),
});

/** A checked query of `GET /approvals/inbox`. @public */
export type ApprovalInboxQuery = z.output<typeof approvalInboxQuerySchema>;

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
