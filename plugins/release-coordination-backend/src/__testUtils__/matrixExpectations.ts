/*
 * Test-only: the expected answers of permission-matrix rows, per kind of user.
 */
import type { Role } from './portalTestBackend';

/** Every kind of user gets `status`. */
export const everyone = (status: number): Record<Role, number> => ({
  owner: status,
  otherTeam: status,
  platformAdmin: status,
  releaseManager: status,
  noGroup: status,
});

/** Members of the owning group and release managers get `status`, others 403. */
export const ownersAndReleaseManagers = (status: number) => ({
  ...everyone(403),
  owner: status,
  releaseManager: status,
});
