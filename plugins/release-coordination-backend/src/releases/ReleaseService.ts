import {
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  CreateReleaseInput,
  DEFAULT_RELEASE_MANAGER_GROUP,
  HandoverRequest,
  StandardChange,
  ListReleasesQuery,
  Page,
  Release,
  ReleaseEvent,
  ReleaseState,
  releaseCreatePermission,
  UpdateReleaseInput,
  DEFAULT_START_LEAD_MINUTES,
} from '@internal/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import {
  NewReleaseEvent,
  ReleaseStore,
  WriteAlongside,
} from '../database/ReleaseStore';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { assertRevision } from '../revisions';
import { DraftVisibility } from './DraftVisibility';
import { fieldChanges } from './fieldChanges';
import { FreezeOverrides } from './freezeOverride';
import { ReleaseHandover } from './handover';
import { ReleasePlanChecks } from './planChecks';
import { ReleaseAccess } from './ReleaseAccess';
import { Caller, ReleaseAuthority } from './ReleaseAuthority';
import { ReleaseRecorder } from './ReleaseRecorder';
import {
  checkFixedInProgress,
  editEvent,
  requestedFields,
} from './releaseEdits';
import { ReleaseTransitions } from './transitions';
import { UserCredentials, ReaderCredentials } from '../credentials';

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
 * authorization and history. Each rule lives in its own module of this
 * folder; this service puts them together.
 *
 * @public
 */
