import { AuditorService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  EMERGENCY_ROLLBACK_TYPES,
  HOTFIX_SOURCE_STATES,
  HotfixInput,
  Release,
  ReleaseHotfixLinks,
  ReleaseRollbackStatus,
  Rollback,
  RollbackDecisionInput,
  RollbackDeciders,
  rollbackPlanSteps,
  RollbackStep,
  rollbackStepUpdateSchema,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { z } from 'zod';
import {
  ReleaseService,
  ReleaseTransitionGuard,
} from '../releases/ReleaseService';
import { Caller } from '../releases/ReleaseAuthority';
import { assertRevision } from '../revisions';
import { RollbackStore } from './DatabaseRollbackStore';
import { followUpHotfix } from './followUpHotfix';
import { RollbackNotifier } from './RollbackNotifier';
import {
  assertReleaseTriggers,
  ReleaseTriggerSources,
} from './rollbackTriggers';
import { UserCredentials } from '../credentials';
import { GateBlock } from '../freezes/gateBlocks';

type StepUpdate = z.output<typeof rollbackStepUpdateSchema>;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Rollback coordination: the decision to roll a released release back (who
 * may decide, the emergency fast path), its execution steps, the lifecycle
 * moves `released → rolling_back → rolled_back` through the release service,
 * the deploy gate's refusal during a rollback and the follow-up hotfix links.
 *
 * @public
 */
export class RollbackService {
  private readonly releases: ReleaseService;
  private readonly store: RollbackStore;
  private readonly notifier: RollbackNotifier;
  private readonly auditor: AuditorService;
  private readonly deciders: RollbackDeciders;
  private readonly triggers?: ReleaseTriggerSources;
  private readonly now: () => Date;

  constructor(options: {
    releases: ReleaseService;
    store: RollbackStore;
    notifier: RollbackNotifier;
    auditor: AuditorService;
    /** `releaseCoordination.rollback.deciders` (default `owners`). */
    deciders?: RollbackDeciders;
    /** Where the criteria and issues that may trigger a rollback are read. */
    triggers?: ReleaseTriggerSources;
    now?: () => Date;
  }) {
    this.releases = options.releases;
    this.store = options.store;
    this.notifier = options.notifier;
    this.auditor = options.auditor;
    this.deciders = options.deciders ?? 'owners';
    this.triggers = options.triggers;
    this.now = options.now ?? (() => new Date());
  }

  /** Guards the rollback transitions of every release. */
  register() {
    this.releases.addTransitionGuard(this.guard);
  }

  /**
   * The hotfix links of the releases the caller may read among `ids`, of
   * those that have any, in the order asked.
   */
  async listHotfixLinks(
    ids: string[],
    credentials: UserCredentials,
  ): Promise<ReleaseHotfixLinks[]> {
    const found = await Promise.all(
      ids.map(async id => {
        const release = await this.releases
          .getReadableRelease(id, credentials)
          .catch(error => {
            if (error instanceof NotFoundError) return undefined;
            throw error;
          });
        if (!release) return undefined;
        const { hotfixOf, hotfixes } = await this.getStatus(
          release,
          credentials,
        );
        return hotfixOf || hotfixes.length > 0
          ? { releaseId: id, ...(hotfixOf && { hotfixOf }), hotfixes }
          : undefined;
      }),
    );
    return found.filter((links): links is ReleaseHotfixLinks => !!links);
  }

  /** The rollback of a release (if any) and its hotfix links, as the caller may see them. */
  async getStatus(
    release: Release,
    credentials: UserCredentials,
  ): Promise<ReleaseRollbackStatus> {
    const [rollback, links] = await Promise.all([
      this.store.getRollback(release.id),
      this.store.hotfixLinks(release.id),
    ]);
    const linkedIds = [
      ...(links.hotfixOf ? [links.hotfixOf] : []),
      ...links.hotfixes,
    ];
    const linked = await this.releases.visibleReleases(
      await Promise.all(linkedIds.map(id => this.releases.getRelease(id))),
      credentials,
    );
    const summary = (id: string) => {
      const found = linked.find(r => r.id === id);
      return found
        ? [
            {
              id,
              title: found.title,
              version: found.version,
              state: found.state,
            },
          ]
        : [];
    };
    const [hotfixOf] = links.hotfixOf ? summary(links.hotfixOf) : [];
    return {
      ...(rollback && { rollback }),
      ...(hotfixOf && { hotfixOf }),
      hotfixes: links.hotfixes.flatMap(summary),
    };
  }

  /**
   * Decides to roll a released release back: its steps are those given, or
   * those its rollback plan lists (owned by the owning group), and it moves
   * to `rolling_back` (straight on to `rolled_back` when there is no step).
   * Everyone the impact report lists is notified.
   */
  async decide(
    id: string,
    input: RollbackDecisionInput,
    credentials: UserCredentials,
  ): Promise<ReleaseRollbackStatus> {
    const release = await this.releases.getRelease(id);
    const caller = await this.releases.authority.caller(credentials);
    this.authorizeDecision(release, caller, input.emergency);
    if (release.state !== 'released') {
      throw new ConflictError(
        `Release "${release.title}" is ${release.state}: only a released release can be rolled back`,
      );
    }
    assertRevision(
      `Release "${release.title}"`,
      release.revision,
      input.revision,
    );
    const entityRefs = this.scopeEntities(release, input.scope);
    if (this.triggers) {
      await assertReleaseTriggers(release, input.triggeredBy, this.triggers);
    }
    const steps: RollbackStep[] = (
      input.steps ??
      rollbackPlanSteps(release.rollbackPlan).map(title => ({
        title,
        ownerRef: release.ownerRef,
      }))
    ).map((step, index) => ({
      index,
      title: step.title,
      ownerRef: step.ownerRef ?? release.ownerRef,
      status: 'pending',
    }));
    const rollback: Rollback = {
      releaseId: id,
      decision: {
        reason: input.reason,
        triggeredBy: input.triggeredBy,
        scope: input.scope,
        emergency: input.emergency,
        decidedBy: caller.userRef,
        decidedAt: this.now().toISOString(),
      },
      steps,
      entityRefs,
      failed: false,
      revision: 1,
    };
    if (!(await this.store.createRollback(rollback))) {
      throw new ConflictError(
        `Release "${release.title}" has a rollback already`,
      );
    }
    let rolling: Release;
    try {
      rolling = await this.releases.transitionRelease(
        id,
        { to: 'rolling_back', reason: input.reason },
        credentials,
      );
    } catch (error) {
      await this.store.deleteRollback(id);
      throw error;
    }
    if (input.emergency) await this.auditEmergency(rollback, caller);
    await this.notifier.decided(rolling, rollback, credentials);
    if (steps.length === 0) await this.complete(rolling, credentials);
    return this.getStatus(rolling, credentials);
  }

  /**
   * Sets a step's status: its owner, the owning group and the release
   * managers may. The first failure of a step tells the release managers;
   * the last step done moves the release to `rolled_back`.
   */
  async updateStep(
    id: string,
    index: number,
    input: StepUpdate,
    credentials: UserCredentials,
  ): Promise<ReleaseRollbackStatus> {
    const release = await this.releases.getRelease(id);
    const rollback = await this.store.getRollback(id);
    const step = rollback?.steps[index];
    if (!rollback || !step) {
      throw new NotFoundError(
        rollback
          ? `Release "${release.title}" has no rollback step ${index}`
          : `Release "${release.title}" has no rollback`,
      );
    }
    const caller = await this.releases.authority.caller(credentials);
    if (
      !caller.refs.includes(lower(step.ownerRef)) &&
      !this.releases.authority.isOwnerMember(caller, release) &&
      !caller.isReleaseManager
    ) {
      throw new NotAllowedError(
        `Only ${entityName(step.ownerRef)}, members of ${entityName(
          release.ownerRef,
        )} or the release managers may update this step`,
      );
    }
    if (rollback.completedAt) {
      throw new ConflictError(
        `The rollback of release "${release.title}" was completed at ${rollback.completedAt}; its steps no longer change`,
      );
    }
    assertRevision(
      `The rollback of release "${release.title}"`,
      rollback.revision,
      input.revision,
    );
    const changed = await this.store.updateStep({
      releaseId: id,
      index,
      revision: input.revision,
      status: input.status,
      note: input.note,
      by: caller.userRef,
      at: this.now().toISOString(),
    });
    if (!changed) {
      throw new ConflictError(
        `The rollback of release "${release.title}" changed meanwhile; reload it and try again`,
      );
    }
    const updated = (await this.store.getRollback(id))!;
    if (
      input.status === 'failed' &&
      (await this.store.claimFailureNotice(id, index))
    ) {
      await this.notifier.stepFailed(release, updated, index);
    }
    if (updated.steps.every(s => s.status === 'done')) {
      return this.getStatus(
        await this.complete(release, credentials),
        credentials,
      );
    }
    await this.notifier.changed(release);
    return this.getStatus(release, credentials);
  }

  /** Gate reasons for an entity with a rollback in progress. */
  async gateReasons(entityRef: string): Promise<GateBlock[]> {
    const releaseIds = await this.store.rollbacksInProgress(lower(entityRef));
    return Promise.all(
      releaseIds.map(async releaseId => {
        const release = await this.releases.getRelease(releaseId);
        return {
          reason: `A rollback of release "${release.title}" (${release.version}) of ${entityRef} is in progress; deploy again once it is rolled back.`,
          blocker: {
            kind: 'release' as const,
            id: release.id,
            title: release.title,
          },
        };
      }),
    );
  }

  /**
   * Creates a follow-up `hotfix` release of a release rolling or rolled
   * back (prefilled, see {@link followUpHotfix}), linked to it both ways.
   * Creating it follows the rules of creating any release.
   */
  async createHotfix(
    id: string,
    request: HotfixInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    const release = await this.releases.getRelease(id);
    if (!HOTFIX_SOURCE_STATES.includes(release.state)) {
      throw new ConflictError(
        `Release "${release.title}" is ${release.state}: a follow-up hotfix is for a release rolling or rolled back`,
      );
    }
    const rollback = await this.store.getRollback(id);
    const hotfix = await this.releases.createRelease(
      followUpHotfix({ release, rollback, request, now: this.now() }),
      credentials,
    );
    await this.store.addHotfix(hotfix.id, id, hotfix.createdAt);
    await this.notifier.changed(release);
    return hotfix;
  }

  /** Moves the release to `rolled_back` and tells everyone concerned. */
  private async complete(
    release: Release,
    credentials: UserCredentials,
  ): Promise<Release> {
    const rollback = (await this.store.getRollback(release.id))!;
    const current = await this.releases.getRelease(release.id);
    const rolledBack = await this.releases.transitionAuthorized(
      current,
      {
        to: 'rolled_back',
        reason: `All ${rollback.steps.length} rollback step(s) done`,
      },
      credentials,
    );
    await this.store.markCompleted(release.id, this.now().toISOString());
    await this.notifier.completed(rolledBack, rollback, credentials);
    return rolledBack;
  }

  /**
   * Release managers may always decide; members of the owning group when
   * `deciders` is `owners`, or through the emergency fast path for an
   * emergency or hotfix release. The fast path is for those releases or the
   * release managers.
   */
  private authorizeDecision(
    release: Release,
    caller: Caller,
    emergency: boolean,
  ) {
    const emergencyType = EMERGENCY_ROLLBACK_TYPES.includes(release.type);
    if (emergency && !emergencyType && !caller.isReleaseManager) {
      throw new NotAllowedError(
        `emergency: the emergency fast path is for ${EMERGENCY_ROLLBACK_TYPES.join(
          ' and ',
        )} releases or the release managers; release "${release.title}" is ${
          release.type
        }`,
      );
    }
    if (caller.isReleaseManager) return;
    const owner = this.releases.authority.isOwnerMember(caller, release);
    if (owner && (this.deciders === 'owners' || emergency)) return;
    throw new NotAllowedError(
      this.deciders === 'owners'
        ? `Only members of ${entityName(
            release.ownerRef,
          )} or the release managers may decide a rollback of this release`
        : `Only the release managers may decide a rollback of this release${
            owner && emergencyType
              ? ' (its owners may through the emergency fast path)'
              : ''
          }`,
    );
  }

  /** The entities of the scope, which must be the release's. */
  private scopeEntities(
    release: Release,
    scope: RollbackDecisionInput['scope'],
  ): string[] {
    if (scope === 'release') return [...release.entityRefs].sort();
    const own = new Set(release.entityRefs.map(lower));
    const foreign = scope.entityRefs.filter(ref => !own.has(ref));
    if (foreign.length > 0) {
      throw new InputError(
        `scope.entityRefs: not entities of release "${
          release.title
        }": ${foreign.join(', ')}`,
      );
    }
    return [...new Set(scope.entityRefs)].sort();
  }

  /** Records an emergency decision as a high-severity audit event. */
  private async auditEmergency(rollback: Rollback, caller: Caller) {
    const event = await this.auditor.createEvent({
      eventId: 'release-rollback-emergency',
      severityLevel: 'high',
      meta: {
        releaseId: rollback.releaseId,
        actorRef: caller.userRef,
        releaseManager: caller.isReleaseManager,
        reason: rollback.decision.reason,
      },
    });
    await event.success();
  }

  /**
   * `rolling_back` is entered only by a decision, left for `rolled_back`
   * only when every step is done; a release whose plan lists steps goes
   * through a decision rather than straight to `rolled_back`.
   */
  private readonly guard: ReleaseTransitionGuard = async (release, input) => {
    if (input.to === 'rolling_back') {
      if (!(await this.store.getRollback(release.id))) {
        throw new ConflictError(
          `"${release.title}" is rolled back by a rollback decision: decide a rollback on the release page first`,
        );
      }
      return;
    }
    if (input.to !== 'rolled_back') return;
    if (release.state === 'rolling_back') {
      const rollback = await this.store.getRollback(release.id);
      const open = (rollback?.steps ?? []).filter(s => s.status !== 'done');
      if (open.length > 0) {
        throw new ConflictError(
          `"${
            release.title
          }" is rolled back once every step is done; open: ${open
            .map(s => `${s.index + 1}. ${s.title} (${s.status})`)
            .join('; ')}`,
        );
      }
      return;
    }
    const planned = rollbackPlanSteps(release.rollbackPlan).length;
    if (planned > 0) {
      throw new ConflictError(
        `"${release.title}" has a rollback plan of ${planned} step(s): decide a rollback on the release page and carry them out`,
      );
    }
  };
}
