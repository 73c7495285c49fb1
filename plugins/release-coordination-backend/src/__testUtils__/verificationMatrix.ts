/*
 * Test-only: the permission-matrix rows of the success-criteria operations
 * and the fixtures that prepare their requests (see permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';
import type { PortalTestBackend } from './portalTestBackend';
import { everyone, ownersAndReleaseManagers } from './matrixExpectations';

const CHECKOUT_TEAM = 'group:default/checkout-team';

/** The rows of the success-criteria operations. */
export const VERIFICATION_MATRIX_ROWS: readonly PermissionMatrixRow[] = [
  {
    operationId: 'GetReleaseVerification',
    method: 'GET',
    path: '/releases/{id}/criteria',
    expected: everyone(200),
  },
  {
    operationId: 'AddSuccessCriterion',
    method: 'POST',
    path: '/releases/{id}/criteria',
    expected: ownersAndReleaseManagers(201),
  },
  {
    operationId: 'UpdateSuccessCriterion',
    method: 'PATCH',
    path: '/releases/{id}/criteria/{criterionId}',
    expected: ownersAndReleaseManagers(200),
  },
  {
    operationId: 'DeleteSuccessCriterion',
    method: 'DELETE',
    path: '/releases/{id}/criteria/{criterionId}',
    expected: ownersAndReleaseManagers(204),
  },
  {
    operationId: 'RecordCriterionResult',
    method: 'POST',
    path: '/releases/{id}/criteria/{criterionId}/result',
    case: 'released, owned by checkout-team',
    expected: { ...ownersAndReleaseManagers(200), releaseManager: 403 },
  },
];

/** What the fixtures need of the matrix test. */
interface FixtureHelpers {
  /** A planned release of checkout-service, created by olivia. */
  plannedRelease(backend: PortalTestBackend): Promise<{ id: string }>;
  expectStatus(
    res: { status: number; body: any },
    status: number,
    step: string,
  ): any;
}

/** The fixtures of {@link VERIFICATION_MATRIX_ROWS}, by row key. */
export function verificationFixtures({
  plannedRelease,
  expectStatus,
}: FixtureHelpers) {
  /** A planned release with a criterion of checkout-team, added by olivia. */
  const withCriterion = async (backend: PortalTestBackend) => {
    const { id } = await plannedRelease(backend);
    const res = await backend
      .as('user:default/olivia')
      .post(`/releases/${id}/criteria`)
      .send({ text: 'Error rate stays low', ownerRef: CHECKOUT_TEAM });
    const criterion = expectStatus(res, 201, 'add criterion');
    return { id, criterionId: criterion.id as string };
  };
  return {
    GetReleaseVerification: async (backend: PortalTestBackend) => ({
      params: { id: (await plannedRelease(backend)).id },
    }),
    AddSuccessCriterion: async (backend: PortalTestBackend) => ({
      params: { id: (await plannedRelease(backend)).id },
      body: { text: 'No new alerts', ownerRef: CHECKOUT_TEAM },
    }),
    UpdateSuccessCriterion: async (backend: PortalTestBackend) => ({
      params: await withCriterion(backend),
      body: { text: 'Error rate below 0.5 %' },
    }),
    DeleteSuccessCriterion: async (backend: PortalTestBackend) => ({
      params: await withCriterion(backend),
    }),
    'RecordCriterionResult (released, owned by checkout-team)': async (
      backend: PortalTestBackend,
    ) => {
      const params = await withCriterion(backend);
      // going through the whole lifecycle is not what this row is about
      await backend
        .knex('releases')
        .where({ id: params.id })
        .update({ state: 'released' });
      return { params, body: { result: 'met', observedValue: '0.1 %' } };
    },
  };
}
