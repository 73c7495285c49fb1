import { ConfigReader } from '@backstage/config';
import {
  ReleaseChange,
  RISK_MATRIX,
  riskLevelOf,
} from '@internal/plugin-release-coordination-common';
import {
  assessRisk,
  DEFAULT_RISK_CONFIG,
  readRiskConfig,
  RiskInput,
} from './assessRisk';

const base: RiskInput = {
  changes: [],
  dependentCount: 0,
  tiers: [],
  audiences: [],
  breakingApiTiers: [],
};

const items = (kind: ReleaseChange['kind'], n: number): ReleaseChange[] =>
  Array.from({ length: n }, (_, i) => ({ kind, title: `${kind} ${i}` }));

const points = (input: Partial<RiskInput>) =>
  Object.fromEntries(
    assessRisk({ ...base, ...input }, DEFAULT_RISK_CONFIG).factors.map(f => [
      f.id,
      f.points,
    ]),
  );

describe('risk matrix', () => {
  it('is 5×5, symmetric in spirit and monotonic', () => {
    expect(RISK_MATRIX).toHaveLength(5);
    expect(riskLevelOf(1, 1)).toBe('low');
    expect(riskLevelOf(3, 3)).toBe('medium');
    expect(riskLevelOf(4, 3)).toBe('high');
    expect(riskLevelOf(5, 5)).toBe('critical');
    expect(riskLevelOf(9, 0)).toBe('medium');
  });
});

describe('assessRisk', () => {
  it('is low with nothing to worry about, without release factors for a plan', () => {
    const risk = assessRisk(base, DEFAULT_RISK_CONFIG);
    expect(risk).toMatchObject({
      level: 'low',
      computedLevel: 'low',
      probability: 1,
      impact: 1,
      factors: [],
    });
    expect(risk.rules.map(r => [r.id, r.matched])).toEqual([
      ['breaking-tier-1-api', false],
      ['security', false],
      ['blocking-conflict', false],
    ]);
  });

  it('adds up probability factors and clamps at 5', () => {
    expect(points({ changes: items('fix', 8) })).toEqual({ 'change-size': 1 });
    expect(points({ changes: items('fix', 20) })).toEqual({ 'change-size': 2 });
    expect(
      points({ changes: [...items('migration', 2), ...items('config', 1)] }),
    ).toEqual({ 'change-kinds': 2 });
    expect(points({ changes: items('breaking', 3) })).toEqual({
      'breaking-changes': 2,
    });
    const release = {
      type: 'emergency' as const,
      createdAt: '2026-12-01T00:00:00.000Z',
      windowStart: '2026-12-01T12:00:00.000Z',
    };
    const all = {
      changes: [...items('breaking', 1), ...items('migration', 20)],
      release,
      rollbacks: ['R1', 'R2', 'R3'],
      conflicts: { blocking: 0, warning: 2 },
      freezesNearby: ['Weekend freeze'],
    };
    expect(points(all)).toEqual({
      'change-size': 2,
      'change-kinds': 1,
      'breaking-changes': 2,
      'release-type': 2,
      'lead-time': 1,
      'recent-rollbacks': 2,
      conflicts: 1,
      'freeze-nearby': 1,
    });
    expect(
      assessRisk({ ...base, ...all }, DEFAULT_RISK_CONFIG).probability,
    ).toBe(5);
    // hotfix, two days ahead: type 1, no lead-time point
    expect(
      points({
        release: {
          ...release,
          type: 'hotfix',
          windowStart: '2026-12-03T00:00:00.000Z',
        },
      }),
    ).toEqual({ 'release-type': 1 });
  });

  it('explains the dependents in plain English, one or many', () => {
    const explanation = (dependentCount: number) =>
      assessRisk({ ...base, dependentCount }, DEFAULT_RISK_CONFIG).factors.find(
        f => f.id === 'dependents',
      )?.explanation;
    expect(explanation(1)).toBe(
      '1 entity depends on the change, directly or transitively',
    );
    expect(explanation(3)).toBe(
      '3 entities depend on the change, directly or transitively',
    );
  });

  it('adds up impact factors: dependents by steps, the top tier, the top audience', () => {
    expect(points({ dependentCount: 1 })).toEqual({ dependents: 1 });
    expect(points({ dependentCount: 10 })).toEqual({ dependents: 2 });
    expect(points({ dependentCount: 50 })).toEqual({ dependents: 3 });
    expect(points({ tiers: ['tier-3', 'tier-1', 'tier-2'] })).toEqual({
      tier: 2,
    });
    expect(points({ audiences: ['internal-ops', 'customers'] })).toEqual({
      audiences: 1,
    });
    const risk = assessRisk(
      {
        ...base,
        dependentCount: 60,
        tiers: ['tier-1'],
        audiences: ['customers'],
      },
      DEFAULT_RISK_CONFIG,
    );
    expect(risk.impact).toBe(5);
    expect(risk.computedLevel).toBe('medium'); // probability 1 × impact 5
  });

  it('applies each hard rule as a floor', () => {
    const level = (input: Partial<RiskInput>) =>
      assessRisk({ ...base, ...input }, DEFAULT_RISK_CONFIG).computedLevel;
    expect(level({ breakingApiTiers: ['tier-2'] })).toBe('low');
    expect(level({ breakingApiTiers: ['tier-1'] })).toBe('high');
    expect(level({ changes: items('security', 1) })).toBe('medium');
    expect(
      level({
        release: {
          type: 'security',
          createdAt: '2026-01-01T00:00:00Z',
          windowStart: '2026-02-01T00:00:00Z',
        },
      }),
    ).toBe('medium');
    expect(level({ conflicts: { blocking: 1, warning: 0 } })).toBe('high');
    // a rule never lowers the matrix level
    expect(
      level({
        changes: items('security', 20),
        dependentCount: 60,
        tiers: ['tier-1'],
        audiences: ['customers'],
        rollbacks: ['a', 'b'],
      }),
    ).toBe('critical');
  });

  it('keeps the computed level next to an override', () => {
    const override = {
      level: 'low' as const,
      reason: 'Dark launch',
      by: 'user:default/alice',
      at: '2026-12-01T00:00:00.000Z',
    };
    const risk = assessRisk(
      { ...base, breakingApiTiers: ['tier-1'], override },
      DEFAULT_RISK_CONFIG,
    );
    expect(risk).toMatchObject({
      level: 'low',
      computedLevel: 'high',
      override,
    });
  });
});

