import {
  Train,
  TrainBooking,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import {
  definedFields,
  RevisionedRow,
  RevisionedTable,
  RevisionedUpdate,
  RowMapping,
  Timestamp,
  toIso,
} from './rows';

type TrainRow = RevisionedRow & {
  id: string;
  name: string;
  description: string;
  rrule: string;
  timezone: string;
  start_at: Timestamp;
  slot_duration: string;
  cutoff: string;
  scope: string;
};

type BookingRow = {
  release_id: string;
  train_id: string;
  slot_start: Timestamp;
  booked_by: string;
  booked_at: Timestamp;
};

/**
 * The fields of a train that may change after it was created.
 *
 * @public
 */
export type TrainFields = Pick<
  Train,
  | 'name'
  | 'description'
  | 'rrule'
  | 'timezone'
  | 'start'
  | 'slotDuration'
  | 'cutoff'
  | 'scope'
>;

/** How a train is stored. */
const trainRows: RowMapping<Train, TrainRow> = {
  toRow(train) {
    return {
      name: train.name,
      description: train.description,
      rrule: train.rrule,
      timezone: train.timezone,
      start_at: new Date(train.start),
      slot_duration: train.slotDuration,
      cutoff: train.cutoff,
      scope: JSON.stringify(train.scope),
    };
  },

  fromRow(row) {
    const scope = JSON.parse(row.scope);
    return {
      name: row.name,
      description: row.description,
      rrule: row.rrule,
      timezone: row.timezone,
      start: toIso(row.start_at),
      slotDuration: row.slot_duration,
      cutoff: row.cutoff,
      scope: { systems: scope.systems ?? [], entities: scope.entities ?? [] },
    };
  },
};

const fromBookingRow = (row: BookingRow): TrainBooking => ({
  releaseId: row.release_id,
  trainId: row.train_id,
  slotStart: toIso(row.slot_start),
  bookedBy: row.booked_by,
  bookedAt: toIso(row.booked_at),
});

/**
 * Stores release trains and the bookings of releases onto their slots in the
 * plugin's Knex database (PostgreSQL or SQLite).
 *
 * @public
 */
export class DatabaseTrainStore {
  private readonly trains: RevisionedTable<Train, TrainRow>;

  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {
    this.trains = new RevisionedTable(db, 'trains', 'Train', trainRows);
  }

  async createTrain(train: Train): Promise<Train> {
    return this.trains.insert(train);
  }

  async getTrain(id: string): Promise<Train | undefined> {
    return this.trains.get(id);
  }

  /** Every train, by name; there are few. */
  async listTrains(): Promise<Train[]> {
    return this.trains.list(query =>
      query.orderBy([
        { column: 'name', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]),
    );
  }

  /**
   * Changes fields of a train if it still is at `revision` (compare-and-set).
   * Throws `NotFoundError` if absent and `ConflictError` if the revision is stale.
   */
  async updateTrain(
    options: RevisionedUpdate<Partial<TrainFields>>,
  ): Promise<Train> {
    return this.trains.update(options, current => ({
      ...current,
      ...definedFields(options.fields),
    }));
  }

  /** Deletes a train and its bookings; false if there was none. */
  async deleteTrain(id: string): Promise<boolean> {
    return this.db.transaction(async tx => {
      await tx('train_bookings').where({ train_id: id }).delete();
      return (await tx('trains').where({ id }).delete()) > 0;
    });
  }

  async isEmpty(): Promise<boolean> {
    return this.trains.isEmpty();
  }

  /**
   * Books a release onto a slot, replacing any booking it had; `db` may be a
   * transaction (see `ReleaseStore.updateRelease`'s `alongside`).
   */
  async book(booking: TrainBooking, db: Knex = this.db): Promise<TrainBooking> {
    await db('train_bookings')
      .insert({
        release_id: booking.releaseId,
        train_id: booking.trainId,
        slot_start: new Date(booking.slotStart),
        booked_by: booking.bookedBy,
        booked_at: new Date(booking.bookedAt),
      })
      .onConflict('release_id')
      .merge();
    return (await this.getBooking(booking.releaseId, db))!;
  }

  async getBooking(
    releaseId: string,
    db: Knex = this.db,
  ): Promise<TrainBooking | undefined> {
    const row = await db<BookingRow>('train_bookings')
      .where({ release_id: releaseId })
      .first();
    return row ? fromBookingRow(row) : undefined;
  }

  /** The bookings of any of the releases. */
  async getBookings(releaseIds: string[]): Promise<TrainBooking[]> {
    const bookings: TrainBooking[] = [];
    for (let i = 0; i < releaseIds.length; i += 500) {
      const rows = await this.db<BookingRow>('train_bookings').whereIn(
        'release_id',
        releaseIds.slice(i, i + 500),
      );
      bookings.push(...rows.map(fromBookingRow));
    }
    return bookings;
  }

  /** Removes a release's booking; false if it had none. `db` may be a transaction. */
  async unbook(releaseId: string, db: Knex = this.db): Promise<boolean> {
    return (
      (await db('train_bookings').where({ release_id: releaseId }).delete()) > 0
    );
  }

  /** The bookings of a train with slots starting in [from, to), by slot. */
  async listBookings(options: {
    trainId: string;
    from: string;
    to: string;
  }): Promise<TrainBooking[]> {
    const rows = await this.db<BookingRow>('train_bookings')
      .where('train_id', options.trainId)
      .andWhere('slot_start', '>=', new Date(options.from))
      .andWhere('slot_start', '<', new Date(options.to))
      .orderBy([
        { column: 'slot_start', order: 'asc' },
        { column: 'release_id', order: 'asc' },
      ]);
    return rows.map(fromBookingRow);
  }
}

/**
 * What services may use of the train store.
 *
 * @public
 */
export type TrainStore = Pick<DatabaseTrainStore, keyof DatabaseTrainStore>;
