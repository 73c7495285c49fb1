import { Knex } from 'knex';
import { bucketIndexSql } from './bucketIndexSql';
import { mediansOf, WHOLE } from './medians';

/** An interval `[start, end)` in epoch milliseconds. */
export interface MetricsBucket {
  start: number;
  end: number;
}

/** A median duration in milliseconds (null when `count` is 0) and its sample size. */
export interface MedianDuration {
  medianMs: number | null;
  count: number;
}

/**
 * The aggregates of one bucket, from which the measures are computed: the
 * counts are of releases released in the bucket; lead and recovery times are
 * anchored on the release's `released` time, approval lead time on its
 * `approved` time. Whether a release was rework or on a train is as it was
 * when released (`release_delivery_times`).
 */
export interface BucketAggregates {
  deployments: number;
  /** Rolled back (or rolling back), or linked to a sev1/sev2 issue. */
  failed: number;
  /** Hotfixes released within the rework window after another release of one of their entities. */
  rework: number;
  /** Started no earlier than their window's start and released by its end. */
  onTime: number;
  /** Booked on a release train. */
  onTrain: number;
  leadTime: MedianDuration;
  recoveryTime: MedianDuration;
  approvalLeadTime: MedianDuration;
}

/** What the measures are computed over. */
export interface MetricsFilter {
  /** Releases touching any of these entities (lower-case refs); every release when undefined. */
  entityRefs?: string[];
  /** Consecutive intervals, at least one: each starts where the previous one ends. */
  buckets: MetricsBucket[];
  /** How long after a release a hotfix of its entities counts as rework, in ms. */
  reworkWindowMs: number;
}

/** The releases with a sev1/sev2 issue. */
const SEVERE_RELEASES = `SELECT release_id FROM release_issues
  WHERE severity IN ('sev1', 'sev2')`;

/** What the counts and durations read of a release released in the period. */
const RELEASED_COLUMNS = `release_id, rollback_at, planned_at, started_at,
  window_start, window_end, previous_release_at, on_train`;

/** A query fragment with its bindings, in text order. */
interface Sql {
  sql: string;
  bindings: Knex.Value[];
}

/**
 * The delivery-metrics queries over `release_delivery_times`, kept up to
 * date with every release event, so no release is loaded into memory: one
 * grouped query for the counts and one for the durations of the medians,
 * each a single pass over a covering index range of the anchor time (or,
 * for a scope, over its entities' index ranges in
 * `release_delivery_entities`), each row put in its bucket by a binary
 * search in SQL ({@link bucketIndexSql}). Medians are found by selection
 * ({@link mediansOf}) in the durations (one number per release, listed per
 * bucket by a grouped query), on both databases: SQLite has no percentile
 * function, and PostgreSQL's `percentile_cont` sorts every duration of the
 * period by bucket first, which cost more than the whole answer does now.
 */
export class DatabaseMetricsStore {
  /** Over a migrated database (see `createStores`). */
  constructor(private readonly db: Knex) {}

  /**
   * The aggregates of each bucket, in order, and of all of them together
   * (`whole`); the buckets follow each other without gaps or overlaps.
   */
  async aggregate(
    filter: MetricsFilter,
  ): Promise<{ series: BucketAggregates[]; whole: BucketAggregates }> {
    const [counts, medians] = await this.read(db =>
      Promise.all([this.counts(db, filter), this.medians(db, filter)]),
    );
    const aggregates = (idx: number): BucketAggregates => {
      const median = (measure: string): MedianDuration =>
        medians.get(`${measure}:${idx}`) ?? { medianMs: null, count: 0 };
      const rows = idx === WHOLE ? [...counts.values()] : [counts.get(idx)];
      const sum = (column: string) =>
        rows.reduce((total, row) => total + Number(row?.[column] ?? 0), 0);
      return {
        deployments: sum('deployments'),
        failed: sum('failed'),
        rework: sum('rework'),
        onTime: sum('on_time'),
        onTrain: sum('on_train'),
        leadTime: median('lead'),
        recoveryTime: median('recovery'),
        approvalLeadTime: median('approval'),
      };
    };
    return {
      series: filter.buckets.map((_, idx) => aggregates(idx)),
      whole: aggregates(WHOLE),
    };
  }

