import { Table, TableColumn } from '@backstage/core-components';
import { DeliveryMetrics } from '@internal/plugin-release-coordination-common';
import { describeValue } from './formatMeasure';
import { intervalLabel } from './MetricChart';

type Row = { id: string; interval: string } & Record<string, string>;

/** Every measure per interval and over the whole period, as a table: the charts' data for reading. */
export function MetricsTable(props: { metrics: DeliveryMetrics }) {
  const { metrics } = props;
  const measures = metrics.measures.filter(m => m.available);
  const row = (
    id: string,
    interval: string,
    values: DeliveryMetrics['summary'],
  ): Row => ({
    id,
    interval,
    ...Object.fromEntries(
      measures.map(m => [m.id, describeValue(m.unit, values[m.id])]),
    ),
  });
  const columns: TableColumn<Row>[] = [
    {
      title: metrics.interval === 'month' ? 'Month' : 'Week of',
      field: 'interval',
    },
    ...measures.map(m => ({ title: m.label, field: m.id })),
  ];
  return (
    <Table<Row>
      title="Delivery metrics"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={[
        ...metrics.series.map(p =>
          row(
            p.start,
            intervalLabel(
              p.start,
              metrics.timeZone,
              metrics.interval === 'month',
            ),
            p.values,
          ),
        ),
        row('total', 'Whole period', metrics.summary),
      ]}
    />
  );
}
