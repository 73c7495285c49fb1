import {
  ApprovalDecision,
  Release,
  ReleaseChange,
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { NewReleaseEvent } from '../database/ReleaseStore';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Moves a UTC midnight on a weekend to a weekday, as teams plan: past days back
 * to the Friday before, future days on to the Monday after.
 */
function onWeekday(midnight: number, future: boolean): number {
  const weekday = new Date(midnight).getUTCDay();
  if (weekday !== 0 && weekday !== 6) return midnight;
  if (future) return midnight + (weekday === 6 ? 2 : 1) * DAY;
  return midnight - (weekday === 6 ? 1 : 2) * DAY;
}

/** Who plans the releases of each team in the demo catalog. */
export const PLANNER: Record<string, string> = {
  // Grace, not Alice (the demo guest), so Alice may approve her team's plans.
  'checkout-team': 'user:default/grace',
  'payments-team': 'user:default/bob',
  'platform-team': 'user:default/carol',
  'storefront-team': 'user:default/dave',
  'identity-team': 'user:default/erin',
  'search-team': 'user:default/frank',
};

type DemoRelease = {
  title: string;
  version: string;
  type: ReleaseType;
  /** The states the release went through after draft, in order. */
  path: ReleaseState[];
  /** Window start relative to now, in days. */
  startInDays: number;
  hours: number;
  components: string[];
  team: string;
  description: string;
  rollbackPlan?: string;
  changes: ReleaseChange[];
  /** The declared standard change (app-config.yaml) a standard release follows. */
  standardChangeId?: string;
  /** Who approved, per group, for releases that went past `planned`. */
  approvals?: { groupRef: string; by: string }[];
  /** Why the owners go ahead despite a freeze (set before it was approved). */
  freezeOverrideReason?: string;
};

const DEMO: DemoRelease[] = [
  {
    title: 'Checkout 3.14',
    version: '3.14.0',
    type: 'normal',
    path: ['planned', 'approved', 'in_progress', 'released', 'verified'],
    startInDays: -35,
    hours: 2,
    components: ['checkout-service', 'cart-service'],
    team: 'checkout-team',
    description:
      '## Checkout 3.14\n\nOne-page checkout for returning customers.\n\n- Feature flag `one-page-checkout` at 100 %\n- Cart totals computed server-side',
    approvals: [
      { groupRef: 'group:default/checkout-team', by: 'user:default/alice' },
      { groupRef: 'group:default/storefront-team', by: 'user:default/judy' },
    ],
    changes: [
      { kind: 'feature', title: 'One-page checkout for returning customers' },
      { kind: 'fix', title: 'Cart totals off by one cent with vouchers' },
    ],
  },
  {
    title: 'Payment gateway TLS hardening',
    version: '8.2.1',
    type: 'security',
    path: ['planned', 'approved', 'in_progress', 'released', 'verified'],
    startInDays: -28,
    hours: 1,
    components: ['payment-gateway'],
    team: 'payments-team',
    description:
      '## TLS hardening\n\nDisables TLS 1.0/1.1 towards acquirers and rotates the client certificates.',
    approvals: [
      { groupRef: 'group:default/payments-team', by: 'user:default/grace' },
      { groupRef: 'group:default/checkout-team', by: 'user:default/alice' },
      { groupRef: 'group:default/storefront-team', by: 'user:default/judy' },
    ],
    changes: [
      { kind: 'security', title: 'Disable TLS 1.0 and 1.1' },
      { kind: 'config', title: 'Rotate acquirer client certificates' },
    ],
  },
  {
    title: 'Order service hotfix',
    version: '2.8.1',
    type: 'hotfix',
    path: ['planned', 'approved', 'in_progress', 'released', 'rolled_back'],
    startInDays: -21,
    hours: 1,
    components: ['order-service'],
    team: 'checkout-team',
    description:
      '## Hotfix 2.8.1\n\nFixes duplicate order confirmations. **Rolled back**: the fix raised p99 latency to 4 s.',
    approvals: [
      { groupRef: 'group:default/checkout-team', by: 'user:default/alice' },
      { groupRef: 'group:default/storefront-team', by: 'user:default/judy' },
    ],
    changes: [{ kind: 'fix', title: 'Duplicate order confirmation e-mails' }],
  },
  {
    title: 'Fraud detection model v7',
    version: '7.0.0',
    type: 'normal',
    path: ['planned', 'cancelled'],
    startInDays: -14,
    hours: 4,
    components: ['fraud-detection'],
    team: 'payments-team',
    description:
      '## Model v7\n\nNew scoring model. *Cancelled*: replaced by v7.1 after the shadow run.',
    changes: [
      { kind: 'feature', title: 'Gradient-boosted scoring model' },
      { kind: 'migration', title: 'Backfill risk scores for open orders' },
    ],
  },
  {
    title: 'Log pipeline upgrade',
    version: '2024.11',
    type: 'standard',
    standardChangeId: 'observability-upgrade',
    path: ['planned', 'approved', 'in_progress', 'released', 'verified'],
    startInDays: -10,
    hours: 3,
    components: ['log-pipeline', 'metrics-collector'],
    team: 'platform-team',
    description:
      '## Routine upgrade\n\nPre-approved standard change: collector and pipeline minor versions.',
    changes: [
      { kind: 'dependency', title: 'Fluent Bit 3.1' },
      { kind: 'dependency', title: 'OpenTelemetry collector 0.110' },
    ],
  },
  {
    title: 'Search indexer 5.0',
    version: '5.0.0',
    type: 'normal',
    path: ['planned', 'approved', 'in_progress', 'released'],
    startInDays: -6,
    hours: 6,
    components: ['search-indexer', 'search-service'],
    team: 'search-team',
    description:
      '## Search 5.0\n\nNew index layout with synonyms. Verification pending the weekly relevance report.',
    approvals: [
      { groupRef: 'group:default/search-team', by: 'user:default/mallory' },
      { groupRef: 'group:default/storefront-team', by: 'user:default/judy' },
    ],
    changes: [
      { kind: 'breaking', title: 'Index layout v5; v4 queries are rejected' },
      { kind: 'migration', title: 'Full reindex (about 3 hours)' },
    ],
  },
  {
    title: 'Auth service emergency patch',
    version: '3.9.4',
    type: 'emergency',
    path: ['planned', 'approved', 'in_progress', 'released', 'verified'],
    startInDays: -3,
    hours: 1,
    components: ['auth-service'],
    team: 'identity-team',
    description:
      '## Emergency patch\n\nSession tokens were accepted after logout. Patched and verified within the hour.',
    approvals: [
      { groupRef: 'group:default/release-managers', by: 'user:default/ivan' },
    ],
    changes: [{ kind: 'security', title: 'Revoke session tokens on logout' }],
  },
  {
    title: 'Metrics collector hotfix',
    version: '1.12.3',
    type: 'hotfix',
    path: ['planned', 'approved', 'in_progress', 'released'],
    startInDays: -1,
    hours: 1,
    components: ['metrics-collector'],
    team: 'platform-team',
    description:
      '## Hotfix\n\nMemory leak in the Prometheus remote-write queue.',
    approvals: [
      { groupRef: 'group:default/platform-team', by: 'user:default/heidi' },
    ],
    changes: [{ kind: 'fix', title: 'Memory leak in remote-write queue' }],
  },
  {
    title: 'Storefront BFF 4.2',
    version: '4.2.0',
    type: 'normal',
    path: ['planned', 'approved', 'in_progress'],
    startInDays: -1 / 24,
    hours: 4,
    components: ['storefront-bff', 'mobile-bff', 'web-storefront'],
    team: 'storefront-team',
    description:
      '## BFF 4.2\n\nGraphQL persisted queries for web and mobile.\n\n1. Deploy BFFs\n2. Switch web storefront\n3. Release mobile app config',
    approvals: [
      { groupRef: 'group:default/storefront-team', by: 'user:default/judy' },
    ],
    freezeOverrideReason:
      'Persisted queries take load off the storefront before the weekend peak; agreed with the platform team',
    changes: [
      { kind: 'feature', title: 'Persisted GraphQL queries' },
      { kind: 'config', title: 'CDN caching of persisted queries' },
    ],
  },
  {
    title: 'Ledger double-entry migration',
    version: '5.0.0',
    type: 'normal',
    path: ['planned', 'approved'],
    startInDays: 3,
    hours: 6,
    components: ['ledger-service', 'billing-service'],
    team: 'payments-team',
    description:
      '## Ledger 5\n\nMoves billing to double-entry bookkeeping. **Read-only billing during the window.**',
    approvals: [
      { groupRef: 'group:default/payments-team', by: 'user:default/grace' },
      { groupRef: 'group:default/checkout-team', by: 'user:default/alice' },
      { groupRef: 'group:default/storefront-team', by: 'user:default/judy' },
    ],
    freezeOverrideReason:
      'The acquirer migration needs the ledger in double entry first; agreed with the payments freeze owners',
    changes: [
      { kind: 'migration', title: 'Convert ledger tables to double entry' },
      { kind: 'breaking', title: 'Billing API v1 removed' },
    ],
  },
  {
    title: 'Checkout worker queue switch',
    version: '1.7.0',
    type: 'out-of-band',
    path: ['planned'],
    startInDays: 5,
    hours: 2,
    components: ['checkout-worker'],
    team: 'checkout-team',
    description:
      '## Out-of-band\n\nThe message broker is end-of-life next week; the worker moves to the new cluster.',
    rollbackPlan:
      'Point the worker back at the old broker cluster (config flag `broker.cluster=legacy`) and redeploy.',
    changes: [{ kind: 'config', title: 'Consume from the new broker cluster' }],
  },
  {
    title: 'Alerting service 2.0',
    version: '2.0.0',
    type: 'standard',
    standardChangeId: 'alert-routing',
    path: ['planned', 'approved'],
    startInDays: 8,
    hours: 2,
    components: ['alerting-service'],
    team: 'platform-team',
    description: '## Alerting 2.0\n\nRoutes alerts by catalog ownership.',
    changes: [{ kind: 'feature', title: 'Route alerts to the owning team' }],
  },
  {
    title: 'Payments service 6.0',
    version: '6.0.0',
    type: 'normal',
    path: ['planned'],
    startInDays: 10,
    hours: 4,
    components: ['payments-service', 'payment-gateway'],
    team: 'payments-team',
    description:
      '## Payments 6\n\nAdds instant bank transfers. Needs the gateway release in the same window.',
    changes: [
      { kind: 'feature', title: 'Instant bank transfers' },
      { kind: 'dependency', title: 'Acquirer SDK 12' },
    ],
  },
  {
    title: 'User profile data retention',
    version: '2.3.0',
    type: 'security',
    path: [],
    startInDays: 14,
    hours: 2,
    components: ['user-profile-service'],
    team: 'identity-team',
    description:
      '## Data retention\n\nDeletes inactive profiles after 3 years.',
    changes: [
      { kind: 'security', title: 'Automatic deletion of inactive profiles' },
    ],
  },
  {
    title: 'Product catalog facets',
    version: '3.1.0',
    type: 'normal',
    path: [],
    startInDays: 20,
    hours: 3,
    components: ['product-catalog-service', 'search-service'],
    team: 'search-team',
    description: '## Facets\n\nFacet counts served from the catalog service.',
    changes: [{ kind: 'feature', title: 'Facet counts API' }],
  },
  {
    title: 'Web storefront peak readiness',
    version: '12.0.0',
    type: 'standard',
    standardChangeId: 'storefront-capacity',
    path: ['planned'],
    startInDays: 25,
    hours: 2,
    components: ['web-storefront'],
    team: 'storefront-team',
    description:
      '## Peak readiness\n\nScaling limits and cache warm-up before the sales peak.',
    changes: [{ kind: 'config', title: 'Raise autoscaling limits' }],
  },
  {
    title: 'Cart service 1.9',
    version: '1.9.0',
    type: 'normal',
    path: [],
    startInDays: 35,
    hours: 2,
    components: ['cart-service'],
    team: 'checkout-team',
    description: '## Cart 1.9\n\nSaved carts across devices.',
    changes: [{ kind: 'feature', title: 'Saved carts across devices' }],
  },
  {
    title: 'Auth service 4.0',
    version: '4.0.0',
    type: 'normal',
    path: [],
    startInDays: 40,
    hours: 4,
    components: ['auth-service', 'user-profile-service'],
    team: 'identity-team',
    description: '## Auth 4\n\nPasskeys and a new token format.',
    changes: [
      { kind: 'feature', title: 'Passkey sign-in' },
      { kind: 'breaking', title: 'Token format v2' },
    ],
  },
];

/**
 * Demo release plans with windows relative to `now`, each with the history of
 * how it reached its state. Ids are fixed so that a second replica seeding at
 * the same time fails instead of duplicating.
 */
export function demoReleases(now: Date): {
  release: Release;
  events: NewReleaseEvent[];
  /** The approvals the release went ahead on (approval round 1). */
  decisions: ApprovalDecision[];
}[] {
  return DEMO.map((demo, index) => {
    // Whole-day offsets start at a working hour (09:00–13:00 UTC) so the demo
    // calendar looks planned; the release in progress keeps its offset from now.
    const today = Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate(),
    );
    const start = Number.isInteger(demo.startInDays)
      ? onWeekday(today + demo.startInDays * DAY, demo.startInDays > 0) +
        (9 + (index % 5)) * HOUR
      : now.getTime() + demo.startInDays * DAY;
    const end = start + demo.hours * HOUR;
    const createdAt = Math.min(start - 10 * DAY, now.getTime() - 2 * DAY);

    const at = (state: ReleaseState, step: number): number => {
      switch (state) {
        case 'in_progress':
          return start;
        case 'released':
          return start + (end - start) * 0.7;
        case 'verified':
          return end + HOUR;
        case 'rolled_back':
          return end;
        default:
          return createdAt + (step + 1) * 12 * HOUR;
      }
    };

    const iso = (time: number) => new Date(time).toISOString();
    const planner = PLANNER[demo.team];
    const id = `00000000-0000-4000-a000-${String(index + 1).padStart(12, '0')}`;
    // decided, and any freeze overridden, half a day before it was approved
    const approvedStep = demo.path.indexOf('approved');
    const decidedAt = iso(at('approved', approvedStep) - 12 * HOUR);
    const decisions: ApprovalDecision[] =
      approvedStep < 0
        ? []
        : (demo.approvals ?? []).map(({ groupRef, by }) => ({
            groupRef,
            by,
            decision: 'approve',
            comment: 'Looks good',
            at: decidedAt,
          }));
    const freezeOverride = demo.freezeOverrideReason && {
      reason: demo.freezeOverrideReason,
      by: planner,
      at: decidedAt,
    };
    const events: NewReleaseEvent[] = [
      {
        action: 'created' as const,
        actorRef: planner,
        createdAt: iso(createdAt),
        changes: [],
      },
      ...demo.path.map((state, step) => ({
        action: 'transitioned' as const,
        actorRef: planner,
        createdAt: iso(at(state, step)),
        changes: [
          {
            field: 'state',
            before: step === 0 ? 'draft' : demo.path[step - 1],
            after: state,
          },
        ],
        ...(state === 'rolled_back' && { reason: 'p99 latency regression' }),
        ...(state === 'cancelled' && { reason: 'Superseded by v7.1' }),
      })),
      ...(freezeOverride
        ? [
            {
              action: 'freeze-overridden' as const,
              actorRef: planner,
              createdAt: freezeOverride.at,
              changes: [
                {
                  field: 'freezeOverride',
                  before: null,
                  after: freezeOverride,
                },
              ],
              reason: freezeOverride.reason,
            },
          ]
        : []),
    ].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

    return {
      release: {
        id,
        title: demo.title,
        version: demo.version,
        type: demo.type,
        state: demo.path[demo.path.length - 1] ?? 'draft',
        window: { start: iso(start), end: iso(end) },
        entityRefs: demo.components.map(name => `component:default/${name}`),
        ownerRef: `group:default/${demo.team}`,
        description: demo.description,
        ...(demo.rollbackPlan && { rollbackPlan: demo.rollbackPlan }),
        changes: demo.changes,
        ...(demo.standardChangeId && {
          standardChangeId: demo.standardChangeId,
        }),
        ...(demo.path.length > 0 && { plannedType: demo.type }),
        ...(freezeOverride && { freezeOverride }),
        createdBy: planner,
        createdAt: iso(createdAt),
        updatedAt: events[events.length - 1].createdAt,
        revision: events.length,
      },
      events,
      decisions,
    };
  });
}
