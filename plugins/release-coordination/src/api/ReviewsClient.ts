import { queryString } from './ReleaseCoordinationHttp';
import { DeliveryMetricsClient } from './DeliveryMetricsClient';
import { ReleaseReviewsApi } from './ReviewsApi';

/** The calls about post-release reviews. @public */
export abstract class ReviewsClient
  extends DeliveryMetricsClient
  implements ReleaseReviewsApi
{
  getReleaseReview: ReleaseReviewsApi['getReleaseReview'] = async id =>
    this.request(this.reviewPath(id));

  updateReleaseReview: ReleaseReviewsApi['updateReleaseReview'] = async (
    id,
    request,
  ) => this.request(this.reviewPath(id), 'PATCH', request);

  addReviewActionItem: ReleaseReviewsApi['addReviewActionItem'] = async (
    id,
    request,
  ) => this.request(`${this.reviewPath(id)}/action-items`, 'POST', request);

  updateReviewActionItem: ReleaseReviewsApi['updateReviewActionItem'] = async (
    id,
    itemId,
    request,
  ) =>
    this.request(
      `${this.reviewPath(id)}/action-items/${encodeURIComponent(itemId)}`,
      'PATCH',
      request,
    );

  getReleaseReviewMarkdown: ReleaseReviewsApi['getReleaseReviewMarkdown'] =
    async id => (await this.fetchOk(`${this.reviewPath(id)}/markdown`)).text();

  listReviews: ReleaseReviewsApi['listReviews'] = async (request = {}) =>
    this.request(`/reviews${queryString(request)}`);

  /** `/releases/:id/review`. */
  private reviewPath(id: string): string {
    return this.releasePath(id, '/review');
  }
}
