import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
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
import { placeOnAxis } from './timelineModel';

/** Friday, March 1 2030, 10:00 local time: the axis runs from midnight for 6 weeks (42 days). */
const NOW = new Date(2030, 2, 1, 10);
const day = (d: number, hour = 0) => new Date(2030, 2, d, hour).toISOString();

const server = setupContractServer();

/** Three releases, one after another, a freeze and a train slot. */
function setup() {
  const releases = [
    makeRelease({
      id: 'base',
      title: 'Ledger',
      version: '5.0',
      type: 'normal',
      state: 'approved',
      ownerRef: 'group:default/ledger',
      window: { start: day(8), end: day(15) },
    }),
    makeRelease({
      id: 'follow',
      title: 'Payments',
      version: '2.1',
      type: 'hotfix',
      ownerRef: 'group:default/payments',
      window: { start: day(22), end: day(29) },
      after: ['base'],
    }),
    makeRelease({
      id: 'early',
      title: 'Checkout',
      version: '1.0',
      ownerRef: 'group:default/payments',
      window: { start: day(10), end: day(12) },
      after: ['base'],
    }),
  ];
  answerCalendar(server, {
    releases,
    freezeOccurrences: [makeFreezeOccurrence({ start: day(15), end: day(22) })],
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
}

function render() {
  return renderInTestApp(
    <Routes>
      <Route path="/" element={<ReleaseTimeline now={NOW} />} />
      <Route
        path="/release-coordination/releases/:id"
        element={<div>Release page opened</div>}
      />
    </Routes>,
    {
      apis: [
        [releaseCoordinationApiRef, server.api],
        mockApis.identity({ ownershipEntityRefs: ['group:default/payments'] }),
      ],
      mountedRoutes: { '/release-coordination': rootRouteRef },
    },
  );
}

const pct = (value: string) => parseFloat(value);

describe('placeOnAxis', () => {
  it('places windows proportionally and clips them to the range', () => {
    const range = { from: 0, to: 1000 };
    expect(
      placeOnAxis(
        range,
        new Date(250).toISOString(),
        new Date(500).toISOString(),
      ),
    ).toEqual({ left: 25, width: 25 });
    expect(
      placeOnAxis(
        range,
        new Date(-100).toISOString(),
        new Date(100).toISOString(),
      ),
    ).toEqual({ left: 0, width: 10 });
    expect(
      placeOnAxis(
        range,
        new Date(1100).toISOString(),
        new Date(1200).toISOString(),
      ),
    ).toBeUndefined();
  });
});

describe('ReleaseTimeline', () => {
  it('places bars proportionally on six weeks, a row per owner, with state and colour', async () => {
    setup();
    await render();
    await screen.findAllByTestId('timeline-bar');
    await userEvent.click(
      screen.getByRole('button', { name: 'Group by owner' }),
    );
    const bars = await screen.findAllByTestId('timeline-bar');
    expect(bars).toHaveLength(3);
    const bar = (id: string) =>
      bars.find(b => b.getAttribute('data-release-id') === id)!;

    // March 8 → 15 of a 42-day axis from March 1: 7/42 from the left, 7/42 wide
    expect(pct(bar('base').style.left)).toBeCloseTo((7 / 42) * 100, 1);
    expect(pct(bar('base').style.width)).toBeCloseTo((7 / 42) * 100, 1);
    expect(pct(bar('follow').style.left)).toBeCloseTo((21 / 42) * 100, 1);
    // A week of six is too short for its label: it sits beside the bar.
    expect(bar('base')).toHaveAttribute('data-label-outside', 'true');
    expect(bar('base').nextElementSibling).toHaveTextContent(
      'Ledger 5.0 · approved',
    );
    expect(bar('follow').style.background).not.toBe(
      bar('base').style.background,
    );

    expect(server.queries('get', '/releases')[0]).toMatchObject({
      from: day(1),
      to: new Date(2030, 3, 12).toISOString(),
    });
    const rows = screen.getAllByTestId('timeline-row');
    expect(rows.map(g => g.getAttribute('aria-label'))).toEqual([
      'ledger',
      'payments',
    ]);
    expect(within(rows[1]).getAllByTestId('timeline-bar')).toHaveLength(2);

    // The freeze covers everything: shaded on both rows.
    const freezes = screen.getAllByTestId('timeline-freeze');
    expect(freezes).toHaveLength(2);
    expect(pct(freezes[0].style.left)).toBeCloseTo((14 / 42) * 100, 1);
    // The Commerce train serves the payments System, not these owners' rows.
    expect(screen.queryByTestId('timeline-train-slot')).toBeNull();
  });

  it('connects releases that must follow others, red when too early', async () => {
    setup();
    await render();
    await screen.findAllByTestId('timeline-bar');
    const connectors = screen.getAllByTestId('timeline-connector');
    expect(
      connectors.map(c => [
        c.getAttribute('data-from'),
        c.getAttribute('data-to'),
        c.getAttribute('data-violated'),
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['base', 'follow', 'false'],
        ['base', 'early', 'true'],
      ]),
    );
    expect(connectors).toHaveLength(2);
  });

  it('opens the release on click and with the keyboard', async () => {
    setup();
    await render();
    const bars = await screen.findAllByRole('link', { name: /Ledger 5.0/ });
    bars[0].focus();
    expect(bars[0]).toHaveFocus();
    fireEvent.keyDown(bars[0], { key: 'Enter' });
    expect(await screen.findByText('Release page opened')).toBeInTheDocument();
  });

  it('opens the release when a bar is clicked', async () => {
    setup();
    await render();
    const [bar] = await screen.findAllByRole('link', { name: /Payments 2.1/ });
    await userEvent.click(bar);
    expect(await screen.findByText('Release page opened')).toBeInTheDocument();
  });

  it('moves to the next period', async () => {
    setup();
    await render();
    await screen.findAllByTestId('timeline-bar');
    // The backend has no release in the next six weeks.
    server.respond('get', '/releases', { items: [] });
    await userEvent.click(screen.getByRole('button', { name: 'Next period' }));
    expect(
      await screen.findByText('No releases in this period.'),
    ).toBeInTheDocument();
    expect(server.queries('get', '/releases').at(-1)).toMatchObject({
      from: new Date(2030, 3, 12).toISOString(),
    });
  });
});

describe('ReleaseTimeline hotfix links', () => {
  it('shows under a hotfix the release it follows up, linking to it, and asks only about releases that may have links', async () => {
    setup();
    server.respond('get', '/hotfix-links', {
      items: [
        {
          releaseId: 'follow',
          hotfixOf: {
            id: 'gone',
            title: 'Ledger',
            version: '4.9',
            state: 'rolled_back',
          },
          hotfixes: [],
        },
      ],
    });
    await render();
    const line = await screen.findByTestId('timeline-hotfix-link');
    expect(line).toHaveTextContent('↳ follow-up hotfix of Ledger 4.9');
    expect(
      within(line).getByRole('link', { name: 'Ledger 4.9' }),
    ).toHaveAttribute('href', '/release-coordination/releases/gone');
    // only the hotfix "follow" may have links among the three shown
    expect(server.queries('get', '/hotfix-links')).toEqual([
      { releaseId: ['follow'] },
    ]);
  });
});
