import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ImpactReport,
  Release,
  RiskAssessment,
} from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ApprovalService } from '../approvals/ApprovalService';
import { DatabaseApprovalStore } from '../database/DatabaseApprovalStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseService } from '../releases/ReleaseService';
import {
  ReadinessService,
  readReadinessPolicy,
  riskAssessedItem,
} from './ReadinessService';

const risk = (parts: Partial<RiskAssessment> = {}): RiskAssessment => ({
  level: 'medium',
  computedLevel: 'medium',
  probability: 3,
  impact: 2,
  factors: [],
  rules: [],
  ...parts,
});

const withChanges = { changes: [{ kind: 'fix' as const, title: 'Fix' }] };

describe('riskAssessedItem', () => {
  it('fails without a change inventory to score', () => {
    expect(riskAssessedItem({ changes: [] }, undefined, 'critical')).toEqual({
      id: 'risk-assessed',
      label: 'Risk assessed',
      kind: 'automatic',
      passed: false,
      facts: ['No change inventory: the risk cannot be scored'],
    });
  });

  it('passes below the review level, saying the level and why', () => {
    const item = riskAssessedItem(
      withChanges,
      risk({
        level: 'high',
        computedLevel: 'high',
        rules: [
          {
            id: 'breaking',
            label: 'Breaking API change',
            minimumLevel: 'high',
            matched: true,
            explanation: '',
          },
          {
            id: 'tier',
            label: 'Tier 1 service',
            minimumLevel: 'critical',
            matched: false,
            explanation: '',
          },
        ],
      }),
      'critical',
    );
    expect(item).toMatchObject({
      passed: true,
      facts: [
        'Risk high (computed high: probability 3 × impact 2)',
        'Breaking API change: at least high',
      ],
    });
  });

  it('needs an owner review (a risk override with a reason) from the review level on', () => {
    const unreviewed = riskAssessedItem(
      withChanges,
      risk({ level: 'critical', computedLevel: 'critical' }),
      'critical',
    );
    expect(unreviewed.passed).toBe(false);
    expect(unreviewed.facts).toContain(
      "Risk critical needs an owner's review: set a risk override with a reason",
    );

    const override = {
      level: 'high' as const,
      reason: 'Canary first',
      by: 'user:default/alice',
      at: '2026-11-26T10:00:00.000Z',
    };
    // lowering a critical risk by an override is the review
    const reviewed = riskAssessedItem(
      withChanges,
      risk({ level: 'high', computedLevel: 'critical', override }),
      'critical',
    );
    expect(reviewed.passed).toBe(true);
    expect(reviewed.facts).toContain(
      'Reviewed by user:default/alice, set to high: Canary first',
    );

    // a configured lower review level counts the higher of both levels
    expect(
      riskAssessedItem(
        withChanges,
        risk({ level: 'low', computedLevel: 'high' }),
        'high',
      ).passed,
    ).toBe(false);
    expect(
      riskAssessedItem(
        withChanges,
        risk({ level: 'medium', computedLevel: 'medium' }),
        'high',
      ).passed,
    ).toBe(true);
  });
});

describe('readReadinessPolicy', () => {
  it('reads the risk review level, critical by default, and refuses unknown ones', () => {
    const read = (readiness: object) =>
      readReadinessPolicy(
        mockServices.rootConfig({
          data: { releaseCoordination: { readiness } },
        }),
      );
    expect(read({}).riskReviewLevel).toBe('critical');
    expect(read({ riskReviewLevel: 'high' }).riskReviewLevel).toBe('high');
    expect(() => read({ riskReviewLevel: 'huge' })).toThrow(
      'unknown risk level "huge"',
    );
  });
});

describe('ReadinessService.getReadiness', () => {
  it('computes the impact once, for the approvals and the risk item alike', async () => {
    const report = { risk: risk() } as unknown as ImpactReport;
    const releaseImpact = jest.fn(async () => report);
    const approvals = {
      getApprovals: jest.fn(
        async (
          _release: Release,
          _credentials: unknown,
          options: { impactReport?: () => Promise<ImpactReport> },
        ) => {
          await options.impactReport!();
          return { complete: true, required: [], rule: 'owners' };
        },
      ),
    };
    const readiness = new ReadinessService({
      releases: {} as ReleaseService,
      releaseStore: {} as ReleaseStore,
      store: { listChecks: async () => [] } as unknown as DatabaseApprovalStore,
      approvals: approvals as unknown as ApprovalService,
      impact: { releaseImpact },
      catalog: new CatalogModel({
        catalog: catalogServiceMock(),
        auth: mockServices.auth(),
      }),
      auditor: mockServices.auditor.mock(),
      policy: readReadinessPolicy(mockServices.rootConfig()),
    });
    const result = await readiness.getReadiness(
      {
        id: 'r1',
        entityRefs: [],
        description: 'Notes',
        type: 'normal',
        ...withChanges,
      } as unknown as Release,
      mockCredentials.user('user:default/alice'),
    );

    expect(releaseImpact).toHaveBeenCalledTimes(1);
    expect(result.items.find(item => item.id === 'risk-assessed')?.passed).toBe(
      true,
    );
  });
});
