import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  HandoverRequest,
  Release,
  releaseUpdatePermission,
} from '@internal/plugin-release-coordination-common';
import { ReleaseAccess } from './ReleaseAccess';
import { ReleaseAuthority } from './ReleaseAuthority';
import { ReleasePlanChecks } from './planChecks';
import { ReleaseRecorder } from './ReleaseRecorder';
import { UserCredentials } from '../credentials';

/**
 * Hand-over: the owners offer an unfinished release to another group, which
 * takes it over when a member accepts; the owners may withdraw the offer and
 * the group may decline it.
 */
export class ReleaseHandover {
  constructor(
    private readonly options: {
      access: ReleaseAccess;
      authority: ReleaseAuthority;
      checks: ReleasePlanChecks;
      recorder: ReleaseRecorder;
      now: () => Date;
    },
  ) {}

  /**
   * Offers the release to another group (hand-over); it stays with its
   * owners until a member of that group accepts.
   */
  async offer(
    id: string,
    input: HandoverRequest,
    credentials: UserCredentials,
  ): Promise<Release> {
    const { current } = await this.options.access.getChangeable(
      id,
      credentials,
    );
    const toGroupRef = input.toGroupRef.toLocaleLowerCase('en-US');
    if (toGroupRef === current.ownerRef) {
      throw new InputError(
        `toGroupRef: ${toGroupRef} owns the release already`,
      );
    }
    await this.options.checks.checkRefs(
      { entityRefs: [] },
      toGroupRef,
      credentials,
    );
    return this.options.recorder.storeChange(current, credentials, {
      action: 'handover-offered',
      fields: { pendingOwnerRef: toGroupRef },
      reason: input.reason,
    });
  }

  /** A member of the group the release was offered to takes it over. */
  async accept(id: string, credentials: UserCredentials): Promise<Release> {
    const { current, caller, offered } = await this.getOffered(id, credentials);
    if (!caller.refs.includes(offered)) {
      throw new NotAllowedError(
        `Only members of ${offered} may accept release "${current.title}"`,
      );
    }
    await this.options.access.authorize(
      { permission: releaseUpdatePermission, resourceRef: id },
      credentials,
    );
    return this.options.recorder.storeChange(current, credentials, {
      action: 'handover-accepted',
      fields: {
        ownerRef: offered,
        pendingOwnerRef: null,
        handedOverAt: this.options.now().toISOString(),
      },
    });
  }

  /** The owners withdraw their offer, or the group it was offered to declines it. */
  async cancel(id: string, credentials: UserCredentials): Promise<Release> {
    const { current, caller, offered } = await this.getOffered(id, credentials);
    if (!caller.refs.includes(offered)) {
      await this.options.access.authorizeChange(current, credentials, caller);
    }
    return this.options.recorder.storeChange(current, credentials, {
      action: 'handover-cancelled',
      fields: { pendingOwnerRef: null },
    });
  }

  /** An unfinished release offered to a group, with the caller and that group. */
  private async getOffered(id: string, credentials: UserCredentials) {
    const current = await this.options.access.getActive(id);
    const offered = current.pendingOwnerRef;
    if (!offered) {
      throw new ConflictError(
        `Release "${current.title}" is not offered to any group`,
      );
    }
    const caller = await this.options.authority.caller(credentials);
    return { current, caller, offered };
  }
}
