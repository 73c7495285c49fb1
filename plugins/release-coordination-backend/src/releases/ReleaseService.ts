import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import {
  ACTIVE_RELEASE_STATES,
  CreateReleaseInput,
  DEFAULT_RELEASE_MANAGER_GROUP,
  HandoverRequest,
  StandardChange,
  isTransitionAllowed,
  ListReleasesQuery,
  Page,
  Release,
  ReleaseEvent,
  ReleaseFieldChange,
  ReleaseState,
  freezeManagePermission,
  releaseCreatePermission,
  releaseReadPermission,
  releaseUpdatePermission,
  UpdateReleaseInput,
} from '@internal/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import {
  NewReleaseEvent,
  ReleaseFields,
  ReleaseStore,
} from '../database/ReleaseStore';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { assertRevision } from '../revisions';
import { Caller, ReleaseAuthority } from './ReleaseAuthority';
import { standardChangeProblems } from './standardChanges';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * The input of a lifecycle transition.
 *
 * @public
 */
export interface ReleaseTransitionInput {
  to: ReleaseState;
  reason?: string;
  /**
   * Goes ahead although a guard would refuse it, where the guard allows that
   * (starting outside the window, an emergency that is not ready), recorded
   * with its reason in the history and the audit log.
   */
  override?: { reason: string };
}

/** How long before its window a release may start, unless configured. */
export const DEFAULT_START_LEAD_MINUTES = 60;

/** Fields whose change after approval sends a release back to `planned`. */
const PLAN_FIELDS = [
  'window',
  'entityRefs',
  'changes',
  'type',
  'standardChangeId',
] as const;

/** Fields that cannot change once a release is in progress. */
const FIXED_IN_PROGRESS = ['entityRefs', 'type', 'standardChangeId'] as const;

/**
 * Checked before a release moves; throws (e.g. `ConflictError`) to refuse.
 *
 * @public
 */
export type ReleaseTransitionGuard = (
  release: Release,
  input: ReleaseTransitionInput,
  credentials: UserCredentials,
) => Promise<void>;

/**
 * Told after a release was created or changed (`before` absent on create).
 * Failures are the listener's own business: they do not fail the change.
 *
 * @public
 */
export type ReleaseChangeListener = (change: {
  before?: Release;
  after: Release;
  event: NewReleaseEvent;
  credentials: UserCredentials;
}) => Promise<void>;

/**
 * The rules of release plans: lifecycle, ownership, catalog checks,
 * authorization and history.
 *
 * @public
 */
export class ReleaseService {
  private readonly store: ReleaseStore;
  private readonly catalog: CatalogModel;
  private readonly permissions: PermissionsService;
  /** Who may act for which entities. */
  readonly authority: ReleaseAuthority;
  private readonly standardChanges: StandardChange[];
  private readonly startLeadMs: number;
  private readonly now: () => Date;
  private readonly guards: ReleaseTransitionGuard[] = [];
  private readonly listeners: ReleaseChangeListener[] = [];

  constructor(options: {
    store: ReleaseStore;
    catalog: CatalogModel;
    permissions: PermissionsService;
    userInfo: UserInfoService;
    /** The release managers, who may act on every release (default `DEFAULT_RELEASE_MANAGER_GROUP`). */
    releaseManagerGroup?: string;
    /** The declared standard changes that `standard` releases must follow. */
    standardChanges?: StandardChange[];
    /** How long before its window a release may start (default {@link DEFAULT_START_LEAD_MINUTES}). */
    startLeadMinutes?: number;
    /** The clock, for tests. */
    now?: () => Date;
  }) {
    this.store = options.store;
    this.catalog = options.catalog;
    this.permissions = options.permissions;
    this.authority = new ReleaseAuthority({
      catalog: options.catalog,
      userInfo: options.userInfo,
      releaseManagerGroup:
        options.releaseManagerGroup ?? DEFAULT_RELEASE_MANAGER_GROUP,
    });
    this.standardChanges = options.standardChanges ?? [];
    this.startLeadMs =
      (options.startLeadMinutes ?? DEFAULT_START_LEAD_MINUTES) * 60_000;
    this.now = options.now ?? (() => new Date());
  }

  /** The declared standard changes. */
  listStandardChanges(): StandardChange[] {
    return this.standardChanges;
  }

  /** Adds a check that every transition must pass. */
  addTransitionGuard(guard: ReleaseTransitionGuard) {
    this.guards.push(guard);
  }

