import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import {
  DeliveryMeasureInfo,
  DeliveryMetrics,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import {
  CartesianGrid,
  LabelList,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { bandLabel, formatValue, plotted, UNIT_SUFFIX } from './formatMeasure';

/** Dash patterns by unit, so charts differ without colour too. */
const DASH: Record<DeliveryMeasureInfo['unit'], string | undefined> = {
  perWeek: undefined,
  hours: '6 3',
  ratio: '2 2',
};

/** The label of an interval on the x axis: its first day. */
export function intervalLabel(start: string, zone: string, monthly: boolean) {
  const day = DateTime.fromISO(start, { zone });
  return monthly ? day.toFormat('LLL yyyy') : day.toFormat('d LLL');
}

/**
 * The trend of one measure: a line with a marker and its value at every
 * interval (a gap where nothing was measured), headed by the value over the
 * whole period with its DORA band in words.
 */
export function MetricChart(props: {
  measure: DeliveryMeasureInfo;
  metrics: DeliveryMetrics;
}) {
  const { measure, metrics } = props;
  const summary = metrics.summary[measure.id];
  const data = metrics.series.map(point => ({
    label: intervalLabel(
      point.start,
      metrics.timeZone,
      metrics.interval === 'month',
    ),
    value: plotted(measure.unit, point.values[measure.id].value),
  }));
  return (
    <Paper variant="outlined" data-testid={`metric-${measure.id}`}>
      <Box padding={2} width={400}>
        <Typography variant="subtitle1" component="h3">
          {measure.label}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="p">
          {measure.description}
        </Typography>
        <Box display="flex" alignItems="center" marginY={1} style={{ gap: 8 }}>
          <Typography
            variant="h6"
            component="p"
            aria-label={`${measure.label} over the period`}
          >
            {measure.available
              ? formatValue(measure.unit, summary.value)
              : 'Not available yet'}
          </Typography>
          {summary.band && (
            <Chip
              size="small"
              variant="outlined"
              label={`DORA: ${bandLabel(summary.band)}`}
            />
          )}
        </Box>
        {measure.available ? (
          <LineChart
            width={368}
            height={180}
            data={data}
            margin={{ top: 20, right: 16, bottom: 0, left: 0 }}
            role="img"
            aria-label={`${measure.label} per ${metrics.interval}, in ${
              UNIT_SUFFIX[measure.unit]
            }`}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} />
            <YAxis width={40} tick={{ fontSize: 11 }} />
            <Tooltip
              formatter={(v: number) => `${v} ${UNIT_SUFFIX[measure.unit]}`}
            />
            <Line
              type="monotone"
              dataKey="value"
              name={measure.label}
              stroke="currentColor"
              strokeDasharray={DASH[measure.unit]}
              dot={{ r: 3 }}
              isAnimationActive={false}
              connectNulls={false}
            >
              <LabelList dataKey="value" position="top" fontSize={10} />
            </Line>
          </LineChart>
        ) : (
          <Typography variant="body2" color="textSecondary">
            Post-release reviews are not recorded yet, so review completion
            cannot be measured.
          </Typography>
        )}
      </Box>
    </Paper>
  );
}
