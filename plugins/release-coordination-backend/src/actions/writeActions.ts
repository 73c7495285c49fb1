import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ISSUE_SEVERITIES,
  linkedRequestSchemas,
  RELEASE_TYPES,
  releaseCreatePermission,
  releaseIssueRequestSchemas,
} from '@internal/plugin-release-coordination-common';
import { parseInput } from '../service/http';
import {
  ActionDependencies,
  asUser,
  auditedChange,
  releaseSummary,
  releaseSummarySchema,
} from './actionKit';

/**
 * Registers the actions that write: plan a release and record an issue on
 * one. Both are audited like their HTTP routes, validate with the API's own
 * schemas and act with the caller's credentials, so the plugin's ownership
 * rules and permissions decide.
 */
export function registerWriteActions(
  actionsRegistry: ActionsRegistryService,
  deps: ActionDependencies,
) {
  const { services, auth, auditor, appBaseUrl } = deps;
  const { releases, issues } = services;
  const schemas = linkedRequestSchemas(
    services.linkSchemes,
    services.timeHorizon,
  );
  const issueSchemas = releaseIssueRequestSchemas(services.linkSchemes);

  actionsRegistry.register({
    name: 'create-release-plan',
    title: 'Plan a release',
    description:
      "Plans a release of catalog entities as a draft owned by one of the caller's groups. Check the entity's upcoming releases and the deploy gate first; the answer has the release's page.",
    visibilityPermission: releaseCreatePermission,
    attributes: { destructive: false },
    schema: {
      input: z =>
        z.object({
          title: z.string().describe('e.g. "Checkout service 2.4"'),
          version: z.string(),
          type: z.enum(RELEASE_TYPES).default('normal'),
          entityRefs: z
            .array(z.string())
            .min(1)
            .describe('Full refs of the entities that change'),
          window: z
            .object({ start: z.string(), end: z.string() })
            .describe('ISO 8601 start and end, at most 90 days apart'),
          ownerRef: z
            .string()
            .optional()
            .describe(
              "One of the caller's groups; chosen from them by default",
            ),
          description: z.string().optional().describe('Markdown'),
        }),
      output: z => z.object({ release: releaseSummarySchema(z) }),
    },
    action: async ({ input, credentials }) => {
      const user = asUser(auth, credentials);
      const body = parseInput(schemas.createRelease, input);
      const release = await auditedChange({
        auditor,
        eventId: 'release-create',
        credentials: user,
        meta: {},
        change: () => releases.createRelease(body, user),
        describe: r => ({ releaseId: r.id, revision: r.revision }),
      });
      return { output: { release: releaseSummary(release, appBaseUrl) } };
    },
  });

  actionsRegistry.register({
    name: 'record-release-issue',
    title: 'Record an issue on a release',
    description:
      'Records an issue found during or after a release: title, severity sev1 (worst) to sev4, and optionally its owner and the affected entities (the release’s by default).',
    attributes: { destructive: false },
    schema: {
      input: z =>
        z.object({
          releaseId: z.string(),
          title: z.string(),
          severity: z.enum(ISSUE_SEVERITIES),
          ownerRef: z
            .string()
            .optional()
            .describe('A user or group ref; the caller by default'),
          entityRefs: z.array(z.string()).optional(),
        }),
      output: z =>
        z.object({
          issueId: z.string(),
          releaseId: z.string(),
          status: z.string(),
          url: z.string().describe('The release page, with its issues'),
        }),
    },
    action: async ({ input, credentials }) => {
      const user = asUser(auth, credentials);
      const { releaseId, ...fields } = input;
      const body = parseInput(issueSchemas.createIssue, fields);
      const release = await releases.getReadableRelease(releaseId, user);
      const issue = await auditedChange({
        auditor,
        eventId: 'release-issue-record',
        credentials: user,
        meta: { releaseId },
        change: () => issues.recordIssue(release, body, user),
        describe: i => ({ issueId: i.id, severity: i.severity }),
      });
      return {
        output: {
          issueId: issue.id,
          releaseId,
          status: issue.status,
          url: releaseSummary(release, appBaseUrl).url,
        },
      };
    },
  });
}
