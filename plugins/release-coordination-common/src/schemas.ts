import { parseEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { linkSchema } from './links';
import { refSchema } from './refSchema';
import { CHANGE_KINDS, RELEASE_STATES, RELEASE_TYPES } from './types';

/** Longest title a release may have. @public */
export const MAX_TITLE_LENGTH = 200;
/** Longest Markdown description a release may have. @public */
export const MAX_DESCRIPTION_LENGTH = 20_000;
/** Most entities one release may change. @public */
export const MAX_ENTITY_REFS = 100;
/** Longest window a release may have, in days. @public */
export const MAX_WINDOW_DAYS = 90;
/** Most change items one release may list. @public */
export const MAX_CHANGES = 500;
/** Largest page size of release listings. @public */
export const MAX_PAGE_SIZE = 200;
/** Most releases one release may declare it must follow. @public */
export const MAX_AFTER = 20;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A catalog entity ref (`kind:namespace/name`, namespace optional), normalised to
 * lower case with the default namespace filled in.
 *
 * @public
 */
export const entityRefSchema = refSchema(value => {
  try {
    return parseEntityRef(value);
  } catch {
    return `"${value}" is not an entity ref of the form kind:namespace/name`;
  }
});

/**
 * An ISO 8601 timestamp with a time zone, normalised to UTC.
 *
 * @public
 */
export const timestampSchema = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO 8601 date-time with a time zone',
  })
  .transform(value => new Date(value).toISOString());

/** Years before and after now request times may lie in, unless configured otherwise. @public */
export const DEFAULT_TIME_HORIZON_YEARS = 5;

/**
 * How far from now the times of a request may lie: `years` before and after
 * the moment it is parsed (`now`, the real clock by default).
 *
 * @public
 */
export interface TimeHorizon {
  years: number;
  now?: () => Date;
}

/** @public */
export const DEFAULT_TIME_HORIZON: TimeHorizon = {
  years: DEFAULT_TIME_HORIZON_YEARS,
};

/**
 * A `timestampSchema` that must lie within the horizon around the moment it
 * is parsed, so that no request names a time the server would spend seconds
 * on (a year 9999 deploy gate, freeze or slot search); the issue says the
 * allowed range.
 *
 * @public
 */
export function horizonTimestampSchema(horizon: TimeHorizon) {
  // a calendar year has at least 365 days: an instant this close to now is
  // within the horizon without the calendar arithmetic
  const surelyWithin = horizon.years * 365 * 24 * 3_600_000;
  return timestampSchema.superRefine((value, ctx) => {
    const clock = horizon.now?.() ?? new Date();
    const instant = Date.parse(value);
    if (Math.abs(instant - clock.getTime()) <= surelyWithin) return;
    const now = DateTime.fromJSDate(clock, { zone: 'utc' });
    const earliest = now.minus({ years: horizon.years }).toJSDate();
    const latest = now.plus({ years: horizon.years }).toJSDate();
    if (instant < earliest.getTime() || instant > latest.getTime()) {
      ctx.addIssue({
        code: 'custom',
        message: `must be within ${
          horizon.years
        } years of now, from ${earliest.toISOString()} to ${latest.toISOString()}`,
      });
    }
  });
}

/**
 * A group ref: releases are owned by teams, never by single users.
 *
 * @public
 */
export const groupRefSchema = entityRefSchema.refine(
  ref => ref.startsWith('group:'),
  { message: 'must be a group ref (group:namespace/name)' },
);

/** Id of a declared standard change (`releaseCoordination.standardChanges`). @public */
export const standardChangeIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    message: 'must be the id of a declared standard change',
  });

const titleSchema = z.string().trim().min(1).max(MAX_TITLE_LENGTH);
const versionSchema = z.string().trim().min(1).max(100);
const descriptionSchema = z.string().max(MAX_DESCRIPTION_LENGTH);
/** A rollback plan; blank means none (stored as absent). */
const rollbackPlanSchema = z.string().trim().max(MAX_DESCRIPTION_LENGTH);

/** @public */
export const releaseTypeSchema = z.enum(RELEASE_TYPES);
/** @public */
export const releaseStateSchema = z.enum(RELEASE_STATES);

/**
 * One change inventory item.
 *
 * @public
 */
export const releaseChangeSchema = z.strictObject({
  kind: z.enum(CHANGE_KINDS),
  title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
  link: linkSchema().optional(),
  entityRef: entityRefSchema.optional(),
});

/**
 * Ids of the releases a release must follow, without duplicates.
 *
 * @public
 */
export const releaseAfterSchema = z
  .array(z.string().trim().min(1).max(36))
  .max(MAX_AFTER)
  .transform(ids => [...new Set(ids)].sort());

const entityRefsSchema = z
  .array(entityRefSchema)
  .min(1)
  .max(MAX_ENTITY_REFS)
  .transform(refs => [...new Set(refs)]);

/** A release window with both ends within the horizon: start before end, at most 90 days long. */
const releaseWindowWithin = (horizon: TimeHorizon) => {
  const timestamp = horizonTimestampSchema(horizon);
  return z
    .strictObject({ start: timestamp, end: timestamp })
    .superRefine((window, ctx) => {
      const duration = Date.parse(window.end) - Date.parse(window.start);
      if (duration <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: 'must be after window.start',
        });
      } else if (duration > MAX_WINDOW_DAYS * DAY_MS) {
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: `window may be at most ${MAX_WINDOW_DAYS} days long`,
        });
      }
    });
};

/**
 * Body of `POST /releases/:id/transition`.
 *
 * @public
 */
export const transitionReleaseRequestSchema = z.strictObject({
  to: releaseStateSchema,
  reason: z.string().trim().min(1).max(2000).optional(),
  /** Starts an emergency release that is not ready, with the written reason (audited). */
  override: z
    .strictObject({ reason: z.string().trim().min(1).max(2000) })
    .optional(),
});

