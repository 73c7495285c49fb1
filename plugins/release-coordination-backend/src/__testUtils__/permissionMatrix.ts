/*
 * The permission matrix of the HTTP API: for every operation of
 * src/schema/openapi.yaml, the status each of the five kinds of user of the
 * portal test backend gets. src/service/permissionMatrix.test.ts checks every
 * cell against the running plugin and that the root README prints exactly
 * this table (scripts/permission-matrix.ts writes it there).
 */
import { resolve } from 'node:path';
import { ISSUE_PERMISSION_ROWS } from './issuePermissionRows';
import { ROLLBACK_PERMISSION_ROWS } from './rollbackPermissionRows';
import { REVIEW_PERMISSION_ROWS } from './reviewPermissionRows';
import { RELEASE_NOTES_PERMISSION_ROWS } from './releaseNotesPermissionRows';
import { METRICS_PERMISSION_ROWS } from './metricsPermissionRows';
import { ANNOTATION_PERMISSION_ROWS } from './annotationPermissionRows';
import { APPROVAL_INBOX_PERMISSION_ROWS } from './approvalInboxPermissionRows';
import { everyone, ownersAndReleaseManagers } from './matrixExpectations';
import { Role } from './portalTestBackend';
import { VERIFICATION_MATRIX_ROWS } from './verificationMatrix';

/** The five kinds of user of the matrix, in column order. */
export const MATRIX_ROLES: readonly Role[] = [
  'owner',
  'otherTeam',
  'platformAdmin',
  'releaseManager',
  'noGroup',
];

/** One request of the matrix and the status each kind of user gets. */
export interface PermissionMatrixRow {
  /** The `operationId` in the OpenAPI document. */
  operationId: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The path as the OpenAPI document writes it. */
  path: string;
  /** What differs from the usual fixture, for a second row of an operation. */
  case?: string;
  expected: Record<Role, number>;
}

const COLUMN_TITLES: Record<Role, string> = {
  owner: 'owner member (alice)',
  otherTeam: 'other team (bob)',
  platformAdmin: 'platform admin (carol)',
  releaseManager: 'release manager (rita)',
  noGroup: 'in no group (nora)',
};

/** Platform admins get `status`, others 403. */
const platformAdmins = (status: number) => ({
  ...everyone(403),
  platformAdmin: status,
});

/** A draft: its owning group sees it, for everyone else it does not exist. */
const draftOwners = (status: number) => ({ ...everyone(404), owner: status });

/** Where an operation has several rows, `case` tells them apart. */
export function rowKey(row: PermissionMatrixRow): string {
  return row.case ? `${row.operationId} (${row.case})` : row.operationId;
}

/**
 * The expected status of every operation for every kind of user. Unless a
 * row's `case` says otherwise, the release is a planned `normal` release of
 * checkout-service, owned by checkout-team and created by another of its
 * members (olivia), so that alice acts as an owner but not as its creator.
 */
