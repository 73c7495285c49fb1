import { PerformanceBand } from '@internal/plugin-release-coordination-common';

const HOUR = 1;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Bands from the best: the first whose test holds. */
type Thresholds = Array<[PerformanceBand, (value: number) => boolean]>;

/**
 * The DORA performance bands of the four banded measures, from the
 * Accelerate State of DevOps reports 2023/2024 (the 2024 report keeps the
 * 2023 thresholds and gives none for rework rate):
 * - deployment frequency: elite on demand (more than once a day), high
 *   daily to weekly, medium weekly to monthly, low less often;
 * - change lead time: elite under a day, high a day to a week, medium a
 *   week to a month, low longer;
 * - change fail rate: elite 5 %, high 10 %, medium 15 %, low more;
 * - failed deployment recovery time: elite under an hour, high under a day,
 *   medium a day to a week, low longer.
 */
const BANDS = {
  /** Deployments per week. */
  deploymentFrequency: [
    ['elite', v => v > 7],
    ['high', v => v >= 1],
    ['medium', v => v >= 12 / 52],
    ['low', () => true],
  ],
  /** Hours. */
  changeLeadTime: [
    ['elite', v => v < DAY],
    ['high', v => v <= WEEK],
    ['medium', v => v <= 30 * DAY],
    ['low', () => true],
  ],
  /** A share from 0 to 1. */
  changeFailRate: [
    ['elite', v => v <= 0.05],
    ['high', v => v <= 0.1],
    ['medium', v => v <= 0.15],
    ['low', () => true],
  ],
  /** Hours. */
  recoveryTime: [
    ['elite', v => v < HOUR],
    ['high', v => v < DAY],
    ['medium', v => v <= WEEK],
    ['low', () => true],
  ],
} satisfies Record<string, Thresholds>;

/** The measures DORA gives bands for. */
export type BandedMeasure = keyof typeof BANDS;

/** Whether DORA gives bands for the measure. */
export function isBanded(measure: string): measure is BandedMeasure {
  return measure in BANDS;
}

/** The DORA band of a value of a banded measure; null for no value. */
export function doraBand(
  measure: BandedMeasure,
  value: number | null,
): PerformanceBand | null {
  if (value === null) return null;
  return (BANDS[measure] as Thresholds).find(([, holds]) => holds(value))![0];
}
