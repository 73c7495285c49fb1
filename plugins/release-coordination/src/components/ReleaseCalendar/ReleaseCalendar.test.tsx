import { coreApis } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { Release } from '@internal/plugin-release-coordination-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  FakeReleaseCoordinationApi,
  makeFreezeOccurrence,
  makeReadiness,
  makeRelease,
  makeTrain,
} from '../../__fixtures__/FakeReleaseCoordinationApi';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { MAX_CALENDAR_RELEASES } from './useCalendarData';
import { trainCoversFilter } from './useCalendarTrainSlots';
import { ReleaseCalendar } from './ReleaseCalendar';

/** A local time in 2030 as an ISO timestamp. */
const at = (month: number, day: number, hour = 0, minute = 0) =>
  new Date(2030, month - 1, day, hour, minute).toISOString();
/** The end of a local day in 2030 as an ISO timestamp. */
const endOf = (month: number, day: number) =>
  new Date(2030, month - 1, day, 23, 59, 59, 999).toISOString();

/** Wednesday, March 13 2030, noon local time. */
const NOW = new Date(2030, 2, 13, 12);

const multiDay = makeRelease({
  id: 'multi',
  title: 'Payments 2.1',
  type: 'hotfix',
  state: 'planned',
  window: { start: at(3, 11, 9), end: at(3, 13, 17) },
});

function render(
  api: FakeReleaseCoordinationApi,
  element: ReactElement,
  catalog?: ReturnType<typeof catalogApiMock>,
) {
  return renderInTestApp(element, {
    apis: [
      [releaseCoordinationApiRef, api],
      ...(catalog ? [[catalogApiRef, catalog] as const] : []),
      mockApis.identity({
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: ['group:default/payments'],
      }),
    ],
    mountedRoutes: { '/release-coordination': rootRouteRef },
  });
}

const day = (iso: string) => screen.getByTestId(`calendar-day-${iso}`);

