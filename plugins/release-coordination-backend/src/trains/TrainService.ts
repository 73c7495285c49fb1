import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { checkScopeInCatalog } from '../catalogGraph/checkInCatalog';
import { requirePermission } from '../permissions/requirePermission';
import {
  CreateTrainInput,
  Release,
  ReleaseState,
  Train,
  TrainBooking,
  TrainScope,
  TrainSlot,
  TrainSlotsQuery,
  TrainStats,
  TrainStatsQuery,
  trainManagePermission,
  UpdateTrainInput,
} from '@internal/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { TrainStore } from '../database/DatabaseTrainStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { EntityPlacement, FreezeEvaluator } from '../freezes/FreezeEvaluator';
import { ReleaseService } from '../releases/ReleaseService';
import {
  isSlotStart,
  slotAt,
  slotsBetween,
  trainStartMatchesRule,
} from './slots';
import { assertRevision } from '../revisions';
import { UserCredentials } from '../credentials';
import { DAY_MS } from '../time';

/** Releases that went out: they count for the stats. */
const RELEASED: ReleaseState[] = ['released', 'verified'];
/** Releases that may still go out. */
const OPEN: ReleaseState[] = ['draft', 'planned', 'approved', 'in_progress'];

/**
 * Whether a train's scope covers an entity: the entity itself or a system it
 * is part of.
 */
function trainCovers(scope: TrainScope, placement: EntityPlacement) {
  return (
    scope.entities.includes(placement.entityRef) ||
    scope.systems.some(system => placement.systems.has(system))
  );
}

/**
 * Release trains: CRUD with revisions and permission checks, slots, booking
 * releases onto slots, and how the trains were used.
 *
 * @public
 */
export class TrainService {
  private readonly store: TrainStore;
  private readonly releases: ReleaseService;
  private readonly releaseStore: ReleaseStore;
  private readonly catalog: CatalogModel;
  private readonly permissions: PermissionsService;
  private readonly evaluator: FreezeEvaluator;
  private readonly now: () => Date;

  constructor(options: {
    store: TrainStore;
    releases: ReleaseService;
    releaseStore: ReleaseStore;
    catalog: CatalogModel;
    permissions: PermissionsService;
    /** The clock, for tests. */
    now?: () => Date;
  }) {
    this.store = options.store;
    this.releases = options.releases;
    this.releaseStore = options.releaseStore;
    this.catalog = options.catalog;
    this.permissions = options.permissions;
    this.evaluator = new FreezeEvaluator(options.catalog);
    this.now = options.now ?? (() => new Date());
  }

  async listTrains(): Promise<Train[]> {
    return this.store.listTrains();
  }

  async getTrain(id: string): Promise<Train> {
    const train = await this.store.getTrain(id);
    if (!train) {
      throw new NotFoundError(`Train ${id} not found`);
    }
    return train;
  }

  async createTrain(
    input: CreateTrainInput,
    credentials: UserCredentials,
  ): Promise<Train> {
    await this.authorize(credentials);
    this.checkRule(input);
    await this.checkScope(input.scope, credentials);
    const now = this.now().toISOString();
    return this.store.createTrain({
      id: randomUUID(),
      ...input,
      createdBy: credentials.principal.userEntityRef,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    });
  }

  /** Edits a train if the caller saw its latest revision. */
  async updateTrain(
    id: string,
    input: UpdateTrainInput,
    credentials: UserCredentials,
  ): Promise<Train> {
    await this.authorize(credentials);
    const current = await this.getTrain(id);
    assertRevision(`Train ${id}`, current.revision, input.revision);
    const { revision, ...fields } = input;
    this.checkRule({ ...current, ...stripUndefined(fields) });
    if (fields.scope) {
      await this.checkScope(fields.scope, credentials);
    }
    return this.store.updateTrain({
      id,
      revision,
      fields,
      updatedAt: this.now().toISOString(),
    });
  }

  async deleteTrain(id: string, credentials: UserCredentials): Promise<void> {
    await this.authorize(credentials);
    if (!(await this.store.deleteTrain(id))) {
      throw new NotFoundError(`Train ${id} not found`);
    }
  }

