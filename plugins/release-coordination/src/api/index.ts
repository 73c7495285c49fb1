export { releaseCoordinationApiRef } from './ReleaseCoordinationApi';
export type {
  EndFreezeRequest,
  ListConflictsRequest,
  ListFreezeOccurrencesRequest,
  ListFreezesRequest,
  ListReleasesRequest,
  ListTrainSlotsRequest,
  ListUpcomingImpactRequest,
  ReleaseCoordinationApi,
  SuggestSlotsRequest,
  TrainStatsRequest,
} from './ReleaseCoordinationApi';
export { ReleaseCoordinationClient } from './ReleaseCoordinationClient';
export type {
  DeliveryMetricsApi,
  DeliveryMetricsRequest,
} from './DeliveryMetricsApi';
