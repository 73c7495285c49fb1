import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import { makeConflict, makeRelease } from '../../__fixtures__/builders';
import { answerCalendar } from '../../__testUtils__/answers';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleaseCalendar } from '../ReleaseCalendar';
import { ReleaseTable } from '../ReleaseList/ReleaseTable';

const blocked = makeRelease({
  id: 'blocked',
  title: 'Blocked release',
  window: {
    start: new Date(2030, 2, 13, 9).toISOString(),
    end: new Date(2030, 2, 13, 11).toISOString(),
  },
  conflicts: [
    makeConflict({ message: 'Inside the Quarter-end freeze' }),
    makeConflict({
      id: 'c2',
      kind: 'dependency',
      severity: 'warning',
      message: 'Overlaps a dependency',
    }),
  ],
});
const warned = makeRelease({
  id: 'warned',
  title: 'Warned release',
  window: blocked.window,
  conflicts: [
    makeConflict({
      id: 'c3',
      kind: 'owner-overload',
      severity: 'warning',
      message: 'Payments runs 4 releases at once',
    }),
  ],
});
const clean = makeRelease({
  id: 'clean',
  title: 'Clean release',
  window: blocked.window,
});

const server = setupContractServer();

function render(element: ReactElement) {
  answerCalendar(server, { releases: [blocked, warned, clean] });
  return renderInTestApp(element, {
    apis: [
      [releaseCoordinationApiRef, server.api],
      mockApis.identity({ ownershipEntityRefs: ['group:default/payments'] }),
    ],
    mountedRoutes: {
      '/release-coordination': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('conflict flags', () => {
  it('flags releases with conflicts in the calendar, red when blocking', async () => {
    await render(
      <ReleaseCalendar now={new Date(2030, 2, 13, 8)} defaultView="agenda" />,
    );
    await screen.findByText('Blocked release');
    const items = screen.getAllByTestId('calendar-release');
    const byId = (id: string) =>
      items.find(item => item.getAttribute('data-release-id') === id)!;
    expect(
      within(byId('blocked')).getByRole('img', {
        name: '2 conflicts, blocking',
      }),
    ).toHaveAttribute('data-severity', 'blocking');
    expect(
      within(byId('warned')).getByRole('img', { name: '1 conflict' }),
    ).toHaveAttribute('data-severity', 'warning');
    expect(
      within(byId('clean')).queryByTestId('conflict-flag'),
    ).not.toBeInTheDocument();

    await userEvent.hover(within(byId('blocked')).getByTestId('conflict-flag'));
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('Inside the Quarter-end freeze');
    expect(tooltip).toHaveTextContent('Overlaps a dependency');
  });

  it('flags releases with conflicts in the list', async () => {
    await render(
      <ReleaseTable
        title="Upcoming"
        items={[blocked, clean]}
        emptyMessage="None"
      />,
    );
    const row = (await screen.findByText('Blocked release')).closest('tr')!;
    expect(
      within(row).getByRole('img', { name: '2 conflicts, blocking' }),
    ).toBeInTheDocument();
    const cleanRow = screen.getByText('Clean release').closest('tr')!;
    await waitFor(() =>
      expect(
        within(cleanRow).queryByTestId('conflict-flag'),
      ).not.toBeInTheDocument(),
    );
  });
});
