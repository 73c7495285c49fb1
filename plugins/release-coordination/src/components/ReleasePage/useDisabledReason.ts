import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { Release } from '@internal/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';

/** Why the current user may not move the release, or undefined when they may. */
export function useDisabledReason(
  release: Release | undefined,
  verb: string = 'move',
): string | undefined {
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  if (!release) return undefined;
  if (identity.loading) return 'Checking your group memberships…';
  const owner = release.ownerRef.toLocaleLowerCase('en-US');
  const owns = identity.value?.ownershipEntityRefs.some(
    ref => ref.toLocaleLowerCase('en-US') === owner,
  );
  return owns
    ? undefined
    : `Only members of ${release.ownerRef}, which owns this release, can ${verb} it.`;
}
