import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answerCalendar } from '../../__testUtils__/answers';
import {
  makeFreezeOccurrence,
  makeRelease,
  makeTrain,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleaseTimeline } from './ReleaseTimeline';

const NOW = new Date(2030, 2, 1, 10);
const day = (d: number, hour = 0) => new Date(2030, 2, d, hour).toISOString();
const server = setupContractServer();

const component = (name: string, system: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { system, owner: 'payments', type: 'service', lifecycle: 'production' },
});

async function render() {
  const catalog = catalogApiMock({
    entities: [
      component('payments-api', 'payments'),
      component('search-api', 'search'),
    ],
  });
  await renderInTestApp(<ReleaseTimeline now={NOW} />, {
    apis: [
      [releaseCoordinationApiRef, server.api],
      [catalogApiRef, catalog],
      mockApis.identity(),
    ],
    mountedRoutes: { '/release-coordination': rootRouteRef },
  });
}

describe('ReleaseTimeline rows', () => {
  beforeEach(() => {
    answerCalendar(server, {
      releases: [
        makeRelease({
          id: 'long',
          title: 'Payments',
          version: '2.1',
          entityRefs: ['component:default/payments-api'],
          window: { start: day(1), end: day(15) },
        }),
        makeRelease({
          id: 'short',
          title: 'Search hotfix',
          version: '5.0.1',
          entityRefs: ['component:default/search-api'],
          window: { start: day(10, 9), end: day(10, 10) },
        }),
      ],
      freezeOccurrences: [
        makeFreezeOccurrence({
          title: 'Acquirer migration freeze',
          start: day(20),
          end: day(22),
          scope: {
            all: false,
            domains: [],
            systems: ['system:default/payments'],
            groups: [],
            entities: [],
          },
        }),
      ],
      trains: [makeTrain()],
    });
    server.respond('get', '/trains/t1/slots', {
      items: [
        {
          trainId: 't1',
          start: day(5, 10),
          end: day(5, 12),
          cutoffAt: day(3, 10),
          bookable: true,
          releaseIds: [],
        },
      ],
    });
  });

  it('has a row per System with the freezes and train slots of that System only', async () => {
    await render();
    const row = (key: string) =>
      screen
        .getAllByTestId('timeline-row')
        .find(r => r.getAttribute('data-row-key') === key)!;
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('timeline-row')
          .map(r => r.getAttribute('data-row-key')),
      ).toEqual(['system:default/payments', 'system:default/search']),
    );
    const payments = row('system:default/payments');
    const search = row('system:default/search');
    expect(within(payments).getByTestId('timeline-freeze')).toHaveAttribute(
      'title',
      expect.stringContaining('Acquirer migration freeze (payments system)'),
    );
    expect(
      within(payments).getByTestId('timeline-train-slot'),
    ).toBeInTheDocument();
    expect(within(search).queryByTestId('timeline-freeze')).toBeNull();
    expect(within(search).queryByTestId('timeline-train-slot')).toBeNull();
    expect(within(search).getByTestId('timeline-bar')).toHaveAttribute(
      'data-release-id',
      'short',
    );
  });

  it('marks a train slot inside a freeze of its train as not bookable', async () => {
    const slot = (d: number) => ({
      trainId: 't1',
      start: day(d, 10),
      end: day(d, 12),
      cutoffAt: day(d - 2, 10),
      bookable: true,
      releaseIds: [],
    });
    // The second slot lies inside the payments freeze (March 20–22).
    server.respond('get', '/trains/t1/slots', { items: [slot(5), slot(21)] });
    await render();
    await waitFor(() =>
      expect(screen.getAllByTestId('timeline-train-slot')).toHaveLength(2),
    );
    const [free, frozen] = screen.getAllByTestId('timeline-train-slot');
    expect(free).toHaveAttribute('data-bookable', 'true');
    expect(free).not.toHaveAttribute(
      'title',
      expect.stringContaining('not bookable'),
    );
    await waitFor(() =>
      expect(frozen).toHaveAttribute('data-bookable', 'false'),
    );
    expect(frozen).toHaveAttribute(
      'title',
      expect.stringContaining('not bookable: inside Acquirer migration freeze'),
    );
  });

  it('labels a short release beside its bar and a long one inside', async () => {
    await render();
    const short = await screen.findByRole('link', {
      name: /Search hotfix 5.0.1/,
    });
    expect(short).toHaveAttribute('data-label-outside', 'true');
    expect(short).toHaveTextContent('');
    expect(screen.getByText(/Search hotfix 5\.0\.1 ·/)).toBeInTheDocument();
    const long = screen.getByRole('link', { name: /Payments 2.1/ });
    expect(long).not.toHaveAttribute('data-label-outside');
    expect(long).toHaveTextContent('Payments 2.1 · draft');
  });

  it('has a row per entity', async () => {
    await render();
    await screen.findAllByTestId('timeline-bar');
    await userEvent.click(
      screen.getByRole('button', { name: 'Group by entity' }),
    );
    await waitFor(() =>
      expect(
        screen
          .getAllByTestId('timeline-row')
          .map(r => r.getAttribute('aria-label')),
      ).toEqual(['payments-api', 'search-api']),
    );
    const [payments] = screen.getAllByTestId('timeline-row');
    // The entity is part of the frozen System: its row is shaded.
    expect(within(payments).getByTestId('timeline-freeze')).toBeInTheDocument();
  });
});
