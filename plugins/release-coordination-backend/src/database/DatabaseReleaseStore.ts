import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ACTIVE_RELEASE_STATES,
  FreezeOverride,
  Page,
  Release,
  ReleaseEvent,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import {
  ConflictCandidate,
  NewReleaseEvent,
  ReleaseFields,
  ReleaseListOptions,
  ReleaseStore,
} from './ReleaseStore';
import { Timestamp, toIso } from './rows';
import { insertReleaseEvent } from './releaseEvents';
import {
  whereWindowOverlaps,
  windowBranches,
  windowBucket,
} from './windowBuckets';

type ReleaseRow = {
  id: string;
  title: string;
  version: string;
  type: string;
  state: string;
  window_start: Timestamp;
  window_end: Timestamp;
  owner_ref: string;
  description: string;
  rollback_plan: string | null;
  changes: string;
  pending_owner_ref: string | null;
  handed_over_at: Timestamp | null;
  planned_type: string | null;
  standard_change_id: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  revision: number;
};

type OverrideRow = {
  release_id: string;
  reason: string;
  set_by: string;
  set_at: Timestamp;
};

type EventRow = {
  id: number | string;
  release_id: string;
  action: string;
  actor_ref: string;
  created_at: Timestamp;
  changes: string;
  reason: string | null;
};

/** Most ids in one `IN` list, well below SQLite's limit of bound variables. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    result.push(items.slice(i, i + CHUNK));
  }
  return result;
}

type Cursor = { order: 'asc' | 'desc'; windowStart: string; id: string };

function toOverride(row: OverrideRow) {
  return { reason: row.reason, by: row.set_by, at: toIso(row.set_at) };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(value: string, order: 'asc' | 'desc'): Cursor {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    cursor = undefined;
  }
  if (
    typeof cursor?.id !== 'string' ||
    typeof cursor.windowStart !== 'string' ||
    Number.isNaN(Date.parse(cursor.windowStart)) ||
    cursor.order !== order
  ) {
    throw new InputError(
      'cursor: not a cursor returned by a listing in this order',
    );
  }
  return cursor as Cursor;
}

/**
 * Values of child rows by release id, each list sorted here (by code unit,
 * as the service sorts), not by the database's collation, so every read path
 * agrees on every database.
 */
function groupSorted<T extends { release_id: string }>(
  items: T[],
  value: (item: T) => string,
): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const item of items) {
    const list = byId.get(item.release_id);
    if (list) list.push(value(item));
    else byId.set(item.release_id, [value(item)]);
  }
  for (const list of byId.values()) list.sort();
  return byId;
}

async function insertFreezeOverride(
  tx: Knex.Transaction,
  releaseId: string,
  override: FreezeOverride,
) {
  await tx('release_freeze_overrides').insert({
    release_id: releaseId,
    reason: override.reason,
    set_by: override.by,
    set_at: new Date(override.at),
  });
}

/**
 * Drafts only for the viewer `refs` (a user's ref and groups): those the
 * viewer's groups own or were offered, and those the viewer created unless
 * another group has accepted them since.
 */
function whereDraftVisible(query: Knex.QueryBuilder, refs: string[]) {
  query.where(visible =>
    visible
      .whereNot('releases.state', 'draft')
      .orWhereIn('releases.owner_ref', refs)
      .orWhereIn('releases.pending_owner_ref', refs)
      .orWhere(created =>
        created
          .whereIn('releases.created_by', refs)
          .whereNull('releases.handed_over_at'),
      ),
  );
}

/** Active releases only; with `draftOwnerRefs`, drafts only as {@link whereDraftVisible} shows them. */
function whereActive(query: Knex.QueryBuilder, draftOwnerRefs?: string[]) {
  query.whereIn('releases.state', ACTIVE_RELEASE_STATES as string[]);
  if (draftOwnerRefs) whereDraftVisible(query, draftOwnerRefs);
}

/**
 * Stores releases in the plugin's Knex database (PostgreSQL or SQLite).
 *
 * @public
 */
