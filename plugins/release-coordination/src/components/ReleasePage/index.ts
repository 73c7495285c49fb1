export { ReleasePage } from './ReleasePage';
export type { ReleasePageProps } from './ReleasePage';
