import { Config } from '@backstage/config';
import {
  describeValidationError,
  ISSUE_SEVERITIES,
  IssueSeverity,
  IssueStatus,
  UNRESOLVED_ISSUE_STATUSES,
} from '@internal/plugin-release-coordination-common';
import { Duration } from 'luxon';
import { z } from 'zod';

/** The config key of the escalation rules. */
export const ESCALATION_RULES_KEY = 'releaseCoordination.escalation.rules';

/** Who an escalation notifies. @public */
export const ESCALATION_AUDIENCES = [
  'releaseManagers',
  'affectedDependentOwners',
  'issueOwner',
  'owningGroupParent',
] as const;

/** @public */
export type EscalationAudience = (typeof ESCALATION_AUDIENCES)[number];

/**
 * One escalation rule: an issue of `severity` still in `status` `after` it
 * entered it notifies `notify`, once per stay in the status.
 *
 * @public
 */
export interface EscalationRule {
  severity: IssueSeverity;
  status: IssueStatus;
  /** The ISO 8601 duration as configured. */
  after: string;
  afterMs: number;
  notify: EscalationAudience[];
  /** Tells the rule apart in the escalation log: `severity:status:after`. */
  key: string;
}

/**
 * The rules unless configured: sev1 still open (not acknowledged) after 15
 * minutes → the release managers and the owners of affected dependents;
 * sev2 still open after 4 hours → the owning group's parent group.
 *
 * @public
 */
export const DEFAULT_ESCALATION_RULES = [
  {
    severity: 'sev1',
    status: 'open',
    after: 'PT15M',
    notify: ['releaseManagers', 'affectedDependentOwners'],
  },
  {
    severity: 'sev2',
    status: 'open',
    after: 'PT4H',
    notify: ['owningGroupParent'],
  },
] as const;

const durationSchema = z.string().transform((value, ctx) => {
  const duration = Duration.fromISO(value);
  const ms = duration.isValid ? duration.as('milliseconds') : NaN;
  if (!(ms > 0)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a positive ISO 8601 duration such as PT15M or PT4H`,
    });
    return z.NEVER;
  }
  return { after: value, afterMs: ms };
});

const rulesSchema = z.array(
  z.strictObject({
    severity: z.enum(ISSUE_SEVERITIES),
    status: z.enum(
      UNRESOLVED_ISSUE_STATUSES as [IssueStatus, ...IssueStatus[]],
    ),
    after: durationSchema,
    notify: z.array(z.enum(ESCALATION_AUDIENCES)).min(1),
  }),
);

/**
 * Reads `releaseCoordination.escalation.rules` (the defaults when absent),
 * refusing a malformed rule at startup with the key of the field at fault.
 *
 * @public
 */
export function readEscalationPolicy(config: Config): EscalationRule[] {
  const configured = config.getOptional(ESCALATION_RULES_KEY);
  const result = rulesSchema.safeParse(configured ?? DEFAULT_ESCALATION_RULES);
  if (!result.success) {
    // the fields read as `<index>.<field>` of the rules list
    throw new Error(
      `${ESCALATION_RULES_KEY} is invalid: ${describeValidationError(
        result.error,
      )}`,
    );
  }
  return result.data.map(rule => ({
    severity: rule.severity,
    status: rule.status,
    after: rule.after.after,
    afterMs: rule.after.afterMs,
    notify: [...new Set(rule.notify)],
    key: `${rule.severity}:${rule.status}:${rule.after.after}`,
  }));
}
