import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  AFTER_ONLY_STATES,
  DECIDABLE_STATES,
  Release,
  ReleaseApprovals,
  RequiredApproval,
} from '@internal/plugin-release-coordination-common';
import { Fragment } from 'react';
import { DisabledReason } from '../shared/DisabledReason';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Statuses of a required approval whose group has not decided yet. */
const UNDECIDED: readonly RequiredApproval['status'][] = [
  'pending',
  'pending-after',
  'overdue',
];

/**
 * Why the signed-in user cannot decide on a release that still waits for
 * decisions: they created it (self-approval is prevented), they are in none
 * of the groups that still decide, or they are but may not decide (a
 * permission policy).
 */
export type DecisionRefusal =
  | { kind: 'self-approval' }
  | { kind: 'not-member'; groupRefs: string[] }
  | { kind: 'not-allowed'; groupRefs: string[] };

/**
 * Why the user cannot decide, from what the backend answered (`mayDecide`
 * holds the groups they may decide for); undefined when they can, or when
 * nobody decides any more.
 */
export function decisionRefusal(options: {
  approvals: Pick<ReleaseApprovals, 'required' | 'mayDecide'>;
  release: Pick<Release, 'state' | 'createdBy'>;
  user?: { userEntityRef: string; ownershipEntityRefs: string[] };
}): DecisionRefusal | undefined {
  const { approvals, release, user } = options;
  if (!user || approvals.mayDecide.length > 0) return undefined;
  const afterOnly = AFTER_ONLY_STATES.includes(release.state);
  if (!afterOnly && !DECIDABLE_STATES.includes(release.state)) return undefined;
  const open = approvals.required
    .filter(r => UNDECIDED.includes(r.status))
    .filter(r => !afterOnly || r.phase === 'after')
    .map(r => r.groupRef);
  if (open.length === 0) return undefined;
  const mine = new Set(user.ownershipEntityRefs.map(lower));
  const myGroups = open.filter(groupRef => mine.has(lower(groupRef)));
  if (myGroups.length === 0) return { kind: 'not-member', groupRefs: open };
  if (lower(release.createdBy) === lower(user.userEntityRef)) {
    return { kind: 'self-approval' };
  }
  return { kind: 'not-allowed', groupRefs: myGroups };
}

/** Groups as linked, humanized names: "A", "A and B", "A, B and C". */
export function GroupList(props: { groupRefs: string[] }) {
  const { groupRefs } = props;
  return (
    <>
      {groupRefs.map((groupRef, i) => (
        <Fragment key={groupRef}>
          {i > 0 && (i === groupRefs.length - 1 ? ' and ' : ', ')}
          <EntityRefLink entityRef={groupRef} defaultKind="group" />
        </Fragment>
      ))}
    </>
  );
}

/**
 * {@link DecisionRefusal} in words, to show next to the disabled Approve and
 * Reject, which name it (`id`) with `aria-describedby`.
 */
export function DecisionRefusalText(props: {
  refusal: DecisionRefusal;
  id?: string;
}) {
  const { refusal } = props;
  let text;
  if (refusal.kind === 'self-approval') {
    text =
      'You created this release, so you cannot approve or reject it yourself: another member of the team has to decide.';
  } else if (refusal.kind === 'not-member') {
    text = (
      <>
        Only members of <GroupList groupRefs={refusal.groupRefs} /> can decide;
        you are not a member.
      </>
    );
  } else {
    text = (
      <>
        You are a member of <GroupList groupRefs={refusal.groupRefs} />, but
        your permissions do not allow you to decide on this release.
      </>
    );
  }
  return (
    <DisabledReason id={props.id} testId="decision-refusal">
      {text}
    </DisabledReason>
  );
}