  /** Adds a listener told about every created or changed release. */
  addChangeListener(listener: ReleaseChangeListener) {
    this.listeners.push(listener);
  }

  private async changed(
    change: Parameters<ReleaseChangeListener>[0],
  ): Promise<Release> {
    await Promise.allSettled(this.listeners.map(listener => listener(change)));
    return change.after;
  }

  /**
   * Lists releases; `system` and `domain` also match releases of the entities
   * that are part of them, as the caller sees the catalog.
   */
  async listReleases(
    query: ListReleasesQuery,
    credentials: UserCredentials,
  ): Promise<Page<Release>> {
    const entityRefGroups: string[][] = [];
    if (query.entityRef?.length) {
      entityRefGroups.push(query.entityRef);
    }
    if (query.system) {
      const parts = await this.catalog.partsOf([query.system], credentials);
      entityRefGroups.push([query.system, ...parts]);
    }
    if (query.domain) {
      const systems = await this.catalog.partsOf([query.domain], credentials);
      const parts = await this.catalog.partsOf(systems, credentials);
      entityRefGroups.push([query.domain, ...systems, ...parts]);
    }
    const page = await this.store.listReleases({
      entityRefGroups,
      draftOwnerRefs: await this.draftOwnerRefs(credentials),
      ownerRef: query.owner,
      from: query.from,
      to: query.to,
      states: query.state,
      types: query.type,
      order: query.order,
      limit: query.limit,
      cursor: query.cursor,
    });
    return {
      ...page,
      items: await this.visibleReleases(page.items, credentials),
    };
  }

  /**
   * A release as the caller may see it: a draft only for its owners, and
   * only if `release.read` allows it; otherwise it is not found (404).
   */
  async getReadableRelease(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    const release = await this.getRelease(id);
    if ((await this.visibleReleases([release], credentials)).length === 0) {
      throw new NotFoundError(`Release ${id} not found`);
    }
    return release;
  }

  /**
   * Of the given releases, those the caller may see, in order: every release
   * but a draft; a draft only for the members of the group that owns it or
   * was offered it, and for its creator until another group accepted it, and
   * then only if `release.read` allows it.
   */
  async visibleReleases<
    T extends Pick<Release, 'id' | 'state' | 'ownerRef'> &
      Partial<Pick<Release, 'pendingOwnerRef' | 'createdBy' | 'handedOverAt'>>,
  >(releases: T[], credentials: UserCredentials): Promise<T[]> {
    const drafts = releases.filter(r => r.state === 'draft');
    if (drafts.length === 0) return releases;
    const mine = new Set(await this.draftOwnerRefs(credentials));
    const readable = await this.readableDrafts(
      drafts.filter(
        r =>
          mine.has(r.ownerRef) ||
          (r.pendingOwnerRef !== undefined && mine.has(r.pendingOwnerRef)) ||
          (r.createdBy !== undefined &&
            !r.handedOverAt &&
            mine.has(r.createdBy.toLocaleLowerCase('en-US'))),
      ),
      credentials,
    );
    return releases.filter(r => r.state !== 'draft' || readable.has(r.id));
  }

  /**
   * The caller's user ref and groups, lower-case: a viewer's refs for the
   * store's draft filter (drafts owned by, offered to or created by them;
   * then only if `release.read` allows it).
   */
  async draftOwnerRefs(credentials: UserCredentials): Promise<string[]> {
    return (await this.authority.caller(credentials)).refs;
  }

  /** Ids of the given drafts that `release.read` allows the caller to read. */
  private async readableDrafts(
    drafts: Pick<Release, 'id'>[],
    credentials: UserCredentials,
  ): Promise<Set<string>> {
    if (drafts.length === 0) return new Set();
    const decisions = await this.permissions.authorize(
      drafts.map(r => ({
        permission: releaseReadPermission,
        resourceRef: r.id,
      })),
      { credentials },
    );
    return new Set(
      drafts
        .filter((_, i) => decisions[i]?.result === AuthorizeResult.ALLOW)
        .map(r => r.id),
    );
  }

  async getRelease(id: string): Promise<Release> {
    const release = await this.store.getRelease(id);
    if (!release) {
      throw new NotFoundError(`Release ${id} not found`);
    }
    return release;
  }

  /** The history of a release, oldest first. */
  async listEvents(id: string): Promise<ReleaseEvent[]> {
    await this.getRelease(id);
    return this.store.listEvents(id);
  }

