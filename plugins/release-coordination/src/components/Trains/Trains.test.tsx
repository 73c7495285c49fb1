import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeRelease, makeTrain } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { rootRouteRef } from '../../routes';
import { BookOnTrain } from './BookOnTrain';
import { describeCadence, describeDuration, describeRrule } from './trainText';
import { TrainsTab } from './TrainsTab';

const NOW = new Date('2030-03-01T08:00:00.000Z');

const server = setupContractServer();
const release = makeRelease({
  id: 'r1',
  entityRefs: ['component:default/payments-api'],
});

/** A train covering payments-api with a bookable and a closed slot. */
function setup() {
  server.respond(
    'get',
    '/releases/r9',
    makeRelease({ id: 'r9', title: 'Checkout', version: '3.0' }),
  );
  server.respond('get', '/trains', {
    items: [
      makeTrain({
        scope: { systems: [], entities: ['component:default/payments-api'] },
      }),
    ],
  });
  server.respond('get', '/trains/t1/slots', {
    items: slots(),
  });
  server.respond('get', '/trains/t1/stats', ({ query }) => ({
    trainId: 't1',
    from: query.from,
    to: query.to,
    rode: 4,
    slipped: 1,
    outOfBand: 2,
  }));
}

function slots() {
  return [
    {
      trainId: 't1',
      start: '2030-03-05T09:00:00.000Z',
      end: '2030-03-05T11:00:00.000Z',
      cutoffAt: '2030-03-03T09:00:00.000Z',
      bookable: true,
      releaseIds: ['r9'],
    },
    {
      trainId: 't1',
      start: '2030-03-02T09:00:00.000Z',
      end: '2030-03-02T11:00:00.000Z',
      cutoffAt: '2030-02-28T09:00:00.000Z',
      bookable: false,
      releaseIds: [],
    },
  ];
}

function render(element: JSX.Element, owner = true) {
  return renderInTestApp(element, {
    apis: [
      [releaseCoordinationApiRef, server.api],
      mockApis.identity({
        ownershipEntityRefs: owner
          ? ['group:default/payments']
          : ['group:default/other'],
      }),
    ],
    mountedRoutes: {
      '/release-coordination': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

describe('trainText', () => {
  it('describes cadences, durations and zones', () => {
    expect(describeRrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU')).toBe(
      'every 2 weeks on Tuesday',
    );
    expect(describeRrule('FREQ=WEEKLY;BYDAY=MO,TH')).toBe(
      'every week on Monday, Thursday',
    );
    expect(describeRrule('FREQ=MONTHLY;BYDAY=-1FR')).toBe(
      'every month on the last Friday',
    );
    expect(describeRrule('FREQ=HOURLY;BYSETPOS=1')).toBe(
      'FREQ=HOURLY;BYSETPOS=1',
    );
    expect(describeRrule('FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR')).toBe(
      'every weekday',
    );
    expect(describeCadence(makeTrain())).toBe(
      'every 2 weeks on Tuesday at 10:00 (Europe/Berlin)',
    );
    expect(describeDuration('PT2H')).toBe('2 hours');
    expect(describeDuration('P2D')).toBe('2 days');
  });
});

describe('TrainsTab', () => {
  it('lists trains and expands one to its slots and stats', async () => {
    setup();
    await render(<TrainsTab now={NOW} />);
    expect(await screen.findByText('Commerce train')).toBeInTheDocument();
    expect(
      screen.getByText(
        /every 2 weeks on Tuesday at 10:00 \(Europe\/Berlin\) · slots of 2 hours · cut-off 2 days before/,
      ),
    ).toBeInTheDocument();
    // The summary is one button: its scope is words, the links are inside.
    const summary = screen.getByRole('button', { name: /Commerce train/ });
    expect(summary).toHaveTextContent('Scope: payments-api');
    expect(within(summary).queryByRole('link')).toBeNull();

    await userEvent.click(screen.getByText('Commerce train'));
    expect(
      await screen.findByRole('link', { name: 'payments-api' }),
    ).toBeInTheDocument();
    const stats = await screen.findByTestId('train-stats');
    expect(stats).toHaveTextContent('4 rode');
    expect(stats).toHaveTextContent('1 slipped');
    expect(stats).toHaveTextContent('2 out of band');
    const rows = await screen.findAllByTestId('train-slot');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('Bookable')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Cut-off passed')).toBeInTheDocument();
    expect(
      await within(rows[0]).findByRole('link', { name: 'Checkout 3.0' }),
    ).toHaveAttribute('href', '/release-coordination/releases/r9');
    expect(server.queries('get', '/trains/t1/slots')[0]).toMatchObject({
      from: NOW.toISOString(),
    });
  });

  it('says when there are no trains', async () => {
    server.respond('get', '/trains', { items: [] });
    await render(<TrainsTab now={NOW} />);
    expect(await screen.findByText('No release trains.')).toBeInTheDocument();
  });
});

describe('BookOnTrain', () => {
  it('books a release onto a bookable slot of its train', async () => {
    setup();
    server.respond('post', '/releases/r1/train-slot', {
      booking: {
        releaseId: 'r1',
        trainId: 't1',
        slotStart: '2030-03-05T09:00:00.000Z',
        bookedBy: 'user:default/alice',
        bookedAt: '2030-03-01T08:00:00.000Z',
      },
      release: {
        ...release,
        window: {
          start: '2030-03-05T09:00:00.000Z',
          end: '2030-03-05T11:00:00.000Z',
        },
        revision: 2,
      },
    });
    const onBooked = jest.fn();
    await render(<BookOnTrain release={release} onBooked={onBooked} />);
    const button = await screen.findByRole('button', {
      name: 'Book on a train',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog', {
      name: 'Book on a train',
    });
    const options = await within(dialog).findAllByRole('radio');
    expect(options).toHaveLength(1);
    await userEvent.click(options[0]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(onBooked).toHaveBeenCalled());
    expect(server.bodies('post', '/releases/r1/train-slot')).toEqual([
      { trainId: 't1', slotStart: '2030-03-05T09:00:00.000Z' },
    ]);
  });

  it('is absent when no train covers the entities', async () => {
    server.respond('get', '/trains', {
      items: [
        makeTrain({
          scope: { systems: [], entities: ['component:default/x'] },
        }),
      ],
    });
    await render(<BookOnTrain release={release} onBooked={jest.fn()} />);
    await waitFor(() =>
      expect(server.requests('get', '/trains')).toHaveLength(1),
    );
    expect(
      screen.queryByRole('button', { name: 'Book on a train' }),
    ).not.toBeInTheDocument();
  });

  it('is disabled for non-members of the owning group, saying why beside it', async () => {
    setup();
    await render(<BookOnTrain release={release} onBooked={jest.fn()} />, false);
    const button = await screen.findByRole('button', {
      name: 'Book on a train',
    });
    await waitFor(() => expect(button).toBeDisabled());
    expect(button).toHaveAccessibleDescription(
      'Only members of payments, which owns this release, can book it.',
    );
    expect(screen.getByTestId('disabled-reason')).toBeVisible();
  });
});
