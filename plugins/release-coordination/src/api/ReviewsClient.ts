import {
  CreateActionItemRequest,
  ListReviewsRequest,
  Page,
  ReleaseReview,
  ReleaseReviewSummary,
  UpdateActionItemRequest,
  UpdateReviewRequest,
} from '@internal/plugin-release-coordination-common';
import { queryString } from './ReleaseCoordinationHttp';
import { DeliveryMetricsClient } from './DeliveryMetricsClient';
import { ReleaseReviewsApi } from './ReviewsApi';

/** The calls about post-release reviews. @public */
export abstract class ReviewsClient
  extends DeliveryMetricsClient
  implements ReleaseReviewsApi
{
  async getReleaseReview(id: string): Promise<ReleaseReview> {
    return this.request(this.reviewPath(id));
  }

  async updateReleaseReview(
    id: string,
    request: UpdateReviewRequest,
  ): Promise<ReleaseReview> {
    return this.request(this.reviewPath(id), {
      method: 'PATCH',
      body: request,
    });
  }

  async addReviewActionItem(
    id: string,
    request: CreateActionItemRequest,
  ): Promise<ReleaseReview> {
    return this.request(`${this.reviewPath(id)}/action-items`, {
      method: 'POST',
      body: request,
    });
  }

  async updateReviewActionItem(
    id: string,
    itemId: string,
    request: UpdateActionItemRequest,
  ): Promise<ReleaseReview> {
    return this.request(
      `${this.reviewPath(id)}/action-items/${encodeURIComponent(itemId)}`,
      { method: 'PATCH', body: request },
    );
  }

  async getReleaseReviewMarkdown(id: string): Promise<string> {
    return (await this.fetchOk(`${this.reviewPath(id)}/markdown`)).text();
  }

  async listReviews(
    request: ListReviewsRequest = {},
  ): Promise<Page<ReleaseReviewSummary>> {
    return this.request(`/reviews${queryString(request)}`);
  }

  /** `/releases/:id/review`. */
  private reviewPath(id: string): string {
    return `/releases/${encodeURIComponent(id)}/review`;
  }
}
