import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  ReleaseIssue,
  releaseIssueRequestSchemas,
} from '@internal/plugin-release-coordination-common';
import { Request, Router } from 'express';
import { ReleaseIssueService } from '../releaseIssues/ReleaseIssueService';
import { auditMutation, parseInput, readableRelease } from './http';

const describeIssue = (issue: ReleaseIssue) => ({
  issueId: issue.id,
  releaseId: issue.releaseId,
  severity: issue.severity,
  status: issue.status,
  revision: issue.revision,
});

/**
 * Adds the release issue routes: `GET/POST /releases/:id/issues` (the
 * release read by `createRouter`'s visibility check), `GET/PATCH
 * /issues/:issueId` and the portal-wide `GET /issues`.
 */
export function addReleaseIssueRoutes(
  router: Router,
  options: {
    issues: ReleaseIssueService;
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    /** The URL schemes issue links may have. */
    linkSchemes?: readonly string[];
  },
) {
  const { issues, httpAuth, auditor } = options;
  const schemas = releaseIssueRequestSchemas(options.linkSchemes);
  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/releases/:id/issues', async (_req, res) => {
    res.json({ items: await issues.listReleaseIssues(readableRelease(res)) });
  });

  router.post('/releases/:id/issues', async (req, res) => {
    const issue = await auditMutation({
      auditor,
      req,
      eventId: 'release-issue-record',
      meta: { releaseId: req.params.id },
      mutation: async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(schemas.createIssue, req.body);
        return issues.recordIssue(readableRelease(res), input, credentials);
      },
      describe: describeIssue,
    });
    res.status(201).json(issue);
  });

  router.get('/issues', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(schemas.listIssuesQuery, req.query);
    res.json(await issues.listIssues(query, credentials));
  });

  router.get('/issues/:issueId', async (req, res) => {
    const credentials = await userCredentials(req);
    res.json(await issues.getIssue(req.params.issueId, credentials));
  });

  router.patch('/issues/:issueId', async (req, res) => {
    const { issueId } = req.params;
    const issue = await auditMutation({
      auditor,
      req,
      eventId: 'release-issue-update',
      meta: { issueId },
      mutation: async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(schemas.updateIssue, req.body);
        return issues.updateIssue(issueId, input, credentials);
      },
      describe: describeIssue,
    });
    res.json(issue);
  });
}
