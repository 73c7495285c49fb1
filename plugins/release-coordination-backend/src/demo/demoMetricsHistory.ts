import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApprovalDecision,
  Release,
  ReleaseIssue,
  ReleaseState,
} from '@internal/plugin-release-coordination-common';
import { Stores } from '../database/createStores';
import { NewReleaseEvent } from '../database/ReleaseStore';
import { APPROVER, PLANNER } from './demoPeople';
import { seedOnce } from './seedOnce';
import { HOUR_MS, DAY_MS } from '../time';

const WEEKS = 26;
const COMMERCE_TRAIN = '00000000-0000-4000-c000-000000000001';

/** The teams owning dependents of the history's components. */
const DEPENDENT_OWNERS = ['checkout-team', 'storefront-team'];

/** The components the history rolls back and follows up with hotfixes. */
const ROLLED_BACK: Array<[string, string]> = [
  ['metrics-collector', 'platform-team'],
  ['web-storefront', 'storefront-team'],
];

/** The components the history releases, with their owning team. */
const COMPONENTS: Array<[string, string]> = [
  ['checkout-service', 'checkout-team'],
  ['payments-service', 'payments-team'],
  ['search-service', 'search-team'],
  ['web-storefront', 'storefront-team'],
  ['cart-service', 'checkout-team'],
  ['billing-service', 'payments-team'],
  ['auth-service', 'identity-team'],
  ['metrics-collector', 'platform-team'],
  ['search-indexer', 'search-team'],
];

/** One past release of the history, with what happened around it. */
export interface HistoryRelease {
  release: Release;
  events: NewReleaseEvent[];
  /**
   * Approvals given before it was approved: its owning team's and, as the
   * risk of some of them asks, those of the owners of dependents.
   */
  approvals: ApprovalDecision[];
  /** Booked on the Commerce train before it was released. */
  trainSlot?: string;
  /** The rolled-back release it follows up (a hotfix). */
  hotfixOf?: string;
  /** A sev2 issue found after release and resolved. */
  issue?: ReleaseIssue;
}

const iso = (time: number) => new Date(time).toISOString();

function historyRelease(options: {
  n: number;
  component: [string, string];
  start: number;
  hours: number;
  type?: Release['type'];
  title: string;
  /** State entries after `released`, with their times. */
  after: Array<[ReleaseState, number]>;
  late: boolean;
  plannedDaysBefore: number;
}): Pick<HistoryRelease, 'release' | 'events' | 'approvals'> {
  const { n, start, hours, late } = options;
  const [component, team] = options.component;
  const planner = PLANNER[team];
  const end = start + hours * HOUR_MS;
  const planned = start - options.plannedDaysBefore * DAY_MS;
  const path: Array<[ReleaseState, number]> = [
    ['planned', planned],
    ['approved', planned + (3 + (n % 20)) * HOUR_MS],
    ['in_progress', late ? start + 2 * HOUR_MS : start],
    ['released', late ? end + 3 * HOUR_MS : start + (hours / 2) * HOUR_MS],
    ...options.after,
  ];
  const created = planned - DAY_MS;
  return {
    approvals: [...new Set([team, ...DEPENDENT_OWNERS])].map(group => ({
      groupRef: `group:default/${group}`,
      by: APPROVER[group],
      decision: 'approve',
      comment: 'Looks good',
      at: iso(path[1][1] - HOUR_MS),
    })),
    release: {
      id: `00000000-0000-4000-e000-${String(n).padStart(12, '0')}`,
      title: options.title,
      version: `${2 + (n % 5)}.${n % 10}.0`,
      type: options.type ?? 'normal',
      state: path[path.length - 1][0],
      window: { start: iso(start), end: iso(end) },
      entityRefs: [`component:default/${component}`],
      ownerRef: `group:default/${team}`,
      description: 'A past release of the delivery-metrics demo history.',
      changes: [],
      createdBy: planner,
      createdAt: iso(created),
      updatedAt: iso(path[path.length - 1][1]),
      revision: path.length + 1,
      plannedType: options.type ?? 'normal',
    },
    events: [
      {
        action: 'created',
        actorRef: planner,
        createdAt: iso(created),
        changes: [],
      },
      ...path.map(([state, at], step) => ({
        action: 'transitioned' as const,
        actorRef: planner,
        createdAt: iso(at),
        changes: [
          {
            field: 'state',
            before: step === 0 ? 'draft' : path[step - 1][0],
            after: state,
          },
        ],
      })),
    ],
  };
}

