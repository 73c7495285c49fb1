/*
 * Test-only: the permission-matrix rows of the entity annotation report and
 * their fixtures (see permissionMatrix.ts).
 */
import type { PermissionMatrixRow } from './permissionMatrix';
import { everyone } from './matrixExpectations';

/** The rows of the entity annotation report: every user who reads the entity. */
export const ANNOTATION_PERMISSION_ROWS: readonly PermissionMatrixRow[] = [
  {
    operationId: 'GetEntityAnnotationProblems',
    method: 'GET',
    path: '/entity-annotations',
    expected: everyone(200),
  },
];

/** The fixtures of {@link ANNOTATION_PERMISSION_ROWS}, by row key. */
export const annotationFixtures = {
  GetEntityAnnotationProblems: async () => ({
    query: { entityRef: 'component:default/checkout-service' },
  }),
};
