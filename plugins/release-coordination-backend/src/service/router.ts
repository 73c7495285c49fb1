import {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  handoverRequestSchema,
  DEFAULT_TIME_HORIZON,
  DEFAULT_LINK_SCHEMES,
  linkedRequestSchemas,
  Release,
  releaseRequestSchemas,
  TimeHorizon,
  transitionReleaseRequestSchema,
} from '@internal/plugin-release-coordination-common';
import express, { Request, RequestHandler } from 'express';
import Router from 'express-promise-router';
import { createOpenApiRouter } from '../schema/openapi';
import { FreezeService } from '../freezes/FreezeService';
import { ReleaseService } from '../releases/ReleaseService';
import {
  auditMutation,
  parseInput,
  readableRelease,
  refuseMalformedPath,
  refuseNulCharacters,
  jsonBodiesOnly,
} from './http';
import { addFreezeRoutes } from './freezesRouter';
import { ConflictService } from '../conflicts/ConflictService';
import { addConflictRoutes } from './conflictsRouter';
import { TrainService } from '../trains/TrainService';
import { addTrainRoutes } from './trainsRouter';
import { CalendarService } from '../ical/CalendarService';
import { addCalendarRoutes } from './calendarRouter';
import { ImpactService } from '../impact/ImpactService';
import { addImpactRoutes } from './impactRouter';
import { ApprovalService } from '../approvals/ApprovalService';
import { ReadinessService } from '../readiness/ReadinessService';
import { addApprovalRoutes } from './approvalsRouter';
import { RollbackService } from '../rollback/RollbackService';
import { addRollbackRoutes } from './rollbackRouter';

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
  /** Conflict detection: releases carry their conflicts, `/conflicts`, `/slots`, freeze overrides and blocking conflicts in the gate. */
  conflicts?: ConflictService;
  /** Release trains; their routes are served only when given. */
  trains?: TrainService;
  /** The iCalendar feed; its routes are served only when given with `userInfo`. */
  calendar?: CalendarService;
  userInfo?: UserInfoService;
  /** Impact assessment and risk; its routes are served only when given. */
  impact?: ImpactService;
  /** Approvals; their routes are served only when given. */
  approvals?: ApprovalService;
  /** Readiness (go / no-go); its routes are served only when given with `approvals`. */
  readiness?: ReadinessService;
  /** Rollback coordination and follow-up hotfixes; their routes are served only when given. */
  rollbacks?: RollbackService;
  /** How far from now request times may lie; 5 years by default. */
  timeHorizon?: TimeHorizon;
  /** The URL schemes user-supplied links may have (`releaseCoordination.links.allowedSchemes`); http and https by default. */
  linkSchemes?: readonly string[];
}

const parseJson = express.json({ limit: '1mb' });

/** Parses JSON bodies (up to 1 MB); malformed JSON is an input error. */
const jsonBodies: RequestHandler = (req, res, next) =>
  parseJson(req, res, error =>
    next(
      error?.type === 'entity.parse.failed'
        ? new InputError(`Request body is not valid JSON: ${error.message}`)
        : error,
    ),
  );