/**
 * Six months of past releases before `now`, for the delivery-metrics
 * charts: two or three a week across nine components, every fifth late
 * (started and released after its window), every third of the commerce
 * systems on the Commerce train, every ninth with a sev2 issue resolved
 * hours later, and every seventh of those older than 95 days (of
 * {@link ROLLED_BACK}) rolled back and followed up by a hotfix a day later (older than the 90 days the risk
 * assessment counts rollbacks over, so today's risks stay as they were).
 * Generated deterministically from `now`.
 */
export function demoMetricsHistory(now: Date): HistoryRelease[] {
  const items: HistoryRelease[] = [];
  let n = 0;
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  for (let week = WEEKS; week >= 1; week--) {
    for (let k = 0; k < 2 + (week % 2); k++) {
      n += 1;
      const rolledBack = n % 7 === 0 && week * 7 > 95;
      const component = rolledBack
        ? ROLLED_BACK[(n / 7) % ROLLED_BACK.length]
        : COMPONENTS[n % COMPONENTS.length];
      const start =
        today - week * 7 * DAY_MS + (k * 2 + 1) * DAY_MS + 9 * HOUR_MS;
      const hours = 2 + (n % 3);
      const end = start + hours * HOUR_MS;
      const base = historyRelease({
        n,
        component,
        start,
        hours,
        title: `${component[0]} release ${n}`,
        late: n % 5 === 0,
        plannedDaysBefore: 2 + (n % 9),
        after: rolledBack
          ? [['rolled_back', end + 2 * HOUR_MS]]
          : [['verified', end + 6 * HOUR_MS]],
      });
      const onTrain =
        n % 3 === 0 &&
        (component[1] === 'checkout-team' || component[1] === 'payments-team');
      items.push({
        ...base,
        ...(onTrain && { trainSlot: iso(start) }),
        ...(n % 9 === 0 &&
          !rolledBack && {
            issue: resolvedIssue(n, base.release, end + HOUR_MS, 4 + (n % 6)),
          }),
      });
      if (rolledBack) {
        n += 1;
        const hotfixStart = end + DAY_MS;
        const hotfix = historyRelease({
          n,
          component,
          start: hotfixStart,
          hours: 1,
          type: 'hotfix',
          title: `${component[0]} hotfix ${n}`,
          late: false,
          plannedDaysBefore: 0.5,
          after: [['verified', hotfixStart + 4 * HOUR_MS]],
        });
        items.push({ ...hotfix, hotfixOf: base.release.id });
      }
    }
  }
  return items;
}

function resolvedIssue(
  n: number,
  release: Release,
  at: number,
  hours: number,
): ReleaseIssue {
  return {
    id: `00000000-0000-4000-e100-${String(n).padStart(12, '0')}`,
    releaseId: release.id,
    title: 'Error rate up after release',
    severity: 'sev2',
    status: 'resolved',
    ownerRef: release.ownerRef,
    entityRefs: release.entityRefs,
    links: [],
    createdBy: release.createdBy,
    createdAt: iso(at),
    updatedAt: iso(at + hours * HOUR_MS),
    statusSince: iso(at + hours * HOUR_MS),
    revision: 2,
  };
}

/** Seeds the delivery-metrics history once (when its first release is absent). */
export async function seedDemoMetricsHistory(options: {
  stores: Stores;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const { stores, logger, now = new Date() } = options;
  const items = demoMetricsHistory(now);
  return seedOnce({
    what: 'demo delivery history',
    logger,
    isEmpty: async () =>
      !(await stores.releaseStore.getRelease(items[0].release.id)),
    items: () => items,
    insert: async ({
      release,
      events,
      approvals,
      trainSlot,
      hotfixOf,
      issue,
    }) => {
      // booked first: a release on a train is recorded so when released
      if (trainSlot) {
        await stores.trainStore.book({
          releaseId: release.id,
          trainId: COMMERCE_TRAIN,
          slotStart: trainSlot,
          bookedBy: release.createdBy,
          bookedAt: events[0].createdAt,
        });
      }
      await stores.releaseStore.createRelease(release, events);
      for (const approval of approvals) {
        await stores.approvalStore.addDecision(release.id, 1, approval);
      }
      if (hotfixOf) {
        await stores.rollbackStore.addHotfix(
          release.id,
          hotfixOf,
          release.createdAt,
        );
      }
      if (issue) {
        await stores.releaseIssueStore.createIssue(issue, {
          action: 'created',
          by: issue.createdBy,
          at: issue.createdAt,
          changes: [],
        });
      }
    },
  });
}
