export { ReleaseTimeline } from './ReleaseTimeline';
export type { ReleaseTimelineProps } from './ReleaseTimeline';