  /**
   * The slots of a train starting in [from, to), each with the releases
   * booked onto it and whether it still takes bookings: the first `count` of
   * them that `keep` accepts (all by default). The expansion stops there.
   */
  async slotsFor(
    train: Train,
    from: Date,
    to: Date,
    count = Infinity,
    keep?: (slot: { start: Date; end: Date; bookable: boolean }) => boolean,
  ): Promise<TrainSlot[]> {
    // other requests (and /health) get their turn before the expansion
    await setImmediate();
    const now = this.now();
    const slots = slotsBetween(
      train,
      from,
      to,
      count,
      keep && (slot => keep({ ...slot, bookable: now < slot.cutoffAt })),
    );
    if (slots.length === 0) return [];
    const bookings = await this.store.listBookings({
      trainId: train.id,
      from: slots[0].start.toISOString(),
      to: new Date(slots[slots.length - 1].start.getTime() + 1).toISOString(),
    });
    return slots.map(slot => ({
      trainId: train.id,
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      cutoffAt: slot.cutoffAt.toISOString(),
      bookable: now < slot.cutoffAt,
      releaseIds: bookings
        .filter(b => Date.parse(b.slotStart) === slot.start.getTime())
        .map(b => b.releaseId),
    }));
  }

  /**
   * `GET /trains/:id/slots`: from now (or `from`) for a year (or to `to`),
   * with the booked releases the caller may see (others' drafts left out).
   */
  async listSlots(
    id: string,
    query: TrainSlotsQuery,
    credentials: UserCredentials,
  ): Promise<TrainSlot[]> {
    const train = await this.getTrain(id);
    const from = query.from ? new Date(query.from) : this.now();
    const to = query.to
      ? new Date(query.to)
      : new Date(from.getTime() + 366 * DAY_MS);
    const slots = await this.slotsFor(train, from, to, query.count);
    const booked = await this.releaseStore.getReleases(
      slots.flatMap(slot => slot.releaseIds),
    );
    const visible = new Set(
      (await this.releases.visibleReleases(booked, credentials)).map(r => r.id),
    );
    return slots.map(slot => ({
      ...slot,
      releaseIds: slot.releaseIds.filter(releaseId => visible.has(releaseId)),
    }));
  }

