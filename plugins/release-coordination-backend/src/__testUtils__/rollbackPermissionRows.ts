/*
 * Test-only: the permission-matrix rows of the rollback operations and the
 * fixtures that prepare their requests (see permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';
import { CO_OWNER, type PortalTestBackend } from './portalTestBackend';
import { everyone, ownersAndReleaseManagers } from './matrixExpectations';

/** The rows of the rollback operations. */
export const ROLLBACK_PERMISSION_ROWS: readonly PermissionMatrixRow[] = [
  {
    operationId: 'ListHotfixLinks',
    method: 'GET',
    path: '/hotfix-links',
    expected: everyone(200),
  },
  {
    operationId: 'GetReleaseRollback',
    method: 'GET',
    path: '/releases/{id}/rollback',
    expected: everyone(200),
  },
  {
    operationId: 'DecideRollback',
    method: 'POST',
    path: '/releases/{id}/rollback-decision',
    case: 'released',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'UpdateRollbackStep',
    method: 'PATCH',
    path: '/releases/{id}/rollback/steps/{index}',
    case: 'rolling back',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'CreateFollowUpHotfix',
    method: 'POST',
    path: '/releases/{id}/hotfix',
    case: 'rolling back',
    // creating the hotfix is creating a release of the owning group
    expected: { ...everyone(403), owner: 201 },
  },
];

/** What the rollback fixtures need of the matrix test. */
interface FixtureHelpers {
  /** A planned release of checkout-service, created by olivia. */
  plannedRelease(
    backend: PortalTestBackend,
  ): Promise<{ id: string; revision: number }>;
  expectStatus(
    res: { status: number; body: any },
    status: number,
    step: string,
  ): any;
}

/** The fixtures of {@link ROLLBACK_PERMISSION_ROWS}, by row key. */
export function rollbackFixtures({
  plannedRelease,
  expectStatus,
}: FixtureHelpers) {
  /** A planned release set to `released` in the database (the way there takes approvals and time). */
  const releasedRelease = async (backend: PortalTestBackend) => {
    const release = await plannedRelease(backend);
    await backend
      .knex('releases')
      .where({ id: release.id })
      .update({ state: 'released' });
    return release;
  };
  /** A released release whose rollback olivia decided, with one step; its id. */
  const rollingBack = async (backend: PortalTestBackend) => {
    const { id, revision } = await releasedRelease(backend);
    const res = await backend
      .as(CO_OWNER)
      .post(`/releases/${id}/rollback-decision`)
      .send({
        revision,
        reason: 'p99 doubled',
        steps: [{ title: 'Redeploy' }],
      });
    expectStatus(res, 200, 'decide rollback');
    return id;
  };
  return {
    ListHotfixLinks: async (backend: PortalTestBackend) => ({
      query: { releaseId: await rollingBack(backend) },
    }),
    GetReleaseRollback: async (backend: PortalTestBackend) => ({
      params: { id: (await plannedRelease(backend)).id },
    }),
    'DecideRollback (released)': async (backend: PortalTestBackend) => {
      const { id, revision } = await releasedRelease(backend);
      return { params: { id }, body: { revision, reason: 'p99 doubled' } };
    },
    'UpdateRollbackStep (rolling back)': async (
      backend: PortalTestBackend,
    ) => ({
      params: { id: await rollingBack(backend), index: '0' },
      body: { revision: 1, status: 'running' },
    }),
    'CreateFollowUpHotfix (rolling back)': async (
      backend: PortalTestBackend,
    ) => ({
      params: { id: await rollingBack(backend) },
      body: {},
    }),
  };
}
