import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  freezeRequestSchemas,
  impactRequestSchema,
  upcomingImpactQuerySchemaWithin,
} from '@internal/plugin-release-coordination-common';
import { parseInput } from '../service/http';
import {
  ActionDependencies,
  asUser,
  releaseSummary,
  releaseSummarySchema,
} from './actionKit';

const READ_ONLY = { readOnly: true, idempotent: true } as const;

/**
 * Registers the actions that read: upcoming releases of an entity, impact
 * of a release or of a set of entities, the deploy gate and the readiness of
 * a release. Each validates its input with the API's own schema and calls
 * the services with the caller's credentials, so drafts stay hidden exactly
 * as in the portal.
 */
export function registerReadActions(
  actionsRegistry: ActionsRegistryService,
  deps: ActionDependencies,
) {
  registerUpcomingReleases(actionsRegistry, deps);
  registerImpact(actionsRegistry, deps);
  registerDeployGate(actionsRegistry, deps);
  registerReadiness(actionsRegistry, deps);
}

/** Upcoming releases of an entity, directly or through what it depends on. */
function registerUpcomingReleases(
  actionsRegistry: ActionsRegistryService,
  { services, auth, appBaseUrl }: ActionDependencies,
) {
  actionsRegistry.register({
    name: 'list-upcoming-releases',
    title: 'Upcoming releases of an entity',
    description:
      'Lists the releases planned for a catalog entity from now on: those that change it directly and those that change something it depends on, with their risk and window.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'Full entity ref, e.g. component:default/checkout-service',
            ),
          to: z
            .string()
            .optional()
            .describe('ISO 8601 end of the period; open-ended by default'),
        }),
      output: z =>
        z.object({
          releases: z.array(
            z.object({
              release: releaseSummarySchema(z),
              riskLevel: z.string(),
              touchedVia: z.enum(['direct', 'dependency']),
              touchedEntities: z.array(z.string()),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const query = parseInput(
        upcomingImpactQuerySchemaWithin(services.timeHorizon),
        { ...input, from: new Date().toISOString() },
      );
      const items = await services.impact.upcoming(
        query,
        asUser(auth, credentials),
      );
      return {
        output: {
          releases: items.map(item => ({
            release: releaseSummary(item.release, appBaseUrl),
            riskLevel: item.risk.level,
            touchedVia: item.touchedVia,
            touchedEntities: item.touchedEntities,
          })),
        },
      };
    },
  });
}

/** Impact of a release, or of a change of a set of entities. */
function registerImpact(
  actionsRegistry: ActionsRegistryService,
  { services, auth }: ActionDependencies,
) {
  actionsRegistry.register({
    name: 'get-impact',
    title: 'Impact of a release or of a set of entities',
    description:
      'What a release (by id), or a change of the given entities, affects: the dependents reached through the catalog graph, the API consumers, the owners to tell, and the risk assessment.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          releaseId: z.string().optional().describe('A release id'),
          entityRefs: z
            .array(z.string())
            .optional()
            .describe('Or: full refs of the entities that would change'),
        }),
      output: z =>
        z.object({
          riskLevel: z.string(),
          riskFactors: z.array(z.string()),
          changed: z.array(z.string()),
          dependents: z.array(
            z.object({ entityRef: z.string(), depth: z.number() }),
          ),
          apiConsumers: z.array(
            z.object({
              apiRef: z.string(),
              consumerRef: z.string(),
              breaking: z.boolean(),
            }),
          ),
          owners: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const user = asUser(auth, credentials);
      const report = input.releaseId
        ? await services.impact.releaseImpact(
            await services.releases.getReadableRelease(input.releaseId, user),
            undefined,
            user,
          )
        : await services.impact.planImpact(
            parseInput(impactRequestSchema, { entityRefs: input.entityRefs }),
            user,
          );
      return {
        output: {
          riskLevel: report.risk.level,
          riskFactors: report.risk.factors.map(f => f.explanation),
          changed: report.changed.map(e => e.entityRef),
          dependents: report.dependents.map(d => ({
            entityRef: d.entityRef,
            depth: d.depth,
          })),
          apiConsumers: report.apiConsumers,
          owners: report.owners.map(o => o.groupRef),
        },
      };
    },
  });
}

/** The deploy gate of an entity. */
function registerDeployGate(
  actionsRegistry: ActionsRegistryService,
  { services }: ActionDependencies,
) {
  actionsRegistry.register({
    name: 'get-deploy-gate',
    title: 'Deploy gate of an entity',
    description:
      'Whether a catalog entity may be deployed now (or at a given time): only inside the window of an approved or in-progress release of it and outside freezes, with the reasons.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('Full entity ref'),
          at: z.string().optional().describe('ISO 8601 time; now by default'),
        }),
      output: z =>
        z.object({
          allowed: z.boolean(),
          status: z.enum(['allowed', 'prevented']),
          reasons: z.array(z.string()),
          blockedBy: z
            .array(
              z.object({
                kind: z.enum(['release', 'freeze']),
                id: z.string(),
                title: z.string(),
                url: z.string(),
              }),
            )
            .describe('The releases and freezes that block, with links'),
        }),
    },
    action: async ({ input, credentials }) => {
      const query = parseInput(
        freezeRequestSchemas(services.timeHorizon).gateQuery,
        input,
      );
      const gate = await services.freezes.gate(query, credentials);
      return { output: gate };
    },
  });
}

/** The readiness (go / no-go) of a release. */
function registerReadiness(
  actionsRegistry: ActionsRegistryService,
  { services, auth, appBaseUrl }: ActionDependencies,
) {
  actionsRegistry.register({
    name: 'get-release-readiness',
    title: 'Readiness of a release',
    description:
      'The go / no-go verdict of a release: each readiness item (approvals, conflicts, freezes, risk, checklist) and why it is not ready.',
    attributes: READ_ONLY,
    schema: {
      input: z => z.object({ releaseId: z.string().describe('A release id') }),
      output: z =>
        z.object({
          release: releaseSummarySchema(z),
          verdict: z.enum(['ready', 'not-ready']),
          blocking: z.array(z.string()),
          items: z.array(
            z.object({
              label: z.string(),
              passed: z.boolean(),
              facts: z.array(z.string()),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const user = asUser(auth, credentials);
      const release = await services.releases.getReadableRelease(
        input.releaseId,
        user,
      );
      const result = await services.readiness.getReadiness(release, user);
      return {
        output: {
          release: releaseSummary(release, appBaseUrl),
          verdict: result.verdict,
          blocking: result.blocking,
          items: result.items.map(item => ({
            label: item.label,
            passed: item.passed,
            facts: item.facts,
          })),
        },
      };
    },
  });
}