/**
 * Body of `POST /releases/:id/handover`: the group the owners offer the release to.
 *
 * @public
 */
export const handoverRequestSchema = z.strictObject({
  toGroupRef: groupRefSchema,
  reason: z.string().trim().min(1).max(2000).optional(),
});

/** @public */
export type HandoverRequest = z.input<typeof handoverRequestSchema>;

/** @public */
export type TransitionReleaseRequest = z.input<
  typeof transitionReleaseRequestSchema
>;

const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    value => (value === undefined || Array.isArray(value) ? value : [value]),
    z.array(item).max(MAX_ENTITY_REFS).optional(),
  );

/**
 * A whole number in a query string, in plain decimal digits (no `1e2`, `0x10`,
 * `+5` or repeated parameter), from `min` to `max`.
 *
 * @public
 */
export const queryIntegerSchema = (min: number, max: number) =>
  z
    .string({ error: 'must be one whole number in decimal digits' })
    .regex(/^\d{1,9}$/, { error: 'must be a whole number in decimal digits' })
    .transform(Number)
    .pipe(z.int().min(min).max(max));

/**
 * The schemas of release requests that hold times, with every time within
 * `horizon`; the backend builds them with its configured horizon, the
 * exported schemas below use the default one.
 *
 * @public
 */
export function releaseRequestSchemas(horizon: TimeHorizon) {
  const timestamp = horizonTimestampSchema(horizon);
  const window = releaseWindowWithin(horizon);
  return {
    releaseWindow: window,
    /** Body of `POST /releases`. */
    createRelease: z.strictObject({
      title: titleSchema,
      version: versionSchema,
      type: releaseTypeSchema,
      window,
      entityRefs: entityRefsSchema,
      ownerRef: groupRefSchema.optional(),
      standardChangeId: standardChangeIdSchema.optional(),
      description: descriptionSchema.default(''),
      rollbackPlan: rollbackPlanSchema.optional(),
      changes: z.array(releaseChangeSchema).max(MAX_CHANGES).default([]),
      after: releaseAfterSchema.optional(),
    }),
    /** Body of `PATCH /releases/:id`: the revision the client last saw and the fields to change. */
    updateRelease: z
      .strictObject({
        revision: z.int().min(1),
        title: titleSchema.optional(),
        version: versionSchema.optional(),
        type: releaseTypeSchema.optional(),
        window: window.optional(),
        entityRefs: entityRefsSchema.optional(),
        /** To another group of the caller's own; other groups take a release by hand-over. */
        ownerRef: groupRefSchema.optional(),
        standardChangeId: standardChangeIdSchema.optional(),
        description: descriptionSchema.optional(),
        /** `''` removes the rollback plan. */
        rollbackPlan: rollbackPlanSchema.optional(),
        changes: z.array(releaseChangeSchema).max(MAX_CHANGES).optional(),
        after: releaseAfterSchema.optional(),
      })
      .refine(body => Object.keys(body).length > 1, {
        message: 'name at least one field to change besides revision',
      }),
    /** Query of `GET /releases`. Repeatable parameters accept one value or several. */
    listReleasesQuery: z
      .strictObject({
        entityRef: repeatable(entityRefSchema),
        system: entityRefSchema.optional(),
        domain: entityRefSchema.optional(),
        owner: entityRefSchema.optional(),
        from: timestamp.optional(),
        to: timestamp.optional(),
        state: repeatable(releaseStateSchema),
        type: repeatable(releaseTypeSchema),
        /** `asc` lists by window start from the earliest; `desc` from the latest. */
        order: z.enum(['asc', 'desc']).default('asc'),
        limit: queryIntegerSchema(1, MAX_PAGE_SIZE).default(50),
        cursor: z.string().min(1).max(500).optional(),
      })
      .superRefine((query, ctx) => {
        if (query.from && query.to && query.from > query.to) {
          ctx.addIssue({
            code: 'custom',
            path: ['to'],
            message: 'must not be before from',
          });
        }
      }),
  };
}

const defaultReleaseSchemas = releaseRequestSchemas(DEFAULT_TIME_HORIZON);

/**
 * A release window: start before end, at most 90 days long, both within the
 * default horizon.
 *
 * @public
 */
export const releaseWindowSchema = defaultReleaseSchemas.releaseWindow;

/**
 * Body of `POST /releases`.
 *
 * @public
 */
export const createReleaseRequestSchema = defaultReleaseSchemas.createRelease;

/** @public */
export type CreateReleaseRequest = z.input<typeof createReleaseRequestSchema>;
/** @public */
export type CreateReleaseInput = z.output<typeof createReleaseRequestSchema>;

/**
 * Body of `PATCH /releases/:id`: the revision the client last saw and the fields to change.
 *
 * @public
 */
export const updateReleaseRequestSchema = defaultReleaseSchemas.updateRelease;

/** @public */
export type UpdateReleaseRequest = z.input<typeof updateReleaseRequestSchema>;
/** @public */
export type UpdateReleaseInput = z.output<typeof updateReleaseRequestSchema>;

/**
 * Query of `GET /releases`. Repeatable parameters accept one value or several.
 *
 * @public
 */
export const listReleasesQuerySchema = defaultReleaseSchemas.listReleasesQuery;

/** @public */
export type ListReleasesQuery = z.output<typeof listReleasesQuerySchema>;

/**
 * Describes a validation failure as `field: message` clauses, so a 400 names the field.
 *
 * @public
 */
export function describeValidationError(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const field = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map(k => (field ? `${field}.${k}` : k));
        return `unknown field(s): ${keys.join(', ')}`;
      }
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
