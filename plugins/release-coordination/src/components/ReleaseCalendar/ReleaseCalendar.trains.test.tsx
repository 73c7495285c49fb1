import { TrainSlot } from '@internal/plugin-release-coordination-common';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import { answerCalendar } from '../../__testUtils__/answers';
import { makeFreezeOccurrence, makeTrain } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { trainCoversFilter } from './useCalendarTrainSlots';
import { ReleaseCalendar } from './ReleaseCalendar';
import {
  at,
  day,
  endOf,
  multiDay,
  NOW,
  renderCalendar as renderWith,
} from './__testUtils__/calendarKit';

const server = setupContractServer();
const render = (...args: [JSX.Element, ReturnType<typeof catalogApiMock>?]) =>
  renderWith(server, ...args);

/** The train slot requests: which train, and the query. */
const slotCalls = () =>
  server
    .requests('get', '/trains/{id}/slots')
    .map(r => ({ id: r.params.id, to: r.query.to }));

describe('ReleaseCalendar', () => {
  describe('train slots', () => {
    /** The Commerce train's slots: March 12 (closed) and April 20. */
    const slotsOfT1: TrainSlot[] = [
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
    ];
    /** Two trains: Commerce on the payments system, Search on one component. */
    function withTrains(releases = [multiDay], commerceSlots = slotsOfT1) {
      answerCalendar(server, {
        releases,
        trains: [
          makeTrain(),
          makeTrain({
            id: 't2',
            name: 'Search train',
            scope: { systems: [], entities: ['component:default/search-api'] },
          }),
        ],
      });
      server.respond('get', '/trains/t1/slots', { items: commerceSlots });
      server.respond('get', '/trains/t2/slots', {
        items: [
          {
            trainId: 't2',
            start: at(3, 19, 14),
            end: at(3, 19, 15),
            cutoffAt: at(3, 18, 14),
            bookable: true,
            releaseIds: [],
          },
        ],
      });
    }
    const slotsIn = (iso: string) =>
      within(day(iso)).queryAllByTestId('calendar-train-slot');

    it('marks the slots of every train on their days, apart from freezes', async () => {
      withTrains();
      server.respond('get', '/freeze-occurrences', {
        items: [
          makeFreezeOccurrence({
            title: 'Quarter-end freeze',
            start: at(3, 15),
            end: at(3, 17),
          }),
        ],
      });
      await render(<ReleaseCalendar now={NOW} />);
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
      expect(
        slotCalls()
          .map(c => c.id)
          .sort(),
      ).toEqual(['t1', 't2']);
      expect(slotCalls()[0].to).toBe(endOf(3, 31));
    });

    it('lists a slot with its window in the agenda', async () => {
      // From today on, the Commerce train has only its April slot.
      withTrains([], slotsOfT1.slice(1));
      await render(<ReleaseCalendar now={NOW} view="agenda" />);
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
      withTrains();
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
      expect(slotCalls().map(c => c.id)).toEqual(['t1']);
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
