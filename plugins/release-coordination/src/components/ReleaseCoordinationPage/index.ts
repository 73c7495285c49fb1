export {
  NfsReleaseCoordinationPage,
  ReleaseCoordinationPage,
} from './ReleaseCoordinationPage';
