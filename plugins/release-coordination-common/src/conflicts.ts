import { Duration } from 'luxon';
import { z } from 'zod';
import {
  freezeOccurrencesQuerySchema,
  freezeRequestSchemas,
  MAX_OCCURRENCE_RANGE_DAYS,
} from './freezes';
import {
  DEFAULT_TIME_HORIZON,
  horizonTimestampSchema,
  queryIntegerSchema,
  releaseTypeSchema,
  TimeHorizon,
} from './schemas';
import { Conflict, Slot, conflictKindValues } from './generated/openapi';

export type { Conflict, Slot };

/**
 * The kinds of conflict between releases, freezes and the catalog.
 *
 * @public
 */
export const CONFLICT_KINDS = conflictKindValues;

/** @public */
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * How much a conflict matters: `blocking` ones hold the deploy gate shut.
 *
 * @public
 */
export type ConflictSeverity = 'blocking' | 'warning';

/** Longest range of `GET /conflicts`, in days. @public */
export const MAX_CONFLICT_RANGE_DAYS = MAX_OCCURRENCE_RANGE_DAYS;
/** Most slots `GET /slots` returns. @public */
export const MAX_SLOT_COUNT = 20;
/** Shortest slot duration, in minutes. @public */
export const MIN_SLOT_MINUTES = 15;
/** Longest slot duration, in days. @public */
export const MAX_SLOT_DAYS = 90;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The largest page of `GET /conflicts`. @public */
export const MAX_CONFLICT_PAGE_SIZE = 1000;
/** The page of `GET /conflicts` when no `limit` is given. @public */
export const DEFAULT_CONFLICT_PAGE_SIZE = 500;

/**
 * Query of `GET /conflicts`: the query of `GET /freeze-occurrences` (a range
 * of at most 366 days, optionally only the conflicts affecting some
 * entities) and a page: how many conflicts at most, after which cursor.
 */
function pagedConflictsQuery(
  occurrencesQuery: typeof freezeOccurrencesQuerySchema,
) {
  return occurrencesQuery.safeExtend({
    limit: queryIntegerSchema(1, MAX_CONFLICT_PAGE_SIZE).default(
      DEFAULT_CONFLICT_PAGE_SIZE,
    ),
    cursor: z.string().min(1).max(500).optional(),
  });
}

/**
 * Query of `GET /conflicts`: a range of at most 366 days, optionally only the
 * conflicts affecting some entities, and a page (`limit`, default 500, at
 * most 1,000; `cursor`, the previous page's `nextCursor`).
 *
 * @public
 */
export const conflictsQuerySchema = pagedConflictsQuery(
  freezeOccurrencesQuerySchema,
);

/** @public */
export type ConflictsQuery = z.output<typeof conflictsQuerySchema>;

/**
 * An ISO 8601 duration (e.g. `PT2H`) between 15 minutes and 90 days, parsed
 * with luxon to milliseconds.
 *
 * @public
 */
export const slotDurationSchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .transform((value, ctx) => {
    const duration = Duration.fromISO(value);
    if (!duration.isValid) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not an ISO 8601 duration such as PT2H`,
      });
      return z.NEVER;
    }
    // calendar units (months, years) count with their average length
    const ms = duration.toMillis();
    if (ms < MIN_SLOT_MINUTES * MINUTE_MS || ms > MAX_SLOT_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        message: `must be between ${MIN_SLOT_MINUTES} minutes and ${MAX_SLOT_DAYS} days`,
      });
      return z.NEVER;
    }
    return ms;
  });

/**
 * The schemas of conflict queries that hold times, with every time within
 * `horizon`; the backend builds them with its configured horizon, the
 * exported schemas use the default one.
 *
 * @public
 */
export function conflictRequestSchemas(horizon: TimeHorizon) {
  const occurrencesQuery = freezeRequestSchemas(horizon).occurrencesQuery;
  return {
    /** Query of `GET /conflicts`: the query of `GET /freeze-occurrences`' and a page. */
    conflictsQuery: pagedConflictsQuery(occurrencesQuery),
    /**
     * Query of `GET /slots`: the entities, the duration, from when (default
     * now), how many slots and the release type (which decides freeze exemptions).
     */
    slotsQuery: z.strictObject({
      entityRef: occurrencesQuery.shape.entityRef
        .refine(refs => Boolean(refs?.length), {
          message: 'name at least one entity',
        })
        .transform(refs => refs ?? []),
      duration: slotDurationSchema,
      after: horizonTimestampSchema(horizon).optional(),
      count: queryIntegerSchema(1, MAX_SLOT_COUNT).default(5),
      type: releaseTypeSchema.optional(),
    }),
  };
}

/**
 * Query of `GET /slots`: the entities, the duration, from when (default now),
 * how many slots and the release type (which decides freeze exemptions).
 *
 * @public
 */
export const slotsQuerySchema =
  conflictRequestSchemas(DEFAULT_TIME_HORIZON).slotsQuery;

/** @public */
export type SlotsQuery = z.output<typeof slotsQuerySchema>;

/**
 * Body of `POST /releases/:id/freeze-override`.
 *
 * @public
 */
export const freezeOverrideRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});

/** @public */
export type FreezeOverrideRequest = z.input<typeof freezeOverrideRequestSchema>;
