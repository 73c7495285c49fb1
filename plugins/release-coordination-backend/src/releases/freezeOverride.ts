import { Release } from '@internal/plugin-release-coordination-common';
import { ReleaseAccess } from './ReleaseAccess';
import { ReleaseRecorder } from './ReleaseRecorder';
import { UserCredentials } from '../credentials';

/**
 * The freeze override of a release: a written reason to go ahead despite the
 * freezes that apply to it, recorded in its history (who may set or clear
 * it: {@link ReleaseAccess.getOverridable}).
 */
export class FreezeOverrides {
  private readonly access: ReleaseAccess;
  private readonly recorder: ReleaseRecorder;
  private readonly now: () => Date;

  constructor(options: {
    access: ReleaseAccess;
    recorder: ReleaseRecorder;
    now: () => Date;
  }) {
    this.access = options.access;
    this.recorder = options.recorder;
    this.now = options.now;
  }

  /**
   * Lets a release go ahead despite the freezes that apply to it, with a
   * written reason, recorded in its history (who may: {@link ReleaseAccess.getOverridable}).
   */
  async set(
    id: string,
    input: { reason: string },
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.access.getOverridable(id, credentials);
    const at = this.now().toISOString();
    const freezeOverride = {
      reason: input.reason,
      by: credentials.principal.userEntityRef,
      at,
    };
    return this.recorder.storeChange(current, credentials, {
      action: 'freeze-overridden',
      at,
      fields: { freezeOverride },
      changes: [
        {
          field: 'freezeOverride',
          before: current.freezeOverride ?? null,
          after: freezeOverride,
        },
      ],
      reason: input.reason,
    });
  }

  /** Removes the freeze override of a release; returns it unchanged if it has none. */
  async clear(id: string, credentials: UserCredentials): Promise<Release> {
    const current = await this.access.getOverridable(id, credentials);
    if (!current.freezeOverride) return current;
    return this.recorder.storeChange(current, credentials, {
      action: 'freeze-override-cleared',
      fields: { freezeOverride: null },
      changes: [
        {
          field: 'freezeOverride',
          before: current.freezeOverride,
          after: null,
        },
      ],
    });
  }
}
