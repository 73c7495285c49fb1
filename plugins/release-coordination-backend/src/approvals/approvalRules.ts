import { Config } from '@backstage/config';
import {
  APPROVAL_RULES,
  ApprovalDecision,
  ApprovalRule,
  DEFAULT_APPROVAL_RULES,
  DEFAULT_EMERGENCY_FOLLOW_UP_DAYS,
  DEFAULT_RELEASE_MANAGER_GROUP,
  RELEASE_TYPES,
  Release,
  ReleaseApprovals,
  ReleaseType,
  RequiredApproval,
} from '@internal/plugin-release-coordination-common';
import { normalizeRef } from '../catalogGraph/refs';
import { DAY_MS } from '../time';

/**
 * The approval policy from app-config, with defaults.
 *
 * @public
 */
export interface ApprovalPolicy {
  rules: Record<ReleaseType, ApprovalRule>;
  releaseManagerGroup: string;
  /** The creator of a release cannot decide on it. */
  preventSelfApproval: boolean;
  /**
   * For `breaking` changes or a risk level of `high` or more, the owners of
   * affected dependents must approve too.
   */
  dependentOwners: boolean;
  /**
   * Days after the release managers' approval within which the groups that
   * approve afterwards (rule `release-manager`) must have decided.
   */
  followUpDays: number;
}

/** Longest follow-up time that can be configured, in days. */
const MAX_FOLLOW_UP_DAYS = 90;

/** Reads `releaseCoordination.approvals`, refusing unknown types and rules at startup. */
export function readApprovalPolicy(config: Config): ApprovalPolicy {
  const approvals = config.getOptionalConfig('releaseCoordination.approvals');
  const rules = { ...DEFAULT_APPROVAL_RULES };
  const rulesConfig = approvals?.getOptionalConfig('rules');
  for (const type of rulesConfig?.keys() ?? []) {
    const rule = rulesConfig!.getString(type);
    if (!(RELEASE_TYPES as readonly string[]).includes(type)) {
      throw new Error(
        `releaseCoordination.approvals.rules: unknown release type "${type}"; known are ${RELEASE_TYPES.join(
          ', ',
        )}`,
      );
    }
    if (!(APPROVAL_RULES as readonly string[]).includes(rule)) {
      throw new Error(
        `releaseCoordination.approvals.rules.${type}: unknown rule "${rule}"; known are ${APPROVAL_RULES.join(
          ', ',
        )}`,
      );
    }
    rules[type as ReleaseType] = rule as ApprovalRule;
  }
  return {
    rules,
    releaseManagerGroup: normalizeRef(
      approvals?.getOptionalString('releaseManagerGroup') ??
        DEFAULT_RELEASE_MANAGER_GROUP,
      'group',
    ),
    preventSelfApproval:
      approvals?.getOptionalBoolean('preventSelfApproval') ?? true,
    dependentOwners: approvals?.getOptionalBoolean('dependentOwners') ?? true,
    followUpDays: readFollowUpDays(approvals),
  };
}

/** Reads `emergencyFollowUp.days`, refusing nonsense at startup. */
function readFollowUpDays(approvals: Config | undefined): number {
  const days =
    approvals?.getOptionalNumber('emergencyFollowUp.days') ??
    DEFAULT_EMERGENCY_FOLLOW_UP_DAYS;
  if (!(days > 0) || days > MAX_FOLLOW_UP_DAYS) {
    throw new Error(
      `releaseCoordination.approvals.emergencyFollowUp.days must be more than 0 and at most ${MAX_FOLLOW_UP_DAYS}`,
    );
  }
  return days;
}

/**
 * When the groups approving afterwards are due: the release managers'
 * approval plus `days` (fractions allowed); undefined before they approved.
 */
export function followUpDeadline(
  releaseManagerApproval: ApprovalDecision | undefined,
  days: number,
): string | undefined {
  if (releaseManagerApproval?.decision !== 'approve') return undefined;
  return new Date(
    Date.parse(releaseManagerApproval.at) + days * DAY_MS,
  ).toISOString();
}

/** A required approval before decisions are known. */
export type Requirement = Omit<RequiredApproval, 'status'>;

/**
 * The groups that must approve a release: the owners of its entities (an
 * entity without a known owner falls to the release's owner), or for the
 * `release-manager` rule the release managers alone, with the owners'
 * approvals collected afterwards; under the `none` rule (pre-approved), the
 * owners of the entities the release's owner does not hold.
 */
