export { ReleaseCalendar } from './ReleaseCalendar';
export type { ReleaseCalendarProps } from './ReleaseCalendar';
export type { ReleaseCalendarView } from './calendarModel';
export type { ReleaseCalendarFilter } from './types';
export { CalendarFilters } from './CalendarFilters';
export type { CalendarFiltersProps } from './CalendarFilters';
export { SharedReleaseCalendar } from './SharedReleaseCalendar';
export { ReleaseCalendarCardContent } from './ReleaseCalendarCard';
export type { ReleaseCalendarCardContentProps } from './ReleaseCalendarCard';
