import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ACTIVE_RELEASE_STATES,
  Conflict,
  ConflictsQuery,
  Page,
  Release,
  Slot,
  SlotsQuery,
} from '@internal/plugin-release-coordination-common';
import { decodeIdCursor, encodeCursor } from '../database/keysetCursor';
import { ReleaseStore } from '../database/ReleaseStore';
import { FreezeService } from '../freezes/FreezeService';
import { ReleaseService } from '../releases/ReleaseService';
import { TrainService } from '../trains/TrainService';
import {
  byDetectorOrder,
  DEFAULT_MAX_CONCURRENT_PER_OWNER,
} from './ConflictDetector';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { DependencyGraph } from '../catalogGraph/DependencyGraph';
import { findSlots, freeOf } from './slots';
import { ConflictStore, ListedConflict } from './ConflictStore';
import { detectInvolving } from './detectInvolving';
import { GateBlock } from '../freezes/gateBlocks';
import { DAY_MS } from '../time';

/** A release as the API returns it: with its own conflicts. */
export type ReleaseWithConflicts = Release & { conflicts: Conflict[] };

/** A stored conflict's key: its id in its audience. */
const keyOf = (c: ListedConflict) => `${c.audience}|${c.id}`;

/** The order of `GET /conflicts`: by id (and audience, for the same id). */
function byIdThenAudience(a: ListedConflict, b: ListedConflict): number {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  if (a.audience === b.audience) return 0;
  return a.audience < b.audience ? -1 : 1;
}

/** Listed conflicts in the detector's order: by kind, then by id. */
function inDetectorOrder(listed: ListedConflict[]): ListedConflict[] {
  return [...listed].sort(byDetectorOrder);
}

/** How far ahead the scheduling assistant looks. */
export const SLOT_HORIZON_DAYS = 90;
const ACTIVE = new Set<string>(ACTIVE_RELEASE_STATES);

/**
 * Conflicts for releases, the conflicts API, blocking conflicts for the gate
 * and the scheduling assistant. Release answers, `/conflicts` and the gate
 * read the conflicts table (kept on write); `conflictsOf` (readiness, risk)
 * detects now, in one pass that loads what it needs in bulk.
 *
 * @public
 */
export class ConflictService {
  private readonly store: ReleaseStore;
  private readonly table: Pick<
    ConflictStore,
    'idsInRange' | 'listByIds' | 'listInvolving'
  >;
  private readonly freezes: FreezeService;
  private readonly catalog: CatalogModel;
  private readonly auth: AuthService;
  private readonly trains?: Pick<TrainService, 'trainsFor' | 'slotsFor'>;
  private readonly visibility?: Pick<
    ReleaseService,
    'visibleReleases' | 'draftOwnerRefs'
  >;
  private readonly maxConcurrentPerOwner: number;
  private readonly now: () => Date;

