import { Freeze, Page } from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { lastEndOf } from '../freezes/occurrences';
import { encodeCursor, whereAfterCursor } from './keysetCursor';
import {
  definedFields,
  revisionedColumns,
  revisionedFields,
  RevisionedTable,
  Timestamp,
  toIso,
} from './rows';
import { FreezeStore } from './FreezeStore';

type FreezeRow = {
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
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  revision: number;
};

function toRow(freeze: Freeze): FreezeRow {
  const { all, ...refs } = freeze.scope;
  return {
    id: freeze.id,
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
    ...revisionedColumns(freeze),
  };
}

function fromRow(row: FreezeRow): Freeze {
  const refs = JSON.parse(row.scope);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    scope: {
      all: Boolean(row.scope_all),
      domains: refs.domains ?? [],
      systems: refs.systems ?? [],
      groups: refs.groups ?? [],
      entities: refs.entities ?? [],
    },
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
    ...revisionedFields(row),
  };
}

/**
 * Stores freezes in the plugin's Knex database (PostgreSQL or SQLite).
 *
 * @public
 */
export class DatabaseFreezeStore implements FreezeStore {
  private readonly freezes: RevisionedTable<Freeze, FreezeRow>;

  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {
    this.freezes = new RevisionedTable(db, 'freezes', 'Freeze', {
      toRow,
      fromRow,
    });
  }

  async createFreeze(freeze: Freeze): Promise<Freeze> {
    return this.freezes.insert(freeze);
  }

  async getFreeze(id: string): Promise<Freeze | undefined> {
    return this.freezes.get(id);
  }

  async listFreezes(options: {
    limit: number;
    cursor?: string;
  }): Promise<Page<Freeze>> {
    const { limit } = options;
    const query = this.db<FreezeRow>('freezes');
    whereAfterCursor(query, options.cursor, {
      columns: { start: 'start_at', id: 'id' },
      order: 'asc',
      message: 'cursor: not a cursor returned by a freeze listing',
    });
    const rows = await query
      .select('*')
      .orderBy([
        { column: 'start_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit + 1);
    const items = rows.slice(0, limit).map(fromRow);
    const last = items[items.length - 1];
    return rows.length > limit
      ? { items, nextCursor: encodeCursor({ start: last.start, id: last.id }) }
      : { items };
  }

  async listFreezesInRange(options: {
    from: string;
    to: string;
  }): Promise<Freeze[]> {
    const rows = await this.db<FreezeRow>('freezes')
      .where('start_at', '<=', new Date(options.to))
      .andWhere(end =>
        end
          .whereNull('last_end_at')
          .orWhere('last_end_at', '>=', new Date(options.from)),
      )
      .orderBy([
        { column: 'start_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(fromRow);
  }

  async updateFreeze(options: {
    id: string;
    revision: number;
    fields: Partial<Omit<Freeze, 'recurrence'>> & {
      recurrence?: Freeze['recurrence'] | null;
    };
    updatedAt: string;
  }): Promise<Freeze> {
    const { id, revision, fields, updatedAt } = options;
    const { recurrence, ...rest } = fields;
    return this.freezes.update(
      { id, revision },
      current => {
        const next: Freeze = { ...current, ...definedFields(rest) };
        if (recurrence === null) {
          delete next.recurrence;
        } else if (recurrence !== undefined) {
          next.recurrence = recurrence;
        }
        return next;
      },
      updatedAt,
    );
  }

  async deleteFreeze(id: string): Promise<boolean> {
    return this.freezes.delete(id);
  }

  async isEmpty(): Promise<boolean> {
    return this.freezes.isEmpty();
  }
}
