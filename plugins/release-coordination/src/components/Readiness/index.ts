export { ReleaseReadiness } from './ReleaseReadiness';
export type { ReleaseReadinessProps } from './ReleaseReadiness';
export { EntityReadinessContent } from './EntityReadinessContent';
export { ReadinessVerdictChip, approvalsSummary } from './readinessDisplay';
