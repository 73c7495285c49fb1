import { Config } from '@backstage/config';
import {
  APPROVAL_RULES,
  ApprovalDecision,
  ApprovalRule,
  DEFAULT_APPROVAL_RULES,
  DEFAULT_RELEASE_MANAGER_GROUP,
  RELEASE_TYPES,
  Release,
  ReleaseApprovals,
  ReleaseType,
  RequiredApproval,
} from '@internal/plugin-release-coordination-common';
import { normalizeRef } from './catalogFacts';

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
}

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
  };
}

/** A required approval before decisions are known. */
export type Requirement = Omit<RequiredApproval, 'status'>;

/**
 * The groups that must approve a release: the owners of its entities (an
 * entity without a known owner falls to the release's owner), or for the
 * `release-manager` rule the release managers alone, with the owners'
 * approvals collected afterwards.
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
}): Requirement[] {
  const { release, rule, owners, releaseManagerGroup } = options;
  if (rule === 'none') return [];
  const byGroup = new Map<string, string[]>();
  for (const entityRef of release.entityRefs) {
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
    ...(options.dependentOwners ?? []),
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

/** Combines requirements and the decisions of the current round. */
export function summarizeApprovals(options: {
  rule: ApprovalRule;
  round: number;
  required: Requirement[];
  decisions: ApprovalDecision[];
  mayDecide: string[];
}): ReleaseApprovals {
  const { rule, round, decisions, mayDecide } = options;
  const byGroup = new Map(decisions.map(d => [d.groupRef, d]));
  const required: RequiredApproval[] = options.required.map(r => {
    const decision = byGroup.get(r.groupRef)?.decision;
    let status: RequiredApproval['status'];
    if (decision === 'approve') status = 'approved';
    else if (decision === 'reject') status = 'rejected';
    else status = r.phase === 'after' ? 'pending-after' : 'pending';
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
      .filter(r => r.status === 'pending-after')
      .map(r => r.groupRef),
    complete: pending.length === 0 && !rejected,
    rejected,
    mayDecide,
  };
}
