/**
 * A hand-computed fixture for the delivery metrics: releases of March 2026
 * (UTC) with their state entries, a rollback and its hotfix, issues and a
 * train booking. The tests that use it work out each expected value.
 */
import {
  Release,
  ReleaseIssue,
  ReleaseState,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { Knex } from 'knex';
import { Stores } from '../../database/createStores';

export const A = 'component:default/a';
export const B = 'component:default/b';
export const C = 'component:default/c';
export const D = 'component:default/d';

/** The period of the fixture's measures: [Mar 4, Mar 20) 2026 UTC. */
export const FROM = '2026-03-04T00:00:00.000Z';
export const TO = '2026-03-20T00:00:00.000Z';

interface FixtureRelease {
  id: string;
  entity: string;
  type?: ReleaseType;
  window: [string, string];
  /** State entries in order, as [state, time] (from `draft`). */
  path: Array<[ReleaseState, string]>;
}

const at = (day: number, time = '00:00') =>
  `2026-03-${String(day).padStart(2, '0')}T${time}:00.000Z`;

/** Every release of the fixture. */
export const FIXTURE_RELEASES: FixtureRelease[] = [
  {
    // planned before the period (spans its start), on time, on a train
    id: 'r1',
    entity: A,
    window: [at(5, '10:00'), at(5, '14:00')],
    path: [
      ['planned', at(1)],
      ['approved', at(2)],
      ['in_progress', at(5, '10:00')],
      ['released', at(5, '12:00')],
    ],
  },
  {
    // started before its window; rolled back, recovered by hotfix r5
    id: 'r2',
    entity: B,
    window: [at(6, '10:00'), at(6, '12:00')],
    path: [
      ['planned', at(3)],
      ['approved', at(4, '12:00')],
      ['in_progress', at(6, '09:00')],
      ['released', at(6, '11:00')],
      ['rolling_back', at(6, '13:00')],
      ['rolled_back', at(6, '14:00')],
    ],
  },
  {
    // released after its window; a sev2 issue, resolved 6 hours later
    id: 'r3',
    entity: A,
    window: [at(7, '08:00'), at(7, '18:00')],
    path: [
      ['planned', at(2)],
      ['approved', at(3)],
      ['in_progress', at(7, '08:00')],
      ['released', at(7, '20:00')],
    ],
  },
  {
    id: 'r4',
    entity: C,
    window: [at(19, '22:00'), at(20, '02:00')],
    path: [
      ['planned', at(10)],
      ['approved', at(12)],
      ['in_progress', at(19, '23:00')],
      ['released', at(19, '23:30')],
    ],
  },
  {
    // the follow-up hotfix of r2: rework (B was released the day before)
    id: 'r5',
    entity: B,
    type: 'hotfix',
    window: [at(7, '12:00'), at(7, '16:00')],
    path: [
      ['planned', at(7, '10:00')],
      ['approved', at(7, '11:00')],
      ['in_progress', at(7, '12:00')],
      ['released', at(7, '15:00')],
    ],
  },
  {
    // released after the period's end
    id: 'r6',
    entity: A,
    window: [at(19, '23:00'), at(20, '02:00')],
    path: [
      ['planned', at(15)],
      ['in_progress', at(19, '23:30')],
      ['released', at(20, '00:30')],
    ],
  },
  // a draft of another team: never counted
  { id: 'r7', entity: A, window: [at(8), at(9)], path: [] },
  {
    id: 'r8',
    entity: A,
    window: [at(8), at(9)],
    path: [
      ['planned', at(5)],
      ['cancelled', at(6)],
    ],
  },
  {
    // released at 02:00 UTC on Monday the 16th: still Sunday in New York
    id: 'r10',
    entity: D,
    window: [at(16, '00:00'), at(16, '04:00')],
    path: [
      ['planned', at(15, '02:00')],
      ['approved', at(15, '12:00')],
      ['in_progress', at(16, '01:00')],
      ['released', at(16, '02:00')],
    ],
  },
];

function releaseOf(fixture: FixtureRelease): Release {
  const state = fixture.path[fixture.path.length - 1]?.[0] ?? 'draft';
  return {
    id: fixture.id,
    title: fixture.id,
    version: '1.0.0',
    type: fixture.type ?? 'normal',
    state,
    window: { start: fixture.window[0], end: fixture.window[1] },
    entityRefs: [fixture.entity],
    ownerRef:
      fixture.id === 'r7' ? 'group:default/team-b' : 'group:default/team-a',
    description: '',
    changes: [],
    createdBy: 'user:default/alice',
    createdAt: '2026-02-01T00:00:00.000Z',
    updatedAt: '2026-02-01T00:00:00.000Z',
    revision: 1,
  };
}

function issue(
  id: string,
  releaseId: string,
  severity: ReleaseIssue['severity'],
  createdAt: string,
  resolvedAt?: string,
): ReleaseIssue {
  return {
    id,
    releaseId,
    title: id,
    severity,
    status: resolvedAt ? 'resolved' : 'open',
    ownerRef: 'user:default/alice',
    entityRefs: [A],
    links: [],
    createdBy: 'user:default/alice',
    createdAt,
    updatedAt: resolvedAt ?? createdAt,
    statusSince: resolvedAt ?? createdAt,
    revision: 1,
  };
}

/**
 * Stores the fixture through the stores (so the delivery tables are kept by
 * the event path), plus the train booking and hotfix link rows.
 */
export async function seedMetricsFixture(stores: Stores, knex: Knex) {
  // booked before r1 is released: on a train
  await knex('trains').insert({
    id: 't1',
    name: 'Weekly',
    description: '',
    rrule: 'FREQ=WEEKLY',
    timezone: 'UTC',
    start_at: new Date(at(2)),
    slot_duration: 'PT4H',
    cutoff: 'P1D',
    scope: '{}',
    created_by: 'user:default/carol',
    created_at: new Date(at(1)),
    updated_at: new Date(at(1)),
    revision: 1,
  });
  await knex('train_bookings').insert({
    release_id: 'r1',
    train_id: 't1',
    slot_start: new Date(at(5, '10:00')),
    booked_by: 'user:default/alice',
    booked_at: new Date(at(2)),
  });
  for (const fixture of FIXTURE_RELEASES) {
    await stores.releaseStore.createRelease(releaseOf(fixture), [
      {
        action: 'created',
        actorRef: 'user:default/alice',
        createdAt: '2026-02-01T00:00:00.000Z',
        changes: [],
      },
      ...fixture.path.map(([state, time], i) => ({
        action: 'transitioned' as const,
        actorRef: 'user:default/alice',
        createdAt: time,
        changes: [
          {
            field: 'state',
            before: i === 0 ? 'draft' : fixture.path[i - 1][0],
            after: state,
          },
        ],
      })),
    ]);
  }
  const entry = (time: string) => ({
    action: 'created' as const,
    by: 'user:default/alice',
    at: time,
    changes: [],
  });
  const issues = [
    issue('i1', 'r3', 'sev2', at(8), at(8, '06:00')),
    issue('i2', 'r1', 'sev3', at(6)),
  ];
  for (const item of issues) {
    await stores.releaseIssueStore.createIssue(item, entry(item.createdAt));
  }
  await knex('release_hotfixes').insert({
    hotfix_id: 'r5',
    of_release_id: 'r2',
    created_at: new Date(at(6, '15:00')),
  });
}
