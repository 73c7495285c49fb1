export { releaseCoordinationApiRef } from './ReleaseCoordinationApi';
export type {
  ListFreezeOccurrencesRequest,
  ListReleasesRequest,
  ReleaseCoordinationApi,
} from './ReleaseCoordinationApi';
export { ReleaseCoordinationClient } from './ReleaseCoordinationClient';
