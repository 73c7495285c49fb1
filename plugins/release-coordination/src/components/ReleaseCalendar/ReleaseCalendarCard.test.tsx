import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

  it('shows the releases and freezes of the next seven days side by side, live first, with a legend and a link to the calendar', async () => {
    // The backend answers the releases and freezes of the 7 days asked for.
    answerCalendar(server, {
      releases: [
        makeRelease({
          id: 'soon',
          title: 'Checkout 3',
          version: '3.0.0',
          state: 'approved',
          window: { start: at(3, 14, 9), end: at(3, 14, 11) },
        }),
        ...[10, 11, 12].map(hour =>
          makeRelease({
            id: `later-${hour}`,
            title: `Later ${hour}`,
            state: 'planned',
            window: { start: at(3, 14, hour), end: at(3, 14, hour + 1) },
          }),
        ),
        makeRelease({
          id: 'live',
          title: 'Live migration',
          state: 'in_progress',
          window: { start: at(3, 14, 15), end: at(3, 14, 18) },
        }),
      ],
      freezeOccurrences: [
        makeFreezeOccurrence({
          title: 'Easter freeze',
          start: at(3, 17),
          end: at(3, 19, 7),
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
    // Five on March 14: the live one first, one more, then "+4 more", which
    // lists the rest in place; the day's name opens it in the calendar.
    const day14 = screen.getByRole('group', { name: 'Thursday, March 14' });
    const shown = () =>
      within(day14)
        .getAllByTestId('calendar-release')
        .map(r => r.getAttribute('data-release-id'));
    expect(shown()).toEqual(['live', 'soon']);
    expect(within(day14).getByRole('link', { name: 'Thu 14' })).toHaveAttribute(
      'href',
      '/release-coordination?view=day&date=2030-03-14',
    );
    const more = within(day14).getByRole('button', {
      name: '3 more releases on March 14',
    });
    expect(more).toHaveTextContent('+3 more');
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(more);
    expect(shown()).toEqual([
      'live',
      'soon',
      'later-10',
      'later-11',
      'later-12',
    ]);
    await userEvent.click(
      within(day14).getByRole('button', {
        name: 'Show fewer releases on March 14',
      }),
    );
    expect(shown()).toEqual(['live', 'soon']);
    // The freeze ends Tuesday 07:00: said so on that day.
    expect(
      within(
        screen.getByRole('group', { name: 'Tuesday, March 19' }),
      ).getByTestId('calendar-freeze'),
    ).toHaveTextContent('Easter freeze · until 07:00');
    const legend = screen.getByRole('list', { name: 'Legend' });
    for (const mark of [
      'ready',
      'not ready',
      'blocking conflict',
      'live now',
      'train slot',
      'freeze',
    ]) {
      expect(within(legend).getByText(mark)).toBeInTheDocument();
    }
    expect(
      screen.getByRole('link', { name: 'Open release calendar' }),
    ).toHaveAttribute('href', '/release-coordination');
    expect(server.queries('get', '/releases')[0]).toMatchObject({
      from: at(3, 13),
      to: new Date(2030, 2, 19, 23, 59, 59, 999).toISOString(),
    });
  });

  it('shows every live release of a busy day in place', async () => {
    answerCalendar(server, {
      releases: [1, 2, 3, 4].map(n =>
        makeRelease({
          id: `live-${n}`,
          title: `Live ${n}`,
          state: 'in_progress',
          window: { start: at(3, 13, 9 + n), end: at(3, 13, 20) },
        }),
      ),
    });
    await renderInTestApp(<ReleaseCalendarCardContent now={NOW} />, {
      apis: [[releaseCoordinationApiRef, server.api]],
    });
    const today = await screen.findByRole('group', {
      name: 'Wednesday, March 13',
    });
    await within(today).findAllByTestId('calendar-release');
    await userEvent.click(
      within(today).getByRole('button', {
        name: '2 more releases on March 13',
      }),
    );
    expect(
      within(today)
        .getAllByTestId('calendar-release')
        .map(r => r.getAttribute('data-live')),
    ).toEqual(['true', 'true', 'true', 'true']);
    // without the page mounted the day's name is no link
    expect(within(today).queryByRole('link')).toBeNull();
  });

  it('says when nothing is planned', async () => {
    answerCalendar(server);
    await renderInTestApp(<ReleaseCalendarCardContent now={NOW} />, {
      apis: [[releaseCoordinationApiRef, server.api]],
    });
    expect(
      await screen.findByText('No releases in the next 7 days.'),
    ).toBeInTheDocument();
    // Without the page mounted there is no link to it.
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByRole('list', { name: 'Legend' })).toBeInTheDocument();
  });
});
