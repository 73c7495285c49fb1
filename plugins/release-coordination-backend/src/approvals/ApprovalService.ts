import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ApprovalDecision,
  AFTER_ONLY_STATES,
  ApprovalDecisionValue,
  ApprovalInboxItem,
  ApprovalInboxQuery,
  DECIDABLE_STATES,
  ImpactReport,
  Page,
  Release,
  ReleaseApprovals,
  ReleaseState,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { ApprovalStore } from '../database/DatabaseApprovalStore';
import {
  ReleaseChangeListener,
  ReleaseService,
  ReleaseTransitionGuard,
} from '../releases/ReleaseService';
import {
  ApprovalPolicy,
  effectiveRule,
  Requirement,
  summarizeApprovals,
} from './approvalRules';
import { ImpactService } from '../impact/ImpactService';
import { lower } from '../releases/ReleaseAuthority';
import { ApprovalDeciders, decidingGroups } from './deciders';
import { RequiredApprovals } from './requiredApprovals';
import { ApprovalInbox } from './ApprovalInbox';
import { PLAN_FIELDS } from '../releases/releaseEdits';
import { UserCredentials } from '../credentials';

/** Transitions at which a standard release must still be low risk. */
const STANDARD_GUARDED: readonly ReleaseState[] = [
  'planned',
  'approved',
  'in_progress',
];

/** States in which a release went ahead on its approvals. */
const STARTED_STATES: readonly ReleaseState[] = [
  'in_progress',
  'released',
  'verified',
  'rolling_back',
  'rolled_back',
];

/**
 * What happened to the approvals of a release: groups decided, a decision
 * was withdrawn, or a new round asks the approvers (the plan changed).
 *
 * @public
 */
export type ApprovalEvent =
  | {
      kind: 'decided';
      release: Release;
      decisions: ApprovalDecision[];
      round: number;
    }
  | { kind: 'withdrawn'; release: Release }
  | {
      kind: 'requested';
      release: Release;
      actorRef: string;
      approvers: string[];
      round: number;
    };

/** Told of every {@link ApprovalEvent}; its failures do not undo the change. @public */
export type ApprovalListener = (event: ApprovalEvent) => Promise<void>;

/**
 * Approvals of releases: which groups must approve (derived from the catalog
 * and the policy), their decisions per round, and the gate on `approved`.
 *
 * @public
 */
export class ApprovalService {
  private readonly releases: ReleaseService;
  private readonly store: ApprovalStore;
  private readonly policy: ApprovalPolicy;
  private readonly listeners: ApprovalListener[] = [];
  private readonly logger?: LoggerService;
  private readonly impact?: Pick<ImpactService, 'releaseImpact'>;
  private readonly now: () => Date;
  private readonly required: RequiredApprovals;
  private readonly deciders: ApprovalDeciders;
  private readonly inboxOfCaller: ApprovalInbox;

  constructor(options: {
    releases: ReleaseService;
    store: ApprovalStore;
    userInfo: UserInfoService;
    permissions: PermissionsService;
    policy: ApprovalPolicy;
    /** Where failures after a change (a new round) are reported. */
    logger?: LoggerService;
    /** Impact and risk; with it, breaking or risky releases need the owners of affected dependents too. */
    impact?: Pick<ImpactService, 'releaseImpact'>;
    /** The clock deciding which approvals afterwards are overdue. */
    now?: () => Date;
  }) {
    this.releases = options.releases;
    this.store = options.store;
    this.policy = options.policy;
    this.logger = options.logger;
    this.impact = options.impact;
    this.now = options.now ?? (() => new Date());
    this.required = new RequiredApprovals({
      authority: options.releases.authority,
      policy: options.policy,
      impact: options.impact,
    });
    this.deciders = new ApprovalDeciders(options);
    this.inboxOfCaller = new ApprovalInbox({ ...options, approvals: this });
  }

  /**
   * The releases on which one of the caller's groups still has to decide
   * ({@link ApprovalInbox.list}).
   */
  inbox(
    query: ApprovalInboxQuery,
    credentials: UserCredentials,
  ): Promise<Page<ApprovalInboxItem>> {
    return this.inboxOfCaller.list(query, credentials);
  }

  /** Adds a listener told of every decision, withdrawal and new approval round. */
  addListener(listener: ApprovalListener) {
    this.listeners.push(listener);
  }

  private async emit(event: ApprovalEvent) {
    await Promise.allSettled(this.listeners.map(listener => listener(event)));
  }

