import { z } from 'zod';
import { entityRefSchema } from './schemas';
import type { EntityAnnotationReport } from './generated/openapi';

export type { EntityAnnotationReport };

/**
 * An annotation of a catalog entity that the plugin reads but cannot use as
 * written, so it falls back to a default.
 *
 * @public
 */
export interface EntityAnnotationProblem {
  annotation: string;
  value: string;
  /** What is wrong and what the plugin does instead. */
  problem: string;
}

/**
 * Query of `GET /entity-annotations`.
 *
 * @public
 */
export const entityAnnotationsQuerySchema = z.strictObject({
  entityRef: entityRefSchema,
});
