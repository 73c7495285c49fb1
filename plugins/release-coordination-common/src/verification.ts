import { z } from 'zod';
import { DEFAULT_LINK_SCHEMES, linkSchema } from './links';
import { entityRefSchema } from './schemas';
import { isoDurationSchema } from './trains';
import {
  CriteriaProgress,
  ReleaseVerification,
  SuccessCriterion,
  measurableCheckComparatorValues,
  successCriterionOutcomeResultValues,
} from './generated/openapi';

export type { CriteriaProgress, ReleaseVerification, SuccessCriterion };

/**
 * How a measured value is compared with a criterion's threshold.
 *
 * @public
 */
export const CRITERION_COMPARATORS = measurableCheckComparatorValues;

/** @public */
export type CriterionComparator = (typeof CRITERION_COMPARATORS)[number];

/**
 * What the owner of a criterion records after the release.
 *
 * @public
 */
export const CRITERION_RESULTS = successCriterionOutcomeResultValues;

/** @public */
export type CriterionResult = (typeof CRITERION_RESULTS)[number];

/** Most success criteria one release may have. @public */
export const MAX_CRITERIA = 50;

/** Longest criterion text and waiver reason. @public */
export const MAX_CRITERION_TEXT = 1000;

/** Longest observation window, in days. @public */
export const MAX_OBSERVATION_WINDOW_DAYS = 90;

/**
 * Whether a measured value meets a threshold under a comparator.
 *
 * @public
 */
export function compareMetric(
  value: number,
  comparator: CriterionComparator,
  threshold: number,
): boolean {
  switch (comparator) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    default:
      return value === threshold;
  }
}

/**
 * The measurable check of a criterion: a metric compared with a threshold
 * over an observation window that starts when the release is released.
 *
 * @public
 */
export const measurableCheckSchema = z.strictObject({
  metric: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, {
      message:
        'must be a metric name of letters, digits, "_", ".", ":" or "-" (at most 100)',
    }),
  comparator: z.enum(CRITERION_COMPARATORS),
  threshold: z.number().finite(),
  window: isoDurationSchema(MAX_OBSERVATION_WINDOW_DAYS),
});

/** @public */
export type MeasurableCheck = z.output<typeof measurableCheckSchema>;

/** Who owns a criterion: a user or a group. */
const criterionOwnerSchema = entityRefSchema.refine(
  ref => ref.startsWith('user:') || ref.startsWith('group:'),
  { message: 'must be a user or group ref (user:… or group:…)' },
);

const criterionTextSchema = z.string().trim().min(1).max(MAX_CRITERION_TEXT);

/**
 * Body of `POST /releases/:id/criteria`.
 *
 * @public
 */
export const createCriterionRequestSchema = z.strictObject({
  text: criterionTextSchema,
  check: measurableCheckSchema.optional(),
  ownerRef: criterionOwnerSchema,
});

/** @public */
export type CreateCriterionRequest = z.input<
  typeof createCriterionRequestSchema
>;

/** @public */
export type CreateCriterionInput = z.output<
  typeof createCriterionRequestSchema
>;

/**
 * Body of `PATCH /releases/:id/criteria/:criterionId`: the fields to change;
 * `check: null` removes the measurable check.
 *
 * @public
 */
export const updateCriterionRequestSchema = z
  .strictObject({
    text: criterionTextSchema.optional(),
    check: measurableCheckSchema.nullable().optional(),
    ownerRef: criterionOwnerSchema.optional(),
  })
  .refine(value => Object.keys(value).length > 0, {
    message: 'name at least one of text, check, ownerRef',
  });

/** @public */
export type UpdateCriterionRequest = z.input<
  typeof updateCriterionRequestSchema
>;

/** @public */
export type UpdateCriterionInput = z.output<
  typeof updateCriterionRequestSchema
>;

/**
 * Body of `POST /releases/:id/criteria/:criterionId/result`, with evidence
 * links of the given schemes (`releaseCoordination.links.allowedSchemes`).
 * A waiver needs a reason.
 *
 * @public
 */
export function recordCriterionResultSchema(
  schemes: readonly string[] = DEFAULT_LINK_SCHEMES,
) {
  return z
    .strictObject({
      result: z.enum(CRITERION_RESULTS),
      evidence: linkSchema(schemes).optional(),
      observedValue: z.string().trim().max(200).optional(),
      waiverReason: z.string().trim().max(MAX_CRITERION_TEXT).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.result === 'waived' && !value.waiverReason) {
        ctx.addIssue({
          code: 'custom',
          path: ['waiverReason'],
          message: 'a waiver needs a reason',
        });
      }
    });
}

/** @public */
export type RecordCriterionResultRequest = z.input<
  ReturnType<typeof recordCriterionResultSchema>
>;

/** @public */
export type RecordCriterionResultInput = z.output<
  ReturnType<typeof recordCriterionResultSchema>
>;

/**
 * What a criterion's owner recorded after the release.
 *
 * @public
 */
export interface CriterionOutcome {
  result: CriterionResult;
  evidence?: string;
  observedValue?: string;
  waiverReason?: string;
  recordedBy: string;
  recordedAt: string;
}

/**
 * What an automatic checker proposed for a measurable criterion: met or
 * not met with the value it observed, or why it could not tell.
 *
 * @public
 */
export interface CriterionProposal {
  result?: 'met' | 'not_met';
  observedValue?: number;
  error?: string;
  checker: string;
  checkedAt: string;
}

/**
 * Whether a criterion counts as done for `verified`.
 *
 * @public
 */
export function isCriterionSettled(criterion: SuccessCriterion): boolean {
  return (
    criterion.outcome?.result === 'met' ||
    criterion.outcome?.result === 'waived'
  );
}
