import { z } from 'zod';
import { RiskAssessment, riskLevelValues } from './generated/openapi';

export type { RiskAssessment };

/**
 * Risk levels, from least to most severe.
 *
 * @public
 */
export const RISK_LEVELS = riskLevelValues;

/** @public */
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * The 5×5 risk matrix: `RISK_MATRIX[probability - 1][impact - 1]` is the
 * level of a release with that probability and impact (both 1..5).
 *
 * ```
 * probability \ impact   1        2        3        4         5
 *            5         medium   high     high     critical  critical
 *            4         medium   medium   high     high      critical
 *            3         low      medium   medium   high      high
 *            2         low      low      medium   medium    high
 *            1         low      low      low      medium    medium
 * ```
 *
 * @public
 */
export const RISK_MATRIX: readonly (readonly RiskLevel[])[] = [
  ['low', 'low', 'low', 'medium', 'medium'],
  ['low', 'low', 'medium', 'medium', 'high'],
  ['low', 'medium', 'medium', 'high', 'high'],
  ['medium', 'medium', 'high', 'high', 'critical'],
  ['medium', 'high', 'high', 'critical', 'critical'],
];

/**
 * The level of a cell of {@link RISK_MATRIX}; out-of-range values are clamped to 1..5.
 *
 * @public
 */
export function riskLevelOf(probability: number, impact: number): RiskLevel {
  const clamp = (value: number) =>
    Math.min(5, Math.max(1, Math.round(value))) - 1;
  return RISK_MATRIX[clamp(probability)][clamp(impact)];
}

/**
 * The more severe of two levels.
 *
 * @public
 */
export function maxRiskLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b;
}

/**
 * One contribution to a dimension of the risk, with its explanation.
 *
 * @public
 */
export interface RiskFactor {
  /** Stable id, e.g. `breaking-changes`, `dependents`. */
  id: string;
  dimension: 'probability' | 'impact';
  label: string;
  points: number;
  explanation: string;
}

/**
 * A hard rule that puts a floor under the level, evaluated in order.
 *
 * @public
 */
export interface RiskRule {
  id: string;
  label: string;
  minimumLevel: RiskLevel;
  matched: boolean;
  explanation: string;
}

/**
 * A level set by an owner instead of the computed one, with the written reason.
 *
 * @public
 */
export interface RiskOverride {
  level: RiskLevel;
  reason: string;
  /** Entity ref of the user who set it. */
  by: string;
  at: string;
}

/**
 * Body of `POST /releases/:id/risk-override`.
 *
 * @public
 */
export const riskOverrideRequestSchema = z.strictObject({
  level: z.enum(RISK_LEVELS),
  reason: z.string().trim().min(1).max(2000),
});

/** @public */
export type RiskOverrideRequest = z.input<typeof riskOverrideRequestSchema>;
