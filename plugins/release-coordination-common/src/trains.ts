import { Duration } from 'luxon';
import { z } from 'zod';
import {
  refList,
  rruleValueSchema,
  scopeRefSchema,
  timeZoneSchema,
} from './freezes';
import {
  DEFAULT_TIME_HORIZON,
  entityRefSchema,
  horizonTimestampSchema,
  MAX_DESCRIPTION_LENGTH,
  MAX_TITLE_LENGTH,
  queryIntegerSchema,
  TimeHorizon,
} from './schemas';
import type { TrainBooking, TrainSlot, TrainStats } from './generated/openapi';

export type { TrainBooking, TrainSlot, TrainStats };

/** Longest slot a train may have, in days. @public */
export const MAX_TRAIN_SLOT_DAYS = 14;
/** Longest cut-off a train may have, in days. @public */
export const MAX_TRAIN_CUTOFF_DAYS = 60;
/** Most slots one `GET /trains/:id/slots` returns. @public */
export const MAX_TRAIN_SLOT_COUNT = 200;
/** Longest range of slot and stats queries, in days. @public */
export const MAX_TRAIN_RANGE_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a release train serves: systems (every entity that is part of them) and
 * single entities, as full entity refs.
 *
 * @public
 */
export interface TrainScope {
  systems: string[];
  entities: string[];
}

/**
 * A release train: a cadence of slots (an RRULE in an IANA time zone) onto
 * which releases of the entities in its scope are booked until a cut-off
 * before each slot.
 *
 * @public
 */
export interface Train {
  id: string;
  name: string;
  /** Markdown. */
  description: string;
  /** The RRULE value, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`. */
  rrule: string;
  /** IANA time zone the rule is evaluated in. */
  timezone: string;
  /** Start (ISO UTC) of the first slot, the rule's DTSTART; gives the slots their time of day. */
  start: string;
  /** ISO 8601 duration of each slot, e.g. `PT2H`. */
  slotDuration: string;
  /** ISO 8601 duration before a slot's start after which it takes no more bookings, e.g. `P2D`. */
  cutoff: string;
  scope: TrainScope;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Incremented on every change; sent back on updates for optimistic concurrency. */
  revision: number;
}

/**
 * A positive ISO 8601 duration (e.g. `PT2H`, `P2D`) of at most `maxDays` days,
 * checked with luxon and kept as given (upper-cased).
 *
 * @public
 */
export const isoDurationSchema = (maxDays: number) =>
  z
    .string()
    .trim()
    .min(2)
    .max(50)
    .transform(value => value.toUpperCase())
    .superRefine((value, ctx) => {
      const duration = Duration.fromISO(value);
      if (!duration.isValid) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not an ISO 8601 duration (e.g. PT2H, P2D)`,
        });
      } else if (duration.toMillis() <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be longer than zero' });
      } else if (duration.toMillis() > maxDays * DAY_MS) {
        ctx.addIssue({
          code: 'custom',
          message: `may be at most ${maxDays} days`,
        });
      }
    });

/**
 * A train scope; needs at least one system or entity.
 *
 * @public
 */
export const trainScopeSchema = z
  .strictObject({
    systems: refList(scopeRefSchema('system')),
    entities: refList(entityRefSchema),
  })
  .refine(scope => scope.systems.length + scope.entities.length > 0, {
    message: 'name at least one system or entity',
  });

const nameSchema = z.string().trim().min(1).max(MAX_TITLE_LENGTH);
const descriptionSchema = z.string().max(MAX_DESCRIPTION_LENGTH);

const rangeIssue = (
  range: { from?: string; to?: string },
  ctx: z.RefinementCtx,
) => {
  if (!range.from || !range.to) return;
  const span = Date.parse(range.to) - Date.parse(range.from);
  if (span < 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: 'must not be before from',
    });
  } else if (span > MAX_TRAIN_RANGE_DAYS * DAY_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range may be at most ${MAX_TRAIN_RANGE_DAYS} days`,
    });
  }
};

