/**
 * Types, validation schemas and permissions shared by the release-coordination plugins.
 *
 * @packageDocumentation
 */
export type { components } from './generated/openapi';
export * from './types';
export * from './lifecycle';
export * from './schemas';
export * from './links';
export * from './linkedRequestSchemas';
export * from './permissions';
export * from './freezes';
export * from './gate';
export * from './entityAnnotations';
export * from './entityNames';
export * from './timeTexts';
export * from './rrule';
export * from './conflicts';
export * from './trains';
export * from './ical';
export * from './impact';
export * from './risk';
export * from './approvals';
export * from './readiness';
export * from './signals';
export * from './verification';
export * from './releaseIssues';
export * from './rollback';
export * from './reviews';
export * from './releaseNotes';
export * from './metrics';
export * from './approvalInbox';
export * from './transitionTiming';
