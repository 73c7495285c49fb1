/*
 * Test-only: the permission-matrix rows of the post-release review
 * operations and the fixtures that prepare their requests (see
 * permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';
import { everyone, ownersAndReleaseManagers } from './matrixExpectations';
import { CO_OWNER, type PortalTestBackend } from './portalTestBackend';

/** The rows of the review operations. */
export const REVIEW_PERMISSION_ROWS: readonly PermissionMatrixRow[] = [
  {
    operationId: 'ListReviews',
    method: 'GET',
    path: '/reviews',
    expected: everyone(200),
  },
  {
    operationId: 'GetReleaseReview',
    method: 'GET',
    path: '/releases/{id}/review',
    case: 'released',
    expected: everyone(200),
  },
  {
    operationId: 'GetReleaseReview',
    method: 'GET',
    path: '/releases/{id}/review',
    // a draft has no review yet; for everyone but its owners it does not exist
    case: 'draft',
    expected: { ...everyone(404), owner: 409 },
  },
  {
    operationId: 'GetReleaseReviewMarkdown',
    method: 'GET',
    path: '/releases/{id}/review/markdown',
    case: 'released',
    expected: everyone(200),
  },
  {
    operationId: 'UpdateReleaseReview',
    method: 'PATCH',
    path: '/releases/{id}/review',
    case: 'released',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'AddReviewActionItem',
    method: 'POST',
    path: '/releases/{id}/review/action-items',
    case: 'released',
    expected: ownersAndReleaseManagers(201),
  },
  {
    operationId: 'UpdateReviewActionItem',
    method: 'PATCH',
    path: '/releases/{id}/review/action-items/{itemId}',
    // the item's owner may set its status too
    case: "released, status of nora's item",
    expected: { ...ownersAndReleaseManagers(200), noGroup: 200 },
  },
];

/** What the review fixtures need of the matrix test. */
interface FixtureHelpers {
  /** A planned release of checkout-service, created by olivia. */
  plannedRelease(
    backend: PortalTestBackend,
  ): Promise<{ id: string; revision: number }>;
  /** A draft release of checkout-service, created by olivia. */
  draftRelease(
    backend: PortalTestBackend,
  ): Promise<{ id: string; revision: number }>;
  expectStatus(
    res: { status: number; body: any },
    status: number,
    step: string,
  ): any;
}

/** The fixtures of {@link REVIEW_PERMISSION_ROWS}, by row key. */
export function reviewFixtures({
  plannedRelease,
  draftRelease,
  expectStatus,
}: FixtureHelpers) {
  /** A planned release set to `released` in the database (the way there takes approvals and time); its id. */
  const released = async (backend: PortalTestBackend) => {
    const { id } = await plannedRelease(backend);
    await backend.knex('releases').where({ id }).update({ state: 'released' });
    return id;
  };
  const onReleased = async (backend: PortalTestBackend) => ({
    params: { id: await released(backend) },
  });
  return {
    ListReviews: async () => ({ query: { q: 'canary' } }),
    'GetReleaseReview (released)': onReleased,
    'GetReleaseReview (draft)': async (backend: PortalTestBackend) => ({
      params: { id: (await draftRelease(backend)).id },
    }),
    'GetReleaseReviewMarkdown (released)': onReleased,
    'UpdateReleaseReview (released)': async (backend: PortalTestBackend) => ({
      ...(await onReleased(backend)),
      body: { revision: 1, lessons: 'Canary first' },
    }),
    'AddReviewActionItem (released)': async (backend: PortalTestBackend) => ({
      ...(await onReleased(backend)),
      body: {
        revision: 1,
        title: 'Add a canary stage',
        ownerRef: 'group:default/checkout-team',
        dueDate: '2026-12-31',
      },
    }),
    "UpdateReviewActionItem (released, status of nora's item)": async (
      backend: PortalTestBackend,
    ) => {
      const id = await released(backend);
      const res = await backend
        .as(CO_OWNER)
        .post(`/releases/${id}/review/action-items`)
        .send({
          revision: 1,
          title: 'Add a canary stage',
          ownerRef: 'user:default/nora',
          dueDate: '2026-12-31',
        });
      expectStatus(res, 201, 'add action item');
      return {
        params: { id, itemId: res.body.actionItems[0].id },
        body: { revision: 2, status: 'done' },
      };
    },
  };
}