  /** Hooks the approval gate and the approval rounds into the release lifecycle. */
  register() {
    this.releases.addTransitionGuard(this.guard);
    this.releases.addChangeListener(async change => {
      try {
        await this.onChange(change);
      } catch (error) {
        // the change itself is stored; say loudly what did not follow it
        this.logger?.error(
          `Approvals of release ${change.after.id} not updated after ${change.event.action}: ${error}`,
        );
      }
    });
  }

  /**
   * The groups a release needs approvals from, as the caller sees the
   * catalog ({@link RequiredApprovals.of}).
   */
  requiredApprovals(
    release: Release,
    credentials: BackstageCredentials,
    impactReport?: () => Promise<ImpactReport>,
  ): Promise<Requirement[]> {
    return this.required.of(release, credentials, impactReport);
  }

  /**
   * The approvals of a release in its current round without the caller's
   * part (for scheduled tasks: any credentials that may read the catalog):
   * who still has to decide before it may go ahead, who afterwards, by when
   * and who is overdue.
   */
  async pendingApprovers(
    release: Release,
    credentials: BackstageCredentials,
  ): Promise<ReleaseApprovals> {
    const [required, round] = await Promise.all([
      this.requiredApprovals(release, credentials),
      this.store.getRound(release.id),
    ]);
    const decisions = await this.store.listDecisions(release.id, round);
    return this.summarize(release, round, required, decisions, []);
  }

  private summarize(
    release: Release,
    round: number,
    required: Requirement[],
    decisions: ApprovalDecision[],
    mayDecide: string[],
  ): ReleaseApprovals {
    return summarizeApprovals({
      rule: effectiveRule(release, this.policy.rules),
      round,
      required,
      decisions,
      mayDecide,
      followUpDays: this.policy.followUpDays,
      now: this.now(),
    });
  }

  /**
   * The approvals of a release in its current round, with the groups the
   * caller may decide for (unless `forCaller` is false); `impactReport` lends
   * the release's impact when the caller has it already.
   */
  async getApprovals(
    release: Release,
    credentials: UserCredentials,
    options: {
      forCaller?: boolean;
      impactReport?: () => Promise<ImpactReport>;
    } = {},
  ): Promise<ReleaseApprovals> {
    const [required, round] = await Promise.all([
      this.requiredApprovals(release, credentials, options.impactReport),
      this.store.getRound(release.id),
    ]);
    const decisions = await this.store.listDecisions(release.id, round);
    let mayDecide: string[] = [];
    if (options.forCaller !== false) {
      const decided = new Set(decisions.map(d => d.groupRef));
      const open = required
        .map(r => r.groupRef)
        .filter(groupRef => !decided.has(groupRef));
      mayDecide = await this.deciders.decidableBy(
        release,
        open,
        required,
        credentials,
      );
    }
    return this.summarize(release, round, required, decisions, mayDecide);
  }

  /**
   * Records the caller's decision for every required group they are a member
   * of that has not decided yet in this round.
   */
  async decide(
    id: string,
    input: { decision: ApprovalDecisionValue; comment: string },
    credentials: UserCredentials,
  ): Promise<ReleaseApprovals> {
    const release = await this.releases.getRelease(id);
    if (
      !DECIDABLE_STATES.includes(release.state) &&
      !AFTER_ONLY_STATES.includes(release.state)
    ) {
      throw new ConflictError(
        `Release in state "${release.state}" takes no approval decisions`,
      );
    }
    const approvals = await this.getApprovals(release, credentials, {
      forCaller: false,
    });
    const memberOf = await this.deciders.memberships(
      decidingGroups(release, approvals.required),
      credentials,
    );
    if (memberOf.length === 0) {
      throw new NotAllowedError(
        approvals.required.length === 0
          ? `Release "${release.title}" needs no approvals`
          : `Only members of ${approvals.required
              .map(r => r.groupRef)
              .join(', ')} may decide on release "${release.title}"`,
      );
    }
    await this.deciders.checkMayDecide(release, credentials);
    const decided = new Set(approvals.decisions.map(d => d.groupRef));
    const open = memberOf.filter(groupRef => !decided.has(groupRef));
    if (open.length === 0) {
      throw new ConflictError(
        `${memberOf.join(', ')} already decided on release "${release.title}"`,
      );
    }

    const by = credentials.principal.userEntityRef;
    const at = this.now().toISOString();
    const made: ApprovalDecision[] = [];
    let conflict: unknown;
    for (const groupRef of open) {
      const decision = { groupRef, ...input, by, at };
      try {
        await this.store.addDecision(id, approvals.round, decision);
        made.push(decision);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        conflict = error;
      }
    }
    if (made.length === 0) throw conflict;
    await this.emit({
      kind: 'decided',
      release,
      decisions: made,
      round: approvals.round,
    });
    return this.getApprovals(release, credentials);
  }

