import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  DELIVERY_MEASURES,
  DeliveryMeasure,
  DeliveryMetrics as Metrics,
  MeasureValue,
} from '@internal/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { DeliveryMetrics } from './DeliveryMetrics';

const server = setupContractServer();
const NOW = new Date('2026-12-06T12:00:00Z');

const none: MeasureValue = { value: null, count: 0, band: null };
const values = (
  given: Partial<Record<DeliveryMeasure, MeasureValue>>,
): Record<DeliveryMeasure, MeasureValue> => ({
  ...(Object.fromEntries(DELIVERY_MEASURES.map(m => [m, none])) as Record<
    DeliveryMeasure,
    MeasureValue
  >),
  ...given,
});

const week1 = values({
  deploymentFrequency: { value: 4, count: 4, band: 'high' },
  changeLeadTime: { value: 95.5, count: 4, band: 'high' },
  changeFailRate: { value: 0.5, count: 4, band: 'low' },
  approvalLeadTime: { value: 18.5, count: 2, band: null },
});
const week2 = values({
  deploymentFrequency: { value: 0, count: 0, band: 'low' },
});

function metrics(summary = week1): Metrics {
  return {
    scope: 'system:default/checkout',
    from: '2026-11-23T00:00:00.000Z',
    to: '2026-12-07T00:00:00.000Z',
    interval: 'week',
    timeZone: 'UTC',
    reworkWindowDays: 14,
    measures: [
      {
        id: 'deploymentFrequency',
        label: 'Deployment frequency',
        unit: 'perWeek',
        banded: true,
        available: true,
        description: 'Releases released, per week',
      },
      {
        id: 'changeLeadTime',
        label: 'Change lead time',
        unit: 'hours',
        banded: true,
        available: true,
        description: 'Median time from planned to released',
      },
      {
        id: 'changeFailRate',
        label: 'Change fail rate',
        unit: 'ratio',
        banded: true,
        available: true,
        description: 'Share rolled back',
      },
      {
        id: 'reviewCompletion',
        label: 'Review completion',
        unit: 'ratio',
        banded: false,
        available: false,
        description: 'Share of required reviews completed',
      },
    ],
    summary,
    series: [
      {
        start: '2026-11-23T00:00:00.000Z',
        end: '2026-11-30T00:00:00.000Z',
        values: week1,
      },
      {
        start: '2026-11-30T00:00:00.000Z',
        end: '2026-12-07T00:00:00.000Z',
        values: week2,
      },
    ],
  };
}

async function render() {
  return renderInTestApp(
    <TestApiProvider apis={[[releaseCoordinationApiRef, server.api]]}>
      <DeliveryMetrics scope="system:default/checkout" now={NOW} />
    </TestApiProvider>,
  );
}

describe('DeliveryMetrics', () => {
  it('draws a chart per measure with its value over the period and its DORA band in words', async () => {
    server.respond('get', '/metrics', metrics());
    await render();
    const lead = await screen.findByTestId('metric-changeLeadTime');
    expect(
      within(lead).getByLabelText('Change lead time over the period'),
    ).toHaveTextContent('95.5 h');
    expect(within(lead).getByText('DORA: High')).toBeInTheDocument();
    const fail = screen.getByTestId('metric-changeFailRate');
    expect(within(fail).getByText('50 %')).toBeInTheDocument();
    expect(within(fail).getByText('DORA: Low')).toBeInTheDocument();
    // review completion waits for post-release reviews
    expect(
      within(screen.getByTestId('metric-reviewCompletion')).getByText(
        'Not available yet',
      ),
    ).toBeInTheDocument();
    const [query] = server.queries('get', '/metrics');
    expect(query).toMatchObject({
      scope: 'system:default/checkout',
      interval: 'week',
      to: NOW.toISOString(),
      from: '2026-06-06T12:00:00.000Z',
    });
  });

  it('shows the values as a table and asks again per month and over 12 months', async () => {
    server.respond('get', '/metrics', metrics());
    await render();
    await screen.findByTestId('metric-changeLeadTime');
    fireEvent.click(screen.getByRole('button', { name: 'Table' }));
    // the first week's row and the whole period's
    expect(await screen.findAllByText('95.5 h, High (4 counted)')).toHaveLength(
      2,
    );
    expect(screen.getByText('Whole period')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Monthly' }));
    fireEvent.click(screen.getByRole('button', { name: '12 months' }));
    await waitFor(() =>
      expect(server.queries('get', '/metrics').at(-1)).toMatchObject({
        interval: 'month',
        from: '2025-12-06T12:00:00.000Z',
      }),
    );
  });

  it('says so when nothing was released or approved in the period', async () => {
    server.respond('get', '/metrics', metrics(values({})));
    await render();
    expect(
      await screen.findByText('No releases in this period'),
    ).toBeInTheDocument();
  });

  it('shows the error of a refused request', async () => {
    server.fail('get', '/metrics', 404, 'No entity system:default/checkout');
    await render();
    expect(
      await screen.findByText('No entity system:default/checkout'),
    ).toBeInTheDocument();
  });

  it('downloads the CSV of the same period', async () => {
    server.respond('get', '/metrics', metrics());
    const saved: string[] = [];
    // jsdom has no object URLs; the anchor's click is the download
    URL.createObjectURL = () => 'blob:metrics';
    URL.revokeObjectURL = () => undefined;
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        saved.push(this.download);
      });
    await render();
    await screen.findByTestId('metric-changeLeadTime');
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() =>
      expect(saved).toEqual(['delivery-metrics-system-default-checkout.csv']),
    );
    expect(server.queries('get', '/metrics').at(-1)).toMatchObject({
      format: 'csv',
      interval: 'week',
    });
    click.mockRestore();
  });
});
