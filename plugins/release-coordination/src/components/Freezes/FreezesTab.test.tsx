import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeFreeze } from '../../__fixtures__/builders';
import { setupContractServer } from '../../__testUtils__/contractServer';
import { browserTimeZone } from './freezeForm';
import {
  answerFreezes,
  fourFreezes,
  renderFreezesTab,
} from './__testUtils__/freezeFixtures';

const server = setupContractServer();
const render = () => renderFreezesTab(server);

const row = (title: string) => screen.getByText(title).closest('tr')!;

const setValue = (label: string, value: string) =>
  fireEvent.change(within(screen.getByRole('dialog')).getByLabelText(label), {
    target: { value },
  });

describe('FreezesTab', () => {
  beforeEach(() => answerFreezes(server));

  it('lists scopes, times in words and states', async () => {
    await render();

    const weekend = within(row('Weekend freeze'));
    expect(weekend.getByText('Everything')).toBeInTheDocument();
    expect(
      weekend.getByText(
        /^Fri 16:00 – Mon 08:00, every week \(Europe\/Berlin\), from Mar 1, 2030 \(except Mar 22, 2030\)$/,
      ),
    ).toBeInTheDocument();
    expect(weekend.getByText('emergency, security')).toBeInTheDocument();
    expect(weekend.getByText('Upcoming')).toBeInTheDocument();

    const payments = within(row('Payments migration'));
    expect(payments.getByText('system:payments')).toBeInTheDocument();
    expect(payments.getByText('group:platform-team')).toBeInTheDocument();
    expect(payments.queryByText('Everything')).toBeNull();
    expect(payments.getByText('Active now')).toBeInTheDocument();

    const quarter = within(row('Quarter close'));
    expect(quarter.getByText('domain:commerce')).toBeInTheDocument();
    expect(
      quarter.getByText(
        /^Every March, June, September and December on the 14th last, Mar 18 – Mar 31 \(Europe\/Berlin\)/,
      ),
    ).toBeInTheDocument();
    expect(quarter.getByText('None')).toBeInTheDocument();

    const ended = within(row('Incident freeze'));
    expect(ended.getByText('Ended')).toBeInTheDocument();
    expect(ended.getByText('Ended: Incident resolved')).toBeInTheDocument();
    expect(ended.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(ended.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
  });

  it('creates a recurring freeze in a time zone', async () => {
    await render();
    expect(
      screen.queryByText('Only platform admins manage freezes.'),
    ).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'New freeze' }));
    const dialog = await screen.findByRole('dialog', { name: 'New freeze' });
    expect(within(dialog).getByLabelText('Time zone')).toHaveValue(
      browserTimeZone(),
    );
    expect(
      within(dialog).getByRole('checkbox', { name: 'emergency' }),
    ).toBeChecked();
    expect(
      within(dialog).getByRole('checkbox', { name: 'security' }),
    ).toBeChecked();

    setValue('Title', 'Weekend freeze');
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Everything' }),
    );
    setValue('Systems', 'payments');
    setValue('Entities', 'component:default/payments-api');
    setValue('Start', '2030-03-15T16:00');
    setValue('End', '2030-03-18T08:00');
    setValue('Time zone', 'Europe/Berlin');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Repeats'),
      'weekly',
    );
    expect(
      within(dialog).getByRole('checkbox', { name: 'Friday' }),
    ).toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Saturday' }),
    );
    setValue('Exceptions', '2030-03-22');
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'security' }),
    );
    server.respond(
      'post',
      '/freezes',
      makeFreeze({ id: 'f5', title: 'Weekend freeze' }),
      { status: 201 },
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.bodies('post', '/freezes')).toEqual([
      {
        title: 'Weekend freeze',
        description: '',
        scope: {
          all: false,
          domains: [],
          systems: ['system:default/payments'],
          groups: [],
          entities: ['component:default/payments-api'],
        },
        start: '2030-03-15T15:00:00.000Z',
        end: '2030-03-18T07:00:00.000Z',
        recurrence: {
          rrule: 'FREQ=WEEKLY;BYDAY=FR,SA',
          timezone: 'Europe/Berlin',
          exdates: ['2030-03-22T15:00:00.000Z'],
        },
        exemptTypes: ['emergency'],
      },
    ]);
    expect(
      await screen.findByText('Freeze "Weekend freeze" created.'),
    ).toBeInTheDocument();
  });

  it('names invalid fields under them', async () => {
    await render();
    await userEvent.click(screen.getByRole('button', { name: 'New freeze' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Everything' }),
    );
    setValue('Systems', 'domain:default/commerce');
    setValue('Start', '2030-03-14T16:00'); // a Thursday
    setValue('End', '2030-03-14T16:10');
    setValue('Time zone', 'Mars/Olympus');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Repeats'),
      'custom',
    );
    setValue('RRULE', 'FREQ=SOMETIMES');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );

    const field = (label: string) => within(dialog).getByLabelText(label);
    expect(field('Title')).toHaveAccessibleDescription('Required');
    expect(field('Systems')).toHaveAccessibleDescription(
      '"domain:default/commerce" is not a system',
    );
    expect(field('Time zone')).toHaveAccessibleDescription(
      'not a known IANA time zone (e.g. Europe/Berlin)',
    );
    expect(field('RRULE')).toHaveAccessibleDescription(
      /not a valid RFC 5545 RRULE/,
    );
    expect(field('End')).toHaveAccessibleDescription(
      'a freeze occurrence must last at least 30 minutes',
    );

    setValue('Time zone', 'Europe/Berlin');
    setValue('End', '2030-03-14T18:00');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Repeats'),
      'weekly',
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Thursday' }),
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Friday' }),
    );
    setValue('Exceptions', '2030-03-21, someday');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(field('Start')).toHaveAccessibleDescription(
      'must be on one of the chosen weekdays (it is a Thursday)',
    );
    expect(field('Exceptions')).toHaveAccessibleDescription(
      '"someday" is not a date (YYYY-MM-DD)',
    );
    expect(server.requests('post', '/freezes')).toHaveLength(0);
  });

  it('edits a freeze sending its revision and the changed fields', async () => {
    await render();
    await userEvent.click(
      within(row('Weekend freeze')).getByRole('button', { name: 'Edit' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit freeze' });
    expect(within(dialog).getByLabelText('Start')).toHaveValue(
      '2030-03-01T16:00',
    );
    expect(within(dialog).getByLabelText('Time zone')).toHaveValue(
      'Europe/Berlin',
    );
    expect(within(dialog).getByLabelText('Repeats')).toHaveValue('weekly');
    expect(within(dialog).getByLabelText('Exceptions')).toHaveValue(
      '2030-03-22',
    );

    setValue('Title', 'Weekends');
    const [weekend, ...others] = fourFreezes();
    const renamed = { ...weekend, title: 'Weekends', revision: 4 };
    answerFreezes(server, [renamed, ...others]);
    server.respond('patch', '/freezes/f1', renamed);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await userEvent.click(
      within(row('Weekends')).getByRole('button', { name: 'Edit' }),
    );
    await userEvent.selectOptions(
      within(await screen.findByRole('dialog')).getByLabelText('Repeats'),
      'none',
    );
    const { recurrence: _recurrence, ...oneOff } = renamed;
    server.respond('patch', '/freezes/f1', { ...oneOff, revision: 5 });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(server.bodies('patch', '/freezes/f1')).toEqual([
      { revision: 3, title: 'Weekends' },
      { revision: 4, recurrence: null },
    ]);
  });

  it('shows a rejected edit in the dialog', async () => {
    server.fail(
      'patch',
      '/freezes/f1',
      409,
      'freeze f1 is at revision 4, not 3',
    );
    await render();
    await userEvent.click(
      within(row('Weekend freeze')).getByRole('button', { name: 'Edit' }),
    );
    setValue('Title', 'Weekends');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'freeze f1 is at revision 4, not 3',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('ends a freeze now with a reason', async () => {
    await render();
    await userEvent.click(
      within(row('Payments migration')).getByRole('button', {
        name: 'End now',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'End "Payments migration" now?',
    });
    await userEvent.type(
      within(dialog).getByLabelText('Reason (optional)'),
      'Migration done',
    );
    const freezes = fourFreezes();
    freezes[1] = {
      ...freezes[1],
      endedAt: '2030-03-13T12:00:00.000Z',
      endReason: 'Migration done',
      revision: 2,
    };
    server.respond('post', '/freezes/f2/end', freezes[1]);
    answerFreezes(server, freezes);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'End now' }),
    );

    expect(await screen.findByText('Freeze ended.')).toBeInTheDocument();
    expect(server.bodies('post', '/freezes/f2/end')).toEqual([
      { reason: 'Migration done' },
    ]);
    await waitFor(() =>
      expect(
        within(row('Payments migration')).getByText('Ended'),
      ).toBeInTheDocument(),
    );
  });

  it('deletes a freeze after confirming', async () => {
    await render();
    await userEvent.click(
      within(row('Quarter close')).getByRole('button', { name: 'Delete' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete "Quarter close"?',
    });
    server.respond('delete', '/freezes/f3', undefined);
    answerFreezes(
      server,
      fourFreezes().filter(freeze => freeze.id !== 'f3'),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(await screen.findByText('Freeze deleted.')).toBeInTheDocument();
    expect(server.requests('delete', '/freezes/{id}')).toEqual([
      expect.objectContaining({ params: { id: 'f3' } }),
    ]);
    expect(screen.queryByText('Quarter close')).toBeNull();
  });

  it('shows a refused deletion in the dialog', async () => {
    server.fail('delete', '/freezes/f3', 403, 'not allowed to manage freezes');
    await render();
    await userEvent.click(
      within(row('Quarter close')).getByRole('button', { name: 'Delete' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'not allowed to manage freezes',
    );
    expect(
      screen.getByText('Quarter close', { selector: 'td *, td' }),
    ).toBeInTheDocument();
  });
});
