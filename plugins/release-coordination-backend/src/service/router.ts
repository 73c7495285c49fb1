import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  createReleaseRequestSchema,
  listReleasesQuerySchema,
  Release,
  transitionReleaseRequestSchema,
  updateReleaseRequestSchema,
} from '@internal/plugin-release-coordination-common';
import express, { ErrorRequestHandler, Request } from 'express';
import Router from 'express-promise-router';
import { FreezeService } from '../freezes/FreezeService';
import { ReleaseService } from '../releases/ReleaseService';
import { auditMutation, parseInput } from './http';
import { addFreezeRoutes } from './freezesRouter';

/**
 * What the release-coordination router needs.
 *
 * @public
 */
export interface RouterOptions {
  releases: ReleaseService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** Freezes and the deploy gate; their routes are served only when given. */
  freezes?: FreezeService;
}

/** Turns body-parser failures (malformed JSON) into input errors. */
const jsonErrors: ErrorRequestHandler = (error, _req, _res, next) => {
  next(
    error?.type === 'entity.parse.failed'
      ? new InputError(`Request body is not valid JSON: ${error.message}`)
      : error,
  );
};

/**
 * Creates the HTTP API of the release-coordination plugin.
 *
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { releases, httpAuth, auditor } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(jsonErrors);

  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  /** Runs a release mutation as an audited event. */
  const audited = (
    req: Request,
    eventId: string,
    meta: JsonObject,
    mutation: () => Promise<Release>,
  ) =>
    auditMutation({
      auditor,
      req,
      eventId,
      meta,
      mutation,
      describe: release => ({
        releaseId: release.id,
        revision: release.revision,
        state: release.state,
      }),
    });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/releases', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(listReleasesQuerySchema, req.query);
    res.json(await releases.listReleases(query, credentials));
  });

  router.post('/releases', async (req, res) => {
    const release = await audited(req, 'release-create', {}, async () => {
      const credentials = await userCredentials(req);
      const input = parseInput(createReleaseRequestSchema, req.body);
      return releases.createRelease(input, credentials);
    });
    res.status(201).json(release);
  });

  router.get('/releases/:id', async (req, res) => {
    await userCredentials(req);
    res.json(await releases.getRelease(req.params.id));
  });

  router.patch('/releases/:id', async (req, res) => {
    const { id } = req.params;
    const release = await audited(
      req,
      'release-update',
      { releaseId: id },
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(updateReleaseRequestSchema, req.body);
        return releases.updateRelease(id, input, credentials);
      },
    );
    res.json(release);
  });

  router.post('/releases/:id/transition', async (req, res) => {
    const { id } = req.params;
    const release = await audited(
      req,
      'release-transition',
      { releaseId: id },
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(transitionReleaseRequestSchema, req.body);
        return releases.transitionRelease(id, input, credentials);
      },
    );
    res.json(release);
  });

  router.get('/releases/:id/events', async (req, res) => {
    await userCredentials(req);
    res.json({ items: await releases.listEvents(req.params.id) });
  });

  if (options.freezes) {
    addFreezeRoutes(router, {
      freezes: options.freezes,
      httpAuth,
      auditor,
    });
  }

  return router;
}
