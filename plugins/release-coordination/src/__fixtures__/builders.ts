import {
  Conflict,
  Freeze,
  FreezeOccurrence,
  Release,
  ReleaseApprovals,
  ReleaseReadiness,
  Train,
} from '@internal/plugin-release-coordination-common';

/** A release with sensible defaults, for tests. */
export function makeRelease(overrides: Partial<Release> = {}): Release {
  return {
    id: 'r1',
    title: 'Payments 2.1',
    version: '2.1.0',
    type: 'normal',
    state: 'draft',
    window: {
      start: '2030-03-01T09:00:00.000Z',
      end: '2030-03-01T11:00:00.000Z',
    },
    entityRefs: ['component:default/payments-api'],
    ownerRef: 'group:default/payments',
    description: '',
    changes: [],
    createdBy: 'user:default/alice',
    createdAt: '2030-02-01T09:00:00.000Z',
    updatedAt: '2030-02-01T09:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

/** A freeze occurrence with sensible defaults, for tests. */
export function makeFreezeOccurrence(
  overrides: Partial<FreezeOccurrence> = {},
): FreezeOccurrence {
  return {
    freezeId: 'f1',
    title: 'Quarter-end freeze',
    start: '2030-03-01T00:00:00.000Z',
    end: '2030-03-03T00:00:00.000Z',
    scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
    exemptTypes: ['emergency', 'security'],
    ...overrides,
  };
}

/** A freeze with sensible defaults (one-off, everything), for tests. */
export function makeFreeze(overrides: Partial<Freeze> = {}): Freeze {
  return {
    id: 'f1',
    title: 'Quarter-end freeze',
    description: '',
    scope: { all: true, domains: [], systems: [], groups: [], entities: [] },
    start: '2030-03-01T00:00:00.000Z',
    end: '2030-03-03T00:00:00.000Z',
    exemptTypes: ['emergency', 'security'],
    createdBy: 'user:default/alice',
    createdAt: '2030-02-01T09:00:00.000Z',
    updatedAt: '2030-02-01T09:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

/** A conflict with sensible defaults (a blocking freeze conflict of r1), for tests. */
export function makeConflict(overrides: Partial<Conflict> = {}): Conflict {
  return {
    id: 'freeze:f1:r1',
    kind: 'freeze',
    severity: 'blocking',
    releaseIds: ['r1'],
    entityRefs: ['component:default/payments-api'],
    message: 'Payments 2.1 falls into the freeze "Quarter-end freeze"',
    suggestion: 'Move the release out of the freeze or override it',
    ...overrides,
  };
}

/** A release train with sensible defaults (weekly on Tuesdays), for tests. */
export function makeTrain(overrides: Partial<Train> = {}): Train {
  return {
    id: 't1',
    name: 'Commerce train',
    description: '',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    timezone: 'Europe/Berlin',
    start: '2030-01-01T09:00:00.000Z',
    slotDuration: 'PT2H',
    cutoff: 'P2D',
    scope: { systems: ['system:default/payments'], entities: [] },
    createdBy: 'user:default/alice',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

/** Approvals of a release (one pending owner group the caller may decide for), for tests. */
export function makeApprovals(
  overrides: Partial<ReleaseApprovals> = {},
): ReleaseApprovals {
  return {
    rule: 'owners',
    round: 1,
    required: [
      {
        groupRef: 'group:default/payments',
        reason: 'owner',
        entityRefs: ['component:default/payments-api'],
        phase: 'before',
        status: 'pending',
      },
    ],
    decisions: [],
    pending: ['group:default/payments'],
    pendingAfter: [],
    overdue: [],
    complete: false,
    rejected: false,
    mayDecide: ['group:default/payments'],
    ...overrides,
  };
}

/**
 * The readiness of a release (approvals missing, a manual item unchecked, the
 * rest passed), for tests.
/**
 * The readiness of a release (approvals missing, a manual item unchecked, the
 * rest passed), for tests. The verdict and blocking reasons are data like the
 * rest: a test that changes the items states them too.
 */
export function makeReadiness(
  overrides: Partial<ReleaseReadiness> = {},
): ReleaseReadiness {
  return {
    verdict: 'not-ready',
    blocking: [
      'Approvals complete: not passed',
      'Rollback plan reviewed: not passed',
    ],
    items: [
      {
        id: 'approvals',
        label: 'Approvals complete',
        kind: 'automatic',
        passed: false,
        facts: ['Waiting for group:default/payments'],
      },
      {
        id: 'no-blocking-conflict',
        label: 'No blocking conflict',
        kind: 'automatic',
        passed: true,
        facts: ['No conflicts'],
      },
      {
        id: 'rollback-plan',
        label: 'Rollback plan reviewed',
        kind: 'manual',
        passed: false,
        facts: [],
      },
    ],
    ...overrides,
  };
}

/** {@link makeReadiness} with every item passed: ready, for tests. */
export function makeReadyReadiness(
  items = makeReadiness().items,
): ReleaseReadiness {
  return makeReadiness({
    verdict: 'ready',
    blocking: [],
    items: items.map(item => ({ ...item, passed: true })),
  });
}

/** {@link makeApprovals} once alice approved for the owner group, for tests. */
export function makeApprovedApprovals(): ReleaseApprovals {
  return makeApprovals({
    required: [{ ...makeApprovals().required[0], status: 'approved' }],
    decisions: [
      {
        groupRef: 'group:default/payments',
        decision: 'approve',
        comment: '',
        by: 'user:default/alice',
        at: '2030-02-02T09:00:00.000Z',
      },
    ],
    pending: [],
    complete: true,
    mayDecide: [],
  });
}

/** {@link makeReadiness} with only the approvals missing, for tests. */
export function makeReadinessAwaitingApprovals(): ReleaseReadiness {
  const readiness = makeReadiness({
    blocking: ['Approvals complete: not passed'],
  });
  readiness.items[2].passed = true;
  return readiness;
}
