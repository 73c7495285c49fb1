import {
  Page,
  ReleaseState,
  ReviewActionItem,
  ReviewRequirementReason,
  ReviewStatus,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { encodeCursor, whereAfterCursor } from '../database/keysetCursor';
import { bucketIndexSql } from '../metrics/bucketIndexSql';
import type { MetricsBucket } from '../metrics/DatabaseMetricsStore';
import { toIso } from '../database/rows';
import { ItemRow, ReviewRow, toItem, toReview } from './reviewRows';

/** Whether a review is required, why, and since when it counts. */
export interface ReviewRequirement {
  releaseId: string;
  required: boolean;
  requiredBecause: ReviewRequirementReason[];
  finishedAt: string;
}

/** A review as stored: what people wrote, without the facts. */
export interface StoredReview extends ReviewRequirement {
  status: ReviewStatus;
  wentWell: string;
  wentWrong: string;
  lessons: string;
  completedBy?: string;
  completedAt?: string;
  updatedBy?: string;
  updatedAt?: string;
  revision: number;
  actionItems: ReviewActionItem[];
}

/** A stored review with what listings show of its release. */
export interface ListedReview extends StoredReview {
  releaseTitle: string;
  releaseVersion: string;
  releaseState: ReleaseState;
  ownerRef: string;
  entityRefs: string[];
}

/** Which reviews to list; all given filters must match. */
export interface ReviewListFilter {
  /** Reviews of releases touching any of these entities. */
  entityRefs?: string[];
  /** Reviews of releases owned by this group. */
  ownerRef?: string;
  /** Every word must occur in a review text, an action item or the release title. */
  q?: string;
  status?: ReviewStatus;
  required?: boolean;
  limit: number;
  cursor?: string;
}

/** An open action item past its due date, with its release. */
export interface OverdueActionItem extends ReviewActionItem {
  releaseId: string;
}

/** A change of a review at the revision the caller saw. */
export interface ReviewChange {
  releaseId: string;
  revision: number;
  by: string;
  at: string;
}

const CURSOR_MESSAGE = 'cursor: not a cursor of this review listing';

/** `%word%` for LIKE, with the wildcard characters of the word escaped. */
const containing = (word: string) =>
  `%${word.toLocaleLowerCase('en-US').replace(/[\\%_]/g, c => `\\${c}`)}%`;

/**
 * Post-release reviews and their action items (`release_reviews`,
 * `release_review_action_items`).
 *
 * @public
 */
export class DatabaseReviewStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  /**
   * Creates the release's review (open, empty) or updates whether it is
   * required and since when it counts; concurrent calls on any replica
   * leave one row.
   */
  async syncRequirement(requirement: ReviewRequirement): Promise<void> {
    await this.db('release_reviews')
      .insert({
        release_id: requirement.releaseId,
        required: requirement.required,
        required_because: JSON.stringify(requirement.requiredBecause),
        finished_at: new Date(requirement.finishedAt),
        status: 'open',
        went_well: '',
        went_wrong: '',
        lessons: '',
        revision: 1,
      })
      .onConflict('release_id')
      .merge(['required', 'required_because', 'finished_at']);
  }

  async getReview(releaseId: string): Promise<StoredReview | undefined> {
    const row = await this.db<ReviewRow>('release_reviews')
      .where({ release_id: releaseId })
      .first();
    if (!row) return undefined;
    return toReview(row, (await this.itemsOf([releaseId])).get(releaseId)!);
  }

  /**
   * Changes the texts or status of a review if it is still at the revision
   * the caller saw; false otherwise (a concurrent change won).
   */
  async updateReview(
    change: ReviewChange,
    fields: Partial<
      Pick<StoredReview, 'wentWell' | 'wentWrong' | 'lessons' | 'status'>
    >,
  ): Promise<boolean> {
    const completing = fields.status === 'completed';
    const updated = await this.db('release_reviews')
      .where({ release_id: change.releaseId, revision: change.revision })
      .update({
        ...(fields.wentWell !== undefined && { went_well: fields.wentWell }),
        ...(fields.wentWrong !== undefined && {
          went_wrong: fields.wentWrong,
        }),
        ...(fields.lessons !== undefined && { lessons: fields.lessons }),
        ...(fields.status && {
          status: fields.status,
          completed_by: completing ? change.by : null,
          completed_at: completing ? new Date(change.at) : null,
        }),
        updated_by: change.by,
        updated_at: new Date(change.at),
        revision: change.revision + 1,
      });
    return updated > 0;
  }

  /** Adds an action item at the review's revision; false if it changed meanwhile. */
  async addActionItem(
    change: ReviewChange,
    item: ReviewActionItem,
  ): Promise<boolean> {
    return this.atRevision(change, tx =>
      tx('release_review_action_items').insert({
        id: item.id,
        release_id: change.releaseId,
        title: item.title,
        owner_ref: item.ownerRef,
        due_date: item.dueDate,
        status: item.status,
        created_by: item.createdBy,
        created_at: new Date(item.createdAt),
      }),
    );
  }

  /** Changes an action item at the review's revision; false if it changed meanwhile. */
  async updateActionItem(
    change: ReviewChange,
    itemId: string,
    fields: Partial<
      Pick<ReviewActionItem, 'title' | 'ownerRef' | 'dueDate' | 'status'>
    >,
  ): Promise<boolean> {
    return this.atRevision(change, tx =>
      tx('release_review_action_items')
        .where({ id: itemId, release_id: change.releaseId })
        .update({
          ...(fields.title !== undefined && { title: fields.title }),
          ...(fields.ownerRef !== undefined && { owner_ref: fields.ownerRef }),
          ...(fields.dueDate !== undefined && { due_date: fields.dueDate }),
          ...(fields.status === 'done' && {
            status: 'done',
            done_by: change.by,
            done_at: new Date(change.at),
          }),
          ...(fields.status === 'open' && {
            status: 'open',
            done_by: null,
            done_at: null,
          }),
        }),
    );
  }

  /** Reviews newest finished first, each with its release's title, state, owner and entities. */
  async listReviews(filter: ReviewListFilter): Promise<Page<ListedReview>> {
    const query = this.db('release_reviews as v')
      .join('releases as r', 'r.id', 'v.release_id')
      .select(
        'v.*',
        'r.title as release_title',
        'r.version as release_version',
        'r.state as release_state',
        'r.owner_ref as release_owner_ref',
      );
    if (filter.entityRefs) {
      query.whereIn(
        'v.release_id',
        this.db('release_entities')
          .select('release_id')
          .whereIn('entity_ref', filter.entityRefs),
      );
    }
    if (filter.ownerRef) query.where('r.owner_ref', filter.ownerRef);
    if (filter.status) query.where('v.status', filter.status);
    if (filter.required !== undefined) {
      query.where('v.required', filter.required);
    }
    for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean)) {
      this.whereMentions(query, containing(word));
    }
    whereAfterCursor(query, filter.cursor, {
      columns: { finishedAt: 'v.finished_at', id: 'v.release_id' },
      order: 'desc',
      message: CURSOR_MESSAGE,
    });
    const rows = await query
      .orderBy('v.finished_at', 'desc')
      .orderBy('v.release_id', 'desc')
      .limit(filter.limit + 1);
    const pageRows = rows.slice(0, filter.limit);
    const ids = pageRows.map(row => row.release_id as string);
    const [items, entities] = await Promise.all([
      this.itemsOf(ids),
      this.entitiesOf(ids),
    ]);
    const listed = pageRows.map(row => ({
      ...toReview(row, items.get(row.release_id)!),
      releaseTitle: row.release_title,
      releaseVersion: row.release_version,
      releaseState: row.release_state as ReleaseState,
      ownerRef: row.release_owner_ref,
      entityRefs: entities.get(row.release_id) ?? [],
    }));
    const last = listed[listed.length - 1];
    return {
      items: listed,
      ...(rows.length > filter.limit &&
        last && {
          nextCursor: encodeCursor({
            id: last.releaseId,
            finishedAt: last.finishedAt,
          }),
        }),
    };
  }

  /**
   * The required reviews not completed of releases (other than `exceptId`)
   * touching any of the entities, that finished before `finishedBefore`.
   */
  async overdueRequired(options: {
    entityRefs: string[];
    finishedBefore: Date;
    exceptId: string;
  }): Promise<{ releaseId: string; title: string; finishedAt: string }[]> {
    const rows = await this.db('release_reviews as v')
      .join('releases as r', 'r.id', 'v.release_id')
      .whereIn(
        'v.release_id',
        this.db('release_entities')
          .select('release_id')
          .whereIn('entity_ref', options.entityRefs),
      )
      .where('v.required', true)
      .where('v.status', 'open')
      .where('v.finished_at', '<', options.finishedBefore)
      .whereNot('v.release_id', options.exceptId)
      .orderBy('v.finished_at')
      .select('v.release_id', 'r.title', 'v.finished_at');
    return rows.map(row => ({
      releaseId: row.release_id,
      title: row.title,
      finishedAt: toIso(row.finished_at),
    }));
  }

  /** Open action items due before `today` (`YYYY-MM-DD`) not yet reminded of for their due date. */
  async listUnremindedOverdue(today: string): Promise<OverdueActionItem[]> {
    const rows: (ItemRow & { reminded_for: string | null })[] = await this.db(
      'release_review_action_items',
    )
      .where({ status: 'open' })
      .where('due_date', '<', today)
      .where(unreminded =>
        unreminded
          .whereNull('reminded_for')
          .orWhereRaw('reminded_for <> due_date'),
      )
      .orderBy('due_date')
      .orderBy('id');
    return rows.map(row => ({ ...toItem(row), releaseId: row.release_id }));
  }

  /**
   * Claims the one overdue reminder of an action item for its due date:
   * true for the first caller only, on every replica.
   */
  async claimReminder(itemId: string, dueDate: string): Promise<boolean> {
    const claimed = await this.db('release_review_action_items')
      .where({ id: itemId, due_date: dueDate, status: 'open' })
      .where(unreminded =>
        unreminded
          .whereNull('reminded_for')
          .orWhereNot('reminded_for', dueDate),
      )
      .update({ reminded_for: dueDate });
    return claimed > 0;
  }

  /**
   * Review completion per bucket, for delivery metrics: of the releases
   * touching any of the entities (every release when undefined) that
   * finished in each bucket, how many reviews were required and how many
   * of those are completed, in the buckets' order; one grouped query over
   * the index of required reviews by finish time.
   */
  async countCompletion(filter: {
    entityRefs?: string[];
    buckets: MetricsBucket[];
  }): Promise<Array<{ required: number; completed: number }>> {
    const { buckets, entityRefs } = filter;
    const bucket = bucketIndexSql('v.finished_at', buckets, ms => new Date(ms));
    const query = this.db('release_reviews as v')
      .where('v.required', true)
      .where('v.finished_at', '>=', new Date(buckets[0].start))
      .where('v.finished_at', '<', new Date(buckets[buckets.length - 1].end))
      .select(this.db.raw(`${bucket.sql} as idx`, bucket.bindings))
      .count({ required: '*' })
      .sum({
        completed: this.db.raw(
          "case when v.status = 'completed' then 1 else 0 end",
        ),
      })
      .groupByRaw('1');
    if (entityRefs) {
      query.whereIn(
        'v.release_id',
        this.db('release_entities')
          .select('release_id')
          .whereIn('entity_ref', entityRefs),
      );
    }
    const rows: Array<Record<string, unknown>> = await query;
    const counts = new Map(rows.map(row => [Number(row.idx), row]));
    return buckets.map((_, idx) => ({
      required: Number(counts.get(idx)?.required ?? 0),
      completed: Number(counts.get(idx)?.completed ?? 0),
    }));
  }

  /** Whether no review was stored yet (demo seeding). */
  async isEmpty(): Promise<boolean> {
    return !(await this.db('release_reviews').first('release_id'));
  }

  /**
   * In one transaction: moves the review to the next revision if it is at the
   * caller's, then applies `write`; false, writing nothing, if it is not.
   */
  private atRevision(
    change: ReviewChange,
    write: (tx: Knex.Transaction) => Promise<unknown>,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const bumped = await tx('release_reviews')
        .where({ release_id: change.releaseId, revision: change.revision })
        .update({
          revision: change.revision + 1,
          updated_by: change.by,
          updated_at: new Date(change.at),
        });
      if (bumped === 0) return false;
      await write(tx);
      return true;
    });
  }

  /** Any review text, action item title or the release title contains the pattern. */
  private whereMentions(query: Knex.QueryBuilder, pattern: string) {
    const like = (column: string) =>
      this.db.raw(`lower(${column}) like ? escape ?`, [pattern, '\\']);
    query.where(mention =>
      mention
        .where(like('v.went_well'))
        .orWhere(like('v.went_wrong'))
        .orWhere(like('v.lessons'))
        .orWhere(like('r.title'))
        .orWhereExists(
          this.db('release_review_action_items as a')
            .whereRaw('a.release_id = v.release_id')
            .where(like('a.title')),
        ),
    );
  }

  private async itemsOf(
    releaseIds: string[],
  ): Promise<Map<string, ReviewActionItem[]>> {
    const byRelease = new Map(
      releaseIds.map(id => [id, [] as ReviewActionItem[]]),
    );
    if (releaseIds.length === 0) return byRelease;
    const rows: ItemRow[] = await this.db('release_review_action_items')
      .whereIn('release_id', releaseIds)
      .orderBy('created_at')
      .orderBy('id');
    rows.forEach(row => byRelease.get(row.release_id)?.push(toItem(row)));
    return byRelease;
  }

  private async entitiesOf(releaseIds: string[]) {
    const byRelease = new Map<string, string[]>();
    if (releaseIds.length === 0) return byRelease;
    const rows: { release_id: string; entity_ref: string }[] = await this.db(
      'release_entities',
    )
      .whereIn('release_id', releaseIds)
      .orderBy('entity_ref')
      .select('release_id', 'entity_ref');
    rows.forEach(row =>
      byRelease.set(row.release_id, [
        ...(byRelease.get(row.release_id) ?? []),
        row.entity_ref,
      ]),
    );
    return byRelease;
  }
}

/**
 * What services may use of the review store.
 *
 * @public
 */
export type ReviewStore = Pick<DatabaseReviewStore, keyof DatabaseReviewStore>;
