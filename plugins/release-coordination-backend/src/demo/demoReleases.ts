import {
  ApprovalDecision,
  ChangeKind,
  Release,
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { NewReleaseEvent } from '../database/ReleaseStore';
import { APPROVER, PLANNER } from './demoPeople';
import { HOUR_MS, DAY_MS } from '../time';

/**
 * Moves a UTC midnight on a weekend to a weekday, as teams plan: past days back
 * to the Friday before, future days on to the Monday after.
 */
function onWeekday(midnight: number, future: boolean): number {
  const weekday = new Date(midnight).getUTCDay();
  if (weekday !== 0 && weekday !== 6) return midnight;
  if (future) return midnight + (weekday === 6 ? 2 : 1) * DAY_MS;
  return midnight - (weekday === 6 ? 1 : 2) * DAY_MS;
}

/** The states the demo releases end in. */
type DemoState = Exclude<ReleaseState, 'rolling_back'>;

/** The states a release that goes ahead passes after draft, up to released. */
const AHEAD: ReleaseState[] = [
  'planned',
  'approved',
  'in_progress',
  'released',
];

/** The states a demo release went through after draft to end in `state`. */
function pathTo(state: DemoState): ReleaseState[] {
  switch (state) {
    case 'cancelled':
      return ['planned', state];
    case 'verified':
    case 'rolled_back':
      return [...AHEAD, state];
    default:
      return AHEAD.slice(0, AHEAD.indexOf(state) + 1);
  }
}

type DemoRelease = {
  title: string;
  version: string;
  type: ReleaseType;
  /** The declared standard change (app-config.yaml) a standard release follows. */
  standardChangeId?: string;
  /** The state it ended in (see {@link pathTo}). */
  state: DemoState;
  /** Window start relative to now, in days. */
  startInDays: number;
  hours: number;
  components: string[];
  team: string;
  description: string;
  rollbackPlan?: string;
  /** The groups that approved (by {@link APPROVER}), for releases that went past `planned`. */
  approvedBy?: string[];
  /** Why the owners go ahead despite a freeze (set before it was approved). */
  freezeOverrideReason?: string;
  changes: [kind: ChangeKind, title: string][];
};

const DEMO: DemoRelease[] = [
  {
    title: 'Checkout 3.14',
    version: '3.14.0',
    type: 'normal',
    state: 'verified',
    startInDays: -35,
    hours: 2,
    components: ['checkout-service', 'cart-service'],
    team: 'checkout-team',
    description:
      '## Checkout 3.14\n\nOne-page checkout for returning customers.\n\n- Feature flag `one-page-checkout` at 100 %\n- Cart totals computed server-side',
    approvedBy: ['checkout-team', 'storefront-team'],
    changes: [
      ['feature', 'One-page checkout for returning customers'],
      ['fix', 'Cart totals off by one cent with vouchers'],
    ],
  },
  {
    title: 'Payment gateway TLS hardening',
    version: '8.2.1',
    type: 'security',
    state: 'verified',
    startInDays: -28,
    hours: 1,
    components: ['payment-gateway'],
    team: 'payments-team',
    description:
      '## TLS hardening\n\nDisables TLS 1.0/1.1 towards acquirers and rotates the client certificates.',
    approvedBy: ['payments-team', 'checkout-team', 'storefront-team'],
    changes: [
      ['security', 'Disable TLS 1.0 and 1.1'],
      ['config', 'Rotate acquirer client certificates'],
    ],
  },
  {
    title: 'Order service hotfix',
    version: '2.8.1',
    type: 'hotfix',
    state: 'rolled_back',
    startInDays: -21,
    hours: 1,
    components: ['order-service'],
    team: 'checkout-team',
    description:
      '## Hotfix 2.8.1\n\nFixes duplicate order confirmations. **Rolled back**: the fix raised p99 latency to 4 s.',
    approvedBy: ['checkout-team', 'storefront-team'],
    changes: [['fix', 'Duplicate order confirmation e-mails']],
  },
  {
    title: 'Fraud detection model v7',
    version: '7.0.0',
    type: 'normal',
    state: 'cancelled',
    startInDays: -14,
    hours: 4,
    components: ['fraud-detection'],
    team: 'payments-team',
    description:
      '## Model v7\n\nNew scoring model. *Cancelled*: replaced by v7.1 after the shadow run.',
    changes: [
      ['feature', 'Gradient-boosted scoring model'],
      ['migration', 'Backfill risk scores for open orders'],
    ],
  },
  {
    title: 'Log pipeline upgrade',
    version: '2024.11',
    type: 'standard',
    standardChangeId: 'observability-upgrade',
    state: 'verified',
    startInDays: -10,
    hours: 3,
    components: ['log-pipeline', 'metrics-collector'],
    team: 'platform-team',
    description:
      '## Routine upgrade\n\nPre-approved standard change: collector and pipeline minor versions.',
    changes: [
      ['dependency', 'Fluent Bit 3.1'],
      ['dependency', 'OpenTelemetry collector 0.110'],
    ],
  },
  {
    title: 'Search indexer 5.0',
    version: '5.0.0',
    type: 'normal',
    state: 'released',
    startInDays: -6,
    hours: 6,
    components: ['search-indexer', 'search-service'],
    team: 'search-team',
    description:
      '## Search 5.0\n\nNew index layout with synonyms. Verification pending the weekly relevance report.',
    approvedBy: ['search-team', 'storefront-team'],
    changes: [
      ['breaking', 'Index layout v5; v4 queries are rejected'],
      ['migration', 'Full reindex (about 3 hours)'],
    ],
  },
  {
    title: 'Auth service emergency patch',
    version: '3.9.4',
    type: 'emergency',
    state: 'verified',
    startInDays: -3,
    hours: 1,
    components: ['auth-service'],
    team: 'identity-team',
    description:
      '## Emergency patch\n\nSession tokens were accepted after logout. Patched and verified within the hour.',
    approvedBy: ['release-managers'],
    changes: [['security', 'Revoke session tokens on logout']],
  },
  {
    title: 'Metrics collector hotfix',
    version: '1.12.3',
    type: 'hotfix',
    state: 'released',
    startInDays: -1,
    hours: 1,
    components: ['metrics-collector'],
    team: 'platform-team',
    description:
      '## Hotfix\n\nMemory leak in the Prometheus remote-write queue.',
    approvedBy: ['platform-team'],
    changes: [['fix', 'Memory leak in remote-write queue']],
  },
  {
    title: 'Storefront BFF 4.2',
    version: '4.2.0',
    type: 'normal',
    state: 'in_progress',
    startInDays: -1 / 24,
    hours: 4,
    components: ['storefront-bff', 'mobile-bff', 'web-storefront'],
    team: 'storefront-team',
    description:
      '## BFF 4.2\n\nGraphQL persisted queries for web and mobile.\n\n1. Deploy BFFs\n2. Switch web storefront\n3. Release mobile app config',
    approvedBy: ['storefront-team'],
    freezeOverrideReason:
      'Persisted queries take load off the storefront before the weekend peak; agreed with the platform team',
    changes: [
      ['feature', 'Persisted GraphQL queries'],
      ['config', 'CDN caching of persisted queries'],
    ],
  },
  {
    title: 'Ledger double-entry migration',
    version: '5.0.0',
    type: 'normal',
    state: 'approved',
    startInDays: 3,
    hours: 6,
    components: ['ledger-service', 'billing-service'],
    team: 'payments-team',
    description:
      '## Ledger 5\n\nMoves billing to double-entry bookkeeping. **Read-only billing during the window.**',
    approvedBy: ['payments-team', 'checkout-team', 'storefront-team'],
    freezeOverrideReason:
      'The acquirer migration needs the ledger in double entry first; agreed with the payments freeze owners',
    changes: [
      ['migration', 'Convert ledger tables to double entry'],
      ['breaking', 'Billing API v1 removed'],
    ],
  },
  {
    title: 'Checkout worker queue switch',
    version: '1.7.0',
    type: 'out-of-band',
    state: 'planned',
    startInDays: 5,
    hours: 2,
    components: ['checkout-worker'],
    team: 'checkout-team',
    description:
      '## Out-of-band\n\nThe message broker is end-of-life next week; the worker moves to the new cluster.',
    rollbackPlan:
      'Point the worker back at the old broker cluster (config flag `broker.cluster=legacy`) and redeploy.',
    changes: [['config', 'Consume from the new broker cluster']],
  },
  {
    title: 'Alerting service 2.0',
    version: '2.0.0',
    type: 'standard',
    standardChangeId: 'alert-routing',
    state: 'approved',
    startInDays: 8,
    hours: 2,
    components: ['alerting-service'],
    team: 'platform-team',
    description: '## Alerting 2.0\n\nRoutes alerts by catalog ownership.',
    changes: [['feature', 'Route alerts to the owning team']],
  },
  {
    title: 'Payments service 6.0',
    version: '6.0.0',
    type: 'normal',
    state: 'planned',
    startInDays: 10,
    hours: 4,
    components: ['payments-service', 'payment-gateway'],
    team: 'payments-team',
    description:
      '## Payments 6\n\nAdds instant bank transfers. Needs the gateway release in the same window.',
    changes: [
      ['feature', 'Instant bank transfers'],
      ['dependency', 'Acquirer SDK 12'],
    ],
  },
  {
    title: 'User profile data retention',
    version: '2.3.0',
    type: 'security',
    state: 'draft',
    startInDays: 14,
    hours: 2,
    components: ['user-profile-service'],
    team: 'identity-team',
    description:
      '## Data retention\n\nDeletes inactive profiles after 3 years.',
    changes: [['security', 'Automatic deletion of inactive profiles']],
  },
  {
    title: 'Product catalog facets',
    version: '3.1.0',
    type: 'normal',
    state: 'draft',
    startInDays: 20,
    hours: 3,
    components: ['product-catalog-service', 'search-service'],
    team: 'search-team',
    description: '## Facets\n\nFacet counts served from the catalog service.',
    changes: [['feature', 'Facet counts API']],
  },
  {
    title: 'Web storefront peak readiness',
    version: '12.0.0',
    type: 'standard',
    standardChangeId: 'storefront-capacity',
    state: 'planned',
    startInDays: 25,
    hours: 2,
    components: ['web-storefront'],
    team: 'storefront-team',
    description:
      '## Peak readiness\n\nScaling limits and cache warm-up before the sales peak.',
    changes: [['config', 'Raise autoscaling limits']],
  },
  {
    title: 'Cart service 1.9',
    version: '1.9.0',
    type: 'normal',
    state: 'draft',
    startInDays: 35,
    hours: 2,
    components: ['cart-service'],
    team: 'checkout-team',
    description: '## Cart 1.9\n\nSaved carts across devices.',
    changes: [['feature', 'Saved carts across devices']],
  },
  {
    title: 'Auth service 4.0',
    version: '4.0.0',
    type: 'normal',
    state: 'draft',
    startInDays: 40,
    hours: 4,
    components: ['auth-service', 'user-profile-service'],
    team: 'identity-team',
    description: '## Auth 4\n\nPasskeys and a new token format.',
    changes: [
      ['feature', 'Passkey sign-in'],
      ['breaking', 'Token format v2'],
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
    const today = new Date(now).setUTCHours(0, 0, 0, 0);
    const start = Number.isInteger(demo.startInDays)
      ? onWeekday(today + demo.startInDays * DAY_MS, demo.startInDays > 0) +
        (9 + (index % 5)) * HOUR_MS
      : now.getTime() + demo.startInDays * DAY_MS;
    const end = start + demo.hours * HOUR_MS;
    const createdAt = Math.min(start - 10 * DAY_MS, now.getTime() - 2 * DAY_MS);

    const at = (state: ReleaseState, step: number): number => {
      switch (state) {
        case 'in_progress':
          return start;
        case 'released':
          return start + (end - start) * 0.7;
        case 'verified':
          return end + HOUR_MS;
        case 'rolled_back':
          return end;
        default:
          return createdAt + (step + 1) * 12 * HOUR_MS;
      }
    };

    const iso = (time: number) => new Date(time).toISOString();
    const planner = PLANNER[demo.team];
    const id = `00000000-0000-4000-a000-${String(index + 1).padStart(12, '0')}`;
    const path = pathTo(demo.state);
    // decided, and any freeze overridden, half a day before it was approved
    const approvedStep = path.indexOf('approved');
    const decidedAt = iso(at('approved', approvedStep) - 12 * HOUR_MS);
    const decisions: ApprovalDecision[] =
      approvedStep < 0
        ? []
        : (demo.approvedBy ?? []).map(group => ({
            groupRef: `group:default/${group}`,
            by: APPROVER[group],
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
      ...path.map((state, step) => ({
        action: 'transitioned' as const,
        actorRef: planner,
        createdAt: iso(at(state, step)),
        changes: [
          {
            field: 'state',
            before: step === 0 ? 'draft' : path[step - 1],
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
        state: demo.state,
        window: { start: iso(start), end: iso(end) },
        entityRefs: demo.components.map(name => `component:default/${name}`),
        ownerRef: `group:default/${demo.team}`,
        description: demo.description,
        ...(demo.rollbackPlan && { rollbackPlan: demo.rollbackPlan }),
        changes: demo.changes.map(([kind, title]) => ({ kind, title })),
        ...(demo.standardChangeId && {
          standardChangeId: demo.standardChangeId,
        }),
        ...(path.length > 0 && { plannedType: demo.type }),
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
