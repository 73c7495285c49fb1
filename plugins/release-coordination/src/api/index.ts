export * from './ReleaseCoordinationApi';
export { ReleaseCoordinationClient } from './ReleaseCoordinationClient';
export { AfterGoLiveClient } from './AfterGoLiveClient';
export { ReleaseCoordinationHttp } from './ReleaseCoordinationHttp';
export type { ReleaseReviewsApi } from './ReviewsApi';
export type {
  DeliveryMetricsApi,
  DeliveryMetricsRequest,
} from './DeliveryMetricsApi';
export { ReleaseNotesClient } from './ReleaseNotesClient';
export { ReviewsClient } from './ReviewsClient';
export { DeliveryMetricsClient } from './DeliveryMetricsClient';