  /** The counts per bucket of the releases released in it. */
  private async counts(db: Knex, filter: MetricsFilter) {
    const bucket = bucketIndexSql('d.released_at', filter.buckets);
    const released = this.anchoredOn('released_at', filter);
    const rows = await this.rows(
      db,
      `SELECT ${bucket.sql} AS idx,
        COUNT(*) AS deployments,
        SUM(CASE WHEN d.rollback_at IS NOT NULL OR d.release_id IN (${SEVERE_RELEASES})
          THEN 1 ELSE 0 END) AS failed,
        SUM(CASE WHEN d.previous_release_at >= d.released_at - ?
          THEN 1 ELSE 0 END) AS rework,
        SUM(CASE WHEN d.started_at >= d.window_start AND d.released_at <= d.window_end
          THEN 1 ELSE 0 END) AS on_time,
        SUM(CASE WHEN d.on_train = ? THEN 1 ELSE 0 END) AS on_train
      FROM ${released.sql}
      GROUP BY 1`,
      [...bucket.bindings, filter.reworkWindowMs, true, ...released.bindings],
    );
    return new Map(rows.map(row => [Number(row.idx), row]));
  }

  /**
   * Medians per measure and bucket, and over the whole period (bucket
   * {@link WHOLE}), keyed `measure:bucket`.
   */
  private async medians(
    db: Knex,
    filter: MetricsFilter,
  ): Promise<Map<string, MedianDuration>> {
    const arms = this.durations(filter);
    // per measure and bucket one row with its known durations as text
    // (both aggregates skip nulls), grouped by hashing: far cheaper than a
    // row per duration through the driver, or than sorting every duration
    // of the period by bucket for percentile_cont (PostgreSQL) — the
    // medians are then found by selection, one pass per bucket
    const listOf = this.isPostgres()
      ? `string_agg(CAST(v AS text), ',')`
      : 'group_concat(v)';
    const grouped = arms.map(
      arm => `SELECT '${arm.measure}' AS measure, idx, ${listOf} AS vs
        FROM (${arm.sql}) durations GROUP BY idx`,
    );
    const rows = await this.rows(
      db,
      grouped.join(' UNION ALL '),
      arms.flatMap(arm => arm.bindings),
    );
    return mediansOf(
      rows.map(row => ({
        measure: String(row.measure),
        idx: Number(row.idx),
        values: row.vs === null ? [] : JSON.parse(`[${row.vs}]`),
      })),
    );
  }

