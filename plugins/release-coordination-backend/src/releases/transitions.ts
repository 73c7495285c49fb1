import { ConflictError } from '@backstage/errors';
import {
  isTransitionAllowed,
  Release,
} from '@internal/plugin-release-coordination-common';
import { NewReleaseEvent } from '../database/ReleaseStore';
import { ReleaseAccess } from './ReleaseAccess';
import { ReleaseAuthority } from './ReleaseAuthority';
import { ReleaseRecorder } from './ReleaseRecorder';
import type {
  ReleaseTransitionGuard,
  ReleaseTransitionInput,
} from './ReleaseService';
import { checkTransitionTiming } from './transitionTiming';
import { UserCredentials } from '../credentials';

/**
 * The lifecycle moves of releases: who may make them, their timing, the
 * guards every user's transition must pass, and their history.
 */
export class ReleaseTransitions {
  private readonly access: ReleaseAccess;
  private readonly authority: ReleaseAuthority;
  private readonly recorder: ReleaseRecorder;
  private readonly startLeadMs: number;
  private readonly now: () => Date;
  private readonly guards: ReleaseTransitionGuard[] = [];

  constructor(options: {
    access: ReleaseAccess;
    authority: ReleaseAuthority;
    recorder: ReleaseRecorder;
    startLeadMs: number;
    now: () => Date;
  }) {
    this.access = options.access;
    this.authority = options.authority;
    this.recorder = options.recorder;
    this.startLeadMs = options.startLeadMs;
    this.now = options.now;
  }

  /** Adds a check that every transition must pass. */
  addGuard(guard: ReleaseTransitionGuard) {
    this.guards.push(guard);
  }

  /**
   * Moves a release to another state of its lifecycle. Its creator may
   * withdraw (cancel) it until another group accepted it; it may start
   * (`in_progress`) from the configured lead before its window until the
   * window ends, or outside with an override; it cannot be released or
   * verified before its window started.
   */
  async transition(
    id: string,
    input: ReleaseTransitionInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.access.getRelease(id);
    const caller = await this.authority.caller(credentials);
    const withdrawal =
      input.to === 'cancelled' && this.authority.isCreator(caller, current);
    if (!withdrawal)
      await this.access.authorizeChange(current, credentials, caller);
    return this.transitionAuthorized(current, input, credentials);
  }

  /**
   * Moves a release for a caller another service authorized (a rollback
   * step's owner finishing the rollback); the lifecycle, timing and guards
   * still apply.
   */
  async transitionAuthorized(
    current: Release,
    input: ReleaseTransitionInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    if (!isTransitionAllowed(current.state, input.to)) {
      throw new ConflictError(
        `Cannot move release from "${current.state}" to "${input.to}"`,
      );
    }
    checkTransitionTiming(
      current,
      input,
      this.now().getTime(),
      this.startLeadMs,
    );
    for (const guard of this.guards) {
      await guard(current, input, credentials);
    }
    return this.move(current, input, credentials);
  }

  /** Stores a transition that passed every check, and tells the listeners. */
  private async move(
    current: Release,
    input: ReleaseTransitionInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    const event: NewReleaseEvent = {
      action: 'transitioned',
      actorRef: credentials.principal.userEntityRef,
      createdAt: this.now().toISOString(),
      changes: [{ field: 'state', before: current.state, after: input.to }],
      reason: input.override
        ? `Override: ${input.override.reason}${
            input.reason ? ` (${input.reason})` : ''
          }`
        : input.reason,
    };
    const fields = {
      state: input.to,
      ...(input.to === 'planned' && { plannedType: current.type }),
    };
    return this.recorder.storeEvent(current, fields, event, credentials);
  }

  /**
   * Sends an approved release back to `planned`, because an approval it
   * relied on was withdrawn (not a user's transition: no guards).
   */
  async returnToPlanned(
    release: Release,
    reason: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    if (release.state !== 'approved') return release;
    return this.move(release, { to: 'planned', reason }, credentials);
  }
}
