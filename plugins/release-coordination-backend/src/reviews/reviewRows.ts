import {
  ActionItemStatus,
  ReviewActionItem,
  ReviewStatus,
} from '@internal/plugin-release-coordination-common';
import { Timestamp, toIso } from '../database/rows';
import type { StoredReview } from './DatabaseReviewStore';

/** A row of `release_reviews`. */
export type ReviewRow = {
  release_id: string;
  required: boolean | number;
  required_because: string;
  finished_at: Timestamp;
  status: string;
  went_well: string;
  went_wrong: string;
  lessons: string;
  completed_by: string | null;
  completed_at: Timestamp | null;
  updated_by: string | null;
  updated_at: Timestamp | null;
  revision: number;
};

/** A row of `release_review_action_items`. */
export type ItemRow = {
  id: string;
  release_id: string;
  title: string;
  owner_ref: string;
  due_date: string;
  status: string;
  created_by: string;
  created_at: Timestamp;
  done_by: string | null;
  done_at: Timestamp | null;
};

/** An action item of its row. */
export const toItem = (row: ItemRow): ReviewActionItem => ({
  id: row.id,
  title: row.title,
  ownerRef: row.owner_ref,
  dueDate: row.due_date,
  status: row.status as ActionItemStatus,
  createdBy: row.created_by,
  createdAt: toIso(row.created_at),
  ...(row.done_by && { doneBy: row.done_by }),
  ...(row.done_at && { doneAt: toIso(row.done_at) }),
});

/** A review of its row and its action items. */
export const toReview = (
  row: ReviewRow,
  actionItems: ReviewActionItem[],
): StoredReview => ({
  releaseId: row.release_id,
  required: Boolean(row.required),
  requiredBecause: JSON.parse(row.required_because),
  finishedAt: toIso(row.finished_at),
  status: row.status as ReviewStatus,
  wentWell: row.went_well,
  wentWrong: row.went_wrong,
  lessons: row.lessons,
  ...(row.completed_by && { completedBy: row.completed_by }),
  ...(row.completed_at && { completedAt: toIso(row.completed_at) }),
  ...(row.updated_by && { updatedBy: row.updated_by }),
  ...(row.updated_at && { updatedAt: toIso(row.updated_at) }),
  revision: row.revision,
  actionItems,
});