export class ReleaseService {
  private readonly store: ReleaseStore;
  private readonly catalog: CatalogModel;
  /** Who may act for which entities. */
  readonly authority: ReleaseAuthority;
  private readonly standardChanges: StandardChange[];
  private readonly now: () => Date;
  private readonly access: ReleaseAccess;
  private readonly visibility: DraftVisibility;
  private readonly checks: ReleasePlanChecks;
  private readonly recorder: ReleaseRecorder;
  private readonly transitions: ReleaseTransitions;
  private readonly handover: ReleaseHandover;
  private readonly freezeOverrides: FreezeOverrides;

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
    const { store, catalog, permissions } = options;
    const now = options.now ?? (() => new Date());
    const authority = new ReleaseAuthority({
      catalog,
      userInfo: options.userInfo,
      releaseManagerGroup:
        options.releaseManagerGroup ?? DEFAULT_RELEASE_MANAGER_GROUP,
    });
    const standardChanges = options.standardChanges ?? [];
    const access = new ReleaseAccess({ store, permissions, authority });
    const checks = new ReleasePlanChecks({
      store,
      catalog,
      authority,
      standardChanges,
    });
    const recorder = new ReleaseRecorder({ store, now });
    this.store = store;
    this.catalog = catalog;
    this.authority = authority;
    this.standardChanges = standardChanges;
    this.now = now;
    this.access = access;
    this.visibility = new DraftVisibility({ authority, permissions });
    this.checks = checks;
    this.recorder = recorder;
    this.transitions = new ReleaseTransitions({
      access,
      authority,
      recorder,
      startLeadMs:
        (options.startLeadMinutes ?? DEFAULT_START_LEAD_MINUTES) * 60_000,
      now,
    });
    this.handover = new ReleaseHandover({
      access,
      authority,
      checks,
      recorder,
      now,
    });
    this.freezeOverrides = new FreezeOverrides({ access, recorder, now });
  }

  /** The declared standard changes. */
  listStandardChanges(): StandardChange[] {
    return this.standardChanges;
  }

  /** Adds a check that every transition must pass. */
  addTransitionGuard(guard: ReleaseTransitionGuard) {
    this.transitions.addGuard(guard);
  }

  /** Adds a listener told about every created or changed release. */
  addChangeListener(listener: ReleaseChangeListener) {
    this.recorder.addChangeListener(listener);
  }

  /**
   * Lists releases; `system` and `domain` also match releases of the entities
   * that are part of them, as the caller sees the catalog.
   */
  async listReleases(
    query: ListReleasesQuery,
    credentials: ReaderCredentials,
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

  /** Of the given releases, those the caller may see ({@link DraftVisibility.visibleReleases}). */
  visibleReleases<
    T extends Pick<Release, 'id' | 'state' | 'ownerRef'> &
      Partial<Pick<Release, 'pendingOwnerRef' | 'createdBy' | 'handedOverAt'>>,
  >(releases: T[], credentials: ReaderCredentials): Promise<T[]> {
    return this.visibility.visibleReleases(releases, credentials);
  }

  /** The caller's refs for the store's draft filter ({@link DraftVisibility.draftOwnerRefs}). */
  draftOwnerRefs(credentials: ReaderCredentials): Promise<string[]> {
    return this.visibility.draftOwnerRefs(credentials);
  }

  /** A release; `NotFoundError` if there is none. */
  getRelease(id: string): Promise<Release> {
    return this.access.getRelease(id);
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
    await this.access.authorize(
      { permission: releaseCreatePermission },
      credentials,
    );
    const caller = await this.authority.caller(credentials);
    if (caller.groups.length === 0) {
      throw new NotAllowedError(
        'You are not a member of any group in the catalog, and releases are owned by groups; ask to be added to your team',
      );
    }
    this.checks.checkStandardChange(input);
    await this.checks.checkRefs(input, input.ownerRef, credentials);
    await this.checks.checkOwnersExist(input.entityRefs, credentials);
    const ownerRef =
      input.ownerRef ??
      (await this.checks.defaultOwner(caller, input.entityRefs, credentials));
    this.checks.checkMembership(caller, ownerRef);
    const id = randomUUID();
    await this.checks.checkAfter(id, input.after);

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
    return this.recorder.changed({
      after: created,
      event: createdEvent,
      credentials,
    });
  }

  /**
   * Edits a release that is not finished yet, if the caller still saw its
   * latest revision. Returns it unchanged if nothing differs. A change to
   * the plan of an approved release sends it back to `planned` (a new
   * approval round); a release in progress keeps its entities and type.
   * `alongside` is written in the same transaction, at that revision.
   */
  async updateRelease(
    id: string,
    input: UpdateReleaseInput,
    credentials: UserCredentials,
    alongside?: WriteAlongside,
  ): Promise<Release> {
    const { current, caller } = await this.access.getChangeable(
      id,
      credentials,
    );
    assertRevision(
      `Release "${current.title}"`,
      current.revision,
      input.revision,
    );

    const { revision, ...requested } = input;
    const fields = requestedFields(current, requested);
    const changes = fieldChanges(current, fields);
    if (changes.length === 0) {
      if (alongside) {
        await this.store.writeAtRevision(id, current.revision, alongside);
      }
      return current;
    }
    const changed = new Set(changes.map(c => c.field));
    checkFixedInProgress(current, changed);
    this.checks.checkStandardChange({
      ...current,
      ...fields,
      standardChangeId: fields.standardChangeId ?? undefined,
    });
    await this.checks.checkAfter(id, fields.after);
    if (changed.has('ownerRef')) {
      this.checks.checkMembership(caller, fields.ownerRef!, 'hand-over');
    }
    if (changed.has('entityRefs') || changed.has('changes')) {
      await this.checks.checkRefs(
        {
          entityRefs: changed.has('entityRefs') ? fields.entityRefs! : [],
          changes: changed.has('changes') ? fields.changes! : [],
        },
        undefined,
        credentials,
      );
    }
    if (changed.has('entityRefs')) {
      await this.checks.checkOwnersExist(fields.entityRefs!, credentials);
    }
    const event = editEvent(current, fields, changes, {
      actorRef: credentials.principal.userEntityRef,
      createdAt: this.now().toISOString(),
    });
    return this.recorder.storeEvent(
      current,
      fields,
      event,
      credentials,
      alongside,
    );
  }

  /** Moves a release to another state of its lifecycle ({@link ReleaseTransitions.transition}). */
  transitionRelease(
    id: string,
    input: ReleaseTransitionInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    return this.transitions.transition(id, input, credentials);
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
    return this.transitions.transitionAuthorized(current, input, credentials);
  }

  /**
   * Sends an approved release back to `planned`, because an approval it
   * relied on was withdrawn (not a user's transition: no guards).
   */
  returnToPlanned(
    release: Release,
    reason: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    return this.transitions.returnToPlanned(release, reason, credentials);
  }

  /** Lets a release go ahead despite the freezes that apply to it ({@link FreezeOverrides.set}). */
  setFreezeOverride(
    id: string,
    input: { reason: string },
    credentials: UserCredentials,
  ): Promise<Release> {
    return this.freezeOverrides.set(id, input, credentials);
  }

  /** Removes the freeze override of a release; returns it unchanged if it has none. */
  clearFreezeOverride(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    return this.freezeOverrides.clear(id, credentials);
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
    await this.recorder.changed({
      before: release,
      after: release,
      event,
      credentials,
    });
  }

  /** Offers the release to another group ({@link ReleaseHandover.offer}). */
  offerHandover(
    id: string,
    input: HandoverRequest,
    credentials: UserCredentials,
  ): Promise<Release> {
    return this.handover.offer(id, input, credentials);
  }

  /** A member of the group the release was offered to takes it over. */
  acceptHandover(id: string, credentials: UserCredentials): Promise<Release> {
    return this.handover.accept(id, credentials);
  }

  /** The owners withdraw their offer, or the group it was offered to declines it. */
  cancelHandover(id: string, credentials: UserCredentials): Promise<Release> {
    return this.handover.cancel(id, credentials);
  }

  /**
   * Members of the owning group and release managers may change a release,
   * if `release.update` allows it; throws `NotAllowedError` otherwise.
   */
  authorizeChange(
    release: Release,
    credentials: UserCredentials,
    known?: Caller,
  ): Promise<Caller> {
    return this.access.authorizeChange(release, credentials, known);
  }
}
