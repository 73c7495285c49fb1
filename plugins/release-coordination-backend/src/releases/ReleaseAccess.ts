import { PermissionsService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import {
  ACTIVE_RELEASE_STATES,
  freezeManagePermission,
  Release,
  releaseUpdatePermission,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { ReleaseStore } from '../database/ReleaseStore';
import { Caller, ReleaseAuthority } from './ReleaseAuthority';
import { requirePermission } from '../permissions/requirePermission';
import { UserCredentials } from '../credentials';

/**
 * Finds releases for a change and checks that the caller may make it:
 * membership of the owning group or the release managers, and the
 * permissions (`release.update`, `freeze.manage`).
 */
export class ReleaseAccess {
  constructor(
    private readonly options: {
      store: ReleaseStore;
      permissions: PermissionsService;
      authority: ReleaseAuthority;
    },
  ) {}

  /** A release; `NotFoundError` if there is none. */
  async getRelease(id: string): Promise<Release> {
    const release = await this.options.store.getRelease(id);
    if (!release) {
      throw new NotFoundError(`Release ${id} not found`);
    }
    return release;
  }

  /** A release that is not finished yet. */
  async getActive(id: string): Promise<Release> {
    const current = await this.getRelease(id);
    if (!ACTIVE_RELEASE_STATES.includes(current.state)) {
      throw new ConflictError(
        `Release in state "${current.state}" can no longer be edited`,
      );
    }
    return current;
  }

  /** A release the caller may change and that is not finished yet. */
  async getChangeable(
    id: string,
    credentials: UserCredentials,
  ): Promise<{ current: Release; caller: Caller }> {
    const current = await this.getRelease(id);
    const caller = await this.authorizeChange(current, credentials);
    await this.getActive(id);
    return { current, caller };
  }

  /** Throws `NotAllowedError` unless the permission request is allowed. */
  async authorize(
    request: AuthorizePermissionRequest,
    credentials: UserCredentials,
  ) {
    await requirePermission(this.options.permissions, request, credentials);
  }

  /**
   * Members of the owning group and release managers may change a release,
   * if `release.update` allows it; throws `NotAllowedError` otherwise.
   */
  async authorizeChange(
    release: Release,
    credentials: UserCredentials,
    known?: Caller,
  ): Promise<Caller> {
    const caller = known ?? (await this.options.authority.caller(credentials));
    if (
      !this.options.authority.isOwnerMember(caller, release) &&
      !caller.isReleaseManager
    ) {
      throw new NotAllowedError(
        `Only members of ${entityName(
          release.ownerRef,
        )} or the release managers may change this release`,
      );
    }
    await this.authorize(
      { permission: releaseUpdatePermission, resourceRef: release.id },
      credentials,
    );
    return caller;
  }

  /**
   * An unfinished release whose freeze override the caller may set or clear:
   * release managers and platform admins (`freeze.manage`) may for any
   * release; members of the owning group only when their groups hold every
   * entity of it.
   */
  async getOverridable(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getActive(id);
    const caller = await this.options.authority.caller(credentials);
    if (caller.isReleaseManager) return current;
    const [manage] = await this.options.permissions.authorize(
      [{ permission: freezeManagePermission }],
      { credentials },
    );
    if (manage.result === AuthorizeResult.ALLOW) return current;
    await this.authorizeChange(current, credentials, caller);
    const foreign = await this.options.authority.foreignEntities(
      caller.groups,
      current.entityRefs,
      credentials,
    );
    if (foreign.length === 0) return current;
    throw new NotAllowedError(
      `Only the owners of ${foreign
        .map(f =>
          f.ownerRef
            ? `${entityName(f.entityRef)} (${entityName(f.ownerRef)})`
            : f.entityRef,
        )
        .join(
          ', ',
        )}, the release managers or platform admins may override freezes on them`,
    );
  }
}
