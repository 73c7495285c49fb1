import {
  DEFAULT_REVIEW_SETTINGS,
  formatMinutes,
  Release,
  ReleaseEvent,
} from '@internal/plugin-release-coordination-common';
import { ConfigReader } from '@backstage/config';
import { reviewFacts } from './reviewFacts';
import { reviewRequirement } from './reviewRequirement';
import { readReviewSettings } from './reviewSettings';

const release: Release = {
  id: 'r1',
  title: 'Checkout',
  version: '3.0.0',
  type: 'normal',
  state: 'released',
  window: {
    start: '2026-11-10T10:00:00.000Z',
    end: '2026-11-10T12:00:00.000Z',
  },
  entityRefs: ['component:default/checkout'],
  ownerRef: 'group:default/team',
  description: '',
  changes: [],
  createdBy: 'user:default/a',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-10T13:00:00.000Z',
  revision: 6,
};

const moved = (at: string, before: string, after: string): ReleaseEvent => ({
  id: at,
  releaseId: 'r1',
  action: 'transitioned',
  actorRef: 'user:default/a',
  createdAt: at,
  changes: [{ field: 'state', before, after }],
});

const EVENTS: ReleaseEvent[] = [
  moved('2026-11-02T08:00:00.000Z', 'draft', 'planned'),
  {
    id: 'w',
    releaseId: 'r1',
    action: 'updated',
    actorRef: 'user:default/b',
    createdAt: '2026-11-03T08:00:00.000Z',
    changes: [
      {
        field: 'window',
        before: {
          start: '2026-11-09T10:00:00.000Z',
          end: '2026-11-09T12:00:00.000Z',
        },
        after: release.window,
      },
      { field: 'title', before: 'Checkout 3', after: 'Checkout' },
    ],
  },
  moved('2026-11-04T14:30:00.000Z', 'planned', 'approved'),
  moved('2026-11-10T10:20:00.000Z', 'approved', 'in_progress'),
  moved('2026-11-10T12:45:00.000Z', 'in_progress', 'released'),
];

describe('review requirement', () => {
  const require = (
    parts: Partial<Release>,
    severities: any[] = [],
    events = EVENTS,
  ) =>
    reviewRequirement(
      { ...release, ...parts },
      events,
      severities,
      DEFAULT_REVIEW_SETTINGS,
    );

  it('is required for rolled-back, emergency and sev1/sev2-affected releases, optional for the rest, absent before go-live', () => {
    expect(require({})).toEqual({
      releaseId: 'r1',
      required: false,
      requiredBecause: [],
      finishedAt: '2026-11-10T12:45:00.000Z',
    });
    expect(require({ state: 'rolling_back' })?.requiredBecause).toEqual([
      'rolled-back',
    ]);
    expect(
      require({ type: 'emergency', state: 'verified' })?.requiredBecause,
    ).toEqual(['release-type']);
    expect(require({}, ['sev4', 'sev2'])?.requiredBecause).toEqual([
      'severe-issue',
    ]);
    expect(require({}, ['sev3'])?.required).toBe(false);
    expect(
      require({ state: 'rolled_back', type: 'emergency' }, ['sev1'])
        ?.requiredBecause,
    ).toEqual(['rolled-back', 'release-type', 'severe-issue']);
    for (const state of [
      'draft',
      'planned',
      'approved',
      'in_progress',
      'cancelled',
    ] as const) {
      expect(require({ state })).toBeUndefined();
    }
  });

  it('counts from the last move to released, rolling back or rolled back, else the last change', () => {
    const rolledBack = [
      ...EVENTS,
      moved('2026-11-12T09:00:00.000Z', 'released', 'rolling_back'),
      moved('2026-11-12T11:00:00.000Z', 'rolling_back', 'rolled_back'),
    ];
    expect(require({ state: 'rolled_back' }, [], rolledBack)?.finishedAt).toBe(
      '2026-11-12T11:00:00.000Z',
    );
    expect(require({}, [], [])?.finishedAt).toBe(release.updatedAt);
  });

  it('reads its rules from releaseCoordination.reviews and refuses wrong ones at startup, naming the key', () => {
    const read = (reviews: object) =>
      readReviewSettings(
        new ConfigReader({ releaseCoordination: { reviews } }),
      );
    expect(read({})).toEqual(DEFAULT_REVIEW_SETTINGS);
    expect(read({ requiredTypes: ['hotfix'], dueDays: 10 })).toMatchObject({
      requiredTypes: ['hotfix'],
      requiredSeverities: ['sev1', 'sev2'],
      dueDays: 10,
    });
    expect(() => read({ requiredTypes: ['urgent'] })).toThrow(
      /releaseCoordination.reviews.requiredTypes: unknown urgent/,
    );
    expect(() => read({ requiredSeverities: ['sev9'] })).toThrow(
      /requiredSeverities/,
    );
    expect(() => read({ dueDays: 1.5 })).toThrow(/dueDays/);
  });
});

