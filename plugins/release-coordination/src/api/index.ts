export { releaseCoordinationApiRef } from './ReleaseCoordinationApi';
export type {
  ListReleasesRequest,
  ReleaseCoordinationApi,
} from './ReleaseCoordinationApi';
export { ReleaseCoordinationClient } from './ReleaseCoordinationClient';
