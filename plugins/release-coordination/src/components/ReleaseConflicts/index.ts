export { ReleaseConflicts } from './ReleaseConflicts';
export type { ReleaseConflictsProps } from './ReleaseConflicts';