/**
 * The schemas of train requests that hold times, with every time within
 * `horizon`; the backend builds them with its configured horizon, the
 * exported schemas below use the default one.
 *
 * @public
 */
export function trainRequestSchemas(horizon: TimeHorizon) {
  const timestamp = horizonTimestampSchema(horizon);
  return {
    /** Body of `POST /trains`. */
    createTrain: z.strictObject({
      name: nameSchema,
      description: descriptionSchema.default(''),
      rrule: rruleValueSchema,
      timezone: timeZoneSchema,
      start: timestamp,
      slotDuration: isoDurationSchema(MAX_TRAIN_SLOT_DAYS),
      cutoff: isoDurationSchema(MAX_TRAIN_CUTOFF_DAYS),
      scope: trainScopeSchema,
    }),
    /** Body of `PATCH /trains/:id`: the revision the client last saw and the fields to change. */
    updateTrain: z
      .strictObject({
        revision: z.int().min(1),
        name: nameSchema.optional(),
        description: descriptionSchema.optional(),
        rrule: rruleValueSchema.optional(),
        timezone: timeZoneSchema.optional(),
        start: timestamp.optional(),
        slotDuration: isoDurationSchema(MAX_TRAIN_SLOT_DAYS).optional(),
        cutoff: isoDurationSchema(MAX_TRAIN_CUTOFF_DAYS).optional(),
        scope: trainScopeSchema.optional(),
      })
      .refine(body => Object.keys(body).length > 1, {
        message: 'name at least one field to change besides revision',
      }),
    /**
     * Query of `GET /trains/:id/slots`: slots starting in [from, to) (from
     * defaults to now, to to a year later), at most `count` of them.
     */
    slotsQuery: z
      .strictObject({
        from: timestamp.optional(),
        to: timestamp.optional(),
        count: queryIntegerSchema(1, MAX_TRAIN_SLOT_COUNT).default(10),
      })
      .superRefine(rangeIssue),
    /** Query of `GET /trains/:id/stats`: slots starting in [from, to). */
    statsQuery: z
      .strictObject({ from: timestamp, to: timestamp })
      .superRefine(rangeIssue),
    /** Body of `POST /releases/:id/train-slot`. */
    bookSlot: z.strictObject({
      trainId: z.string().trim().min(1).max(100),
      slotStart: timestamp,
    }),
  };
}

const defaultTrainSchemas = trainRequestSchemas(DEFAULT_TIME_HORIZON);

/**
 * Body of `POST /trains`.
 *
 * @public
 */
export const createTrainRequestSchema = defaultTrainSchemas.createTrain;

/** @public */
export type CreateTrainRequest = z.input<typeof createTrainRequestSchema>;
/** @public */
export type CreateTrainInput = z.output<typeof createTrainRequestSchema>;

/**
 * Body of `PATCH /trains/:id`: the revision the client last saw and the fields to change.
 *
 * @public
 */
export const updateTrainRequestSchema = defaultTrainSchemas.updateTrain;

/** @public */
export type UpdateTrainRequest = z.input<typeof updateTrainRequestSchema>;
/** @public */
export type UpdateTrainInput = z.output<typeof updateTrainRequestSchema>;

/**
 * Query of `GET /trains/:id/slots`: slots starting in [from, to) (from
 * defaults to now, to to a year later), at most `count` of them.
 *
 * @public
 */
export const trainSlotsQuerySchema = defaultTrainSchemas.slotsQuery;

/** @public */
export type TrainSlotsQuery = z.output<typeof trainSlotsQuerySchema>;

/**
 * Query of `GET /trains/:id/stats`: slots starting in [from, to).
 *
 * @public
 */
export const trainStatsQuerySchema = defaultTrainSchemas.statsQuery;

/** @public */
export type TrainStatsQuery = z.output<typeof trainStatsQuerySchema>;

/**
 * Body of `POST /releases/:id/train-slot`.
 *
 * @public
 */
export const bookTrainSlotRequestSchema = defaultTrainSchemas.bookSlot;

/** @public */
export type BookTrainSlotRequest = z.input<typeof bookTrainSlotRequestSchema>;