  /** Withdraws a group's decision of the current round; only the member who made it may. */
  async withdraw(
    id: string,
    groupRef: string,
    credentials: UserCredentials,
  ): Promise<ReleaseApprovals> {
    const release = await this.releases.getRelease(id);
    const round = await this.store.getRound(id);
    const wanted = lower(groupRef);
    const decision = (await this.store.listDecisions(id, round)).find(
      d => d.groupRef === wanted,
    );
    if (!decision) {
      throw new NotFoundError(
        `${entityName(groupRef)} has no decision on release "${
          release.title
        }" in round ${round}`,
      );
    }
    const by = credentials.principal.userEntityRef;
    if (decision.by !== by) {
      throw new NotAllowedError(
        `Only ${entityName(
          decision.by,
        )}, who decided, may withdraw the decision of ${entityName(groupRef)}`,
      );
    }
    await this.deciders.checkMayDecide(release, credentials);
    const approvals = await this.getApprovals(release, credentials, {
      forCaller: false,
    });
    const before = approvals.required.some(
      r => r.groupRef === wanted && r.phase === 'before',
    );
    if (before && STARTED_STATES.includes(release.state)) {
      throw new ConflictError(
        `Release "${release.title}" is ${
          release.state
        }: the decision of ${entityName(
          groupRef,
        )} it went ahead on can no longer be withdrawn`,
      );
    }
    if (!(await this.store.deleteDecision(id, round, wanted, by))) {
      throw new NotFoundError(
        `${entityName(groupRef)} has no decision to withdraw`,
      );
    }
    // an approved release must have every approval it needs before
    const current =
      before && decision.decision === 'approve'
        ? await this.releases.returnToPlanned(
            release,
            `${by} withdrew the approval of ${wanted}`,
            credentials,
          )
        : release;
    await this.emit({ kind: 'withdrawn', release: current });
    return this.getApprovals(current, credentials);
  }

  /** Moving to `approved` needs every approval of this round and no rejection. */
  private readonly guard: ReleaseTransitionGuard = async (
    release,
    input,
    credentials,
  ) => {
    if (release.type === 'standard' && STANDARD_GUARDED.includes(input.to)) {
      await this.checkStandardRisk(release, credentials);
    }
    if (input.to !== 'approved') return;
    const approvals = await this.getApprovals(release, credentials, {
      forCaller: false,
    });
    if (approvals.complete) return;
    const reasons = [
      ...approvals.required
        .filter(r => r.status === 'rejected')
        .map(r => `rejected by ${entityName(r.groupRef)}`),
      ...approvals.pending.map(
        groupRef => `approval of ${entityName(groupRef)} missing`,
      ),
    ];
    throw new ConflictError(
      `Release "${release.title}" cannot be approved: ${reasons.join('; ')}`,
    );
  };

  /** A standard (pre-approved) release goes ahead only at low computed risk. */
  private async checkStandardRisk(
    release: Release,
    credentials: UserCredentials,
  ) {
    if (!this.impact) return;
    const report = await this.impact.releaseImpact(
      release.id,
      undefined,
      credentials,
    );
    const level = report.risk.computedLevel;
    if (level !== 'low') {
      throw new ConflictError(
        `Release "${release.title}" is a standard (pre-approved) change but its computed risk is ${level}; a standard change must stay low risk: plan it as a normal release`,
      );
    }
  }

  /**
   * A change to the window, entities or changes of a planned or approved
   * release starts a new approval round, and its history says so; the
   * listeners hear that the approvers are asked again.
   */
  private readonly onChange: ReleaseChangeListener = async ({
    before,
    after,
    event,
    credentials,
  }) => {
    const actorRef = credentials.principal.userEntityRef;
    if (
      before &&
      event.action === 'updated' &&
      (before.state === 'planned' || before.state === 'approved')
    ) {
      const fields = event.changes
        .map(c => c.field)
        .filter(field => (PLAN_FIELDS as readonly string[]).includes(field));
      if (fields.length > 0) {
        const previous = await this.store.getRound(after.id);
        const round = await this.store.startNewRound(after.id, {
          action: 'approvals-reset',
          actorRef,
          createdAt: new Date().toISOString(),
          changes: [
            { field: 'approvalRound', before: previous, after: previous + 1 },
          ],
          reason: `The plan changed (${fields.join(
            ', ',
          )}): earlier approval decisions no longer count`,
        });
        const approvals = await this.getApprovals(after, credentials, {
          forCaller: false,
        });
        await this.emit({
          kind: 'requested',
          release: after,
          actorRef,
          approvers: approvals.pending,
          round,
        });
      }
    }
  };
}
