import { z } from 'zod';
import {
  ReviewFacts,
  reviewRequirementReasonValues,
  reviewStatusValues,
  reviewActionItemStatusValues,
  ReleaseReview,
  ReleaseReviewSummary,
  ReviewActionItem,
} from './generated/openapi';
import {
  entityRefSchema,
  MAX_PAGE_SIZE,
  MAX_TITLE_LENGTH,
  queryIntegerSchema,
} from './schemas';
import type { IssueSeverity } from './releaseIssues';
import type { ReleaseState, ReleaseType } from './types';

export type {
  ReleaseReview,
  ReleaseReviewSummary,
  ReviewActionItem,
  ReviewFacts,
};

/**
 * Why a release's post-release review is required: it was rolled back, it is
 * of a type that always needs one (emergency by default), or a sev1/sev2
 * issue was recorded against it.
 *
 * @public
 */
export const REVIEW_REQUIREMENT_REASONS = reviewRequirementReasonValues;

/** @public */
export type ReviewRequirementReason =
  (typeof REVIEW_REQUIREMENT_REASONS)[number];

/** Why a review is required, in words ("Required because …"). @public */
export const REVIEW_REASON_TEXT: Record<ReviewRequirementReason, string> = {
  'rolled-back': 'it was rolled back',
  'release-type': 'of its release type',
  'severe-issue': 'a sev1/sev2 issue was recorded',
};

/**
 * Minutes as a short duration: `45 min`, `3 h 5 min`, `2 d 1 h`.
 *
 * @public
 */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  if (m < 60) return `${sign}${m} min`;
  if (m < 24 * 60) {
    return `${sign}${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  }
  const hours = Math.floor((m % (24 * 60)) / 60);
  return `${sign}${Math.floor(m / (24 * 60))} d${hours ? ` ${hours} h` : ''}`;
}

/** Where a review stands. @public */
export const REVIEW_STATUSES = reviewStatusValues;

/** @public */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Where an action item of a review stands. @public */
export const ACTION_ITEM_STATUSES = reviewActionItemStatusValues;

/** @public */
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/**
 * The states in which a release has a review: it went live (and maybe was
 * rolled back or verified since).
 *
 * @public
 */
export const REVIEWABLE_STATES: readonly ReleaseState[] = [
  'released',
  'verified',
  'rolling_back',
  'rolled_back',
];

/** Most action items one review may have. @public */
export const MAX_ACTION_ITEMS = 50;

/** Longest text of a review field (what went well, what did not, lessons). @public */
export const MAX_REVIEW_TEXT = 20_000;

/**
 * When reviews are required and when a required one is overdue, unless
 * app-config (`releaseCoordination.reviews`) says otherwise.
 *
 * @public
 */
export interface ReviewSettings {
  /** A rolled-back (or rolling back) release needs a review. */
  requiredWhenRolledBack: boolean;
  /** Release types that always need one. */
  requiredTypes: ReleaseType[];
  /** An issue of one of these severities, in any status, makes one required. */
  requiredSeverities: IssueSeverity[];
  /** Days after the release finished within which a required review is to be completed. */
  dueDays: number;
}

/** @public */
export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  requiredWhenRolledBack: true,
  requiredTypes: ['emergency'],
  requiredSeverities: ['sev1', 'sev2'],
  dueDays: 5,
};

const reviewText = z.string().max(MAX_REVIEW_TEXT);
const revision = z.int().min(1);

/** A user or group ref: who may own an action item. */
const actionItemOwnerSchema = entityRefSchema.refine(
  ref => ref.startsWith('user:') || ref.startsWith('group:'),
  { message: 'must be a user or group ref (user:… or group:…)' },
);

/** A calendar date `YYYY-MM-DD` between the years 2000 and 2999. */
const dueDateSchema = z.iso
  .date({ error: 'must be a date as YYYY-MM-DD' })
  .refine(date => date >= '2000-01-01' && date <= '2999-12-31', {
    message: 'must lie between 2000-01-01 and 2999-12-31',
  });

const actionItemTitle = z.string().trim().min(1).max(MAX_TITLE_LENGTH);

const atLeastOneField = {
  message: 'name at least one field to change besides revision',
};

/**
 * Body of `PATCH /releases/:id/review`: the review's revision the caller saw
 * and the fields to change; `status: completed` closes it.
 *
 * @public
 */
export const updateReviewRequestSchema = z
  .strictObject({
    revision,
    wentWell: reviewText.optional(),
    wentWrong: reviewText.optional(),
    lessons: reviewText.optional(),
    status: z.enum(REVIEW_STATUSES).optional(),
  })
  .refine(body => Object.keys(body).length > 1, atLeastOneField);

/** @public */
export type UpdateReviewRequest = z.input<typeof updateReviewRequestSchema>;

/**
 * Body of `POST /releases/:id/review/action-items`.
 *
 * @public
 */
export const createActionItemRequestSchema = z.strictObject({
  revision,
  title: actionItemTitle,
  ownerRef: actionItemOwnerSchema,
  dueDate: dueDateSchema,
});

/** @public */
export type CreateActionItemRequest = z.input<
  typeof createActionItemRequestSchema
>;

/**
 * Body of `PATCH /releases/:id/review/action-items/:itemId`.
 *
 * @public
 */
export const updateActionItemRequestSchema = z
  .strictObject({
    revision,
    title: actionItemTitle.optional(),
    ownerRef: actionItemOwnerSchema.optional(),
    dueDate: dueDateSchema.optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
  })
  .refine(body => Object.keys(body).length > 1, atLeastOneField);

/** @public */
export type UpdateActionItemRequest = z.input<
  typeof updateActionItemRequestSchema
>;

/**
 * Query of `GET /reviews`: the reviews of releases of an entity, of the
 * parts of a System or Domain, or owned by a Group, matching a text.
 *
 * @public
 */
export const listReviewsQuerySchema = z.strictObject({
  entityRef: entityRefSchema.optional(),
  system: entityRefSchema.optional(),
  domain: entityRefSchema.optional(),
  group: entityRefSchema.optional(),
  /** Words to find in the review texts, action items and release title. */
  q: z.string().trim().min(1).max(200).optional(),
  status: z.enum(REVIEW_STATUSES).optional(),
  required: z.enum(['true', 'false']).optional(),
  limit: queryIntegerSchema(1, MAX_PAGE_SIZE).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

/** @public */
export type ListReviewsQuery = z.output<typeof listReviewsQuerySchema>;

/** @public */
export type ListReviewsRequest = Partial<
  Omit<z.input<typeof listReviewsQuerySchema>, 'limit'>
> & { limit?: number };

/**
 * A file name for a release's review: its title and version, safe anywhere.
 *
 * @public
 */
export function reviewFileName(
  review: Pick<ReleaseReview, 'releaseTitle' | 'releaseVersion'>,
): string {
  const name = `${review.releaseTitle}-${review.releaseVersion}`
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return `review-${name || 'release'}.md`;
}