/**
 * Creates the HTTP API of the release-coordination plugin.
 *
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { releases, httpAuth, auditor } = options;
  const timeHorizon = options.timeHorizon ?? DEFAULT_TIME_HORIZON;
  const schemas = {
    ...releaseRequestSchemas(timeHorizon),
    ...linkedRequestSchemas(
      options.linkSchemes ?? DEFAULT_LINK_SCHEMES,
      timeHorizon,
    ),
  };
  // the validated router answers every error raised before its routes with
  // a 400, so the checks that answer 413 and 415 run ahead of it, and so does
  // the one that names a malformed path segment
  const service = Router();
  service.use(refuseMalformedPath, jsonBodiesOnly, jsonBodies);
  // the router of the OpenAPI document (src/schema/openapi.yaml), which it
  // serves at /openapi.json; zod in the handlers checks requests
  const router: express.Router = await createOpenApiRouter({
    middleware: [refuseNulCharacters],
    validatorOptions: {
      // Backstage's httpAuth decides who may call (401), not the validator
      validateSecurity: false,
      // the document's own checks would answer before zod, with other
      // messages and ahead of the 401 and the audit event
      validateRequests: false,
    },
  });
  service.use(router);

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

  /** Adds each release's own conflicts (one detection pass), when conflict detection is on. */
  const carry = async (req: Request, found: Release[]) =>
    options.conflicts
      ? options.conflicts.withConflicts(found, await userCredentials(req))
      : found;

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // every other request starts on a later turn of the event loop, so that
  // /health (answered at once) never queues behind a burst arriving with it
  router.use((_req, _res, next) => setImmediate(() => next()));

  // drafts are for their owners: a release the caller may not read is not
  // found, on /releases/:id and every path below it, whatever the method, so
  // a change to a hidden draft answers exactly like one to a release that
  // does not exist; GET handlers take the release read here (readableRelease)
  router.use('/releases/:id', async (req, res, next) => {
    res.locals.release = await releases.getReadableRelease(
      req.params.id,
      await userCredentials(req),
    );
    return next();
  });

  router.get('/releases', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(schemas.listReleasesQuery, req.query);
    const page = await releases.listReleases(query, credentials);
    res.json({ ...page, items: await carry(req, page.items) });
  });

  router.post('/releases', async (req, res) => {
    const release = await audited(req, 'release-create', {}, async () => {
      const credentials = await userCredentials(req);
      const input = parseInput(schemas.createRelease, req.body);
      return releases.createRelease(input, credentials);
    });
    res.status(201).json((await carry(req, [release]))[0]);
  });

  router.get('/releases/:id', async (req, res) => {
    const [release] = await carry(req, [readableRelease(res)]);
    res.json(release);
  });

  router.patch('/releases/:id', async (req, res) => {
    const { id } = req.params;
    const release = await audited(
      req,
      'release-update',
      { releaseId: id },
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(schemas.updateRelease, req.body);
        return releases.updateRelease(id, input, credentials);
      },
    );
    res.json((await carry(req, [release]))[0]);
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
    res.json((await carry(req, [release]))[0]);
  });

  router.post('/releases/:id/handover', async (req, res) => {
    const { id } = req.params;
    const release = await audited(
      req,
      'release-handover-offer',
      { releaseId: id },
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(handoverRequestSchema, req.body);
        return releases.offerHandover(id, input, credentials);
      },
    );
    res.json((await carry(req, [release]))[0]);
  });

  router.post('/releases/:id/handover/accept', async (req, res) => {
    const { id } = req.params;
    const release = await audited(
      req,
      'release-handover-accept',
      { releaseId: id },
      async () => releases.acceptHandover(id, await userCredentials(req)),
    );
    res.json((await carry(req, [release]))[0]);
  });

  router.delete('/releases/:id/handover', async (req, res) => {
    const { id } = req.params;
    const release = await audited(
      req,
      'release-handover-cancel',
      { releaseId: id },
      async () => releases.cancelHandover(id, await userCredentials(req)),
    );
    res.json((await carry(req, [release]))[0]);
  });

  router.get('/standard-changes', async (req, res) => {
    await userCredentials(req);
    res.json({ items: releases.listStandardChanges() });
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
      conflicts: options.conflicts,
      timeHorizon,
    });
  }

  if (options.conflicts) {
    addConflictRoutes(router, {
      conflicts: options.conflicts,
      releases,
      httpAuth,
      auditor,
      timeHorizon,
    });
  }

  if (options.trains) {
    addTrainRoutes(router, {
      trains: options.trains,
      httpAuth,
      auditor,
      timeHorizon,
    });
  }

  if (options.impact) {
    addImpactRoutes(router, {
      impact: options.impact,
      httpAuth,
      auditor,
      timeHorizon,
      schemas,
    });
  }

  if (options.approvals) {
    addApprovalRoutes(router, {
      approvals: options.approvals,
      readiness: options.readiness,
      httpAuth,
      auditor,
      schemas,
    });
  }

  if (options.rollbacks) {
    addRollbackRoutes(router, { ...options, rollbacks: options.rollbacks });
  }

  if (options.calendar && options.userInfo) {
    addCalendarRoutes(router, {
      calendar: options.calendar,
      userInfo: options.userInfo,
      httpAuth,
      auditor,
    });
  }

  return service;
}
