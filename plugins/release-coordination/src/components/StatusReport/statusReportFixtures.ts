import { ReleaseEvent } from '@internal/plugin-release-coordination-common';
import {
  makeApprovals,
  makeConflict,
  makeReadiness,
  makeRelease,
} from '../../__fixtures__/builders';
import { makeImpactReport, makeRisk } from '../../__fixtures__/impactFixtures';

function transitioned(
  id: string,
  before: string,
  after: string,
  createdAt: string,
): ReleaseEvent {
  return {
    id,
    releaseId: 'r1',
    action: 'transitioned',
    actorRef: 'user:default/alice',
    createdAt,
    changes: [{ field: 'state', before, after }],
  };
}

/** An approved release with history, readiness, approvals, risk and conflicts. */
export function statusReportFixture() {
  const release = makeRelease({
    state: 'approved',
    conflicts: [
      makeConflict(),
      makeConflict({
        id: 'same-entity:r1:r2',
        kind: 'same-entity',
        severity: 'warning',
        message: 'Overlaps Billing 1.4',
      }),
    ],
  });
  const events: ReleaseEvent[] = [
    {
      id: 'e1',
      releaseId: 'r1',
      action: 'created',
      actorRef: 'user:default/alice',
      createdAt: '2030-02-01T09:00:00.000Z',
      changes: [],
    },
    transitioned('e2', 'draft', 'planned', '2030-02-03T10:00:00.000Z'),
    transitioned('e3', 'planned', 'approved', '2030-02-05T14:30:00.000Z'),
  ];
  const readiness = makeReadiness();
  const approvals = makeApprovals({
    required: [
      ...makeApprovals().required,
      {
        groupRef: 'group:default/sre',
        reason: 'owner',
        entityRefs: [],
        phase: 'before',
        status: 'approved',
      },
    ],
    decisions: [
      {
        groupRef: 'group:default/sre',
        decision: 'approve',
        comment: 'LGTM',
        by: 'user:default/bob',
        at: '2030-02-04T08:00:00.000Z',
      },
    ],
  });
  const impact = makeImpactReport({
    risk: makeRisk({ level: 'high', computedLevel: 'high' }),
  });
  return { release, events, readiness, approvals, impact };
}