/** A released release with a window move, an approval, two issues and two criteria. */
const FACT_SOURCES: Parameters<typeof reviewFacts>[0] = {
  release,
  events: EVENTS,
  decisions: [
    {
      groupRef: 'group:default/team',
      decision: 'approve',
      comment: 'ok',
      by: 'user:default/c',
      at: '2026-11-04T14:00:00.000Z',
    },
  ],
  issues: [
    {
      id: 'i1',
      releaseId: 'r1',
      title: 'Slow',
      severity: 'sev2',
      status: 'resolved',
      ownerRef: 'group:default/team',
      entityRefs: [],
      links: [],
      createdBy: 'user:default/a',
      createdAt: '2026-11-10T13:00:00.000Z',
      updatedAt: '2026-11-10T15:30:00.000Z',
      statusSince: '2026-11-10T15:30:00.000Z',
      revision: 3,
    },
    {
      id: 'i2',
      releaseId: 'r1',
      title: 'Logs',
      severity: 'sev4',
      status: 'open',
      ownerRef: 'group:default/team',
      entityRefs: [],
      links: [],
      createdBy: 'user:default/a',
      createdAt: '2026-11-11T00:00:00.000Z',
      updatedAt: '2026-11-11T00:00:00.000Z',
      statusSince: '2026-11-11T00:00:00.000Z',
      revision: 1,
    },
  ],
  criteria: [
    {
      id: 'c1',
      releaseId: 'r1',
      text: 'Errors below 1 %',
      ownerRef: 'group:default/team',
      outcome: {
        result: 'not_met',
        observedValue: '1.4',
        recordedBy: 'user:default/a',
        recordedAt: '2026-11-11T00:00:00.000Z',
      },
      createdBy: 'user:default/a',
      createdAt: '2026-11-02T00:00:00.000Z',
      updatedAt: '2026-11-11T00:00:00.000Z',
    },
    {
      id: 'c2',
      releaseId: 'r1',
      text: 'No tickets',
      ownerRef: 'user:default/a',
      createdBy: 'user:default/a',
      createdAt: '2026-11-02T00:00:00.000Z',
      updatedAt: '2026-11-02T00:00:00.000Z',
    },
  ],
  now: new Date('2026-11-12T00:00:00.000Z'),
};

describe('review facts', () => {
  it('compares the planned and the actual timeline, times approvals and issues, and lists rollback steps and criteria results', () => {
    const facts = reviewFacts(FACT_SOURCES);
    expect(facts.timeline).toEqual({
      window: release.window,
      states: EVENTS.filter(e => e.action === 'transitioned').map(e => ({
        state: e.changes[0].after,
        at: e.createdAt,
        by: 'user:default/a',
      })),
      startedAt: '2026-11-10T10:20:00.000Z',
      startSlipMinutes: 20,
      releasedAt: '2026-11-10T12:45:00.000Z',
      endSlipMinutes: 45,
      windowMoves: [
        {
          at: '2026-11-03T08:00:00.000Z',
          by: 'user:default/b',
          from: {
            start: '2026-11-09T10:00:00.000Z',
            end: '2026-11-09T12:00:00.000Z',
          },
          to: release.window,
        },
      ],
    });
    expect(facts.approvals).toEqual({
      requestedAt: '2026-11-02T08:00:00.000Z',
      approvedAt: '2026-11-04T14:30:00.000Z',
      leadTimeMinutes: 2 * 24 * 60 + 6 * 60 + 30,
      decisions: [
        {
          groupRef: 'group:default/team',
          decision: 'approve',
          by: 'user:default/c',
          at: '2026-11-04T14:00:00.000Z',
        },
      ],
    });
    expect(
      facts.issues.map(i => [i.title, i.resolvedAt, i.openMinutes]),
    ).toEqual([
      ['Slow', '2026-11-10T15:30:00.000Z', 150],
      ['Logs', undefined, 24 * 60],
    ]);
    expect(facts.rollback).toBeUndefined();
    expect(facts.criteria).toEqual([
      {
        text: 'Errors below 1 %',
        ownerRef: 'group:default/team',
        result: 'not_met',
        observedValue: '1.4',
      },
      { text: 'No tickets', ownerRef: 'user:default/a' },
    ]);
    expect([20, 150, 24 * 60 + 61, -45].map(formatMinutes)).toEqual([
      '20 min',
      '2 h 30 min',
      '1 d 1 h',
      '-45 min',
    ]);
  });
});
