export { ReleaseRollback } from './ReleaseRollback';
export type { ReleaseRollbackProps } from './ReleaseRollback';
export { StateLabel, ROLLING_BACK_COLOR } from './StateLabel';
