import {
  ReleaseReviewSummary,
  REVIEW_REASON_TEXT,
} from '@internal/plugin-release-coordination-common';
import { formatTimestamp } from '../shared/format';
import { entityName } from '../shared/shortRef';

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

/** Saves text as a file the browser downloads. */
export function downloadText(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}
