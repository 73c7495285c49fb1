import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import {
  entityRefSchema,
  MAX_DESCRIPTION_LENGTH,
  MAX_ENTITY_REFS,
  MAX_PAGE_SIZE,
  MAX_TITLE_LENGTH,
  horizonTimestampSchema,
  queryIntegerSchema,
  releaseTypeSchema,
  TimeHorizon,
  DEFAULT_TIME_HORIZON,
} from './schemas';
import { refSchema } from './refSchema';
import { rruleProblem } from './rrule';
import { ReleaseType } from './types';
import type { GateResult } from './generated/openapi';

export type { GateResult };

/** Shortest a freeze (or each occurrence of a recurring freeze) may last, in minutes. @public */
export const MIN_FREEZE_MINUTES = 30;
/** Longest a freeze (or each occurrence of a recurring freeze) may last, in days. @public */
export const MAX_FREEZE_DAYS = 366;
/** Longest range of `GET /freeze-occurrences`, in days. @public */
export const MAX_OCCURRENCE_RANGE_DAYS = 366;
/** Most exception dates one recurring freeze may list. @public */
export const MAX_EXDATES = 500;
/** Release types exempt from freezes unless configured otherwise. @public */
export const DEFAULT_FREEZE_EXEMPT_TYPES: readonly ReleaseType[] = [
  'emergency',
  'security',
];

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * What a freeze covers: everything, or any mix of domains, systems, groups and
 * entities. A domain or system covers every entity that is part of it, a group
 * every entity it owns; all resolved through the catalog when evaluated.
 *
 * @public
 */
export interface FreezeScope {
  all: boolean;
  domains: string[];
  systems: string[];
  groups: string[];
  entities: string[];
}

/**
 * How a freeze repeats: an RFC 5545 RRULE evaluated in an IANA time zone, so
 * "every Friday 16:00 Europe/Berlin" stays 16:00 local across DST changes.
 *
 * @public
 */
export interface FreezeRecurrence {
  /** The RRULE value, e.g. `FREQ=WEEKLY;BYDAY=FR`, without DTSTART or UNTIL. */
  rrule: string;
  /** IANA time zone the rule is evaluated in, e.g. `Europe/Berlin`. */
  timezone: string;
  /** Starts (ISO UTC) of occurrences to skip. */
  exdates: string[];
  /** No occurrence starts after this instant (ISO UTC). */
  until?: string;
}

/**
 * A freeze (blackout period): a time in which the entities in its scope should
 * not be released, except by releases of an exempt type.
 *
 * @public
 */
export interface Freeze {
  id: string;
  title: string;
  /** Markdown. */
  description: string;
  scope: FreezeScope;
  /** Start (ISO UTC); for a recurring freeze, of its first occurrence. */
  start: string;
  /** End (ISO UTC); for a recurring freeze, of its first occurrence, whose length every occurrence has. */
  end: string;
  recurrence?: FreezeRecurrence;
  /** Release types the freeze does not apply to. */
  exemptTypes: ReleaseType[];
  /** When the freeze was ended early; no occurrence reaches beyond it. */
  endedAt?: string;
  /** Why it was ended early. */
  endReason?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Incremented on every change; sent back on updates for optimistic concurrency. */
  revision: number;
}

/**
 * One occurrence of a freeze in time.
 *
 * @public
 */
export interface FreezeOccurrence {
  freezeId: string;
  title: string;
  start: string;
  end: string;
  scope: FreezeScope;
  exemptTypes: ReleaseType[];
}

/**
 * A ref of one kind, with that kind and the default namespace filled in when
 * omitted (`payments` → `system:default/payments`), normalised to lower case.
 *
 * @public
 */
export const scopeRefSchema = (kind: string) =>
  refSchema(value => {
    let ref: CompoundEntityRef;
    try {
      ref = parseEntityRef(value, {
        defaultKind: kind,
        defaultNamespace: 'default',
      });
    } catch {
      return `"${value}" is not a ${kind} ref`;
    }
    return ref.kind.toLocaleLowerCase('en-US') === kind
      ? ref
      : `"${value}" is not a ${kind}`;
  });

/**
 * A sorted, de-duplicated list of refs, empty by default.
 *
 * @public
 */
export const refList = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .max(MAX_ENTITY_REFS)
    .default([])
    .transform(refs => [...new Set(refs as string[])].sort());

