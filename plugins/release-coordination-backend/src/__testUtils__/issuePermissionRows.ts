/*
 * Test-only: the permission matrix rows of the release issue operations
 * (see permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';

const all = (status: number) => ({
  owner: status,
  otherTeam: status,
  platformAdmin: status,
  releaseManager: status,
  noGroup: status,
});

/** A draft: its owning group sees it, for everyone else it does not exist. */
const draftOwners = (status: number) => ({ ...all(404), owner: status });

/** The rows of the release issue operations. */
export const ISSUE_PERMISSION_ROWS: PermissionMatrixRow[] = [
  // release issues: anyone who sees the release records; the issue owner
  // (here payments-team), the owning group and release managers change
  {
    operationId: 'ListReleaseIssues',
    method: 'GET',
    path: '/releases/{id}/issues',
    expected: all(200),
  },
  {
    operationId: 'ListReleaseIssues',
    method: 'GET',
    path: '/releases/{id}/issues',
    case: 'draft',
    expected: draftOwners(200),
  },
  {
    operationId: 'RecordReleaseIssue',
    method: 'POST',
    path: '/releases/{id}/issues',
    expected: all(201),
  },
  {
    operationId: 'RecordReleaseIssue',
    method: 'POST',
    path: '/releases/{id}/issues',
    case: 'draft',
    expected: draftOwners(201),
  },
  {
    operationId: 'ListIssues',
    method: 'GET',
    path: '/issues',
    expected: all(200),
  },
  {
    operationId: 'GetIssue',
    method: 'GET',
    path: '/issues/{issueId}',
    expected: all(200),
  },
  {
    operationId: 'GetIssue',
    method: 'GET',
    path: '/issues/{issueId}',
    case: 'of a draft',
    expected: draftOwners(200),
  },
  {
    operationId: 'UpdateIssue',
    method: 'PATCH',
    path: '/issues/{issueId}',
    case: 'owned by payments-team',
    expected: {
      ...{ ...all(403), owner: 200, releaseManager: 200 },
      otherTeam: 200,
    },
  },
];
