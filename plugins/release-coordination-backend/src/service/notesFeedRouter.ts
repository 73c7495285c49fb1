import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  calendarFeedQuerySchema,
  createNotesFeedRequestSchema,
} from '@internal/plugin-release-coordination-common';
import { Router } from 'express';
import { NotesFeedService } from '../releaseNotes/NotesFeedService';
import { auditMutation, parseInput } from './http';

/** The path (under the plugin) the notes feeds are served at without a Backstage token. */
export const NOTES_FEED_PATH = '/notes-feeds/:id/atom.xml';

/**
 * Adds the routes of the Atom feeds of released notes: their management by
 * users (`GET`, `POST /notes-feeds`, `DELETE /notes-feeds/:id`, audited) and
 * the feeds themselves, which take the feed's token instead of a Backstage
 * token, as the calendar feeds do.
 *
 * @public
 */
export function addNotesFeedRoutes(
  router: Router,
  options: {
    notesFeeds: NotesFeedService;
    httpAuth: HttpAuthService;
    auditor: AuditorService;
  },
) {
  const { notesFeeds, httpAuth, auditor } = options;

  router.get('/notes-feeds', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json({ items: await notesFeeds.listFeeds(credentials) });
  });

  router.post('/notes-feeds', async (req, res) => {
    const feed = await auditMutation({
      auditor,
      req,
      eventId: 'notes-feed-create',
      meta: {},
      mutation: async () => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const { system } = parseInput(createNotesFeedRequestSchema, req.body);
        return notesFeeds.createFeed(system, credentials);
      },
      describe: created => ({ feedId: created.id, system: created.system }),
    });
    res.status(201).set('Cache-Control', 'no-store').json(feed);
  });

  router.delete('/notes-feeds/:id', async (req, res) => {
    const { id } = req.params;
    await auditMutation({
      auditor,
      req,
      eventId: 'notes-feed-revoke',
      meta: { feedId: id },
      mutation: async () =>
        notesFeeds.deleteFeed(
          id,
          await httpAuth.credentials(req, { allow: ['user'] }),
        ),
      describe: () => ({ feedId: id }),
    });
    res.status(204).end();
  });

  // no Backstage token here: the plugin allows this path unauthenticated and
  // the feed's secret token decides
  router.get(NOTES_FEED_PATH, async (req, res) => {
    const { token } = parseInput(calendarFeedQuerySchema, req.query);
    const atom = await notesFeeds.feedAtom(req.params.id, token);
    res
      .status(200)
      .set({
        'Content-Type': 'application/atom+xml; charset=utf-8',
        'Cache-Control': 'private, no-store',
        'Referrer-Policy': 'no-referrer',
      })
      .send(atom);
  });
}
