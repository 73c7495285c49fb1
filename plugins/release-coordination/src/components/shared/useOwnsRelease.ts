import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { Release } from '@internal/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';
import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/** A group ref as people read it: `group:default/payments` as `payments`. */
function humanizeGroupRef(ref: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });
  } catch {
    return ref;
  }
}

/**
 * Whether the signed-in user is a member of the group owning a release, and
 * why not (for a tooltip on a disabled button) when they are not.
 */
export function useOwnsRelease(
  release: Pick<Release, 'ownerRef'> | undefined,
  verb: string,
): { owns: boolean; loading: boolean; reason?: string } {
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  if (!release) return { owns: false, loading: false };
  if (identity.loading) {
    return {
      owns: false,
      loading: true,
      reason: 'Checking your group memberships…',
    };
  }
  const owner = release.ownerRef.toLocaleLowerCase('en-US');
  const owns = Boolean(
    identity.value?.ownershipEntityRefs.some(
      ref => ref.toLocaleLowerCase('en-US') === owner,
    ),
  );
  return owns
    ? { owns, loading: false }
    : {
        owns,
        loading: false,
        reason: `Only members of ${humanizeGroupRef(
          release.ownerRef,
        )}, which owns this release, can ${verb}.`,
      };
}