  /**
   * Creates a draft release after checking every ref against the catalog.
   * It is owned by a group of the caller's: `ownerRef`, or by default the
   * caller's group that holds most of its entities. Entities the owner does
   * not hold need their owners' approval before the release counts.
   */
  async createRelease(
    input: CreateReleaseInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    await this.authorize({ permission: releaseCreatePermission }, credentials);
    const caller = await this.authority.caller(credentials);
    if (caller.groups.length === 0) {
      throw new NotAllowedError(
        'You are not a member of any group in the catalog, and releases are owned by groups; ask to be added to your team',
      );
    }
    this.checkStandardChange(input);
    await this.checkRefs(input, input.ownerRef, credentials);
    await this.checkOwnersExist(input.entityRefs, credentials);
    const ownerRef =
      input.ownerRef ??
      (await this.defaultOwner(caller, input.entityRefs, credentials));
    this.checkMembership(caller, ownerRef);
    const id = randomUUID();
    await this.checkAfter(id, input.after);

    const now = this.now().toISOString();
    const actorRef = credentials.principal.userEntityRef;
    const createdEvent = {
      action: 'created' as const,
      actorRef,
      createdAt: now,
      changes: [],
    };
    const created = await this.store.createRelease(
      {
        id,
        title: input.title,
        version: input.version,
        type: input.type,
        state: 'draft',
        window: input.window,
        entityRefs: input.entityRefs,
        ownerRef,
        description: input.description,
        ...(input.rollbackPlan && { rollbackPlan: input.rollbackPlan }),
        changes: input.changes,
        ...(input.after?.length && { after: input.after }),
        ...(input.standardChangeId && {
          standardChangeId: input.standardChangeId,
        }),
        createdBy: actorRef,
        createdAt: now,
        updatedAt: now,
        revision: 1,
      },
      [createdEvent],
    );
    return this.changed({ after: created, event: createdEvent, credentials });
  }

  /**
   * Edits a release that is not finished yet, if the caller still saw its
   * latest revision. Returns it unchanged if nothing differs. A change to
   * the plan of an approved release sends it back to `planned` (a new
   * approval round); a release in progress keeps its entities and type.
   */
  async updateRelease(
    id: string,
    input: UpdateReleaseInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    const { current, caller } = await this.getChangeable(id, credentials);
    assertRevision(`Release ${id}`, current.revision, input.revision);

    const { revision, ...requested } = input;
    const fields: Partial<ReleaseFields> = {
      ...requested,
      ...(requested.entityRefs && {
        entityRefs: [...requested.entityRefs].sort(),
      }),
      // a release that stops being standard no longer follows a standard change
      ...(requested.type &&
        requested.type !== 'standard' &&
        current.standardChangeId &&
        !requested.standardChangeId && { standardChangeId: null }),
    };
    const changes = diff(current, fields);
    if (changes.length === 0) {
      return current;
    }
    const changed = new Set(changes.map(c => c.field));
    const fixed = FIXED_IN_PROGRESS.filter(field => changed.has(field));
    if (current.state === 'in_progress' && fixed.length > 0) {
      throw new ConflictError(
        `${fixed.join(
          ', ',
        )}: cannot change while the release is in progress; cancel it and plan a new one`,
      );
    }
    this.checkStandardChange({
      ...current,
      ...fields,
      standardChangeId: fields.standardChangeId ?? undefined,
    });
    await this.checkAfter(id, fields.after);
    if (changed.has('ownerRef')) {
      this.checkMembership(caller, fields.ownerRef!, 'hand-over');
    }
    if (changed.has('entityRefs') || changed.has('changes')) {
      await this.checkRefs(
        {
          entityRefs: changed.has('entityRefs') ? fields.entityRefs! : [],
          changes: changed.has('changes') ? fields.changes! : [],
        },
        undefined,
        credentials,
      );
    }
    if (changed.has('entityRefs')) {
      await this.checkOwnersExist(fields.entityRefs!, credentials);
    }
    const replanned =
      current.state === 'approved' &&
      PLAN_FIELDS.some(field => changed.has(field));
    if (replanned) {
      fields.state = 'planned';
      changes.push({ field: 'state', before: current.state, after: 'planned' });
    }
    if (changed.has('ownerRef') && current.pendingOwnerRef) {
      fields.pendingOwnerRef = null;
    }
    const event: NewReleaseEvent = {
      action: 'updated',
      actorRef: credentials.principal.userEntityRef,
      createdAt: this.now().toISOString(),
      changes,
      ...(replanned && {
        reason:
          'The plan of an approved release changed: back to planned for a new approval round',
      }),
    };
    const updated = await this.store.updateRelease({
      id,
      revision,
      fields,
      event,
    });
    return this.changed({
      before: current,
      after: updated,
      event,
      credentials,
    });
  }

