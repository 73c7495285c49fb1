import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { linkSchema } from './links';
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
export const entityRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(parseEntityRef(value)).toLocaleLowerCase(
        'en-US',
      );
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not an entity ref of the form kind:namespace/name`,
      });
      return z.NEVER;
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

/**
 * A release window: start before end, at most 90 days long.
 *
 * @public
 */
export const releaseWindowSchema = z
  .strictObject({ start: timestampSchema, end: timestampSchema })
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

/**
 * Body of `POST /releases`.
 *
 * @public
 */
export const createReleaseRequestSchema = z.strictObject({
  title: titleSchema,
  version: versionSchema,
  type: releaseTypeSchema,
  window: releaseWindowSchema,
  entityRefs: entityRefsSchema,
  ownerRef: entityRefSchema.optional(),
  description: descriptionSchema.default(''),
  rollbackPlan: rollbackPlanSchema.optional(),
  changes: z.array(releaseChangeSchema).max(MAX_CHANGES).default([]),
  after: releaseAfterSchema.optional(),
});

/** @public */
export type CreateReleaseRequest = z.input<typeof createReleaseRequestSchema>;
/** @public */
export type CreateReleaseInput = z.output<typeof createReleaseRequestSchema>;

/**
 * Body of `PATCH /releases/:id`: the revision the client last saw and the fields to change.
 *
 * @public
 */
export const updateReleaseRequestSchema = z
  .strictObject({
    revision: z.int().min(1),
    title: titleSchema.optional(),
    version: versionSchema.optional(),
    type: releaseTypeSchema.optional(),
    window: releaseWindowSchema.optional(),
    entityRefs: entityRefsSchema.optional(),
    ownerRef: entityRefSchema.optional(),
    description: descriptionSchema.optional(),
    /** `''` removes the rollback plan. */
    rollbackPlan: rollbackPlanSchema.optional(),
    changes: z.array(releaseChangeSchema).max(MAX_CHANGES).optional(),
    after: releaseAfterSchema.optional(),
  })
  .refine(body => Object.keys(body).length > 1, {
    message: 'name at least one field to change besides revision',
  });

/** @public */
export type UpdateReleaseRequest = z.input<typeof updateReleaseRequestSchema>;
/** @public */
export type UpdateReleaseInput = z.output<typeof updateReleaseRequestSchema>;

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
 * Query of `GET /releases`. Repeatable parameters accept one value or several.
 *
 * @public
 */
export const listReleasesQuerySchema = z
  .strictObject({
    entityRef: repeatable(entityRefSchema),
    system: entityRefSchema.optional(),
    domain: entityRefSchema.optional(),
    owner: entityRefSchema.optional(),
    from: timestampSchema.optional(),
    to: timestampSchema.optional(),
    state: repeatable(releaseStateSchema),
    type: repeatable(releaseTypeSchema),
    /** `asc` lists by window start from the earliest; `desc` from the latest. */
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
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
  });

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