describe('readRiskConfig', () => {
  it('uses the defaults', () => {
    expect(readRiskConfig(new ConfigReader({}))).toEqual(DEFAULT_RISK_CONFIG);
  });

  it('reads weights, thresholds and rules', () => {
    const config = readRiskConfig(
      new ConfigReader({
        releaseCoordination: {
          risk: {
            breakingPoints: 3,
            tierPoints: { 'tier-1': 4 },
            dependents: [{ min: 100, points: 1 }],
            rules: { security: 'off', 'blocking-conflict': 'critical' },
          },
        },
      }),
    );
    expect(config.breakingPoints).toBe(3);
    expect(config.tierPoints).toEqual({
      'tier-1': 4,
      'tier-2': 1,
      'tier-3': 0,
    });
    expect(config.dependents).toEqual([{ min: 100, points: 1 }]);
    expect(config.rules).toEqual({
      'breaking-tier-1-api': 'high',
      security: 'off',
      'blocking-conflict': 'critical',
    });
    const risk = assessRisk({ ...base, changes: items('security', 1) }, config);
    expect(risk.rules.map(r => r.id)).toEqual([
      'breaking-tier-1-api',
      'blocking-conflict',
    ]);
    expect(risk.computedLevel).toBe('low');
  });

  it('refuses unknown levels', () => {
    expect(() =>
      readRiskConfig(
        new ConfigReader({
          releaseCoordination: { risk: { rules: { security: 'severe' } } },
        }),
      ),
    ).toThrow(/rules.security/);
  });
});
