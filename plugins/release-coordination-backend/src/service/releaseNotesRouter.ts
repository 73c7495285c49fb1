import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  announcementPreviewQuerySchema,
  ReleaseNotes,
  releaseNotesQuerySchema,
  saveReleaseNotesRequestSchema,
} from '@internal/plugin-release-coordination-common';
import { Router } from 'express';
import { nextMoment, ReleaseAnnouncer } from '../releaseNotes/ReleaseAnnouncer';
import { ReleaseNotesService } from '../releaseNotes/ReleaseNotesService';
import {
  auditedReleaseChange,
  parseInput,
  readableRelease,
  withBody,
} from './http';

/**
 * What the release notes routes need.
 *
 * @public
 */
export interface ReleaseNotesRouterOptions {
  releaseNotes: ReleaseNotesService;
  announcer: ReleaseAnnouncer;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

/**
 * Adds the release notes routes: `GET /releases/:id/notes` (readers of the
 * release), `PUT /releases/:id/notes` (those who may change it; audited) and
 * `GET /releases/:id/announcements/preview`.
 *
 * @public
 */
export function addReleaseNotesRoutes(
  router: Router,
  options: ReleaseNotesRouterOptions,
) {
  const { releaseNotes, announcer, httpAuth, auditor } = options;

  router.get('/releases/:id/notes', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const query = parseInput(releaseNotesQuerySchema, req.query);
    res.json(
      await releaseNotes.getNotes(readableRelease(res), query, credentials),
    );
  });

  router.put(
    '/releases/:id/notes',
    auditedReleaseChange<ReleaseNotes>({
      httpAuth,
      auditor,
      eventId: 'release-notes-edit',
      change: withBody(saveReleaseNotesRequestSchema, (id, body, credentials) =>
        releaseNotes.saveNotes(id, body, credentials),
      ),
      describe: (notes, id) => ({
        releaseId: id,
        audience: notes.audience,
        revision: notes.revision,
      }),
    }),
  );

  router.get('/releases/:id/announcements/preview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const release = readableRelease(res);
    const { moment } = parseInput(announcementPreviewQuerySchema, req.query);
    res.json(
      await announcer.preview(
        release,
        moment ?? nextMoment(release.state),
        credentials,
      ),
    );
  });
}
