/**
 * The release-coordination backend plugin: release plans in the portal,
 * tied to the entities of the software catalog.
 *
 * @packageDocumentation
 */
export { releaseCoordinationPlugin as default } from './plugin';
export {
  releaseCoordinationVerificationCheckersExtensionPoint,
  type MeasurableCriterion,
  type VerificationChecker,
  type VerificationCheckersExtensionPoint,
} from './verification/checkers';
