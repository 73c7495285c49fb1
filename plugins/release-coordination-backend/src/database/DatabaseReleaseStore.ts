import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ACTIVE_RELEASE_STATES,
  Page,
  Release,
  ReleaseEvent,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { bumpListingRevision } from './listingRevision';
import {
  ConflictCandidate,
  NewReleaseEvent,
  ReleaseFields,
  ReleaseListOptions,
  ReleaseStore,
  ViewerFacts,
  WriteAlongside,
} from './ReleaseStore';
import { toIso } from './rows';
import { insertReleaseEvent } from './releaseEvents';
import { StoreTransactions } from './storeTransactions';
import { readInChunks } from './releases/chunks';
import { encodeCursor, whereAfterCursor } from './keysetCursor';
import {
  insertEntities,
  insertFreezeOverride,
  insertOrdering,
  readChildRows,
} from './releases/releaseChildren';
import {
  assembleReleases,
  CANDIDATE_COLUMNS,
  CandidateRow,
  EventRow,
  groupSorted,
  ReleaseRow,
  toReleaseEvent,
  toCandidate,
  toReleaseRow,
  updatedColumns,
} from './releases/releaseRows';
import { whereActive, whereDraftVisible } from './releases/visibility';
import {
  whereWindowOverlaps,
  windowBranches,
  windowBucket,
} from './windowBuckets';

/**
 * Stores releases in the plugin's Knex database (PostgreSQL or SQLite).
 *
 * @public
 */
export class DatabaseReleaseStore implements ReleaseStore {
  /**
   * Over a migrated database (see `createStores`); `transactions` tells its
   * listener of every write, inside the write's transaction.
   */
  constructor(
    private readonly db: Knex,
    private readonly transactions?: StoreTransactions,
  ) {}

  async createRelease(
    release: Release,
    events: NewReleaseEvent[],
  ): Promise<Release> {
    return this.db.transaction(async tx => {
      await tx('releases').insert(toReleaseRow(release));
      await insertEntities(tx, release.id, release.entityRefs, release);
      await insertOrdering(tx, release.id, release.after ?? []);
      if (release.freezeOverride) {
        await insertFreezeOverride(tx, release.id, release.freezeOverride);
      }
      for (const event of events) {
        await insertReleaseEvent(tx, release.id, event);
      }
      await this.transactions?.releasesWritten(tx, {
        releaseIds: [release.id],
        ownerRefs: [release.ownerRef],
      });
      await bumpListingRevision(tx);
      return (await this.readRelease(tx, release.id))!;
    });
  }

  async getRelease(id: string): Promise<Release | undefined> {
    return this.readRelease(this.db, id);
  }

  async listReleases(options: ReleaseListOptions): Promise<Page<Release>> {
    const { order, limit } = options;
    const from = options.from ? new Date(options.from) : undefined;
    const to = options.to ? new Date(options.to) : undefined;
    const groups = options.entityRefGroups ?? [];
    const orderBy = [
      { column: 'window_start', order },
      { column: 'id', order },
    ];

    /** Releases with every filter but the window of `releases` itself. */
    const filtered = () => {
      const query = this.db<ReleaseRow>('releases');
      for (const group of groups) {
        // `id IN (…)` rather than a correlated EXISTS: the planners then
        // start from the entity index instead of scanning releases; the
        // window copy in release_entities narrows it, so `releases` needs
        // no window filter
        query.whereIn('releases.id', sub => {
          sub
            .select('release_entities.release_id')
            .from('release_entities')
            .whereIn('release_entities.entity_ref', group);
          whereWindowOverlaps(sub, 'release_entities', { from, to });
        });
      }
      if (options.ownerRef) query.where('owner_ref', options.ownerRef);
      if (options.draftOwnerRefs) {
        whereDraftVisible(query, options.draftOwnerRefs);
      }
      if (options.states?.length) query.whereIn('state', options.states);
      if (options.types?.length) query.whereIn('type', options.types);
      whereAfterCursor(query, options.cursor, {
        columns: { windowStart: 'window_start', id: 'id' },
        order,
        message: 'cursor: not a cursor returned by a listing in this order',
        fits: fields => fields.order === order,
      });
      return query;
    };

    let rows: ReleaseRow[];
    if (groups.length > 0 || !from) {
      const query = filtered();
      if (groups.length === 0) whereWindowOverlaps(query, 'releases', { to });
      rows = await query
        .select('*')
        .orderBy(orderBy)
        .limit(limit + 1);
    } else {
      // the first rows of each window bucket, read in index order, then the
      // first of those: sorting every window of the range is what took time
      const [first, ...rest] = windowBranches('releases', { from, to }).map(
        (branch, i) =>
          this.db.select('*').from(
            filtered()
              .modify(branch)
              .select('*')
              .orderBy(orderBy)
              .limit(limit + 1)
              .as(`bucket${i}`),
          ),
      );
      rows = await this.db
        .select('*')
        .from(first.unionAll(rest).as('page'))
        .orderBy(orderBy)
        .limit(limit + 1);
    }

    const page = rows.slice(0, limit);
    const items = await this.toReleases(this.db, page);
    const last = items[items.length - 1];
    return rows.length > limit
      ? {
          items,
          nextCursor: encodeCursor({
            order,
            windowStart: last.window.start,
            id: last.id,
          }),
        }
      : { items };
  }

