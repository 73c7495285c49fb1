export { ReleaseHandover } from './ReleaseHandover';
export type { ReleaseHandoverProps } from './ReleaseHandover';
