import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_TIME_HORIZON,
  impactQuerySchema,
  LinkedRequestSchemas,
  RiskAssessment,
  riskOverrideRequestSchema,
  TimeHorizon,
  upcomingImpactQuerySchemaWithin,
} from '@internal/plugin-release-coordination-common';
import { Request, Router } from 'express';
import { ImpactService } from '../impact/ImpactService';
import {
  auditedReleaseChange,
  parseInput,
  readableRelease,
  UserReleaseChange,
} from './http';

/**
 * What the impact routes need.
 *
 * @public
 */
export interface ImpactRouterOptions {
  impact: ImpactService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** How far from now request times may lie; 5 years by default. */
  timeHorizon?: TimeHorizon;
  /** The request schemas with the configured link schemes. */
  schemas: Pick<LinkedRequestSchemas, 'impact'>;
}

/**
 * Adds `POST /impact`, `GET /impact/upcoming`, `GET /releases/:id/impact`
 * and the risk override of a release (`POST` and `DELETE
 * /releases/:id/risk-override`); all need a user.
 *
 * @public
 */
export function addImpactRoutes(router: Router, options: ImpactRouterOptions) {
  const { impact, httpAuth, auditor, schemas } = options;
  const upcomingQuerySchema = upcomingImpactQuerySchemaWithin(
    options.timeHorizon ?? DEFAULT_TIME_HORIZON,
  );

  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.post('/impact', async (req, res) => {
    const credentials = await userCredentials(req);
    const input = parseInput(schemas.impact, req.body ?? {});
    res.json(await impact.planImpact(input, credentials));
  });

  router.get('/impact/upcoming', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(upcomingQuerySchema, req.query);
    res.json({ items: await impact.upcoming(query, credentials) });
  });

  router.get('/releases/:id/impact', async (req, res) => {
    const credentials = await userCredentials(req);
    const { maxDepth } = parseInput(impactQuerySchema, req.query);
    res.json(
      await impact.releaseImpact(readableRelease(res), maxDepth, credentials),
    );
  });

  /** A risk-override change, audited, answered with the release's risk. */
  const overrideRoute = (
    eventId: string,
    change: UserReleaseChange<RiskAssessment>,
  ) =>
    auditedReleaseChange<RiskAssessment>({
      httpAuth,
      auditor,
      eventId,
      change,
      describe: (risk, releaseId) => ({
        releaseId,
        level: risk.level,
        computedLevel: risk.computedLevel,
        ...(risk.override && { reason: risk.override.reason }),
      }),
    });

  router.post(
    '/releases/:id/risk-override',
    overrideRoute('release-risk-override', (id, req, credentials) =>
      impact.setRiskOverride(
        id,
        parseInput(riskOverrideRequestSchema, req.body ?? {}),
        credentials,
      ),
    ),
  );

  router.delete(
    '/releases/:id/risk-override',
    overrideRoute('release-risk-override-clear', (id, _req, credentials) =>
      impact.clearRiskOverride(id, credentials),
    ),
  );
}
