/**
 * A search collator module that makes release plans of the
 * release-coordination plugin findable in the portal's search.
 *
 * @packageDocumentation
 */
export { searchModuleReleaseCoordinationCollator as default } from './module';
export {
  ReleaseCollatorFactory,
  RELEASE_DOCUMENT_TYPE,
} from './collator/ReleaseCollatorFactory';
export type { ReleaseSearchDocument } from './collator/releaseDocument';