export const PERMISSION_MATRIX: readonly PermissionMatrixRow[] = [
  {
    operationId: 'GetHealth',
    method: 'GET',
    path: '/health',
    expected: everyone(200),
  },
  {
    operationId: 'ListReleases',
    method: 'GET',
    path: '/releases',
    expected: everyone(200),
  },
  {
    operationId: 'CreateRelease',
    method: 'POST',
    path: '/releases',
    expected: { ...everyone(201), noGroup: 403 },
  },
  {
    operationId: 'CreateRelease',
    method: 'POST',
    path: '/releases',
    case: 'for checkout-team',
    expected: { ...everyone(403), owner: 201 },
  },
  {
    operationId: 'GetRelease',
    method: 'GET',
    path: '/releases/{id}',
    expected: everyone(200),
  },
  {
    operationId: 'GetRelease',
    method: 'GET',
    path: '/releases/{id}',
    case: 'draft',
    expected: draftOwners(200),
  },
  {
    operationId: 'GetRelease',
    method: 'GET',
    path: '/releases/{id}',
    case: 'draft offered to payments-team',
    expected: { ...draftOwners(200), otherTeam: 200 },
  },
  {
    operationId: 'UpdateRelease',
    method: 'PATCH',
    path: '/releases/{id}',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'UpdateRelease',
    method: 'PATCH',
    path: '/releases/{id}',
    case: 'draft',
    expected: draftOwners(200),
  },
  {
    operationId: 'TransitionRelease',
    method: 'POST',
    path: '/releases/{id}/transition',
    case: 'to approved, alice approved',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'OfferReleaseHandover',
    method: 'POST',
    path: '/releases/{id}/handover',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'CancelReleaseHandover',
    method: 'DELETE',
    path: '/releases/{id}/handover',
    case: 'offered to payments-team',
    expected: { ...ownersAndReleaseManagers(200), otherTeam: 200 },
  },
  {
    operationId: 'AcceptReleaseHandover',
    method: 'POST',
    path: '/releases/{id}/handover/accept',
    case: 'offered to payments-team',
    expected: { ...everyone(403), otherTeam: 200 },
  },
  {
    operationId: 'ListStandardChanges',
    method: 'GET',
    path: '/standard-changes',
    expected: everyone(200),
  },
  {
    operationId: 'ListReleaseEvents',
    method: 'GET',
    path: '/releases/{id}/events',
    expected: everyone(200),
  },
  {
    operationId: 'GetReleaseApprovals',
    method: 'GET',
    path: '/releases/{id}/approvals',
    expected: everyone(200),
  },
  {
    operationId: 'DecideReleaseApproval',
    method: 'POST',
    path: '/releases/{id}/approvals',
    expected: { ...everyone(403), owner: 201 },
  },
  {
    operationId: 'WithdrawReleaseApproval',
    method: 'DELETE',
    path: '/releases/{id}/approvals/{groupRef}',
    case: 'alice approved for checkout-team',
    expected: { ...everyone(403), owner: 200 },
  },
  {
    operationId: 'ListReadinessVerdicts',
    method: 'GET',
    path: '/readiness',
    expected: everyone(200),
  },
  {
    operationId: 'GetReleaseReadiness',
    method: 'GET',
    path: '/releases/{id}/readiness',
    expected: everyone(200),
  },
  {
    operationId: 'CheckReadinessItem',
    method: 'POST',
    path: '/releases/{id}/readiness/items/{itemId}',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'ListFreezes',
    method: 'GET',
    path: '/freezes',
    expected: everyone(200),
  },
  {
    operationId: 'CreateFreeze',
    method: 'POST',
    path: '/freezes',
    expected: platformAdmins(201),
  },
  {
    operationId: 'GetFreeze',
    method: 'GET',
    path: '/freezes/{id}',
    expected: everyone(200),
  },
  {
    operationId: 'UpdateFreeze',
    method: 'PATCH',
    path: '/freezes/{id}',
    expected: platformAdmins(200),
  },
  {
    operationId: 'DeleteFreeze',
    method: 'DELETE',
    path: '/freezes/{id}',
    expected: platformAdmins(204),
  },
  {
    operationId: 'EndFreeze',
    method: 'POST',
    path: '/freezes/{id}/end',
    expected: platformAdmins(200),
  },
  {
    operationId: 'ListFreezeOccurrences',
    method: 'GET',
    path: '/freeze-occurrences',
    expected: everyone(200),
  },
  {
    operationId: 'OverrideFreezes',
    method: 'POST',
    path: '/releases/{id}/freeze-override',
    expected: { ...ownersAndReleaseManagers(200), platformAdmin: 200 },
  },
  {
    operationId: 'OverrideFreezes',
    method: 'POST',
    path: '/releases/{id}/freeze-override',
    case: 'also of payments-service',
    expected: { ...everyone(403), platformAdmin: 200, releaseManager: 200 },
  },
  {
    operationId: 'ClearFreezeOverride',
    method: 'DELETE',
    path: '/releases/{id}/freeze-override',
    case: 'overridden',
    expected: { ...ownersAndReleaseManagers(200), platformAdmin: 200 },
  },
  {
    operationId: 'PlanImpact',
    method: 'POST',
    path: '/impact',
    expected: everyone(200),
  },
  {
    operationId: 'ListUpcomingImpact',
    method: 'GET',
    path: '/impact/upcoming',
    expected: everyone(200),
  },
  {
    operationId: 'GetReleaseImpact',
    method: 'GET',
    path: '/releases/{id}/impact',
    expected: everyone(200),
  },
  {
    operationId: 'OverrideRisk',
    method: 'POST',
    path: '/releases/{id}/risk-override',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'ClearRiskOverride',
    method: 'DELETE',
    path: '/releases/{id}/risk-override',
    case: 'overridden',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'ListConflicts',
    method: 'GET',
    path: '/conflicts',
    expected: everyone(200),
  },
  {
    operationId: 'SuggestSlots',
    method: 'GET',
    path: '/slots',
    expected: everyone(200),
  },
  {
    operationId: 'GetDeployGate',
    method: 'GET',
    path: '/gate',
    expected: everyone(200),
  },
  {
    operationId: 'ListTrains',
    method: 'GET',
    path: '/trains',
    expected: everyone(200),
  },
  {
    operationId: 'CreateTrain',
    method: 'POST',
    path: '/trains',
    expected: platformAdmins(201),
  },
  {
    operationId: 'GetTrain',
    method: 'GET',
    path: '/trains/{id}',
    expected: everyone(200),
  },
  {
    operationId: 'UpdateTrain',
    method: 'PATCH',
    path: '/trains/{id}',
    expected: platformAdmins(200),
  },
  {
    operationId: 'DeleteTrain',
    method: 'DELETE',
    path: '/trains/{id}',
    expected: platformAdmins(204),
  },
  {
    operationId: 'ListTrainSlots',
    method: 'GET',
    path: '/trains/{id}/slots',
    expected: everyone(200),
  },
  {
    operationId: 'GetTrainStats',
    method: 'GET',
    path: '/trains/{id}/stats',
    expected: everyone(200),
  },
  {
    operationId: 'BookTrainSlot',
    method: 'POST',
    path: '/releases/{id}/train-slot',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'UnbookTrainSlot',
    method: 'DELETE',
    path: '/releases/{id}/train-slot',
    case: 'booked',
    expected: ownersAndReleaseManagers(204),
  },
  {
    operationId: 'GetCalendar',
    method: 'GET',
    path: '/calendar.ics',
    expected: everyone(200),
  },
  {
    operationId: 'ListCalendarFeeds',
    method: 'GET',
    path: '/calendar-feeds',
    expected: everyone(200),
  },
  {
    operationId: 'CreateCalendarFeed',
    method: 'POST',
    path: '/calendar-feeds',
    expected: everyone(201),
  },
  {
    operationId: 'DeleteCalendarFeed',
    method: 'DELETE',
    path: '/calendar-feeds/{id}',
    case: 'own feed',
    expected: everyone(204),
  },
  {
    operationId: 'DeleteCalendarFeed',
    method: 'DELETE',
    path: '/calendar-feeds/{id}',
    case: "olivia's feed",
    expected: everyone(404),
  },
  {
    operationId: 'GetCalendarFeed',
    method: 'GET',
    path: '/calendar-feeds/{id}/calendar.ics',
    case: 'own feed, its token',
    expected: everyone(200),
  },
  {
    operationId: 'GetCalendarFeed',
    method: 'GET',
    path: '/calendar-feeds/{id}/calendar.ics',
    case: "olivia's feed, its token",
    expected: everyone(200),
  },
  {
    operationId: 'GetCalendarFeed',
    method: 'GET',
    path: '/calendar-feeds/{id}/calendar.ics',
    case: 'own feed, wrong token',
    expected: everyone(404),
  },
  ...VERIFICATION_MATRIX_ROWS,
  ...ISSUE_PERMISSION_ROWS,
  ...ROLLBACK_PERMISSION_ROWS,
  ...REVIEW_PERMISSION_ROWS,
  ...RELEASE_NOTES_PERMISSION_ROWS,
  ...METRICS_PERMISSION_ROWS,
  ...ANNOTATION_PERMISSION_ROWS,
  ...APPROVAL_INBOX_PERMISSION_ROWS,
];

