import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  conflictRequestSchemas,
  DEFAULT_TIME_HORIZON,
  freezeOverrideRequestSchema,
  Release,
  TimeHorizon,
} from '@internal/plugin-release-coordination-common';
import { Request, Router } from 'express';
import { ConflictService } from '../conflicts/ConflictService';
import { ReleaseService } from '../releases/ReleaseService';
import {
  auditedReleaseChange,
  itemsFromJson,
  parseInput,
  UserReleaseChange,
} from './http';

/**
 * What the conflict routes need.
 *
 * @public
 */
export interface ConflictRouterOptions {
  conflicts: ConflictService;
  releases: ReleaseService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** How far from now request times may lie; 5 years by default. */
  timeHorizon?: TimeHorizon;
}

/**
 * Adds `GET /conflicts`, `GET /slots` and the freeze override of a release
 * (`POST` and `DELETE /releases/:id/freeze-override`); all need a user.
 *
 * @public
 */
export function addConflictRoutes(
  router: Router,
  options: ConflictRouterOptions,
) {
  const { conflicts, releases, httpAuth, auditor } = options;
  const schemas = conflictRequestSchemas(
    options.timeHorizon ?? DEFAULT_TIME_HORIZON,
  );

  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/conflicts', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(schemas.conflictsQuery, req.query);
    // the conflicts as stored, without parsing and serializing them again
    const page = await conflicts.listConflicts(query, credentials);
    res
      .type('application/json')
      .send(itemsFromJson(page.items, page.nextCursor));
  });

  router.get('/slots', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(schemas.slotsQuery, req.query);
    res.json({ items: await conflicts.slots(query, credentials) });
  });

  /** A freeze-override change of a release, audited, answered with the release and its conflicts. */
  const overrideRoute = (eventId: string, change: UserReleaseChange<Release>) =>
    auditedReleaseChange<Release>({
      httpAuth,
      auditor,
      eventId,
      change,
      describe: r => ({
        releaseId: r.id,
        revision: r.revision,
        ...(r.freezeOverride && { reason: r.freezeOverride.reason }),
      }),
      respond: (release, credentials) =>
        conflicts.releaseWithConflicts(release, credentials),
    });

  router.post(
    '/releases/:id/freeze-override',
    overrideRoute('release-freeze-override', (id, req, credentials) =>
      releases.setFreezeOverride(
        id,
        parseInput(freezeOverrideRequestSchema, req.body ?? {}),
        credentials,
      ),
    ),
  );

  router.delete(
    '/releases/:id/freeze-override',
    overrideRoute('release-freeze-override-clear', (id, _req, credentials) =>
      releases.clearFreezeOverride(id, credentials),
    ),
  );
}
