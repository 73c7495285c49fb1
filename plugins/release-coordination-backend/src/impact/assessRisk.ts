import { Config } from '@backstage/config';
import {
  ChangeKind,
  maxRiskLevel,
  ReleaseChange,
  ReleaseType,
  RISK_LEVELS,
  RiskAssessment,
  RiskFactor,
  RiskLevel,
  riskLevelOf,
  RiskOverride,
  RiskRule,
} from '@internal/plugin-release-coordination-common';

/** Hard rules, in the order they are evaluated. */
export const RISK_RULE_IDS = [
  'breaking-tier-1-api',
  'security',
  'blocking-conflict',
] as const;

/** @public */
export type RiskRuleId = (typeof RISK_RULE_IDS)[number];

/**
 * Weights, thresholds and rules of the risk assessment
 * (`releaseCoordination.risk` in app-config).
 *
 * @public
 */
export interface RiskConfig {
  /** Change items at or above which the change is medium (+1) or large (+2). */
  changeSize: { medium: number; large: number };
  /** Points per kind of change present (once per kind), besides `breaking`. */
  changeKindPoints: Partial<Record<ChangeKind, number>>;
  /** Points when any change is breaking. */
  breakingPoints: number;
  releaseTypePoints: Partial<Record<ReleaseType, number>>;
  /** A window starting less than `hours` after the release was created adds `points`. */
  leadTime: { hours: number; points: number };
  /** Each rollback of the same entities in the last `days` adds `pointsEach`, at most `maxPoints`. */
  rollbacks: { days: number; pointsEach: number; maxPoints: number };
  conflictPoints: { blocking: number; warning: number };
  /** A freeze within `marginHours` of the window adds `points`. */
  freeze: { marginHours: number; points: number };
  /** Transitive dependents at or above `min` add `points` (the highest step matching). */
  dependents: { min: number; points: number }[];
  tierPoints: Record<string, number>;
  /** Points of the audience worth most among the affected entities. */
  audiencePoints: Record<string, number>;
  /** Minimum level of each hard rule, or `off`. */
  rules: Record<RiskRuleId, RiskLevel | 'off'>;
}

/** The defaults; documented in the README. */
export const DEFAULT_RISK_CONFIG: RiskConfig = {
  changeSize: { medium: 8, large: 20 },
  changeKindPoints: { migration: 1, config: 1 },
  breakingPoints: 2,
  releaseTypePoints: { emergency: 2, hotfix: 1, 'out-of-band': 1 },
  leadTime: { hours: 48, points: 1 },
  rollbacks: { days: 90, pointsEach: 1, maxPoints: 2 },
  conflictPoints: { blocking: 2, warning: 1 },
  freeze: { marginHours: 48, points: 1 },
  dependents: [
    { min: 1, points: 1 },
    { min: 10, points: 2 },
    { min: 50, points: 3 },
  ],
  tierPoints: { 'tier-1': 2, 'tier-2': 1, 'tier-3': 0 },
  audiencePoints: { customers: 1, finance: 1 },
  rules: {
    'breaking-tier-1-api': 'high',
    security: 'medium',
    'blocking-conflict': 'high',
  },
};

function numberMap(
  config: Config | undefined,
  defaults: Record<string, number>,
): Record<string, number> {
  const result = { ...defaults };
  for (const key of config?.keys() ?? []) result[key] = config!.getNumber(key);
  return result;
}

/** Reads `releaseCoordination.risk`, filling in the defaults; throws on unknown levels. */
export function readRiskConfig(root: Config): RiskConfig {
  const config = root.getOptionalConfig('releaseCoordination.risk');
  const d = DEFAULT_RISK_CONFIG;
  const num = (key: string, fallback: number) =>
    config?.getOptionalNumber(key) ?? fallback;
  const rules = { ...d.rules };
  for (const id of RISK_RULE_IDS) {
    const value = config?.getOptionalString(`rules.${id}`);
    if (value === undefined) continue;
    if (
      value !== 'off' &&
      !(RISK_LEVELS as readonly string[]).includes(value)
    ) {
      throw new Error(
        `releaseCoordination.risk.rules.${id}: "${value}" is not one of off, ${RISK_LEVELS.join(
          ', ',
        )}`,
      );
    }
    rules[id] = value as RiskLevel | 'off';
  }
  const steps = config?.getOptionalConfigArray('dependents');
  return {
    changeSize: {
      medium: num('changeSize.medium', d.changeSize.medium),
      large: num('changeSize.large', d.changeSize.large),
    },
    changeKindPoints: numberMap(
      config?.getOptionalConfig('changeKindPoints'),
      d.changeKindPoints,
    ),
    breakingPoints: num('breakingPoints', d.breakingPoints),
    releaseTypePoints: numberMap(
      config?.getOptionalConfig('releaseTypePoints'),
      d.releaseTypePoints,
    ),
    leadTime: {
      hours: num('leadTime.hours', d.leadTime.hours),
      points: num('leadTime.points', d.leadTime.points),
    },
    rollbacks: {
      days: num('rollbacks.days', d.rollbacks.days),
      pointsEach: num('rollbacks.pointsEach', d.rollbacks.pointsEach),
      maxPoints: num('rollbacks.maxPoints', d.rollbacks.maxPoints),
    },
    conflictPoints: {
      blocking: num('conflictPoints.blocking', d.conflictPoints.blocking),
      warning: num('conflictPoints.warning', d.conflictPoints.warning),
    },
    freeze: {
      marginHours: num('freeze.marginHours', d.freeze.marginHours),
      points: num('freeze.points', d.freeze.points),
    },
    dependents: steps
      ? steps.map(s => ({
          min: s.getNumber('min'),
          points: s.getNumber('points'),
        }))
      : d.dependents,
    tierPoints: numberMap(
      config?.getOptionalConfig('tierPoints'),
      d.tierPoints,
    ),
    audiencePoints: numberMap(
      config?.getOptionalConfig('audiencePoints'),
      d.audiencePoints,
    ),
    rules,
  };
}

