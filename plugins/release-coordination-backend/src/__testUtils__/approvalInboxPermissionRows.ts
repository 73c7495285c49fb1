/*
 * Test-only: the permission-matrix rows of the approval inbox and the
 * fixtures that prepare their requests (see permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';
import { everyone } from './matrixExpectations';

/** The rows of the approval inbox: every user reads their own (what they see differs). */
export const APPROVAL_INBOX_PERMISSION_ROWS: readonly PermissionMatrixRow[] = [
  {
    operationId: 'GetApprovalInbox',
    method: 'GET',
    path: '/approvals/inbox',
    case: 'a page of 10',
    expected: everyone(200),
  },
];

/** The fixtures of {@link APPROVAL_INBOX_PERMISSION_ROWS}, by row key. */
export function approvalInboxFixtures() {
  return {
    'GetApprovalInbox (a page of 10)': async () => ({ query: { limit: '10' } }),
  };
}