  async updateRelease(options: {
    id: string;
    revision: number;
    fields: Partial<ReleaseFields>;
    event: NewReleaseEvent;
    alongside?: WriteAlongside;
  }): Promise<Release> {
    const { id, revision, fields, event, alongside } = options;
    return this.db.transaction(async tx => {
      const owner = detectedFieldsChange(fields)
        ? await tx('releases').where({ id }).first('owner_ref')
        : undefined;
      await updateAtRevision(tx, id, revision, {
        ...updatedColumns(fields),
        revision: revision + 1,
        updated_at: new Date(event.createdAt),
      });

      const release = (await this.readRelease(tx, id))!;
      if (fields.entityRefs) {
        await tx('release_entities').where({ release_id: id }).delete();
        await insertEntities(tx, id, fields.entityRefs, release);
      } else if (fields.window) {
        await tx('release_entities')
          .where({ release_id: id })
          .update({
            window_start: new Date(fields.window.start),
            window_end: new Date(fields.window.end),
            window_bucket: windowBucket(fields.window),
          });
      }
      if (fields.freezeOverride !== undefined) {
        await tx('release_freeze_overrides').where({ release_id: id }).delete();
        if (fields.freezeOverride) {
          await insertFreezeOverride(tx, id, fields.freezeOverride);
        }
      }
      if (fields.after) {
        await tx('release_ordering').where({ release_id: id }).delete();
        await insertOrdering(tx, id, fields.after);
      }
      await insertReleaseEvent(tx, id, event);
      await alongside?.(tx);
      if (owner) {
        await this.transactions?.releasesWritten(tx, {
          releaseIds: [id],
          ownerRefs: [...new Set([owner.owner_ref, release.ownerRef])],
        });
      }
      await bumpListingRevision(tx);
      return (await this.readRelease(tx, id))!;
    });
  }