  constructor(options: {
    store: ReleaseStore;
    /** The conflicts table, which `listConflicts` and `withConflicts` read. */
    table: Pick<ConflictStore, 'idsInRange' | 'listByIds' | 'listInvolving'>;
    freezes: FreezeService;
    /** The dependency structure comes from its graph. */
    catalog: CatalogModel;
    auth: AuthService;
    /** When given, entities with a release train are offered its free slots. */
    trains?: Pick<TrainService, 'trainsFor' | 'slotsFor'>;
    /**
     * Which releases a user may see; when given, the conflicts a user is
     * shown involve only those (others' drafts are left out). Services (the
     * deploy gate's CI tokens) see every active release.
     */
    visibility?: Pick<ReleaseService, 'visibleReleases' | 'draftOwnerRefs'>;
    maxConcurrentPerOwner?: number;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.table = options.table;
    this.freezes = options.freezes;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.trains = options.trains;
    this.visibility = options.visibility;
    this.maxConcurrentPerOwner =
      options.maxConcurrentPerOwner ?? DEFAULT_MAX_CONCURRENT_PER_OWNER;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The conflicts involving any of the given releases, in one pass, as a
   * pass over everything would find them (see {@link detectInvolving}),
   * computed now: the releases may be fresher than the stored ones. A user
   * sees only conflicts with releases they may see.
   */
  async conflictsOf(
    releases: Release[],
    credentials: BackstageCredentials,
  ): Promise<Conflict[]> {
    const found = await detectInvolving(releases, {
      store: this.store,
      freezes: (entityRefs, window) =>
        this.freezes.freezesApplyingTo(entityRefs, window, credentials),
      graph: () => this.graph(),
      maxConcurrentPerOwner: this.maxConcurrentPerOwner,
      draftOwnerRefs: () => this.draftOwners(credentials),
      visibleTo: others => this.visibleTo(others, credentials),
    });
    return found.conflicts;
  }

  /**
   * Stored releases, each with its own conflicts as the conflicts table
   * holds them (kept on write, see `ConflictTable`; no detection on read),
   * in the detector's order, shown to the caller as `listConflicts` shows
   * them.
   */
  async withConflicts(
    releases: Release[],
    credentials: BackstageCredentials,
  ): Promise<ReleaseWithConflicts[]> {
    const listed = await this.table.listInvolving(releases.map(r => r.id));
    const byRelease = new Map<string, Conflict[]>();
    for (const { json } of inDetectorOrder(
      await this.shownTo(listed, credentials),
    )) {
      const conflict = JSON.parse(json) as Conflict;
      for (const id of conflict.releaseIds) {
        const own = byRelease.get(id);
        if (own) own.push(conflict);
        else byRelease.set(id, [conflict]);
      }
    }
    return releases.map(release => ({
      ...release,
      conflicts: byRelease.get(release.id) ?? [],
    }));
  }

  async releaseWithConflicts(
    release: Release,
    credentials: BackstageCredentials,
  ): Promise<ReleaseWithConflicts> {
    return (await this.withConflicts([release], credentials))[0];
  }

  /**
   * A page of the conflicts of the active releases in a range, optionally
   * only those affecting some entities, read from the conflicts table (kept
   * up to date on write, see `ConflictTable`), each as its JSON text, in the
   * order of their ids after the cursor's. The ids come from the members'
   * window index; only the conflicts a page examines are read. A user is
   * shown only conflicts whose releases they may all see; for an owner's
   * load, the count without drafts unless they may see every draft counted.
   * A page holds at most `limit` conflicts and fewer when some are not
   * shown; `nextCursor` is set while conflicts remain to examine.
   */
  async listConflicts(
    query: ConflictsQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<string>> {
    const range = { from: query.from, to: query.to };
    const wanted = query.entityRef?.length ? new Set(query.entityRef) : null;
    let after = query.cursor
      ? decodeIdCursor(query.cursor, 'cursor: not a cursor of this listing')
      : undefined;
    const items: string[] = [];
    // the cursor names the last conflict listed (a page ends full, so it is
    // also the last examined), never one the caller is not shown
    let lastListed: string | undefined;
    let more = true;
    while (more && items.length < query.limit) {
      const room = query.limit - items.length;
      // one id beyond the room tells whether any remain
      const ids = await this.table.idsInRange(range, {
        after,
        limit: room + 1,
      });
      more = ids.length > room;
      const examined = ids.slice(0, room);
      if (examined.length === 0) break;
      after = examined[examined.length - 1];
      const shown = await this.shownOnPage(
        await this.table.listByIds(examined),
        credentials,
      );
      for (const conflict of shown.sort(byIdThenAudience)) {
        if (
          !wanted ||
          (JSON.parse(conflict.json) as Conflict).entityRefs.some(ref =>
            wanted.has(ref),
          )
        ) {
          items.push(conflict.json);
          lastListed = conflict.id;
        }
      }
    }
    return more && lastListed
      ? { items, nextCursor: encodeCursor({ id: lastListed }) }
      : { items };
  }

  /**
   * {@link ConflictService.shownTo} for the conflicts of one page: whether a
   * committed owner-overload is shown depends on the overloads of all its
   * releases, which may be listed on other pages, so those are read too.
   */
  private async shownOnPage(
    listed: ListedConflict[],
    credentials: BackstageCredentials,
  ): Promise<ListedConflict[]> {
    const committedReleaseIds = listed
      .filter(c => c.audience === 'committed')
      .flatMap(c => (JSON.parse(c.json) as Conflict).releaseIds);
    if (committedReleaseIds.length === 0) {
      return this.shownTo(listed, credentials);
    }
    const onPage = new Set(listed.map(keyOf));
    const elsewhere = (
      await this.table.listInvolving(committedReleaseIds)
    ).filter(
      c =>
        c.audience === 'all' &&
        c.kind === 'owner-overload' &&
        !onPage.has(keyOf(c)),
    );
    return (await this.shownTo([...listed, ...elsewhere], credentials)).filter(
      c => onPage.has(keyOf(c)),
    );
  }

  /**
   * Of listed conflicts, those the caller is shown: for services every
   * conflict of the pass over all releases; for a user those whose drafts
   * they may all see, and the owner-overload conflicts counted without
   * drafts that none of those already covers.
   */
  private async shownTo(
    listed: ListedConflict[],
    credentials: BackstageCredentials,
  ): Promise<ListedConflict[]> {
    const all = listed.filter(c => c.audience === 'all');
    if (!this.visibility || !this.auth.isPrincipal(credentials, 'user')) {
      return all;
    }
    const draftIds = [...new Set(all.flatMap(c => c.draftIds))];
    const visible = new Set(
      (
        await this.visibleTo(
          draftIds.length ? await this.store.getViewerFacts(draftIds) : [],
          credentials,
        )
      ).map(r => r.id),
    );
    const shown = all.filter(c => c.draftIds.every(id => visible.has(id)));
    const releaseIds = (c: ListedConflict) =>
      (JSON.parse(c.json) as Conflict).releaseIds;
    const overloads = shown
      .filter(c => c.kind === 'owner-overload')
      .map(c => new Set(releaseIds(c)));
    const committed = listed.filter(c => {
      if (c.audience !== 'committed') return false;
      const ids = releaseIds(c);
      return !overloads.some(counted => ids.every(id => counted.has(id)));
    });
    return [...shown, ...committed];
  }

  /**
   * Gate reasons for the blocking conflicts of the releases covering a deploy:
   * same-entity and ordering (freezes are left to the gate's own freeze
   * check, which knows exemptions; the other kinds only warn), read from the
   * conflicts table (these kinds do not depend on the catalog, so the table
   * holds them exactly as of the last write). Drafts count only as declared
   * predecessors: an overlapping draft or a draft that follows does not block.
   */
  async blockingReasons(covering: Release[]): Promise<GateBlock[]> {
    const focus = covering.filter(r => ACTIVE.has(r.state));
    if (focus.length === 0) return [];
    const candidates = inDetectorOrder(
      (await this.table.listInvolving(focus.map(r => r.id))).filter(
        c =>
          c.audience === 'all' &&
          (c.kind === 'same-entity' || c.kind === 'ordering'),
      ),
    ).map(listed => {
      const conflict = JSON.parse(listed.json) as Conflict;
      const release = focus.find(r => conflict.releaseIds.includes(r.id))!;
      const otherId = conflict.releaseIds.find(id => id !== release.id);
      return { listed, conflict, release, otherId };
    });
    const kept = candidates.filter(
      ({ listed, release, otherId }) =>
        !otherId ||
        !listed.draftIds.includes(otherId) ||
        !!release.after?.includes(otherId),
    );
    const others = new Map(
      (
        await this.store.getReleases(
          kept.flatMap(({ otherId }) => otherId ?? []),
        )
      ).map(r => [r.id, r]),
    );
    return kept.map(({ conflict, release, otherId }) => {
      const other = otherId ? others.get(otherId) : undefined;
      return {
        reason: `Blocking ${conflict.kind} conflict of release "${release.title}": ${conflict.message}`,
        ...(other &&
          other.state !== 'draft' && {
            blocker: {
              kind: 'release' as const,
              id: other.id,
              title: other.title,
            },
          }),
      };
    });
  }

  /**
   * The next windows of a duration in which the entities have no blocking
   * conflict: outside applicable freezes (unless the type is exempt) and not
   * overlapping other active releases of them. When the entities ride a
   * release train, its bookable slots are offered instead.
   */
  async slots(
    query: SlotsQuery,
    credentials: BackstageCredentials,
  ): Promise<Slot[]> {
    const found = await this.catalog.readable(query.entityRef, credentials);
    const unknown = query.entityRef.filter(ref => !found.has(ref));
    if (unknown.length > 0) {
      throw new InputError(
        `entityRef: not in the catalog: ${unknown.join(', ')}`,
      );
    }
    const after = new Date(query.after ?? this.now().toISOString());
    const horizon = new Date(
      after.getTime() + SLOT_HORIZON_DAYS * DAY_MS + query.duration,
    );
    const range = { start: after.toISOString(), end: horizon.toISOString() };
    const [freezes, releases, trains] = await Promise.all([
      this.freezes.freezesApplyingTo(query.entityRef, range, credentials),
      this.store.listActiveReleases({
        from: range.start,
        to: range.end,
        entityRefs: query.entityRef,
      }),
      this.trains?.trainsFor(query.entityRef, credentials) ?? [],
    ]);
    const type = query.type ?? 'normal';
    const busy = [
      ...freezes.filter(f => !f.exemptTypes.includes(type)),
      ...releases.map(r => r.window),
    ].map(w => ({ start: Date.parse(w.start), end: Date.parse(w.end) }));
    if (trains.length > 0) {
      const free = freeOf(busy);
      const keep = (slot: { start: number; end: number; bookable: boolean }) =>
        slot.bookable && free(slot.start, slot.end);
      // each train stops at its first `count` free bookable slots, which hold the first `count` of all
      const trainSlots = await Promise.all(
        trains.map(train =>
          this.trains!.slotsFor(train, after, horizon, query.count, slot =>
            keep({
              start: slot.start.getTime(),
              end: slot.end.getTime(),
              bookable: slot.bookable,
            }),
          ),
        ),
      );
      return trainSlots
        .flat()
        .map(slot => ({
          start: Date.parse(slot.start),
          end: Date.parse(slot.end),
          bookable: slot.bookable,
          trainId: slot.trainId,
        }))
        .filter(keep)
        .sort((a, b) => a.start - b.start)
        .slice(0, query.count)
        .map(({ start, end, trainId }) => ({
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
          trainId,
        }));
    }
    return findSlots({
      after: after.getTime(),
      horizon: horizon.getTime(),
      duration: query.duration,
      count: query.count,
      busy,
    });
  }

  /**
   * For a user, the owners whose drafts they may see at most, to leave the
   * others' drafts unread; undefined (every draft) for services.
   */
  private async draftOwners(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    if (!this.visibility || !this.auth.isPrincipal(credentials, 'user')) {
      return undefined;
    }
    return this.visibility.draftOwnerRefs(
      credentials as BackstageCredentials<BackstageUserPrincipal>,
    );
  }

  /** Of the given releases, those the caller may see (all, for services). */
  private async visibleTo<T extends Pick<Release, 'id' | 'state' | 'ownerRef'>>(
    releases: T[],
    credentials: BackstageCredentials,
  ): Promise<T[]> {
    if (!this.visibility || !this.auth.isPrincipal(credentials, 'user')) {
      return releases;
    }
    return this.visibility.visibleReleases(
      releases,
      credentials as BackstageCredentials<BackstageUserPrincipal>,
    );
  }

  /** The dependency view of the catalog model's current graph. */
  private async graph(): Promise<DependencyGraph> {
    return DependencyGraph.of(await this.catalog.graph());
  }
}
