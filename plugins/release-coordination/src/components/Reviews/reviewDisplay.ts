import {
  ReleaseReviewSummary,
  REVIEW_REASON_TEXT,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { formatTimestamp } from '../shared/format';

/** Whether a review is required and why, or optional, in words. */
export function requirementText(review: ReleaseReviewSummary): string {
  return review.required
    ? `Required because ${review.requiredBecause
        .map(r => REVIEW_REASON_TEXT[r])
        .join(', ')}`
    : 'Optional';
}

/** Where a review stands, in words: completed by whom when, open, overdue. */
export function statusText(review: ReleaseReviewSummary): string {
  if (review.status === 'completed') {
    return `Completed${
      review.completedBy ? ` by ${entityName(review.completedBy)}` : ''
    }${review.completedAt ? ` on ${formatTimestamp(review.completedAt)}` : ''}`;
  }
  if (review.overdue && review.dueAt) {
    return `Overdue since ${formatTimestamp(review.dueAt)}`;
  }
  return review.dueAt ? `Open, due ${formatTimestamp(review.dueAt)}` : 'Open';
}
