import { ReleaseEvent } from '@internal/plugin-release-coordination-common';
import {
  FakeReleaseCoordinationApi,
  makeApprovals,
  makeConflict,
  makeReadiness,
  makeRelease,
} from '../../__fixtures__/FakeReleaseCoordinationApi';
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
  const api = new FakeReleaseCoordinationApi([release]);
  api.events.r1 = [
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
  api.readiness.r1 = makeReadiness();
  api.approvals.r1 = makeApprovals({
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
  api.releaseImpact.r1 = makeImpactReport({
    risk: makeRisk({ level: 'high', computedLevel: 'high' }),
  });
  return { api, release, events: api.events.r1 };
}
