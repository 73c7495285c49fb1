import {
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { requirePermission } from '../permissions/requirePermission';
import {
  AFTER_ONLY_STATES,
  DECIDABLE_STATES,
  Release,
  releaseApprovePermission,
} from '@internal/plugin-release-coordination-common';
import { lower } from '../releases/ReleaseAuthority';
import { ApprovalPolicy, Requirement } from './approvalRules';
import { UserCredentials } from '../credentials';

/**
 * The required groups that may decide in the release's state: all of them
 * until it is released; after it is verified or rolled back only those
 * approving afterwards; none otherwise.
 */
export function decidingGroups(
  release: Release,
  required: Requirement[],
): string[] {
  if (DECIDABLE_STATES.includes(release.state)) {
    return required.map(r => r.groupRef);
  }
  if (AFTER_ONLY_STATES.includes(release.state)) {
    return required.filter(r => r.phase === 'after').map(r => r.groupRef);
  }
  return [];
}

/**
 * Who may decide for which required groups: members of the group, in a state
 * that allows it, when not approving their own release (if prevented) and
 * when `release.approve` allows it.
 */
export class ApprovalDeciders {
  constructor(
    private readonly options: {
      userInfo: UserInfoService;
      permissions: PermissionsService;
      policy: ApprovalPolicy;
    },
  ) {}

  /** The given groups the caller is a member of. */
  async memberships(
    groupRefs: string[],
    credentials: UserCredentials,
  ): Promise<string[]> {
    if (groupRefs.length === 0) return [];
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      credentials,
    );
    const mine = new Set(ownershipEntityRefs.map(lower));
    return groupRefs.filter(groupRef => mine.has(groupRef));
  }

  /** Self-approval and the approve permission (with the release as resource). */
  async checkMayDecide(release: Release, credentials: UserCredentials) {
    if (
      this.options.policy.preventSelfApproval &&
      lower(credentials.principal.userEntityRef) === lower(release.createdBy)
    ) {
      throw new NotAllowedError(
        `${release.createdBy} created release "${release.title}" and cannot approve it (self-approval is prevented)`,
      );
    }
    await requirePermission(
      this.options.permissions,
      { permission: releaseApprovePermission, resourceRef: release.id },
      credentials,
    );
  }

  /** The open groups the caller may decide for now. */
  async decidableBy(
    release: Release,
    open: string[],
    required: Requirement[],
    credentials: UserCredentials,
  ): Promise<string[]> {
    const deciding = new Set(decidingGroups(release, required));
    const memberOf = await this.memberships(
      open.filter(groupRef => deciding.has(groupRef)),
      credentials,
    );
    if (memberOf.length === 0) return [];
    try {
      await this.checkMayDecide(release, credentials);
    } catch (error) {
      if (error instanceof NotAllowedError) return [];
      throw error;
    }
    return memberOf;
  }
}
