export {
  ReleaseSearchResultListItem,
  RELEASE_SEARCH_TYPE,
} from './ReleaseSearchResultListItem';
