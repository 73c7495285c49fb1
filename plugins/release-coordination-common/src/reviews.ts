import { z } from 'zod';
import type { CriterionResult } from './verification';
import type { IssueSeverity, IssueStatus } from './releaseIssues';
import type { RollbackStepStatus } from './rollback';
import {
  entityRefSchema,
  MAX_PAGE_SIZE,
  MAX_TITLE_LENGTH,
  queryIntegerSchema,
} from './schemas';
import type { ReleaseState, ReleaseType, ReleaseWindow } from './types';

/**
 * Why a release's post-release review is required: it was rolled back, it is
 * of a type that always needs one (emergency by default), or a sev1/sev2
 * issue was recorded against it.
 *
 * @public
 */
export const REVIEW_REQUIREMENT_REASONS = [
  'rolled-back',
  'release-type',
  'severe-issue',
] as const;

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
export const REVIEW_STATUSES = ['open', 'completed'] as const;

/** @public */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Where an action item of a review stands. @public */
export const ACTION_ITEM_STATUSES = ['open', 'done'] as const;

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

/**
 * A follow-up agreed in a review, with an owner (a user or group) and a due
 * date; its owner is reminded once when it is overdue and still open.
 *
 * @public
 */
export interface ReviewActionItem {
  id: string;
  title: string;
  ownerRef: string;
  /** A calendar date, `YYYY-MM-DD`; overdue from the day after. */
  dueDate: string;
  status: ActionItemStatus;
  createdBy: string;
  createdAt: string;
  doneBy?: string;
  doneAt?: string;
}

/**
 * A review as listings show it: its release, whether it is required and
 * why, and its progress.
 *
 * @public
 */
export interface ReleaseReviewSummary {
  releaseId: string;
  releaseTitle: string;
  releaseVersion: string;
  releaseState: ReleaseState;
  /** The group that owns the release. */
  ownerRef: string;
  entityRefs: string[];
  required: boolean;
  /** Why it is required (empty when optional). */
  requiredBecause: ReviewRequirementReason[];
  status: ReviewStatus;
  /** When the release finished (went live, or last moved towards rolled back). */
  finishedAt: string;
  /** Until when a required review is to be completed. */
  dueAt?: string;
  /** Required, not completed, and past `dueAt`. */
  overdue: boolean;
  completedBy?: string;
  completedAt?: string;
  /** Action items not done yet. */
  openActionItems: number;
}

/** One state a release entered, from its history. @public */
export interface ReviewStateEntry {
  state: ReleaseState;
  at: string;
  by: string;
}

/** A move of a release's window, from its history. @public */
export interface ReviewWindowMove {
  at: string;
  by: string;
  from: ReleaseWindow;
  to: ReleaseWindow;
}

/**
 * The facts a review starts from, computed from what the portal recorded
 * of the release (never stored with the review).
 *
 * @public
 */
export interface ReviewFacts {
  timeline: {
    /** The window as last planned. */
    window: ReleaseWindow;
    states: ReviewStateEntry[];
    /** When it entered `in_progress`. */
    startedAt?: string;
    /** When it entered `released`. */
    releasedAt?: string;
    /** Minutes the start was after the planned start (negative: before). */
    startSlipMinutes?: number;
    /** Minutes going live was after the planned end (negative: before). */
    endSlipMinutes?: number;
    windowMoves: ReviewWindowMove[];
  };
  approvals: {
    /** When it was first planned (approvals were asked). */
    requestedAt?: string;
    /** When it first entered `approved`. */
    approvedAt?: string;
    leadTimeMinutes?: number;
    decisions: {
      groupRef: string;
      decision: 'approve' | 'reject';
      by: string;
      at: string;
    }[];
  };
  issues: {
    id: string;
    title: string;
    severity: IssueSeverity;
    status: IssueStatus;
    openedAt: string;
    resolvedAt?: string;
    /** Minutes from recorded to resolved, or to now while unresolved. */
    openMinutes: number;
  }[];
  rollback?: {
    reason: string;
    emergency: boolean;
    decidedBy: string;
    decidedAt: string;
    completedAt?: string;
    steps: {
      title: string;
      ownerRef: string;
      status: RollbackStepStatus;
      updatedAt?: string;
    }[];
  };
  criteria: {
    text: string;
    ownerRef: string;
    result?: CriterionResult;
    observedValue?: string;
  }[];
}

/**
 * `GET /releases/:id/review`: the review of a release that went live, with
 * its prefilled facts and what people wrote.
 *
 * @public
 */
export interface ReleaseReview extends ReleaseReviewSummary {
  /** Markdown. */
  wentWell: string;
  /** Markdown. */
  wentWrong: string;
  /** Markdown. */
  lessons: string;
  actionItems: ReviewActionItem[];
  updatedBy?: string;
  updatedAt?: string;
  /** Incremented on every change; sent back on changes for optimistic concurrency. */
  revision: number;
  /** The caller may write it (members of the owning group, of a group that approved it, release managers). */
  canEdit: boolean;
  facts: ReviewFacts;
}

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
