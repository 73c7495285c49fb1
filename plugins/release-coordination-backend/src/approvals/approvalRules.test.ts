import { mockServices } from '@backstage/backend-test-utils';
import {
  ApprovalDecision,
  RELEASE_TYPES,
  Release,
} from '@internal/plugin-release-coordination-common';
import {
  deriveRequiredApprovals,
  followUpDeadline,
  readApprovalPolicy,
  summarizeApprovals,
} from './approvalRules';

const config = (approvals?: object) =>
  mockServices.rootConfig({
    data: approvals ? { releaseCoordination: { approvals } } : {},
  });

const release = {
  id: 'r1',
  type: 'normal',
  ownerRef: 'group:default/release-owner',
  entityRefs: [
    'component:default/a',
    'component:default/b',
    'component:default/c',
    'api:default/d',
  ],
} as Release;

const owners = new Map<string, string | undefined>([
  ['component:default/a', 'group:default/team-b'],
  ['component:default/b', 'group:default/team-a'],
  ['component:default/c', 'group:default/team-b'],
  ['api:default/d', undefined],
]);

const derive = (type: string, approvals?: object) => {
  const policy = readApprovalPolicy(config(approvals));
  return deriveRequiredApprovals({
    release: { ...release, type } as Release,
    rule: policy.rules[type as Release['type']],
    owners,
    releaseManagerGroup: policy.releaseManagerGroup,
  });
};

