/**
 * Release coordination in the portal: a Releases tab on entity pages, release
 * pages with history and lifecycle, and the organisation's upcoming releases.
 *
 * @packageDocumentation
 */
export {
  releaseCoordinationPlugin,
  EntityImpactContent,
  EntityReadinessContent,
  EntityDeliveryMetricsContent,
  EntityReleaseImpactContent,
  EntityReleasesContent,
  HomePageReleaseCalendarCard,
  HomePageApprovalInboxCard,
  ReleaseCoordinationPage,
} from './plugin';
export * from './api';
export type { EntityReleasesContentProps } from './components/EntityReleasesContent';
export { rootRouteRef, releaseRouteRef } from './routes';
export { CreateReleaseDialog } from './components/CreateReleaseDialog';
export type { CreateReleaseDialogProps } from './components/CreateReleaseDialog';
export { EditReleaseDialog } from './components/EditReleaseDialog';
export type { EditReleaseDialogProps } from './components/EditReleaseDialog';
export { FreezeDialog } from './components/Freezes';
export type { FreezeDialogProps } from './components/Freezes';
export {
  CalendarFilters,
  ReleaseCalendar,
  ReleaseCalendarCardContent,
} from './components/ReleaseCalendar';
export type {
  CalendarFiltersProps,
  ReleaseCalendarCardContentProps,
  ReleaseCalendarFilter,
  ReleaseCalendarProps,
  ReleaseCalendarView,
} from './components/ReleaseCalendar';
export {
  ImpactGraph,
  ImpactTable,
  ReleaseImpact,
  RiskMatrix,
  UpcomingReleaseImpact,
} from './components/Impact';
export type {
  EntityImpactContentProps,
  EntityReleaseImpactContentProps,
  ImpactGraphProps,
  ReleaseImpactProps,
  RiskMatrixProps,
  UpcomingReleaseImpactProps,
} from './components/Impact';
export { ReleaseReadiness } from './components/Readiness';
export type { ReleaseReadinessProps } from './components/Readiness';
export type * from '@internal/plugin-release-coordination-common';
export { DeliveryMetrics } from './components/DeliveryMetrics';
export { ApprovalInbox, ApprovalInboxCardContent } from './components/Inbox';
export type {
  ApprovalInboxProps,
  ApprovalInboxCardContentProps,
} from './components/Inbox';
