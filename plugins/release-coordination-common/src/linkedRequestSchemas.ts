import { z } from 'zod';
import { impactRequestSchema } from './impact';
import { linkSchema } from './links';
import { checkReadinessItemRequestSchema } from './readiness';
import {
  createReleaseRequestSchema,
  MAX_CHANGES,
  releaseChangeSchema,
  updateReleaseRequestSchema,
} from './schemas';

/**
 * The request schemas that take user-supplied links, accepting links with the
 * given schemes (`releaseCoordination.links.allowedSchemes`). The exported
 * schemas of the same names accept the default schemes (http and https); this
 * swaps only their link fields, so every other rule stays in one place.
 *
 * @public
 */
export function linkedRequestSchemas(schemes: readonly string[]) {
  const link = linkSchema(schemes);
  const changes = z
    .array(releaseChangeSchema.extend({ link: link.optional() }))
    .max(MAX_CHANGES);
  return {
    createRelease: createReleaseRequestSchema.extend({
      changes: changes.default([]),
    }),
    updateRelease: updateReleaseRequestSchema.safeExtend({
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
