import { z } from 'zod';
import { scopeRefSchema } from './freezes';
import { entityRefSchema } from './schemas';
import type { CalendarFeed, CalendarFilters } from './generated/openapi';

export type { CalendarFeed, CalendarFilters };

/**
 * Query of `GET /calendar.ics` and body of `POST /calendar-feeds`.
 *
 * @public
 */
export const calendarFiltersSchema = z.strictObject({
  entityRef: entityRefSchema.optional(),
  /** A system; a bare name means `system:default/<name>`. */
  system: scopeRefSchema('system').optional(),
  owner: entityRefSchema.optional(),
});

/**
 * Body of `POST /calendar-feeds`.
 *
 * @public
 */
export const createCalendarFeedRequestSchema = z.strictObject({
  filters: calendarFiltersSchema.default({}),
});

/** @public */
export type CreateCalendarFeedRequest = z.input<
  typeof createCalendarFeedRequestSchema
>;

/**
 * Query of `GET /calendar-feeds/:id/calendar.ics`.
 *
 * @public
 */
export const calendarFeedQuerySchema = z.strictObject({
  token: z.string().min(1).max(200),
});
