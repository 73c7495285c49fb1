export { CalendarFeedButtons, feedFiltersOf } from './CalendarFeedButtons';
export type { CalendarFeedButtonsProps } from './CalendarFeedButtons';
