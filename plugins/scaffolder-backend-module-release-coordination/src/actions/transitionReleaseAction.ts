import { RootConfigService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeValidationError,
  isTransitionAllowed,
  nextReleaseStates,
  Release,
  RELEASE_STATES,
  transitionReleaseRequestSchema,
} from '@internal/plugin-release-coordination-common';
import { ReleaseCoordinationClient } from './ReleaseCoordinationClient';
import { releasePageUrl } from './releasePages';

/**
 * `release-coordination:release:transition`: moves a release to another
 * state of its lifecycle (`POST /releases/:id/transition`) as the user who
 * runs the template; the plugin applies its gates (approvals, readiness,
 * freezes). A dry run reads the release and reports whether the lifecycle
 * allows the move, writing nothing.
 */
export function transitionReleaseAction(options: {
  client: ReleaseCoordinationClient;
  config: RootConfigService;
}) {
  const { client, config } = options;
  return createTemplateAction({
    id: 'release-coordination:release:transition',
    description:
      'Moves a release-coordination release to another lifecycle state, as the user who runs the template.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Start the release planned in an earlier step',
        example: [
          'steps:',
          '  - id: start',
          '    action: release-coordination:release:transition',
          '    input:',
          "      releaseId: ${{ steps['plan'].output.releaseId }}",
          '      to: in_progress',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        releaseId: z => z.string().describe('Id of the release'),
        to: z => z.enum(RELEASE_STATES).describe('The state to move it to'),
        reason: z =>
          z.string().optional().describe('Why (kept in its history)'),
      },
      output: {
        releaseId: z => z.string().describe('Id of the release'),
        releaseUrl: z => z.string().describe('Portal page of the release'),
        state: z =>
          z
            .string()
            .describe('Its state after the step (unchanged by a dry run)'),
      },
    },
    async handler(ctx) {
      const { releaseId, ...change } = ctx.input;
      const parsed = transitionReleaseRequestSchema.safeParse(change);
      if (!parsed.success) {
        throw new InputError(describeValidationError(parsed.error));
      }
      const credentials = await ctx.getInitiatorCredentials();
      const path = `/releases/${encodeURIComponent(releaseId)}`;
      ctx.output('releaseId', releaseId);
      ctx.output('releaseUrl', releasePageUrl(config, releaseId));
      if (ctx.isDryRun) {
        const release = await client.request<Release>(credentials, path);
        if (!isTransitionAllowed(release.state, parsed.data.to)) {
          throw new ConflictError(
            `Release ${releaseId} is ${release.state}; it may move to ${
              nextReleaseStates(release.state).join(', ') || 'no other state'
            }, not ${parsed.data.to}`,
          );
        }
        ctx.logger.info(
          `Dry run: release ${releaseId} would move from ${release.state} to ${parsed.data.to}. Nothing was written.`,
        );
        ctx.output('state', release.state);
        return;
      }
      const state = await ctx.checkpoint({
        key: `release-coordination-transition-${ctx.step?.id ?? releaseId}`,
        fn: async () =>
          (
            await client.request<Release>(credentials, `${path}/transition`, {
              method: 'POST',
              body: parsed.data,
            })
          ).state,
      });
      ctx.logger.info(`Release ${releaseId} is now ${state}`);
      ctx.output('state', state);
    },
  });
}