/**
 * A freeze scope; `all: false` needs at least one ref.
 *
 * @public
 */
export const freezeScopeSchema = z
  .strictObject({
    all: z.boolean().default(false),
    domains: refList(scopeRefSchema('domain')),
    systems: refList(scopeRefSchema('system')),
    groups: refList(scopeRefSchema('group')),
    entities: refList(entityRefSchema),
  })
  .superRefine((scope, ctx) => {
    if (
      !scope.all &&
      scope.domains.length +
        scope.systems.length +
        scope.groups.length +
        scope.entities.length ===
        0
    ) {
      ctx.addIssue({
        code: 'custom',
        message:
          'name at least one domain, system, group or entity, or set all: true',
      });
    }
  });

/**
 * An RFC 5545 RRULE value (without DTSTART), upper-cased, checked by `rruleProblem`.
 *
 * @public
 */
export const rruleValueSchema = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .transform(value => value.replace(/^RRULE:/i, '').toUpperCase())
  .superRefine((value, ctx) => {
    const problem = rruleProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * An IANA time zone name, e.g. `Europe/Berlin`.
 *
 * @public
 */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine(zone => IANAZone.isValidZone(zone), {
    message: 'not a known IANA time zone (e.g. Europe/Berlin)',
  });

/** A freeze's recurrence, its exception dates and `until` within the horizon. */
const freezeRecurrenceWithin = (horizon: TimeHorizon) => {
  const timestamp = horizonTimestampSchema(horizon);
  return z.strictObject({
    rrule: rruleValueSchema,
    timezone: timeZoneSchema,
    exdates: z
      .array(timestamp)
      .max(MAX_EXDATES)
      .default([])
      .transform(dates => [...new Set(dates)].sort()),
    until: timestamp.optional(),
  });
};

/** The times of a freeze that its schemas check. @public */
export type FreezeTimes = {
  start: string;
  end: string;
  recurrence?: { until?: string } | null;
};

/**
 * The problems of a freeze's times, each with the field it concerns: end after
 * start, each occurrence at least 30 minutes and at most 366 days, until after start.
 * Shared by the request schemas and the server's check of a patched freeze.
 *
 * @public
 */
export function freezeTimesIssues(
  freeze: FreezeTimes,
): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const duration = Date.parse(freeze.end) - Date.parse(freeze.start);
  if (duration <= 0) {
    issues.push({ path: ['end'], message: 'must be after start' });
  } else if (duration < MIN_FREEZE_MINUTES * MINUTE_MS) {
    issues.push({
      path: ['end'],
      message: `a freeze${
        freeze.recurrence ? ' occurrence' : ''
      } must last at least ${MIN_FREEZE_MINUTES} minutes`,
    });
  } else if (duration > MAX_FREEZE_DAYS * DAY_MS) {
    issues.push({
      path: ['end'],
      message: `a freeze${
        freeze.recurrence ? ' occurrence' : ''
      } may last at most ${MAX_FREEZE_DAYS} days`,
    });
  }
  const until = freeze.recurrence?.until;
  if (until && Date.parse(until) < Date.parse(freeze.start)) {
    issues.push({
      path: ['recurrence', 'until'],
      message: 'must not be before start',
    });
  }
  return issues;
}

const addTimesIssues = (value: FreezeTimes, ctx: z.RefinementCtx) => {
  for (const issue of freezeTimesIssues(value)) {
    ctx.addIssue({ code: 'custom', ...issue });
  }
};

const freezeTitleSchema = z.string().trim().min(1).max(MAX_TITLE_LENGTH);
const freezeDescriptionSchema = z.string().max(MAX_DESCRIPTION_LENGTH);
const exemptTypesSchema = z
  .array(releaseTypeSchema)
  .max(20)
  .transform(types => [...new Set(types)]);

/**
 * Query of `GET /freezes`.
 *
 * @public
 */
export const listFreezesQuerySchema = z.strictObject({
  limit: queryIntegerSchema(1, MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

/** @public */
export type ListFreezesQuery = z.output<typeof listFreezesQuerySchema>;

const repeatableRefs = z.preprocess(
  value => (value === undefined || Array.isArray(value) ? value : [value]),
  z
    .array(entityRefSchema)
    .max(MAX_ENTITY_REFS)
    .optional()
    .transform(refs => (refs ? [...new Set(refs)] : refs)),
);

/**
 * The schemas of freeze requests that hold times, with every time within
 * `horizon`; the backend builds them with its configured horizon, the
 * exported schemas below use the default one.
 *
 * @public
 */
export function freezeRequestSchemas(horizon: TimeHorizon) {
  const timestamp = horizonTimestampSchema(horizon);
  const recurrence = freezeRecurrenceWithin(horizon);
  return {
    recurrence,
    /** Body of `POST /freezes`. `exemptTypes` defaults on the server (configurable). */
    createFreeze: z
      .strictObject({
        title: freezeTitleSchema,
        description: freezeDescriptionSchema.default(''),
        scope: freezeScopeSchema,
        start: timestamp,
        end: timestamp,
        recurrence: recurrence.optional(),
        exemptTypes: exemptTypesSchema.optional(),
      })
      .superRefine(addTimesIssues),
    /**
     * Body of `PATCH /freezes/:id`: the revision the client last saw and the
     * fields to change; `recurrence: null` makes a freeze one-off.
     */
    updateFreeze: z
      .strictObject({
        revision: z.int().min(1),
        title: freezeTitleSchema.optional(),
        description: freezeDescriptionSchema.optional(),
        scope: freezeScopeSchema.optional(),
        start: timestamp.optional(),
        end: timestamp.optional(),
        recurrence: recurrence.nullable().optional(),
        exemptTypes: exemptTypesSchema.optional(),
      })
      .refine(body => Object.keys(body).length > 1, {
        message: 'name at least one field to change besides revision',
      }),
    /**
     * Query of `GET /freeze-occurrences`: a range of at most 366 days and
     * optionally the entities the occurrences must apply to.
     */
    occurrencesQuery: z
      .strictObject({
        from: timestamp,
        to: timestamp,
        entityRef: repeatableRefs,
      })
      .superRefine((query, ctx) => {
        const range = Date.parse(query.to) - Date.parse(query.from);
        if (range < 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['to'],
            message: 'must not be before from',
          });
        } else if (range > MAX_OCCURRENCE_RANGE_DAYS * DAY_MS) {
          ctx.addIssue({
            code: 'custom',
            path: ['to'],
            message: `the range may be at most ${MAX_OCCURRENCE_RANGE_DAYS} days`,
          });
        }
      }),
    /** Query of `GET /gate`: the entity to deploy and when (default: now). */
    gateQuery: z.strictObject({
      entityRef: entityRefSchema,
      at: timestamp.optional(),
    }),
  };
}

const defaultFreezeSchemas = freezeRequestSchemas(DEFAULT_TIME_HORIZON);

/**
 * The zod schema of a freeze's recurrence.
 *
 * @public
 */
export const freezeRecurrenceSchema = defaultFreezeSchemas.recurrence;

/**
 * Body of `POST /freezes`. `exemptTypes` defaults on the server (configurable).
 *
 * @public
 */
export const createFreezeRequestSchema = defaultFreezeSchemas.createFreeze;

/** @public */
export type CreateFreezeRequest = z.input<typeof createFreezeRequestSchema>;
/** @public */
export type CreateFreezeInput = z.output<typeof createFreezeRequestSchema>;

/**
 * Body of `PATCH /freezes/:id`: the revision the client last saw and the fields
 * to change; `recurrence: null` makes a freeze one-off.
 *
 * @public
 */
export const updateFreezeRequestSchema = defaultFreezeSchemas.updateFreeze;

/** @public */
export type UpdateFreezeRequest = z.input<typeof updateFreezeRequestSchema>;
/** @public */
export type UpdateFreezeInput = z.output<typeof updateFreezeRequestSchema>;

/**
 * Body of `POST /freezes/:id/end`.
 *
 * @public
 */
export const endFreezeRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(2000).optional(),
});

/**
 * Query of `GET /freeze-occurrences`: a range of at most 366 days and
 * optionally the entities the occurrences must apply to.
 *
 * @public
 */
export const freezeOccurrencesQuerySchema =
  defaultFreezeSchemas.occurrencesQuery;

/** @public */
export type FreezeOccurrencesQuery = z.output<
  typeof freezeOccurrencesQuerySchema
>;

/**
 * Query of `GET /gate`: the entity to deploy and when (default: now).
 *
 * @public
 */
export const gateQuerySchema = defaultFreezeSchemas.gateQuery;

/** @public */
export type GateQuery = z.output<typeof gateQuerySchema>;
