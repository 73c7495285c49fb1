import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Release } from '@internal/plugin-release-coordination-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DateTime, Settings } from 'luxon';
import {
  makeFreeze,
  makeFreezeOccurrence,
  makeRelease,
} from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { EditReleaseDialog } from '../EditReleaseDialog';
import { CreateReleaseDialog } from './CreateReleaseDialog';

const ZONE = 'Europe/Berlin';
const server = setupContractServer();

/** A wall-clock time in Berlin, March 2030 (CET), as ISO UTC. */
const berlin = (day: number, hour = 0) =>
  DateTime.fromObject({ year: 2030, month: 3, day, hour }, { zone: ZONE })
    .toUTC()
    .toISO()!;

const setValue = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

const check = () => screen.getByTestId('window-check');

async function renderCreate() {
  await renderInTestApp(
    <CreateReleaseDialog
      open
      onClose={jest.fn()}
      onCreated={jest.fn<void, [Release]>()}
      initialEntityRefs={['component:default/payments-api']}
    />,
    { apis: [[releaseCoordinationApiRef, server.api]] },
  );
}

describe('the live window check of the release dialogs', () => {
  beforeAll(() => {
    Settings.defaultZone = ZONE;
  });
  afterAll(() => {
    Settings.defaultZone = 'system';
  });
  beforeEach(() => {
    server.respond('get', '/standard-changes', { items: [] });
    server.respond('get', '/trains', { items: [] });
    server.respond('get', '/slots', { items: [] });
    server.respond('get', '/releases', { items: [] });
    server.respond('get', '/freeze-occurrences', { items: [] });
  });

  it('asks the assistant nothing while the dialog is closed', async () => {
    await renderInTestApp(
      <CreateReleaseDialog
        open={false}
        onClose={jest.fn()}
        onCreated={jest.fn<void, [Release]>()}
        initialEntityRefs={['component:default/payments-api']}
      />,
      { apis: [[releaseCoordinationApiRef, server.api]] },
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    // an open dialog asks within this time (the test below waits for it)
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(server.requests('get', '/slots')).toEqual([]);
  });

  it('names the freeze a window falls into, in my zone and the freeze’s own, and proposes free slots inline', async () => {
    // A freeze kept in New York time: Monday 02:00–07:00 there, 08:00–13:00 in Berlin.
    server.respond('get', '/freeze-occurrences', ({ query }) => ({
      items:
        Date.parse(String(query.from)) < Date.parse(berlin(18, 13))
          ? [
              makeFreezeOccurrence({
                freezeId: 'ny',
                title: 'Exchange maintenance',
                start: berlin(18, 8),
                end: berlin(18, 13),
              }),
            ]
          : [],
    }));
    server.respond(
      'get',
      '/freezes/ny',
      makeFreeze({
        id: 'ny',
        recurrence: {
          rrule: 'FREQ=WEEKLY;BYDAY=MO',
          timezone: 'America/New_York',
          exdates: [],
        },
      }),
    );
    server.respond('get', '/slots', ({ query }) => ({
      items:
        query.count === 5
          ? [{ start: berlin(18, 14), end: berlin(18, 16) }]
          : [],
    }));
    await renderCreate();
    expect(screen.getByText(`Times in ${ZONE}`)).toBeInTheDocument();
    setValue('Start', '2030-03-18T09:00');
    setValue('End', '2030-03-18T11:00');

    await waitFor(() =>
      expect(check()).toHaveAttribute('data-status', 'blocked'),
    );
    expect(check()).toHaveTextContent(
      'Inside Exchange maintenance (everything): Mon Mar 18, 08:00 – 13:00 Europe/Berlin (Mon Mar 18, 03:00 – 08:00 America/New_York)',
    );
    expect(server.queries('get', '/freeze-occurrences').at(-1)).toMatchObject({
      from: berlin(18, 9),
      to: berlin(18, 11),
      entityRef: ['component:default/payments-api'],
    });
    // The assistant's free slots, without a click.
    const slot = await screen.findByTestId('form-suggested-slot');
    fireEvent.click(slot);
    expect(screen.getByLabelText('Start')).toHaveValue('2030-03-18T14:00');
    await waitFor(() => expect(check()).toHaveAttribute('data-status', 'free'));
  });

  it('ignores a freeze exempting the type, and blocks on another release of the entity', async () => {
    server.respond('get', '/freeze-occurrences', {
      items: [
        makeFreezeOccurrence({
          start: berlin(18, 0),
          end: berlin(19, 0),
          exemptTypes: ['emergency'],
        }),
      ],
    });
    server.respond('get', '/releases', {
      items: [
        makeRelease({
          id: 'other',
          title: 'Ledger',
          version: '5.0',
          window: { start: berlin(18, 10), end: berlin(18, 12) },
        }),
      ],
    });
    await renderCreate();
    setValue('Type', 'emergency');
    setValue('Start', '2030-03-18T09:00');
    setValue('End', '2030-03-18T11:00');
    await waitFor(() =>
      expect(check()).toHaveAttribute('data-status', 'blocked'),
    );
    expect(check()).toHaveTextContent('Overlaps Ledger 5.0');
    expect(check()).not.toHaveTextContent('Inside');
    expect(server.queries('get', '/releases').at(-1)).toMatchObject({
      state: ['draft', 'planned', 'approved', 'in_progress'],
    });
  });

  it('proposes a free window when the default one is not', async () => {
    const free = { start: berlin(20, 10), end: berlin(20, 12) };
    server.respond('get', '/slots', ({ query }) => ({
      items: query.count === 1 ? [free] : [],
    }));
    await renderCreate();
    await waitFor(() =>
      expect(screen.getByLabelText('Start')).toHaveValue('2030-03-20T10:00'),
    );
    expect(screen.getByLabelText('End')).toHaveValue('2030-03-20T12:00');
    const [call] = server.queries('get', '/slots');
    expect(call).toMatchObject({
      entityRef: ['component:default/payments-api'],
      duration: 'PT2H',
      type: 'normal',
      count: 1,
    });
    // A window the user typed stays.
    setValue('Start', '2030-03-21T10:00');
    setValue('End', '2030-03-21T12:00');
    await waitFor(() => expect(check()).toHaveAttribute('data-status', 'free'));
    expect(screen.getByLabelText('Start')).toHaveValue('2030-03-21T10:00');
  });

  it('does not count the edited release against itself', async () => {
    const release = makeRelease({
      id: 'r1',
      window: { start: berlin(18, 9), end: berlin(18, 11) },
    });
    server.respond('get', '/releases', { items: [release] });
    await renderInTestApp(
      <EditReleaseDialog
        open
        release={release}
        onClose={jest.fn()}
        onSaved={jest.fn()}
        onReload={jest.fn()}
      />,
      { apis: [[releaseCoordinationApiRef, server.api]] },
    );
    await waitFor(() => expect(check()).toHaveAttribute('data-status', 'free'));
    expect(within(check()).getByRole('status')).toHaveTextContent(
      'The window is free',
    );
  });
});
