/*
 * Test-only: the permission-matrix rows of the release notes operations and
 * the fixtures that prepare their requests (see permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';
import {
  CO_OWNER,
  type PortalTestBackend,
  type Role,
} from './portalTestBackend';
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
  // Atom feeds of released notes: each user's own, as calendar feeds
  {
    operationId: 'ListNotesFeeds',
    method: 'GET',
    path: '/notes-feeds',
    expected: everyone(200),
  },
  {
    operationId: 'CreateNotesFeed',
    method: 'POST',
    path: '/notes-feeds',
    expected: everyone(201),
  },
  {
    operationId: 'DeleteNotesFeed',
    method: 'DELETE',
    path: '/notes-feeds/{id}',
    case: 'own feed',
    expected: everyone(204),
  },
  {
    operationId: 'DeleteNotesFeed',
    method: 'DELETE',
    path: '/notes-feeds/{id}',
    case: "olivia's feed",
    expected: everyone(404),
  },
  {
    operationId: 'GetNotesFeed',
    method: 'GET',
    path: '/notes-feeds/{id}/atom.xml',
    case: 'own feed, its token',
    expected: everyone(200),
  },
  {
    operationId: 'GetNotesFeed',
    method: 'GET',
    path: '/notes-feeds/{id}/atom.xml',
    case: 'own feed, wrong token',
    expected: everyone(404),
  },
];

/** What the release notes fixtures need of the matrix test. */
interface FixtureHelpers {
  /** A planned release of checkout-service, created by olivia. */
  plannedRelease(backend: PortalTestBackend): Promise<{ id: string }>;
  /** A draft of checkout-team, created by olivia. */
  draftRelease(backend: PortalTestBackend): Promise<{ id: string }>;
  expectStatus(
    res: { status: number; body: any },
    status: number,
    step: string,
  ): any;
}

/** The fixtures of {@link RELEASE_NOTES_PERMISSION_ROWS}, by row key. */
export function releaseNotesFixtures({
  plannedRelease,
  draftRelease,
  expectStatus,
}: FixtureHelpers) {
  /** A notes feed of the checkout System created by a user: its id and token. */
  const notesFeed = async (
    backend: PortalTestBackend,
    user: Role | typeof CO_OWNER,
  ) => {
    const res = await backend
      .as(user)
      .post('/notes-feeds')
      .send({ system: 'checkout' });
    return expectStatus(res, 201, 'create notes feed');
  };
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
    ListNotesFeeds: async () => ({}),
    CreateNotesFeed: async () => ({ body: { system: 'checkout' } }),
    'DeleteNotesFeed (own feed)': async (
      backend: PortalTestBackend,
      role: Role,
    ) => ({ params: { id: (await notesFeed(backend, role)).id } }),
    "DeleteNotesFeed (olivia's feed)": async (backend: PortalTestBackend) => ({
      params: { id: (await notesFeed(backend, CO_OWNER)).id },
    }),
    'GetNotesFeed (own feed, its token)': async (
      backend: PortalTestBackend,
      role: Role,
    ) => {
      const { id, token } = await notesFeed(backend, role);
      return { params: { id }, query: { token } };
    },
    'GetNotesFeed (own feed, wrong token)': async (
      backend: PortalTestBackend,
      role: Role,
    ) => ({
      params: { id: (await notesFeed(backend, role)).id },
      query: { token: 'not-the-token' },
    }),
  };
}
