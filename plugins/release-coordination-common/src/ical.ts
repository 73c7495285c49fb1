import { z } from 'zod';
import { scopeRefSchema } from './freezes';
import { entityRefSchema } from './schemas';

/**
 * What a calendar (the iCalendar feed) shows: releases touching the entity,
 * the system (or its parts) or owned by the group; all filters must match.
 *
 * @public
 */
export interface CalendarFilters {
  entityRef?: string;
  system?: string;
  owner?: string;
}

/**
 * A personal calendar feed: a secret URL a calendar app can subscribe to
 * without a Backstage token. The token is only returned when it is created.
 *
 * @public
 */
export interface CalendarFeed {
  id: string;
  /** The URL to subscribe to, with the token; only in the answer to creation. */
  url?: string;
  /** The secret; only in the answer to creation, stored hashed. */
  token?: string;
  filters: CalendarFilters;
  createdAt: string;
}

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
