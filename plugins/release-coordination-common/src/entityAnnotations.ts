import { z } from 'zod';
import { entityRefSchema } from './schemas';

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
 * Answer of `GET /entity-annotations`: the problems of one entity's
 * annotations (empty when all are fine).
 *
 * @public
 */
export interface EntityAnnotationReport {
  entityRef: string;
  problems: EntityAnnotationProblem[];
}

/**
 * Query of `GET /entity-annotations`.
 *
 * @public
 */
export const entityAnnotationsQuerySchema = z.strictObject({
  entityRef: entityRefSchema,
});