  /** The trains whose scope covers any of the entities, as the caller sees the catalog. */
  async trainsFor(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Train[]> {
    const trains = await this.store.listTrains();
    if (trains.length === 0 || entityRefs.length === 0) return [];
    const placements = [
      ...(await this.evaluator.place(entityRefs, credentials)).values(),
    ];
    return trains.filter(train =>
      placements.some(placement => trainCovers(train.scope, placement)),
    );
  }

  /**
   * Books a release onto a slot of a train and moves its window to the slot.
   * The slot must exist (400), every entity of the release must be in the
   * train's scope (400), and the slot's cut-off must not have passed (409).
   * The caller must be allowed to edit the release (403, checked first), which
   * must be unfinished (409).
   */
  async book(
    releaseId: string,
    input: { trainId: string; slotStart: string },
    credentials: UserCredentials,
  ): Promise<{ booking: TrainBooking; release: Release }> {
    const release = await this.releases.getRelease(releaseId);
    // the caller's right to move the release comes before any slot expansion
    await this.releases.authorizeChange(release, credentials);
    const train = await this.store.getTrain(input.trainId);
    if (!train) {
      throw new InputError(`trainId: there is no train ${input.trainId}`);
    }
    const start = new Date(input.slotStart);
    if (!isSlotStart(train, start)) {
      throw new InputError(
        `slotStart: ${input.slotStart} is not a slot of train "${train.name}"`,
      );
    }
    const placements = await this.evaluator.place(
      release.entityRefs,
      credentials,
    );
    const outside = release.entityRefs.filter(ref => {
      const placement = placements.get(ref.toLocaleLowerCase('en-US'));
      return !placement || !trainCovers(train.scope, placement);
    });
    if (outside.length > 0) {
      throw new InputError(
        `entityRefs: ${outside.join(', ')} not in the scope of train "${
          train.name
        }"`,
      );
    }
    const slot = slotAt(train, start);
    if (this.now() >= slot.cutoffAt) {
      throw new ConflictError(
        `The slot at ${slot.start.toISOString()} of train "${
          train.name
        }" closed for bookings at ${slot.cutoffAt.toISOString()}`,
      );
    }
    const booking: TrainBooking = {
      releaseId,
      trainId: train.id,
      slotStart: slot.start.toISOString(),
      bookedBy: credentials.principal.userEntityRef,
      bookedAt: this.now().toISOString(),
    };
    // the window move and the booking commit together, at the release's
    // revision read above: a booking or edit in between makes this one 409
    const moved = await this.releases.updateRelease(
      releaseId,
      {
        revision: release.revision,
        window: { start: booking.slotStart, end: slot.end.toISOString() },
      },
      credentials,
      async tx => {
        await this.store.book(booking, tx);
      },
    );
    return { booking, release: moved };
  }

  /** Takes a release off its slot; its window stays. 404 if it has none. */
  async unbook(releaseId: string, credentials: UserCredentials) {
    const release = await this.releases.getRelease(releaseId);
    const booking = await this.store.getBooking(releaseId);
    if (!booking) {
      throw new NotFoundError(
        `Release "${release.title}" is not booked on a train`,
      );
    }
    // an edit that changes nothing: checks that the caller may edit the
    // release (ownership, permission) and that it is not finished, and
    // unbooks in a transaction at the revision it checked
    await this.releases.updateRelease(
      releaseId,
      { revision: release.revision, window: release.window },
      credentials,
      async tx => {
        await this.store.unbook(releaseId, tx);
      },
    );
    return booking;
  }

  /**
   * How a train was used by slots starting in [from, to): releases that rode
   * it, that slipped (went out after the slot's end or were moved off it), and
   * released releases of entities in its scope, with a window in the range,
   * that were not booked onto it.
   */
  async stats(
    id: string,
    query: TrainStatsQuery,
    credentials: BackstageCredentials,
  ): Promise<TrainStats> {
    const train = await this.getTrain(id);
    const bookings = await this.store.listBookings({
      trainId: id,
      from: query.from,
      to: query.to,
    });
    let rode = 0;
    let slipped = 0;
    for (const booking of bookings) {
      const release = await this.releaseStore.getRelease(booking.releaseId);
      if (!release) continue;
      const slot = slotAt(train, new Date(booking.slotStart));
      const movedOff =
        Date.parse(release.window.start) < slot.start.getTime() ||
        Date.parse(release.window.end) > slot.end.getTime();
      if (RELEASED.includes(release.state)) {
        const releasedAt = await this.releasedAt(release);
        if (movedOff || releasedAt > slot.end.getTime()) slipped += 1;
        else rode += 1;
      } else if (OPEN.includes(release.state) && movedOff) {
        slipped += 1;
      }
    }

    const scopeRefs = [
      ...train.scope.entities,
      ...train.scope.systems,
      ...(await this.catalog.partsOf(train.scope.systems, credentials)),
    ];
    const released = await this.listAll(scopeRefs, query);
    const booked = new Set(
      (await this.store.getBookings(released.map(r => r.id)))
        .filter(b => b.trainId === id)
        .map(b => b.releaseId),
    );
    const outOfBand = released.filter(r => !booked.has(r.id)).length;
    return {
      trainId: id,
      from: query.from,
      to: query.to,
      rode,
      slipped,
      outOfBand,
    };
  }

  /** When a release went out: its move to `released`, else its window's end. */
  private async releasedAt(release: Release): Promise<number> {
    const events = await this.releaseStore.listEvents(release.id);
    const event = events
      .filter(e =>
        e.changes.some(c => c.field === 'state' && c.after === 'released'),
      )
      .pop();
    return Date.parse(event?.createdAt ?? release.window.end);
  }

  /** Every released release touching the refs with a window in the range. */
  private async listAll(refs: string[], range: TrainStatsQuery) {
    const items: Release[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.releaseStore.listReleases({
        entityRefGroups: [refs],
        from: range.from,
        to: range.to,
        states: RELEASED,
        order: 'asc',
        limit: 500,
        cursor,
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items.filter(
      r =>
        Date.parse(r.window.start) >= Date.parse(range.from) &&
        Date.parse(r.window.start) < Date.parse(range.to),
    );
  }

  private async authorize(credentials: UserCredentials) {
    await requirePermission(
      this.permissions,
      { permission: trainManagePermission },
      credentials,
    );
  }

  /** The first slot must be an occurrence of the rule, as DTSTART must. */
  private checkRule(
    train: Pick<
      Train,
      'rrule' | 'timezone' | 'start' | 'slotDuration' | 'cutoff'
    >,
  ) {
    if (!trainStartMatchesRule(train)) {
      throw new InputError(
        `start: ${train.start} is not an occurrence of rrule ${train.rrule} in ${train.timezone}; start must be the first slot`,
      );
    }
  }

  /** Systems and entities of a scope must be in the catalog, as the caller sees it. */
  private async checkScope(scope: TrainScope, credentials: UserCredentials) {
    await checkScopeInCatalog(
      this.catalog,
      scope,
      { systems: 'system', entities: undefined },
      credentials,
    );
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
