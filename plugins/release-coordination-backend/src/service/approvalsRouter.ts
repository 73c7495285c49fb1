import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  approvalDecisionRequestSchema,
  approvalInboxQuerySchema,
  LinkedRequestSchemas,
  readinessBatchQuerySchema,
} from '@internal/plugin-release-coordination-common';
import { Request, Router } from 'express';
import { ApprovalService } from '../approvals/ApprovalService';
import { ReadinessService } from '../readiness/ReadinessService';
import { auditMutation, parseInput, readableRelease } from './http';

/**
 * Adds the approval and readiness routes:
 * `GET/POST /releases/:id/approvals`, `DELETE /releases/:id/approvals/:groupRef`,
 * `GET /approvals/inbox` (what the caller's groups still have to decide),
 * `GET /releases/:id/readiness`, `POST /releases/:id/readiness/items/:itemId`
 * and the verdicts of several releases, `GET /readiness?releaseId=…`.
 */
export function addApprovalRoutes(
  router: Router,
  options: {
    approvals: ApprovalService;
    readiness?: ReadinessService;
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    /** The request schemas with the configured link schemes. */
    schemas: Pick<LinkedRequestSchemas, 'checkReadinessItem'>;
  },
) {
  const { approvals, readiness, httpAuth, auditor, schemas } = options;
  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/approvals/inbox', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(approvalInboxQuerySchema, req.query);
    res.json(await approvals.inbox(query, credentials));
  });

  router.get('/releases/:id/approvals', async (req, res) => {
    const credentials = await userCredentials(req);
    res.json(await approvals.getApprovals(readableRelease(res), credentials));
  });

  router.post('/releases/:id/approvals', async (req, res) => {
    const { id } = req.params;
    const result = await auditMutation({
      auditor,
      req,
      eventId: 'release-approval-decide',
      meta: { releaseId: id },
      mutation: async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(approvalDecisionRequestSchema, req.body);
        return approvals.decide(id, input, credentials);
      },
      describe: r => ({
        round: r.round,
        complete: r.complete,
        rejected: r.rejected,
      }),
    });
    res.status(201).json(result);
  });

  router.delete('/releases/:id/approvals/:groupRef', async (req, res) => {
    const { id, groupRef } = req.params;
    const result = await auditMutation({
      auditor,
      req,
      eventId: 'release-approval-withdraw',
      meta: { releaseId: id, groupRef },
      mutation: async () =>
        approvals.withdraw(id, groupRef, await userCredentials(req)),
      describe: r => ({
        round: r.round,
        complete: r.complete,
        rejected: r.rejected,
      }),
    });
    res.json(result);
  });

  if (!readiness) return;

  router.get('/readiness', async (req, res) => {
    const credentials = await userCredentials(req);
    const { releaseId } = parseInput(readinessBatchQuerySchema, req.query);
    res.json({ items: await readiness.getVerdicts(releaseId, credentials) });
  });

  router.get('/releases/:id/readiness', async (req, res) => {
    const credentials = await userCredentials(req);
    res.json(await readiness.getReadiness(readableRelease(res), credentials));
  });

  router.post('/releases/:id/readiness/items/:itemId', async (req, res) => {
    const { id, itemId } = req.params;
    const result = await auditMutation({
      auditor,
      req,
      eventId: 'release-readiness-check',
      meta: { releaseId: id, itemId },
      mutation: async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(schemas.checkReadinessItem, req.body);
        return readiness.checkItem(id, itemId, input, credentials);
      },
      describe: r => ({ verdict: r.verdict }),
    });
    res.json(result);
  });
}
