export { releaseCoordinationApiRef } from './ReleaseCoordinationApi';
export type {
  EndFreezeRequest,
  ListConflictsRequest,
  ListFreezeOccurrencesRequest,
  ListFreezesRequest,
  ListIssuesRequest,
  ListReleasesRequest,
  ListTrainSlotsRequest,
  ListUpcomingImpactRequest,
  ReleaseCoordinationApi,
  SuggestSlotsRequest,
  TrainStatsRequest,
} from './ReleaseCoordinationApi';
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
