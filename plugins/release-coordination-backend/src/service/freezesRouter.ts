import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  DEFAULT_TIME_HORIZON,
  endFreezeRequestSchema,
  Freeze,
  freezeRequestSchemas,
  listFreezesQuerySchema,
  TimeHorizon,
} from '@internal/plugin-release-coordination-common';
import { Request, Router } from 'express';
import { FreezeService } from '../freezes/FreezeService';
import { mutationAuditor, parseInput } from './http';

/**
 * What the freeze routes need.
 *
 * @public
 */
export interface FreezeRouterOptions {
  freezes: FreezeService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** How far from now request times may lie; 5 years by default. */
  timeHorizon?: TimeHorizon;
}

/** The audit meta of a freeze a mutation returned. */
const describeFreeze = (freeze: Freeze): JsonObject => ({
  freezeId: freeze.id,
  revision: freeze.revision,
  ...(freeze.endedAt && { endedAt: freeze.endedAt }),
  ...(freeze.endReason && { reason: freeze.endReason }),
});

/**
 * Adds the freeze, freeze-occurrence and deploy-gate routes to a router. All
 * need a user, except `GET /gate`, which also serves services (CI pipelines
 * with a static external-access token).
 *
 * @public
 */
export function addFreezeRoutes(router: Router, options: FreezeRouterOptions) {
  const { freezes, httpAuth, auditor } = options;
  const schemas = freezeRequestSchemas(
    options.timeHorizon ?? DEFAULT_TIME_HORIZON,
  );

  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  const audited = mutationAuditor(auditor);

  router.get('/freezes', async (req, res) => {
    await userCredentials(req);
    const query = parseInput(listFreezesQuerySchema, req.query);
    res.json(await freezes.listFreezes(query));
  });

  router.post('/freezes', async (req, res) => {
    const freeze = await audited(
      req,
      'freeze-create',
      {},
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(schemas.createFreeze, req.body);
        return freezes.createFreeze(input, credentials);
      },
      describeFreeze,
    );
    res.status(201).json(freeze);
  });

  router.get('/freezes/:id', async (req, res) => {
    await userCredentials(req);
    res.json(await freezes.getFreeze(req.params.id));
  });

  router.patch('/freezes/:id', async (req, res) => {
    const { id } = req.params;
    const freeze = await audited(
      req,
      'freeze-update',
      { freezeId: id },
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(schemas.updateFreeze, req.body);
        return freezes.updateFreeze(id, input, credentials);
      },
      describeFreeze,
    );
    res.json(freeze);
  });

  router.post('/freezes/:id/end', async (req, res) => {
    const { id } = req.params;
    const freeze = await audited(
      req,
      'freeze-end',
      { freezeId: id },
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(endFreezeRequestSchema, req.body ?? {});
        return freezes.endFreeze(id, input, credentials);
      },
      describeFreeze,
    );
    res.json(freeze);
  });

  router.delete('/freezes/:id', async (req, res) => {
    const { id } = req.params;
    await audited(req, 'freeze-delete', { freezeId: id }, async () => {
      const credentials = await userCredentials(req);
      await freezes.deleteFreeze(id, credentials);
    });
    res.status(204).end();
  });

  router.get('/freeze-occurrences', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(schemas.occurrencesQuery, req.query);
    res.json({ items: await freezes.listOccurrences(query, credentials) });
  });

  router.get('/gate', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(schemas.gateQuery, req.query);
    res.json(await freezes.gate(query, credentials));
  });
}