export function deriveRequiredApprovals(options: {
  release: Release;
  rule: ApprovalRule;
  /** Owner ref of each entity of the release, when the catalog knows one. */
  owners: Map<string, string | undefined>;
  releaseManagerGroup: string;
  /**
   * Owners of affected dependents (with the dependents they own), when the
   * release is breaking or risky; required unless already required.
   */
  dependentOwners?: { groupRef: string; entityRefs: string[] }[];
  /**
   * Entities the release's owner does not hold; under the `none` rule their
   * owners must still approve.
   */
  foreignEntityRefs?: string[];
}): Requirement[] {
  const { release, owners, releaseManagerGroup } = options;
  // pre-approval covers only what the release's owner holds: the owners of
  // the other entities approve as under the `owners` rule
  const foreign = options.foreignEntityRefs ?? [];
  if (options.rule === 'none' && foreign.length === 0) return [];
  const rule = options.rule === 'none' ? 'owners' : options.rule;
  const approving =
    options.rule === 'none'
      ? release.entityRefs.filter(ref => foreign.includes(ref))
      : release.entityRefs;
  const byGroup = new Map<string, string[]>();
  for (const entityRef of approving) {
    const groupRef = owners.get(entityRef) ?? release.ownerRef;
    byGroup.set(groupRef, [...(byGroup.get(groupRef) ?? []), entityRef]);
  }
  const ownerPhase = rule === 'release-manager' ? 'after' : 'before';
  const required: Requirement[] = [...byGroup.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([groupRef, entityRefs]) => ({
      groupRef,
      reason: 'owner',
      entityRefs,
      phase: ownerPhase,
    }));
  const known = new Set(required.map(r => r.groupRef));
  if (rule === 'release-manager') known.add(releaseManagerGroup);
  for (const { groupRef, entityRefs } of [
    ...(options.rule === 'none' ? [] : options.dependentOwners ?? []),
  ].sort((a, b) => a.groupRef.localeCompare(b.groupRef))) {
    if (known.has(groupRef) || entityRefs.length === 0) continue;
    known.add(groupRef);
    required.push({
      groupRef,
      reason: 'affected-dependent',
      entityRefs: [...entityRefs].sort(),
      phase: ownerPhase,
    });
  }
  if (rule === 'release-manager') {
    required.unshift({
      groupRef: releaseManagerGroup,
      reason: 'release-manager',
      entityRefs: [],
      phase: 'before',
    });
  }
  return required;
}

/**
 * Combines requirements and the decisions of the current round. Groups that
 * approve afterwards are `overdue` once `now` is past the follow-up deadline
 * (the release managers' approval of this round plus `followUpDays`).
 */
export function summarizeApprovals(options: {
  rule: ApprovalRule;
  round: number;
  required: Requirement[];
  decisions: ApprovalDecision[];
  mayDecide: string[];
  followUpDays: number;
  now: Date;
}): ReleaseApprovals {
  const { rule, round, decisions, mayDecide } = options;
  const byGroup = new Map(decisions.map(d => [d.groupRef, d]));
  const manager = options.required.find(r => r.reason === 'release-manager');
  const deadline = manager
    ? followUpDeadline(byGroup.get(manager.groupRef), options.followUpDays)
    : undefined;
  const late =
    deadline !== undefined && options.now.getTime() > Date.parse(deadline);
  const required: RequiredApproval[] = options.required.map(r => {
    const decision = byGroup.get(r.groupRef)?.decision;
    let status: RequiredApproval['status'];
    if (decision === 'approve') status = 'approved';
    else if (decision === 'reject') status = 'rejected';
    else if (r.phase === 'before') status = 'pending';
    else status = late ? 'overdue' : 'pending-after';
    return { ...r, status };
  });
  const rejected = required.some(r => r.status === 'rejected');
  const pending = required
    .filter(r => r.status === 'pending')
    .map(r => r.groupRef);
  return {
    rule,
    round,
    required,
    decisions,
    pending,
    pendingAfter: required
      .filter(r => r.status === 'pending-after' || r.status === 'overdue')
      .map(r => r.groupRef),
    ...(deadline && { followUpDeadline: deadline }),
    overdue: required.filter(r => r.status === 'overdue').map(r => r.groupRef),
    complete: pending.length === 0 && !rejected,
    rejected,
    mayDecide,
  };
}

const RULE_STRENGTH: Record<ApprovalRule, number> = {
  none: 0,
  'release-manager': 1,
  owners: 2,
};

/**
 * The rule a release is approved under: its type's, or the rule of the type
 * it was planned as when that is stricter, so that changing the type after
 * planning needs the approvers of the plan.
 */
export function effectiveRule(
  release: Pick<Release, 'type' | 'plannedType'>,
  rules: Record<ReleaseType, ApprovalRule>,
): ApprovalRule {
  const current = rules[release.type];
  const planned = release.plannedType ? rules[release.plannedType] : current;
  return RULE_STRENGTH[planned] > RULE_STRENGTH[current] ? planned : current;
}
