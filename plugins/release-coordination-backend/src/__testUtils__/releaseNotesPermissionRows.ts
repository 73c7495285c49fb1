/*
 * Test-only: the permission-matrix rows of the release notes operations and
 * the fixtures that prepare their requests (see permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';
import type { PortalTestBackend } from './portalTestBackend';
import { everyone, ownersAndReleaseManagers } from './matrixExpectations';

/** The rows of the release notes operations: reading follows the release, editing its changes. */
export const RELEASE_NOTES_PERMISSION_ROWS: readonly PermissionMatrixRow[] = [
  {
    operationId: 'GetReleaseNotes',
    method: 'GET',
    path: '/releases/{id}/notes',
    expected: everyone(200),
  },
  {
    operationId: 'GetReleaseNotes',
    method: 'GET',
    path: '/releases/{id}/notes',
    case: 'draft',
    // a draft: its owning group sees it, for everyone else it does not exist
    expected: { ...everyone(404), owner: 200 },
  },
  {
    operationId: 'SaveReleaseNotes',
    method: 'PUT',
    path: '/releases/{id}/notes',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'PreviewReleaseAnnouncements',
    method: 'GET',
    path: '/releases/{id}/announcements/preview',
    expected: everyone(200),
  },
];

/** What the release notes fixtures need of the matrix test. */
interface FixtureHelpers {
  /** A planned release of checkout-service, created by olivia. */
  plannedRelease(backend: PortalTestBackend): Promise<{ id: string }>;
  /** A draft of checkout-team, created by olivia. */
  draftRelease(backend: PortalTestBackend): Promise<{ id: string }>;
}

/** The fixtures of {@link RELEASE_NOTES_PERMISSION_ROWS}, by row key. */
export function releaseNotesFixtures({
  plannedRelease,
  draftRelease,
}: FixtureHelpers) {
  const onRelease = async (backend: PortalTestBackend) => ({
    params: { id: (await plannedRelease(backend)).id },
  });
  return {
    GetReleaseNotes: async (backend: PortalTestBackend) => ({
      ...(await onRelease(backend)),
      query: { audience: 'business', format: 'html' },
    }),
    'GetReleaseNotes (draft)': async (backend: PortalTestBackend) => ({
      params: { id: (await draftRelease(backend)).id },
    }),
    SaveReleaseNotes: async (backend: PortalTestBackend) => ({
      ...(await onRelease(backend)),
      body: { audience: 'business', markdown: 'Faster checkout.', revision: 0 },
    }),
    PreviewReleaseAnnouncements: onRelease,
  };
}
