import {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  calendarFeedQuerySchema,
  calendarFiltersSchema,
  createCalendarFeedRequestSchema,
} from '@internal/plugin-release-coordination-common';
import { Request, Response, Router } from 'express';
import { CalendarService } from '../ical/CalendarService';
import { auditMutation, parseInput } from './http';

/**
 * What the calendar routes need.
 *
 * @public
 */
export interface CalendarRouterOptions {
  calendar: CalendarService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
}

/** The path (under the plugin) the feeds are served at without a Backstage token. */
export const CALENDAR_FEED_PATH = '/calendar-feeds/:id/calendar.ics';

function sendCalendar(res: Response, ics: string) {
  res
    .status(200)
    .set({
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="releases.ics"',
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    })
    .send(ics);
}

/**
 * Adds the iCalendar routes: `GET /calendar.ics` for a signed-in user, the
 * management of personal feeds (users only) and the feeds themselves, which
 * take the feed's token instead of a Backstage token.
 *
 * @public
 */
export function addCalendarRoutes(
  router: Router,
  options: CalendarRouterOptions,
) {
  const { calendar, httpAuth, userInfo, auditor } = options;

  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/calendar.ics', async (req, res) => {
    const credentials = await userCredentials(req);
    const filters = parseInput(calendarFiltersSchema, req.query);
    const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
    sendCalendar(
      res,
      await calendar.calendarFor(filters, credentials, ownershipEntityRefs),
    );
  });

  router.get('/calendar-feeds', async (req, res) => {
    const credentials = await userCredentials(req);
    res.json({ items: await calendar.listFeeds(credentials) });
  });

  router.post('/calendar-feeds', async (req, res) => {
    const feed = await auditMutation({
      auditor,
      req,
      eventId: 'calendar-feed-create',
      meta: {},
      mutation: async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(
          createCalendarFeedRequestSchema,
          req.body ?? {},
        );
        return calendar.createFeed(input.filters, credentials);
      },
      describe: created => ({ feedId: created.id }),
    });
    res.status(201).set('Cache-Control', 'no-store').json(feed);
  });

  router.delete('/calendar-feeds/:id', async (req, res) => {
    const { id } = req.params;
    await auditMutation({
      auditor,
      req,
      eventId: 'calendar-feed-revoke',
      meta: { feedId: id },
      mutation: async () => {
        const credentials = await userCredentials(req);
        await calendar.deleteFeed(id, credentials);
      },
      describe: () => ({ feedId: id }),
    });
    res.status(204).end();
  });

  // no Backstage token here: the plugin allows this path unauthenticated and
  // the feed's secret token decides
  router.get(CALENDAR_FEED_PATH, async (req, res) => {
    const { token } = parseInput(calendarFeedQuerySchema, req.query);
    sendCalendar(res, await calendar.feedCalendar(req.params.id, token));
  });
}
