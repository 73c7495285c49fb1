import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import {
  ACTIVE_RELEASE_STATES,
  CreateReleaseInput,
  isTransitionAllowed,
  ListReleasesQuery,
  Page,
  Release,
  ReleaseEvent,
  ReleaseFieldChange,
  ReleaseState,
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
import { assertRevision } from '../revisions';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * The input of a lifecycle transition.
 *
 * @public
 */
export interface ReleaseTransitionInput {
  to: ReleaseState;
  reason?: string;
  /** Goes ahead although a guard would refuse it, where the guard allows that. */
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

const ENTITY_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

const toRef = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/**
 * The rules of release plans: lifecycle, ownership, catalog checks,
 * authorization and history.
 *
 * @public
 */
export class ReleaseService {
  private readonly store: ReleaseStore;
  private readonly catalog: CatalogService;
  private readonly permissions: PermissionsService;
  private readonly userInfo: UserInfoService;
  private readonly guards: ReleaseTransitionGuard[] = [];
  private readonly listeners: ReleaseChangeListener[] = [];

  constructor(options: {
    store: ReleaseStore;
    catalog: CatalogService;
    permissions: PermissionsService;
    userInfo: UserInfoService;
  }) {
    this.store = options.store;
    this.catalog = options.catalog;
    this.permissions = options.permissions;
    this.userInfo = options.userInfo;
  }

  /**
   * Lists releases; `system` and `domain` also match releases of the entities
   * that are part of them, as the caller sees the catalog.
   */
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

  async listReleases(
    query: ListReleasesQuery,
    credentials: UserCredentials,
  ): Promise<Page<Release>> {
    const entityRefGroups: string[][] = [];
    if (query.entityRef?.length) {
      entityRefGroups.push(query.entityRef);
    }
    if (query.system) {
      const parts = await this.partsOf([query.system], credentials);
      entityRefGroups.push([query.system, ...parts]);
    }
    if (query.domain) {
      const systems = await this.partsOf([query.domain], credentials);
      const parts = await this.partsOf(systems, credentials);
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
   * but a draft, and a draft only for its owners if `release.read` allows it.
   */
  async visibleReleases<T extends Pick<Release, 'id' | 'state' | 'ownerRef'>>(
    releases: T[],
    credentials: UserCredentials,
  ): Promise<T[]> {
    const drafts = releases.filter(r => r.state === 'draft');
    if (drafts.length === 0) return releases;
    const mine = new Set(await this.draftOwnerRefs(credentials));
    const readable = await this.readableDrafts(
      drafts.filter(r => mine.has(r.ownerRef)),
      credentials,
    );
    return releases.filter(r => r.state !== 'draft' || readable.has(r.id));
  }

  /**
   * The caller's ownership refs, lower-case: the only owners whose drafts
   * the caller may see (and then only if `release.read` allows it).
   */
  async draftOwnerRefs(credentials: UserCredentials): Promise<string[]> {
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      credentials,
    );
    return ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US'));
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
   * Creates a draft release after checking every ref against the catalog; the
   * owner defaults to the owner of the first entity.
   */
  async createRelease(
    input: CreateReleaseInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    await this.authorize({ permission: releaseCreatePermission }, credentials);
    const entities = await this.checkRefs(
      input.entityRefs,
      input.ownerRef,
      credentials,
    );
    const ownerRef = input.ownerRef ?? this.defaultOwner(entities[0]);
    const id = randomUUID();
    await this.checkAfter(id, input.after);

    const now = new Date().toISOString();
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
   * latest revision. Returns it unchanged if nothing differs.
   */
  async updateRelease(
    id: string,
    input: UpdateReleaseInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getChangeable(id, credentials);
    assertRevision(`Release ${id}`, current.revision, input.revision);

    const { revision, ...requested } = input;
    const fields: Partial<ReleaseFields> = {
      ...requested,
      ...(requested.entityRefs && {
        entityRefs: [...requested.entityRefs].sort(),
      }),
    };
    await this.checkAfter(id, fields.after);
    if (fields.entityRefs || fields.ownerRef) {
      await this.checkRefs(
        fields.entityRefs ?? [],
        fields.ownerRef,
        credentials,
      );
    }
    const changes = diff(current, fields);
    if (changes.length === 0) {
      return current;
    }
    const event: NewReleaseEvent = {
      action: 'updated',
      actorRef: credentials.principal.userEntityRef,
      createdAt: new Date().toISOString(),
      changes,
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

  /** Moves a release to another state of its lifecycle. */
  async transitionRelease(
    id: string,
    input: ReleaseTransitionInput,
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getRelease(id);
    await this.authorizeChange(current, credentials);
    if (!isTransitionAllowed(current.state, input.to)) {
      throw new ConflictError(
        `Cannot move release from "${current.state}" to "${input.to}"`,
      );
    }
    for (const guard of this.guards) {
      await guard(current, input, credentials);
    }
    const event: NewReleaseEvent = {
      action: 'transitioned',
      actorRef: credentials.principal.userEntityRef,
      createdAt: new Date().toISOString(),
      changes: [{ field: 'state', before: current.state, after: input.to }],
      reason: input.override
        ? `Override: ${input.override.reason}${
            input.reason ? ` (${input.reason})` : ''
          }`
        : input.reason,
    };
    const moved = await this.store.updateRelease({
      id,
      revision: current.revision,
      fields: { state: input.to },
      event,
    });
    return this.changed({ before: current, after: moved, event, credentials });
  }

  /**
   * Lets a release go ahead despite the freezes that apply to it, with a
   * written reason, recorded in its history. Owners only.
   */
  async setFreezeOverride(
    id: string,
    input: { reason: string },
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getChangeable(id, credentials);
    const actorRef = credentials.principal.userEntityRef;
    const at = new Date().toISOString();
    const freezeOverride = { reason: input.reason, by: actorRef, at };
    return this.store.updateRelease({
      id,
      revision: current.revision,
      fields: { freezeOverride },
      event: {
        action: 'freeze-overridden',
        actorRef,
        createdAt: at,
        changes: [
          {
            field: 'freezeOverride',
            before: current.freezeOverride ?? null,
            after: freezeOverride,
          },
        ],
        reason: input.reason,
      },
    });
  }

  /** Removes the freeze override of a release; returns it unchanged if it has none. */
  async clearFreezeOverride(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getChangeable(id, credentials);
    if (!current.freezeOverride) return current;
    return this.store.updateRelease({
      id,
      revision: current.revision,
      fields: { freezeOverride: null },
      event: {
        action: 'freeze-override-cleared',
        actorRef: credentials.principal.userEntityRef,
        createdAt: new Date().toISOString(),
        changes: [
          {
            field: 'freezeOverride',
            before: current.freezeOverride,
            after: null,
          },
        ],
      },
    });
  }

  /** A release the caller may change and that is not finished yet. */
  private async getChangeable(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    const current = await this.getRelease(id);
    await this.authorizeChange(current, credentials);
    if (!ACTIVE_RELEASE_STATES.includes(current.state)) {
      throw new ConflictError(
        `Release in state "${current.state}" can no longer be edited`,
      );
    }
    return current;
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
   * For now only members of the owning group (or the owning user) may change
   * a release; throws `NotAllowedError` otherwise.
   */
  async authorizeChange(release: Release, credentials: UserCredentials) {
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      credentials,
    );
    const isOwner = ownershipEntityRefs.some(
      ref => ref.toLocaleLowerCase('en-US') === release.ownerRef,
    );
    if (!isOwner) {
      throw new NotAllowedError(
        `Only members of ${release.ownerRef} may change this release`,
      );
    }
    await this.authorize(
      { permission: releaseUpdatePermission, resourceRef: release.id },
      credentials,
    );
  }

  /**
   * Checks entity refs and the owner ref against the catalog in one request, as
   * the caller sees it; returns the entities in order.
   */
  private async checkRefs(
    entityRefs: string[],
    ownerRef: string | undefined,
    credentials: UserCredentials,
  ): Promise<Entity[]> {
    if (
      ownerRef &&
      !['group', 'user'].includes(parseEntityRef(ownerRef).kind)
    ) {
      throw new InputError(`ownerRef: "${ownerRef}" is not a group or user`);
    }
    const refs = ownerRef ? [...entityRefs, ownerRef] : entityRefs;
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: [...ENTITY_FIELDS, 'spec.owner'] },
      { credentials },
    );
    const unknown = refs.filter((_, i) => !items[i]);
    if (unknown.length > 0) {
      throw new InputError(
        `Unknown entity refs, not in the catalog: ${unknown.join(', ')}`,
      );
    }
    return items.slice(0, entityRefs.length) as Entity[];
  }

  private defaultOwner(entity: Entity): string {
    const owner = entity.spec?.owner;
    if (typeof owner !== 'string' || !owner) {
      throw new InputError(
        `ownerRef: required, since ${toRef(
          entity,
        )} has no owner in the catalog`,
      );
    }
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  }

  /** Refs of the entities that are part of any of the given ones. */
  private async partsOf(
    refs: string[],
    credentials: UserCredentials,
  ): Promise<string[]> {
    if (refs.length === 0) {
      return [];
    }
    const { items } = await this.catalog.getEntities(
      { filter: { 'relations.partOf': refs }, fields: ENTITY_FIELDS },
      { credentials },
    );
    return items.map(toRef);
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
