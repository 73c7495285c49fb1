export { EntityReleasesContent } from './EntityReleasesContent';
export type { EntityReleasesContentProps } from './EntityReleasesContent';
