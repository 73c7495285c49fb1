export { ReleasesOverview } from './ReleasesOverview';
export type { ReleasesOverviewProps } from './ReleasesOverview';
export { ReleaseTable } from './ReleaseTable';
