import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime, Settings } from 'luxon';
import { answerCalendar } from '../../__testUtils__/answers';
import {
  makeFreezeOccurrence,
  makeRelease,
  makeTrain,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { ReleaseCalendar } from './ReleaseCalendar';
import { day, renderCalendar } from './__testUtils__/calendarKit';
import { assignLanes } from './scheduleModel';

const ZONE = 'Europe/Berlin';
const server = setupContractServer();

/** A wall-clock time in Berlin, March 2030 (CET, UTC+1), as ISO UTC. */
const berlin = (dayOfMonth: number, hour = 0) =>
  DateTime.fromObject(
    { year: 2030, month: 3, day: dayOfMonth, hour },
    { zone: ZONE },
  )
    .toUTC()
    .toISO()!;

/** Wednesday March 13 2030, noon in Berlin. */
const NOW = new Date(berlin(13, 12));

/** The weekend freeze: Friday 16:00 to Monday 07:00 Berlin time, everything. */
const weekendFreeze = makeFreezeOccurrence({
  freezeId: 'weekend',
  title: 'Weekend freeze',
  start: berlin(15, 16),
  end: berlin(18, 7),
});

/** A freeze of the payments system only, Tuesday 06:00 to Thursday 20:00. */
const paymentsFreeze = makeFreezeOccurrence({
  freezeId: 'acquirer',
  title: 'Acquirer migration freeze',
  start: berlin(19, 6),
  end: berlin(21, 20),
  scope: {
    all: false,
    domains: [],
    systems: ['system:default/payments'],
    groups: [],
    entities: [],
  },
});

const render = (element: JSX.Element) => renderCalendar(server, element);

describe('ReleaseCalendar as a change schedule', () => {
  beforeAll(() => {
    Settings.defaultZone = ZONE;
  });
  afterAll(() => {
    Settings.defaultZone = 'system';
  });

  it('shades a freeze ending Monday 07:00 (Berlin) only until 07:00 of Monday, in the month and the week', async () => {
    answerCalendar(server, { freezeOccurrences: [weekendFreeze] });
    await render(<ReleaseCalendar now={NOW} />);
    await screen.findAllByText(/Weekend freeze/);

    expect(day('2030-03-16')).toHaveAttribute('data-frozen', 'true');
    expect(day('2030-03-18')).toHaveAttribute('data-frozen', 'partly');
    expect(
      within(day('2030-03-18')).getByTestId('calendar-freeze-shade'),
    ).toHaveAttribute('data-hours', 'until 07:00');
    expect(
      within(day('2030-03-18')).getByTestId('calendar-freeze'),
    ).toHaveTextContent('Weekend freeze · until 07:00');
    expect(
      within(day('2030-03-15')).getByTestId('calendar-freeze'),
    ).toHaveTextContent('Weekend freeze · from 16:00');
    expect(day('2030-03-19')).not.toHaveAttribute('data-frozen');

    await userEvent.click(screen.getByRole('button', { name: 'Week view' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    const band = await waitFor(() =>
      within(day('2030-03-18')).getByTestId('calendar-freeze-band'),
    );
    expect(band).toHaveAttribute('data-hours', 'until 07:00');
    // 7 of 24 hours of 28 pixels each, from the top of the day.
    expect(band).toHaveStyle({ top: '0px', height: `${7 * 28}px` });
    expect(screen.getByTestId('calendar-time-zone')).toHaveAttribute(
      'title',
      `Times in ${ZONE}`,
    );
  });

  it('shades a freeze of one system only when the calendar is narrowed to it', async () => {
    answerCalendar(server, { freezeOccurrences: [paymentsFreeze] });
    const { unmount } = await render(<ReleaseCalendar now={NOW} />);
    const mark = (await screen.findAllByTestId('calendar-freeze'))[0];
    expect(mark).toHaveTextContent(
      'Acquirer migration freeze (payments system) · from 06:00',
    );
    expect(day('2030-03-20')).not.toHaveAttribute('data-frozen');
    unmount();

    await render(
      <ReleaseCalendar
        now={NOW}
        filter={{ system: 'system:default/payments' }}
      />,
    );
    await screen.findAllByTestId('calendar-freeze');
    expect(day('2030-03-20')).toHaveAttribute('data-frozen', 'true');
    expect(day('2030-03-19')).toHaveAttribute('data-frozen', 'partly');
    expect(server.queries('get', '/freeze-occurrences').at(-1)).toMatchObject({
      entityRef: ['system:default/payments'],
    });
  });

  it('marks a train slot inside a freeze covering its train as not bookable', async () => {
    answerCalendar(server, {
      freezeOccurrences: [paymentsFreeze],
      trains: [makeTrain()],
    });
    const slot = (start: string, end: string) => ({
      trainId: 't1',
      start,
      end,
      cutoffAt: berlin(1),
      bookable: true,
      releaseIds: [],
    });
    server.respond('get', '/trains/t1/slots', {
      items: [
        slot(berlin(19, 10), berlin(19, 12)),
        slot(berlin(5, 10), berlin(5, 12)),
      ],
    });
    await render(<ReleaseCalendar now={NOW} />);
    const inside = await waitFor(() =>
      within(day('2030-03-19')).getByTestId('calendar-train-slot'),
    );
    expect(inside).toHaveAttribute('data-bookable', 'false');
    expect(inside).toHaveTextContent(
      'Commerce train 10:00 · not bookable: inside Acquirer migration freeze',
    );
    expect(
      within(day('2030-03-05')).getByTestId('calendar-train-slot'),
    ).toHaveAttribute('data-bookable', 'true');
  });

  it('asks for unfinished releases unless the state filter names states', async () => {
    answerCalendar(server);
    const { unmount } = await render(<ReleaseCalendar now={NOW} />);
    await waitFor(() =>
      expect(server.queries('get', '/releases')).toHaveLength(1),
    );
    expect(server.queries('get', '/releases')[0].state).toEqual([
      'draft',
      'planned',
      'approved',
      'in_progress',
      'rolling_back',
    ]);
    unmount();
    await render(
      <ReleaseCalendar now={NOW} filter={{ state: ['cancelled'] }} />,
    );
    await waitFor(() =>
      expect(server.queries('get', '/releases')).toHaveLength(2),
    );
    expect(server.queries('get', '/releases')[1].state).toEqual(['cancelled']);
  });

  it('lists live releases first in a full day, so that "+n more" never hides one', async () => {
    const planned = [9, 10, 11].map(hour =>
      makeRelease({
        id: `p${hour}`,
        title: `Planned ${hour}`,
        state: 'planned',
        window: { start: berlin(14, hour), end: berlin(14, hour + 1) },
      }),
    );
    const live = makeRelease({
      id: 'live',
      title: 'Live one',
      state: 'in_progress',
      window: { start: berlin(14, 15), end: berlin(14, 17) },
    });
    answerCalendar(server, { releases: [...planned, live] });
    await render(<ReleaseCalendar now={NOW} />);
    await screen.findAllByTestId('calendar-release');
    const cell = day('2030-03-14');
    const first = within(cell).getAllByTestId('calendar-release');
    expect(first[0]).toHaveAttribute('data-release-id', 'live');
    expect(first[0]).toHaveAttribute('data-live', 'true');
    expect(first).toHaveLength(2);
    await userEvent.click(
      within(cell).getByRole('button', { name: '2 more releases on March 14' }),
    );
    expect(within(cell).getAllByTestId('calendar-release')).toHaveLength(4);
  });

  it('has a day view with an hour axis, overlapping releases side by side', async () => {
    answerCalendar(server, {
      releases: [
        makeRelease({
          id: 'a',
          title: 'Early',
          window: { start: berlin(13, 9), end: berlin(13, 11) },
        }),
        makeRelease({
          id: 'b',
          title: 'Overlapping',
          window: { start: berlin(13, 10), end: berlin(13, 12) },
        }),
      ],
    });
    await render(<ReleaseCalendar now={NOW} defaultView="day" />);
    expect(await screen.findByTestId('calendar-day')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Wednesday, March 13, 2030' }),
    ).toBeInTheDocument();
    expect(screen.getByText('07:00')).toBeInTheDocument();
    const [early, overlapping] = screen
      .getAllByTestId('calendar-release')
      .map(release => release.parentElement!);
    expect(early).toHaveStyle({ top: `${9 * 28}px`, height: `${2 * 28}px` });
    expect(early.style.left).toBe('calc(0% + 8px)');
    expect(overlapping.style.left).toBe('calc(50% + 8px)');
    expect(server.queries('get', '/releases')[0]).toMatchObject({
      from: berlin(13),
      to: DateTime.fromISO(berlin(14)).minus(1).toUTC().toISO(),
    });
  });
});

describe('assignLanes', () => {
  it('puts overlapping items side by side and the others in one lane', () => {
    const laned = assignLanes(
      [
        { id: 'a', start: 0, end: 10 },
        { id: 'b', start: 5, end: 15 },
        { id: 'c', start: 12, end: 20 },
        { id: 'd', start: 30, end: 40 },
      ],
      item => item,
    );
    expect(
      laned.map(({ item, lane, lanes }) => [item.id, lane, lanes]),
    ).toEqual([
      ['a', 0, 2],
      ['b', 1, 2],
      ['c', 0, 2],
      ['d', 0, 1],
    ]);
  });
});
