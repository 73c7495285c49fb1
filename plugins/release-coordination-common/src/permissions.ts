import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of release plans, for conditional permission decisions.
 *
 * @public
 */
export const RELEASE_RESOURCE_TYPE = 'release-coordination-release';

/**
 * Permission to create release plans.
 *
 * @public
 */
export const releaseCreatePermission = createPermission({
  name: 'release-coordination.release.create',
  attributes: { action: 'create' },
});

/**
 * Permission to read a release plan.
 *
 * @public
 */
export const releaseReadPermission = createPermission({
  name: 'release-coordination.release.read',
  attributes: { action: 'read' },
  resourceType: RELEASE_RESOURCE_TYPE,
});

/**
 * Permission to edit a release plan or move it through its lifecycle.
 *
 * @public
 */
export const releaseUpdatePermission = createPermission({
  name: 'release-coordination.release.update',
  attributes: { action: 'update' },
  resourceType: RELEASE_RESOURCE_TYPE,
});

/**
 * Permission to approve or reject a release plan for a group one is a member of.
 *
 * @public
 */
export const releaseApprovePermission = createPermission({
  name: 'release-coordination.release.approve',
  attributes: { action: 'update' },
  resourceType: RELEASE_RESOURCE_TYPE,
});

/**
 * Permission to create, edit, end and delete freezes (blackout periods).
 *
 * @public
 */
export const freezeManagePermission = createPermission({
  name: 'release-coordination.freeze.manage',
  attributes: { action: 'update' },
});

/**
 * Permission to create, edit and delete release trains.
 *
 * @public
 */
export const trainManagePermission = createPermission({
  name: 'release-coordination.train.manage',
  attributes: { action: 'update' },
});

/**
 * Every permission of the release-coordination plugins.
 *
 * @public
 */
export const releaseCoordinationPermissions = [
  releaseCreatePermission,
  releaseReadPermission,
  releaseUpdatePermission,
  releaseApprovePermission,
  freezeManagePermission,
  trainManagePermission,
];