/**
 * What the assessment looks at. Release-specific facts (`release`,
 * `rollbacks`, `conflicts`, `freezesNearby`) are absent for an unsaved plan,
 * and so are their factors.
 */
export interface RiskInput {
  changes: ReleaseChange[];
  release?: { type: ReleaseType; createdAt: string; windowStart: string };
  /** Titles of releases of the same entities rolled back recently. */
  rollbacks?: string[];
  conflicts?: { blocking: number; warning: number };
  /** Titles of freezes near the window. */
  freezesNearby?: string[];
  /** Transitive dependents (entities other than systems and domains). */
  dependentCount: number;
  /** Tiers of the changed and affected entities. */
  tiers: string[];
  /** Audiences of the changed and affected entities. */
  audiences: string[];
  /** Tiers of the APIs with a breaking change (`undefined` for none). */
  breakingApiTiers: (string | undefined)[];
  override?: RiskOverride;
}

/** The points of the first `[minimum, points]` step the value reaches, else 0. */
const stepPoints = (value: number, steps: [number, number][]) =>
  steps.find(([minimum]) => value >= minimum)?.[1] ?? 0;

const plural = (count: number, word: string, words = `${word}s`) =>
  `${count} ${count === 1 ? word : words}`;

/** Adds a factor of a dimension when its points are not 0. */
type AddFactor = (
  id: string,
  label: string,
  points: number,
  explanation: string,
) => void;

/** The factors of one dimension that count (points other than 0), in the order `collect` adds them. */
function dimensionFactors(
  dimension: RiskFactor['dimension'],
  collect: (add: AddFactor) => void,
): RiskFactor[] {
  const factors: RiskFactor[] = [];
  collect((id, label, points, explanation) => {
    if (points !== 0)
      factors.push({ id, dimension, label, points, explanation });
  });
  return factors;
}

/** What makes a release more likely to fail: its changes, type, lead time, rollbacks, conflicts and freezes. */
function probabilityFactors(input: RiskInput, config: RiskConfig) {
  return dimensionFactors('probability', add => {
    const { changes } = input;
    const size = changes.length;
    add(
      'change-size',
      'Change size',
      stepPoints(size, [
        [config.changeSize.large, 2],
        [config.changeSize.medium, 1],
      ]),
      `${plural(size, 'change item')} (medium from ${
        config.changeSize.medium
      }, large from ${config.changeSize.large})`,
    );
    const kinds = [...new Set(changes.map(c => c.kind))].filter(
      kind => kind !== 'breaking' && (config.changeKindPoints[kind] ?? 0) !== 0,
    );
    add(
      'change-kinds',
      'Kinds of change',
      kinds.reduce(
        (sum, kind) => sum + (config.changeKindPoints[kind] ?? 0),
        0,
      ),
      `Includes ${kinds.join(', ')} changes`,
    );
    const breaking = changes.filter(c => c.kind === 'breaking').length;
    add(
      'breaking-changes',
      'Breaking changes',
      breaking > 0 ? config.breakingPoints : 0,
      `${plural(breaking, 'breaking change')}`,
    );

    const { release } = input;
    if (release) {
      add(
        'release-type',
        'Release type',
        config.releaseTypePoints[release.type] ?? 0,
        `An ${release.type} release is prepared in less time`,
      );
      const leadHours =
        (Date.parse(release.windowStart) - Date.parse(release.createdAt)) /
        3_600_000;
      add(
        'lead-time',
        'Short lead time',
        leadHours < config.leadTime.hours ? config.leadTime.points : 0,
        `The window starts ${Math.max(
          0,
          Math.round(leadHours),
        )} h after the release was planned (less than ${
          config.leadTime.hours
        } h)`,
      );
    }
    if (input.rollbacks) {
      const count = input.rollbacks.length;
      add(
        'recent-rollbacks',
        'Recent rollbacks',
        Math.min(
          config.rollbacks.maxPoints,
          count * config.rollbacks.pointsEach,
        ),
        `${plural(
          count,
          'release',
        )} of the same entities rolled back in the last ${
          config.rollbacks.days
        } days: ${input.rollbacks.join(', ')}`,
      );
    }
    if (input.conflicts) {
      const { blocking, warning } = input.conflicts;
      add(
        'conflicts',
        'Conflicts',
        stepPoints(blocking, [[1, config.conflictPoints.blocking]]) ||
          stepPoints(warning, [[1, config.conflictPoints.warning]]),
        `${plural(blocking, 'blocking conflict')}, ${plural(
          warning,
          'warning',
        )}`,
      );
    }
    if (input.freezesNearby) {
      add(
        'freeze-nearby',
        'Freeze nearby',
        input.freezesNearby.length > 0 ? config.freeze.points : 0,
        `Within ${
          config.freeze.marginHours
        } h of the window: ${input.freezesNearby.join(', ')}`,
      );
    }
  });
}

