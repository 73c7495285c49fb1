import {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_TIME_HORIZON,
  DEFAULT_LINK_SCHEMES,
  linkedRequestSchemas,
  releaseRequestSchemas,
  TimeHorizon,
} from '@internal/plugin-release-coordination-common';
import express, { RequestHandler } from 'express';
import Router from 'express-promise-router';
import { createOpenApiRouter } from '../schema/openapi';
import { FreezeService } from '../freezes/FreezeService';
import { ReleaseService } from '../releases/ReleaseService';
import {
  refuseMalformedPath,
  refuseNulCharacters,
  jsonBodiesOnly,
} from './http';
import { addReleaseRoutes } from './releasesRouter';
import { ListingCache } from '../listingCache/ListingCache';
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
import { VerificationService } from '../verification/VerificationService';
import { addVerificationRoutes } from './verificationRouter';
import { ReleaseIssueService } from '../releaseIssues/ReleaseIssueService';
import { addReleaseIssueRoutes } from './releaseIssuesRouter';
import { RollbackService } from '../rollback/RollbackService';
import { addRollbackRoutes } from './rollbackRouter';
import { ReviewService } from '../reviews/ReviewService';
import { addReviewRoutes } from './reviewsRouter';
import { addReleaseNotesRoutes } from './releaseNotesRouter';
import { ReleaseNotesService } from '../releaseNotes/ReleaseNotesService';
import { ReleaseAnnouncer } from '../releaseNotes/ReleaseAnnouncer';
import { NotesFeedService } from '../releaseNotes/NotesFeedService';
import { addNotesFeedRoutes } from './notesFeedRouter';
import { MetricsService } from '../metrics/MetricsService';
import { addMetricsRoutes } from './metricsRouter';
import { addAnnotationRoutes } from '../annotations/annotationsRouter';
import { EntityAnnotationService } from '../annotations/EntityAnnotationService';

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
  /** Success criteria and verification; their routes are served only when given. */
  verification?: VerificationService;
  /** Release issues; their routes are served only when given. */
  issues?: ReleaseIssueService;
  /** Post-release reviews; their routes are served only when given. */
  reviews?: ReviewService;
  /** Release notes and announcements; their routes are served only when both are given. */
  releaseNotes?: ReleaseNotesService;
  announcer?: ReleaseAnnouncer;
  /** The Atom feeds of released notes; their routes are served only when given. */
  notesFeeds?: NotesFeedService;
  /** Delivery metrics; `/metrics` is served only when given. */
  metrics?: MetricsService;
  /** Problems of entities' annotations; their route is served only when given. */
  annotations?: EntityAnnotationService;
  /** When given, users' release listings are kept while nothing they show has changed. */
  listings?: ListingCache;
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
 * The routers of the API: `service`, the one to serve, runs the checks that
 * must answer ahead of the validated router (it answers every error raised
 * before its routes with a 400): 413, 415 and a malformed path segment; then
 * `router`, the router of the OpenAPI document (src/schema/openapi.yaml),
 * which serves it at /openapi.json and takes the routes. zod in the handlers
 * checks requests.
 */
async function apiRouters() {
  const service = Router();
  service.use(refuseMalformedPath, jsonBodiesOnly, jsonBodies);
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
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // every other request starts on a later turn of the event loop, so that
  // /health (answered at once) never queues behind a burst arriving with it
  router.use((_req, _res, next) => setImmediate(() => next()));
  return { service, router };
}

/**
 * Drafts are for their owners: a release the caller may not read is not
 * found, on /releases/:id and every path below it, whatever the method, so a
 * change to a hidden draft answers exactly like one to a release that does
 * not exist; GET handlers take the release read here (`readableRelease`).
 */
function readReleaseAhead(
  releases: ReleaseService,
  httpAuth: HttpAuthService,
): RequestHandler<{ id: string }> {
  return async (req, res, next) => {
    res.locals.release = await releases.getReadableRelease(
      req.params.id,
      await httpAuth.credentials(req, { allow: ['user'] }),
    );
    return next();
  };
}

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
  const { service, router } = await apiRouters();
  router.use('/releases/:id', readReleaseAhead(releases, httpAuth));

  addReleaseRoutes(router, {
    releases,
    httpAuth,
    auditor,
    conflicts: options.conflicts,
    listings: options.listings,
    schemas,
  });

  if (options.freezes) {
    addFreezeRoutes(router, {
      freezes: options.freezes,
      httpAuth,
      auditor,
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

  addVerificationRoutes(router, { ...options, httpAuth, auditor });
  if (options.issues) {
    addReleaseIssueRoutes(router, { ...options, issues: options.issues });
  }
  if (options.rollbacks) {
    addRollbackRoutes(router, { ...options, rollbacks: options.rollbacks });
  }
  if (options.reviews) {
    addReviewRoutes(router, { ...options, reviews: options.reviews });
  }

  if (options.releaseNotes && options.announcer) {
    addReleaseNotesRoutes(router, {
      ...options,
      releaseNotes: options.releaseNotes,
      announcer: options.announcer,
    });
  }

  if (options.notesFeeds) {
    addNotesFeedRoutes(router, { ...options, notesFeeds: options.notesFeeds });
  }

  if (options.metrics) {
    addMetricsRoutes(router, { ...options, metrics: options.metrics });
  }
  if (options.annotations) {
    addAnnotationRoutes(router, {
      ...options,
      annotations: options.annotations,
    });
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