  /**
   * Moves a release to another state of its lifecycle. Its creator may
   * withdraw (cancel) it until another group accepted it; it may start
   * (`in_progress`) from the configured lead before its window until the
   * window ends, or outside with an override; it cannot be released or
   * verified before its window started.
   */
  async transitionRelease(
    id: string,
    input: ReleaseTransitionInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getRelease(id);
    const caller = await this.authority.caller(credentials);
    const withdrawal =
      input.to === 'cancelled' && this.authority.isCreator(caller, current);
    if (!withdrawal) await this.authorizeChange(current, credentials, caller);
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
    this.checkTiming(current, input);
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
    const moved = await this.store.updateRelease({
      id: current.id,
      revision: current.revision,
      fields: {
        state: input.to,
        ...(input.to === 'planned' && { plannedType: current.type }),
      },
      event,
    });
    return this.changed({ before: current, after: moved, event, credentials });
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

  /** A release starts near its window and is released only once its window started. */
  private checkTiming(release: Release, input: ReleaseTransitionInput) {
    const now = this.now().getTime();
    const start = Date.parse(release.window.start);
    const end = Date.parse(release.window.end);
    if (input.to === 'in_progress' && !input.override) {
      const lead = Math.round(this.startLeadMs / 60_000);
      if (now < start - this.startLeadMs) {
        throw new ConflictError(
          `Release ${release.id} cannot start before ${new Date(
            start - this.startLeadMs,
          ).toISOString()} (${lead} minutes before its window); move its window or start it with an override and a reason`,
        );
      }
      if (now > end) {
        throw new ConflictError(
          `Release ${release.id} cannot start after its window ended at ${release.window.end}; move its window or start it with an override and a reason`,
        );
      }
    }
    if ((input.to === 'released' || input.to === 'verified') && now < start) {
      throw new ConflictError(
        `Release ${release.id} cannot be ${input.to} before its window starts at ${release.window.start}`,
      );
    }
  }

  /**
   * Lets a release go ahead despite the freezes that apply to it, with a
   * written reason, recorded in its history (who may: {@link getOverridable}).
   */
  async setFreezeOverride(
    id: string,
    input: { reason: string },
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getOverridable(id, credentials);
    const at = this.now().toISOString();
    const freezeOverride = {
      reason: input.reason,
      by: credentials.principal.userEntityRef,
      at,
    };
    return this.storeChange(current, credentials, {
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
  async clearFreezeOverride(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getOverridable(id, credentials);
    if (!current.freezeOverride) return current;
    return this.storeChange(current, credentials, {
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

  /**
   * Tells the change listeners (approvals, notifications, signals) of a
   * change stored elsewhere, e.g. a risk override: every change to a release
   * reaches them through here or the methods above.
   */
  async recordChange(
    release: Release,
    event: NewReleaseEvent,
    credentials: UserCredentials,
  ): Promise<void> {
    await this.changed({ before: release, after: release, event, credentials });
  }

  /**
   * Offers the release to another group (hand-over); it stays with its
   * owners until a member of that group accepts.
   */
  async offerHandover(
    id: string,
    input: HandoverRequest,
    credentials: UserCredentials,
  ): Promise<Release> {
    const { current } = await this.getChangeable(id, credentials);
    const toGroupRef = input.toGroupRef.toLocaleLowerCase('en-US');
    if (toGroupRef === current.ownerRef) {
      throw new InputError(
        `toGroupRef: ${toGroupRef} owns the release already`,
      );
    }
    await this.checkRefs({ entityRefs: [] }, toGroupRef, credentials);
    return this.storeChange(current, credentials, {
      action: 'handover-offered',
      fields: { pendingOwnerRef: toGroupRef },
      reason: input.reason,
    });
  }

  /** A member of the group the release was offered to takes it over. */
  async acceptHandover(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    const { current, caller, offered } = await this.getOffered(id, credentials);
    if (!caller.refs.includes(offered)) {
      throw new NotAllowedError(
        `Only members of ${offered} may accept release ${id}`,
      );
    }
    await this.authorize(
      { permission: releaseUpdatePermission, resourceRef: id },
      credentials,
    );
    return this.storeChange(current, credentials, {
      action: 'handover-accepted',
      fields: {
        ownerRef: offered,
        pendingOwnerRef: null,
        handedOverAt: this.now().toISOString(),
      },
    });
  }

  /** The owners withdraw their offer, or the group it was offered to declines it. */
  async cancelHandover(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    const { current, caller, offered } = await this.getOffered(id, credentials);
    if (!caller.refs.includes(offered)) {
      await this.authorizeChange(current, credentials, caller);
    }
    return this.storeChange(current, credentials, {
      action: 'handover-cancelled',
      fields: { pendingOwnerRef: null },
    });
  }

  /** An unfinished release offered to a group, with the caller and that group. */
  private async getOffered(id: string, credentials: UserCredentials) {
    const current = await this.getActive(id);
    const offered = current.pendingOwnerRef;
    if (!offered) {
      throw new ConflictError(`Release ${id} is not offered to any group`);
    }
    const caller = await this.authority.caller(credentials);
    return { current, caller, offered };
  }

  /**
   * Stores a change of fields at the release's current revision with its
   * history event (changes as `diff` finds them unless given), and tells the
   * change listeners.
   */
  private async storeChange(
    current: Release,
    credentials: UserCredentials,
    step: {
      action: NewReleaseEvent['action'];
      fields: Partial<ReleaseFields>;
      changes?: ReleaseFieldChange[];
      reason?: string;
      at?: string;
    },
  ): Promise<Release> {
    const event: NewReleaseEvent = {
      action: step.action,
      actorRef: credentials.principal.userEntityRef,
      createdAt: step.at ?? this.now().toISOString(),
      changes: step.changes ?? diff(current, step.fields),
      ...(step.reason && { reason: step.reason }),
    };
    const updated = await this.store.updateRelease({
      id: current.id,
      revision: current.revision,
      fields: step.fields,
      event,
    });
    return this.changed({
      before: current,
      after: updated,
      event,
      credentials,
    });
  }

  /** A release that is not finished yet. */
  private async getActive(id: string): Promise<Release> {
    const current = await this.getRelease(id);
    if (!ACTIVE_RELEASE_STATES.includes(current.state)) {
      throw new ConflictError(
        `Release in state "${current.state}" can no longer be edited`,
      );
    }
    return current;
  }

  /** A release the caller may change and that is not finished yet. */
  private async getChangeable(
    id: string,
    credentials: UserCredentials,
  ): Promise<{ current: Release; caller: Caller }> {
    const current = await this.getRelease(id);
    const caller = await this.authorizeChange(current, credentials);
    await this.getActive(id);
    return { current, caller };
  }

  /** The releases a release must follow exist and are not itself. */
  private async checkAfter(id: string, after: string[] | undefined) {
    if (!after?.length) return;
    if (after.includes(id)) {
      throw new InputError('after: a release cannot follow itself');
    }
    const found = new Set((await this.store.getReleases(after)).map(r => r.id));
    const unknown = after.filter(afterId => !found.has(afterId));
    if (unknown.length > 0) {
      throw new InputError(`after: unknown release(s) ${unknown.join(', ')}`);
    }
  }

  private async authorize(
    request: AuthorizePermissionRequest,
    credentials: UserCredentials,
  ) {
    const [decision] = await this.permissions.authorize([request], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed by permission ${request.permission.name}`,
      );
    }
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
    const caller = known ?? (await this.authority.caller(credentials));
    if (
      !this.authority.isOwnerMember(caller, release) &&
      !caller.isReleaseManager
    ) {
      throw new NotAllowedError(
        `Only members of ${release.ownerRef} or the release managers may change this release`,
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
  private async getOverridable(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getActive(id);
    const caller = await this.authority.caller(credentials);
    if (caller.isReleaseManager) return current;
    const [manage] = await this.permissions.authorize(
      [{ permission: freezeManagePermission }],
      { credentials },
    );
    if (manage.result === AuthorizeResult.ALLOW) return current;
    await this.authorizeChange(current, credentials, caller);
    const foreign = await this.authority.foreignEntities(
      caller.groups,
      current.entityRefs,
      credentials,
    );
    if (foreign.length === 0) return current;
    throw new NotAllowedError(
      `Only the owners of ${foreign
        .map(f => (f.ownerRef ? `${f.entityRef} (${f.ownerRef})` : f.entityRef))
        .join(
          ', ',
        )}, the release managers or platform admins may override freezes on them`,
    );
  }

  /** A release is owned by a group of the caller's. */
  private checkMembership(
    caller: Caller,
    ownerRef: string,
    otherwise: 'create' | 'hand-over' = 'create',
  ) {
    if (caller.refs.includes(ownerRef.toLocaleLowerCase('en-US'))) return;
    throw new NotAllowedError(
      `ownerRef: you are not a member of ${ownerRef}; ${
        otherwise === 'create'
          ? `a release is owned by one of your groups (${caller.groups.join(
              ', ',
            )}); to plan for another team, plan it for your group and hand it over`
          : `offer the release to it instead (POST /releases/:id/handover), and a member of ${ownerRef} accepts it`
      }`,
    );
  }

  /** A `standard` release follows a declared standard change. */
  private checkStandardChange(
    release: Pick<
      Release,
      'type' | 'entityRefs' | 'changes' | 'standardChangeId'
    >,
  ) {
    const problems = standardChangeProblems(release, this.standardChanges);
    if (problems.length > 0) throw new InputError(problems.join('; '));
  }

  /**
   * Checks the entity refs, the refs of the changes and the owner ref against
   * the catalog in one request, as the caller sees it.
   */
  private async checkRefs(
    release: Pick<Release, 'entityRefs'> & Partial<Pick<Release, 'changes'>>,
    ownerRef: string | undefined,
    credentials: UserCredentials,
  ): Promise<void> {
    const named = [
      ...release.entityRefs.map((ref, i) => ({
        field: `entityRefs.${i}`,
        ref,
      })),
      ...(release.changes ?? []).flatMap((change, i) =>
        change.entityRef
          ? [{ field: `changes.${i}.entityRef`, ref: change.entityRef }]
          : [],
      ),
      ...(ownerRef ? [{ field: 'ownerRef', ref: ownerRef }] : []),
    ];
    if (named.length === 0) return;
    const found = await this.catalog.readable(
      named.map(n => n.ref),
      credentials,
    );
    const unknown = named.filter(n => !found.has(n.ref));
    if (unknown.length > 0) {
      throw new InputError(
        unknown
          .map(n => `${n.field}: ${n.ref} is not in the catalog`)
          .join('; '),
      );
    }
  }

  /** Every entity's declared owner is in the catalog, or nobody could act for it. */
  private async checkOwnersExist(
    entityRefs: string[],
    credentials: UserCredentials,
  ) {
    const dangling = await this.authority.danglingOwners(
      entityRefs,
      credentials,
    );
    if (dangling.length === 0) return;
    throw new InputError(
      dangling
        .map(
          ({ entityRef, ownerRef }) =>
            `entityRefs.${entityRefs.indexOf(
              entityRef,
            )}: ${entityRef} is owned by ${ownerRef}, which is not in the catalog, so nobody can approve for it; correct spec.owner of ${entityRef} or add ${ownerRef} to the catalog`,
        )
        .join('; '),
    );
  }

  /**
   * The caller's group that holds most of the entities (ties: the first by
   * ref); with none holding any, the caller's only group.
   */
  private async defaultOwner(
    caller: Caller,
    entityRefs: string[],
    credentials: UserCredentials,
  ): Promise<string> {
    const groups = [...caller.groups].sort();
    const held = await Promise.all(
      groups.map(async group => {
        const foreign = await this.authority.foreignEntities(
          [group],
          entityRefs,
          credentials,
        );
        return entityRefs.length - foreign.length;
      }),
    );
    const most = Math.max(...held);
    if (most > 0) return groups[held.indexOf(most)];
    if (groups.length === 1) return groups[0];
    throw new InputError(
      `ownerRef: required, since none of your groups (${groups.join(
        ', ',
      )}) owns ${entityRefs.join(', ')}`,
    );
  }
}

/** What an optional field absent from a release amounts to, when compared. */
const ABSENT_AS: Partial<Record<keyof ReleaseFields, unknown>> = {
  after: [],
  rollbackPlan: '',
};

function diff(
  current: Release,
  fields: Partial<ReleaseFields>,
): ReleaseFieldChange[] {
  return Object.entries(fields)
    .filter(
      ([field, after]) =>
        JSON.stringify(
          current[field as keyof ReleaseFields] ??
            ABSENT_AS[field as keyof ReleaseFields],
        ) !== JSON.stringify(after),
    )
    .map(([field, after]) => ({
      field,
      before: current[field as keyof ReleaseFields],
      after,
    }));
}
