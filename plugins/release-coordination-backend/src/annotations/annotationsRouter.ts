import { HttpAuthService } from '@backstage/backend-plugin-api';
import { entityAnnotationsQuerySchema } from '@internal/plugin-release-coordination-common';
import { Router } from 'express';
import { parseInput } from '../service/http';
import { EntityAnnotationService } from './EntityAnnotationService';

/** Adds `GET /entity-annotations?entityRef=`: the problems of an entity's annotations; needs a user. */
export function addAnnotationRoutes(
  router: Router,
  options: { annotations: EntityAnnotationService; httpAuth: HttpAuthService },
) {
  const { annotations, httpAuth } = options;
  router.get('/entity-annotations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { entityRef } = parseInput(entityAnnotationsQuerySchema, req.query);
    res.json(await annotations.report(entityRef, credentials));
  });
}
