import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { answerCalendar } from '../../__testUtils__/answers';
import { makeFreezeOccurrence, makeRelease } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { ReleaseCalendarCardContent } from './ReleaseCalendarCard';

const at = (month: number, day: number, hour = 0) =>
  new Date(2030, month - 1, day, hour).toISOString();
const NOW = new Date(2030, 2, 13, 12);

describe('ReleaseCalendarCardContent', () => {
  const server = setupContractServer();

  it('lists the releases and freezes of the next 14 days and links to the calendar', async () => {
    // The backend answers the releases and freezes of the 14 days asked for.
    answerCalendar(server, {
      releases: [
        makeRelease({
          id: 'soon',
          title: 'Checkout 3',
          version: '3.0.0',
          state: 'approved',
          window: { start: at(3, 14, 9), end: at(3, 14, 11) },
        }),
      ],
      freezeOccurrences: [
        makeFreezeOccurrence({
          title: 'Easter freeze',
          start: at(3, 22),
          end: at(3, 24),
        }),
      ],
    });
    await renderInTestApp(<ReleaseCalendarCardContent now={NOW} />, {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({ userEntityRef: 'user:default/alice' }),
      ],
      mountedRoutes: { '/release-coordination': rootRouteRef },
    });

    expect(
      await screen.findByRole('link', { name: 'Checkout 3' }),
    ).toHaveAttribute('href', '/release-coordination/releases/soon');
    expect(screen.getByText(/approved/)).toBeInTheDocument();
    expect(screen.getByText(/Easter freeze/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open release calendar' }),
    ).toHaveAttribute('href', '/release-coordination');
    // No toolbar in the compact agenda.
    expect(screen.queryByRole('button', { name: 'Next period' })).toBeNull();
    expect(server.queries('get', '/releases')[0]).toMatchObject({
      from: at(3, 13),
      to: new Date(2030, 2, 26, 23, 59, 59, 999).toISOString(),
    });
  });

  it('says when nothing is planned', async () => {
    answerCalendar(server);
    await renderInTestApp(<ReleaseCalendarCardContent now={NOW} />, {
      apis: [[releaseCoordinationApiRef, server.api]],
    });
    expect(
      await screen.findByText('No releases in the next 14 days.'),
    ).toBeInTheDocument();
    // Without the page mounted there is no link to it.
    expect(screen.queryByRole('link')).toBeNull();
  });
});
