import { coreApis } from '@backstage/frontend-plugin-api';
import { Page, Release } from '@internal/plugin-release-coordination-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import { answerCalendar } from '../../__testUtils__/answers';
import {
  makeFreezeOccurrence,
  makeReadiness,
  makeRelease,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { MAX_CALENDAR_RELEASES } from './useCalendarData';
import { ReleaseCalendar } from './ReleaseCalendar';
import {
  at,
  day,
  endOf,
  multiDay,
  NOW,
  renderCalendar,
} from './__testUtils__/calendarKit';

const server = setupContractServer();
const render = (element: ReactElement) => renderCalendar(server, element);

describe('ReleaseCalendar', () => {
  beforeEach(() => answerCalendar(server, { releases: [multiDay] }));

  it('places a multi-day release on each of its days in the month and marks today', async () => {
    await render(<ReleaseCalendar now={NOW} />);

    await screen.findAllByRole('link', { name: 'Payments 2.1' });
    expect(
      screen.getByRole('heading', { name: 'March 2030' }),
    ).toBeInTheDocument();
    for (const d of ['2030-03-11', '2030-03-12', '2030-03-13']) {
      expect(
        within(day(d)).getByRole('link', { name: 'Payments 2.1' }),
      ).toHaveAttribute('href', '/release-coordination/releases/multi');
    }
    for (const d of ['2030-03-10', '2030-03-14']) {
      expect(within(day(d)).queryByText('Payments 2.1')).toBeNull();
    }
    expect(within(day('2030-03-11')).getByText(/09:00/)).toBeInTheDocument();
    expect(
      within(day('2030-03-12')).getByText(/continues/),
    ).toBeInTheDocument();
    expect(within(day('2030-03-11')).getByText('planned')).toBeInTheDocument();

    expect(day('2030-03-13')).toHaveAttribute('aria-current', 'date');
    expect(day('2030-03-12')).not.toHaveAttribute('aria-current');
    expect(
      screen.getByRole('group', { name: 'Wednesday, March 13, 2030 (today)' }),
    ).toBe(day('2030-03-13'));

    // The grid runs from the Monday before the 1st to the Sunday, the 31st.
    expect(server.queries('get', '/releases')[0]).toMatchObject({
      from: at(2, 25),
      to: endOf(3, 31),
      order: 'asc',
      limit: 200,
    });
    expect(server.queries('get', '/freeze-occurrences')[0]).toEqual({
      from: at(2, 25),
      to: endOf(3, 31),
    });

    // Coloured by type, with a legend.
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(within(legend).getByText('hotfix')).toBeInTheDocument();
    expect(within(legend).getByText('freeze')).toBeInTheDocument();
    expect(
      within(day('2030-03-11')).getByTestId('calendar-release'),
    ).toHaveAttribute('data-type', 'hotfix');
  });

  it('strikes cancelled releases through', async () => {
    answerCalendar(server, {
      releases: [
        makeRelease({
          id: 'c',
          title: 'Dropped',
          state: 'cancelled',
          window: { start: at(3, 5, 9), end: at(3, 5, 10) },
        }),
      ],
    });
    await render(<ReleaseCalendar now={NOW} />);
    const link = await screen.findByRole('link', { name: 'Dropped' });
    expect(link).toHaveStyle('text-decoration: line-through');
    expect(
      within(day('2030-03-05')).getByText('cancelled'),
    ).toBeInTheDocument();
  });

  it('navigates between months and requests the visible range', async () => {
    await render(<ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });

    // Nothing is planned in April and May.
    server.respond('get', '/releases', { items: [] });
    await userEvent.click(screen.getByRole('button', { name: 'Next month' }));
    expect(
      await screen.findByRole('heading', { name: 'April 2030' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(server.queries('get', '/releases').at(-1)).toMatchObject({
        from: at(4, 1),
        to: endOf(5, 5),
      }),
    );
    expect(server.queries('get', '/freeze-occurrences').at(-1)).toEqual({
      from: at(4, 1),
      to: endOf(5, 5),
    });
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'Payments 2.1' })).toBeNull(),
    );
    expect(screen.getByText('No releases in this period.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Go to today' }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous month' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'February 2030' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(server.queries('get', '/releases').at(-1)).toMatchObject({
        from: at(1, 28),
        to: endOf(3, 3),
      }),
    );
  });

  it('shows a week with the release on each of its days', async () => {
    await render(<ReleaseCalendar now={NOW} defaultView="week" />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });

    expect(screen.getByTestId('calendar-week')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Mar 11 – 17, 2030' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Payments 2.1' })).toHaveLength(
      3,
    );
    expect(day('2030-03-13')).toHaveAttribute('aria-current', 'date');
    expect(server.queries('get', '/releases')[0]).toMatchObject({
      from: at(3, 11),
      to: endOf(3, 17),
    });

    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    await waitFor(() =>
      expect(server.queries('get', '/releases').at(-1)).toMatchObject({
        from: at(3, 18),
        to: endOf(3, 24),
      }),
    );
  });

  it('lists the next days as an agenda, each release once', async () => {
    answerCalendar(server, {
      releases: [
        multiDay,
        makeRelease({
          id: 'later',
          title: 'Search 5',
          type: 'normal',
          window: { start: at(3, 20, 14), end: at(3, 20, 15) },
        }),
      ],
    });
    await render(<ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });

    await userEvent.click(screen.getByRole('button', { name: 'Agenda view' }));
    await waitFor(() =>
      expect(server.queries('get', '/releases').at(-1)).toMatchObject({
        from: at(3, 13),
        to: endOf(4, 11),
      }),
    );
    const agenda = await screen.findByTestId('calendar-agenda');
    expect(
      within(agenda).getAllByRole('link', { name: 'Payments 2.1' }),
    ).toHaveLength(1);
    // The ongoing release is listed today, the later one on its day.
    expect(
      within(day('2030-03-13')).getByRole('link', { name: 'Payments 2.1' }),
    ).toBeInTheDocument();
    expect(within(day('2030-03-13')).getByText('Today')).toBeInTheDocument();
    expect(
      within(day('2030-03-20')).getByRole('link', { name: 'Search 5' }),
    ).toHaveAttribute('href', '/release-coordination/releases/later');
  });

  it('shades the days of freezes with their titles', async () => {
    answerCalendar(server, {
      releases: [multiDay],
      freezeOccurrences: [
        makeFreezeOccurrence({
          title: 'Quarter-end freeze',
          start: at(3, 15),
          end: at(3, 17),
        }),
      ],
    });
    await render(
      <ReleaseCalendar
        now={NOW}
        filter={{ entityRef: ['component:default/payments-api'] }}
      />,
    );
    await screen.findAllByText('Quarter-end freeze');
    for (const d of ['2030-03-15', '2030-03-16']) {
      expect(day(d)).toHaveAttribute('data-frozen', 'true');
      expect(
        within(day(d)).getByText('Quarter-end freeze'),
      ).toBeInTheDocument();
    }
    expect(day('2030-03-14')).not.toHaveAttribute('data-frozen');
    expect(day('2030-03-17')).not.toHaveAttribute('data-frozen');
    expect(server.queries('get', '/freeze-occurrences')[0].entityRef).toEqual([
      'component:default/payments-api',
    ]);
    expect(server.queries('get', '/releases')[0].entityRef).toEqual([
      'component:default/payments-api',
    ]);
  });

  it('still shows the releases when the backend has no freezes (404)', async () => {
    server.absent('get', '/freeze-occurrences');
    await render(<ReleaseCalendar now={NOW} />);
    expect(
      await screen.findAllByRole('link', { name: 'Payments 2.1' }),
    ).toHaveLength(3);
    expect(screen.queryByText(/Freezes could not be loaded/)).toBeNull();
  });

  it('warns when freezes fail otherwise, still showing releases', async () => {
    server.fail('get', '/freeze-occurrences', 500, 'boom');
    await render(<ReleaseCalendar now={NOW} />);
    expect(
      await screen.findByText('Freezes could not be loaded: boom'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Payments 2.1' })).toHaveLength(
      3,
    );
  });

  it('marks upcoming releases ready or not ready, with the blocking reasons, from one batched request', async () => {
    const ready = makeRelease({
      id: 'ready',
      title: 'Search 1.2',
      state: 'approved',
      window: { start: at(3, 18, 10), end: at(3, 18, 12) },
    });
    const done = makeRelease({
      id: 'done',
      title: 'Auth 3.0',
      state: 'released',
      window: { start: at(3, 4, 10), end: at(3, 4, 12) },
    });
    const { verdict, blocking } = makeReadiness();
    answerCalendar(server, {
      releases: [multiDay, ready, done],
      verdicts: [
        { releaseId: 'multi', verdict, blocking },
        { releaseId: 'ready', verdict: 'ready', blocking: [] },
      ],
    });
    await render(<ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });

    const notReadyMarks = await within(day('2030-03-11')).findAllByRole('img', {
      name: 'Not ready: Approvals complete: not passed; Rollback plan reviewed: not passed',
    });
    expect(notReadyMarks[0]).toHaveAttribute('data-verdict', 'not-ready');
    expect(
      within(day('2030-03-18')).getByRole('img', { name: 'Ready' }),
    ).toHaveAttribute('data-verdict', 'ready');
    // released ones are asked about too (open issues may turn them red);
    // without a verdict they have no mark
    expect(
      within(day('2030-03-04')).queryByTestId('calendar-readiness'),
    ).toBeNull();
    expect(server.queries('get', '/readiness')).toEqual([
      { releaseId: ['done', 'multi', 'ready'] },
    ]);
    expect(screen.queryByText(/Readiness could not be loaded/)).toBeNull();
  });

  it('shows releases without marks when readiness is missing (404) and warns on other failures', async () => {
    server.absent('get', '/readiness');
    const { unmount } = await render(<ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });
    await waitFor(() =>
      expect(server.requests('get', '/readiness')).toHaveLength(1),
    );
    expect(screen.queryByTestId('calendar-readiness')).toBeNull();
    expect(screen.queryByText(/Readiness could not be loaded/)).toBeNull();
    unmount();

    server.fail('get', '/readiness', 500, 'boom');
    await render(<ReleaseCalendar now={NOW} />);
    expect(
      await screen.findByText('Readiness could not be loaded: boom'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Payments 2.1' })).toHaveLength(
      3,
    );
  });

  it('shows errors of the releases', async () => {
    server.fail('get', '/releases', 500, 'database on fire');
    await render(<ReleaseCalendar now={NOW} />);
    expect(await screen.findByText(/database on fire/)).toBeInTheDocument();
  });

  it('follows pages up to the cap and says so', async () => {
    const page = (n: number): Release[] =>
      Array.from({ length: 200 }, (_, i) =>
        makeRelease({
          id: `p${n}-${i}`,
          title: `Release ${n}-${i}`,
          window: { start: at(3, 4, 9), end: at(3, 4, 10) },
        }),
      );
    const pages: Record<string, Page<Release>> = {
      '': { items: page(0), nextCursor: 'c1' },
      c1: { items: page(1), nextCursor: 'c2' },
      c2: { items: page(2), nextCursor: 'c3' },
      c3: { items: page(3), nextCursor: 'c4' },
      c4: { items: page(4), nextCursor: 'c5' },
      c5: { items: page(5) },
    };
    server.respond(
      'get',
      '/releases',
      ({ query }) => pages[String(query.cursor ?? '')],
    );
    await render(<ReleaseCalendar now={NOW} />);
    expect(
      await screen.findByText(
        `Showing the first ${MAX_CALENDAR_RELEASES} releases of this month; narrow the filters to see the rest.`,
      ),
    ).toBeInTheDocument();
    expect(server.queries('get', '/releases').map(c => c.cursor)).toEqual([
      undefined,
      'c1',
      'c2',
      'c3',
      'c4',
    ]);
    // A full day lists a few and the rest in place on "+998 more".
    expect(
      within(day('2030-03-04')).queryByRole('link', { name: 'Release 4-199' }),
    ).toBeNull();
    await userEvent.click(
      within(day('2030-03-04')).getByRole('button', {
        name: '998 more releases on March 4',
      }),
    );
    expect(
      within(day('2030-03-04')).getByRole('link', { name: 'Release 4-199' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('calendar-month')).toBeInTheDocument();
  });

  it('opens the page of a release when it is clicked', async () => {
    const { apis } = await render(<ReleaseCalendar now={NOW} />);
    const [link] = await screen.findAllByRole('link', { name: 'Payments 2.1' });
    await userEvent.click(link);
    await waitFor(() =>
      expect(
        apis.get(coreApis.appHistory)!.getSnapshot().location.pathname,
      ).toBe('/release-coordination/releases/multi'),
    );
  });
});
