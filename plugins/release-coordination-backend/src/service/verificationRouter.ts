import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  createCriterionRequestSchema,
  DEFAULT_LINK_SCHEMES,
  recordCriterionResultSchema,
  SuccessCriterion,
  updateCriterionRequestSchema,
} from '@internal/plugin-release-coordination-common';
import { Request, Router } from 'express';
import { VerificationService } from '../verification/VerificationService';
import { auditMutation, parseInput, readableRelease } from './http';

/**
 * Adds the success-criteria routes of a release:
 * `GET/POST /releases/:id/criteria`,
 * `PATCH/DELETE /releases/:id/criteria/:criterionId` and
 * `POST /releases/:id/criteria/:criterionId/result`.
 */
export function addVerificationRoutes(
  router: Router,
  options: {
    verification?: VerificationService;
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    /** The URL schemes evidence links may have. */
    linkSchemes?: readonly string[];
  },
) {
  const { verification, httpAuth, auditor } = options;
  if (!verification) return;
  const recordSchema = recordCriterionResultSchema(
    options.linkSchemes ?? DEFAULT_LINK_SCHEMES,
  );
  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const describe = (criterion: SuccessCriterion) => ({
    criterionId: criterion.id,
    result: criterion.outcome?.result ?? null,
  });

  router.get('/releases/:id/criteria', async (req, res) => {
    await userCredentials(req);
    res.json(await verification.getVerification(readableRelease(res)));
  });

  router.post('/releases/:id/criteria', async (req, res) => {
    const { id } = req.params;
    const criterion = await auditMutation({
      auditor,
      req,
      eventId: 'release-criterion-add',
      meta: { releaseId: id },
      mutation: async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(createCriterionRequestSchema, req.body);
        return verification.addCriterion(id, input, credentials);
      },
      describe,
    });
    res.status(201).json(criterion);
  });

  router.patch('/releases/:id/criteria/:criterionId', async (req, res) => {
    const { id, criterionId } = req.params;
    const criterion = await auditMutation({
      auditor,
      req,
      eventId: 'release-criterion-update',
      meta: { releaseId: id, criterionId },
      mutation: async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(updateCriterionRequestSchema, req.body);
        return verification.updateCriterion(
          id,
          criterionId,
          input,
          credentials,
        );
      },
      describe,
    });
    res.json(criterion);
  });

  router.delete('/releases/:id/criteria/:criterionId', async (req, res) => {
    const { id, criterionId } = req.params;
    await auditMutation({
      auditor,
      req,
      eventId: 'release-criterion-delete',
      meta: { releaseId: id, criterionId },
      mutation: async () =>
        verification.deleteCriterion(
          id,
          criterionId,
          await userCredentials(req),
        ),
      describe: () => ({}),
    });
    res.status(204).end();
  });

  router.post(
    '/releases/:id/criteria/:criterionId/result',
    async (req, res) => {
      const { id, criterionId } = req.params;
      const criterion = await auditMutation({
        auditor,
        req,
        eventId: 'release-criterion-result',
        meta: { releaseId: id, criterionId },
        mutation: async () => {
          const credentials = await userCredentials(req);
          const input = parseInput(recordSchema, req.body);
          return verification.recordResult(id, criterionId, input, credentials);
        },
        describe,
      });
      res.json(criterion);
    },
  );
}
