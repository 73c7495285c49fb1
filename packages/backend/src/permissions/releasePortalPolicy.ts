import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  freezeManagePermission,
  trainManagePermission,
} from '@internal/plugin-release-coordination-common';

/** Permissions that only platform admins hold. */
const PLATFORM_ADMIN_PERMISSIONS = new Set([
  freezeManagePermission.name,
  trainManagePermission.name,
]);

const DEFAULT_PLATFORM_ADMIN_GROUPS = ['group:default/platform-team'];

/**
 * The portal's permission policy: managing freezes and release trains is for
 * members of the platform admin groups (`releaseCoordination.platformAdminGroups`, default
 * `group:default/platform-team`); everything else is allowed, including
 * `release.approve`, whose group membership rules the plugin checks itself.
 */
export class ReleasePortalPolicy implements PermissionPolicy {
  constructor(
    private readonly platformAdminGroups: string[],
    private readonly ownershipOf: (user: PolicyQueryUser) => Promise<string[]>,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!PLATFORM_ADMIN_PERMISSIONS.has(request.permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const ownership = (await this.ownershipOf(user)).map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    const isAdmin = this.platformAdminGroups.some(group =>
      ownership.includes(group.toLocaleLowerCase('en-US')),
    );
    return { result: isAdmin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}

/** Installs {@link ReleasePortalPolicy} as the permission backend's policy. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'release-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        const groups =
          config.getOptionalStringArray(
            'releaseCoordination.platformAdminGroups',
          ) ?? DEFAULT_PLATFORM_ADMIN_GROUPS;
        policy.setPolicy(
          new ReleasePortalPolicy(groups, async user => {
            const info = await userInfo.getUserInfo(user.credentials);
            return info.ownershipEntityRefs;
          }),
        );
      },
    });
  },
});
