import { z } from 'zod';
import { linkSchema } from './links';
import type { ReleaseType } from './types';
import type {
  ReleaseReadiness,
  ReleaseReadinessVerdict,
  ReadinessItem,
} from './generated/openapi';

export type { ReadinessItem, ReleaseReadiness, ReleaseReadinessVerdict };

/**
 * A manual item of a readiness checklist template.
 *
 * @public
 */
export interface ReadinessTemplateItem {
  id: string;
  label: string;
}

const NORMAL_CHECKLIST: ReadinessTemplateItem[] = [
  { id: 'rollback-plan', label: 'Rollback plan reviewed' },
  { id: 'release-notes', label: 'Release notes written' },
  { id: 'on-call-informed', label: 'On-call informed' },
];

/**
 * The manual checklist items of each release type unless app-config
 * (`releaseCoordination.readiness.templates.<type>`) says otherwise.
 *
 * @public
 */
export const DEFAULT_READINESS_TEMPLATES: Record<
  ReleaseType,
  ReadinessTemplateItem[]
> = {
  standard: [],
  normal: NORMAL_CHECKLIST,
  emergency: [{ id: 'on-call-informed', label: 'On-call informed' }],
  hotfix: [
    { id: 'rollback-plan', label: 'Rollback plan reviewed' },
    { id: 'on-call-informed', label: 'On-call informed' },
  ],
  security: [
    ...NORMAL_CHECKLIST,
    { id: 'security-review', label: 'Security review done' },
  ],
  'out-of-band': NORMAL_CHECKLIST,
};

/**
 * Annotations the entities of a release should declare for on-call and
 * monitoring, unless app-config
 * (`releaseCoordination.readiness.requiredAnnotations`) names others.
 *
 * @public
 */
export const DEFAULT_READINESS_ANNOTATIONS = [
  'pagerduty.com/service-id',
  'backstage.io/techdocs-ref',
];

/**
 * Body of `POST /releases/:id/readiness/items/:itemId`.
 *
 * @public
 */
export const checkReadinessItemRequestSchema = z.strictObject({
  checked: z.boolean(),
  evidence: linkSchema().optional(),
});

/** @public */
export type CheckReadinessItemRequest = z.input<
  typeof checkReadinessItemRequestSchema
>;

/**
 * Most releases one `GET /readiness` request may ask about.
 *
 * @public
 */
export const MAX_READINESS_BATCH = 50;

/**
 * Query of `GET /readiness`: `releaseId` once or repeated, without duplicates.
 *
 * @public
 */
export const readinessBatchQuerySchema = z.strictObject({
  releaseId: z.preprocess(
    value => (value === undefined || Array.isArray(value) ? value : [value]),
    z
      .array(z.string().trim().min(1).max(36))
      .min(1)
      .max(MAX_READINESS_BATCH)
      .transform(ids => [...new Set(ids)]),
  ),
});

/** @public */
export type ReadinessBatchQuery = z.output<typeof readinessBatchQuerySchema>;
