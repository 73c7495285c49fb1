import {
  ApprovalDecision,
  Release,
  ReleaseState,
  Rollback,
  RollbackStepStatus,
} from '@internal/plugin-release-coordination-common';
import { NewReleaseEvent } from '../database/ReleaseStore';
import { HOUR_MS } from '../time';

type DemoRollback = {
  release: Release;
  events: NewReleaseEvent[];
  decisions: ApprovalDecision[];
  rollback?: Rollback;
  hotfixOf?: string;
};

const id = (n: number) =>
  `00000000-0000-4000-b000-${String(n).padStart(12, '0')}`;

/** A demo release of one team that went from planned to `path`'s last state, `startHours` from now. */
function demoRelease(options: {
  n: number;
  now: Date;
  title: string;
  version: string;
  type?: Release['type'];
  team: string;
  planner: string;
  approvers: { groupRef: string; by: string }[];
  components: string[];
  startHours: number;
  path: ReleaseState[];
  rollbackPlan?: string;
  /** Recorded an hour before the window, by the planner. */
  freezeOverrideReason?: string;
  description: string;
}): Pick<DemoRollback, 'release' | 'events' | 'decisions'> {
  const start = options.now.getTime() + options.startHours * HOUR_MS;
  const iso = (time: number) => new Date(time).toISOString();
  const createdAt = start - 7 * 24 * HOUR_MS;
  const events: NewReleaseEvent[] = [
    {
      action: 'created',
      actorRef: options.planner,
      createdAt: iso(createdAt),
      changes: [],
    },
    ...options.path.map((state, step) => ({
      action: 'transitioned' as const,
      actorRef: options.planner,
      createdAt: iso(
        state === 'planned' || state === 'approved'
          ? createdAt + (step + 1) * HOUR_MS
          : start + (step - 1) * HOUR_MS,
      ),
      changes: [
        {
          field: 'state',
          before: step === 0 ? 'draft' : options.path[step - 1],
          after: state,
        },
      ],
    })),
  ];
  const freezeOverride = options.freezeOverrideReason && {
    reason: options.freezeOverrideReason,
    by: options.planner,
    at: iso(start - HOUR_MS),
  };
  if (freezeOverride) {
    events.push({
      action: 'freeze-overridden',
      actorRef: options.planner,
      createdAt: freezeOverride.at,
      changes: [
        { field: 'freezeOverride', before: null, after: freezeOverride },
      ],
      reason: freezeOverride.reason,
    });
    events.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  const approved = options.path.includes('approved');
  return {
    release: {
      id: id(options.n),
      title: options.title,
      version: options.version,
      type: options.type ?? 'normal',
      state: options.path[options.path.length - 1] ?? 'draft',
      window: { start: iso(start), end: iso(start + 2 * HOUR_MS) },
      entityRefs: options.components.map(name => `component:default/${name}`),
      ownerRef: `group:default/${options.team}`,
      description: options.description,
      ...(options.rollbackPlan && { rollbackPlan: options.rollbackPlan }),
      ...(freezeOverride && { freezeOverride }),
      changes: [],
      ...(options.path.length > 0 && { plannedType: options.type ?? 'normal' }),
      createdBy: options.planner,
      createdAt: iso(createdAt),
      updatedAt: events[events.length - 1].createdAt,
      revision: events.length,
    },
    events,
    decisions: approved
      ? options.approvers.map(({ groupRef, by }) => ({
          groupRef,
          by,
          decision: 'approve',
          comment: 'Looks good',
          at: iso(createdAt + HOUR_MS),
        }))
      : [],
  };
}

const steps = (ownerRef: string, items: [string, RollbackStepStatus][]) =>
  items.map(([title, status], index) => ({ index, title, ownerRef, status }));

/** The releases of the demo rollbacks. */
function rollbackDemoReleases(now: Date) {
  const ledger = demoRelease({
    n: 1,
    now,
    title: 'Ledger service 4.2',
    version: '4.2.0',
    team: 'payments-team',
    planner: 'user:default/bob',
    components: ['ledger-service'],
    startHours: -72,
    approvers: [
      { groupRef: 'group:default/payments-team', by: 'user:default/grace' },
      { groupRef: 'group:default/checkout-team', by: 'user:default/alice' },
      { groupRef: 'group:default/storefront-team', by: 'user:default/judy' },
    ],
    path: [
      'planned',
      'approved',
      'in_progress',
      'released',
      'rolling_back',
      'rolled_back',
    ],
    rollbackPlan:
      '1. Disable the `ledger.batch-post` flag\n2. Redeploy ledger-service 4.1.3',
    description:
      '## Ledger 4.2\n\nBatch posting of ledger entries. **Rolled back**: double postings at month end.',
  });
  const hotfix = demoRelease({
    n: 2,
    now,
    title: 'Hotfix for Ledger service 4.2',
    version: '4.2.1',
    type: 'hotfix',
    team: 'payments-team',
    planner: 'user:default/bob',
    components: ['ledger-service'],
    startHours: 48,
    approvers: [],
    path: ['planned'],
    description: `## Follow-up hotfix\n\nFollows up [Ledger service 4.2 4.2.0](/release-coordination/releases/${ledger.release.id}), which was rolled back.`,
  });
  const search = demoRelease({
    n: 3,
    now,
    title: 'Search service 7.3',
    version: '7.3.0',
    team: 'search-team',
    planner: 'user:default/frank',
    components: ['search-service'],
    startHours: -3,
    approvers: [
      { groupRef: 'group:default/search-team', by: 'user:default/mallory' },
      { groupRef: 'group:default/storefront-team', by: 'user:default/judy' },
    ],
    path: ['planned', 'approved', 'in_progress', 'released', 'rolling_back'],
    rollbackPlan:
      '1. Route queries to the 7.2 cluster\n2. Redeploy search-service 7.2.4\n3. Rebuild the synonym index',
    description:
      '## Search 7.3\n\nNew ranking model. **Rolling back**: zero-result rate tripled.',
  });
  const checkout = demoRelease({
    n: 4,
    now,
    title: 'Checkout worker 1.6',
    version: '1.6.0',
    team: 'checkout-team',
    planner: 'user:default/grace',
    components: ['checkout-worker'],
    startHours: -1,
    approvers: [
      { groupRef: 'group:default/checkout-team', by: 'user:default/alice' },
    ],
    path: ['planned', 'approved', 'in_progress'],
    // the demo runs any day: its window may fall in the weekend freeze
    freezeOverrideReason:
      'Warehouse cut-over is booked for this window; agreed with the platform team',
    rollbackPlan:
      '1. Switch the `worker.batching` flag off\n2. Redeploy checkout-worker 1.5.3',
    description:
      '## Checkout worker 1.6\n\nBatches order events to the warehouse.',
  });
  return { ledger, hotfix, search, checkout };
}

/**
 * The demo's rollbacks: a completed rollback with its follow-up hotfix, a
 * release rolling back with a step running, and a release in progress with
 * a rollback plan to release and roll back.
 */
export function demoRollbacks(now: Date): DemoRollback[] {
  const { ledger, hotfix, search, checkout } = rollbackDemoReleases(now);
  const decided = (
    release: Release,
    reason: string,
    by: string,
    hours: number,
  ) => ({
    reason,
    triggeredBy: { criterionIds: [], issueIds: [] },
    scope: 'release' as const,
    emergency: false,
    decidedBy: by,
    decidedAt: new Date(
      Date.parse(release.window.start) + hours * HOUR_MS,
    ).toISOString(),
  });
  return [
    {
      ...ledger,
      rollback: {
        releaseId: ledger.release.id,
        decision: decided(
          ledger.release,
          'Double postings at month end',
          'user:default/bob',
          2,
        ),
        steps: steps('group:default/payments-team', [
          ['Disable the `ledger.batch-post` flag', 'done'],
          ['Redeploy ledger-service 4.1.3', 'done'],
        ]),
        entityRefs: ledger.release.entityRefs,
        failed: false,
        completedAt: ledger.release.updatedAt,
        revision: 3,
      },
    },
    { ...hotfix, hotfixOf: ledger.release.id },
    {
      ...search,
      rollback: {
        releaseId: search.release.id,
        decision: decided(
          search.release,
          'Zero-result rate tripled',
          'user:default/frank',
          2,
        ),
        steps: steps('group:default/search-team', [
          ['Route queries to the 7.2 cluster', 'done'],
          ['Redeploy search-service 7.2.4', 'running'],
          ['Rebuild the synonym index', 'pending'],
        ]),
        entityRefs: search.release.entityRefs,
        failed: false,
        revision: 3,
      },
    },
    checkout,
  ];
}
