import { Knex } from 'knex';

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

/** The bucket index of the whole period in the medians query. */
const WHOLE = -1;

/**
 * The delivery-metrics queries: aggregates per bucket computed in the
 * database (counts with `GROUP BY`, medians with `ROW_NUMBER()` window
 * functions) over `release_delivery_times`, kept up to date with every
 * release event, so no release is loaded into memory. Works on SQLite and
 * PostgreSQL.
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
    const [counts, medians] = await Promise.all([
      this.counts(filter),
      this.medians(filter),
    ]);
    const aggregates = (idx: number): BucketAggregates => {
      const median = (measure: string): MedianDuration =>
        medians.get(`${measure}:${idx}`) ?? { medianMs: null, count: 0 };
      const rows = idx < 0 ? [...counts.values()] : [counts.get(idx)];
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

  private async counts(filter: MetricsFilter) {
    const { sql, bindings } = this.withBuckets(filter);
    const rows = await this.rows(
      `${sql}
      SELECT b.idx AS idx,
        COUNT(*) AS deployments,
        SUM(CASE WHEN d.rollback_at IS NOT NULL OR s.release_id IS NOT NULL
          THEN 1 ELSE 0 END) AS failed,
        SUM(CASE WHEN d.previous_release_at >= d.released_at - ?
          THEN 1 ELSE 0 END) AS rework,
        SUM(CASE WHEN d.started_at >= d.window_start AND d.released_at <= d.window_end
          THEN 1 ELSE 0 END) AS on_time,
        SUM(CASE WHEN d.on_train = ? THEN 1 ELSE 0 END) AS on_train
      FROM buckets b
      JOIN deployed d ON d.released_at >= b.b_start AND d.released_at < b.b_end
      LEFT JOIN severe s ON s.release_id = d.release_id
      GROUP BY b.idx`,
      [...bindings, filter.reworkWindowMs, true],
    );
    return new Map(rows.map(row => [Number(row.idx), row]));
  }

  /**
   * Medians per measure and bucket, and over the whole period (bucket
   * {@link WHOLE}): the middle row (or the mean of the two middle rows) by
   * `ROW_NUMBER()` in each partition.
   */
  private async medians(filter: MetricsFilter) {
    const { sql, bindings } = this.withBuckets(filter);
    const rows = await this.rows(
      `${sql},
      hotfixed AS (
        SELECT x.of_release_id, MIN(h.released_at) AS released_at
        FROM release_hotfixes x
        JOIN release_delivery_times h ON h.release_id = x.hotfix_id
        GROUP BY x.of_release_id
      ),
      durations AS (
        SELECT 'lead' AS measure, b.idx AS idx, d.released_at - d.planned_at AS v
        FROM buckets b
        JOIN deployed d ON d.released_at >= b.b_start AND d.released_at < b.b_end
        WHERE d.planned_at IS NOT NULL
        UNION ALL
        SELECT 'recovery', b.idx,
          COALESCE(x.released_at, CASE WHEN s.unresolved = 0 THEN s.last_change_at END)
            - COALESCE(d.rollback_at, s.first_at)
        FROM buckets b
        JOIN deployed d ON d.released_at >= b.b_start AND d.released_at < b.b_end
        LEFT JOIN severe s ON s.release_id = d.release_id
        LEFT JOIN hotfixed x ON x.of_release_id = d.release_id
        WHERE d.rollback_at IS NOT NULL OR s.release_id IS NOT NULL
        UNION ALL
        SELECT 'approval', b.idx, a.approved_at - a.planned_at
        FROM buckets b
        JOIN approved a ON a.approved_at >= b.b_start AND a.approved_at < b.b_end
        WHERE a.planned_at IS NOT NULL
      ),
      partitions AS (
        SELECT measure, idx, v FROM durations WHERE v IS NOT NULL
        UNION ALL
        SELECT measure, ${WHOLE}, v FROM durations WHERE v IS NOT NULL
      ),
      ranked AS (
        SELECT measure, idx, v,
          ROW_NUMBER() OVER (PARTITION BY measure, idx ORDER BY v) AS rn,
          COUNT(*) OVER (PARTITION BY measure, idx) AS n
        FROM partitions
      )
      SELECT measure, idx, AVG(v) AS median, MAX(n) AS n
      FROM ranked
      WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
      GROUP BY measure, idx`,
      bindings,
    );
    return new Map(
      rows.map(row => [
        `${row.measure}:${Number(row.idx)}`,
        { medianMs: Number(row.median), count: Number(row.n) },
      ]),
    );
  }

  /**
   * The common table expressions: `buckets` (idx, b_start, b_end); the
   * releases in the filter's scope released (`deployed`) and approved
   * (`approved`) within the buckets' span; and `severe`, per release its
   * sev1/sev2 issues: when the first was found, when the last changed and
   * how many are unresolved.
   */
  private withBuckets(filter: MetricsFilter) {
    const { buckets, entityRefs } = filter;
    const from = buckets[0].start;
    const to = buckets[buckets.length - 1].end;
    const values = buckets
      .map(() => '(CAST(? AS integer), CAST(? AS bigint), CAST(? AS bigint))')
      .join(', ');
    const bucketBindings = buckets.flatMap((b, idx) => [idx, b.start, b.end]);
    const anchored = (column: 'released_at' | 'approved_at') => {
      if (!entityRefs) {
        return {
          sql: `SELECT * FROM release_delivery_times
                WHERE ${column} >= ? AND ${column} < ?`,
          bindings: [from, to],
        };
      }
      const refs = entityRefs.length ? entityRefs : [''];
      return {
        sql: `SELECT * FROM release_delivery_times WHERE release_id IN (
                SELECT release_id FROM release_delivery_entities
                WHERE entity_ref IN (${refs.map(() => '?').join(', ')})
                  AND ${column} >= ? AND ${column} < ?)`,
        bindings: [...refs, from, to],
      };
    };
    const deployed = anchored('released_at');
    const approved = anchored('approved_at');
    const issueTime = (column: string) => this.epochMs(`i.${column}`);
    return {
      sql: `WITH buckets (idx, b_start, b_end) AS (VALUES ${values}),
        deployed AS (${deployed.sql}),
        approved AS (${approved.sql}),
        severe AS (
          SELECT i.release_id,
            MIN(${issueTime('created_at')}) AS first_at,
            MAX(${issueTime('status_since')}) AS last_change_at,
            SUM(CASE WHEN i.status <> 'resolved' THEN 1 ELSE 0 END) AS unresolved
          FROM release_issues i
          WHERE i.severity IN ('sev1', 'sev2')
          GROUP BY i.release_id
        )`,
      bindings: [...bucketBindings, ...deployed.bindings, ...approved.bindings],
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

  private async rows(
    sql: string,
    bindings: readonly Knex.Value[],
  ): Promise<Array<Record<string, unknown>>> {
    const result = await this.db.raw(sql, bindings);
    return this.isPostgres() ? result.rows : result;
  }
}
