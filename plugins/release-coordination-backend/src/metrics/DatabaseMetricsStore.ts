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
 * `approved` time.
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
  buckets: MetricsBucket[];
  /** How long after a release a hotfix of its entities counts as rework, in ms. */
  reworkWindowMs: number;
}

const SEVERE = ['sev1', 'sev2'];

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

  /** The aggregates of each bucket, in the buckets' order (buckets may overlap). */
  async aggregate(filter: MetricsFilter): Promise<BucketAggregates[]> {
    if (filter.buckets.length === 0) return [];
    const [counts, medians] = await Promise.all([
      this.counts(filter),
      this.medians(filter),
    ]);
    return filter.buckets.map((_, idx) => {
      const row = counts.get(idx);
      const median = (measure: string): MedianDuration =>
        medians.get(`${measure}:${idx}`) ?? { medianMs: null, count: 0 };
      return {
        deployments: Number(row?.deployments ?? 0),
        failed: Number(row?.failed ?? 0),
        rework: Number(row?.rework ?? 0),
        onTime: Number(row?.on_time ?? 0),
        onTrain: Number(row?.on_train ?? 0),
        leadTime: median('lead'),
        recoveryTime: median('recovery'),
        approvalLeadTime: median('approval'),
      };
    });
  }

  private async counts(filter: MetricsFilter) {
    const { sql, bindings } = this.withBuckets(filter);
    const rows: Array<Record<string, unknown>> = await this.db
      .raw(
        `${sql}
      SELECT b.idx AS idx,
        COUNT(*) AS deployments,
        SUM(CASE WHEN d.rollback_at IS NOT NULL OR EXISTS (
          SELECT 1 FROM release_issues i
          WHERE i.release_id = d.release_id AND i.severity IN (?, ?)
        ) THEN 1 ELSE 0 END) AS failed,
        SUM(CASE WHEN d.hotfix = ? AND EXISTS (
          SELECT 1 FROM release_delivery_entities h
          JOIN release_delivery_entities p ON p.entity_ref = h.entity_ref
          WHERE h.release_id = d.release_id AND p.release_id <> d.release_id
            AND p.released_at < d.released_at AND p.released_at >= d.released_at - ?
        ) THEN 1 ELSE 0 END) AS rework,
        SUM(CASE WHEN d.started_at >= d.window_start AND d.released_at <= d.window_end
          THEN 1 ELSE 0 END) AS on_time,
        SUM(CASE WHEN EXISTS (
          SELECT 1 FROM train_bookings tb WHERE tb.release_id = d.release_id
        ) THEN 1 ELSE 0 END) AS on_train
      FROM buckets b
      JOIN deployed d ON d.released_at >= b.b_start AND d.released_at < b.b_end
      GROUP BY b.idx`,
        [...bindings, ...SEVERE, true, filter.reworkWindowMs],
      )
      .then(result => this.rowsOf(result));
    return new Map(rows.map(row => [Number(row.idx), row]));
  }

  private async medians(filter: MetricsFilter) {
    const { sql, bindings } = this.withBuckets(filter);
    const issueTimes = (column: string) => this.epochMs(`i.${column}`);
    const rows: Array<Record<string, unknown>> = await this.db
      .raw(
        `${sql},
      severe AS (
        SELECT i.release_id,
          MIN(${issueTimes('created_at')}) AS first_at,
          MAX(${issueTimes('status_since')}) AS last_change_at,
          SUM(CASE WHEN i.status <> 'resolved' THEN 1 ELSE 0 END) AS unresolved
        FROM release_issues i
        WHERE i.severity IN (?, ?)
          AND i.release_id IN (SELECT release_id FROM deployed)
        GROUP BY i.release_id
      ),
      recoveries AS (
        SELECT d.release_id, d.released_at,
          COALESCE(d.rollback_at, s.first_at) AS failed_at,
          COALESCE(
            (SELECT MIN(h.released_at) FROM release_hotfixes x
             JOIN release_delivery_times h ON h.release_id = x.hotfix_id
             WHERE x.of_release_id = d.release_id),
            CASE WHEN s.unresolved = 0 THEN s.last_change_at END
          ) AS recovered_at
        FROM deployed d LEFT JOIN severe s ON s.release_id = d.release_id
        WHERE d.rollback_at IS NOT NULL OR s.release_id IS NOT NULL
      ),
      durations AS (
        SELECT 'lead' AS measure, b.idx AS idx, d.released_at - d.planned_at AS v
        FROM buckets b
        JOIN deployed d ON d.released_at >= b.b_start AND d.released_at < b.b_end
        WHERE d.planned_at IS NOT NULL
        UNION ALL
        SELECT 'recovery', b.idx, r.recovered_at - r.failed_at
        FROM buckets b
        JOIN recoveries r ON r.released_at >= b.b_start AND r.released_at < b.b_end
        WHERE r.recovered_at IS NOT NULL
        UNION ALL
        SELECT 'approval', b.idx, a.approved_at - a.planned_at
        FROM buckets b
        JOIN approved a ON a.approved_at >= b.b_start AND a.approved_at < b.b_end
        WHERE a.planned_at IS NOT NULL
      ),
      ranked AS (
        SELECT measure, idx, v,
          ROW_NUMBER() OVER (PARTITION BY measure, idx ORDER BY v) AS rn,
          COUNT(*) OVER (PARTITION BY measure, idx) AS n
        FROM durations
      )
      SELECT measure, idx, AVG(v) AS median, MAX(n) AS n
      FROM ranked
      WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
      GROUP BY measure, idx`,
        [...bindings, ...SEVERE],
      )
      .then(result => this.rowsOf(result));
    return new Map(
      rows.map(row => [
        `${row.measure}:${Number(row.idx)}`,
        { medianMs: Number(row.median), count: Number(row.n) },
      ]),
    );
  }

  /**
   * The common table expressions: `buckets` (idx, b_start, b_end), and the
   * releases in the filter's scope `deployed` (released) and `approved`
   * (approved) within the buckets' overall span.
   */
  private withBuckets(filter: MetricsFilter) {
    const { buckets, entityRefs } = filter;
    const from = Math.min(...buckets.map(b => b.start));
    const to = Math.max(...buckets.map(b => b.end));
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
    return {
      sql: `WITH buckets (idx, b_start, b_end) AS (VALUES ${values}),
        deployed AS (${deployed.sql}),
        approved AS (${approved.sql})`,
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

  private rowsOf(result: unknown): Array<Record<string, unknown>> {
    return this.isPostgres()
      ? (result as { rows: Array<Record<string, unknown>> }).rows
      : (result as Array<Record<string, unknown>>);
  }
}
