import { LoggerService } from '@backstage/backend-plugin-api';
import { Release } from '@internal/plugin-release-coordination-common';
import { Stores } from '../database/createStores';
import { HOUR_MS } from '../time';

/** "Checkout 3.14" of the demo releases: verified, its criteria met or waived. */
const VERIFIED_DEMO_ID = '00000000-0000-4000-a000-000000000001';

/** The released demo release of checkout-team whose criteria are still open. */
export const RELEASED_DEMO_ID = '00000000-0000-4000-a000-000000000101';

const CHECKOUT_TEAM = 'group:default/checkout-team';
const GRACE = 'user:default/grace'; // plans checkout-team's releases
const ERROR_RATE = {
  metric: 'checkout_error_rate',
  comparator: '<' as const,
  threshold: 0.5,
  window: 'PT2H',
};

/** "Checkout 3.15", released three hours before `now`, with its history. */
function releasedDemo(now: number) {
  const start = now - 4 * HOUR_MS;
  const iso = (time: number) => new Date(time).toISOString();
  const createdAt = now - 12 * 24 * HOUR_MS;
  const path = ['planned', 'approved', 'in_progress', 'released'] as const;
  const times = [
    createdAt + HOUR_MS,
    now - 2 * 24 * HOUR_MS,
    start,
    now - 3 * HOUR_MS,
  ];
  const events = [
    { action: 'created' as const, createdAt: iso(createdAt), changes: [] },
    ...path.map((state, step) => ({
      action: 'transitioned' as const,
      createdAt: iso(times[step]),
      changes: [
        {
          field: 'state',
          before: step ? path[step - 1] : 'draft',
          after: state,
        },
      ],
    })),
  ].map(event => ({ ...event, actorRef: GRACE }));
  const release: Release = {
    id: RELEASED_DEMO_ID,
    title: 'Checkout 3.15',
    version: '3.15.0',
    type: 'normal',
    state: 'released',
    window: { start: iso(start), end: iso(start + 2 * HOUR_MS) },
    entityRefs: [
      'component:default/checkout-service',
      'component:default/cart-service',
    ],
    ownerRef: CHECKOUT_TEAM,
    description:
      '## Checkout 3.15\n\nRetries of declined card payments with a second acquirer.',
    rollbackPlan: 'Turn off the feature flag `payment-retry`.',
    changes: [{ kind: 'feature', title: 'Retry declined card payments' }],
    plannedType: 'normal',
    createdBy: GRACE,
    createdAt: iso(createdAt),
    updatedAt: events[events.length - 1].createdAt,
    revision: events.length,
  };
  return { release, events, decidedAt: iso(times[1] - 12 * HOUR_MS) };
}

/**
 * Seeds the demo success criteria: "Checkout 3.14" (verified) gets criteria
 * met and waived; "Checkout 3.15" of checkout-team is added, released, with
 * criteria still open (one with a checker's proposal), for the demo user
 * Alice to verify. Only on a database with the demo releases and without
 * this release yet.
 */
export async function seedDemoVerification(options: {
  stores: Stores;
  logger: LoggerService;
  now?: Date;
}): Promise<void> {
  const { releaseStore, approvalStore, verificationStore } = options.stores;
  const now = (options.now ?? new Date()).getTime();
  const verified = await releaseStore.getRelease(VERIFIED_DEMO_ID);
  if (!verified || (await releaseStore.getRelease(RELEASED_DEMO_ID))) return;
  const verifiedAt = verified.updatedAt;
  const criterion = (id: string, text: string, at: string) => ({
    id,
    text,
    ownerRef: CHECKOUT_TEAM,
    createdBy: GRACE,
    createdAt: at,
  });
  await verificationStore.addCriteria(VERIFIED_DEMO_ID, [
    {
      ...criterion(
        '00000000-0000-4000-c000-000000000001',
        'Checkout error rate below 0.5 % for two hours',
        verified.createdAt,
      ),
      check: ERROR_RATE,
    },
    criterion(
      '00000000-0000-4000-c000-000000000002',
      'Support tickets about checkout not above a normal week',
      verified.createdAt,
    ),
  ]);
  await verificationStore.recordOutcome(
    VERIFIED_DEMO_ID,
    '00000000-0000-4000-c000-000000000001',
    {
      result: 'met',
      observedValue: '0.18 %',
      evidence: 'https://grafana.example.com/d/checkout-errors',
      recordedBy: 'user:default/alice',
      recordedAt: verifiedAt,
    },
  );
  await verificationStore.recordOutcome(
    VERIFIED_DEMO_ID,
    '00000000-0000-4000-c000-000000000002',
    {
      result: 'waived',
      waiverReason:
        'The ticket tool was migrated that week; there is no usable baseline',
      recordedBy: 'user:default/alice',
      recordedAt: verifiedAt,
    },
  );

  const { release, events, decidedAt } = releasedDemo(now);
  await releaseStore.createRelease(release, events);
  for (const [groupRef, by] of [
    [CHECKOUT_TEAM, 'user:default/alice'],
    ['group:default/storefront-team', 'user:default/judy'],
  ]) {
    await approvalStore.addDecision(release.id, 1, {
      groupRef,
      by,
      decision: 'approve',
      comment: 'Looks good',
      at: decidedAt,
    });
  }
  await verificationStore.addCriteria(release.id, [
    {
      ...criterion(
        '00000000-0000-4000-c000-000000000101',
        'Checkout error rate below 0.5 % for two hours',
        release.createdAt,
      ),
      check: ERROR_RATE,
    },
    criterion(
      '00000000-0000-4000-c000-000000000102',
      'Payment retries recover at least 5 % of declined payments',
      release.createdAt,
    ),
  ]);
  await verificationStore.setProposal('00000000-0000-4000-c000-000000000101', {
    result: 'met',
    observedValue: 0.21,
    checker: 'http',
    checkedAt: new Date(now - 30 * 60_000).toISOString(),
  });
  options.logger.info('Seeded the demo success criteria');
}