  async writeAtRevision(
    id: string,
    revision: number,
    write: WriteAlongside,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      // a no-op update: locks the row until commit, like a change would
      await updateAtRevision(tx, id, revision, { revision });
      await write(tx);
    });
  }

  async listEvents(releaseId: string): Promise<ReleaseEvent[]> {
    const rows = await this.db<EventRow>('release_events')
      .where({ release_id: releaseId })
      .orderBy('id', 'asc');
    return rows.map(toReleaseEvent);
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db('releases').first('id');
    return !row;
  }

  async listActiveReleases(options: {
    from: string;
    to: string;
    entityRefs?: string[];
    draftOwnerRefs?: string[];
  }): Promise<Release[]> {
    const range = { from: new Date(options.from), to: new Date(options.to) };
    const { entityRefs, draftOwnerRefs } = options;
    return this.loadReleases(query => {
      whereActive(query, draftOwnerRefs);
      if (entityRefs) {
        query.whereIn('releases.id', sub => {
          sub
            .select('touched.release_id')
            .from('release_entities as touched')
            .whereIn('touched.entity_ref', entityRefs);
          whereWindowOverlaps(sub, 'touched', range);
        });
      } else {
        whereWindowOverlaps(query, 'releases', range);
      }
    });
  }

  async listActiveCandidates(options: {
    from: string;
    to: string;
    ownerRefs?: string[];
    draftOwnerRefs?: string[];
  }): Promise<ConflictCandidate[]> {
    const range = { from: new Date(options.from), to: new Date(options.to) };
    const query = this.db<CandidateRow>('releases').select(
      ...CANDIDATE_COLUMNS,
    );
    whereActive(query, options.draftOwnerRefs);
    if (options.ownerRefs) {
      // the owner index, not the window buckets: an owner has few releases
      query
        .whereIn('releases.owner_ref', options.ownerRefs)
        .where('releases.window_end', '>=', range.from)
        .where('releases.window_start', '<=', range.to);
    } else {
      whereWindowOverlaps(query, 'releases', range);
    }
    const rows: CandidateRow[] = await query.orderBy([
      { column: 'window_start', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    const entityRows = await readInChunks(
      this.db,
      rows.map(row => row.id),
      ids =>
        this.db('release_entities')
          .whereIn('release_id', ids)
          .select('release_id', 'entity_ref'),
    );
    const refsById = groupSorted(entityRows, r => r.entity_ref);
    return rows.map(row => toCandidate(row, refsById.get(row.id)));
  }

  async getReleases(ids: string[]): Promise<Release[]> {
    return readInChunks(this.db, [...new Set(ids)], chunk =>
      this.loadReleases(query => query.whereIn('releases.id', chunk)),
    );
  }

  async getViewerFacts(ids: string[]): Promise<ViewerFacts[]> {
    const rows = await readInChunks(this.db, [...new Set(ids)], chunk =>
      this.db<ReleaseRow>('releases')
        .whereIn('id', chunk)
        .select(
          'id',
          'state',
          'owner_ref',
          'pending_owner_ref',
          'created_by',
          'handed_over_at',
        ),
    );
    return rows.map(row => ({
      id: row.id,
      state: row.state as ViewerFacts['state'],
      ownerRef: row.owner_ref,
      createdBy: row.created_by,
      ...(row.pending_owner_ref && { pendingOwnerRef: row.pending_owner_ref }),
      ...(row.handed_over_at && { handedOverAt: toIso(row.handed_over_at) }),
    }));
  }

  async listActiveFollowers(ids: string[]): Promise<Release[]> {
    // `id IN (…)` through the after_id index; a correlated EXISTS on
    // release_ordering made the planners scan every release
    const results = await readInChunks(this.db, [...new Set(ids)], chunk =>
      this.loadReleases(query =>
        query
          .whereIn('releases.state', ACTIVE_RELEASE_STATES as string[])
          .whereIn('releases.id', sub =>
            sub
              .select('release_ordering.release_id')
              .from('release_ordering')
              .whereIn('release_ordering.after_id', chunk),
          ),
      ),
    );
    const byId = new Map(results.map(r => [r.id, r]));
    return [...byId.values()];
  }

  /**
   * Loads the releases a condition on `releases` selects: the rows with one
   * query, then their entities, ordering and overrides by primary key in
   * chunks of ids, so any number of releases can be read and the condition
   * (often a window range scan) runs once, not once per table.
   */
  private async loadReleases(
    where: (query: Knex.QueryBuilder) => void,
  ): Promise<Release[]> {
    const rowsQuery = this.db<ReleaseRow>('releases').select('releases.*');
    where(rowsQuery);
    const rows: ReleaseRow[] = await rowsQuery.orderBy([
      { column: 'releases.window_start', order: 'asc' },
      { column: 'releases.id', order: 'asc' },
    ]);
    return this.toReleases(this.db, rows);
  }

  private async readRelease(
    db: Knex,
    id: string,
  ): Promise<Release | undefined> {
    const row = await db<ReleaseRow>('releases').where({ id }).first();
    return row ? (await this.toReleases(db, [row]))[0] : undefined;
  }

  /** The releases of rows, with their entities, ordering and overrides. */
  private async toReleases(db: Knex, rows: ReleaseRow[]): Promise<Release[]> {
    if (rows.length === 0) {
      return [];
    }
    const ids = rows.map(row => row.id);
    return assembleReleases(rows, await readChildRows(db, ids));
  }
}

/** The fields conflict detection reads (titles name releases in its messages). */
const DETECTED_FIELDS: (keyof ReleaseFields)[] = [
  'title',
  'type',
  'state',
  'window',
  'entityRefs',
  'ownerRef',
  'after',
  'freezeOverride',
];

/** Whether a change of fields can change conflicts. */
function detectedFieldsChange(fields: Partial<ReleaseFields>): boolean {
  return DETECTED_FIELDS.some(field => fields[field] !== undefined);
}

/** Updates a release's row if it is at `revision` (compare-and-set); `NotFoundError` or `ConflictError` if not. */
async function updateAtRevision(
  tx: Knex.Transaction,
  id: string,
  revision: number,
  columns: Record<string, unknown>,
) {
  const updated = await tx('releases').where({ id, revision }).update(columns);
  if (updated === 0) {
    const exists = await tx('releases').where({ id }).first('id');
    if (!exists) {
      throw new NotFoundError(`Release ${id} not found`);
    }
    throw new ConflictError(
      `Release ${id} was changed by someone else since revision ${revision}; reload it and try again`,
    );
  }
}
