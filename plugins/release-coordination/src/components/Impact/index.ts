export { EntityImpactContent } from './EntityImpactContent';
export type { EntityImpactContentProps } from './EntityImpactContent';
export {
  EntityReleaseImpactContent,
  UpcomingReleaseImpact,
} from './UpcomingReleaseImpact';
export type {
  EntityReleaseImpactContentProps,
  UpcomingReleaseImpactProps,
} from './UpcomingReleaseImpact';
export { ReleaseImpact } from './ReleaseImpact';
export type { ReleaseImpactProps } from './ReleaseImpact';
export { ImpactGraph } from './ImpactGraph';
export type { ImpactGraphProps } from './ImpactGraph';
export { ImpactTable } from './ImpactTable';
export { RiskMatrix, RiskChip } from './RiskMatrix';
export type { RiskMatrixProps } from './RiskMatrix';
export { ImpactView } from './ImpactView';
export type { ImpactViewProps } from './ImpactView';