/**
 * The matrix as a Markdown table, with a last line counting its cases; the
 * root README's "Security" section prints exactly this.
 */
export function renderPermissionMatrix(
  rows: readonly PermissionMatrixRow[] = PERMISSION_MATRIX,
): string {
  const operations = new Set(rows.map(r => r.operationId)).size;
  return [
    `| operation | request | ${MATRIX_ROLES.map(r => COLUMN_TITLES[r]).join(
      ' | ',
    )} |`,
    `| --- | --- | ${MATRIX_ROLES.map(() => '---').join(' | ')} |`,
    ...rows.map(
      row =>
        `| ${row.operationId}${row.case ? ` (${row.case})` : ''} | \`${
          row.method
        } ${row.path}\` | ${MATRIX_ROLES.map(r => row.expected[r]).join(
          ' | ',
        )} |`,
    ),
    '',
    `${operations} operations in ${rows.length} rows × ${
      MATRIX_ROLES.length
    } users = ${rows.length * MATRIX_ROLES.length} cases.`,
  ].join('\n');
}

/** The root README, whose "Security" section prints the matrix. */
export const README_PATH = resolve(__dirname, '../../../../README.md');

const START =
  '<!-- permission-matrix:start (generated by yarn permission-matrix) -->';
const END = '<!-- permission-matrix:end -->';

/** The part of `readme` between the matrix markers, undefined without them. */
export function readmeMatrix(readme: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + START.length, end).trim();
}

/** `readme` with `matrix` between the matrix markers; throws without them. */
export function withReadmeMatrix(readme: string, matrix: string): string {
  if (readmeMatrix(readme) === undefined) {
    throw new Error(`${README_PATH} has no "${START}" … "${END}" markers`);
  }
  const before = readme.slice(0, readme.indexOf(START) + START.length);
  return `${before}\n\n${matrix}\n\n${readme.slice(readme.indexOf(END))}`;
}