  /**
   * The durations the medians are of, per measure as (bucket index, ms):
   * lead time (planned → released) and recovery time (rollback decision or
   * first sev1/sev2 issue → follow-up hotfix released or every such issue
   * resolved) of the releases released in each bucket, and approval lead
   * time (planned → approved) of those approved in it; null while unknown
   * (not recovered yet).
   */
  private durations(
    filter: MetricsFilter,
  ): Array<Sql & { measure: 'lead' | 'recovery' | 'approval' }> {
    const issueTime = (column: string) => this.epochMs(`i.${column}`);
    const releasedIn = bucketIndexSql('d.released_at', filter.buckets);
    const approvedIn = bucketIndexSql('d.approved_at', filter.buckets);
    const released = this.anchoredOn('released_at', filter);
    const approved = this.anchoredOn('approved_at', filter);
    // the release's sev1/sev2 issues, looked up for failed releases only
    const ofSevereIssues = (aggregate: string) =>
      `(SELECT ${aggregate} FROM release_issues i
        WHERE i.release_id = d.release_id AND i.severity IN ('sev1', 'sev2'))`;
    const firstSevereAt = ofSevereIssues(`MIN(${issueTime('created_at')})`);
    const recovered = `COALESCE(
        (SELECT MIN(h.released_at) FROM release_hotfixes x
          JOIN release_delivery_times h ON h.release_id = x.hotfix_id
          WHERE x.of_release_id = d.release_id),
        ${ofSevereIssues(`CASE
          WHEN SUM(CASE WHEN i.status <> 'resolved' THEN 1 ELSE 0 END) = 0
          THEN MAX(${issueTime('status_since')}) END`)})`;
    return [
      {
        measure: 'lead',
        sql: `SELECT ${releasedIn.sql} AS idx, d.released_at - d.planned_at AS v
          FROM ${released.sql}
            AND d.planned_at IS NOT NULL`,
        bindings: [...releasedIn.bindings, ...released.bindings],
      },
      // the releases rolled back, then those with a sev1/sev2 issue only:
      // two index lookups instead of one test per release of the period
      {
        measure: 'recovery',
        sql: `SELECT ${releasedIn.sql} AS idx, ${recovered} - d.rollback_at AS v
          FROM ${released.sql}
            AND d.rollback_at IS NOT NULL`,
        bindings: [...releasedIn.bindings, ...released.bindings],
      },
      {
        measure: 'recovery',
        sql: `SELECT ${releasedIn.sql} AS idx, ${recovered} - ${firstSevereAt} AS v
          FROM ${released.sql}
            AND d.rollback_at IS NULL
            AND d.release_id IN (${SEVERE_RELEASES})`,
        bindings: [...releasedIn.bindings, ...released.bindings],
      },
      {
        measure: 'approval',
        sql: `SELECT ${approvedIn.sql} AS idx, d.approved_at - d.planned_at AS v
          FROM ${approved.sql}
            AND d.planned_at IS NOT NULL`,
        bindings: [...approvedIn.bindings, ...approved.bindings],
      },
    ];
  }

  /**
   * The delivery rows `d` whose `column` falls within the buckets' span, as
   * `FROM` … `WHERE` to extend with `AND`: for the organisation an index
   * range of `release_delivery_times`; for a scope its entities' index
   * ranges of `release_delivery_entities`, which carry the same columns,
   * each release once.
   */
  private anchoredOn(
    column: 'released_at' | 'approved_at',
    { buckets, entityRefs }: MetricsFilter,
  ): Sql {
    const span = [buckets[0].start, buckets[buckets.length - 1].end];
    if (!entityRefs) {
      return {
        sql: `release_delivery_times d
          WHERE d.${column} >= ? AND d.${column} < ?`,
        bindings: span,
      };
    }
    const refs = entityRefs.length ? entityRefs : [''];
    const columns =
      column === 'released_at'
        ? `released_at, ${RELEASED_COLUMNS}`
        : 'approved_at, release_id, planned_at';
    return {
      sql: `(SELECT DISTINCT ${columns} FROM release_delivery_entities
          WHERE entity_ref IN (${refs.map(() => '?').join(', ')})
            AND ${column} >= ? AND ${column} < ?) d
        WHERE 1 = 1`,
      bindings: [...refs, ...span],
    };
  }

  /** A timestamp column as epoch milliseconds (SQLite stores them so). */
  private epochMs(column: string): string {
    return this.isPostgres()
      ? `CAST(EXTRACT(EPOCH FROM ${column}) * 1000 AS bigint)`
      : column;
  }

  private isPostgres(): boolean {
    return this.db.client.config.client === 'pg';
  }

  /**
   * Runs the queries of one answer; on PostgreSQL in a read transaction
   * without JIT compilation, which costs these short queries far more
   * (seconds) than it saves once their plans' costs pass its threshold, and
   * with memory to group a period's rows without spilling to disk.
   */
  private read<T>(queries: (db: Knex) => Promise<T>): Promise<T> {
    if (!this.isPostgres()) return queries(this.db);
    return this.db.transaction(
      async tx => {
        await tx.raw(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`);
        return queries(tx);
      },
      { readOnly: true },
    );
  }

  private async rows(
    db: Knex,
    sql: string,
    bindings: readonly Knex.Value[],
  ): Promise<Array<Record<string, unknown>>> {
    const result = await db.raw(sql, bindings);
    return this.isPostgres() ? result.rows : result;
  }
}
