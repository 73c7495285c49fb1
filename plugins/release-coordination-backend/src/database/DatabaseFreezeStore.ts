import {
  Freeze,
  FreezeScope,
  Page,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { bumpListingRevision } from './listingRevision';
import { lastEndOf } from '../freezes/occurrences';
import { encodeCursor, whereAfterCursor } from './keysetCursor';
import {
  definedFields,
  RevisionedRow,
  RevisionedTable,
  RowMapping,
  Timestamp,
  toIso,
} from './rows';
import { FreezeStore, FreezeUpdate } from './FreezeStore';
import { StoreTransactions } from './storeTransactions';

type FreezeRow = RevisionedRow & {
  id: string;
  title: string;
  description: string;
  scope_all: boolean | number;
  scope: string;
  start_at: Timestamp;
  end_at: Timestamp;
  rrule: string | null;
  timezone: string | null;
  exdates: string | null;
  until_at: Timestamp | null;
  last_end_at: Timestamp | null;
  exempt_types: string;
  ended_at: Timestamp | null;
  end_reason: string | null;
};

/** A freeze's scope from its columns. */
function scopeOf(row: Pick<FreezeRow, 'scope_all' | 'scope'>): FreezeScope {
  const refs = JSON.parse(row.scope);
  return {
    all: Boolean(row.scope_all),
    domains: refs.domains ?? [],
    systems: refs.systems ?? [],
    groups: refs.groups ?? [],
    entities: refs.entities ?? [],
  };
}

/** Keeps the freezes that may have an occurrence overlapping [from, to]. */
function whereMayOccurIn(
  query: Knex.QueryBuilder,
  range: { from: string; to: string },
) {
  return query
    .where('start_at', '<=', new Date(range.to))
    .andWhere(end =>
      end
        .whereNull('last_end_at')
        .orWhere('last_end_at', '>=', new Date(range.from)),
    );
}

/** How a freeze is stored. */
const freezeRows: RowMapping<Freeze, FreezeRow> = {
  toRow(freeze) {
    const { all, ...refs } = freeze.scope;
    return {
      title: freeze.title,
      description: freeze.description,
      scope_all: all,
      scope: JSON.stringify(refs),
      start_at: new Date(freeze.start),
      end_at: new Date(freeze.end),
      rrule: freeze.recurrence?.rrule ?? null,
      timezone: freeze.recurrence?.timezone ?? null,
      exdates: freeze.recurrence
        ? JSON.stringify(freeze.recurrence.exdates)
        : null,
      until_at: freeze.recurrence?.until
        ? new Date(freeze.recurrence.until)
        : null,
      last_end_at: lastEndOf(freeze) ?? null,
      exempt_types: JSON.stringify(freeze.exemptTypes),
      ended_at: freeze.endedAt ? new Date(freeze.endedAt) : null,
      end_reason: freeze.endReason ?? null,
    };
  },

  fromRow(row) {
    return {
      title: row.title,
      description: row.description,
      scope: scopeOf(row),
      start: toIso(row.start_at),
      end: toIso(row.end_at),
      ...(row.rrule &&
        row.timezone && {
          recurrence: {
            rrule: row.rrule,
            timezone: row.timezone,
            exdates: row.exdates ? JSON.parse(row.exdates) : [],
            ...(row.until_at !== null && { until: toIso(row.until_at) }),
          },
        }),
      exemptTypes: JSON.parse(row.exempt_types),
      ...(row.ended_at !== null && { endedAt: toIso(row.ended_at) }),
      ...(row.end_reason !== null && { endReason: row.end_reason }),
    };
  },
};

/** Freezes by start, then id. */
const BY_START = [
  { column: 'start_at', order: 'asc' },
  { column: 'id', order: 'asc' },
];

/** The freezes table over a database or a transaction. */
const tableOf = (db: Knex) =>
  new RevisionedTable<Freeze, FreezeRow>(db, 'freezes', 'Freeze', freezeRows);

/**
 * Stores freezes in the plugin's Knex database (PostgreSQL or SQLite).
 *
 * @public
 */
export class DatabaseFreezeStore implements FreezeStore {
  private readonly freezes: RevisionedTable<Freeze, FreezeRow>;

  /**
   * Over a migrated database (see `createStores`); `transactions` tells its
   * listener of every write, inside the write's transaction.
   */
  constructor(
    private readonly db: Knex,
    private readonly transactions?: StoreTransactions,
  ) {
    this.freezes = tableOf(db);
  }

  /**
   * Runs a write in a transaction and tells the listener of the freezes it
   * returns (before and after the write), unless there is no listener.
   */
  private async written<T>(
    write: (freezes: RevisionedTable<Freeze, FreezeRow>) => Promise<{
      result: T;
      changed: (Freeze | undefined)[];
    }>,
  ): Promise<T> {
    const { transactions } = this;
    if (!transactions) return (await write(this.freezes)).result;
    return this.db.transaction(async tx => {
      const { result, changed } = await write(tableOf(tx));
      const freezes = changed.filter((f): f is Freeze => f !== undefined);
      if (freezes.length > 0) {
        await transactions.freezesWritten(tx, freezes);
        await bumpListingRevision(tx);
      }
      return result;
    });
  }

  async createFreeze(freeze: Freeze): Promise<Freeze> {
    return this.written(async freezes => {
      const created = await freezes.insert(freeze);
      return { result: created, changed: [created] };
    });
  }

  async getFreeze(id: string): Promise<Freeze | undefined> {
    return this.freezes.get(id);
  }

  async listFreezes(options: {
    limit: number;
    cursor?: string;
  }): Promise<Page<Freeze>> {
    const { limit } = options;
    const found = await this.freezes.list(query => {
      whereAfterCursor(query, options.cursor, {
        columns: { start: 'start_at', id: 'id' },
        order: 'asc',
        message: 'cursor: not a cursor returned by a freeze listing',
      });
      return query.orderBy(BY_START).limit(limit + 1);
    });
    const items = found.slice(0, limit);
    const last = items[items.length - 1];
    return found.length > limit
      ? { items, nextCursor: encodeCursor({ start: last.start, id: last.id }) }
      : { items };
  }

  async listFreezesInRange(options: {
    from: string;
    to: string;
  }): Promise<Freeze[]> {
    return this.freezes.list(query =>
      whereMayOccurIn(query, options).orderBy(BY_START),
    );
  }

  async updateFreeze(options: FreezeUpdate): Promise<Freeze> {
    const { recurrence, ...fields } = options.fields;
    return this.written(async freezes => {
      let before: Freeze | undefined;
      const updated = await freezes.update(options, current => {
        before = current;
        const next: Freeze = { ...current, ...definedFields(fields) };
        if (recurrence === null) {
          delete next.recurrence;
        } else if (recurrence !== undefined) {
          next.recurrence = recurrence;
        }
        return next;
      });
      return { result: updated, changed: [before, updated] };
    });
  }

  async deleteFreeze(id: string): Promise<boolean> {
    return this.written(async freezes => {
      const before = await freezes.get(id);
      return { result: await freezes.delete(id), changed: [before] };
    });
  }

  async isEmpty(): Promise<boolean> {
    return this.freezes.isEmpty();
  }
}