describe('approval policy', () => {
  it('has defaults: none for standard, release managers for emergency, owners otherwise', () => {
    const policy = readApprovalPolicy(config());
    expect(policy).toEqual({
      rules: {
        standard: 'none',
        normal: 'owners',
        emergency: 'release-manager',
        hotfix: 'owners',
        security: 'owners',
        'out-of-band': 'owners',
      },
      releaseManagerGroup: 'group:default/release-managers',
      preventSelfApproval: true,
      dependentOwners: true,
      followUpDays: 5,
    });
    expect(
      readApprovalPolicy(config({ dependentOwners: false })).dependentOwners,
    ).toBe(false);
  });

  it.each(RELEASE_TYPES.filter(t => !['standard', 'emergency'].includes(t)))(
    'requires the owner group of every entity of a %s release, once per group',
    type => {
      expect(derive(type)).toEqual([
        {
          groupRef: 'group:default/release-owner',
          reason: 'owner',
          entityRefs: ['api:default/d'],
          phase: 'before',
        },
        {
          groupRef: 'group:default/team-a',
          reason: 'owner',
          entityRefs: ['component:default/b'],
          phase: 'before',
        },
        {
          groupRef: 'group:default/team-b',
          reason: 'owner',
          entityRefs: ['component:default/a', 'component:default/c'],
          phase: 'before',
        },
      ]);
    },
  );

  it('adds the owners of affected dependents once, after the owner groups', () => {
    const policy = readApprovalPolicy(config());
    const required = deriveRequiredApprovals({
      release,
      rule: 'owners',
      owners,
      releaseManagerGroup: policy.releaseManagerGroup,
      dependentOwners: [
        {
          groupRef: 'group:default/team-z',
          entityRefs: ['component:default/z'],
        },
        // already required as an owner: not twice
        {
          groupRef: 'group:default/team-a',
          entityRefs: ['component:default/y'],
        },
        {
          groupRef: 'group:default/team-c',
          entityRefs: ['component:default/x'],
        },
        { groupRef: 'group:default/team-empty', entityRefs: [] },
      ],
    });
    expect(required.map(r => [r.groupRef, r.reason, r.entityRefs])).toEqual([
      ['group:default/release-owner', 'owner', ['api:default/d']],
      ['group:default/team-a', 'owner', ['component:default/b']],
      [
        'group:default/team-b',
        'owner',
        ['component:default/a', 'component:default/c'],
      ],
      ['group:default/team-c', 'affected-dependent', ['component:default/x']],
      ['group:default/team-z', 'affected-dependent', ['component:default/z']],
    ]);
    // emergencies: collected afterwards like the owners'; standard: none at all
    const emergency = deriveRequiredApprovals({
      release,
      rule: 'release-manager',
      owners,
      releaseManagerGroup: policy.releaseManagerGroup,
      dependentOwners: [
        {
          groupRef: 'group:default/team-z',
          entityRefs: ['component:default/z'],
        },
      ],
    });
    expect(emergency.at(-1)).toEqual({
      groupRef: 'group:default/team-z',
      reason: 'affected-dependent',
      entityRefs: ['component:default/z'],
      phase: 'after',
    });
    expect(
      deriveRequiredApprovals({
        release,
        rule: 'none',
        owners,
        releaseManagerGroup: policy.releaseManagerGroup,
        dependentOwners: [
          { groupRef: 'group:default/team-z', entityRefs: ['x'] },
        ],
      }),
    ).toEqual([]);
  });

  it('requires nothing for standard releases', () => {
    expect(derive('standard')).toEqual([]);
  });

  it('lets the release managers approve emergencies alone, owners afterwards', () => {
    const required = derive('emergency', { releaseManagerGroup: 'cab' });
    expect(required.map(r => [r.groupRef, r.reason, r.phase])).toEqual([
      ['group:default/cab', 'release-manager', 'before'],
      ['group:default/release-owner', 'owner', 'after'],
      ['group:default/team-a', 'owner', 'after'],
      ['group:default/team-b', 'owner', 'after'],
    ]);
    const summary = summarizeApprovals({
      rule: 'release-manager',
      round: 1,
      required,
      decisions: [
        {
          groupRef: 'group:default/cab',
          decision: 'approve',
          comment: '',
          by: 'user:default/rita',
          at: '2026-11-01T00:00:00.000Z',
        },
      ],
      mayDecide: [],
      followUpDays: 5,
      now: new Date('2026-11-02T00:00:00.000Z'),
    });
    expect(summary).toMatchObject({
      complete: true,
      rejected: false,
      pending: [],
      pendingAfter: [
        'group:default/release-owner',
        'group:default/team-a',
        'group:default/team-b',
      ],
      followUpDeadline: '2026-11-06T00:00:00.000Z',
      overdue: [],
    });
  });

  describe('follow-up deadline of approvals collected afterwards', () => {
    const required = derive('emergency', { releaseManagerGroup: 'cab' });
    const decision = (groupRef: string, at: string) => ({
      groupRef,
      decision: 'approve' as const,
      comment: '',
      by: 'user:default/rita',
      at,
    });
    const summarize = (decisions: ApprovalDecision[], now: string) =>
      summarizeApprovals({
        rule: 'release-manager',
        round: 1,
        required,
        decisions,
        mayDecide: [],
        followUpDays: 1.5,
        now: new Date(now),
      });

    it("adds the configured days to the release managers' approval", () => {
      expect(
        followUpDeadline(
          decision('group:default/cab', '2026-11-30T18:00:00.000Z'),
          5,
        ),
      ).toBe('2026-12-05T18:00:00.000Z');
      expect(
        followUpDeadline(
          decision('group:default/cab', '2026-11-30T18:00:00.000Z'),
          0.5,
        ),
      ).toBe('2026-12-01T06:00:00.000Z');
      expect(followUpDeadline(undefined, 5)).toBeUndefined();
      expect(
        followUpDeadline(
          {
            ...decision('group:default/cab', '2026-11-30T18:00:00.000Z'),
            decision: 'reject',
          },
          5,
        ),
      ).toBeUndefined();
    });

    it('has no deadline before the release managers approved', () => {
      const summary = summarize([], '2030-01-01T00:00:00.000Z');
      expect(summary.followUpDeadline).toBeUndefined();
      expect(summary.overdue).toEqual([]);
      expect(summary.required.map(r => r.status)).toEqual([
        'pending',
        'pending-after',
        'pending-after',
        'pending-after',
      ]);
    });

    it('marks the undecided groups overdue only after the deadline', () => {
      const decisions = [
        decision('group:default/cab', '2026-11-01T00:00:00.000Z'),
        decision('group:default/team-a', '2026-11-02T00:00:00.000Z'),
      ];
      const atDeadline = summarize(decisions, '2026-11-02T12:00:00.000Z');
      expect(atDeadline).toMatchObject({
        followUpDeadline: '2026-11-02T12:00:00.000Z',
        overdue: [],
        complete: true,
      });
      const late = summarize(decisions, '2026-11-02T12:00:00.001Z');
      expect(late).toMatchObject({
        overdue: ['group:default/release-owner', 'group:default/team-b'],
        pendingAfter: ['group:default/release-owner', 'group:default/team-b'],
        // overdue approvals afterwards do not block the release
        complete: true,
      });
      expect(late.required.map(r => r.status)).toEqual([
        'approved',
        'overdue',
        'approved',
        'overdue',
      ]);
    });
  });

  it('refuses a follow-up time out of range at startup', () => {
    expect(
      readApprovalPolicy(config({ emergencyFollowUp: { days: 2 } }))
        .followUpDays,
    ).toBe(2);
    expect(() =>
      readApprovalPolicy(config({ emergencyFollowUp: { days: 0 } })),
    ).toThrow(/emergencyFollowUp.days/);
    expect(() =>
      readApprovalPolicy(config({ emergencyFollowUp: { days: 91 } })),
    ).toThrow(/emergencyFollowUp.days/);
  });

  it('follows the configured rule per type', () => {
    const approvals = {
      rules: { normal: 'none', standard: 'release-manager', hotfix: 'owners' },
    };
    expect(derive('normal', approvals)).toEqual([]);
    expect(derive('standard', approvals)[0].groupRef).toBe(
      'group:default/release-managers',
    );
    expect(derive('hotfix', approvals)).toHaveLength(3);
  });

  it('counts a rejection anywhere as blocking', () => {
    const required = derive('normal');
    const summary = summarizeApprovals({
      rule: 'owners',
      round: 2,
      required,
      decisions: required.map((r, i) => ({
        groupRef: r.groupRef,
        decision: i === 0 ? 'reject' : 'approve',
        comment: '',
        by: 'user:default/x',
        at: '2026-11-01T00:00:00.000Z',
      })),
      mayDecide: [],
      followUpDays: 5,
      now: new Date('2026-11-02T00:00:00.000Z'),
    });
    expect(summary).toMatchObject({
      complete: false,
      rejected: true,
      pending: [],
    });
    expect(summary.required.map(r => r.status)).toEqual([
      'rejected',
      'approved',
      'approved',
    ]);
  });

  it('refuses unknown types and rules at startup', () => {
    expect(() =>
      readApprovalPolicy(config({ rules: { weekly: 'owners' } })),
    ).toThrow(/unknown release type "weekly"/);
    expect(() =>
      readApprovalPolicy(config({ rules: { normal: 'everyone' } })),
    ).toThrow(/unknown rule "everyone"/);
  });
});