describe('ReleaseCalendar', () => {
  it('places a multi-day release on each of its days in the month and marks today', async () => {
    const api = new FakeReleaseCoordinationApi([multiDay]);
    await render(api, <ReleaseCalendar now={NOW} />);

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
    expect(api.listCalls[0]).toMatchObject({
      from: at(2, 25),
      to: endOf(3, 31),
      order: 'asc',
      limit: 200,
    });
    expect(api.freezeCalls[0]).toEqual({ from: at(2, 25), to: endOf(3, 31) });

    // Coloured by type, with a legend.
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(within(legend).getByText('hotfix')).toBeInTheDocument();
    expect(within(legend).getByText('freeze')).toBeInTheDocument();
    expect(
      within(day('2030-03-11')).getByTestId('calendar-release'),
    ).toHaveAttribute('data-type', 'hotfix');
  });

  it('strikes cancelled releases through', async () => {
    const api = new FakeReleaseCoordinationApi([
      makeRelease({
        id: 'c',
        title: 'Dropped',
        state: 'cancelled',
        window: { start: at(3, 5, 9), end: at(3, 5, 10) },
      }),
    ]);
    await render(api, <ReleaseCalendar now={NOW} />);
    const link = await screen.findByRole('link', { name: 'Dropped' });
    expect(link).toHaveStyle('text-decoration: line-through');
    expect(
      within(day('2030-03-05')).getByText('cancelled'),
    ).toBeInTheDocument();
  });

  it('navigates between months and requests the visible range', async () => {
    const api = new FakeReleaseCoordinationApi([multiDay]);
    await render(api, <ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });

    await userEvent.click(screen.getByRole('button', { name: 'Next month' }));
    expect(
      await screen.findByRole('heading', { name: 'April 2030' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.listCalls.at(-1)).toMatchObject({
        from: at(4, 1),
        to: endOf(5, 5),
      }),
    );
    expect(api.freezeCalls.at(-1)).toEqual({ from: at(4, 1), to: endOf(5, 5) });
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
      expect(api.listCalls.at(-1)).toMatchObject({
        from: at(1, 28),
        to: endOf(3, 3),
      }),
    );
  });

  it('shows a week with the release on each of its days', async () => {
    const api = new FakeReleaseCoordinationApi([multiDay]);
    await render(api, <ReleaseCalendar now={NOW} defaultView="week" />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });

    expect(screen.getByTestId('calendar-week')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Mar 11 – 17, 2030' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Payments 2.1' })).toHaveLength(
      3,
    );
    expect(day('2030-03-13')).toHaveAttribute('aria-current', 'date');
    expect(api.listCalls[0]).toMatchObject({
      from: at(3, 11),
      to: endOf(3, 17),
    });

    await userEvent.click(screen.getByRole('button', { name: 'Next week' }));
    await waitFor(() =>
      expect(api.listCalls.at(-1)).toMatchObject({
        from: at(3, 18),
        to: endOf(3, 24),
      }),
    );
  });

  it('lists the next days as an agenda, each release once', async () => {
    const api = new FakeReleaseCoordinationApi([
      multiDay,
      makeRelease({
        id: 'later',
        title: 'Search 5',
        type: 'normal',
        window: { start: at(3, 20, 14), end: at(3, 20, 15) },
      }),
    ]);
    await render(api, <ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });

    await userEvent.click(screen.getByRole('button', { name: 'Agenda view' }));
    await waitFor(() =>
      expect(api.listCalls.at(-1)).toMatchObject({
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
    const api = new FakeReleaseCoordinationApi([multiDay]);
    api.freezeOccurrences = [
      makeFreezeOccurrence({
        title: 'Quarter-end freeze',
        start: at(3, 15),
        end: at(3, 17),
      }),
    ];
    await render(
      api,
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
    expect(api.freezeCalls[0].entityRef).toEqual([
      'component:default/payments-api',
    ]);
    expect(api.listCalls[0].entityRef).toEqual([
      'component:default/payments-api',
    ]);
  });

  it('still shows the releases when the backend has no freezes (404)', async () => {
    const api = new FakeReleaseCoordinationApi([multiDay]);
    api.failures.listFreezeOccurrences =
      await FakeReleaseCoordinationApi.errorResponse(
        404,
        'NotFoundError',
        'Not found',
      );
    await render(api, <ReleaseCalendar now={NOW} />);
    expect(
      await screen.findAllByRole('link', { name: 'Payments 2.1' }),
    ).toHaveLength(3);
    expect(screen.queryByText(/Freezes could not be loaded/)).toBeNull();
  });

  it('warns when freezes fail otherwise, still showing releases', async () => {
    const api = new FakeReleaseCoordinationApi([multiDay]);
    api.failures.listFreezeOccurrences =
      await FakeReleaseCoordinationApi.errorResponse(500, 'Error', 'boom');
    await render(api, <ReleaseCalendar now={NOW} />);
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
    const api = new FakeReleaseCoordinationApi([multiDay, ready, done]);
    api.readiness.multi = makeReadiness();
    api.readiness.ready = makeReadiness({
      items: [
        {
          id: 'approvals',
          label: 'Approvals complete',
          kind: 'automatic',
          passed: true,
          facts: [],
        },
      ],
    });
    api.readiness.done = makeReadiness();
    await render(api, <ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });

    const notReadyMarks = await within(day('2030-03-11')).findAllByRole('img', {
      name: 'Not ready: Approvals complete: not passed; Rollback plan reviewed: not passed',
    });
    expect(notReadyMarks[0]).toHaveAttribute('data-verdict', 'not-ready');
    expect(
      within(day('2030-03-18')).getByRole('img', { name: 'Ready' }),
    ).toHaveAttribute('data-verdict', 'ready');
    // finished releases are not asked about and have no mark
    expect(
      within(day('2030-03-04')).queryByTestId('calendar-readiness'),
    ).toBeNull();
    expect(api.verdictCalls).toEqual([['multi', 'ready']]);
    expect(screen.queryByText(/Readiness could not be loaded/)).toBeNull();
  });

  it('shows releases without marks when readiness is missing (404) and warns on other failures', async () => {
    const api = new FakeReleaseCoordinationApi([multiDay]);
    api.failures.getReadinessVerdicts =
      await FakeReleaseCoordinationApi.errorResponse(
        404,
        'NotFoundError',
        'Not found',
      );
    const { unmount } = await render(api, <ReleaseCalendar now={NOW} />);
    await screen.findAllByRole('link', { name: 'Payments 2.1' });
    await waitFor(() => expect(api.verdictCalls).toHaveLength(1));
    expect(screen.queryByTestId('calendar-readiness')).toBeNull();
    expect(screen.queryByText(/Readiness could not be loaded/)).toBeNull();
    unmount();

    api.failures.getReadinessVerdicts =
      await FakeReleaseCoordinationApi.errorResponse(500, 'Error', 'boom');
    await render(api, <ReleaseCalendar now={NOW} />);
    expect(
      await screen.findByText('Readiness could not be loaded: boom'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Payments 2.1' })).toHaveLength(
      3,
    );
  });

  it('shows errors of the releases', async () => {
    const api = new FakeReleaseCoordinationApi();
    api.failures.listReleases = await FakeReleaseCoordinationApi.errorResponse(
      500,
      'Error',
      'database on fire',
    );
    await render(api, <ReleaseCalendar now={NOW} />);
    expect(await screen.findByText(/database on fire/)).toBeInTheDocument();
  });

  it('follows pages up to the cap and says so', async () => {
    const api = new FakeReleaseCoordinationApi();
    const page = (n: number): Release[] =>
      Array.from({ length: 200 }, (_, i) =>
        makeRelease({
          id: `p${n}-${i}`,
          title: `Release ${n}-${i}`,
          window: { start: at(3, 4, 9), end: at(3, 4, 10) },
        }),
      );
    api.pages = {
      '': { items: page(0), nextCursor: 'c1' },
      c1: { items: page(1), nextCursor: 'c2' },
      c2: { items: page(2), nextCursor: 'c3' },
      c3: { items: page(3), nextCursor: 'c4' },
      c4: { items: page(4), nextCursor: 'c5' },
      c5: { items: page(5) },
    };
    await render(api, <ReleaseCalendar now={NOW} />);
    expect(
      await screen.findByText(
        `Showing the first ${MAX_CALENDAR_RELEASES} releases of this month; narrow the filters to see the rest.`,
      ),
    ).toBeInTheDocument();
    expect(api.listCalls.map(c => c.cursor)).toEqual([
      undefined,
      'c1',
      'c2',
      'c3',
      'c4',
    ]);
    // A full day lists a few and offers the rest in the week view.
    await userEvent.click(
      within(day('2030-03-04')).getByRole('button', {
        name: '998 more releases on March 4',
      }),
    );
    expect(await screen.findByTestId('calendar-week')).toBeInTheDocument();
  });

  it('opens the page of a release when it is clicked', async () => {
    const api = new FakeReleaseCoordinationApi([multiDay]);
    const { apis } = await render(api, <ReleaseCalendar now={NOW} />);
    const [link] = await screen.findAllByRole('link', { name: 'Payments 2.1' });
    await userEvent.click(link);
    await waitFor(() =>
      expect(
        apis.get(coreApis.appHistory)!.getSnapshot().location.pathname,
      ).toBe('/release-coordination/releases/multi'),
    );
  });

  describe('train slots', () => {
    /** Two trains: Commerce on the payments system, Search on one component. */
    function withTrains(api: FakeReleaseCoordinationApi) {
      api.trains = [
        makeTrain(),
        makeTrain({
          id: 't2',
          name: 'Search train',
          scope: { systems: [], entities: ['component:default/search-api'] },
        }),
      ];
      api.trainSlots = {
        t1: [
          {
            trainId: 't1',
            start: at(3, 12, 10),
            end: at(3, 12, 12),
            cutoffAt: at(3, 10, 10),
            bookable: false,
            releaseIds: [],
          },
          {
            trainId: 't1',
            start: at(4, 20, 10),
            end: at(4, 20, 12),
            cutoffAt: at(4, 18, 10),
            bookable: true,
            releaseIds: [],
          },
        ],
        t2: [
          {
            trainId: 't2',
            start: at(3, 19, 14),
            end: at(3, 19, 15),
            cutoffAt: at(3, 18, 14),
            bookable: true,
            releaseIds: [],
          },
        ],
      };
      return api;
    }
    const slotsIn = (iso: string) =>
      within(day(iso)).queryAllByTestId('calendar-train-slot');

    it('marks the slots of every train on their days, apart from freezes', async () => {
      const api = withTrains(new FakeReleaseCoordinationApi([multiDay]));
      api.freezeOccurrences = [
        makeFreezeOccurrence({
          title: 'Quarter-end freeze',
          start: at(3, 15),
          end: at(3, 17),
        }),
      ];
      await render(api, <ReleaseCalendar now={NOW} />);
      await waitFor(() => expect(slotsIn('2030-03-12')).toHaveLength(1));
      const mark = slotsIn('2030-03-12')[0];
      expect(mark).toHaveTextContent('Commerce train 10:00');
      expect(within(mark).getByLabelText('Train slot')).toBeInTheDocument();
      expect(mark).toHaveAttribute(
        'title',
        expect.stringMatching(/^Train slot: Commerce train · /),
      );
      expect(slotsIn('2030-03-19')[0]).toHaveTextContent('Search train 14:00');
      expect(slotsIn('2030-03-13')).toHaveLength(0);
      // Freezes stay freezes: no train mark, and train days are not frozen.
      expect(slotsIn('2030-03-15')).toHaveLength(0);
      expect(day('2030-03-12')).not.toHaveAttribute('data-frozen');
      expect(
        within(screen.getByRole('list', { name: 'Legend' })).getByText(
          'train slot',
        ),
      ).toBeInTheDocument();
      expect(api.trainSlotCalls.map(c => c.id).sort()).toEqual(['t1', 't2']);
      expect(api.trainSlotCalls[0].to).toBe(endOf(3, 31));
    });

    it('lists a slot with its window in the agenda', async () => {
      const api = withTrains(new FakeReleaseCoordinationApi([]));
      await render(api, <ReleaseCalendar now={NOW} view="agenda" />);
      const marks = await screen.findAllByTestId('calendar-train-slot');
      // The agenda starts today: the Commerce slot of the 12th is before it.
      expect(marks.map(m => m.textContent)).toEqual([
        expect.stringMatching(/^Search train \(Mar 19, 2030, .+ – .+\)$/),
      ]);
      expect(
        within(day('2030-03-19')).getByText(/Search train/),
      ).toBeInTheDocument();
    });

    it('on an entity, marks only the trains whose scope covers it', async () => {
      const api = withTrains(new FakeReleaseCoordinationApi([multiDay]));
      const catalog = catalogApiMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'payments-api', namespace: 'default' },
            spec: { system: 'payments', owner: 'payments' },
          },
        ],
      });
      await render(
        api,
        <ReleaseCalendar
          now={NOW}
          filter={{ entityRef: ['component:default/payments-api'] }}
        />,
        catalog,
      );
      await waitFor(() => expect(slotsIn('2030-03-12')).toHaveLength(1));
      expect(slotsIn('2030-03-12')[0]).toHaveTextContent('Commerce train');
      await screen.findAllByRole('link', { name: 'Payments 2.1' });
      expect(screen.queryByText(/Search train/)).toBeNull();
      expect(api.trainSlotCalls.map(c => c.id)).toEqual(['t1']);
    });

    it('matches trains to entity, system, domain and owner filters', () => {
      const train = makeTrain({
        scope: {
          systems: ['system:default/payments'],
          entities: ['component:default/ledger'],
        },
      });
      const relations = new Map([
        ['component:default/checkout', { system: 'system:default/payments' }],
        ['component:default/ledger', { system: 'system:default/finance' }],
        [
          'system:default/payments',
          {
            domain: 'domain:default/commerce',
            owner: 'group:default/payments',
          },
        ],
      ]);
      const covers = (filter: object) =>
        trainCoversFilter(train, filter, relations);
      expect(covers({})).toBe(true);
      expect(covers({ type: ['hotfix'] })).toBe(true);
      expect(covers({ entityRef: ['Component:default/Ledger'] })).toBe(true);
      expect(covers({ entityRef: ['component:default/checkout'] })).toBe(true);
      expect(covers({ entityRef: ['component:default/other'] })).toBe(false);
      expect(covers({ system: 'system:default/payments' })).toBe(true);
      expect(covers({ system: 'system:default/finance' })).toBe(true);
      expect(covers({ system: 'system:default/search' })).toBe(false);
      expect(covers({ domain: 'domain:default/commerce' })).toBe(true);
      expect(covers({ domain: 'domain:default/other' })).toBe(false);
      expect(covers({ owner: 'group:default/payments' })).toBe(true);
      expect(covers({ owner: 'group:default/search' })).toBe(false);
      // Without the catalog only the scope's own refs count.
      expect(
        trainCoversFilter(train, { entityRef: ['component:default/checkout'] }),
      ).toBe(false);
    });
  });
});
