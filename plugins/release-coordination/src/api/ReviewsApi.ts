import {
  CreateActionItemRequest,
  ListReviewsRequest,
  Page,
  ReleaseReview,
  ReleaseReviewSummary,
  UpdateActionItemRequest,
  UpdateReviewRequest,
} from '@internal/plugin-release-coordination-common';

/**
 * The calls about post-release reviews, part of
 * `ReleaseCoordinationApi`.
 *
 * @public
 */
export interface ReleaseReviewsApi {
  /** The review of a release that went live, with its prefilled facts. */
  getReleaseReview(id: string): Promise<ReleaseReview>;
  updateReleaseReview(
    id: string,
    request: UpdateReviewRequest,
  ): Promise<ReleaseReview>;
  addReviewActionItem(
    id: string,
    request: CreateActionItemRequest,
  ): Promise<ReleaseReview>;
  updateReviewActionItem(
    id: string,
    itemId: string,
    request: UpdateActionItemRequest,
  ): Promise<ReleaseReview>;
  /** The review as a Markdown document. */
  getReleaseReviewMarkdown(id: string): Promise<string>;
  /** Reviews newest first, by entity, System, Domain, Group and words. */
  listReviews(
    request?: ListReviewsRequest,
  ): Promise<Page<ReleaseReviewSummary>>;
}
