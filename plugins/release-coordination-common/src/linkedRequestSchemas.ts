import { z } from 'zod';
import { impactRequestSchema } from './impact';
import { linkSchema } from './links';
import { checkReadinessItemRequestSchema } from './readiness';
import {
  DEFAULT_TIME_HORIZON,
  MAX_CHANGES,
  releaseChangeSchema,
  releaseRequestSchemas,
  TimeHorizon,
} from './schemas';

/**
 * The request schemas that take user-supplied links, accepting links with the
 * given schemes (`releaseCoordination.links.allowedSchemes`). The exported
 * schemas of the same names accept the default schemes (http and https); this
 * swaps only their link fields, so every other rule stays in one place. The
 * release schemas take their times within `horizon` (default 5 years).
 *
 * @public
 */
export function linkedRequestSchemas(
  schemes: readonly string[],
  horizon: TimeHorizon = DEFAULT_TIME_HORIZON,
) {
  const { createRelease, updateRelease } = releaseRequestSchemas(horizon);
  const link = linkSchema(schemes);
  const changes = z
    .array(releaseChangeSchema.extend({ link: link.optional() }))
    .max(MAX_CHANGES);
  return {
    createRelease: createRelease.extend({
      changes: changes.default([]),
    }),
    updateRelease: updateRelease.safeExtend({
      changes: changes.optional(),
    }),
    impact: impactRequestSchema.extend({ changes: changes.default([]) }),
    checkReadinessItem: checkReadinessItemRequestSchema.extend({
      evidence: link.optional(),
    }),
  };
}

/** @public */
export type LinkedRequestSchemas = ReturnType<typeof linkedRequestSchemas>;
