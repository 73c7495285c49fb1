import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  RELEASE_RESOURCE_TYPE,
  Release,
  releaseApprovePermission,
  releaseReadPermission,
  releaseUpdatePermission,
} from '@internal/plugin-release-coordination-common';
import { z } from 'zod';
import { ReleaseStore } from '../database/ReleaseStore';

/**
 * Conditions on releases are only evaluated against loaded releases (no
 * query translation), hence the query type is the condition itself.
 */
type ReleaseQuery = { rule: string; params: { claims: string[] } };

/**
 * The release resource of the permission framework.
 *
 * @public
 */
export const releaseResourceRef = createPermissionResourceRef<
  Release,
  ReleaseQuery
>().with({
  pluginId: 'release-coordination',
  resourceType: RELEASE_RESOURCE_TYPE,
});

/**
 * Matches releases owned by one of the claims, usually the user's ownership
 * entity refs (`user.info.ownershipEntityRefs` in a policy).
 *
 * @public
 */
export const isReleaseOwner = createPermissionRule({
  name: 'IS_RELEASE_OWNER',
  description:
    'Allow releases whose owner is among the given claims (the user and their groups)',
  resourceRef: releaseResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the user and the groups they belong to'),
  }),
  apply: (release, { claims }) =>
    claims.some(
      claim =>
        claim.toLocaleLowerCase('en-US') ===
        release.ownerRef.toLocaleLowerCase('en-US'),
    ),
  toQuery: params => ({ rule: 'IS_RELEASE_OWNER', params }),
});

/** The rules of release resources, for conditional decisions. */
export const releasePermissionRules = { isReleaseOwner };

/** Registers the release resource type, its permissions and rules. */
export function registerReleaseResource(options: {
  permissionsRegistry: PermissionsRegistryService;
  store: ReleaseStore;
}) {
  const { permissionsRegistry, store } = options;
  permissionsRegistry.addResourceType({
    resourceRef: releaseResourceRef,
    permissions: [
      releaseReadPermission,
      releaseUpdatePermission,
      releaseApprovePermission,
    ],
    rules: [isReleaseOwner],
    getResources: async ids => {
      const found = new Map((await store.getReleases(ids)).map(r => [r.id, r]));
      return ids.map(id => found.get(id));
    },
  });
}
