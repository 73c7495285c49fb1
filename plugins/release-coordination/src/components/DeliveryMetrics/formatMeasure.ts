import {
  DeliveryMeasureUnit,
  MeasureValue,
  PerformanceBand,
} from '@internal/plugin-release-coordination-common';

/** A measure's value in the unit its chart plots: hours, per week, or percent for shares. */
export function plotted(
  unit: DeliveryMeasureUnit,
  value: number | null,
): number | null {
  if (value === null) return null;
  const scaled = unit === 'ratio' ? value * 100 : value;
  return Math.round(scaled * 10) / 10;
}

/** The unit's suffix on charts and in the table. */
export const UNIT_SUFFIX: Record<DeliveryMeasureUnit, string> = {
  perWeek: '/ week',
  hours: 'h',
  ratio: '%',
};

/** A value for reading: `4.5 / week`, `31.5 h`, `12 %`, or "no data". */
export function formatValue(
  unit: DeliveryMeasureUnit,
  value: number | null,
): string {
  const shown = plotted(unit, value);
  return shown === null ? 'no data' : `${shown} ${UNIT_SUFFIX[unit]}`;
}

/** A band's name for reading: "Elite". */
export function bandLabel(band: PerformanceBand): string {
  return band.charAt(0).toUpperCase() + band.slice(1);
}

/** A value with its band and sample size: "31.5 h, High (12 releases)". */
export function describeValue(
  unit: DeliveryMeasureUnit,
  { value, band, count }: MeasureValue,
): string {
  const parts = [formatValue(unit, value)];
  if (band) parts.push(bandLabel(band));
  return `${parts.join(', ')} (${count} counted)`;
}