export class DatabaseReleaseStore implements ReleaseStore {
  /** Connects to the plugin database and runs migrations unless configured to skip them. */
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  async createRelease(
    release: Release,
    events: NewReleaseEvent[],
  ): Promise<Release> {
    return this.db.transaction(async tx => {
      await tx('releases').insert({
        id: release.id,
        title: release.title,
        version: release.version,
        type: release.type,
        state: release.state,
        window_start: new Date(release.window.start),
        window_end: new Date(release.window.end),
        window_bucket: windowBucket(release.window),
        owner_ref: release.ownerRef,
        description: release.description,
        rollback_plan: release.rollbackPlan || null,
        changes: JSON.stringify(release.changes),
        pending_owner_ref: release.pendingOwnerRef ?? null,
        handed_over_at: release.handedOverAt
          ? new Date(release.handedOverAt)
          : null,
        planned_type: release.plannedType ?? null,
        standard_change_id: release.standardChangeId ?? null,
        created_by: release.createdBy,
        created_at: new Date(release.createdAt),
        updated_at: new Date(release.updatedAt),
        revision: release.revision,
      });
      await this.insertEntities(tx, release.id, release.entityRefs, release);
      await this.insertOrdering(tx, release.id, release.after ?? []);
      if (release.freezeOverride) {
        await insertFreezeOverride(tx, release.id, release.freezeOverride);
      }
      for (const event of events) {
        await insertReleaseEvent(tx, release.id, event);
      }
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
      if (options.cursor) {
        const cursor = decodeCursor(options.cursor, order);
        const start = new Date(cursor.windowStart);
        const op = order === 'asc' ? '>' : '<';
        query.where(keyset =>
          keyset
            .where('window_start', op, start)
            .orWhere(tie =>
              tie.where('window_start', start).andWhere('id', op, cursor.id),
            ),
        );
      }
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
    const items = await this.withChildren(page);
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
  }): Promise<Release> {
    const { id, revision, fields, event } = options;
    return this.db.transaction(async tx => {
      const updated = await tx('releases')
        .where({ id, revision })
        .update({
          ...(fields.title !== undefined && { title: fields.title }),
          ...(fields.version !== undefined && { version: fields.version }),
          ...(fields.type !== undefined && { type: fields.type }),
          ...(fields.state !== undefined && { state: fields.state }),
          ...(fields.window !== undefined && {
            window_start: new Date(fields.window.start),
            window_end: new Date(fields.window.end),
            window_bucket: windowBucket(fields.window),
          }),
          ...(fields.ownerRef !== undefined && { owner_ref: fields.ownerRef }),
          ...(fields.description !== undefined && {
            description: fields.description,
          }),
          ...(fields.changes !== undefined && {
            changes: JSON.stringify(fields.changes),
          }),
          ...(fields.rollbackPlan !== undefined && {
            rollback_plan: fields.rollbackPlan || null,
          }),
          ...(fields.pendingOwnerRef !== undefined && {
            pending_owner_ref: fields.pendingOwnerRef,
          }),
          ...(fields.handedOverAt !== undefined && {
            handed_over_at: new Date(fields.handedOverAt),
          }),
          ...(fields.plannedType !== undefined && {
            planned_type: fields.plannedType,
          }),
          ...(fields.standardChangeId !== undefined && {
            standard_change_id: fields.standardChangeId,
          }),
          revision: revision + 1,
          updated_at: new Date(event.createdAt),
        });
      if (updated === 0) {
        const exists = await tx('releases').where({ id }).first('id');
        if (!exists) {
          throw new NotFoundError(`Release ${id} not found`);
        }
        throw new ConflictError(
          `Release ${id} was changed by someone else since revision ${revision}; reload it and try again`,
        );
      }

      const release = (await this.readRelease(tx, id))!;
      if (fields.entityRefs) {
        await tx('release_entities').where({ release_id: id }).delete();
        await this.insertEntities(tx, id, fields.entityRefs, release);
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
        await this.insertOrdering(tx, id, fields.after);
      }
      await insertReleaseEvent(tx, id, event);
      return (await this.readRelease(tx, id))!;
    });
  }

  async listEvents(releaseId: string): Promise<ReleaseEvent[]> {
    const rows = await this.db<EventRow>('release_events')
      .where({ release_id: releaseId })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      id: String(row.id),
      releaseId: row.release_id,
      action: row.action as ReleaseEvent['action'],
      actorRef: row.actor_ref,
      createdAt: toIso(row.created_at),
      changes: JSON.parse(row.changes),
      ...(row.reason !== null && { reason: row.reason }),
    }));
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
    draftOwnerRefs?: string[];
  }): Promise<ConflictCandidate[]> {
    const range = { from: new Date(options.from), to: new Date(options.to) };
    type CandidateRow = Pick<
      ReleaseRow,
      | 'id'
      | 'title'
      | 'type'
      | 'state'
      | 'window_start'
      | 'window_end'
      | 'owner_ref'
    >;
    const query = this.db<CandidateRow>('releases').select(
      'id',
      'title',
      'type',
      'state',
      'window_start',
      'window_end',
      'owner_ref',
    );
    whereActive(query, options.draftOwnerRefs);
    whereWindowOverlaps(query, 'releases', range);
    const rows: CandidateRow[] = await query.orderBy([
      { column: 'window_start', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    const entityRows = (
      await Promise.all(
        chunks(rows.map(row => row.id)).map(ids =>
          this.db('release_entities')
            .whereIn('release_id', ids)
            .select('release_id', 'entity_ref'),
        ),
      )
    ).flat();
    const refsById = groupSorted(entityRows, r => r.entity_ref);
    return rows.map(row => ({
      id: row.id,
      title: row.title,
      type: row.type as Release['type'],
      state: row.state as Release['state'],
      window: { start: toIso(row.window_start), end: toIso(row.window_end) },
      entityRefs: refsById.get(row.id) ?? [],
      ownerRef: row.owner_ref,
    }));
  }

  async getReleases(ids: string[]): Promise<Release[]> {
    const results = await Promise.all(
      chunks([...new Set(ids)]).map(chunk =>
        this.loadReleases(query => query.whereIn('releases.id', chunk)),
      ),
    );
    return results.flat();
  }

  async listActiveFollowers(ids: string[]): Promise<Release[]> {
    // `id IN (…)` through the after_id index; a correlated EXISTS on
    // release_ordering made the planners scan every release
    const results = await Promise.all(
      chunks([...new Set(ids)]).map(chunk =>
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
      ),
    );
    const byId = new Map(results.flat().map(r => [r.id, r]));
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
    return this.withChildren(rows);
  }

  /**
   * The releases of rows read outside a transaction: their entities,
   * ordering and overrides read by primary key in one query per chunk of
   * ids (one round trip instead of three), chunks in parallel.
   */
  private async withChildren(rows: ReleaseRow[]): Promise<Release[]> {
    if (rows.length === 0) return [];
    const raw = (sql: string) => this.db.raw(sql);
    const parts = await Promise.all(
      chunks(rows.map(row => row.id)).map(
        ids =>
          // overrides first: PostgreSQL types the columns of a union pairwise
          // from the left, and a null before `set_at` would be text
          this.db('release_freeze_overrides')
            .whereIn('release_id', ids)
            .select(
              'release_id',
              raw("'override' as kind"),
              raw('null as value'),
              'reason',
              'set_by',
              'set_at',
            )
            .unionAll(entities =>
              entities
                .from('release_entities')
                .whereIn('release_id', ids)
                .select(
                  'release_id',
                  raw("'entity'"),
                  'entity_ref',
                  raw('null'),
                  raw('null'),
                  raw('null'),
                ),
            )
            .unionAll(ordering =>
              ordering
                .from('release_ordering')
                .whereIn('release_id', ids)
                .select(
                  'release_id',
                  raw("'after'"),
                  'after_id',
                  raw('null'),
                  raw('null'),
                  raw('null'),
                ),
            ) as Promise<(OverrideRow & { kind: string; value: string })[]>,
      ),
    );
    const children = parts.flat();
    return this.assemble(
      rows,
      children
        .filter(c => c.kind === 'entity')
        .map(c => ({ release_id: c.release_id, entity_ref: c.value })),
      children
        .filter(c => c.kind === 'after')
        .map(c => ({ release_id: c.release_id, after_id: c.value })),
      children.filter(c => c.kind === 'override'),
    );
  }

  private async insertOrdering(
    tx: Knex.Transaction,
    releaseId: string,
    afterIds: string[],
  ) {
    if (afterIds.length === 0) return;
    await tx('release_ordering').insert(
      afterIds.map(afterId => ({ release_id: releaseId, after_id: afterId })),
    );
  }

  private async insertEntities(
    tx: Knex.Transaction,
    releaseId: string,
    entityRefs: string[],
    release: Pick<Release, 'window'>,
  ) {
    await tx('release_entities').insert(
      entityRefs.map(entityRef => ({
        release_id: releaseId,
        entity_ref: entityRef,
        window_start: new Date(release.window.start),
        window_end: new Date(release.window.end),
        window_bucket: windowBucket(release.window),
      })),
    );
  }

  private async readRelease(
    db: Knex,
    id: string,
  ): Promise<Release | undefined> {
    const row = await db<ReleaseRow>('releases').where({ id }).first();
    return row ? (await this.toReleases(db, [row]))[0] : undefined;
  }

  private async toReleases(db: Knex, rows: ReleaseRow[]): Promise<Release[]> {
    if (rows.length === 0) {
      return [];
    }
    const ids = rows.map(row => row.id);
    // one after the other: `db` may be a transaction on one connection
    const entityRows = await db('release_entities')
      .whereIn('release_id', ids)
      .select('release_id', 'entity_ref')
      .orderBy('entity_ref');
    const orderingRows = await db('release_ordering')
      .whereIn('release_id', ids)
      .select('release_id', 'after_id')
      .orderBy('after_id');
    const overrideRows = await db<OverrideRow>(
      'release_freeze_overrides',
    ).whereIn('release_id', ids);
    return this.assemble(rows, entityRows, orderingRows, overrideRows);
  }

  private assemble(
    rows: ReleaseRow[],
    entityRows: { release_id: string; entity_ref: string }[],
    orderingRows: { release_id: string; after_id: string }[],
    overrideRows: OverrideRow[],
  ): Release[] {
    const refsById = groupSorted(entityRows, r => r.entity_ref);
    const afterById = groupSorted(orderingRows, r => r.after_id);
    const overrideById = new Map(overrideRows.map(r => [r.release_id, r]));
    return rows.map(row => ({
      id: row.id,
      title: row.title,
      version: row.version,
      type: row.type as Release['type'],
      state: row.state as Release['state'],
      window: { start: toIso(row.window_start), end: toIso(row.window_end) },
      entityRefs: refsById.get(row.id) ?? [],
      ownerRef: row.owner_ref,
      description: row.description,
      ...(row.rollback_plan && { rollbackPlan: row.rollback_plan }),
      changes: JSON.parse(row.changes),
      ...(row.pending_owner_ref && { pendingOwnerRef: row.pending_owner_ref }),
      ...(row.handed_over_at && { handedOverAt: toIso(row.handed_over_at) }),
      ...(row.planned_type && {
        plannedType: row.planned_type as Release['type'],
      }),
      ...(row.standard_change_id && {
        standardChangeId: row.standard_change_id,
      }),
      createdBy: row.created_by,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
      revision: row.revision,
      ...(afterById.has(row.id) && { after: afterById.get(row.id) }),
      ...(overrideById.has(row.id) && {
        freezeOverride: toOverride(overrideById.get(row.id)!),
      }),
    }));
  }
}
