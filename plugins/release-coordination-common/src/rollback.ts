import { z } from 'zod';
import {
  entityRefSchema,
  MAX_ENTITY_REFS,
  MAX_TITLE_LENGTH,
  releaseRequestSchemas,
  TimeHorizon,
} from './schemas';
import type { ReleaseState, ReleaseType } from './types';
import {
  LinkedRelease,
  ReleaseHotfixLinks,
  RollbackScope,
  RollbackStep,
  rollbackStepStatusValues,
} from './generated/openapi';

export type { LinkedRelease, ReleaseHotfixLinks, RollbackScope, RollbackStep };

export * from './rollbackPlan';

/** The statuses of a rollback's execution step. @public */
export const ROLLBACK_STEP_STATUSES = rollbackStepStatusValues;

/** @public */
export type RollbackStepStatus = (typeof ROLLBACK_STEP_STATUSES)[number];

/**
 * Who may decide a rollback besides the release managers, who always may
 * (`releaseCoordination.rollback.deciders`): the members of the owning group
 * (`owners`, the default), or nobody else (`release-managers`) except through
 * the emergency fast path.
 *
 * @public
 */
export const ROLLBACK_DECIDERS = ['owners', 'release-managers'] as const;

/** @public */
export type RollbackDeciders = (typeof ROLLBACK_DECIDERS)[number];

/** Release types whose owners may take the emergency fast path. @public */
export const EMERGENCY_ROLLBACK_TYPES: readonly ReleaseType[] = [
  'emergency',
  'hotfix',
];

/** States of a release from which a follow-up hotfix may be created. @public */
export const HOTFIX_SOURCE_STATES: readonly ReleaseState[] = [
  'rolling_back',
  'rolled_back',
];

/** Most execution steps a rollback may have. @public */
export const MAX_ROLLBACK_STEPS = 50;

/** What led to a rollback: ids of success criteria and of issues. @public */
export interface RollbackTriggers {
  criterionIds: string[];
  issueIds: string[];
}

/**
 * The decision to roll a release back.
 *
 * @public
 */
export interface RollbackDecision {
  reason: string;
  triggeredBy: RollbackTriggers;
  scope: RollbackScope;
  /** Taken on the emergency fast path (audited). */
  emergency: boolean;
  /** Entity ref of the user who decided. */
  decidedBy: string;
  decidedAt: string;
}

/**
 * A rollback of a release: the decision, its steps and progress.
 *
 * @public
 */
export interface Rollback {
  releaseId: string;
  decision: RollbackDecision;
  steps: RollbackStep[];
  /** The entities being rolled back (the scope's, or all the release's). */
  entityRefs: string[];
  /** Some step failed: the rollback is stuck until it is retried and done. */
  failed: boolean;
  /** When the last step was done and the release became `rolled_back`. */
  completedAt?: string;
  /** Incremented on every change; sent back on step updates. */
  revision: number;
}

/**
 * `GET /releases/:id/rollback`: a release's rollback if it has one, and the
 * hotfix links both ways.
 *
 * @public
 */
export interface ReleaseRollbackStatus {
  rollback?: Rollback;
  /** The rolled-back release this one is the follow-up hotfix of. */
  hotfixOf?: LinkedRelease;
  /** The follow-up hotfixes of this release, oldest first. */
  hotfixes: LinkedRelease[];
}

const idSchema = z.string().trim().min(1).max(200);
const reasonSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'must not be blank' })
  .max(2000);

/** A step's owner: a user or a group. */
const stepOwnerSchema = entityRefSchema.refine(
  ref => ref.startsWith('user:') || ref.startsWith('group:'),
  { message: 'must be a user or group ref' },
);

/**
 * Body of `POST /releases/:id/rollback-decision`. `revision` is the release's
 * as the caller saw it; `steps` replace the ones the rollback plan lists.
 *
 * @public
 */
export const rollbackDecisionRequestSchema = z.strictObject({
  revision: z.int().min(1),
  reason: reasonSchema,
  triggeredBy: z
    .strictObject({
      criterionIds: z.array(idSchema).max(100).default([]),
      issueIds: z.array(idSchema).max(100).default([]),
    })
    .default({ criterionIds: [], issueIds: [] }),
  scope: z
    .union([
      z.literal('release'),
      z.strictObject({
        entityRefs: z.array(entityRefSchema).min(1).max(MAX_ENTITY_REFS),
      }),
    ])
    .default('release'),
  emergency: z.boolean().default(false),
  steps: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1).max(500),
        ownerRef: stepOwnerSchema.optional(),
      }),
    )
    .min(1)
    .max(MAX_ROLLBACK_STEPS)
    .optional(),
});

/** @public */
export type RollbackDecisionRequest = z.input<
  typeof rollbackDecisionRequestSchema
>;

/** @public */
export type RollbackDecisionInput = z.output<
  typeof rollbackDecisionRequestSchema
>;

/**
 * Body of `PATCH /releases/:id/rollback/steps/:index`: the rollback's revision
 * the caller saw and the step's new status.
 *
 * @public
 */
export const rollbackStepUpdateSchema = z.strictObject({
  revision: z.int().min(1),
  status: z.enum(ROLLBACK_STEP_STATUSES),
  note: z.string().trim().max(2000).optional(),
});

/** @public */
export type RollbackStepUpdate = z.input<typeof rollbackStepUpdateSchema>;

/**
 * The body of `POST /releases/:id/hotfix` (every field optional: the hotfix
 * is prefilled from the rolled-back release), with times within `horizon`.
 *
 * @public
 */
export function hotfixRequestSchema(horizon: TimeHorizon) {
  return z.strictObject({
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH).optional(),
    version: z.string().trim().min(1).max(100).optional(),
    window: releaseRequestSchemas(horizon).releaseWindow.optional(),
  });
}

/** @public */
export type HotfixRequest = z.input<ReturnType<typeof hotfixRequestSchema>>;

/** @public */
export type HotfixInput = z.output<ReturnType<typeof hotfixRequestSchema>>;
