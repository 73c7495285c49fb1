import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  freezeManagePermission,
  releaseApprovePermission,
  releaseCreatePermission,
  trainManagePermission,
} from '@internal/plugin-release-coordination-common';
import { ReleasePortalPolicy } from './releasePortalPolicy';

const ownership: Record<string, string[]> = {
  'user:default/carol': ['user:default/carol', 'group:default/platform-team'],
  'user:default/alice': ['user:default/alice', 'group:default/checkout-team'],
};

const policy = new ReleasePortalPolicy(
  ['group:default/Platform-Team'],
  async user =>
    ownership[
      (user.credentials.principal as { userEntityRef: string }).userEntityRef
    ],
);

const asUser = (userEntityRef: string) => ({
  credentials: mockCredentials.user(userEntityRef),
  info: { userEntityRef, ownershipEntityRefs: ownership[userEntityRef] },
});

describe('ReleasePortalPolicy', () => {
  it('lets platform admins manage freezes, case-insensitively', async () => {
    await expect(
      policy.handle(
        { permission: freezeManagePermission },
        asUser('user:default/carol'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies freeze management to other users and to services', async () => {
    await expect(
      policy.handle(
        { permission: freezeManagePermission },
        asUser('user:default/alice'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle({ permission: freezeManagePermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('keeps train management for platform admins too', async () => {
    await expect(
      policy.handle(
        { permission: trainManagePermission },
        asUser('user:default/carol'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle(
        { permission: trainManagePermission },
        asUser('user:default/alice'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('allows approving, which the plugin limits to required groups itself', async () => {
    await expect(
      policy.handle(
        { permission: releaseApprovePermission },
        asUser('user:default/alice'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows everything else', async () => {
    await expect(
      policy.handle(
        { permission: releaseCreatePermission },
        asUser('user:default/alice'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
