import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createReleaseRequestSchema,
  describeValidationError,
  ImpactReport,
  Release,
  RELEASE_TYPES,
} from '@internal/plugin-release-coordination-common';
import { ReleaseCoordinationClient } from './ReleaseCoordinationClient';
import { releasePageUrl } from './releasePages';

/**
 * `release-coordination:release:create`: plans a release (`POST /releases`)
 * as the user who runs the template. A dry run checks the input with the
 * API's own schema and reports the release's impact and risk, writing
 * nothing.
 */
export function createReleaseAction(options: {
  client: ReleaseCoordinationClient;
  config: RootConfigService;
}) {
  const { client, config } = options;
  return createTemplateAction({
    id: 'release-coordination:release:create',
    description:
      'Plans a release of catalog entities in the release-coordination plugin, as the user who runs the template.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Plan a normal release of the entity the template runs for',
        example: [
          'steps:',
          '  - id: plan',
          '    action: release-coordination:release:create',
          '    input:',
          '      title: Checkout service 2.4',
          "      version: '2.4.0'",
          '      type: normal',
          "      entityRefs: ['component:default/checkout-service']",
          '      window:',
          "        start: '2027-01-12T09:00:00Z'",
          "        end: '2027-01-12T11:00:00Z'",
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        title: z => z.string().describe('Title of the release'),
        version: z => z.string().describe('Version being released'),
        type: z =>
          z
            .enum(RELEASE_TYPES)
            .default('normal')
            .describe('standard, normal, emergency or hotfix'),
        entityRefs: z =>
          z
            .array(z.string())
            .min(1)
            .describe('Full refs of the catalog entities the release changes'),
        window: z =>
          z
            .object({
              start: z.string().describe('ISO 8601 start of the window'),
              end: z.string().describe('ISO 8601 end of the window'),
            })
            .describe('When the release happens'),
        ownerRef: z =>
          z
            .string()
            .optional()
            .describe(
              "The owning group, one of the user's; by default the user's group",
            ),
        description: z =>
          z.string().optional().describe('What the release does (Markdown)'),
        rollbackPlan: z =>
          z.string().optional().describe('How to undo it (Markdown)'),
      },
      output: {
        releaseId: z =>
          z.string().optional().describe('Id of the planned release'),
        releaseUrl: z =>
          z.string().optional().describe('Portal page of the release'),
        state: z => z.string().optional().describe('State of the new release'),
        riskLevel: z =>
          z.string().describe('Risk level of the release (impact assessment)'),
        dependentCount: z =>
          z.number().describe('How many dependents the change reaches'),
      },
    },
    async handler(ctx) {
      const parsed = createReleaseRequestSchema.safeParse(ctx.input);
      if (!parsed.success) {
        throw new InputError(describeValidationError(parsed.error));
      }
      const body = parsed.data;
      const credentials = await ctx.getInitiatorCredentials();
      const impact = await client.request<ImpactReport>(
        credentials,
        '/impact',
        { method: 'POST', body: { entityRefs: body.entityRefs } },
      );
      ctx.output('riskLevel', impact.risk.level);
      ctx.output('dependentCount', impact.dependents.length);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would plan "${body.title}" of ${body.entityRefs.join(
            ', ',
          )} from ${body.window.start} to ${body.window.end}; risk ${
            impact.risk.level
          }, ${impact.dependents.length} dependents. Nothing was written.`,
        );
        return;
      }
      const release = await ctx.checkpoint({
        key: `release-coordination-create-${ctx.step?.id ?? body.title}`,
        fn: async () => {
          const created = await client.request<Release>(
            credentials,
            '/releases',
            { method: 'POST', body },
          );
          return { id: created.id, state: created.state };
        },
      });
      ctx.logger.info(`Planned release ${release.id} (${release.state})`);
      ctx.output('releaseId', release.id);
      ctx.output('state', release.state);
      ctx.output('releaseUrl', releasePageUrl(config, release.id));
    },
  });
}
