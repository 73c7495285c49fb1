/**
 * Scaffolder actions of the release-coordination plugin: plan a release and
 * move it through its lifecycle from a template, as the user who runs it.
 *
 * @packageDocumentation
 */
export { scaffolderModuleReleaseCoordination as default } from './module';
