import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_TIME_HORIZON,
  hotfixRequestSchema,
  MAX_ROLLBACK_STEPS,
  queryIntegerSchema,
  readinessBatchQuerySchema,
  ReleaseRollbackStatus,
  rollbackDecisionRequestSchema,
  rollbackStepUpdateSchema,
  TimeHorizon,
} from '@internal/plugin-release-coordination-common';
import { Router } from 'express';
import { z } from 'zod';
import { RollbackService } from '../rollback/RollbackService';
import {
  auditedReleaseChange,
  auditMutation,
  parseInput,
  readableRelease,
  withBody,
} from './http';

/**
 * What the rollback routes need.
 *
 * @public
 */
export interface RollbackRouterOptions {
  rollbacks: RollbackService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** How far from now request times may lie; 5 years by default. */
  timeHorizon?: TimeHorizon;
}

const stepPathSchema = z.object({
  index: queryIntegerSchema(0, MAX_ROLLBACK_STEPS - 1),
});

const describeStatus = (status: ReleaseRollbackStatus, id: string) => ({
  releaseId: id,
  ...(status.rollback && {
    revision: status.rollback.revision,
    emergency: status.rollback.decision.emergency,
    steps: status.rollback.steps.map(step => step.status),
  }),
});

/**
 * Adds the rollback routes: `GET /hotfix-links`, `GET /releases/:id/rollback`, `POST
 * /releases/:id/rollback-decision`, `PATCH
 * /releases/:id/rollback/steps/:index` and `POST /releases/:id/hotfix`; all
 * need a user, the mutations are audited.
 *
 * @public
 */
export function addRollbackRoutes(
  router: Router,
  options: RollbackRouterOptions,
) {
  const { rollbacks, httpAuth, auditor } = options;
  const hotfixSchema = hotfixRequestSchema(
    options.timeHorizon ?? DEFAULT_TIME_HORIZON,
  );

  router.get('/hotfix-links', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { releaseId } = parseInput(readinessBatchQuerySchema, req.query);
    res.json({
      items: await rollbacks.listHotfixLinks(releaseId, credentials),
    });
  });

  router.get('/releases/:id/rollback', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await rollbacks.getStatus(readableRelease(res), credentials));
  });

  router.post(
    '/releases/:id/rollback-decision',
    auditedReleaseChange({
      httpAuth,
      auditor,
      eventId: 'release-rollback-decision',
      change: withBody(rollbackDecisionRequestSchema, (id, body, credentials) =>
        rollbacks.decide(id, body, credentials),
      ),
      describe: describeStatus,
    }),
  );

  router.patch(
    '/releases/:id/rollback/steps/:index',
    auditedReleaseChange({
      httpAuth,
      auditor,
      eventId: 'release-rollback-step',
      change: (id, req, credentials) => {
        const { index } = parseInput(stepPathSchema, req.params);
        const input = parseInput(rollbackStepUpdateSchema, req.body);
        return rollbacks.updateStep(id, index, input, credentials);
      },
      describe: describeStatus,
    }),
  );

  router.post('/releases/:id/hotfix', async (req, res) => {
    const { id } = req.params;
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const hotfix = await auditMutation({
      auditor,
      req,
      eventId: 'release-hotfix-create',
      meta: { releaseId: id },
      mutation: () =>
        rollbacks.createHotfix(
          id,
          parseInput(hotfixSchema, req.body ?? {}),
          credentials,
        ),
      describe: created => ({ releaseId: id, hotfixId: created.id }),
    });
    res.status(201).json(hotfix);
  });
}
