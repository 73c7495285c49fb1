import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  DeliveryMetrics as DeliveryMetricsAnswer,
  MetricsInterval,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { AsyncState } from 'react-use/esm/useAsyncFn';
import { DeliveryMetricsRequest } from '../../api/DeliveryMetricsApi';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { ChoiceToggle } from '../shared/ChoiceToggle';
import { MetricChart } from './MetricChart';
import { MetricsTable } from './MetricsTable';
import { Cluster } from '../shared/Cluster';
import { saveFile } from '../shared/saveFile';

const PERIODS = [
  { value: '3', label: '3 months' },
  { value: '6', label: '6 months' },
  { value: '12', label: '12 months' },
] as const;
const INTERVALS = [
  { value: 'week', label: 'Weekly' },
  { value: 'month', label: 'Monthly' },
] as const;
const VIEWS = [
  { value: 'charts', label: 'Charts' },
  { value: 'table', label: 'Table' },
] as const;

/**
 * The delivery metrics of a scope (`organisation` or an entity ref): the
 * DORA measures and the portal's own, as a trend chart per measure (or a
 * table), over the last 3, 6 or 12 months per week or month in the
 * browser's time zone, with a CSV download.
 *
 * @public
 */
export function DeliveryMetrics(props: {
  scope: string;
  /** The end of the period; now by default (for tests). */
  now?: Date;
}) {
  const api = useApi(releaseCoordinationApiRef);
  const [months, setMonths] = useState<'3' | '6' | '12'>('6');
  const [interval, setInterval] = useState<MetricsInterval>('week');
  const [view, setView] = useState<'charts' | 'table'>('charts');
  const [downloadError, setDownloadError] = useState<Error>();
  const request = useMemo<DeliveryMetricsRequest>(() => {
    const to = DateTime.fromJSDate(props.now ?? new Date());
    return {
      scope: props.scope,
      from: to
        .minus({ months: Number(months) })
        .toUTC()
        .toISO()!,
      to: to.toUTC().toISO()!,
      interval,
      tz: to.zoneName ?? 'UTC',
    };
  }, [props.scope, props.now, months, interval]);
  const metrics = useAsync(
    () => api.getDeliveryMetrics(request),
    [api, request],
  );

  const download = async () => {
    setDownloadError(undefined);
    try {
      const name = props.scope.replace(/[^a-z0-9-]+/gi, '-');
      saveFile(
        await api.getDeliveryMetricsCsv(request),
        `delivery-metrics-${name}.csv`,
      );
    } catch (error) {
      setDownloadError(error as Error);
    }
  };

  return (
    <Box>
      <Cluster marginBottom={2} gap={16}>
        <ChoiceToggle
          label="Period"
          value={months}
          choices={PERIODS}
          onChange={setMonths}
        />
        <ChoiceToggle
          label="Interval"
          value={interval}
          choices={INTERVALS}
          onChange={setInterval}
        />
        <ChoiceToggle
          label="View"
          value={view}
          choices={VIEWS}
          onChange={setView}
        />
        <Button variant="outlined" size="small" onClick={download}>
          Download CSV
        </Button>
      </Cluster>
      {downloadError && (
        <ResponseErrorPanel
          error={downloadError}
          title="Could not download the CSV"
        />
      )}
      <MetricsBody metrics={metrics} view={view} />
    </Box>
  );
}

function MetricsBody(props: {
  metrics: AsyncState<DeliveryMetricsAnswer>;
  view: 'charts' | 'table';
}) {
  const { metrics, view } = props;
  if (metrics.loading) return <Progress />;
  if (metrics.error) return <ResponseErrorPanel error={metrics.error} />;
  const value = metrics.value!;
  if (
    value.summary.deploymentFrequency.count === 0 &&
    value.summary.approvalLeadTime.count === 0
  ) {
    return (
      <EmptyState
        missing="data"
        title="No releases in this period"
        description="Nothing was released or approved here in the chosen period; pick a longer one."
      />
    );
  }
  if (view === 'table') return <MetricsTable metrics={value} />;
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        Medians and shares of the releases released in each {value.interval};
        bands from the DORA State of DevOps 2023/2024 report where it gives
        them. Deployment rework counts hotfixes released within{' '}
        {value.reworkWindowDays} days of another release of their entities.
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        {value.measures.map(measure => (
          <MetricChart key={measure.id} measure={measure} metrics={value} />
        ))}
      </Box>
    </>
  );
}