/** How much a failure would hurt: dependents, the most critical tier, audiences. */
function impactFactors(input: RiskInput, config: RiskConfig) {
  return dimensionFactors('impact', add => {
    const step = [...config.dependents]
      .sort((a, b) => b.min - a.min)
      .find(s => input.dependentCount >= s.min);
    add(
      'dependents',
      'Transitive dependents',
      step?.points ?? 0,
      `${plural(input.dependentCount, 'entity', 'entities')} ${
        input.dependentCount === 1 ? 'depends' : 'depend'
      } on the change, directly or transitively`,
    );
    const tier = [...new Set(input.tiers)].sort(
      (a, b) => (config.tierPoints[b] ?? 0) - (config.tierPoints[a] ?? 0),
    )[0];
    add(
      'tier',
      'Criticality tier',
      tier ? config.tierPoints[tier] ?? 0 : 0,
      `The most critical affected tier is ${tier}`,
    );
    const audiences = [...new Set(input.audiences)].sort();
    add(
      'audiences',
      'Audiences',
      Math.max(0, ...audiences.map(a => config.audiencePoints[a] ?? 0)),
      `Affects ${audiences.join(', ')}`,
    );
  });
}

/**
 * Probability × impact on the risk matrix: each dimension is 1 plus the
 * points of its factors, clamped to 1..5; then the hard rules, in order,
 * raise the level to their minimum when they match.
 */
export function assessRisk(
  input: RiskInput,
  config: RiskConfig,
): RiskAssessment {
  const factors = [
    ...probabilityFactors(input, config),
    ...impactFactors(input, config),
  ];

  const sum = (dimension: RiskFactor['dimension']) =>
    Math.min(
      5,
      Math.max(
        1,
        1 +
          factors
            .filter(f => f.dimension === dimension)
            .reduce((total, f) => total + f.points, 0),
      ),
    );
  const probability = sum('probability');
  const impact = sum('impact');

  const rules = evaluateRules(input, config);
  const computedLevel = rules
    .filter(rule => rule.matched)
    .reduce(
      (level, rule) => maxRiskLevel(level, rule.minimumLevel),
      riskLevelOf(probability, impact),
    );
  return {
    level: input.override?.level ?? computedLevel,
    computedLevel,
    probability,
    impact,
    factors,
    rules,
    ...(input.override && { override: input.override }),
  };
}

function evaluateRules(input: RiskInput, config: RiskConfig): RiskRule[] {
  const tier1Breaking = input.breakingApiTiers.filter(t => t === 'tier-1');
  const security =
    input.release?.type === 'security' ||
    input.changes.some(c => c.kind === 'security');
  const blocking = input.conflicts?.blocking ?? 0;
  const candidates: Record<
    RiskRuleId,
    Omit<RiskRule, 'id' | 'minimumLevel'>
  > = {
    'breaking-tier-1-api': {
      label: 'Breaking change on a tier-1 API',
      matched: tier1Breaking.length > 0,
      explanation:
        tier1Breaking.length > 0
          ? `${plural(
              tier1Breaking.length,
              'tier-1 API',
            )} with a breaking change`
          : 'No tier-1 API has a breaking change',
    },
    security: {
      label: 'Security change',
      matched: security,
      explanation: security
        ? 'A security release or security change item'
        : 'No security changes',
    },
    'blocking-conflict': {
      label: 'Blocking conflict',
      matched: blocking > 0,
      explanation:
        blocking > 0
          ? `${plural(blocking, 'blocking conflict')}`
          : 'No blocking conflicts',
    },
  };
  return RISK_RULE_IDS.flatMap(id => {
    const minimumLevel = config.rules[id];
    return minimumLevel === 'off'
      ? []
      : [{ id, minimumLevel, ...candidates[id] }];
  });
}
