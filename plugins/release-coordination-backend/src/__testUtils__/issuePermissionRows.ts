/*
 * Test-only: the permission matrix rows of the release issue operations
 * (see permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';
import { everyone } from './matrixExpectations';
import { CO_OWNER, type PortalTestBackend } from './portalTestBackend';

const PAYMENTS_TEAM = 'group:default/payments-team';

/** A draft: its owning group sees it, for everyone else it does not exist. */
const draftOwners = (status: number) => ({ ...everyone(404), owner: status });

/** The rows of the release issue operations. */
export const ISSUE_PERMISSION_ROWS: PermissionMatrixRow[] = [
  // release issues: anyone who sees the release records; the issue owner
  // (here payments-team), the owning group and release managers change
  {
    operationId: 'ListReleaseIssues',
    method: 'GET',
    path: '/releases/{id}/issues',
    expected: everyone(200),
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
    expected: everyone(201),
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
    expected: everyone(200),
  },
  {
    operationId: 'GetIssue',
    method: 'GET',
    path: '/issues/{issueId}',
    expected: everyone(200),
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
      ...{ ...everyone(403), owner: 200, releaseManager: 200 },
      otherTeam: 200,
    },
  },
];

/** What the issue fixtures need of the matrix test. */
interface FixtureHelpers {
  /** A planned release of checkout-service, created by olivia. */
  plannedRelease(backend: PortalTestBackend): Promise<{ id: string }>;
  /** A draft release of checkout-service, created by olivia. */
  draftRelease(backend: PortalTestBackend): Promise<{ id: string }>;
  expectStatus(
    res: { status: number; body: any },
    status: number,
    step: string,
  ): any;
}

/** The fixtures of {@link ISSUE_PERMISSION_ROWS}, by row key. */
export function issueFixtures(helpers: FixtureHelpers) {
  const { plannedRelease, draftRelease, expectStatus } = helpers;
  const body = { title: 'Checkout errors', severity: 'sev2' };
  /** A sev2 issue owned by payments-team that olivia recorded on a new planned release (or draft). */
  const issue = async (backend: PortalTestBackend, state?: 'draft') => {
    const { id } = await (state ? draftRelease : plannedRelease)(backend);
    const res = await backend
      .as(CO_OWNER)
      .post(`/releases/${id}/issues`)
      .send({ title: 'Bug', severity: 'sev2', ownerRef: PAYMENTS_TEAM });
    const { id: issueId, revision } = expectStatus(res, 201, 'record issue');
    return { issueId: issueId as string, revision: revision as number };
  };
  const onRelease = async (backend: PortalTestBackend) => ({
    params: { id: (await plannedRelease(backend)).id },
  });
  const onDraft = async (backend: PortalTestBackend) => ({
    params: { id: (await draftRelease(backend)).id },
  });
  return {
    ListReleaseIssues: onRelease,
    'ListReleaseIssues (draft)': onDraft,
    RecordReleaseIssue: async (backend: PortalTestBackend) => ({
      ...(await onRelease(backend)),
      body,
    }),
    'RecordReleaseIssue (draft)': async (backend: PortalTestBackend) => ({
      ...(await onDraft(backend)),
      body,
    }),
    ListIssues: async () => ({ query: { status: 'open' } }),
    GetIssue: async (backend: PortalTestBackend) => ({
      params: { issueId: (await issue(backend)).issueId },
    }),
    'GetIssue (of a draft)': async (backend: PortalTestBackend) => ({
      params: { issueId: (await issue(backend, 'draft')).issueId },
    }),
    'UpdateIssue (owned by payments-team)': async (
      backend: PortalTestBackend,
    ) => {
      const { issueId, revision } = await issue(backend);
      return { params: { issueId }, body: { revision, status: 'resolved' } };
    },
  };
}
