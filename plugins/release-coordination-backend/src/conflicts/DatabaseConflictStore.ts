import { Conflict } from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { chunks, readInChunks } from '../database/releases/chunks';
import { whereWindowOverlaps, windowBucket } from '../database/windowBuckets';
import {
  ConflictAudience,
  ConflictStore,
  ListedConflict,
  StoredConflict,
} from './ConflictStore';

type ConflictRow = {
  id: string;
  audience: ConflictAudience;
  kind: string;
  owner_ref: string | null;
  draft_ids: string;
  body: string;
  windows: string;
};

/** What listing reads of a row: all but the owner and the windows. */
type ListedRow = Omit<ConflictRow, 'owner_ref' | 'windows'>;

const COLUMNS = [
  'c.id',
  'c.audience',
  'c.owner_ref',
  'c.draft_ids',
  'c.body',
  'c.windows',
];

/** Rows per multi-row insert: SQLite binds at most 999 values. */
const INSERT_ROWS = 100;

/** Any constant: the advisory lock the refreshes of the table take turns on. */
const REFRESH_LOCK = 1_404_141_400;

function toStored(row: ConflictRow): StoredConflict {
  return {
    conflict: JSON.parse(row.body) as Conflict,
    audience: row.audience,
    ...(row.owner_ref && { ownerRef: row.owner_ref }),
    draftIds: JSON.parse(row.draft_ids),
    windows: JSON.parse(row.windows),
  };
}

/**
 * The conflicts table in the plugin's Knex database: a row per conflict and
 * a row per release of it with a copy of its window, read by window through
 * the window buckets like `releases`.
 *
 * @public
 */
export class DatabaseConflictStore implements ConflictStore {
  /** Over a migrated database (see `createStores`), or a transaction. */
  constructor(private readonly db: Knex) {}

  async lockForRefresh(): Promise<void> {
    if (this.db.client.config.client === 'pg') {
      await this.db.raw('select pg_advisory_xact_lock(?)', [REFRESH_LOCK]);
    }
  }

  async replaceInvolving(
    releaseIds: string[],
    kinds: Conflict['kind'][],
    conflicts: StoredConflict[],
  ): Promise<void> {
    const ids = new Set<string>();
    for (const chunk of chunks([...new Set(releaseIds)])) {
      const rows: { id: string }[] = await this.db(
        'release_conflict_members as m',
      )
        .join('release_conflicts as c', join =>
          join.on('c.id', 'm.conflict_id').andOn('c.audience', 'm.audience'),
        )
        .where('m.audience', 'all')
        .whereIn('m.release_id', chunk)
        .whereIn('c.kind', kinds)
        .distinct('c.id as id');
      rows.forEach(row => ids.add(row.id));
    }
    await this.remove('all', [...ids]);
    await this.insert(conflicts);
  }

  async replaceOverloads(
    ownerRefs: string[],
    conflicts: StoredConflict[],
  ): Promise<void> {
    const byAudience = new Map<ConflictAudience, string[]>();
    for (const chunk of chunks([...new Set(ownerRefs)])) {
      const rows: { id: string; audience: ConflictAudience }[] = await this.db(
        'release_conflicts',
      )
        .where('kind', 'owner-overload')
        .whereIn('owner_ref', chunk)
        .select('id', 'audience');
      for (const row of rows) {
        byAudience.set(row.audience, [
          ...(byAudience.get(row.audience) ?? []),
          row.id,
        ]);
      }
    }
    for (const [audience, ids] of byAudience) await this.remove(audience, ids);
    await this.insert(conflicts);
  }

  async idsInRange(
    range: { from: string; to: string },
    page: { after?: string; limit: number },
  ): Promise<string[]> {
    // the members' covering window index alone; the conflicts themselves are
    // read by primary key a page at a time (a join made PostgreSQL scan
    // every conflict)
    const query = this.db('release_conflict_members as m').distinct(
      'm.conflict_id',
    );
    whereWindowOverlaps(query, 'm', {
      from: new Date(range.from),
      to: new Date(range.to),
    });
    if (page.after) query.where('m.conflict_id', '>', page.after);
    const rows: { conflict_id: string }[] = await query
      .orderBy('m.conflict_id')
      .limit(page.limit);
    return rows.map(row => row.conflict_id);
  }

  async listInvolving(releaseIds: string[]): Promise<ListedConflict[]> {
    const rows = await readInChunks(
      this.db,
      [...new Set(releaseIds)],
      (chunk): PromiseLike<{ conflict_id: string }[]> =>
        this.db('release_conflict_members')
          .whereIn('release_id', chunk)
          .select('conflict_id'),
    );
    return this.listByIds(rows.map(row => row.conflict_id));
  }

  async listByIds(ids: string[]): Promise<ListedConflict[]> {
    const rows = await readInChunks(
      this.db,
      [...new Set(ids)],
      (chunk): PromiseLike<ListedRow[]> =>
        this.db('release_conflicts')
          .whereIn('id', chunk)
          .select('id', 'kind', 'audience', 'draft_ids', 'body'),
    );
    return rows.map(row => ({
      id: row.id,
      kind: row.kind as Conflict['kind'],
      audience: row.audience,
      draftIds: JSON.parse(row.draft_ids),
      json: row.body,
    }));
  }

  async listAll(): Promise<StoredConflict[]> {
    const rows: ConflictRow[] = await this.db('release_conflicts as c').select(
      COLUMNS,
    );
    return rows.map(toStored);
  }

  async remove(audience: ConflictAudience, ids: string[]): Promise<void> {
    for (const chunk of chunks(ids)) {
      await this.db('release_conflict_members')
        .where('audience', audience)
        .whereIn('conflict_id', chunk)
        .delete();
      await this.db('release_conflicts')
        .where('audience', audience)
        .whereIn('id', chunk)
        .delete();
    }
  }

  async insert(conflicts: StoredConflict[]): Promise<void> {
    const rows = conflicts.map(stored => ({
      id: stored.conflict.id,
      audience: stored.audience,
      kind: stored.conflict.kind,
      owner_ref: stored.ownerRef ?? null,
      draft_ids: JSON.stringify(stored.draftIds),
      body: JSON.stringify(stored.conflict),
      windows: JSON.stringify(stored.windows),
    }));
    const members = conflicts.flatMap(stored =>
      stored.conflict.releaseIds.map((releaseId, i) => ({
        conflict_id: stored.conflict.id,
        audience: stored.audience,
        release_id: releaseId,
        window_start: new Date(stored.windows[i].start),
        window_end: new Date(stored.windows[i].end),
        window_bucket: windowBucket(stored.windows[i]),
      })),
    );
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      await this.db('release_conflicts').insert(rows.slice(i, i + INSERT_ROWS));
    }
    for (let i = 0; i < members.length; i += INSERT_ROWS) {
      await this.db('release_conflict_members').insert(
        members.slice(i, i + INSERT_ROWS),
      );
    }
  }
}
