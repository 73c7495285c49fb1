import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  createFreezeRequestSchema,
  describeValidationError,
  endFreezeRequestSchema,
  Freeze,
  freezeOccurrencesQuerySchema,
  gateQuerySchema,
  listFreezesQuerySchema,
  updateFreezeRequestSchema,
} from '@internal/plugin-release-coordination-common';
import { Request, Router } from 'express';
import { z } from 'zod';
import { FreezeService } from '../freezes/FreezeService';

/**
 * What the freeze routes need.
 *
 * @public
 */
export interface FreezeRouterOptions {
  freezes: FreezeService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(describeValidationError(result.error));
  }
  return result.data;
}

/**
 * Adds the freeze, freeze-occurrence and deploy-gate routes to a router. All
 * need a user, except `GET /gate`, which also serves services (CI pipelines
 * with a static external-access token).
 *
 * @public
 */
export function addFreezeRoutes(router: Router, options: FreezeRouterOptions) {
  const { freezes, httpAuth, auditor } = options;

  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  /** Runs a freeze mutation and records it as an audit event that succeeded or failed. */
  async function audited<T extends Freeze | void>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    mutation: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const freeze = await mutation();
      await event.success({
        meta: freeze
          ? {
              freezeId: freeze.id,
              revision: freeze.revision,
              ...(freeze.endedAt && { endedAt: freeze.endedAt }),
              ...(freeze.endReason && { reason: freeze.endReason }),
            }
          : meta,
      });
      return freeze;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/freezes', async (req, res) => {
    await userCredentials(req);
    const query = parse(listFreezesQuerySchema, req.query);
    res.json(await freezes.listFreezes(query));
  });

  router.post('/freezes', async (req, res) => {
    const freeze = await audited(req, 'freeze-create', {}, async () => {
      const credentials = await userCredentials(req);
      const input = parse(createFreezeRequestSchema, req.body);
      return freezes.createFreeze(input, credentials);
    });
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
        const input = parse(updateFreezeRequestSchema, req.body);
        return freezes.updateFreeze(id, input, credentials);
      },
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
        const input = parse(endFreezeRequestSchema, req.body ?? {});
        return freezes.endFreeze(id, input, credentials);
      },
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
    const query = parse(freezeOccurrencesQuerySchema, req.query);
    res.json({ items: await freezes.listOccurrences(query, credentials) });
  });

  router.get('/gate', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parse(gateQuerySchema, req.query);
    res.json(await freezes.gate(query, credentials));
  });
}
