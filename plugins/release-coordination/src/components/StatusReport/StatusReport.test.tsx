import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { Release } from '@internal/plugin-release-coordination-common';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { formatTimestamp, formatWindow } from '../shared/format';
import { StatusReport } from './StatusReport';
import { statusReportFixture } from './statusReportFixtures';

const server = setupContractServer();

async function render(release: Release, events = statusReportFixture().events) {
  return renderInTestApp(
    <TestApiProvider apis={[[releaseCoordinationApiRef, server.api]]}>
      <StatusReport release={release} events={events} />
    </TestApiProvider>,
  );
}

describe('StatusReport', () => {
  it('shows milestones with times, readiness, approvals, risk, conflicts and window', async () => {
    const { release, readiness, approvals, impact } = statusReportFixture();
    server.respond('get', '/releases/r1/readiness', readiness);
    server.respond('get', '/releases/r1/approvals', approvals);
    server.respond('get', '/releases/r1/impact', impact);
    await render(release);

    expect(await screen.findByTestId('status-report-risk')).toHaveTextContent(
      'high',
    );
    const steps = screen.getByTestId('status-report-milestones');
    for (const label of ['draft', 'planned', 'approved', 'in progress']) {
      expect(within(steps).getByText(label)).toBeInTheDocument();
    }
    expect(
      within(steps).getByText(formatTimestamp('2030-02-03T10:00:00.000Z')),
    ).toBeInTheDocument();
    expect(
      within(steps).getByText(formatTimestamp('2030-02-05T14:30:00.000Z')),
    ).toBeInTheDocument();

    expect(screen.getByTestId('status-report-verdict')).toHaveTextContent(
      'not ready',
    );
    const blocking = screen.getByRole('list', {
      name: 'Status blocking reasons',
    });
    expect(
      within(blocking).getByText('Approvals complete: not passed'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('status-report-approvals')).toHaveTextContent(
      '1 decided (sre approved); pending: payments',
    );
    expect(screen.getByTestId('status-report-conflicts')).toHaveTextContent(
      '1 blocking, 1 warning',
    );
    expect(screen.getByText(formatWindow(release.window))).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy as text' }),
    ).toBeInTheDocument();
  });

  it('gets by on backends without readiness, approvals or impact', async () => {
    const { release } = statusReportFixture();
    server.fail('get', '/releases/r1/readiness', 404);
    server.fail('get', '/releases/r1/approvals', 404);
    server.fail('get', '/releases/r1/impact', 404);
    await render({ ...release, conflicts: [] });

    expect(await screen.findByTestId('status-report-risk')).toHaveTextContent(
      'not assessed',
    );
    expect(screen.getAllByText('Not available')).toHaveLength(2);
    expect(screen.getByTestId('status-report-conflicts')).toHaveTextContent(
      'none',
    );
  });
});
